""".xlsx → Draft: every sheet split into prose rows and table regions, merges on a grid.

The sheets are streamed from the package (xlsx_parts), so the work follows the cells that hold something,
never the range a file claims: a stray formatted cell at A1048576 or a merge over the whole sheet costs nothing.
"""
from __future__ import annotations

import datetime
import io
import re
import zipfile

from ..findings import SheetCell
from ..formats.labels import norm, parse_value
from .formula import NotSimple, column_index_from_string, evaluate, get_column_letter
from .model import Cell, Draft, FileKind, Paragraph, Table, UnreadableDraft
from .xlsx_parts import Package, SheetContent, SheetEntry, merges_in_use, used_range

MAX_EVALUATED_CELLS = 2_000_000  # cells the formula evaluator may visit in one workbook
MAX_SHEET_ROWS = 1_048_576  # the last row a sheet can have

# Short labels that belong to the statistics tables, never to prose.
_TABLE_WORDS = re.compile(
    r"第二十条|信息内容|予以公开|部分公开|不予公开|国家秘密|禁止公开|三安全|第三方合法|内部事务|过程性|执法案卷|"
    r"行政查询|无法提供|不掌握|另行制作|补正后|不予处理|信访|重复申请|出版物|反复申请|重新出具|其他处理|不补正|"
    r"缴纳费用|本年新收|上年结转|结转下年|办理结果|勾稽关系|申请人情况|自然人|法人或其他组织|规章|规范性文件|行政许可|"
    r"行政处罚|行政强制|事业性收费|集中采购|对外管理服务|结果维持|结果纠正|尚未审结|未经复议|复议后起诉|^行政复议$|"
    r"^行政诉讼$|^总计$|^合计$|^其他$")
_LABEL_MAX_CHARS = 48


def _text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(round(value, 10))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y年%m月%d日")
    return str(value)


class _Sheet:
    """One sheet's cells with formulas, cached values and merges, cut to the cells that hold something."""

    def __init__(self, name: str, content: SheetContent):
        self.name = name
        self.formulas = content.formulas
        self.values = content.values
        self.max_row, self.max_col = used_range(content)
        self.merges = merges_in_use(content.merges, self.max_row, self.max_col, name)


def read_xlsx(path: str) -> Draft:
    with open(path, "rb") as fh:  # from bytes, so a renamed .xlsx (or an .xlsm) still loads
        data = fh.read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        package = Package(archive)
        contents = {entry.name: package.read_sheet(entry) for entry in shown_sheets(package)}
    return draft_of_sheets(path, contents)


def draft_of_sheets(path: str, contents: dict[str, SheetContent]) -> Draft:
    """The draft a workbook's sheets make, in sheet order: prose rows as paragraphs, table regions as tables."""
    sheets = {name: _Sheet(name, content) for name, content in contents.items()}
    resolver = _FormulaResolver(sheets)
    draft = Draft(path=path, kind=FileKind.XLSX)
    for sheet in sheets.values():
        _append_sheet(draft, sheet, resolver)
    return draft


def shown_sheets(package: Package) -> list[SheetEntry]:
    """The sheets Excel shows: the visible ones, or every one when all are hidden (Excel unhides the first)."""
    present = [entry for entry in package.sheets if entry.part is not None]
    if not present:
        raise UnreadableDraft("工作簿中没有可读取的工作表（文件可能已损坏），请用 Excel/WPS 打开修复后另存再检查")
    by_name: dict[str, SheetEntry] = {}
    for entry in [e for e in present if e.state == "visible"] or present:
        by_name.setdefault(entry.name, entry)  # Excel keeps the first of two sheets of one name
    return list(by_name.values())


def has_formulas(wb) -> bool:
    """Any cell of an openpyxl workbook holds a formula."""
    return any(isinstance(c.value, str) and c.value.startswith("=")
               for ws in wb.worksheets for row in ws.iter_rows() for c in row)


class _FormulaResolver:
    """Cached value of a formula cell, or the engine's own evaluation when the file has none."""

    def __init__(self, sheets: dict[str, _Sheet]):
        self.sheets = sheets
        self._busy: set = set()
        self._budget = MAX_EVALUATED_CELLS

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
                raw = evaluate(sh.formulas[(r, c)], sheet, self._lookup, self._range_sum)
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
        return self._number(sheet, int(m.group(2)), column_index_from_string(m.group(1)))

    def _range_sum(self, sheet: str, top: int, left: int, bottom: int, right: int):
        """SUM over a large range: the cells of it that exist (an absent cell adds 0), None when one is unknown."""
        sh = self.sheets.get(sheet)
        if sh is None:
            return None
        self._budget -= len(sh.values)
        inside = [(r, c) for r, c in sh.values if top <= r <= bottom and left <= c <= right]
        total = 0
        for r, c in inside:
            v = self._number(sheet, r, c)
            if v is None:
                return None
            total += v
        return total

    def _number(self, sheet: str, r: int, c: int):
        """A cell as a SUM sees it (text and blanks 0); None when unknown or the evaluation budget is spent."""
        self._budget -= 1
        if self._budget < 0:
            return None
        value, known = self.value(sheet, r, c)
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
    for r in range(1, min(sheet.max_row + 1, MAX_SHEET_ROWS) + 1):  # one row past the last: a blank value row
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


def _is_header_row(row: list[Cell], region: list[list[Cell]]) -> bool:
    """Column labels without a number, reaching the region's rightmost column: a header, not a data row."""
    filled = [c for c in row if c.text.strip()]
    if not filled or any(parse_value(c.text).kind != "invalid" for c in filled):
        return False
    rightmost = max(c.col for other in region for c in other if c.text.strip())
    return max(c.col for c in filled) >= rightmost


def _append_sheet(draft: Draft, sheet: _Sheet, resolver: _FormulaResolver) -> None:
    """The sheet's prose rows as paragraphs and its runs of table rows as tables, in sheet order.

    Empty rows inside a run are passed over, but a run that ends with its header row keeps the empty row just
    below it: that is the table's value row with every value left blank (表四 of a year without cases).
    """
    grid = _sheet_grid(sheet, resolver)
    region: list[list[Cell]] = []
    blank_value_row: list[list[Cell]] = []  # the empty row right below a header row ending the run so far

    def close_region():
        if region:
            draft.blocks.append(Table(grid=[*region, *blank_value_row], source=f"工作表“{sheet.name}”"))
            region.clear()
        blank_value_row.clear()

    for r, row in enumerate(grid):
        kind = _row_kind(row, sheet.max_col)
        if kind == "prose":
            close_region()
            cell = next(c for c in row if c.text.strip())
            if cell.row == r:  # a text merged over several rows is one paragraph, at its first row
                draft.blocks.append(Paragraph(cell.text, cell.where))
        elif kind == "table":
            blank_value_row.clear()
            region.append(row)
        elif region and region[-1] is grid[r - 1] and _is_header_row(region[-1], region):
            blank_value_row.append(row)
    close_region()
