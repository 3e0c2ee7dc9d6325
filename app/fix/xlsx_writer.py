"""Write the corrected copy of an .xlsx: values set in place, sections and tables added, each commented and filled."""
from __future__ import annotations

import copy
import io
import math
import zipfile

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.utils.cell import get_column_letter

from ..draft.xlsx_reader import has_formulas
from ..findings import SheetCell
from ..formats import editions as E
from ..formats.layouts import official_layout
from .plan import CellChange, FixPlan, SectionInsert, TableInsert
from .safe_write import write_bytes_atomic

AUTHOR = "年报检查工具"
MARK = PatternFill(fill_type="solid", fgColor="FFFF00")
_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_NARROWEST = 9  # width of the narrowest column of a new table sheet, in characters
_LINE_HEIGHT = 15  # points


def _comment(cell, text: str) -> None:
    """Attach the tool's comment to a cell, after any comment it already has."""
    if cell.comment is not None:
        text = f"{cell.comment.text}\n{text}"
    cell.comment = Comment(text, AUTHOR, width=320, height=160)


def _change_cell(book, change: CellChange) -> None:
    """New value in place (style kept), filled, with the old → new comment."""
    where = change.stat.cell.where
    cell = book[where.sheet][where.cell]
    cell.value = change.new
    cell.fill = MARK
    _comment(cell, change.comment)


def _last_used_row(sheet) -> int:
    """The last row holding a value or a merged range."""
    rows = [c.row for row in sheet.iter_rows() for c in row if c.value is not None]
    rows += [m.max_row for m in sheet.merged_cells.ranges]
    return max(rows, default=0)


def _prose_sheet(book, item: SectionInsert):
    """The sheet and the cell whose look a new section copies (a heading, else body text; none: first sheet)."""
    where = item.like or item.body_like
    if where is None:
        return book.worksheets[0], None
    sheet = book[where.sheet]
    return sheet, sheet[where.cell]


def _row_span(sheet, cell) -> int:
    """How many columns the merged range starting at cell covers (1 when not merged)."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row == cell.row and merged.min_col == cell.column:
            return merged.max_col - merged.min_col + 1
    return 1


def _rows_can_shift(book, sheet, row: int) -> bool:
    """Rows from `row` down can move without breaking merges, formulas, validation or formatting."""
    if any(m.max_row >= row for m in sheet.merged_cells.ranges):
        return False
    if sheet.data_validations.dataValidation or sheet.conditional_formatting:
        return False
    referenced = f"{sheet.title}!" in "".join(
        c.value for ws in book.worksheets if ws is not sheet for r in ws.iter_rows() for c in r
        if isinstance(c.value, str) and c.value.startswith("="))
    own = any(isinstance(c.value, str) and c.value.startswith("=") for r in sheet.iter_rows() for c in r)
    return not (referenced or own)


def _section_row(book, sheet, item: SectionInsert) -> tuple[int, bool]:
    """(row, in place): before the next section's heading when rows can shift, else after the used range."""
    before = item.before
    if isinstance(before, SheetCell) and before.sheet == sheet.title:
        row = sheet[before.cell].row
        if _rows_can_shift(book, sheet, row):
            sheet.insert_rows(row, 2)
            return row, True
    return _last_used_row(sheet) + 2, False


def _insert_section(book, item: SectionInsert) -> None:
    """Heading and placeholder before the next section's heading (or after the prose), filled and commented."""
    sheet, like = _prose_sheet(book, item)
    col = like.column if like is not None else 1
    span = _row_span(sheet, like) if like is not None else 1
    font, alignment = (copy.copy(like.font), copy.copy(like.alignment)) if like is not None else (None, None)
    row, in_place = _section_row(book, sheet, item)
    item.appended = not in_place
    for offset, text in enumerate((item.heading, E.PLACEHOLDER)):
        cell = sheet.cell(row + offset, col, text)
        if like is not None:
            cell.font, cell.alignment = copy.copy(font), copy.copy(alignment)
        cell.fill = MARK
        if span > 1:
            sheet.merge_cells(start_row=row + offset, start_column=col, end_row=row + offset, end_column=col + span - 1)
    move = "" if in_place else "，并把它移到规范位置"
    _comment(sheet.cell(row, col), f"年报检查工具插入：{item.reason}已插入标题“{item.heading}”和占位行，"
                                   f"请补写本部分内容{move}。")


def _sheet_name(book, table: str) -> str:
    """表二/表三/表四, or 表四（2）… when the name is taken by a sheet the engine did not recognise."""
    name = E.TABLE_SHORT[table]
    suffix = 1
    while name in book.sheetnames:
        suffix += 1
        name = f"{E.TABLE_SHORT[table]}（{suffix}）"
    return name


def _lines_per_row(layout, widths: list[float]) -> dict[int, int]:
    """Text lines each row needs for its one-row labels (a CJK character is about two width units)."""
    lines: dict[int, int] = {}
    for placed in layout.cells:
        if placed.rowspan == 1:
            width = sum(widths[placed.col:placed.col + placed.colspan])
            lines[placed.row] = max(lines.get(placed.row, 1), math.ceil(2 * len(placed.text) / width))
    return lines


def _insert_table(book, item: TableInsert) -> None:
    """A new sheet holding the table in its official layout, every value 0."""
    layout = official_layout(item.table, item.edition)
    later = [book.sheetnames.index(E.TABLE_SHORT[t]) for t in ("T2", "T3", "T4")
             if t > item.table and E.TABLE_SHORT[t] in book.sheetnames]  # sheets of the tables that follow
    sheet = book.create_sheet(_sheet_name(book, item.table), min(later, default=None))
    widths = [_NARROWEST * w / min(layout.widths) for w in layout.widths]
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # print one page wide
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    for row, lines in _lines_per_row(layout, widths).items():
        sheet.row_dimensions[row + 1].height = _LINE_HEIGHT * lines
    for placed in layout.cells:
        top, left = placed.row + 1, placed.col + 1
        bottom, right = top + placed.rowspan - 1, left + placed.colspan - 1
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                sheet.cell(r, c).border = _GRID
        cell = sheet.cell(top, left, 0 if placed.value else placed.text)
        cell.alignment = _CENTRED
        if placed.value:
            cell.fill = MARK
        if (top, left) != (bottom, right):
            sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    _comment(sheet["A1"], f"年报检查工具插入：{item.reason}已按规范格式新建本表，各栏暂填 0，请按实际情况填写。")


def _has_macros(data: bytes) -> bool:
    """An .xlsm: its VBA project must be kept."""
    return "xl/vbaProject.bin" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def corrected_xlsx_bytes(src: str, plan: FixPlan) -> bytes:
    """The corrected copy of the .xlsx at src, as file content."""
    with open(src, "rb") as fh:
        data = fh.read()
    book = openpyxl.load_workbook(io.BytesIO(data), keep_vba=_has_macros(data))
    for change in plan.cells:
        _change_cell(book, change)
    for item in plan.inserts:
        if isinstance(item, SectionInsert):
            _insert_section(book, item)
        else:
            _insert_table(book, item)
    if has_formulas(book):  # openpyxl keeps no cached results: ask Excel/WPS to recompute on opening
        book.calculation.fullCalcOnLoad = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_corrected_xlsx(src: str, plan: FixPlan, out: str, *, overwrite: bool = False) -> None:
    """Write the corrected copy of src to out, atomically; raises WriteRefused when out cannot be written."""
    write_bytes_atomic(out, corrected_xlsx_bytes(src, plan), overwrite=overwrite)
