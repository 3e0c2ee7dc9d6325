"""Broken sums as the copies show them: the arith rules' analysis the findings carry, and its wording."""
from __future__ import annotations

from ..draft.model import Draft
from ..findings import Finding, SheetCell
from ..formats.labels import fmt_number
from ..report.recognise import Report
from ..report.tables import StatCell
from ..report.wording import cell_label
from ..rules.arith import SumAnalysis, SumBasis
from ..rules.solver import Edit
from .formulas import Recalc

_CANDIDATES_SHOWN = 6


def sum_analysis(findings: list[Finding]) -> SumAnalysis:
    """The report's sums as the arith rules analysed them, from the findings that carry it (empty: none do)."""
    return next((f.basis.analysis for f in findings if isinstance(f.basis, SumBasis)), SumAnalysis([], []))


def broken_sum(finding: Finding) -> SumBasis | None:
    """The basis of a broken-sum finding: the relation it reports and its group; None for any other finding."""
    basis = finding.basis
    return basis if isinstance(basis, SumBasis) and basis.relation is not None else None


def _address(stat: StatCell) -> tuple[str, str] | None:
    where = stat.cell.where
    return (where.sheet, where.cell) if isinstance(where, SheetCell) else None


def essential(edits: list[Edit], draft: Draft) -> list[Edit]:
    """The edits a person makes: an edit of a formula cell that follows from the others' is left out."""
    kept = []
    for edit in edits:
        address = _address(edit.stat)
        if address is not None and edit.stat.cell.formula:
            others = {_address(e.stat): e.new for e in edits if e is not edit and _address(e.stat)}
            if others and Recalc(draft, others).value(address) == edit.new:
                continue
        kept.append(edit)
    return kept or edits


def _edit_text(edits: list[Edit], report: Report) -> str:
    return "、".join(f"{cell_label(e.stat, report.edition)}由 {fmt_number(e.stat.value.amount)} 改为 {e.new}"
                    for e in edits)


def suggestion(edits: list[Edit], at: Edit, report: Report, *, here: bool = True) -> str:
    """What the most likely wrong cell should hold: its value, the other cells to change with it, a formula hint.

    here: worded for a comment on that cell (此格); else the cell is named."""
    others = [e for e in edits if e is not at]
    cell = "此格" if here else cell_label(at.stat, report.edition)
    text = f"最可能填错的是{cell}（现填 {fmt_number(at.stat.value.amount)}）：建议改为 {at.new}"
    if others:
        text += "，并同时把" + "、".join(f"{cell_label(e.stat, report.edition)}改为 {e.new}" for e in others)
    if at.stat.cell.formula:
        text += f"。{'此格' if here else '它'}是公式 {at.stat.cell.formula}，请检查求和范围及其引用的单元格"
    return text + "。"


def follows(at: Edit, edits: list[Edit], report: Report, *, here: bool = True) -> str:
    """A formula cell of a broken sum that is right itself: the cells it adds up are the wrong ones."""
    cell = "此格" if here else cell_label(at.stat, report.edition)
    wrong = "、".join(f"{cell_label(e.stat, report.edition)}（应为 {e.new}）" for e in edits)
    return (f"{cell}是公式 {at.stat.cell.formula}，公式本身无误；有误的是它引用的{wrong}，"
            f"改正后{cell}的结果为 {at.new}。")


def candidate_text(stat: StatCell, candidates: list[list[Edit]], report: Report) -> str:
    """“若此格有误应为 447；另一可能：……”: the repairs through this cell first, then the others."""
    own, others = [], []
    for edits in candidates[:_CANDIDATES_SHOWN]:
        mine = next((e for e in edits if e.stat is stat), None)
        if mine is None:
            others.append(_edit_text(edits, report))
            continue
        partners = [e for e in edits if e is not mine]
        together = f"（同时{_edit_text(partners, report)}）" if partners else ""
        own.append(f"{mine.new}{together}")
    text = "若此格有误应为 " + "，或为 ".join(own)
    if others:
        text += "；另一可能：" + "；".join(others)
    more = f"（共 {len(candidates)} 种可能的改法）" if len(candidates) > _CANDIDATES_SHOWN else ""
    return f"{text}{more}。无法确定是哪一格有误，请人工核对。"


def repairs_text(candidates: list[list[Edit]], report: Report) -> str:
    """“可能的改法：（1）……；（2）……”, for a cell of a broken sum that none of the repairs edits by hand."""
    shown = "；".join(f"（{i}）{_edit_text(edits, report)}" for i, edits in enumerate(candidates[:_CANDIDATES_SHOWN], 1))
    more = f"（共 {len(candidates)} 种可能的改法）" if len(candidates) > _CANDIDATES_SHOWN else ""
    return f"可能的改法：{shown}{more}。无法确定是哪一格有误，请人工核对。"


def candidate_cells(candidates: list[list[Edit]]) -> list[StatCell]:
    """The cells the candidate repairs change, in the order they first appear."""
    seen: dict[int, StatCell] = {}
    for edits in candidates[:_CANDIDATES_SHOWN]:
        for e in edits:
            seen.setdefault(id(e.stat), e.stat)
    return list(seen.values())
