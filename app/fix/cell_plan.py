"""The chosen set_cell/fill_zero fixes as the copy makes them: values written, SUM ranges repaired, formulas
whose result follows their repaired inputs, and why a formula cell is left to a person."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import FillZero, Finding, SetCell, SheetCell
from ..formats.labels import fmt_number
from ..report.recognise import Report
from ..report.tables import StatCell
from ..report.wording import cell_label
from ..rules.relations import CellKey, Relation, key_of
from .formulas import Recalc, rewritten, summed_cells
from .sums import broken_sum


@dataclass
class CellChange:
    """One statistics cell written with a new whole number."""

    stat: StatCell
    new: int
    reason: str  # the finding's message, in Chinese
    label: str  # the cell in the report's words
    repairs_sum: bool  # True: a set_cell of arith.suspect_cell; False: a blank filled with 0
    broken: list[str] = field(default_factory=list)  # messages of the broken sums the cell is in

    @property
    def old(self) -> str:
        return self.stat.cell.text.strip()

    @property
    def comment(self) -> str:
        """The comment on the changed cell: old → new and why."""
        old = f"“{self.old}”" if self.old else "空白"
        return f"年报检查工具修改：{self.label}原为{old}，改为 {self.new}。\n原因：{''.join(self.broken)}{self.reason}"


@dataclass
class FormulaRepair:
    """A SUM whose range leaves out or takes in cells of its table, given the range its relation names."""

    stat: StatCell
    formula: str  # the new formula
    old_range: str  # D8:D27
    new_range: str  # D8:D28
    value: float  # its result once repaired
    reason: str
    label: str
    broken: list[str] = field(default_factory=list)

    @property
    def comment(self) -> str:
        return (f"年报检查工具修改：{self.label}的公式由 {self.stat.cell.formula} 改为 {self.formula}，"
                f"求和范围由 {self.old_range} 改为 {self.new_range}"
                f"（结果由 {fmt_number(self.stat.value.amount)} 变为 {fmt_number(self.value)}）。"
                f"\n原因：{''.join(self.broken)}{self.reason}")


@dataclass
class FormulaFollow:
    """A right formula whose inputs the copy repairs: left as it is, its result follows."""

    stat: StatCell
    value: float
    label: str

    @property
    def comment(self) -> str:
        return (f"年报检查工具说明：{self.label}的公式 {self.stat.cell.formula} 无误，未修改；它引用的单元格已修正，"
                f"结果由 {fmt_number(self.stat.value.amount)} 变为 {fmt_number(self.value)}"
                "（Excel/WPS 打开时重新计算）。")


def _stat(report: Report, fix: SetCell | FillZero) -> StatCell | None:
    """The statistics cell a fix names."""
    table = report.tables.get(fix.table)
    return table.get(fix.row, fix.col) if table else None


def _address(stat: StatCell) -> tuple[str, str] | None:
    where = stat.cell.where
    return (where.sheet, where.cell) if isinstance(where, SheetCell) else None


def range_repair(stat: StatCell, rels: list[Relation]) -> tuple[str, str, str] | None:
    """(formula, old range, new range) when the cell's SUM covers other cells of its sheet than its relation names."""
    sheet = stat.cell.where.sheet
    summed = summed_cells(stat.cell.formula, sheet)
    if not summed or any(s != sheet for s, _ in summed):
        return None
    have = {a1 for _, a1 in summed}
    best, overlap = None, 0
    for rel in rels:
        if len(rel.right) != 1 or rel.right[0] is not stat:
            continue
        wanted = [s.cell.where for s in rel.left]
        if not all(isinstance(w, SheetCell) and w.sheet == sheet for w in wanted):
            continue
        shared = len(have & {w.cell for w in wanted})
        if shared > overlap:
            best, overlap = [w.cell for w in wanted], shared
    if best is None or set(best) == have:
        return None
    return rewritten(stat.cell.formula, best)


