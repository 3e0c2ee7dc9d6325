"""Check one file end to end: read, recognise, run every rule family, and last year's report against it (history)."""
from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from .draft.model import Draft, UnreadableDraft
from .draft.read import read_draft
from .draft.sniff import READABLE_SUFFIXES
from .findings import Finding
from .pairing import is_previous, last_years, why_not_previous
from .provenance import origin_of
from .report.recognise import Report, recognise
from .result import FileResult
from .rules import history
from .rules.catalogue import CHECKS

log = logging.getLogger(__name__)
# Where nobody configured logging (a batch worker, a script importing the engine), records are dropped, never
# printed: Python's last-resort handler would put English tracebacks on stderr. The CLI and the window log to a file.
logging.getLogger("app").addHandler(logging.NullHandler())


def check_draft(draft: Draft) -> tuple[Report, list[Finding]]:
    report = recognise(draft)
    findings: list[Finding] = []
    for check in CHECKS:
        findings += check(report)
    findings.sort(key=lambda f: f.severity.rank)
    return report, findings


NOT_REPORT = ("没有找到年度报告的标题（“××××年政府信息公开工作年度报告”）、统计期限、统计表（主动公开、依申请公开、"
              "复议诉讼情况表）或任何一部分的标题（如“一、总体情况”），这份文件不像是政府信息公开工作年度报告，未做检查")


def not_report_reason(report: Report) -> str | None:
    """Why a read document is not an annual report of any edition (None when it is): nothing of one was found."""
    found = report.title or report.period or report.tables or report.sections or any(report.markers.values())
    return None if found else NOT_REPORT


def check_file(path: str, previous: str | FileResult | None = None) -> FileResult:
    """Check one file with every rule family; `previous` is last year's report (its path, or its result when already
    checked), compared with by the history rules when it is the same agency's report of the year before."""
    result = _check_alone(path)
    if previous is not None and result.error is None:
        last = previous if isinstance(previous, FileResult) else _check_alone(previous)
        compare_if_previous(result, last)
    return result


def _check_alone(path: str) -> FileResult:
    """Every rule family but history."""
    try:
        draft = read_draft(path)
    except UnreadableDraft as exc:
        return FileResult(file=path, error=str(exc))
    try:
        result = check_read_draft(draft, path)
    except Exception:  # a defect of ours must not stop a reviewer's batch: the reason for the user, the trace in the log
        log.exception("internal error while checking %s", path)
        result = FileResult(file=path, error="检查这份草稿时本工具出现内部错误，详情已写入日志；请把文件和日志反馈给开发者")
    result.origin = origin_of(path)
    return result


def check_read_draft(draft: Draft, path: str) -> FileResult:
    """What checking the file at `path` gives once it is read as `draft`: every rule family but history."""
    result = FileResult(file=path)
    result.report, result.findings = check_draft(draft)
    result.not_report = not_report_reason(result.report)
    if result.not_report is not None:
        result.findings = []
    return result


# ---------------------------------------------------------------- history: the rule family that needs two reports

def compare_with_previous(result: FileResult, previous: FileResult | None) -> None:
    """Replace the result's history.* findings by those against `previous` (None: drop them and the pairing)."""
    result.findings = [f for f in result.findings if f.rule not in history.RULES]
    result.previous = None
    if previous is None or result.report is None or previous.report is None:
        return
    result.findings += history.check(result.report, previous.report)
    result.findings.sort(key=lambda f: f.severity.rank)
    result.previous = previous.file


def compare_if_previous(result: FileResult, last: FileResult) -> None:
    """The history rules against `last` when it is the same agency's report of the year before, else none."""
    compare_with_previous(result, last if is_previous(last, result) else None)


def link_history(results: Sequence[FileResult], given: FileResult | None = None) -> list[str]:
    """Pair each checked draft with last year's report (the given one first, else one found among `results`) and
    run the history rules; returns why the given report was used for none of the drafts (empty when it was used)."""
    lasts = last_years(results, given)
    for result, last in zip(results, lasts):
        compare_with_previous(result, last)
    if given is None or any(last is given for last in lasts):
        return []
    return [why_not_previous(given, results)]


@dataclass
class Collected:
    """The drafts a check covers, and the files of a folder passed over because this tool wrote them."""

    files: list[str]
    skipped: list[str] = field(default_factory=list)

    def skipped_line(self) -> str | None:
        """“另有 N 个文件是本工具生成的…，未检查。”, or None when nothing was skipped."""
        if not self.skipped:
            return None
        return (f"另有 {len(self.skipped)} 个文件是本工具生成的修正版、批注版、汇总表或检查报告（见文件属性），未作为草稿检查；"
                "如需检查，请单独指定文件。")


def collect_drafts(paths: list[str]) -> Collected:
    """Files as given; a folder stands for every draft and published report inside it (.docx/.xlsx, web pages,
    PDFs), recursively, sorted, except the copies, workbooks and summaries this tool wrote (recognised by their
    document properties, see app.provenance)."""
    out = Collected([])
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(READABLE_SUFFIXES) and not name.startswith("~$"):
                        path = os.path.join(root, name)
                        (out.skipped if origin_of(path) else out.files).append(path)
        else:
            out.files.append(p)
    return out


def expand_paths(paths: list[str]) -> list[str]:
    """The drafts of collect_drafts, without the count of what was skipped."""
    return collect_drafts(paths).files
