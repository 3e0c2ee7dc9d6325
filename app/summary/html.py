"""The printable check summary as HTML: what the window prints and `check --format html|pdf` writes."""
from __future__ import annotations

import logging
import os
from datetime import datetime
from html import escape

from .. import TOOL_NAME, __version__
from ..findings import Finding, Severity
from ..formats import editions as E
from ..formats.editions import Edition
from ..presentation.grouping import by_category
from ..presentation.location import file_places, location
from ..result import FileResult, FileStatus
from ..rules.catalogue import RULES
from ..rules.rule import Category
from .text import SEVERITY_NAMES, Verdict, shown_counts, verdict, verdict_line

FONTS = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", ' \
        'SimSun, sans-serif'
# Colours of the verdict and the severity cells: (background, text).
VERDICT_COLOURS = {Verdict.FAILED: ("#f9cccc", "#8c0000"), Verdict.WARNED: ("#fff0c0", "#6b4500"),
                   Verdict.PASSED: ("#d8f0d8", "#1a5e1a"), Verdict.UNREADABLE: ("#e4e4e4", "#5a0000"),
                   Verdict.NOT_REPORT: ("#e4e4e4", "#3a3a3a")}
SEVERITY_COLOURS = {Severity.ERROR: ("#f9cccc", "#8c0000"), Severity.WARNING: ("#fff0c0", "#6b4500"),
                    Severity.INFO: ("#dde9f7", "#1d3f6e")}
EDITION_SHORT = {Edition.V2021: "2021 年版", Edition.V2019: "2019 年试行", Edition.V2007: "2007 年条例时期",
                 Edition.UNKNOWN: "未识别"}
log = logging.getLogger(__name__)
GENERATOR = f"{TOOL_NAME} {__version__}（检查摘要）"  # the HTML's <meta name="generator"> and the PDF's Creator
PAGE_BREAK = '<div style="page-break-before: always;"'  # opens each draft's summary after the first page
_CELL = "border: 1px solid #9a9a9a; padding: 3px 5px; vertical-align: top;"
_HEAD = _CELL + " background-color: #eeeeee; font-weight: bold;"
_TABLE = 'border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse: collapse; ' \
         'border: 1px solid #9a9a9a; margin-top: 4px; margin-bottom: 8px;"'


def to_html(results: list[FileResult], *, plans: dict[str, list[str]] | None = None,
            checked_at: datetime | None = None) -> str:
    """One HTML document: an overview table when there are several drafts, then each draft's summary on its page.

    plans[file] holds the lines describing what the corrected copy would change (app.fix.plan.describe);
    without plans the summary leaves that part out.
    """
    stamp = (checked_at or datetime.now()).strftime("%Y-%m-%d %H:%M")
    parts = [_overview(results, stamp)] if len(results) != 1 else []
    for i, result in enumerate(results):
        lines = None if plans is None else plans.get(result.file, [])
        parts.append(_draft(result, lines, stamp, page_break=i > 0 or len(results) != 1))
    title = f"检查摘要：{_name(results[0].file)}" if len(results) == 1 else f"检查汇总（{len(results)} 份草稿）"
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"generator\" content=\"{escape(GENERATOR)}\">"
            f"<title>{escape(title)}</title>"
            "<style>@page { size: A4; margin: 15mm; } table { border-collapse: collapse; }</style></head>"
            f"<body style='font-family: {FONTS}; font-size: 10pt; color: #000000;'>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def planned_changes(results: list[FileResult]) -> dict[str, list[str]]:
    """What the corrected copy of each readable draft would change, if every sure repair were made."""
    from ..fix.plan import describe, plan_fixes  # here: the fix planner imports the grouping of this package
    plans = {}
    for r in (r for r in results if r.report is not None):
        try:
            plans[r.file] = describe(plan_fixes(r.report, r.findings), r.report)
        except Exception:  # a defect of ours must not cost the reviewer the summary: the trace goes to the log
            log.exception("internal error while planning the corrected copy of %s", r.file)
            plans[r.file] = ["修正版的修改无法预览：本工具出现内部错误，详情已写入日志。"]
    return plans


def _name(path: str) -> str:
    return os.path.basename(path) or path


def edition_short(result: FileResult) -> str:
    """The edition in a few words, for one cell of a table of drafts."""
    return EDITION_SHORT[result.report.edition] if result.report else "—"


