"""The open draft without widgets: its path, the last check, the fixes chosen, and what the user ignores."""
from __future__ import annotations

import dataclasses
import datetime
import os

from app.findings import Finding
from app.result import FileResult

from . import settings


def document_id(path: str) -> str:
    """The identity of a document for 忽略: its absolute, case-normalised path."""
    return os.path.normcase(os.path.abspath(path))


class Ignores:
    """忽略 (one finding of one document, by its content key) and 不再提示此类问题 (a whole rule), persisted."""

    def __init__(self) -> None:
        self.entries: list[dict] = [e for e in settings.get(settings.IGNORED_FINDINGS) if isinstance(e, dict)]
        self.rules: list[str] = settings.get(settings.DISABLED_RULES)

    def hides(self, path: str, finding: Finding) -> bool:
        if finding.rule in self.rules:
            return True
        doc = document_id(path)
        return any(e.get("file") == doc and e.get("key") == finding.key for e in self.entries)

    def ignore(self, path: str, finding: Finding) -> None:
        if not self.hides(path, finding):
            self.entries.append({"file": document_id(path), "key": finding.key, "rule": finding.rule,
                                 "message": finding.message})
            settings.put(settings.IGNORED_FINDINGS, self.entries)

    def unignore(self, entry: dict) -> None:
        self.entries = [e for e in self.entries if e != entry]
        settings.put(settings.IGNORED_FINDINGS, self.entries)

    def disable_rule(self, rule: str) -> None:
        if rule not in self.rules:
            self.rules.append(rule)
            settings.put(settings.DISABLED_RULES, self.rules)

    def enable_rule(self, rule: str) -> None:
        self.rules = [r for r in self.rules if r != rule]
        settings.put(settings.DISABLED_RULES, self.rules)


class Session:
    """One open draft: the path, the last FileResult, which fixes are unticked, when it was checked and how long it took."""

    def __init__(self, path: str, ignores: Ignores):
        self.path = path
        self.ignores = ignores
        self.result: FileResult | None = None
        self.checked_at: datetime.datetime | None = None
        self.seconds = 0.0  # how long the last check took
        self.rechecked = False  # the last check is not the first of this draft
        self.looked_for_previous = False  # its folder was searched for last year's report
        self.unticked: set[str] = set()  # keys of fixable findings the user chose not to apply

    def update(self, result: FileResult, seconds: float = 0.0) -> None:
        """Take a new check of the same file; choices keyed by content carry over."""
        self.rechecked = self.result is not None
        self.result = result
        self.seconds = seconds
        self.checked_at = datetime.datetime.now()

    @property
    def readable(self) -> bool:
        return self.result is not None and self.result.error is None

    def visible(self) -> list[Finding]:
        """The findings not ignored, in the engine's order."""
        if not self.readable:
            return []
        return [f for f in self.result.findings if not self.ignores.hides(self.path, f)]

    def visible_result(self) -> FileResult:
        """The result as the user sees it: without ignored findings (what is printed and exported)."""
        return dataclasses.replace(self.result, findings=self.visible())

    @staticmethod
    def fixable(finding: Finding) -> bool:
        return finding.fix is not None

    def is_chosen(self, finding: Finding) -> bool:
        return self.fixable(finding) and finding.key not in self.unticked

    def choose(self, finding: Finding, apply: bool) -> None:
        (self.unticked.discard if apply else self.unticked.add)(finding.key)

    def chosen(self) -> list[Finding]:
        """The fixes 保存修正版 applies: the visible fixable findings left ticked."""
        return [f for f in self.visible() if self.is_chosen(f)]

    def can_save(self) -> bool:
        """A corrected or annotated copy can be written: a readable Word/Excel draft that is an annual report (not a
        published page or PDF, not a document that is no report)."""
        return self.readable and self.result.not_report is None and self.result.report.draft.kind.is_draft

    def can_print(self) -> bool:
        return self.readable