def _formula_note(stat: StatCell, fix: SetCell | FillZero, label: str) -> str:
    """Why a repair aimed at a formula cell is left to a person."""
    return (f"{label}是公式 {stat.cell.formula}，未修改：若只有这一格有误，它应为 {fmt_number(fix.value)}；"
            "请检查公式（如求和范围）及其引用的单元格。")


class CellPlanner:
    """The chosen set_cell/fill_zero fixes as value writes, formula repairs and formulas that follow."""

    def __init__(self, report: Report, findings: list[Finding], rels: list[Relation]):
        self.report, self.rels = report, rels
        self.cells: list[CellChange] = []
        self.formulas: list[FormulaRepair] = []
        self.follows: list[FormulaFollow] = []
        self.broken = [f for f in findings if broken_sum(f) is not None]
        self.notes: dict[int, str] = {}  # id(StatCell) → why its formula was left as it is
        self.recalc = Recalc(report.draft)
        chosen: dict[int, tuple[StatCell, Finding]] = {}
        for finding in sorted((f for f in findings if isinstance(f.fix, (SetCell, FillZero))),
                              key=lambda f: isinstance(f.fix, SetCell)):  # a set_cell wins over a fill_zero
            stat = _stat(report, finding.fix)
            if stat is not None:
                chosen[id(stat)] = (stat, finding)
        self.chosen = list(chosen.values())

    def _broken_of(self, stat: StatCell, finding: Finding) -> list[str]:
        if not isinstance(finding.fix, SetCell):
            return []
        return [f.message for f in self.broken if any(c.where == stat.cell.where for c in f.cells)]

    def plan_cells(self) -> None:
        """Plain cells get their new value; formula cells go to the formula planning."""
        formula_fixes = []
        for stat, finding in self.chosen:
            label = cell_label(stat, self.report.edition)
            if stat.cell.formula:
                formula_fixes.append((stat, finding, label))
                continue
            self.cells.append(CellChange(stat, int(finding.fix.value), finding.message, label,
                                         isinstance(finding.fix, SetCell), self._broken_of(stat, finding)))
        if formula_fixes:
            self._plan_formulas(formula_fixes)

    def _plan_formulas(self, fixes: list[tuple[StatCell, Finding, str]]) -> None:
        """Repair ranges whose repaired result is the fix's value; keep formulas that reach it by their inputs."""
        values = {_address(c.stat): c.new for c in self.cells if _address(c.stat)}
        repairs = {id(s): range_repair(s, self.rels) for s, f, _ in fixes if isinstance(f.fix, SetCell)}
        repairs = {k: v for k, v in repairs.items() if v}
        while True:
            formulas = {_address(s): repairs[id(s)][0] for s, _, _ in fixes if id(s) in repairs}
            self.recalc = Recalc(self.report.draft, values, formulas)
            wrong = [id(s) for s, f, _ in fixes if id(s) in repairs and self.recalc.value(_address(s)) != f.fix.value]
            if not wrong:
                break
            for key in wrong:
                del repairs[key]
        for stat, finding, label in fixes:
            value = self.recalc.value(_address(stat))
            if id(stat) in repairs:
                formula, old, new = repairs[id(stat)]
                self.formulas.append(FormulaRepair(stat, formula, old, new, value, finding.message, label,
                                                   self._broken_of(stat, finding)))
            elif value == finding.fix.value:
                if value != stat.value.amount:
                    self.follows.append(FormulaFollow(stat, value, label))
            else:
                self.notes[id(stat)] = _formula_note(stat, finding.fix, label)

    def new_value(self, stat: StatCell) -> float:
        """A statistics cell's value in the corrected copy."""
        written = next((c.new for c in self.cells if c.stat is stat), None)
        if written is not None:
            return written
        address = _address(stat)
        if address is not None and stat.cell.formula:
            value = self.recalc.value(address)
            return stat.value.amount if value is None else value
        return stat.value.amount

    def holds(self, rel: Relation) -> bool:
        """The relation holds in the corrected copy."""
        values: dict[CellKey, float] = {key_of(s): self.new_value(s) for s in rel.cells}
        return rel.residual(values) == 0
