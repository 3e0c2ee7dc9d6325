"""The check result as the contract's JSON document and as the Chinese text summary."""
from __future__ import annotations

from .. import TOOL_NAME, __version__
from ..engine import FileResult
from ..formats import editions as E

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
_SECTION_NAMES = {s.key: s.heading for s in E.SECTIONS_MODERN + E.SECTIONS_2007}


def report_json(result: FileResult) -> dict:
    r = result.report
    return {
        "file": result.file,
        "status": result.status,
        "error": result.error,
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


def verdict(result: FileResult) -> str:
    if result.status == "unreadable":
        return "无法读取"
    c = result.counts
    if c["error"]:
        return "不通过"
    return "通过（有警告）" if c["warning"] else "通过"


def verdict_line(result: FileResult) -> str:
    """The verdict with its counts: “不通过：3 处错误、2 处警告” / “通过（有 2 处警告）” / “通过” / “无法读取”."""
    c = result.counts
    if result.status == "unreadable":
        return "无法读取"
    if c["error"]:
        warnings = f"、{c['warning']} 处警告" if c["warning"] else ""
        return f"不通过：{c['error']} 处错误{warnings}"
    return f"通过（有 {c['warning']} 处警告）" if c["warning"] else "通过"


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
    if result.error:
        lines.append(f"  原因：{result.error}")
        return "\n".join(lines)
    r = result.report
    c = result.counts
    lines.append(f"  报告：{r.agency or '（未识别机关）'} {r.year or '（未识别年度）'} 年度 · {r.edition.spec.name}")
    lines.append(f"  错误 {c['error']} 项，警告 {c['warning']} 项，提示 {c['info']} 项")
    groups: dict[str, list] = {}
    for f in sorted(result.findings, key=document_order):
        groups.setdefault(_group_name(f), []).append(f)
    for name, items in groups.items():
        lines.append(f"  ▌{name}")
        blanks = [f for f in items if f.rule == "value.blank"]
        for f in items:
            if f.rule != "value.blank" or len(blanks) <= 3:
                lines.append(f"    [{SEVERITY_NAMES[f.severity]}] {f.message}")
        if len(blanks) > 3:
            lines.append(f"    [警告] 有 {len(blanks)} 个单元格为空或填写“/”“—”“无”，按 0 核对；没有数据时请明确填写 0"
                         f"（如{blanks[0].message.split('栏')[0]}栏）。")
    return "\n".join(lines)


def to_text(results: list[FileResult]) -> str:
    total = {k: sum(r.counts[k] for r in results) for k in ("error", "warning", "info")}
    failed = sum(1 for r in results if r.status == "unreadable" or r.counts["error"])
    head = (f"共检查 {len(results)} 份草稿：{len(results) - failed} 份通过，{failed} 份不通过或无法读取；"
            f"错误 {total['error']} 项，警告 {total['warning']} 项，提示 {total['info']} 项。")
    return "\n\n".join([head] + [file_text(r) for r in results]) + "\n"
