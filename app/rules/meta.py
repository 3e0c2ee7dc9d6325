"""template.* and meta.*: the edition fits the year; title, period sentence and body name one year."""
from __future__ import annotations

import re

from ..findings import Finding
from ..formats import editions as E
from ..formats.labels import norm
from ..report.recognise import Report

_LEADING_YEAR = re.compile(r"^(?:\d+[.、])?((?:19|20)\d{2})年(?:度)?[，,、]")


def _para_cell(p) -> list[dict]:
    return [{"table": None, "row": None, "col": None, "where": p.where}]


def _template(report: Report) -> list[Finding]:
    out = []
    if report.markers.get("2021") and report.markers.get("2019"):
        seen = "、".join(report.markers["2019"][:3] + report.markers["2021"][:3])
        out.append(Finding("template.mixed", "error",
                           f"草稿混用了 2019 年试行格式和 2021 年版格式的表格（{seen}），请统一按"
                           f"{E.EDITION_NAMES[E.expected_edition(report.year or 2021)]}填写。"))
    if report.year is None or report.edition in ("unknown", "2007"):
        return out
    expected = E.expected_edition(report.year)
    if report.edition != expected:
        severity = "error" if report.year >= 2021 and report.edition == "2019" else "warning"
        table = "T2" if "T2" in report.tables else None
        out.append(Finding("template.outdated", severity,
                           f"{report.year} 年度报告应使用{E.EDITION_NAMES[expected]}，草稿的表格是"
                           f"{E.EDITION_NAMES[report.edition]}。", table=table, section="s2" if table else None))
    return out


def _period(report: Report) -> list[Finding]:
    if report.period is None:
        if report.year is None:
            return []
        return [Finding("meta.period", "warning",
                        f"没有找到统计期限的说明（如“本年度报告中所列数据的统计期限自{report.year}年1月1日起至"
                        f"{report.year}年12月31日止”）。")]
    wrong = [y for y in report.period.years if report.year is not None and y != report.year]
    if wrong:
        return [Finding("meta.period", "error",
                        f"统计期限写的是 {wrong[0]} 年，而报告年度是 {report.year} 年（标题）：可能是沿用了往年的草稿。",
                        expected=report.year, actual=wrong[0], cells=_para_cell(report.period.paragraph))]
    return []


def _body_years(report: Report) -> list[Finding]:
    """Paragraphs that open with the previous year ("2022年，我办…") in a report for another year."""
    if report.year is None:
        return []
    out = []
    leading = []
    for p in report.draft.paragraphs:
        m = _LEADING_YEAR.match(norm(p.text))
        if m:
            leading.append((int(m.group(1)), p))
    for y, p in leading:
        if y < report.year:
            out.append(Finding("meta.year", "warning",
                               f"这一段以“{y}年”开头，而报告年度是 {report.year} 年，可能是沿用了往年的草稿："
                               f"“{p.text.strip()[:30]}…”", expected=report.year, actual=y, cells=_para_cell(p)))
    return out


def _title(report: Report) -> list[Finding]:
    if report.title is None:
        return [Finding("meta.title", "warning", "没有找到报告标题（“××机关××××年政府信息公开工作年度报告”），"
                                                "无法确认报告年度和机关名称。")]
    if report.agency is None:
        return [Finding("meta.title", "warning", "标题中没有写明机关名称。", cells=_para_cell(report.title))]
    return []


def check(report: Report) -> list[Finding]:
    return _template(report) + _title(report) + _period(report) + _body_years(report)
