"""The number text Word generates for automatically numbered paragraphs (w:numPr)."""
from __future__ import annotations

from docx.oxml.ns import qn

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


class Numbering:
    """Counts numbered paragraphs in document order and renders their number text."""

    def __init__(self, document):
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, fmt, lvlText)
        self._counters: dict[str, dict[int, int]] = {}
        self._style_numpr: dict[str, tuple[str, int]] = {}
        self._load(document)

    def _load(self, document) -> None:
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            abstract = {a.get(qn("w:abstractNumId")): self._read_levels(a)
                        for a in numbering.iterchildren(qn("w:abstractNum"))}
            for num in numbering.iterchildren(qn("w:num")):
                ref = num.find(qn("w:abstractNumId"))
                levels = dict(abstract.get(ref.get(qn("w:val")) if ref is not None else None, {}))
                for ov in num.iterchildren(qn("w:lvlOverride")):
                    ilvl = int(ov.get(qn("w:ilvl"), "0"))
                    start = ov.find(qn("w:startOverride"))
                    if start is not None and ilvl in levels:
                        _, fmt, text = levels[ilvl]
                        levels[ilvl] = (int(start.get(qn("w:val"))), fmt, text)
                self._levels[num.get(qn("w:numId"))] = levels
        self._load_style_numbering(document)

    @staticmethod
    def _read_levels(abstract) -> dict[int, tuple[int, str, str]]:
        levels = {}
        for lvl in abstract.iterchildren(qn("w:lvl")):
            def val(tag, default):
                el = lvl.find(qn(tag))
                return el.get(qn("w:val"), default) if el is not None else default
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = (int(val("w:start", "1")), val("w:numFmt", "decimal"),
                                                        val("w:lvlText", ""))
        return levels

    def _load_style_numbering(self, document) -> None:
        try:
            styles = document.styles.element
        except (KeyError, AttributeError):
            return
        for st in styles.iterchildren(qn("w:style")):
            num_pr = st.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                num_id = num_pr.find(qn("w:numId"))
                ilvl = num_pr.find(qn("w:ilvl"))
                if num_id is not None:
                    self._style_numpr[st.get(qn("w:styleId"))] = (
                        num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0)

    def label(self, p, style_id: str | None) -> str:
        """Advance the counters for paragraph `p` and return its number text ("一、"), or ""."""
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id, ilvl = None, 0
        if num_pr is not None:
            nid = num_pr.find(qn("w:numId"))
            lvl = num_pr.find(qn("w:ilvl"))
            num_id = nid.get(qn("w:val")) if nid is not None else None
            ilvl = int(lvl.get(qn("w:val"))) if lvl is not None else 0
        elif style_id in self._style_numpr:
            num_id, ilvl = self._style_numpr[style_id]
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
