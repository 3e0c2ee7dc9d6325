"""Findings as people read them: more than a few findings of one rule in one table are one entry.

The JSON keeps one finding per cell (check-contract.md); the window, the printed summary, the text summary, the
annotated copy and the reviewer's workbook show entries, and their verdicts count an entry once.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..formats import editions as E
from ..report.recognise import Report
from ..rules.catalogue import RULES
from ..rules.rule import Category
from ..rules.value import BLANK
from .location import location, row_and_column

GROUP_ABOVE = 5  # a table with more findings of one rule than this shows them as one entry; fewer stay one each


@dataclass(frozen=True)
class Entry:
    """One finding, or the findings of one rule and severity in one table, in the order given."""

    findings: tuple[Finding, ...]
    indices: tuple[int, ...]  # their positions in the list the entries were made from

    @property
    def grouped(self) -> bool:
        return len(self.findings) > 1

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def severity(self) -> Severity:
        return self.first.severity

    def message(self) -> str:
        """The finding's message, or for a group what its cells have in common."""
        f, n = self.first, len(self.findings)
        if not self.grouped:
            return f.message
        table = E.TABLE_SHORT.get(f.table, "统计表")
        if f.rule == BLANK:
            return f"{table}有 {n} 个单元格为空或填写“/”“—”“无”，按 0 核对；没有数据时请明确填写 0。"
        rule = RULES.get(f.rule)
        return f"{table}有 {n} 处“{rule.title if rule else f.rule}”，如：{f.message}"

    def cells(self, report: Report | None) -> str:
        """Where the entry's findings are, in the report's words, a row's columns together:
        “（三）不予公开·1.属于国家秘密”行的“商业企业”“科研机构”栏；……"""
        table = E.TABLE_SHORT.get(self.first.table, "")
        rows: dict[str, list[str]] = {}
        for f in self.findings:
            row, col = row_and_column(f, report) or (location(f, report).removeprefix(table), "")
            rows.setdefault(row, []).append(col)
        return "；".join(f"{row}的{''.join(cols)}栏" if all(cols) else row for row, cols in rows.items())


def _group_key(finding: Finding) -> tuple | None:
    return (finding.rule, finding.table, finding.severity) if finding.table else None


def entries(findings: Sequence[Finding]) -> list[Entry]:
    """The findings in their order; those of one rule, table and severity, when more than GROUP_ABOVE, as one
    entry standing where the first of them stands."""
    sizes = Counter(k for k in map(_group_key, findings) if k is not None)
    slots: list[tuple[list[Finding], list[int]]] = []
    group_slot: dict[tuple, int] = {}
    for i, f in enumerate(findings):
        key = _group_key(f)
        if key is not None and sizes[key] > GROUP_ABOVE:
            if key not in group_slot:
                group_slot[key] = len(slots)
                slots.append(([], []))
            members, indices = slots[group_slot[key]]
            members.append(f)
            indices.append(i)
        else:
            slots.append(([f], [i]))
    return [Entry(tuple(members), tuple(indices)) for members, indices in slots]


def entry_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Errors, warnings and information as a person counts them: a group once."""
    per = Counter(str(e.severity) for e in entries(findings))
    return {s: per.get(s, 0) for s in ("error", "warning", "info")}


def category_of(finding: Finding) -> Category:
    """The catalogue's category of the finding's rule (结构 for a rule the catalogue does not know)."""
    rule = RULES.get(finding.rule)
    return rule.category if rule else Category.STRUCTURE


def by_category(findings: Sequence[Finding]) -> list[tuple[Category, list[Entry]]]:
    """The entries under their categories, in the catalogue's order; within a category in the order given. The
    window's findings panel, the printed summary and the workbook list findings in this one order."""
    out: dict[Category, list[Entry]] = {}
    for entry in entries(findings):
        out.setdefault(category_of(entry.first), []).append(entry)
    return [(c, out[c]) for c in Category if c in out]
