"""The number text Word generates for automatically numbered paragraphs (w:numPr)."""
from __future__ import annotations

from collections.abc import Callable

from docx.oxml.ns import qn

from .ooxml import MAX_LIST_LEVEL, MAX_LIST_START, bounded_int

_CN_DIGITS = "〇一二三四五六七八九"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + chinese_counting(rest) if rest < 10 else
                                     (("一" if rest < 20 else "") + chinese_counting(rest)))
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:  # roman numerals stop at 3999; Word prints larger numbers as digits
        return str(n)
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


FORMATTERS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "chineseLegalSimplified": chinese_counting,
    "japaneseCounting": chinese_counting,
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "bullet": lambda n: "",
    "none": lambda n: "",
}


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


class Numbering:
    """Counts numbered paragraphs in document order and renders their number text.

    The numbering part is read on the first numbered paragraph, a style's list on the first paragraph of that
    style: a draft without lists never parses either.
    """

    def __init__(self, numbering_root: Callable[[], object], style_element: Callable[[str], object]):
        self._numbering_root = numbering_root  # → the numbering part's root element, or None
        self._style_element = style_element  # styleId → the w:style element, or None
        self._loaded: dict[str, dict[int, tuple[int, str, str]]] | None = None  # numId → ilvl → (start, fmt, text)
        self._counters: dict[str, dict[int, int]] = {}
        self._style_numpr: dict[str, tuple[str | None, int]] = {}

    @property
    def _levels(self) -> dict[str, dict[int, tuple[int, str, str]]]:
        if self._loaded is None:
            self._loaded = self._load(self._numbering_root())
        return self._loaded

    def _load(self, numbering) -> dict[str, dict[int, tuple[int, str, str]]]:
        if numbering is None:
            return {}
        abstract = {a.get(qn("w:abstractNumId")): self._read_levels(a)
                    for a in numbering.iterchildren(qn("w:abstractNum"))}
        out = {}
        for num in numbering.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(_W_VAL) if ref is not None else None, {}))
            for ov in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _level(ov.get(_ILVL))
                start = ov.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    _, fmt, text = levels[ilvl]
                    levels[ilvl] = (_start(start.get(_W_VAL)), fmt, text)
            out[num.get(_NUM_ID)] = levels
        return out

    @staticmethod
    def _read_levels(abstract) -> dict[int, tuple[int, str, str]]:
        levels = {}
        for lvl in abstract.iterchildren(qn("w:lvl")):
            ilvl = _level(lvl.get(_ILVL))
            if ilvl is not None:
                levels[ilvl] = (_start(_child_val(lvl, "w:start", "1")), _child_val(lvl, "w:numFmt", "decimal"),
                                _child_val(lvl, "w:lvlText", ""))
        return levels

    def _of_style(self, style_id: str) -> tuple[str | None, int]:
        """(numId, ilvl) a paragraph style numbers its paragraphs with; numId None when it has no list."""
        if style_id not in self._style_numpr:
            st = self._style_element(style_id)
            num_pr = st.find(_NUM_PR) if st is not None else None
            num_id = num_pr.find(_NUM_ID) if num_pr is not None else None
            ilvl = num_pr.find(_ILVL) if num_pr is not None else None
            self._style_numpr[style_id] = (None if num_id is None else num_id.get(_W_VAL),
                                           _level(ilvl.get(_W_VAL) if ilvl is not None else None) or 0)
        return self._style_numpr[style_id]

    def label(self, p, style_id: str | None) -> str:
        """Advance the counters for paragraph `p` and return its number text ("一、"), or ""."""
        num_pr = p.find(_NUM_PR)
        num_id, ilvl = None, 0
        if num_pr is not None:
            nid = num_pr.find(_NUM_ID)
            lvl = num_pr.find(_ILVL)
            num_id = nid.get(_W_VAL) if nid is not None else None
            ilvl = _level(lvl.get(_W_VAL) if lvl is not None else None) or 0
        elif style_id is not None:
            num_id, ilvl = self._of_style(style_id)
        if not num_id or num_id == "0" or num_id not in self._levels:
            return ""
        levels = self._levels[num_id]
        counters = self._counters.setdefault(num_id, {})
        start = levels.get(ilvl, (1, "decimal", ""))[0]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        _, _, text = levels.get(ilvl, (1, "decimal", f"%{ilvl + 1}."))
        for lv in range(ilvl, -1, -1):
            if f"%{lv + 1}" in text:
                lv_start, lv_fmt, _ = levels.get(lv, (1, "decimal", ""))
                n = counters.get(lv, lv_start)
                text = text.replace(f"%{lv + 1}", FORMATTERS.get(lv_fmt, str)(n))
        return text
