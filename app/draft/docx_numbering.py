"""The number text Word generates for automatically numbered paragraphs (w:numPr)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .number_formats import render
from .ooxml import MAX_LIST_LEVEL, MAX_LIST_START, bounded_int, qn


def _child_val(parent, tag: str, default: str) -> str:
    """The w:val of parent's child `tag`, or default."""
    el = parent.find(qn(tag))
    return el.get(qn("w:val"), default) if el is not None else default


def _level(text: str | None) -> int | None:
    """A list level 0–8 (absent: 0); None for anything Word would not accept as a level."""
    level = bounded_int(text, 0, -1, MAX_LIST_LEVEL + 1)
    return level if 0 <= level <= MAX_LIST_LEVEL else None


def _start(text: str | None) -> int:
    """A list's start value as Word bounds it: 0 to 32767, 1 when not a number."""
    return bounded_int(text, 1, 0, MAX_LIST_START)


_W_VAL = qn("w:val")
_NUM_PR = f"{qn('w:pPr')}/{qn('w:numPr')}"
_NUM_ID, _ILVL = qn("w:numId"), qn("w:ilvl")


@dataclass(frozen=True)
class Level:
    """One level of a list definition (w:lvl)."""

    start: int
    fmt: str  # w:numFmt, e.g. "chineseCounting"
    text: str  # w:lvlText, e.g. "%1、" or "%1.%2"
    legal: bool = False  # w:isLgl: every level's number shown in decimal


@dataclass(frozen=True)
class ListLabel:
    """The number Word shows before a numbered paragraph."""

    text: str  # "一、"; "" for a bullet, an empty format or one the reader cannot render (w:suff, the tab or space
    # after it, is left out: Paragraph.list_number marks where the number ends)
    known: bool  # False: the number uses a format the reader cannot render


def read_level(lvl) -> Level:
    legal = lvl.find(qn("w:isLgl"))
    return Level(_start(_child_val(lvl, "w:start", "1")), _child_val(lvl, "w:numFmt", "decimal"),
                 _child_val(lvl, "w:lvlText", ""),
                 legal is not None and legal.get(_W_VAL, "true") not in ("0", "false"))


def render_label(levels: dict[int, Level], counters: dict[int, int], ilvl: int) -> ListLabel:
    """The label of a paragraph at level ilvl: w:lvlText with each %n replaced by level n's number."""
    level = levels.get(ilvl, Level(1, "decimal", f"%{ilvl + 1}."))
    text, known = level.text, True
    for lv in range(MAX_LIST_LEVEL + 1):
        placeholder = f"%{lv + 1}"
        if placeholder not in text:
            continue
        lv_level = levels.get(lv, Level(1, "decimal", ""))
        n = counters.get(lv, lv_level.start)
        shown = render("decimal" if level.legal else lv_level.fmt, n)
        known = known and shown is not None
        text = text.replace(placeholder, shown or "")
    if not known:
        return ListLabel("", False)  # half a number ("、") would read worse than none: the words still match
    return ListLabel(text, True)


class Numbering:
    """Counts numbered paragraphs in document order and renders their number text.

    The numbering part is read on the first numbered paragraph, a style's list on the first paragraph of that
    style: a draft without lists never parses either. Lists (w:num) of one definition (w:abstractNum) count on
    together, as Word counts them, unless a list restarts a level (w:lvlOverride).
    """

    def __init__(self, numbering_root: Callable[[], object], style_element: Callable[[str], object]):
        self._numbering_root = numbering_root  # → the numbering part's root element, or None
        self._style_element = style_element  # styleId → the w:style element, or None
        self._loaded: dict[str, tuple[str, dict[int, Level]]] | None = None  # numId → (counter key, levels)
        self._style_levels: dict[str, dict[str, int]] = {}  # numId → styleId → the level that style numbers at
        self._counters: dict[str, dict[int, int]] = {}
        self._style_numpr: dict[str, tuple[str | None, int | None]] = {}

    @property
    def _lists(self) -> dict[str, tuple[str, dict[int, Level]]]:
        if self._loaded is None:
            self._loaded = self._load(self._numbering_root())
        return self._loaded

    def _load(self, numbering) -> dict[str, tuple[str, dict[int, Level]]]:
        if numbering is None:
            return {}
        abstract: dict[str | None, dict[int, Level]] = {}
        styled: dict[str | None, dict[str, int]] = {}
        for a in numbering.iterchildren(qn("w:abstractNum")):
            aid = a.get(qn("w:abstractNumId"))
            abstract[aid], styled[aid] = {}, {}
            for lvl in a.iterchildren(qn("w:lvl")):
                ilvl = _level(lvl.get(_ILVL))
                if ilvl is not None:
                    abstract[aid][ilvl] = read_level(lvl)
                    style = lvl.find(qn("w:pStyle"))
                    if style is not None:
                        styled[aid][style.get(_W_VAL)] = ilvl
        out = {}
        for num in numbering.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            aid = ref.get(_W_VAL) if ref is not None else None
            levels = dict(abstract.get(aid, {}))
            overridden = False
            for ov in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _level(ov.get(_ILVL))
                if ilvl is None:
                    continue
                lvl, start = ov.find(qn("w:lvl")), ov.find(qn("w:startOverride"))
                if lvl is not None:
                    levels[ilvl], overridden = read_level(lvl), True
                if start is not None and ilvl in levels:
                    levels[ilvl], overridden = replace(levels[ilvl], start=_start(start.get(_W_VAL))), True
            num_id = num.get(_NUM_ID)
            out[num_id] = (f"num:{num_id}" if overridden else f"abstract:{aid}", levels)
            self._style_levels[num_id] = styled.get(aid, {})
        return out

    def _of_style(self, style_id: str) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style numbers its paragraphs with, following w:basedOn; numId None: no list."""
        if style_id not in self._style_numpr:
            self._style_numpr[style_id] = (None, None)  # a basedOn loop ends here
            st = self._style_element(style_id)
            num_pr = st.find(_NUM_PR) if st is not None else None
            if num_pr is None:
                based = st.find(qn("w:basedOn")) if st is not None else None
                found = self._of_style(based.get(_W_VAL)) if based is not None else (None, None)
            else:
                num_id, ilvl = num_pr.find(_NUM_ID), num_pr.find(_ILVL)
                found = (None if num_id is None else num_id.get(_W_VAL),
                         None if ilvl is None else _level(ilvl.get(_W_VAL)))
            self._style_numpr[style_id] = found
        return self._style_numpr[style_id]

    def label(self, p, style_id: str | None) -> ListLabel | None:
        """Advance the counters for paragraph `p` and return its number, or None when it is not numbered."""
        num_pr = p.find(_NUM_PR)
        num_id, ilvl = None, None
        if num_pr is not None:
            nid, lvl = num_pr.find(_NUM_ID), num_pr.find(_ILVL)
            num_id = nid.get(_W_VAL) if nid is not None else None
            ilvl = _level(lvl.get(_W_VAL)) if lvl is not None else None
        if num_id is None and style_id is not None:
            num_id, style_ilvl = self._of_style(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0" or num_id not in self._lists:
            return None
        if ilvl is None:
            ilvl = self._style_levels.get(num_id, {}).get(style_id or "", 0)
        key, levels = self._lists[num_id]
        counters = self._counters.setdefault(key, {})
        counters[ilvl] = counters.get(ilvl, levels.get(ilvl, Level(1, "decimal", "")).start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return render_label(levels, counters, ilvl)
