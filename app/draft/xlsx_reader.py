"""openpyxl → Draft: every sheet split into prose rows and table regions, merges on a grid."""
from __future__ import annotations

import datetime
import io
import re
import zipfile

import openpyxl
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from ..findings import SheetCell
from ..formats.labels import norm, parse_value
from .formula import NotSimple, evaluate
from .model import Cell, Draft, FileKind, Paragraph, Table, UnreadableDraft

MAX_SHEET_XML_BYTES = 30_000_000  # a report sheet is well under 1 MB; a million rows is ~40 MB
MAX_ROWS = 5_000
MAX_COLS = 200

# Short labels that belong to the statistics tables, never to prose.
_TABLE_WORDS = re.compile(
    r"第二十条|信息内容|予以公开|部分公开|不予公开|国家秘密|禁止公开|三安全|第三方合法|内部事务|过程性|执法案卷|"
    r"行政查询|无法提供|不掌握|另行制作|补正后|不予处理|信访|重复申请|出版物|反复申请|重新出具|其他处理|不补正|"
    r"缴纳费用|本年新收|上年结转|结转下年|办理结果|勾稽关系|申请人情况|自然人|法人或其他组织|规章|规范性文件|行政许可|"
    r"行政处罚|行政强制|事业性收费|集中采购|对外管理服务|结果维持|结果纠正|尚未审结|未经复议|复议后起诉|^行政复议$|"
    r"^行政诉讼$|^总计$|^合计$|^其他$")
_LABEL_MAX_CHARS = 48


def _check_size(path: str) -> None:
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename.startswith("xl/worksheets/") and info.file_size > MAX_SHEET_XML_BYTES:
                raise UnreadableDraft(
                    f"工作表过大（{info.file_size // 1_000_000} MB 的表格数据），不像是一份年报草稿；"
                    "请只保留年报正文和表二、表三、表四后另存再检查")


def _text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(round(value, 10))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y年%m月%d日")
    return str(value)


class _Sheet:
    """One sheet's cells with formulas, cached values and merges."""

    def __init__(self, ws_formulas, ws_values):
        self.name = ws_formulas.title
        if ws_formulas.max_row > MAX_ROWS or ws_formulas.max_column > MAX_COLS:
            raise UnreadableDraft(
                f"工作表“{self.name}”有 {ws_formulas.max_row} 行、{ws_formulas.max_column} 列，不像是一份年报草稿；"
                "请只保留年报正文和统计表后另存再检查")
        self.formulas: dict[tuple[int, int], str] = {}
        self.values: dict[tuple[int, int], object] = {}
        for row in ws_formulas.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                if isinstance(c.value, str) and c.value.startswith("="):
                    self.formulas[(c.row, c.column)] = c.value
                else:
                    self.values[(c.row, c.column)] = c.value
        for (r, col) in self.formulas:
            self.values[(r, col)] = ws_values.cell(row=r, column=col).value
        self.merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws_formulas.merged_cells.ranges]
        used = list(self.values) + [(m[2], m[3]) for m in self.merges]
        self.max_row = max((r for r, _ in used), default=0)
        self.max_col = max((c for _, c in used), default=0)


def read_xlsx(path: str) -> Draft:
    _check_size(path)
    with open(path, "rb") as fh:  # from bytes, so a renamed .xlsx (or an .xlsm) still loads
        data = fh.read()
    wb_f = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    wb_v = openpyxl.load_workbook(io.BytesIO(data), data_only=True) if has_formulas(wb_f) else wb_f
    sheets = {ws.title: _Sheet(ws, wb_v[ws.title]) for ws in wb_f.worksheets if ws.sheet_state == "visible"}
    resolver = _FormulaResolver(sheets)
    draft = Draft(path=path, kind=FileKind.XLSX)
    for sheet in sheets.values():
        _append_sheet(draft, sheet, resolver)
    return draft


def has_formulas(wb) -> bool:
    """Any cell of the workbook holds a formula."""
    return any(isinstance(c.value, str) and c.value.startswith("=")
               for ws in wb.worksheets for row in ws.iter_rows() for c in row)


class _FormulaResolver:
    """Cached value of a formula cell, or the engine's own evaluation when the file has none."""

    def __init__(self, sheets: dict[str, _Sheet]):
        self.sheets = sheets
        self._busy: set = set()

    def value(self, sheet: str, r: int, c: int):
        """(value, known) of a cell; text counts as 0 like in a SUM."""
        sh = self.sheets.get(sheet)
        if sh is None:
            return None, False
        raw = sh.values.get((r, c))
        if (r, c) in sh.formulas and raw is None:
            key = (sheet, r, c)
            if key in self._busy:
                return None, False
            self._busy.add(key)
            try:
                raw = evaluate(sh.formulas[(r, c)], sheet, self._lookup)
            except NotSimple:
                raw = None
            finally:
                self._busy.discard(key)
            if raw is None:
                return None, False
            sh.values[(r, c)] = raw
        return raw, True

    def _lookup(self, sheet: str, a1: str):
        m = re.fullmatch(r"([A-Z]+)(\d+)", a1)
        value, known = self.value(sheet, int(m.group(2)), column_index_from_string(m.group(1)))
        if not known:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        v = parse_value(_text_of(value))
        return v.number if v.kind == "number" else 0


def _sheet_grid(sheet: _Sheet, resolver: _FormulaResolver) -> list[list[Cell]]:
    """The sheet's used range as a grid of Cells (1-based sheet rows map to grid row r-1)."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in sheet.merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                owner[(r, c)] = (r1, c1)
    cells: dict[tuple[int, int], Cell] = {}
    grid = []
    for r in range(1, sheet.max_row + 1):
        row = []
        for c in range(1, sheet.max_col + 1):
            top = owner.get((r, c), (r, c))
            cell = cells.get(top)
            if cell is None:
                value, known = resolver.value(sheet.name, *top)
                cell = Cell(_text_of(value), SheetCell(sheet.name, f"{get_column_letter(top[1])}{top[0]}"),
                            top[0] - 1, top[1] - 1, formula=sheet.formulas.get(top), computed=known)
                cells[top] = cell
            row.append(cell)
        grid.append(row)
    return grid


def _row_kind(row: list[Cell], width: int) -> str:
    """"empty", "prose" (one text spanning the row or not a table label) or "table"."""
    distinct = []
    for c in row:
        if c.text.strip() and (not distinct or distinct[-1] is not c):
            distinct.append(c)
    if not distinct:
        return "empty"
    if len(distinct) > 1:
        return "table"
    cell = distinct[0]
    span = sum(1 for c in row if c is cell)
    text = norm(cell.text)
    if span * 2 >= width and width >= 4 and not _TABLE_WORDS.search(text[:_LABEL_MAX_CHARS]):
        return "prose"
    if len(text) > _LABEL_MAX_CHARS or not _TABLE_WORDS.search(text):
        return "prose" if parse_value(cell.text).kind == "invalid" else "table"
    return "table"


def _append_sheet(draft: Draft, sheet: _Sheet, resolver: _FormulaResolver) -> None:
    grid = _sheet_grid(sheet, resolver)
    region: list[list[Cell]] = []

    def close_region():
        if region:
            draft.blocks.append(Table(grid=list(region), source=f"工作表“{sheet.name}”"))
            region.clear()

    for r, row in enumerate(grid):
        kind = _row_kind(row, sheet.max_col)
        if kind == "prose":
            close_region()
            cell = next(c for c in row if c.text.strip())
            draft.blocks.append(Paragraph(cell.text, cell.where))
        elif kind == "table":
            region.append(row)
    close_region()
