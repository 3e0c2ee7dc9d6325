"""The sum relations (勾稽关系) of 表三 (E1, E2, E3) and 表四 (E5) over a report's keyed cells."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from ..formats import editions as E
from ..report.tables import KeyedTable, StatCell

CellKey = tuple[str, str, str]  # (table, row, col)


def key_of(stat: StatCell) -> CellKey:
    return stat.table, stat.row, stat.col


class SumKind(Enum):
    """The sum a relation states, by its id in report-formats.md."""

    BALANCE = "E1"  # 表三, each column: 一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理
    RESULTS_TOTAL = "E2"  # 表三, each column: the results of 三 add up to （七）总计
    ROW_TOTAL = "E3"  # 表三, each row: the six kinds of applicant add up to 总计
    GROUP_TOTAL = "E5"  # 表四, each group: 维持 + 纠正 + 其他 + 尚未审结 = 总计


@dataclass
class Relation:
    """sum(left) == sum(right)."""

    kind: SumKind
    table: str
    left: list[StatCell]
    right: list[StatCell]
    row: str | None = None
    col: str | None = None
    group: str | None = None

    @property
    def cells(self) -> list[StatCell]:
        return self.left + self.right

    def coef(self, key: CellKey) -> int:
        return self._coefs.get(key, 0)

    @cached_property
    def _coefs(self) -> dict[CellKey, int]:
        """Each cell's coefficient: +1 per time on the left, -1 per time on the right (the solver asks thousands
        of times)."""
        out: dict[CellKey, int] = {}
        for side, sign in ((self.left, 1), (self.right, -1)):
            for s in side:
                out[key_of(s)] = out.get(key_of(s), 0) + sign
        return out

    def residual(self, values: dict[CellKey, float]) -> float:
        return sum(values[key_of(s)] for s in self.left) - sum(values[key_of(s)] for s in self.right)

    @property
    def checkable(self) -> bool:
        """False when a cell's value is unknown (uncomputed formula or text)."""
        return all(s.known and s.value.kind != "invalid" for s in self.cells)


def _t3_relations(t3: KeyedTable) -> list[Relation]:
    rels = []
    layout_rows = {row for row, _ in t3.layout}
    leaves = [r for r in (E.T3_LEAVES_2021 + ("r3_6",)) if r in layout_rows]
    for col, _ in E.T3_COLUMNS:
        def cells(*row_keys, col=col):
            return [t3.cells[(r, col)] for r in row_keys if (r, col) in t3.cells]
        if all((r, col) in t3.cells for r in ("r1", "r2", "r3_7", "r4")):
            rels.append(Relation(SumKind.BALANCE, "T3", cells("r1", "r2"), cells("r3_7", "r4"), col=col))
        if leaves and all((r, col) in t3.cells for r in (*leaves, "r3_7")):  # never a sum with a leaf missing
            rels.append(Relation(SumKind.RESULTS_TOTAL, "T3", cells(*leaves), cells("r3_7"), col=col))
    for row in t3.rows:
        parts = [t3.cells.get((row, c)) for c in E.T3_APPLICANT_COLS]
        total = t3.cells.get((row, "total"))
        if total is not None and all(parts):
            rels.append(Relation(SumKind.ROW_TOTAL, "T3", parts, [total], row=row))
    return rels


def _t4_relations(t4: KeyedTable) -> list[Relation]:
    rels = []
    for group, _ in E.T4_GROUPS:
        parts = [t4.cells.get(("r1", f"{group}_{r}")) for r in ("upheld", "corrected", "other", "pending")]
        total = t4.cells.get(("r1", f"{group}_total"))
        if total is not None and all(parts):
            rels.append(Relation(SumKind.GROUP_TOTAL, "T4", parts, [total], row="r1", group=group))
    return rels


def relations(tables: dict[str, KeyedTable]) -> dict[str, list[Relation]]:
    """Every relation of 表三 and 表四 that the draft's cells allow, per table."""
    out = {}
    if "T3" in tables and not tables["T3"].incomplete:  # a table not read whole is not summed
        out["T3"] = _t3_relations(tables["T3"])
    if "T4" in tables and not tables["T4"].incomplete:
        out["T4"] = _t4_relations(tables["T4"])
    return out


def values_of(table: KeyedTable) -> dict[CellKey, float]:
    return {key_of(s): s.value.amount for s in table.cells.values()}


# Cells the repair prefers to change among equally small repairs (report-formats.md, Repair step 2).
def is_derived(key: CellKey) -> bool:
    table, row, col = key
    return (table == "T3" and (col == "total" or row == "r3_7")) or (table == "T4" and col.endswith("_total"))
