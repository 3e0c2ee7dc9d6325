"""Check one file end to end: sniff, read, recognise, run every rule family."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from .draft.docx_reader import read_docx
from .draft.model import Draft, FileKind, UnreadableDraft
from .draft.sniff import READABLE_SUFFIXES, sniff
from .findings import Finding, Severity, counts
from .provenance import Origin, origin_of
from .report.recognise import Report, recognise
from .rules.catalogue import CHECKS

log = logging.getLogger(__name__)
# Where nobody configured logging (a batch worker, a script importing the engine), records are dropped, never
# printed: Python's last-resort handler would put English tracebacks on stderr. The CLI and the window log to a file.
logging.getLogger("app").addHandler(logging.NullHandler())


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
    def status(self) -> str:
        if self.error is not None:
            return "unreadable"
        if self.not_report is not None:
            return "not_report"
        return "findings" if any(f.severity is not Severity.INFO for f in self.findings) else "ok"

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.findings)


_DAMAGED = {
    FileKind.DOCX: "文件内容已损坏，无法解析；请用 Word/WPS 打开（它会提示修复）后另存一份再检查",
    FileKind.XLSX: "文件内容已损坏，无法解析；请用 Excel/WPS 打开（它会提示修复）后另存一份再检查",
    FileKind.HTML: "网页内容已损坏，无法解析；请在浏览器中重新打开该网页并另存后再检查",
    FileKind.PDF: "PDF 文件已损坏或不完整，无法解析；请重新下载该 PDF 后再检查",
}


def read_draft(path: str) -> Draft:
    """Read a .docx/.xlsx draft or a published web page/PDF into a Draft, or raise UnreadableDraft (Chinese reason)."""
    kind = sniff(path)
    try:
        if kind is FileKind.DOCX:
            return read_docx(path)
        if kind is FileKind.HTML:
            from .draft.html_reader import read_html
            return read_html(path)
        if kind is FileKind.PDF:
            from .draft.pdf_reader import read_pdf  # the PDF library only when a PDF comes
            return read_pdf(path)
        from .draft.xlsx_reader import read_xlsx  # openpyxl (and what it pulls in) only when an .xlsx comes
        return read_xlsx(path)
    except UnreadableDraft:
        raise
    except MemoryError:
        log.warning("%s: out of memory while reading", path)
        raise UnreadableDraft("文件太大，内存不足，无法读取；请只保留年报正文和统计表后另存再检查") from None
    except PermissionError:
        raise UnreadableDraft("文件被其他程序占用或无权读取（可能正在 Word/WPS 中打开），请关闭该文件后重试") from None
    except Exception:  # a damaged part python-docx/lxml cannot parse: the user's reason here, the detail in the log
        log.warning("%s: unreadable part", path, exc_info=True)
        raise UnreadableDraft(_DAMAGED[kind]) from None


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


def check_file(path: str) -> FileResult:
    result = FileResult(file=path)
    try:
        draft = read_draft(path)
    except UnreadableDraft as exc:
        result.error = str(exc)
        return result
    result.origin = origin_of(path)
    try:
        result.report, result.findings = check_draft(draft)
        result.not_report = not_report_reason(result.report)
        if result.not_report is not None:
            result.findings = []
    except Exception:  # a defect of ours must not stop a reviewer's batch: the reason for the user, the trace in the log
        log.exception("internal error while checking %s", path)
        result.error = "检查这份草稿时本工具出现内部错误，详情已写入日志；请把文件和日志反馈给开发者"
    return result


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
