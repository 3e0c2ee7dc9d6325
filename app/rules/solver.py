"""Smallest set of cell edits that makes every broken sum of a table hold (report-formats.md, Repair)."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from ..report.tables import StatCell
from .relations import CellKey, Relation, is_derived, key_of


@dataclass(frozen=True)
class Edit:
    stat: StatCell
    new: int

    @property
    def key(self) -> CellKey:
        return key_of(self.stat)


@dataclass
class RepairResult:
    chosen: list[Edit] | None  # the repair to apply, when it is the only best one
    candidates: list[list[Edit]]  # every smallest repair found (more than one: a person chooses)
    broken: list[Relation]  # the broken relations this result repairs


MAX_PAIR_CELLS = 120


def _solve(rels: list[Relation], values: dict[CellKey, float], keys: tuple[CellKey, ...]) -> list[Fraction] | None:
    """The unique deltas for `keys` that zero every relation touching them, else None."""
    rows = [([Fraction(r.coef(k)) for k in keys], Fraction(-r.residual(values)).limit_denominator())
            for r in rels if any(r.coef(k) for k in keys)]
    n = len(keys)
    solution: list[Fraction | None] = [None] * n
    # Gaussian elimination over the (small) system.
    matrix = [coefs + [rhs] for coefs, rhs in rows]
    for col in range(n):  # every column gets a pivot or the system is under-determined: pivot row == col
        pr = next((i for i in range(col, len(matrix)) if matrix[i][col] != 0), None)
        if pr is None:
            return None  # under-determined: not a certain repair
        matrix[col], matrix[pr] = matrix[pr], matrix[col]
        piv = matrix[col][col]
        matrix[col] = [v / piv for v in matrix[col]]
        for i in range(len(matrix)):
            if i != col and matrix[i][col] != 0:
                f = matrix[i][col]
                matrix[i] = [a - f * b for a, b in zip(matrix[i], matrix[col])]
    if any(all(v == 0 for v in row[:n]) and row[n] != 0 for row in matrix):
        return None  # inconsistent
    for col in range(n):
        solution[col] = matrix[col][n]
    return solution  # type: ignore[return-value]


def _edits(keys, deltas, stats: dict[CellKey, StatCell], values) -> list[Edit] | None:
    edits = []
    for k, d in zip(keys, deltas):
        new = values[k] + d
        if d == 0 or new < 0 or Fraction(new).denominator != 1:
            return None
        edits.append(Edit(stats[k], int(new)))
    return edits


def _components(broken: list[Relation], rels: list[Relation]) -> list[list[Relation]]:
    """Broken relations grouped so that no two-cell edit can touch two groups: each is repaired on its own."""
    def cells(rel):
        return {key_of(s) for s in rel.cells}
    groups: list[tuple[set[CellKey], list[Relation]]] = []
    for rel in broken:
        own = cells(rel)
        reach = own.union(*(cells(r) for r in rels if cells(r) & own))
        touching = [g for g in groups if g[0] & reach]
        merged = (reach.union(*(g[0] for g in touching)), [r for g in touching for r in g[1]] + [rel])
        groups = [g for g in groups if g not in touching] + [merged]
    return [group for _, group in groups]


def _search(rels: list[Relation], broken: list[Relation], values: dict[CellKey, float]) -> RepairResult:
    """Single-cell, then two-cell repairs of one group of broken relations."""
    stats = {key_of(s): s for r in broken for s in r.cells}
    keys = list(stats)
    for size in (1, 2):
        if size == 2 and len(keys) > MAX_PAIR_CELLS:
            break
        found = []
        for combo in combinations(keys, size):
            if not all(any(r.coef(k) for k in combo) for r in broken):
                continue
            deltas = _solve(rels, values, combo)
            edits = _edits(combo, deltas, stats, values) if deltas else None
            if edits:
                found.append(edits)
        if found:
            return RepairResult(_preferred(found), found, broken)
    return RepairResult(None, [], broken)


def find_repairs(rels: list[Relation], values: dict[CellKey, float]) -> list[RepairResult]:
    """One result per independent group of broken relations; empty when every relation holds."""
    rels = [r for r in rels if r.checkable]
    broken = [r for r in rels if r.residual(values) != 0]
    return [_search(rels, group, values) for group in _components(broken, rels)]


def _preferred(candidates: list[list[Edit]]) -> list[Edit] | None:
    """The one candidate with the most edits to derived cells (totals), if it is the only one."""
    score = [sum(is_derived(e.key) for e in c) for c in candidates]
    best = max(score)
    winners = [c for c, s in zip(candidates, score) if s == best]
    return winners[0] if len(winners) == 1 else None
