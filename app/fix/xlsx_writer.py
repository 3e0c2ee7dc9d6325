"""Write the corrected or annotated copy of an .xlsx: values and formula ranges set in place, sections and tables
added, each change commented and filled; what is left to a person commented on its cell."""
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
from ..draft.xlsx_repair import repaired_xlsx
from ..formats import editions as E
from ..formats.layouts import official_layout
from .annotate import AnnotationPlan
from .cell_plan import CellChange, FormulaFollow, FormulaRepair
from .marks import AUTHOR, Mark
from .plan import FixPlan, SectionInsert, TableInsert
from .safe_write import write_bytes_atomic
from .xlsx_rows import prose_sheet_name

MARK = PatternFill(fill_type="solid", fgColor="FFFF00")  # changed by the copy
OPEN = PatternFill(fill_type="solid", fgColor="FFC7CE")  # for a person to decide
_NOTE_WIDTH, _NOTE_LINE_CHARS, _NOTE_LINE_HEIGHT = 320, 20, 18  # a note's size in pixels, CJK characters per line
_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_NARROWEST = 9  # width of the narrowest column of a new table sheet, in characters
_LINE_HEIGHT = 15  # points


def _comment(cell, text: str) -> None:
    """Attach the tool's comment to a cell, after any comment it already has; the note is sized to its text."""
    if cell.comment is not None:
        text = f"{cell.comment.text}\n\n{text}"
    lines = sum(max(1, math.ceil(len(line) / _NOTE_LINE_CHARS)) for line in text.split("\n"))
    cell.comment = Comment(text, AUTHOR, width=_NOTE_WIDTH, height=min(600, 20 + _NOTE_LINE_HEIGHT * lines))


def _cell(book, where):
    return book[where.sheet][where.cell]


def _change_cell(book, change: CellChange) -> None:
    """New value in place (style kept), filled, with the old → new comment."""
    cell = _cell(book, change.stat.cell.where)
    cell.value = change.new
    cell.fill = MARK
    _comment(cell, change.comment)


def _change_formula(book, change: FormulaRepair | FormulaFollow) -> None:
    """A repaired SUM range (still a formula), or a note on a formula whose result follows its repaired inputs."""
    cell = _cell(book, change.stat.cell.where)
    if isinstance(change, FormulaRepair):
        cell.value = change.formula
    cell.fill = MARK
    _comment(cell, change.comment)


def _mark(book, mark: Mark) -> None:
    """A finding left to a person: the cell filled, and the comment when the mark has one."""
    cell = _cell(book, mark.where)
    cell.fill = OPEN
    if mark.comment:
        _comment(cell, mark.text)


def _last_used_row(sheet) -> int:
    """The last row holding a value or a merged range."""
    rows = [c.row for row in sheet.iter_rows() for c in row if c.value is not None]
    rows += [m.max_row for m in sheet.merged_cells.ranges]
    return max(rows, default=0)


def _prose_sheet(book, item: SectionInsert):
    """The sheet and the cell whose look a new section copies (a heading, else body text; none: first sheet)."""
    where = item.like or item.body_like
    sheet = book[prose_sheet_name(book, item)]
    return sheet, (sheet[where.cell] if where is not None else None)


def _row_span(sheet, cell) -> int:
    """How many columns the merged range starting at cell covers (1 when not merged)."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row == cell.row and merged.min_col == cell.column:
            return merged.max_col - merged.min_col + 1
    return 1


def _insert_section(book, item: SectionInsert) -> None:
    """Heading and placeholder before the next section's heading (or after the prose), filled and commented."""
    sheet, like = _prose_sheet(book, item)
    col = like.column if like is not None else 1
    span = _row_span(sheet, like) if like is not None else 1
    font, alignment = (copy.copy(like.font), copy.copy(like.alignment)) if like is not None else (None, None)
    if item.appended:
        row = _last_used_row(sheet) + 2
    else:
        row = sheet[item.before.cell].row
        sheet.insert_rows(row, 2)
    for offset, text in enumerate((item.heading, E.PLACEHOLDER)):
        cell = sheet.cell(row + offset, col, text)
        if like is not None:
            cell.font, cell.alignment = copy.copy(font), copy.copy(alignment)
        cell.fill = MARK
        if span > 1:
            sheet.merge_cells(start_row=row + offset, start_column=col, end_row=row + offset, end_column=col + span - 1)
    move = "，并把它移到规范位置" if item.appended else ""
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


def _edited_copy(src: str, edit) -> bytes:
    """The workbook at src with edit(book) applied, as file content (macros kept; formulas recomputed on opening)."""
    with open(src, "rb") as fh:
        data = fh.read()
    book = openpyxl.load_workbook(io.BytesIO(repaired_xlsx(data)), keep_vba=_has_macros(data))  # as the reader read it
    edit(book)
    if has_formulas(book):  # openpyxl keeps no cached results: ask Excel/WPS to recompute on opening
        book.calculation.fullCalcOnLoad = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def corrected_xlsx_bytes(src: str, plan: FixPlan) -> bytes:
    """The corrected copy of the .xlsx at src, as file content."""
    def edit(book) -> None:
        for change in plan.cells:
            _change_cell(book, change)
        for change in plan.formulas + plan.follows:
            _change_formula(book, change)
        for mark in plan.marks:  # before inserted rows move the cells below (their comments move with them)
            _mark(book, mark)
        for item in reversed(plan.inserts):  # bottom up: an insertion never moves the anchor of one above it
            if isinstance(item, SectionInsert):
                _insert_section(book, item)
            else:
                _insert_table(book, item)
    return _edited_copy(src, edit)


def annotated_xlsx_bytes(src: str, plan: AnnotationPlan) -> bytes:
    """The annotated copy of the .xlsx at src: values untouched, every finding a filled, commented cell."""
    def edit(book) -> None:
        for mark in plan.marks:
            _mark(book, mark)
    return _edited_copy(src, edit)


def write_corrected_xlsx(src: str, plan: FixPlan, out: str, *, overwrite: bool = False) -> None:
    """Write the corrected copy of src to out, atomically; raises WriteRefused when out cannot be written."""
    write_bytes_atomic(out, corrected_xlsx_bytes(src, plan), overwrite=overwrite)


def write_annotated_xlsx(src: str, plan: AnnotationPlan, out: str, *, overwrite: bool = False) -> None:
    """Write the annotated copy of src to out, atomically; raises WriteRefused when out cannot be written."""
    write_bytes_atomic(out, annotated_xlsx_bytes(src, plan), overwrite=overwrite)
