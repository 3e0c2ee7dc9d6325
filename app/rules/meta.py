"""template.* and meta.*: the edition fits the year; title, period sentence and body name one year."""
from __future__ import annotations

import re

from ..findings import CellRef, Finding, Severity
from ..formats import editions as E
from ..formats.editions import Edition
from ..formats.labels import norm
from ..report.recognise import Report
from .catalogue import finding

_LEADING_YEAR = re.compile(r"^(?:\d+[.、])?((?:19|20)\d{2})年(?:度)?[，,、]")


def _para_cell(p) -> list[CellRef]:
    return [CellRef.paragraph(p.where)]


def _template(report: Report) -> list[Finding]:
    out = []
    if report.markers.get(Edition.V2021) and report.markers.get(Edition.V2019):
        seen = "、".join(report.markers[Edition.V2019][:3] + report.markers[Edition.V2021][:3])
        out.append(finding("template.mixed",
                           f"草稿混用了 2019 年试行格式和 2021 年版格式的表格（{seen}），请统一按"
                           f"{E.expected_edition(report.year or 2021).spec.name}填写。"))
    if report.year is None or not report.edition.spec.tables_required:
        return out
    expected = E.expected_edition(report.year)
    if report.edition != expected:
        stale_trial = expected is Edition.V2021 and report.edition is Edition.V2019
        severity = Severity.ERROR if stale_trial else Severity.WARNING
        table = "T2" if "T2" in report.tables else None
        out.append(finding("template.outdated",
                           f"{report.year} 年度报告应使用{expected.spec.name}，草稿的表格是{report.edition.spec.name}。",
                           severity=severity, table=table, section="s2" if table else None))
    return out


def _period(report: Report) -> list[Finding]:
    if report.period is None:
        if report.year is None:
            return []
        return [finding("meta.period",
                        f"没有找到统计期限的说明（如“本年度报告中所列数据的统计期限自{report.year}年1月1日起至"
                        f"{report.year}年12月31日止”）。")]
    wrong = [y for y in report.period.years if report.year is not None and y != report.year]
    if wrong:
        return [finding("meta.period",
                        f"统计期限写的是 {wrong[0]} 年，而报告年度是 {report.year} 年（标题）：可能是沿用了往年的草稿。",
                        severity=Severity.ERROR, expected=report.year, actual=wrong[0], cells=_para_cell(report.period.paragraph))]
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
            out.append(finding("meta.year",
                               f"这一段以“{y}年”开头，而报告年度是 {report.year} 年，可能是沿用了往年的草稿："
                               f"“{p.text.strip()[:30]}…”", expected=report.year, actual=y, cells=_para_cell(p),
                               subject=p.text.strip()[:30]))
    return out


def _title(report: Report) -> list[Finding]:
    if report.title is None:
        return [finding("meta.title", "没有找到报告标题（“××机关××××年政府信息公开工作年度报告”），"
                                      "无法确认报告年度和机关名称。")]
    if report.agency is None:
        return [finding("meta.title", "标题中没有写明机关名称。", cells=_para_cell(report.title))]
    return []


def check(report: Report) -> list[Finding]:
    return _template(report) + _title(report) + _period(report) + _body_years(report)
