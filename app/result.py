"""What checking one file gives: its status (the contract's JSON word), its report and findings, where it came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .findings import Finding, Severity, counts
from .provenance import Origin
from .report.recognise import Report


class FileStatus(StrEnum):
    """A checked file's "status" in the JSON of check-contract.md."""

    UNREADABLE = "unreadable"
    NOT_REPORT = "not_report"
    FINDINGS = "findings"
    OK = "ok"

    @property
    def checked(self) -> bool:
        """The file was read as an annual report and its rules ran (it was neither unreadable nor something else)."""
        return self in (FileStatus.FINDINGS, FileStatus.OK)


@dataclass
class FileResult:
    file: str
    report: Report | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    previous: str | None = None  # last year's report the history.* rules compared with (path as given or found)
    not_report: str | None = None  # why a readable file is not an annual report (Chinese); it then has no findings
    origin: Origin | None = None  # the tool's mark when this file is one of its own copies or workbooks

    @property
    def status(self) -> FileStatus:
        if self.error is not None:
            return FileStatus.UNREADABLE
        if self.not_report is not None:
            return FileStatus.NOT_REPORT
        return FileStatus.FINDINGS if any(f.severity is not Severity.INFO for f in self.findings) else FileStatus.OK

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.findings)
