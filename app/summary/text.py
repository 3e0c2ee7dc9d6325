"""The check result as the contract's JSON document and as the Chinese text summary."""
from __future__ import annotations

from enum import StrEnum

from .. import TOOL_NAME, __version__
from ..formats import editions as E
from ..presentation.grouping import entries, entry_counts
from ..result import FileResult, FileStatus

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
_SECTION_NAMES = {s.key: s.heading for s in E.SECTIONS_MODERN + E.SECTIONS_2007}


def report_json(result: FileResult) -> dict:
    r = result.report if result.not_report is None else None
    return {
        "file": result.file,
        "status": str(result.status),
        "error": result.error or result.not_report,
        "template": str(r.edition) if r else "unknown",
        "year": r.year if r else None,
        "agency": r.agency if r else None,
        "counts": result.counts,
        "previous": result.previous,
        "findings": [f.to_json() for f in result.findings],
    }


def to_json(results: list[FileResult]) -> dict:
    return {"schema": 1, "tool": {"name": TOOL_NAME, "version": __version__},
            "reports": [report_json(r) for r in results]}


class Verdict(StrEnum):
    """What a person is told of one file, in the words every view shows."""

    FAILED = "不通过"
    WARNED = "通过（有警告）"
    PASSED = "通过"
    UNREADABLE = "无法读取"
    NOT_REPORT = "不是年度报告"


def shown_counts(result: FileResult) -> dict[str, int]:
    """The counts every human view gives: a group of findings of one rule in one table counts once."""
    return entry_counts(result.findings)


def verdict(result: FileResult) -> Verdict:
    if result.status is FileStatus.UNREADABLE:
        return Verdict.UNREADABLE
    if result.status is FileStatus.NOT_REPORT:
        return Verdict.NOT_REPORT
    c = result.counts
    if c["error"]:
        return Verdict.FAILED
    return Verdict.WARNED if c["warning"] else Verdict.PASSED


def verdict_line(result: FileResult) -> str:
    """The verdict with its counts: “不通过：3 处错误、2 处警告” / “通过（有 2 处警告）” / “通过” / “无法读取”."""
    c = shown_counts(result)
    if not result.status.checked:
        return str(verdict(result))
    if c["error"]:
        warnings = f"、{c['warning']} 处警告" if c["warning"] else ""
        return f"不通过：{c['error']} 处错误{warnings}"
    return f"通过（有 {c['warning']} 处警告）" if c["warning"] else "通过"


def report_line(report) -> str:
    """“淄博市外事办公室 2023 年度 · 2021 年版…”, saying plainly what could not be recognised."""
    if report.agency and report.year:
        who = f"{report.agency} {report.year} 年度"
    elif report.agency or report.year:
        who = f"{report.agency}（未能识别年度）" if report.agency else f"{report.year} 年度（未能识别机关）"
    else:
        who = "未能从标题识别机关和年度"
    return f"{who} · {report.edition.spec.name}"


def _group_name(f) -> str:
    if f.table:
        return E.TABLE_NAMES[f.table]
    if f.section:
        return _SECTION_NAMES.get(f.section, f.section)
    return "全文"


_ORDER = {k: i for i, k in enumerate(("s1", "l1", "s2", "T2", "l2", "s3", "T3", "l3", "s4", "T4", "l4", "s5", "l5",
                                      "s6", "l6"))}


def document_order(f) -> int:
    """Findings about the whole report first, then in the order of the report's parts."""
    return -1 if not (f.table or f.section) else _ORDER.get(f.table or f.section, 99)


def file_text(result: FileResult) -> str:
    lines = [f"【{verdict(result)}】{result.file}"]
    if result.origin is not None:
        lines.append(f"  注意：这是{result.origin.describe()}，不是原稿")
    if result.error or result.not_report:
        lines.append(f"  原因：{result.error or result.not_report}")
        return "\n".join(lines)
    r = result.report
    c = shown_counts(result)
    lines.append(f"  报告：{report_line(r)}")
    if not result.findings:
        lines.append("  未发现问题")
        return "\n".join(lines)
    lines.append(f"  错误 {c['error']} 项，警告 {c['warning']} 项，提示 {c['info']} 项")
    groups: dict[str, list] = {}
    for f in sorted(result.findings, key=document_order):
        groups.setdefault(_group_name(f), []).append(f)
    for name, items in groups.items():
        lines.append(f"  ▌{name}")
        for entry in entries(items):
            lines.append(f"    [{SEVERITY_NAMES[entry.severity]}] {entry.message()}")
            if entry.grouped:
                lines.append(f"      （{entry.cells(r)}）")
    return "\n".join(lines)


def to_text(results: list[FileResult], skipped: str | None = None) -> str:
    """The summary of every file; `skipped` is the line about the tool's own files a folder check passed over."""
    total = {k: sum(shown_counts(r)[k] for r in results) for k in ("error", "warning", "info")}
    failed = sum(1 for r in results if not r.status.checked or r.counts["error"])
    head = (f"共检查 {len(results)} 份草稿：{len(results) - failed} 份通过，{failed} 份不通过或无法检查；"
            f"错误 {total['error']} 项，警告 {total['warning']} 项，提示 {total['info']} 项。")
    if skipped:
        head += "\n" + skipped
    return "\n\n".join([head] + [file_text(r) for r in results]) + "\n"
