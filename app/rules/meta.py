"""meta.*: title, period and body name one year; the report is signed in time and says whom to ask."""
from __future__ import annotations

import re

from ..findings import CellRef, Finding, Severity
from ..formats.labels import norm
from ..report.recognise import Report
from .rule import Category, Rule

TITLE = Rule("meta.title", Severity.WARNING, Category.STRUCTURE, "标题不规范",
             "标题应为“××机关××××年政府信息公开工作年度报告”，写明机关全称和报告年度。", place="标题")
CONTACT = Rule("meta.contact", Severity.WARNING, Category.STRUCTURE, "没有联系方式",
               "报告通常在导语中写明咨询本报告的联系电话或电子邮箱，便于公众查询。请补充联系方式。", place="导语（联系方式）")
YEAR = Rule("meta.year", Severity.WARNING, Category.DATES, "年份不一致",
            "标题、统计期限和正文中的报告年度应一致。出现往年的年份，常常是沿用了往年的草稿。")
PERIOD = Rule("meta.period", Severity.WARNING, Category.DATES, "统计期限缺失或年份不对",
              "报告通常写明“本报告中所列数据的统计期限自 Y 年 1 月 1 日起至 Y 年 12 月 31 日止”，年份应为报告年度。",
              also=(Severity.ERROR,), place="导语（统计期限的说明）")
DEADLINE = Rule("meta.deadline", Severity.WARNING, Category.DATES, "落款日期晚于公布期限",
                "政府部门应在次年 1 月 31 日前、县级以上人民政府应在次年 3 月 31 日前公布年度报告"
                "（2008—2018 年度为次年 3 月 31 日前）。没有落款日期时无法核对是否按时。", also=(Severity.INFO,), place="文末落款日期")
RULES = (TITLE, CONTACT, YEAR, PERIOD, DEADLINE)

_LEADING_YEAR = re.compile(r"^(?:\d+[.、])?((?:19|20)\d{2})年(?:度)?[，,、]")


def _para_cell(p) -> list[CellRef]:
    return [CellRef.paragraph(p.where)]


def _period(report: Report) -> list[Finding]:
    if report.period is None:
        if report.year is None:
            return []
        return [PERIOD.finding(
            f"没有找到统计期限的说明（如“本年度报告中所列数据的统计期限自{report.year}年1月1日起至"
            f"{report.year}年12月31日止”）。")]
    wrong = [y for y in report.period.years if report.year is not None and y != report.year]
    if wrong:
        return [PERIOD.finding(
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
            out.append(YEAR.finding(
                f"这一段以“{y}年”开头，而报告年度是 {report.year} 年，可能是沿用了往年的草稿："
                f"“{p.text.strip()[:30]}…”", expected=report.year, actual=y, cells=_para_cell(p),
                subject=p.text.strip()[:30]))
    return out


def _title(report: Report) -> list[Finding]:
    if report.title is None:
        return [TITLE.finding("没有找到报告标题（“××机关××××年政府信息公开工作年度报告”），"
                                      "无法确认报告年度和机关名称。")]
    if report.agency is None:
        return [TITLE.finding("标题中没有写明机关名称。", cells=_para_cell(report.title))]
    return []


# ---------------------------------------------------------------- meta.deadline

_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_DATE = re.compile(r"^[(（]?((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日[)）]?$")
_DEPARTMENT_SUFFIX = re.compile(r"(局|委员会|委|办公室|办公厅|厅|办|中心|署|院|所|站|队|处|会)$")


def _cn_date(text: str) -> str:
    """二〇二四年一月二十日 → 2024年1月20日 (digits as written otherwise)."""
    def number(m):
        tens, units = m.group(1), m.group(2)
        return str((int(tens.translate(_CN_DIGITS)) if tens else 1) * 10 + (int(units.translate(_CN_DIGITS)) if units else 0))
    t = re.sub(r"([一二三]?)十([一二三四五六七八九]?)", number, text)
    return t.translate(_CN_DIGITS)


def _signature_date(report: Report):
    """(paragraph, year, month, day) of the date the report is signed with: at the end, else under the title."""
    lines = [p for p in report.draft.paragraphs if p.text.strip()]
    for p in [*reversed(lines[-6:]), *lines[:5]]:
        m = _DATE.match(_cn_date(norm(p.text)))
        if m:
            return p, int(m.group(1)), int(m.group(2)), int(m.group(3))
    return None


def deadline(report: Report) -> tuple[int, int, str]:
    """(month, day, who) of the publication deadline in the year after the report year (report-formats.md §5.3)."""
    if report.edition.spec.coverage_only or (report.year or 0) <= 2018:
        return 3, 31, "2008—2018 年度的年度报告"
    agency = norm(report.agency or "")
    if agency:
        government = "人民政府" in agency and not _DEPARTMENT_SUFFIX.search(agency)
    else:
        government = re.search("本行政区域|全市|全县|全区", norm(report.draft.full_text()[:3000])) is not None
    if government or re.search("乡|镇|街道", agency):  # townships: the date is set locally, not nationally
        return 3, 31, "县级以上地方人民政府的年度报告"
    return 1, 31, "政府部门的年度报告"


def _deadline(report: Report) -> list[Finding]:
    if report.year is None:
        return []
    month, day, who = deadline(report)
    due = f"{report.year + 1}年{month}月{day}日"
    signed = _signature_date(report)
    if signed is None:
        return [DEADLINE.finding(f"没有找到落款日期，无法核对是否按时公布（{who}应在 {due} 前公布）。",
                                 severity=Severity.INFO)]
    p, y, m, d = signed
    if (y, m, d) > (report.year + 1, month, day):
        return [DEADLINE.finding(f"落款日期 {y}年{m}月{d}日 晚于公布期限：{who}应在 {due} 前公布。",
                                 cells=_para_cell(p))]
    return []


# ---------------------------------------------------------------- meta.contact

_CONTACT = re.compile(r"(?<!\d)0\d{2,3}[-－—–]?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|(?:电话|热线|咨询)[:：]?\d{5,}|"
                      r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")  # bounded: linear on any text


def _contact(report: Report) -> list[Finding]:
    """A phone number or e-mail address for questions about the report (report-formats.md §5.4)."""
    if report.edition.spec.coverage_only or any(_CONTACT.search(norm(p.text)) for p in report.draft.paragraphs):
        return []
    return [CONTACT.finding("报告中没有咨询本报告的联系电话或电子邮箱；通常在导语中写明"
                                    "（如“如对本报告有疑问，请与××办公室联系，电话：0123-1234567”）。")]


def check(report: Report) -> list[Finding]:
    return _title(report) + _period(report) + _body_years(report) + _deadline(report) + _contact(report)
