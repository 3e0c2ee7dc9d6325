"""Write the corrected copy of a .docx: changed cells, inserted sections and tables, each highlighted and commented."""
from __future__ import annotations

import copy
import io

from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from ..draft.docx_reader import W_P, W_TBL, W_TC, W_TR, W_VAL, iter_body_blocks, open_document, paragraph_text
from ..findings import DocxCell, DocxParagraph
from ..formats import editions as E
from ..formats.labels import norm
from ..formats.layouts import official_layout
from ..report.recognise import strip_number
from .docx_package import repack
from .docx_table import build_table
from .plan import CellChange, FixPlan, SectionInsert, TableInsert
from .safe_write import write_bytes_atomic

AUTHOR, INITIALS = "年报检查工具", "JC"
W_R, W_T, W_PPR, W_RPR = qn("w:r"), qn("w:t"), qn("w:pPr"), qn("w:rPr")
_TEXT_TAGS = {W_T, qn("w:tab"), qn("w:br"), qn("w:cr")}
_REVISION_TAGS = {qn(f"w:{tag}") for tag in ("sectPr", "pPrChange", "rPrChange", "ins", "del", "moveFrom", "moveTo")}


class _Body:
    """The document's top-level paragraphs and tables, indexed as the reader's `where`s count them."""

    def __init__(self, document):
        self.document = document
        blocks = list(iter_body_blocks(document.element.body))
        self.paragraphs = [el for el in blocks if el.tag == W_P]
        self.tables = [el for el in blocks if el.tag == W_TBL]

    def paragraph(self, where: DocxParagraph | None):
        """The w:p of a paragraph's where, or None."""
        return self.paragraphs[where.index] if where else None

    def tc(self, where: DocxCell):
        """The w:tc that starts at the where's grid column."""
        tr = list(self.tables[where.table].iterchildren(W_TR))[where.row]
        before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
        col = int(before.get(W_VAL, "0")) if before is not None else 0
        for tc in tr.iterchildren(W_TC):
            if col == where.col:
                return tc
            span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            col += int(span.get(W_VAL, "1")) if span is not None else 1
        raise LookupError(f"no cell starts at {where}")

    def mark(self, runs: list, text: str) -> None:
        """Highlight the runs and attach a comment to the range from the first to the last."""
        wrapped = [Run(r, None) for r in runs]
        for run in wrapped:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        self.document.add_comment(wrapped, text=text, author=AUTHOR, initials=INITIALS)


def _clean_copy(props):
    """A copy of pPr/rPr without section breaks and tracked-change records."""
    props = copy.deepcopy(props)
    for child in [c for c in props if c.tag in _REVISION_TAGS]:
        props.remove(child)
    return props


def _first_text_run(element):
    """The first w:r holding text inside element, or None."""
    return next((r for r in element.iter(W_R) if r.find(W_T) is not None), None)


def _new_run(text: str, r_pr=None):
    """A w:r with text and a copy of r_pr."""
    run = OxmlElement("w:r")
    if r_pr is not None:
        run.append(_clean_copy(r_pr))
    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def _set_cell_text(tc, text: str):
    """Write text into a cell's first run, keeping its formatting; other runs lose their text. Returns the run."""
    run = _first_text_run(tc)
    if run is None:
        p = tc.find(W_P)
        p_pr = p.find(W_PPR)
        mark_r_pr = p_pr.find(W_RPR) if p_pr is not None else None
        run = _new_run("", mark_r_pr)
        p.append(run)
    for other in tc.iter(W_R):
        for child in [c for c in other if c.tag in _TEXT_TAGS]:
            other.remove(child)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    return run


def _change_cell(body: _Body, change: CellChange) -> None:
    """New value into the cell, highlighted, with the old → new comment."""
    run = _set_cell_text(body.tc(change.stat.cell.where), str(change.new))
    body.mark([run], change.comment)


def _paragraph_like(like, text: str, bold: bool = False):
    """A new w:p with the paragraph and first-run properties of `like`; without one, plain (or bold) text."""
    p = OxmlElement("w:p")
    r_pr = None
    if like is not None:
        if like.find(W_PPR) is not None:
            p.append(_clean_copy(like.find(W_PPR)))
        first = _first_text_run(like)
        r_pr = first.find(W_RPR) if first is not None else None
    elif bold:
        r_pr = OxmlElement("w:rPr")
        r_pr.append(OxmlElement("w:b"))
    p.append(_new_run(text, r_pr))
    return p


def _heading_text(like, item: SectionInsert) -> str:
    """The official heading, without its number when the neighbouring heading's number is automatic."""
    if like is None:
        return item.heading
    raw = norm(paragraph_text(like)).rstrip("。.:：")
    return item.heading if strip_number(paragraph_text(like)) != raw else E.SECTION_BY_KEY[item.key].title


def _insert(body: _Body, anchor, element) -> None:
    """Put element before anchor (a w:p), or at the end of the body when there is none."""
    if anchor is not None:
        anchor.addprevious(element)
    elif body.document.element.body.sectPr is not None:
        body.document.element.body.sectPr.addprevious(element)
    else:
        body.document.element.body.append(element)


def _insert_section(body: _Body, anchor, item: SectionInsert) -> None:
    """Heading and placeholder paragraphs before anchor, highlighted and commented."""
    like = body.paragraph(item.like)
    heading = _paragraph_like(like, _heading_text(like, item), bold=True)
    placeholder = _paragraph_like(body.paragraph(item.body_like), E.PLACEHOLDER)
    _insert(body, anchor, heading)
    _insert(body, anchor, placeholder)
    body.mark([heading.find(W_R), placeholder.find(W_R)],
              f"年报检查工具插入：{item.reason}已在规范位置插入标题“{item.heading}”和占位段落，请补写本部分内容。")


def _insert_table(body: _Body, anchor, item: TableInsert) -> None:
    """An empty official table before anchor, highlighted and commented."""
    tbl = build_table(official_layout(item.table, item.edition), body.tables[0] if body.tables else None)
    _insert(body, anchor, tbl)
    body.mark(list(tbl.iter(W_R)), f"年报检查工具插入：{item.reason}"
                                   f"已按规范格式插入{E.TABLE_SHORT[item.table]}空表，各栏暂填 0，请按实际情况填写。")


def corrected_docx_bytes(src: str, plan: FixPlan) -> bytes:
    """The corrected copy of the .docx at src, as file content."""
    with open(src, "rb") as fh:
        source = fh.read()
    document = open_document(src)
    body = _Body(document)  # indexed once: later insertions do not shift the plan's `where`s
    for change in plan.cells:
        _change_cell(body, change)
    for item in plan.inserts:
        anchor = body.paragraph(item.before)
        if isinstance(item, SectionInsert):
            _insert_section(body, anchor, item)
        else:
            _insert_table(body, anchor, item)
    saved = io.BytesIO()
    document.save(saved)
    main = document.part.partname
    comments = document.part.part_related_by(RT.COMMENTS).partname
    edited = {main.lstrip("/"), main.rels_uri.lstrip("/"), comments.lstrip("/")}
    return repack(source, saved.getvalue(), edited)


def write_corrected_docx(src: str, plan: FixPlan, out: str, *, overwrite: bool = False) -> None:
    """Write the corrected copy of src to out, atomically; raises WriteRefused when out cannot be written."""
    write_bytes_atomic(out, corrected_docx_bytes(src, plan), overwrite=overwrite)
