"""A Word table (w:tbl) of an official layout, formatted like the document's other tables."""
from __future__ import annotations

import copy
from html import escape  # quote=False: xml.sax.saxutils.escape, without its urllib/http imports

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..formats.layouts import Layout, LayoutCell

_DEFAULT_WIDTH = 9000  # twips, about the text width of an A4 page with normal margins
_BORDERS = ("<w:tblBorders>" + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                                       for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>")
_TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                 "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders")


def _tbl_pr(like) -> tuple[object, int]:
    """tblPr copied from a table of the document (borders made visible), and the table width in twips."""
    if like is None or like.find(qn("w:tblPr")) is None:
        return parse_xml(f'<w:tblPr {nsdecls("w")}><w:tblW w:w="{_DEFAULT_WIDTH}" w:type="dxa"/>'
                         f'<w:jc w:val="center"/>{_BORDERS}<w:tblLayout w:type="fixed"/></w:tblPr>'), _DEFAULT_WIDTH
    tbl_pr = copy.deepcopy(like.find(qn("w:tblPr")))
    for old in tbl_pr.findall(qn("w:tblBorders")) + tbl_pr.findall(qn("w:tblPrChange")):
        tbl_pr.remove(old)
    borders = parse_xml(f'<w:tblPr {nsdecls("w")}>{_BORDERS}</w:tblPr>')[0]
    before = [child for child in tbl_pr if child.tag in {qn(f"w:{n}") for n in _TBL_PR_ORDER}]
    if before:
        before[-1].addnext(borders)
    else:
        tbl_pr.insert(0, borders)
    width_el = tbl_pr.find(qn("w:tblW"))
    width = _DEFAULT_WIDTH
    if width_el is not None and width_el.get(qn("w:type")) == "dxa" and int(width_el.get(qn("w:w"), "0")) > 0:
        width = int(width_el.get(qn("w:w")))
    return tbl_pr, width


def _tc(cell: LayoutCell, width: int, vmerge: str | None) -> str:
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    merge = f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else ("<w:vMerge/>" if vmerge else "")
    run = ("" if vmerge == "continue" else
           f'<w:r><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:t>{escape(cell.text, quote=False)}</w:t></w:r>')
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{run}</w:p></w:tc>')


def build_table(layout: Layout, like=None):
    """The w:tbl element of `layout`; `like` is an existing w:tbl whose table properties are copied."""
    tbl_pr, total = _tbl_pr(like)
    weight = sum(layout.widths)
    widths = [total * w // weight for w in layout.widths]
    starts = {(c.row, c.col): c for c in layout.cells}
    rows = []
    for r in range(layout.height):
        tcs = []
        col = 0
        while col < len(widths):
            cell = starts.get((r, col))
            vmerge = None
            if cell is None:  # covered by a vertically merged cell that starts higher up
                cell = next(c for c in layout.cells if c.col == col and c.row < r < c.row + c.rowspan)
                vmerge = "continue"
            elif cell.rowspan > 1:
                vmerge = "restart"
            tcs.append(_tc(cell, sum(widths[col:col + cell.colspan]), vmerge))
            col += cell.colspan
        rows.append(f"<w:tr>{''.join(tcs)}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    tbl = parse_xml(f'<w:tbl {nsdecls("w")}><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
    tbl.insert(0, tbl_pr)
    return tbl