def _cell(text: str, *, head: bool = False, colours: tuple[str, str] | None = None, align: str = "left",
          width: str = "") -> str:
    style = _HEAD if head else _CELL
    if colours:
        style += f" background-color: {colours[0]}; color: {colours[1]}; font-weight: bold;"
    tag = "th" if head else "td"
    size = f' width="{width}"' if width else ""
    return f'<{tag} align="{align}"{size} style="{style}">{text}</{tag}>'


def _table(header: list[str], rows: list[str], widths: list[str], numeric: int = 0) -> str:
    """A bordered table whose header repeats on every printed page; the last `numeric` columns align right."""
    aligns = ["left"] * (len(header) - numeric) + ["right"] * numeric
    head = "".join(_cell(escape(h), head=True, width=w, align=a) for h, w, a in zip(header, widths, aligns))
    return f"<table {_TABLE}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _heading(text: str, level: int = 2) -> str:
    size = {1: "16pt", 2: "12pt"}[level]
    return f'<h{level} style="font-size: {size}; margin-top: 12px; margin-bottom: 4px;">{escape(text)}</h{level}>'


# ---------------------------------------------------------------- several drafts

def _overview(results: list[FileResult], stamp: str) -> str:
    failed = sum(1 for r in results if r.status.checked and r.counts["error"])
    unreadable = sum(1 for r in results if r.status is FileStatus.UNREADABLE)
    not_reports = sum(1 for r in results if r.status is FileStatus.NOT_REPORT)
    passed = len(results) - failed - unreadable - not_reports
    head = (f"共 {len(results)} 份草稿：{passed} 份通过，{failed} 份不通过"
            + (f"，{unreadable} 份无法读取" if unreadable else "")
            + (f"，{not_reports} 份不是年度报告" if not_reports else "") + "。")
    rows = []
    for i, r in enumerate(results, 1):
        c, rep = shown_counts(r), (r.report if r.not_report is None else None)
        rows.append("<tr>" + _cell(str(i), align="right") + _cell(escape(_name(r.file)))
                    + _cell(escape(rep.agency or "（未识别）") if rep else "—")
                    + _cell(str(rep.year) if rep and rep.year else "—", align="center")
                    + _cell(escape(edition_short(r)))
                    + _cell(escape(verdict(r)), colours=VERDICT_COLOURS[verdict(r)], align="center")
                    + _cell(str(c["error"]) if rep else "—", align="right")
                    + _cell(str(c["warning"]) if rep else "—", align="right") + "</tr>")
    return (_heading("政府信息公开工作年度报告草稿检查汇总", 1)
            + f"<p>检查时间：{stamp}　检查工具：{escape(TOOL_NAME)} {__version__}</p>"
            + f"<p style='font-size: 11pt; font-weight: bold;'>{escape(head)}</p>"
            + _table(["序号", "文件", "机关", "年度", "格式", "结论", "错误", "警告"], rows,
                     ["6%", "27%", "24%", "7%", "14%", "10%", "6%", "6%"], numeric=2))


# ---------------------------------------------------------------- one draft

def _draft(result: FileResult, plan: list[str] | None, stamp: str, *, page_break: bool) -> str:
    opening = f'{PAGE_BREAK if page_break else "<div"} title="{escape("检查摘要：" + _name(result.file))}">'
    parts = [opening, _heading("政府信息公开工作年度报告草稿检查摘要", 1), _facts(result, stamp), _verdict(result)]
    if result.report is not None and result.not_report is None and not result.findings:
        parts.append("<p>未发现问题。</p>")
    elif result.report is not None and result.not_report is None:
        parts += [_heading("各类问题数量"), _categories(result.findings), _heading("问题明细"), _findings(result)]
        if plan is not None:
            parts += [_heading("修正版将做的修改"), _plan(plan)]
    parts += [_signature(), "</div>"]
    return "\n".join(parts)


def _facts(result: FileResult, stamp: str) -> str:
    rep = result.report if result.not_report is None else None
    folder = os.path.dirname(result.file)
    facts = [("文件", _name(result.file)), ("所在文件夹", folder)] if folder else [("文件", _name(result.file))]
    if result.origin is not None:
        facts.append(("文件来源", f"{result.origin.describe()}，不是原稿"))
    if rep is not None:
        facts += [("机关", rep.agency or "（未能从标题识别）"), ("报告年度", f"{rep.year} 年度" if rep.year else "（未能识别）"),
                  ("格式", rep.edition.spec.name)]
        if result.previous:
            facts.append(("对照的上年报告", _name(result.previous)))
    facts += [("检查时间", stamp), ("检查工具", f"{TOOL_NAME} {__version__}")]
    rows = "".join(f"<tr><td width='18%' style='padding: 1px 6px 1px 0; color: #444444;'>{escape(k)}</td>"
                   f"<td style='padding: 1px 0;'>{escape(v)}</td></tr>" for k, v in facts)
    return f'<table cellspacing="0" cellpadding="1" width="100%" style="margin-bottom: 6px;">{rows}</table>'


