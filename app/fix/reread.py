"""Before a corrected copy changes a cell, that cell is read again from the file, the plainest way, and compared with
what the engine read: where they differ, the copy changes nothing there and says so.

This is the guard against a reader's blind spot (text the reader could not see, e.g. in a structure it does not
know) and against a file changed on disk since it was checked: a corrected copy never writes over content.
"""
from __future__ import annotations

import dataclasses
import io

from ..draft.docx_parts import DocxParts
from ..draft.docx_reader import W_TBL, cell_columns, iter_body_blocks, literal_text, table_rows
from ..draft.ooxml import qn
from ..findings import DocxCell, SheetCell, Where
from ..formats.labels import parse_value
from .cell_plan import CellChange
from .marks import Mark
from .plan import FixPlan

_MISSING = None  # the place is no longer in the file
_BODY = qn("w:body")


def same_content(read: str, found: str | None) -> bool:
    """The engine's text of a place and the file's are the same: equal without whitespace, or the same number."""
    if found is None:
        return False
    a, b = "".join(read.split()), "".join(found.split())
    if a == b:
        return True
    va, vb = parse_value(a), parse_value(b)
    return va.kind == vb.kind == "number" and va.amount == vb.amount


def docx_cell_texts(data: bytes, wheres: list[DocxCell]) -> dict[Where, str | None]:
    """The literal text of each cell of a .docx, found by (Word table, row, grid column)."""
    tables = [el for el in iter_body_blocks(DocxParts(data).document.find(_BODY)) if el.tag == W_TBL]
    out: dict[Where, str | None] = {}
    for where in wheres:
        rows = table_rows(tables[where.table]) if where.table < len(tables) else []
        tr = rows[where.row] if where.row < len(rows) else None
        tc = None if tr is None else next((tc for col, _, tc in cell_columns(tables[where.table], tr)
                                           if col == where.col), None)
        out[where] = _MISSING if tc is None else literal_text(tc)
    return out


def xlsx_cell_texts(data: bytes, wheres: list[SheetCell]) -> dict[Where, str | None]:
    """The stored value of each cell of a workbook, as text (a formula as its formula)."""
    import openpyxl  # loaded only when a workbook is corrected

    from ..draft.xlsx_repair import repaired_xlsx

    book = openpyxl.load_workbook(io.BytesIO(repaired_xlsx(data)))
    out: dict[Where, str | None] = {}
    for where in wheres:
        if where.sheet not in book.sheetnames:
            out[where] = _MISSING
            continue
        value = book[where.sheet][where.cell].value
        out[where] = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
    return out


def guarded_plan(path: str, plan: FixPlan) -> FixPlan:
    """The plan with every cell change whose place no longer holds what the engine read turned into a comment."""
    if not plan.cells:
        return plan
    with open(path, "rb") as fh:
        data = fh.read()
    wheres = [c.stat.cell.where for c in plan.cells]
    found = docx_cell_texts(data, wheres) if plan.kind == "docx" else xlsx_cell_texts(data, wheres)
    kept, refused = [], []
    for change in plan.cells:
        (kept if same_content(change.stat.cell.text, found[change.stat.cell.where]) else refused).append(change)
    if not refused:
        return plan
    marks = [Mark(c.stat.cell.where, refusal_comment(c, found[c.stat.cell.where])) for c in refused]
    lines = [refusal_line(c, found[c.stat.cell.where]) for c in refused]
    return dataclasses.replace(plan, cells=kept, marks=plan.marks + marks, left_open=plan.left_open + lines)


def _shown(text: str | None) -> str:
    if text is None:
        return "（已不存在）"
    return f"“{text.strip()}”" if text.strip() else "空白"


def refusal_comment(change: CellChange, found: str | None) -> str:
    return (f"年报检查工具未修改此格：检查时读到{_shown(change.stat.cell.text)}，保存时文件中此处为{_shown(found)}，"
            f"两者不一致，为免覆盖原有内容未作修改（原拟改为 {change.new}）。请人工核对：{change.reason}")


def refusal_line(change: CellChange, found: str | None) -> str:
    return (f"{change.label}：文件中此格为{_shown(found)}，与检查时读到的{_shown(change.stat.cell.text)}不一致，"
            f"未作修改（原拟改为 {change.new}）")

