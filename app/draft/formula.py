"""Evaluate the simple formulas of a statistics sheet: SUM over ranges and + / − of references."""
from __future__ import annotations

import re
from collections.abc import Callable

from openpyxl.utils.cell import column_index_from_string, get_column_letter

_REF = r"(?:(?:'[^']+'|[^\s'!()+\-,:=*/]+)!)?\$?[A-Z]{1,3}\$?\d+"
_TERM_RE = re.compile(rf"\s*([+-]?)\s*(SUM\(([^()]*)\)|{_REF}(?::{_REF})?|\d+(?:\.\d+)?)\s*", re.I)
_REF_PARTS = re.compile(r"(?:(?:'([^']+)'|([^\s'!()+\-,:=*/]+))!)?\$?([A-Z]{1,3})\$?(\d+)", re.I)

Lookup = Callable[[str, str], "float | int | None"]  # (sheet, "D7") → value, None when unknown


class NotSimple(Exception):
    """The formula is beyond what the engine evaluates."""


def _refs(text: str, sheet: str) -> list[tuple[str, str]]:
    """Cells named by "D5", "D5:I5" or "表三!D5:D9", as (sheet, A1) pairs."""
    ends = text.split(":")
    if len(ends) > 2:
        raise NotSimple(text)
    parsed = []
    for end in ends:
        m = _REF_PARTS.fullmatch(end.strip())
        if not m:
            raise NotSimple(text)
        parsed.append((m.group(1) or m.group(2) or sheet, m.group(3).upper(), int(m.group(4))))
    if len(parsed) == 1:
        s, c, r = parsed[0]
        return [(s, f"{c}{r}")]
    (s, c1, r1), (_, c2, r2) = parsed
    i1, i2 = sorted((column_index_from_string(c1), column_index_from_string(c2)))
    return [(s, f"{get_column_letter(c)}{r}") for r in range(min(r1, r2), max(r1, r2) + 1) for c in range(i1, i2 + 1)]


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


def evaluate(formula: str, sheet: str, lookup: Lookup) -> float | int | None:
    """Value of `=SUM(D5:I5)`, `=A4+B4-C4`, `=SUM(D5:D9,D11)+D12`; None if a cell is unknown."""
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
                for ref in _refs(arg, sheet):
                    v = lookup(*ref)
                    if v is None:
                        return None
                    value += v
        elif term[0].isdigit():
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
