"""A rule's declaration: the contract's id, its severities, category, title, explanation and where it points."""
from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from ..findings import Finding, Severity


class Category(StrEnum):
    """The groups the window counts findings in."""

    STRUCTURE = "结构"
    ARITHMETIC = "表格勾稽"
    VALUES = "数值"
    PROSE = "正文一致性"
    DATES = "年份与期限"
    HISTORY = "跨年度"


class Rule(str):
    """One rule of the contract. It is its id (the string the JSON and the settings hold, as a StrEnum member is its
    value) and carries its declaration; each family module declares its rules once and makes findings through them."""

    declared: ClassVar[dict[str, Rule]] = {}  # every rule declared in this process, by id

    severity: Severity  # the usual severity
    also: tuple[Severity, ...]  # other severities it gives in the cases the contract names
    category: Category
    title: str
    explanation: str  # why it matters and how to fix it
    place: str  # where in the report a finding of it points when it names no cell or paragraph ("" : 全文)

    def __new__(cls, rule_id: str, severity: Severity, category: Category, title: str, explanation: str, *,
                also: tuple[Severity, ...] = (), place: str = "") -> Rule:
        if rule_id in cls.declared:
            raise ValueError(f"{rule_id} is declared twice")
        rule = super().__new__(cls, rule_id)
        rule.severity, rule.also, rule.category = severity, also, category
        rule.title, rule.explanation, rule.place = title, explanation, place
        cls.declared[rule_id] = rule
        return rule

    def __reduce__(self):
        """Unpickled (a batch worker's result) as the same declared rule."""
        return _declared_rule, (str(self),)

    @property
    def id(self) -> str:
        return str(self)

    @property
    def severities(self) -> tuple[Severity, ...]:
        return (self.severity, *self.also)

    def finding(self, message: str, *, severity: Severity | None = None, note: str = "", basis: object = None,
                **keys) -> Finding:
        """A finding of this rule, with its usual severity or one of the others it declares."""
        if severity is not None and severity not in self.severities:
            raise ValueError(f"{self} does not give {severity}")
        return Finding(self, severity or self.severity, message, note=note, basis=basis, **keys)


def _declared_rule(rule_id: str) -> Rule:
    return Rule.declared[rule_id]
