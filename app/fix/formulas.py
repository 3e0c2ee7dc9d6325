"""Formula cells of an .xlsx draft as the planner sees them: what they sum, a repaired range, values after edits."""
from __future__ import annotations

import re

from ..draft.formula import NotSimple, column_index_from_string, evaluate, get_column_letter, sum_operands
from ..draft.model import Draft
from ..findings import SheetCell
from ..formats.labels import parse_value

Address = tuple[str, str]  # (sheet, "D7")
_A1 = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})", re.I)  # a sheet has at most 1,048,576 rows
_SUM = re.compile(r"=\s*SUM\((.*)\)\s*", re.I)


def summed_cells(formula: str, sheet: str) -> list[Address] | None:
    """The cells a `=SUM(…)` or `=A4+B4+…` formula adds up, as (sheet, A1); None for any other formula."""
    operands = sum_operands(formula, sheet)
    if operands is not None:
        return operands
    terms = [t.strip() for t in formula.lstrip("=").split("+")]
    matches = [_A1.fullmatch(t) for t in terms]
    if len(terms) < 2 or not all(matches):
        return None
    return [(sheet, f"{m.group(1).upper()}{m.group(2)}") for m in matches]


def _split(a1: str) -> tuple[int, int]:
    m = _A1.fullmatch(a1)
    return column_index_from_string(m.group(1).upper()), int(m.group(2))


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted numbers as (first, last)."""
    runs: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _ref(line: int, first: int, last: int, *, by_row: bool = False) -> str:
    """D8 or D8:D28: a run in column `line` (rows first..last), or with by_row in row `line` (columns first..last)."""
    if by_row:
        start, end = f"{get_column_letter(first)}{line}", f"{get_column_letter(last)}{line}"
    else:
        start, end = f"{get_column_letter(line)}{first}", f"{get_column_letter(line)}{last}"
    return start if start == end else f"{start}:{end}"


def range_text(cells: list[str]) -> str:
    """The shortest SUM argument list covering exactly these cells: D8:D28, D5:I5, D8:I28 or runs joined by commas."""
    points = [_split(a1) for a1 in cells]
    cols, rows = {c for c, _ in points}, {r for _, r in points}
    if len(rows) == 1 and len(cols) > 1:
        row = rows.pop()
        return ",".join(_ref(row, a, b, by_row=True) for a, b in _runs(list(cols)))
    if len(cols) > 1 and len(set(points)) == len(cols) * len(rows) and len(_runs(list(cols))) == 1 \
            and len(_runs(list(rows))) == 1:
        return f"{get_column_letter(min(cols))}{min(rows)}:{get_column_letter(max(cols))}{max(rows)}"
    parts = []
    for col in sorted(cols):
        parts += [_ref(col, a, b) for a, b in _runs([r for c, r in points if c == col])]
    return ",".join(parts)


def rewritten(formula: str, cells: list[str]) -> tuple[str, str, str]:
    """(new formula, old operand text, new operand text): the same kind of formula over exactly `cells`."""
    m = _SUM.fullmatch(formula)
    if m:
        new = range_text(cells)
        return f"=SUM({new})", m.group(1).strip(), new
    new = "+".join(cells)
    return f"={new}", formula.lstrip("=").strip(), new


class Recalc:
    """Values of the draft's sheet cells after some cells get new values and some formulas new text."""

    def __init__(self, draft: Draft, values: dict[Address, float] | None = None,
                 formulas: dict[Address, str] | None = None):
        self.cells = {(c.where.sheet, c.where.cell): c for t in draft.tables for row in t.grid for c in row
                      if isinstance(c.where, SheetCell)}
        self.sheets = {s for s, _ in self.cells} | {p.where.sheet for p in draft.paragraphs
                                                    if isinstance(p.where, SheetCell)}
        self.values = dict(values or {})
        self.formulas = dict(formulas or {})
        self._memo: dict[Address, float | None] = {}
        self._busy: set[Address] = set()

    def formula(self, address: Address) -> str | None:
        """The formula of a cell after the edits (None: a plain value)."""
        cell = self.cells.get(address)
        return self.formulas.get(address) or (cell.formula if cell is not None else None)

    def value(self, address: Address) -> float | None:
        """A cell's value after the edits; None when it cannot be known."""
        if address in self.values:
            return self.values[address]
        if address in self._memo:
            return self._memo[address]
        cell = self.cells.get(address)
        formula = self.formula(address)
        if formula is None:
            if cell is None:
                return 0 if address[0] in self.sheets else None
            return parse_value(cell.text).amount
        if address in self._busy:
            return None
        self._busy.add(address)
        try:
            result = evaluate(formula, address[0], lambda sheet, a1: self.value((sheet, a1.upper())))
        except NotSimple:
            result = None
        finally:
            self._busy.discard(address)
        if result is None and address not in self.formulas and cell is not None and cell.computed:
            result = parse_value(cell.text).amount  # beyond the evaluator: its saved result stands
        self._memo[address] = result
        return result
