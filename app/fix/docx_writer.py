"""Write the corrected or annotated copy of a .docx: changed cells, inserted sections and tables, each highlighted
and commented; what is left to a person commented on its cell, sentence or heading."""
from __future__ import annotations

import copy
import datetime
import io

from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from ..draft.docx_reader import (
    W_P,
    W_TBL,
    W_TC,
    cell_columns,
    cell_paragraphs,
    iter_body_blocks,
    open_document,
    paragraph_text,
    table_rows,
)
from ..findings import DocxCell, DocxParagraph
from ..formats import editions as E
from ..formats.labels import norm
from ..formats.layouts import official_layout
from ..report.recognise import strip_number
from .annotate import AnnotationPlan
from .cell_plan import CellChange
from .docx_comments import Commenter, sentence_runs, text_runs
from .docx_package import repack
from .docx_table import build_table
from .marks import Mark
from .plan import FixPlan, SectionInsert, TableInsert
from .safe_write import write_bytes_atomic

OPEN_FILL = "FFC7CE"  # character shading of what a person must decide (changes are highlighted yellow)
_AFTER_SHD = tuple(f"w:{t}" for t in ("fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
                                      "specVanish", "oMath"))  # rPr children that follow w:shd in the schema
W_R, W_T, W_PPR, W_RPR = qn("w:r"), qn("w:t"), qn("w:pPr"), qn("w:rPr")
_TEXT_TAGS = {W_T, qn("w:tab"), qn("w:br"), qn("w:cr")}
_REVISION_TAGS = {qn(f"w:{tag}") for tag in ("sectPr", "pPrChange", "rPrChange", "ins", "del", "moveFrom", "moveTo")}


class _Body:
    """The document's top-level paragraphs and tables, indexed as the reader's `where`s count them."""

    def __init__(self, document, commenter: Commenter):
        self.document = document
        self.commenter = commenter
        self.touched = False
        blocks = list(iter_body_blocks(document.element.body))
        self.paragraphs = [el for el in blocks if el.tag == W_P]
        self.tables = [el for el in blocks if el.tag == W_TBL]

    def paragraph(self, where: DocxParagraph | None):
        """The w:p of a paragraph's where, or None."""
        return self.paragraphs[where.index] if where else None

    def tc(self, where: DocxCell):
        """The w:tc that starts at the where's grid column."""
        tbl = self.tables[where.table]
        tr = table_rows(tbl)[where.row]
        for col, _, tc in cell_columns(tbl, tr):  # the grid columns exactly as the reader counted them
            if col == where.col:
                return tc
        raise LookupError(f"no cell starts at {where}")

    def tc_or_first(self, where: DocxCell):
        """The cell at where, else the row's first cell (a place the reader filled in for a gridBefore gap)."""
        try:
            return self.tc(where)
        except LookupError:
            tbl = self.tables[where.table]
            return next(tc for _, _, tc in cell_columns(tbl, table_rows(tbl)[where.row]))

    def mark(self, runs: list, text: str) -> None:
        """Highlight the runs and attach a comment to the range from the first to the last."""
        self.touched = True
        for run in runs:
            Run(run, None).font.highlight_color = WD_COLOR_INDEX.YELLOW
        self.commenter.on_runs(runs, text)

    def open_mark(self, mark: Mark) -> None:
        """A finding left to a person: its cell, sentence or paragraph highlighted, with the comment."""
        if isinstance(mark.where, DocxCell):
            holder = self.tc_or_first(mark.where)
            runs = text_runs(holder)
        else:
            holder = self.paragraph(mark.where)
            runs = (sentence_runs(holder, mark.quote) if mark.quote else None) or text_runs(holder)
        self.touched = True
        for run in runs:
            _shade(run)
        if not runs and holder.tag == W_TC:  # a blank cell: its background, or the highlight would not show
            _shade_cell(holder)
        if runs and mark.comment:
            self.commenter.on_runs(runs, mark.text)
        elif mark.comment:
            self.commenter.on_empty(holder if holder.tag == W_P else next(cell_paragraphs(holder)), mark.text)


_AFTER_TC_SHD = tuple(f"w:{t}" for t in ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
                                          "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange"))


def _shade_cell(tc) -> None:
    """Give a cell without text the light red background of an open finding (a cell with its own fill keeps it)."""
    tc_pr = tc.get_or_add_tcPr()
    if tc_pr.find(qn("w:shd")) is None:
        tc_pr.insert_element_before(OxmlElement("w:shd", attrs={qn("w:val"): "clear", qn("w:color"): "auto",
                                                                qn("w:fill"): OPEN_FILL}), *_AFTER_TC_SHD)


def _shade(run) -> None:
    """Give a run the light red character shading of an open finding."""
    r_pr = run.get_or_add_rPr()
    for old in r_pr.findall(qn("w:shd")):
        r_pr.remove(old)
    r_pr.insert_element_before(OxmlElement("w:shd", attrs={qn("w:val"): "clear", qn("w:color"): "auto",
                                                           qn("w:fill"): OPEN_FILL}), *_AFTER_SHD)


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
        p = next(cell_paragraphs(tc))
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


def _edited_copy(src: str, edit, when: datetime.datetime | None) -> bytes:
    """The .docx at src with edit(body) applied: only the main part, its relationships and comments rewritten."""
    with open(src, "rb") as fh:
        source = fh.read()
    document = open_document(src)
    commenter = Commenter(document, when or datetime.datetime.now(datetime.UTC))
    body = _Body(document, commenter)  # indexed once: later insertions do not shift the plan's `where`s
    edit(body)
    if not body.touched:
        return source
    commenter.stamp()
    saved = io.BytesIO()
    document.save(saved)
    main = document.part.partname
    edited = {main.lstrip("/"), main.rels_uri.lstrip("/")}
    if commenter.ids:
        edited.add(document.part.part_related_by(RT.COMMENTS).partname.lstrip("/"))
    return repack(source, saved.getvalue(), edited)


def corrected_docx_bytes(src: str, plan: FixPlan, when: datetime.datetime | None = None) -> bytes:
    """The corrected copy of the .docx at src, as file content; comments dated `when` (default: now)."""
    def edit(body: _Body) -> None:
        for change in plan.cells:
            _change_cell(body, change)
        for mark in plan.marks:
            body.open_mark(mark)
        for item in plan.inserts:
            anchor = body.paragraph(item.before)
            if isinstance(item, SectionInsert):
                _insert_section(body, anchor, item)
            else:
                _insert_table(body, anchor, item)
    return _edited_copy(src, edit, when)


def annotated_docx_bytes(src: str, plan: AnnotationPlan, when: datetime.datetime | None = None) -> bytes:
    """The annotated copy of the .docx at src: text untouched, every finding a comment at its place."""
    def edit(body: _Body) -> None:
        for mark in plan.marks:
            body.open_mark(mark)
    return _edited_copy(src, edit, when)


def write_corrected_docx(src: str, plan: FixPlan, out: str, *, overwrite: bool = False) -> None:
    """Write the corrected copy of src to out, atomically; raises WriteRefused when out cannot be written."""
    write_bytes_atomic(out, corrected_docx_bytes(src, plan), overwrite=overwrite)


def write_annotated_docx(src: str, plan: AnnotationPlan, out: str, *, overwrite: bool = False) -> None:
    """Write the annotated copy of src to out, atomically; raises WriteRefused when out cannot be written."""
    write_bytes_atomic(out, annotated_docx_bytes(src, plan), overwrite=overwrite)
