"""The shared vocabulary, a leaf module: severities, places in a file, cell references, fixes and findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: the order findings are listed in."""
        return list(Severity).index(self)


TABLE_SECTION = {"T2": "s2", "T3": "s3", "T4": "s4"}


# ---------------------------------------------------------------- where: the physical place in the file

@dataclass(frozen=True)
class DocxCell:
    """A Word table cell: the w:tbl's index among the body's top-level tables, its row and starting grid column."""

    table: int
    row: int
    col: int

    def to_json(self) -> dict:
        return {"docx_table": self.table, "row": self.row, "col": self.col}


@dataclass(frozen=True)
class DocxParagraph:
    """A body paragraph: its index among the body's top-level paragraphs (not those inside tables)."""

    index: int

    def to_json(self) -> dict:
        return {"docx_paragraph": self.index}


@dataclass(frozen=True)
class SheetCell:
    """A worksheet cell (the top-left cell of a merged range), e.g. 表三!D7."""

    sheet: str
    cell: str

    def to_json(self) -> dict:
        return {"sheet": self.sheet, "cell": self.cell}


@dataclass(frozen=True)
class HtmlCell:
    """A web page's table cell: the table's index among the report's tables (site layout not counted), row, grid column."""

    table: int
    row: int
    col: int

    def to_json(self) -> dict:
        return {"html_table": self.table, "row": self.row, "col": self.col}


@dataclass(frozen=True)
class HtmlParagraph:
    """A web page's text block: its index among the report's text blocks."""

    index: int

    def to_json(self) -> dict:
        return {"html_paragraph": self.index}


@dataclass(frozen=True)
class PdfCell:
    """A PDF table cell: 1-based page, the table piece's index in the document, row and grid column in the piece."""

    page: int
    table: int
    row: int
    col: int

    def to_json(self) -> dict:
        return {"pdf_page": self.page, "pdf_table": self.table, "row": self.row, "col": self.col}


@dataclass(frozen=True)
class PdfParagraph:
    """A PDF text block: 1-based page and its index among the document's text blocks."""

    page: int
    index: int

    def to_json(self) -> dict:
        return {"pdf_page": self.page, "pdf_paragraph": self.index}


Where = DocxCell | DocxParagraph | SheetCell | HtmlCell | HtmlParagraph | PdfCell | PdfParagraph


@dataclass(frozen=True)
class CellRef:
    """A cell a finding involves: its canonical keys (None for a paragraph) and where it is."""

    table: str | None
    row: str | None
    col: str | None
    where: Where

    @classmethod
    def paragraph(cls, where: Where) -> CellRef:
        return cls(None, None, None, where)

    def to_json(self) -> dict:
        return {"table": self.table, "row": self.row, "col": self.col, "where": self.where.to_json()}


# ---------------------------------------------------------------- fixes

@dataclass(frozen=True)
class SetCell:
    """Write `value` into a statistics cell (the repair of a broken sum)."""

    table: str
    row: str
    col: str
    value: int

    kind = "set_cell"

    def to_json(self) -> dict:
        return {"kind": self.kind, "table": self.table, "row": self.row, "col": self.col, "value": self.value}


@dataclass(frozen=True)
class FillZero:
    """Write 0 into a blank statistics cell."""

    table: str
    row: str
    col: str

    kind = "fill_zero"

    @property
    def value(self) -> int:
        return 0

    def to_json(self) -> dict:
        return {"kind": self.kind, "table": self.table, "row": self.row, "col": self.col}


@dataclass(frozen=True)
class InsertSection:
    """Insert a missing section's official heading (and a placeholder paragraph)."""

    section: str
    title: str

    kind = "insert_section"

    def to_json(self) -> dict:
        return {"kind": self.kind, "section": self.section, "title": self.title}


Fix = SetCell | FillZero | InsertSection


# ---------------------------------------------------------------- finding

@dataclass
class Finding:
    """One problem in a draft; the JSON form is check-contract.md's FINDING."""

    rule: str  # the app.rules.rule.Rule that gave it (a Rule is its contract id)
    severity: Severity
    statement: str  # what is wrong, in Chinese
    section: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    group: str | None = None
    expected: float | int | None = None
    actual: float | int | None = None
    cells: list[CellRef] = field(default_factory=list)
    fix: Fix | None = None
    subject: str = ""  # what the finding is about when its keys do not say (the sentence quoted): part of `key`
    note: str = ""  # the rule's advice after the statement (the candidate repairs of a broken sum)
    basis: object = None  # what the rule found it on (a broken sum's relation and repairs); not in the JSON

    @property
    def message(self) -> str:
        """The statement and the rule's note: the contract's message."""
        return self.statement + self.note

    @property
    def key(self) -> str:
        """Stable identity across re-checks and restarts: the rule and its keys, never positions."""
        parts = (self.rule, self.section, self.table, self.row, self.col, self.group, self.subject)
        return "|".join("" if p is None else str(p) for p in parts)

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": str(self.severity), "message": self.message,
                "section": self.section, "table": self.table, "row": self.row, "col": self.col,
                "group": self.group, "expected": self.expected, "actual": self.actual,
                "cells": [c.to_json() for c in self.cells], "fix": self.fix.to_json() if self.fix else None}


def counts(findings: list[Finding]) -> dict[str, int]:
    return {str(sev): sum(1 for f in findings if f.severity == sev) for sev in Severity}
