"""Tables and drafts built in memory from rows of strings: no file is written."""
from __future__ import annotations

from app.draft.model import Cell, Draft, FileKind, Paragraph, Table
from app.findings import DocxCell, DocxParagraph
from tests.fixtures.labels import T3_COLUMNS, T3_PARENTS, T3_ROWS


def table_of(rows: list[list[str]], index: int = 0) -> Table:
    """A table whose row r, column c holds rows[r][c]; an entry None repeats the cell to its left (a merge)."""
    grid: list[list[Cell]] = []
    for r, texts in enumerate(rows):
        row: list[Cell] = []
        for c, text in enumerate(texts):
            row.append(row[-1] if text is None and row else Cell(text or "", DocxCell(index, r, c), r, c))
        grid.append(row)
    return Table(grid=grid)


def t3_rows(values: dict[str, list[int]] | None = None, *, single_other_row: bool = False) -> list[list[str]]:
    """表三 in the 2021 layout (or with one （六） row): a header row, then label + seven values per row."""
    values = values or {}
    rows = [["", "", "", *T3_COLUMNS.values()]]
    keys = [k for k in T3_ROWS if k not in (("r3_6_1", "r3_6_2", "r3_6_3") if single_other_row else ("r3_6",))]
    for key in keys:
        parent = T3_PARENTS.get(key.rsplit("_", 1)[0], "") if key.count("_") == 2 else ""
        rows.append([parent, T3_ROWS[key], None, *map(str, values.get(key, [0] * 7))])
    return rows


def draft_of(*blocks: str | list[list[str]]) -> Draft:
    """A .docx-like draft: strings are paragraphs, lists of rows are tables."""
    draft = Draft(path="内存草稿.docx", kind=FileKind.DOCX)
    paragraphs = tables = 0
    for block in blocks:
        if isinstance(block, str):
            draft.blocks.append(Paragraph(block, DocxParagraph(paragraphs)))
            paragraphs += 1
        else:
            draft.blocks.append(table_of(block, tables))
            tables += 1
    return draft


T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def t4_rows(values: list[int]) -> list[list[str | None]]:
    """表四 in the official layout: 行政复议 | 行政诉讼 (未经复议直接起诉, 复议后起诉) over three header rows, then the
    15 values (复议 five, then 直接起诉 five, then 复议后起诉 five)."""
    return [["行政复议", *[None] * 4, "行政诉讼", *[None] * 9],
            [*T4_RESULTS, "未经复议直接起诉", *[None] * 4, "复议后起诉", *[None] * 4],
            [*T4_RESULTS, *T4_RESULTS, *T4_RESULTS],
            [str(v) for v in values]]
