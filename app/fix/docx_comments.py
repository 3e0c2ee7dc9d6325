"""Word comments anchored on runs, on an empty cell, or on one sentence of a paragraph (runs split, formatting kept)."""
from __future__ import annotations

import copy
import datetime

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from ..draft.docx_reader import paragraph_text
from .marks import AUTHOR, INITIALS

W_R, W_T, W_TAB, W_BR, W_CR, W_RPR = (qn(f"w:{t}") for t in ("r", "t", "tab", "br", "cr", "rPr"))
W_ID = qn("w:id")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TEXT_TAGS = (W_T, W_TAB, W_BR, W_CR)
_SPLITTABLE = {W_RPR, *_TEXT_TAGS, qn("w:lastRenderedPageBreak")}  # a run holding only these can be cut in two


def _length(el) -> int:
    """Characters an element adds to paragraph_text."""
    if el.tag == W_T:
        return len(el.text or "")
    if el.tag == W_BR:
        return 0 if el.get(qn("w:type")) == "page" else 1
    return 1 if el.tag in _TEXT_TAGS else 0


def _run_length(run) -> int:
    return sum(_length(child) for child in run)


def text_runs(element) -> list:
    """The w:r under element that show text, in order (runs nested in text boxes left out)."""
    runs = []
    for run in element.iter(W_R):
        if next(run.iterancestors(W_R), None) is None and any(child.tag in _TEXT_TAGS for child in run):
            runs.append(run)
    return runs


def _keep(run, start: int, end: int | None) -> None:
    """Cut a run's text down to characters start..end (end None: to its end)."""
    offset = 0
    for child in list(run):
        if child.tag not in _TEXT_TAGS:
            continue
        size = _length(child)
        lo, hi = offset, offset + size
        offset = hi
        inside = (lo < end if end is not None else True) and (hi > start if size else lo >= start)
        if not inside:
            run.remove(child)
        elif child.tag == W_T and (lo < start or (end is not None and hi > end)):
            child.text = child.text[start - lo if start > lo else 0:None if end is None else end - lo]
            if child.text != child.text.strip():
                child.set(_XML_SPACE, "preserve")


def _split(run, at: int):
    """Cut run in two at character `at` of its text; returns the second half (placed right after it)."""
    tail = copy.deepcopy(run)
    _keep(run, 0, at)
    _keep(tail, at, None)
    run.addnext(tail)
    return tail


def _quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where quote stands in the paragraph's own text (a numbering label the reader put in front is skipped)."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    for cut in range(1, min(len(quote), 12)):
        if quote[cut:].strip() and text.startswith(quote[cut:]):
            return 0, len(quote) - cut
    return None


def sentence_runs(p, quote: str) -> list | None:
    """The runs that hold exactly `quote` of paragraph p, splitting runs at its ends; None when it cannot be found."""
    span = _quote_span(paragraph_text(p), quote)
    runs = text_runs(p)
    if span is None or sum(_run_length(r) for r in runs) != len(paragraph_text(p)):
        return None
    start, end = span
    chosen, offset = [], 0
    for run in runs:
        size = _run_length(run)
        lo, hi = offset, offset + size
        offset = hi
        if hi <= start or lo >= end:
            continue
        cuttable = all(child.tag in _SPLITTABLE for child in run)
        if cuttable and lo < start:
            run, lo = _split(run, start - lo), start
        if cuttable and hi > end:
            _split(run, end - lo)
        chosen.append(run)
    return chosen or None


class Commenter:
    """Adds the tool's comments to a document, all dated with the time of the check."""

    def __init__(self, document, when: datetime.datetime):
        self.document = document
        self.when = when.replace(microsecond=0)
        self.ids: list[int] = []

    def on_runs(self, runs: list, text: str) -> None:
        """A comment on the range from the first to the last run."""
        comment = self.document.add_comment([Run(r, None) for r in runs], text=text, author=AUTHOR,
                                            initials=INITIALS)
        self.ids.append(comment.comment_id)

    def on_empty(self, p, text: str) -> None:
        """A comment on an empty paragraph (a blank cell): range markers and the reference run at its end."""
        comment = self.document.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
        cid = str(comment.comment_id)
        p.append(OxmlElement("w:commentRangeStart", attrs={W_ID: cid}))
        p.append(OxmlElement("w:commentRangeEnd", attrs={W_ID: cid}))
        ref = OxmlElement("w:r")
        r_pr = OxmlElement("w:rPr")
        r_pr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
        ref.append(r_pr)
        ref.append(OxmlElement("w:commentReference", attrs={W_ID: cid}))
        p.append(ref)
        self.ids.append(comment.comment_id)

    def stamp(self) -> None:
        """Date every comment made here with the time of the check."""
        if not self.ids:
            return
        part = self.document.part.part_related_by(RT.COMMENTS)
        mine = {str(i) for i in self.ids}
        for el in part.element.iterchildren(qn("w:comment")):
            if el.get(W_ID) in mine:
                el.date = self.when
