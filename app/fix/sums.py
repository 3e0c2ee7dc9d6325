"""Broken sums as the copies show them: each group of broken relations, its repairs, and their wording."""
from __future__ import annotations

from dataclasses import dataclass

from ..draft.model import Draft
from ..findings import Finding, SheetCell
from ..formats.labels import fmt_number
from ..formats.wording import cell_label
from ..report.recognise import Report
from ..report.tables import StatCell
from ..rules.relations import Relation, relations, values_of
from ..rules.solver import Edit, RepairResult, find_repairs
from .formulas import Recalc

SUM_RULES = ("arith.balance", "arith.results_total", "arith.row_total", "arith.group_total")
_CANDIDATES_SHOWN = 6


@dataclass
class SumGroup:
    """Broken relations of one table that a repair must fix together, and the repairs found."""

    table: str
    result: RepairResult

    @property
    def broken(self) -> list[Relation]:
        return self.result.broken


def sum_groups(report: Report) -> list[SumGroup]:
    """Every group of broken relations of 表三 and 表四, as the engine's solver sees them."""
    groups = []
    for table, rels in relations(report.tables).items():
        groups += [SumGroup(table, r) for r in find_repairs(rels, values_of(report.tables[table])) if r.broken]
    return groups


def relation_of(groups: list[SumGroup], finding: Finding) -> tuple[SumGroup, Relation] | None:
    """The broken relation a broken-sum finding reports, and its group."""
    if finding.rule not in SUM_RULES:
        return None
    wanted = (finding.rule, finding.table, finding.row, finding.col, finding.group)
    for group in groups:
        for rel in group.broken:
            if (rel.rule, rel.table, rel.row, rel.col, rel.group) == wanted:
                return group, rel
    return None


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


def trimmed(message: str) -> str:
    """A broken sum's message without the candidate repairs the engine appends to the first of its group."""
    return message.split("可能的改法")[0]


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
