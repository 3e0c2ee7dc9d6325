"""template.*: the tables' edition is the one the report year asks for, and only one edition is used."""
from __future__ import annotations

from ..findings import Finding, Severity
from ..formats import editions as E
from ..formats.editions import Edition
from ..report.facts import EditionMarker, T2Column, T2Row
from ..report.recognise import Report
from .rule import Category, Rule

OUTDATED = Rule("template.outdated", Severity.ERROR, Category.STRUCTURE, "使用了过时的格式",
                "报告年度决定应使用的格式：2021 年度起用 2021 年版格式（国办公开办函〔2021〕30号），"
                "2019、2020 年度用 2019 年试行格式。沿用旧表格是常见的照抄往年草稿的错误。", also=(Severity.WARNING,), place="统计表")
MIXED = Rule("template.mixed", Severity.ERROR, Category.STRUCTURE, "混用了两种格式",
             "同一份报告中出现了两个版本格式的表格或标签，请统一为报告年度应使用的格式。", place="统计表")
RULES = (OUTDATED, MIXED)


def check(report: Report) -> list[Finding]:
    out = []
    if report.markers.get(Edition.V2021) and report.markers.get(Edition.V2019):
        seen = "、".join(map(_marker_words, report.markers[Edition.V2019][:3] + report.markers[Edition.V2021][:3]))
        out.append(MIXED.finding(
            f"草稿混用了 2019 年试行格式和 2021 年版格式的表格（{seen}），请统一按"
            f"{E.expected_edition(report.year or 2021).spec.name}填写。"))
    if report.year is None or not report.edition.spec.tables_required:
        return out
    expected = E.expected_edition(report.year)
    if report.edition != expected:
        stale_trial = expected is Edition.V2021 and report.edition is Edition.V2019
        severity = Severity.ERROR if stale_trial else Severity.WARNING
        table = "T2" if "T2" in report.tables else None
        out.append(OUTDATED.finding(
            f"{report.year} 年度报告应使用{expected.spec.name}，草稿的表格是{report.edition.spec.name}。",
            severity=severity, table=table, section="s2" if table else None))
    return out


def _marker_words(marker: EditionMarker) -> str:
    """表二“本年制发件数” / 表二“其他对外公共服务事项”行 / 表三“（六）其他处理”分为 3 行."""
    if isinstance(marker, T2Column):
        return f"表二“{marker.label}”"
    if isinstance(marker, T2Row):
        return f"表二“{marker.label}”行"
    return "表三“（六）其他处理”分为 3 行"
