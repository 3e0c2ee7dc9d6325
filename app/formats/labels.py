"""Label normalisation (report-formats.md §3.0) and cell value parsing."""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

# Full-width ASCII (！..～) → half-width, plus the ideographic space.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
# A few traditional characters that appear in stored copies of reports.
_TRAD = str.maketrans("請關號據數結處彙總計濟務開會資機構國辦議條審員產衛業",
                      "请关号据数结处汇总计济务开会资机构国办议条审员产卫业")
_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "‘": "'", "’": "'"})
_SPACE_RE = re.compile(r"\s+")
_DROP = "\x00"  # stands for "remove this character" in the one-pass table (NUL never occurs in Office text)


_IDENTITY = array("I", range(0x10000)).tobytes().decode("utf-32-le", "surrogatepass")  # every BMP code point


def _table(changes: dict[int, str]) -> str:
    """A str.translate table for the BMP: each code point itself, except `changes` (code point → character).

    A str table never misses within the BMP, which makes str.translate several times faster than a dict table,
    whose every miss costs a LookupError; characters beyond U+FFFF miss and are kept.
    """
    pieces, last = [], 0
    for c in sorted(changes):
        pieces += [_IDENTITY[last:c], changes[c]]
        last = c + 1
    return "".join([*pieces, _IDENTITY[last:]])


def _norm_changes() -> dict[int, str]:
    """What norm does to each character: width, traditional, quotes and 、 mapped, whitespace dropped."""
    spaces = {m.start() for m in re.finditer(r"\s", _IDENTITY)}
    changes = {}
    for c in {*_WIDTH, *_TRAD, *_QUOTES, ord("、"), *spaces}:
        mapped = chr(c).translate(_WIDTH).translate(_TRAD).translate(_QUOTES).replace("、", ".")
        changes[c] = _SPACE_RE.sub("", mapped) or _DROP
    return changes


_NORM_TABLE = _table(_norm_changes())
_WIDTH_TABLE = _table({c: chr(half) for c, half in _WIDTH.items()})  # parse_value's one mapping


@lru_cache(maxsize=1 << 15)  # each rule family normalises the same paragraphs: once is enough
def norm(text: str) -> str:
    """Comparable form of a label: half-width, simplified, one quote form, no whitespace."""
    t = text.translate(_NORM_TABLE)
    return t.replace(_DROP, "") if _DROP in t else t


MAX_DIGITS = 15  # Excel keeps 15 significant digits; a longer "number" is not a statistic
_BLANK_MARKS = {"", "/", "／", "—", "——", "-", "－", "無", "无", "\\", "、"}
_NUMBER_RE = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)")
_UNIT_RE = re.compile(r"^(件|个|項|项|条|人次|次|万元|元|%)")


@dataclass(frozen=True)
class Value:
    """A statistics cell read as a number: kind is "number", "blank" or "invalid"."""

    kind: str
    number: float | int = 0
    unit: str = ""  # a unit typed into the cell ("件", "万元")
    note: str = ""  # text after the number, e.g. "（其中修订16件）"

    @property
    def amount(self) -> float | int:
        """The value the arithmetic uses: blanks count as 0."""
        return self.number if self.kind == "number" else 0


@lru_cache(maxsize=8192)  # a report repeats its cell texts ("0", "", "/") hundreds of times; Value is frozen
def parse_value(text: str) -> Value:
    """Read a cell's text: blanks, "/", "—", "无" → blank; "２件" → 2; "abc" → invalid."""
    t = text.translate(_WIDTH_TABLE).strip().replace(",", "").replace("，", "")
    t = _SPACE_RE.sub("", t)
    if t in _BLANK_MARKS:
        return Value("blank")
    m = _NUMBER_RE.match(t)
    if not m:
        return Value("invalid")
    sign, digits = m.groups()
    if len(digits.split(".")[0]) > MAX_DIGITS:  # no count or sum has more digits than Excel can hold
        return Value("invalid")
    num: float | int = float(digits) if "." in digits else int(digits)
    if sign == "-":
        num = -num
    rest = t[m.end():]
    unit_m = _UNIT_RE.match(rest)
    unit = unit_m.group(1) if unit_m else ""
    note = rest[len(unit):]
    if note and not note.startswith(("(", "（", "[")):
        return Value("invalid", num, unit, note)
    return Value("number", num, unit, note)


def fmt_number(n: float | int) -> str:
    """A number as the report would print it: 3, 0.35, never 3.0."""
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    return str(round(n, 6)) if isinstance(n, float) else str(n)
