"""Finding, its cell references and fix, in the JSON form of check-contract.md."""
from __future__ import annotations

from dataclasses import dataclass, field

from .report.tables import StatCell

SEVERITIES = ("error", "warning", "info")
TABLE_SECTION = {"T2": "s2", "T3": "s3", "T4": "s4"}


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    section: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    group: str | None = None
    expected: float | int | None = None
    actual: float | int | None = None
    cells: list[dict] = field(default_factory=list)
    fix: dict | None = None

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "section": self.section, "table": self.table, "row": self.row, "col": self.col,
                "group": self.group, "expected": self.expected, "actual": self.actual,
                "cells": self.cells, "fix": self.fix}


def cell_ref(stat: StatCell) -> dict:
    return {"table": stat.table, "row": stat.row, "col": stat.col, "where": stat.cell.where}


def counts(findings: list[Finding]) -> dict[str, int]:
    return {sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITIES}