def _verdict(result: FileResult) -> str:
    bg, fg = VERDICT_COLOURS[verdict(result)]
    c = shown_counts(result)
    reason = result.error or result.not_report
    detail = f"原因：{reason}" if reason else \
        f"错误 {c['error']} 处，警告 {c['warning']} 处，提示 {c['info']} 处" if result.findings else "未发现问题"
    return (f'<table cellspacing="0" cellpadding="8" width="100%" style="margin: 6px 0;"><tr>'
            f'<td style="background-color: {bg}; color: {fg}; font-size: 14pt; font-weight: bold; '
            f'border: 1px solid {fg}; padding: 8px;">{escape("检查结论：" + verdict_line(result))}<br>'
            f'<span style="font-size: 10pt; font-weight: normal;">{escape(detail)}</span></td></tr></table>')


def _categories(findings: list[Finding]) -> str:
    """Entries per category and severity (a group counts once, as in the verdict)."""
    grouped = dict(by_category(findings))
    rows = []
    for category in list(Category) + [None]:
        mine = grouped.get(category, []) if category else [e for es in grouped.values() for e in es]
        counts = [sum(1 for e in mine if e.severity == s) for s in Severity]
        name = category.value if category else "合计"
        bold = "<b>{}</b>" if category is None else "{}"
        rows.append("<tr>" + _cell(bold.format(name))
                    + "".join(_cell(bold.format(n) if n else "0", align="right",
                                    colours=SEVERITY_COLOURS[s] if n and s is not Severity.INFO else None)
                              for n, s in zip(counts, Severity)) + "</tr>")
    return _table(["类别", "错误", "警告", "提示"], rows, ["40%", "20%", "20%", "20%"], numeric=3)


def _findings(result: FileResult) -> str:
    """The entries under their categories, in the findings panel's order; a group lists its cells."""
    rows, number = [], 0
    small = "<br><span style='color: #666666; font-size: 8pt;'>{}</span>"
    for category, members in by_category(result.findings):
        rows.append(f"<tr><td colspan='4' style='{_CELL} background-color: #f4f4f4; font-weight: bold;'>"
                    f"{escape(category.value)}（{len(members)}）</td></tr>")
        for entry in members:
            number += 1
            f = entry.first
            rule = RULES.get(f.rule)
            if entry.grouped:
                place = escape(f"{E.TABLE_SHORT.get(f.table, '统计表')}，共 {len(entry.findings)} 处")
                place += small.format(escape(f"{file_places(f)}等 {len(entry.findings)} 处"))
                what = escape(entry.message()) + small.format(escape(entry.cells(result.report)))
            else:
                place = escape(location(f, result.report))
                coords = file_places(f)
                place += small.format(escape(coords)) if coords else ""
                what = escape(f.message)
            what = (f"<b>{escape(rule.title)}</b><br>" if rule else "") + what
            rows.append("<tr>" + _cell(str(number), align="right")
                        + _cell(SEVERITY_NAMES[f.severity], colours=SEVERITY_COLOURS[f.severity], align="center")
                        + _cell(place) + _cell(what) + "</tr>")
    return _table(["序号", "级别", "位置", "问题"], rows, ["7%", "7%", "27%", "59%"])


def _plan(lines: list[str]) -> str:
    if not lines:
        return "<p>没有可以自动确定的修改；上面的问题需要人工核对后在原稿中改正。</p>"
    items = "".join(f"<li style='margin-bottom: 3px;'>{escape(line)}</li>" for line in lines)
    return f"<ol style='margin-top: 2px;'>{items}</ol>" \
           "<p style='color: #444444;'>修正版另存为新文件，每处修改都高亮并加批注；原稿不会被改动。</p>"


def _signature() -> str:
    return ("<p style='margin-top: 28px; font-size: 11pt;'>"
            "审核人：________________　　　　日期：________________</p>")
