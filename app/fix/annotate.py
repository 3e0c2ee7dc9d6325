"""The reviewer's annotated copy: nothing changed, every error and warning a comment at its place."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding, SheetCell
from ..formats.labels import fmt_number
from ..report.recognise import Report
from ..report.wording import cell_label
from ..rules.arith import SumAnalysis
from .cell_plan import range_repair
from .formulas import Recalc
from .marks import Mark, marked, marks_for
from .sums import essential, sum_analysis


@dataclass
class AnnotationPlan:
    """The comments and highlights of the annotated copy, and one line per finding they mark."""

    kind: str  # "docx" | "xlsx"
    marks: list[Mark] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def comments(self) -> int:
        return sum(1 for m in self.marks if m.comment)


def _formula_advice(report: Report, sums: SumAnalysis) -> dict[int, str]:
    """For a most likely wrong cell that is a SUM over the wrong range: the range it should cover."""
    advice = {}
    for group in sums.groups:
        for edit in essential(group.chosen or [], report.draft):
            where = edit.stat.cell.where
            formula_cell = edit.stat.cell.formula and isinstance(where, SheetCell)
            repair = range_repair(edit.stat, sums.relations) if formula_cell else None
            if repair is None:
                continue
            formula, old, new = repair
            if Recalc(report.draft, formulas={(where.sheet, where.cell): formula}).value((where.sheet, where.cell)) \
                    == edit.new:
                label = cell_label(edit.stat, report.edition)
                advice[id(edit.stat)] = (f"最可能有误的是{label}的公式 {edit.stat.cell.formula}：求和范围应由 {old} 改为 {new}"
                                         f"（改后结果为 {fmt_number(edit.new)}）。")
    return advice


def plan_annotations(report: Report, findings: list[Finding]) -> AnnotationPlan:
    """One comment per error or warning and place: cells, sentences, headings, the title for the rest."""
    sums = sum_analysis(findings)
    marks, lines = marks_for(report, marked(findings), _formula_advice(report, sums))
    return AnnotationPlan(str(report.draft.kind), marks, lines)


def describe_annotations(plan: AnnotationPlan) -> list[str]:
    """One Chinese line per finding the annotated copy marks."""
    return list(plan.lines)
