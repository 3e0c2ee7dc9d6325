"""Names of cells and tables in the report's own words, for messages."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..findings import DocxCell, DocxParagraph, HtmlCell, HtmlParagraph, PdfCell, PdfParagraph, SheetCell, Where
from ..formats import editions as E

if TYPE_CHECKING:
    from .tables import StatCell

_T2_ROW_LABELS = {k: lbl for k, lbl, _ in E.T2_2019.rows + E.T2_2021.rows}


def cell_label(stat: StatCell, edition: E.Edition = E.Edition.V2021) -> str:
    """表三“（一）予以公开”行“自然人”栏 / 表四“行政复议·总计”栏 / 表二“规章”行“本年制发件数”栏."""
    if stat.table == "T3":
        return f"表三“{E.t3_row_label(stat.row)}”行“{E.T3_COL_LABEL[stat.col]}”栏"
    if stat.table == "T4":
        return f"表四“{E.t4_col_label(stat.col)}”栏"
    spec = edition.spec.t2 or E.T2_2021
    cols = {k: lbl for k, lbl, _ in E.T2_2019.cols + spec.cols}
    return f"表二“{_T2_ROW_LABELS.get(stat.row, stat.row)}”行“{cols.get(stat.col, stat.col)}”栏"


def file_place(where: Where) -> str:
    """The file's own coordinates: Word 第 2 个表格第 6 行第 10 列 / Word 第 7 段 / 工作表“表三” J6 / 网页… / PDF 第 3 页…"""
    if isinstance(where, DocxCell):
        return f"Word 第 {where.table + 1} 个表格第 {where.row + 1} 行第 {where.col + 1} 列"
    if isinstance(where, DocxParagraph):
        return f"Word 第 {where.index + 1} 段"
    if isinstance(where, SheetCell):
        return f"工作表“{where.sheet}” {where.cell}"
    if isinstance(where, HtmlCell):
        return f"网页第 {where.table + 1} 个表格第 {where.row + 1} 行第 {where.col + 1} 列"
    if isinstance(where, HtmlParagraph):
        return f"网页第 {where.index + 1} 段"
    if isinstance(where, PdfCell):
        return f"PDF 第 {where.page} 页表格第 {where.row + 1} 行第 {where.col + 1} 列"
    if isinstance(where, PdfParagraph):
        return f"PDF 第 {where.page} 页"
    return ""
