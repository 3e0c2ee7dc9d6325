"""Whether rows of a workbook's prose sheet can shift to make room for a missing section (read, never written)."""
from __future__ import annotations

import io

import openpyxl

from ..draft.xlsx_repair import repaired_xlsx
from ..findings import SheetCell


def rows_can_shift(book, sheet, row: int) -> bool:
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


def prose_sheet_name(book, item) -> str:
    """The sheet a new section goes on: that of the heading (else body text) it copies; none: the first shown sheet."""
    where = item.like or item.body_like
    if where is not None:
        return where.sheet
    return next((ws.title for ws in book.worksheets if ws.sheet_state == "visible"), book.worksheets[0].title)


def decide_appended(path: str, items: list) -> None:
    """Set each SectionInsert's `appended`: True when the rows before its place cannot shift."""
    with open(path, "rb") as fh:
        book = openpyxl.load_workbook(io.BytesIO(repaired_xlsx(fh.read())))  # as the reader and the writer see it
    for item in items:
        name = prose_sheet_name(book, item)
        before = item.before
        in_place = (isinstance(before, SheetCell) and before.sheet == name and name in book.sheetnames
                    and rows_can_shift(book, book[name], book[name][before.cell].row))
        item.appended = not in_place
