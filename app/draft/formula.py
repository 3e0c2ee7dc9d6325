"""Evaluate the simple formulas of a statistics sheet: SUM over ranges and + / − of references."""
from __future__ import annotations

import re
from collections.abc import Callable

_REF = r"(?:(?:'[^']+'|[^\s'!()+\-,:=*/]+)!)?\$?[A-Z]{1,3}\$?\d+"
_TERM_RE = re.compile(rf"\s*([+-]?)\s*(SUM\(([^()]*)\)|{_REF}(?::{_REF})?|\d+(?:\.\d+)?)\s*", re.I)
_REF_PARTS = re.compile(r"(?:(?:'([^']+)'|([^\s'!()+\-,:=*/]+))!)?\$?([A-Z]{1,3})\$?(\d+)", re.I)



def column_index_from_string(letters: str) -> int:
    """A → 1, Z → 26, AA → 27 (openpyxl's helper, without importing openpyxl at start-up)."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def get_column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


Lookup = Callable[[str, str], "float | int | None"]  # (sheet, "D7") → value, None when unknown


class NotSimple(Exception):
    """The formula is beyond what the engine evaluates."""


MAX_LISTED_CELLS = 10_000  # a range over more cells is summed over the cells that exist, never listed
_MAX_ROW_DIGITS = 7  # Excel's last row is 1048576
RangeSum = Callable[[str, int, int, int, int], "float | int | None"]  # (sheet, top, left, bottom, right) → sum


def _range(text: str, sheet: str) -> tuple[str, int, int, int, int]:
    """(sheet, top, left, bottom, right) of "D5", "D5:I5" or "表三!D5:D9"."""
    ends = text.split(":")
    if len(ends) > 2:
        raise NotSimple(text)
    parsed = []
    for end in ends:
        m = _REF_PARTS.fullmatch(end.strip())
        if not m or len(m.group(4)) > _MAX_ROW_DIGITS:
            raise NotSimple(text)
        parsed.append((m.group(1) or m.group(2) or sheet, column_index_from_string(m.group(3).upper()),
                       int(m.group(4))))
    (s, c1, r1), (_, c2, r2) = parsed[0], parsed[-1]
    return s, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def _listed(rng: tuple[str, int, int, int, int]) -> list[tuple[str, str]]:
    """Every cell of a range as (sheet, A1); NotSimple when there are more than MAX_LISTED_CELLS."""
    s, top, left, bottom, right = rng
    if (bottom - top + 1) * (right - left + 1) > MAX_LISTED_CELLS:
        raise NotSimple(f"{top}:{bottom}")
    return [(s, f"{get_column_letter(c)}{r}") for r in range(top, bottom + 1) for c in range(left, right + 1)]


def _refs(text: str, sheet: str) -> list[tuple[str, str]]:
    """Cells named by "D5", "D5:I5" or "表三!D5:D9", as (sheet, A1) pairs (at most MAX_LISTED_CELLS)."""
    return _listed(_range(text, sheet))


_ONE_SUM = re.compile(r"=\s*SUM\(([^()]*)\)\s*", re.I)


def _sum_args(args: str) -> list[str]:
    return [a.strip() for a in args.split(",") if a.strip()]


def sum_operands(formula: str, sheet: str) -> list[tuple[str, str]] | None:
    """The cells of a formula that is one SUM(...) and nothing else, as (sheet, A1); else None."""
    m = _ONE_SUM.fullmatch(formula)
    if not m:
        return None
    try:
        return [ref for arg in _sum_args(m.group(1)) for ref in _refs(arg, sheet)]
    except NotSimple:
        return None


def evaluate(formula: str, sheet: str, lookup: Lookup, range_sum: RangeSum | None = None) -> float | int | None:
    """Value of `=SUM(D5:I5)`, `=A4+B4-C4`, `=SUM(D5:D9,D11)+D12`; None if a cell is unknown.

    A SUM range of more than MAX_LISTED_CELLS cells goes to range_sum, which adds the cells that exist;
    without one such a formula is NotSimple.
    """
    body = formula.lstrip("=").strip()
    pos, total = 0, 0
    while pos < len(body):
        m = _TERM_RE.match(body, pos)
        if not m or m.end() == pos:
            raise NotSimple(formula)
        sign, term, sum_args = m.group(1), m.group(2), m.group(3)
        if term.upper().startswith("SUM("):
            value = 0
            for arg in _sum_args(sum_args):
                v = _range_value(_range(arg, sheet), lookup, range_sum)
                if v is None:
                    return None
                value += v
        elif term[0].isdigit():
            if len(term) > 20:  # no statistics formula adds a 20-digit constant
                raise NotSimple(formula)
            value = float(term) if "." in term else int(term)
        else:
            refs = _refs(term, sheet)
            if len(refs) != 1:
                raise NotSimple(formula)
            value = lookup(*refs[0])
            if value is None:
                return None
        total += -value if sign == "-" else value
        pos = m.end()
    return total


def _range_value(rng, lookup: Lookup, range_sum: RangeSum | None) -> float | int | None:
    """The sum of one SUM argument: cell by cell when small, else over the cells that exist."""
    s, top, left, bottom, right = rng
    if (bottom - top + 1) * (right - left + 1) > MAX_LISTED_CELLS:
        if range_sum is None:
            raise NotSimple(f"{top}:{bottom}")
        return range_sum(*rng)
    value = 0
    for ref in _listed(rng):
        v = lookup(*ref)
        if v is None:
            return None
        value += v
    return value
