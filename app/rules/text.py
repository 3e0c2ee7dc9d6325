"""text.*: numbers stated in the prose against the table cells they describe (W8), and "no cases" (W2)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import TABLE_SECTION, CellRef, Finding, Severity
from ..formats import editions as E
from ..formats.labels import fmt_number, norm
from ..report.recognise import Report
from ..report.tables import StatCell
from ..report.wording import cell_label
from .rule import Category, Rule

NUMBER_MISMATCH = Rule("text.number_mismatch", Severity.WARNING, Category.PROSE, "正文数字与表格不符",
                       "正文中说明的件数（如“共收到申请 N 件”）应与统计表中对应的单元格一致。")
NO_CASES = Rule("text.no_cases", Severity.ERROR, Category.PROSE, "正文与表格对有无案件的说法矛盾",
                "正文说没有发生行政复议、行政诉讼（或没有收到申请），表格却有数字，或者反过来。请核对后统一。")
RULES = (NUMBER_MISMATCH, NO_CASES)

_N = r"(?<!\d)(\d{1,15})件"  # a longer digit run is no count (and beyond Python's int conversion limit)
_CASES = r"(?:案件|申请)?(?:数量?)?(?:共|合计|共计|总计)?(?:为|有)?"  # 行政复议[案件][数][共][为]N件
_REVIEW, _LITIGATION = (("r1", "review_total"),), (("r1", "direct_total"), ("r1", "after_review_total"))


@dataclass(frozen=True)
class _Claim:
    """A count the prose may state: its wording (the number is the last group) and the cells it sums up."""

    pattern: re.Pattern
    table: str
    cells: tuple[tuple[str, str], ...]
    what: str


_CLAIMS = (
    _Claim(re.compile(r"(?:收到|受理|新收|接收)[^。；，,]{0,16}?(?:申请|申请书)[^。；0-9]{0,4}?" + _N), "T3",
           (("r1", "total"),), "收到申请"),
    _Claim(re.compile(r"(?:收到|受理|新收|接收)[^。；0-9]{0,8}?" + _N + r"[^。；，,]{0,14}?申请"), "T3",
           (("r1", "total"),), "收到申请"),
    _Claim(re.compile(r"(?:全部|均已|已)?办结[^。；0-9]{0,6}?" + _N), "T3", (("r3_7", "total"),), "办结"),
    _Claim(re.compile(r"(?:结转下年度|结转至下一年度|转下一年度|结转下一年度)[^。；0-9]{0,10}?" + _N), "T3",
           (("r4", "total"),), "结转下年度"),
    # W2: “被申请行政复议2件”“发生政府信息公开行政复议2件、行政诉讼1件”“有1件涉及……的行政复议”; a 行政诉讼 count is
    # both kinds of suit (未经复议直接起诉 + 复议后起诉). The text is normalised: 、，； read as . , ;
    _Claim(re.compile(r"(?:(?:被申请|收到|发生|涉及|共有|有)[^。;；,，.、0-9]{0,12}?|政府信息公开(?:类|的)?)行政复议" + _CASES + _N),
           "T4", _REVIEW, "行政复议"),
    _Claim(re.compile(r"(?:发生|共有|有)" + _N + r"[^。;；,，.、0-9]{0,16}?行政复议"), "T4", _REVIEW, "行政复议"),
    _Claim(re.compile(r"(?:(?:被提起|被起诉|提起|发生|涉及|共有|有)[^。;；,，.、0-9]{0,12}?|政府信息公开(?:类|的)?|[.、和及与])"
                      r"行政诉讼" + _CASES + _N), "T4", _LITIGATION, "行政诉讼"),
    _Claim(re.compile(r"(?:发生|共有|有)" + _N + r"[^。;；,，.、0-9]{0,16}?行政诉讼"), "T4", _LITIGATION, "行政诉讼"),
)
# A count of only some cases (by kind of suit or by result) or of another year: not the table's total.
_PART_OF_CASES = re.compile(r"直接起诉|复议后|未经复议|纠错|纠正|维持|撤销|败诉|胜诉|审结|比上年|同比|上年")
# What the prose may say did not happen at all (W2): the cells that then must be 0, by kind of case.
_NONE = {
    "行政复议": (re.compile(r"(?:未|没有|无)[^。；，,]{0,20}?行政复议|行政复议[^。；0-9]{0,8}?(?:为)?(?:0|零)件"),
                 "T4", ("review_",)),
    "行政诉讼": (re.compile(r"(?:未|没有|无)[^。；，,]{0,20}?行政诉讼|行政诉讼[^。；0-9]{0,8}?(?:为)?(?:0|零)件"),
                 "T4", ("direct_", "after_review_")),
    "政府信息公开申请": (re.compile(r"(?:未|没有)(?:收到|受理|接到)[^。；，,]{0,12}?申请"), "T3", ("",)),
}
_NOT_NONE = re.compile(r"纠错|败诉|纠正|撤销|确认违法|未经复议|未按|未在")  # none lost, not none at all
_ANY_NONE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _, _ in _NONE.values()))
_NONE_WORDS = ("行政复议", "行政诉讼", "申请")  # every _NONE pattern spells one of these out


def _none_said(text: str) -> list[tuple[str, str]]:
    """(kind, sentence as written) for each kind of case a sentence of the paragraph says did not happen."""
    whole = norm(text)  # norm maps character by character: a sentence's match is also a match in the whole
    if not any(word in whole for word in _NONE_WORDS) or not _ANY_NONE.search(whole):
        return []
    out = []
    for sentence in re.split(r"[。；;]", text):
        plain = norm(sentence)
        if _NOT_NONE.search(plain):
            continue
        out += [(kind, sentence.strip()) for kind, (pattern, _, _) in _NONE.items() if pattern.search(plain)]
    return out


def _case_cells(report: Report, kind: str) -> list[StatCell]:
    """The cells that count one kind of case: a T4 group's five, or 表三 一、本年新收's seven."""
    _, table, prefixes = _NONE[kind]
    kt = report.tables.get(table)
    if kt is None:
        return []
    return [s for s in kt.cells.values() if s.col.startswith(prefixes) and (table == "T4" or s.row == "r1")]


def _no_cases(report: Report, p, kind: str, sentence: str) -> Finding | None:
    """text.no_cases: the prose says no such case took place, the table counts some."""
    counted = [s for s in _case_cells(report, kind) if s.known and s.value.kind == "number" and s.value.amount]
    if not counted:
        return None
    totals = [s for s in counted if s.col.endswith("total")]
    counted = totals or counted
    table = counted[0].table
    said = sentence if len(sentence) <= 40 else sentence[:40] + "…"
    cells = "、".join(f"{cell_label(s, report.edition)}为 {fmt_number(s.value.amount)}" for s in counted)
    return NO_CASES.finding(f"正文说“{said}”，但{cells}。请核对正文与表格。",
                            section=report.section_of_block(report.draft.blocks.index(p)) or TABLE_SECTION[table],
                            table=table, expected=0, actual=sum(s.value.amount for s in counted), subject=kind,
                            cells=[*(s.ref() for s in counted), CellRef.paragraph(p.where)])


def _counts_none(report: Report, stats: list[StatCell]) -> bool:
    """Every cell of the groups the stated count belongs to is 0 or blank (not merely their 总计)."""
    cells = []
    for stat in stats:
        group = E.T4_COLUMN_PARTS[stat.col][0] if stat.table == "T4" else None
        kind = "政府信息公开申请" if stat.table == "T3" else ("行政复议" if group == "review" else "行政诉讼")
        cells += [s for s in _case_cells(report, kind) if stat.table == "T3" or E.T4_COLUMN_PARTS[s.col][0] == group]
    return all(s.value.kind != "invalid" and not s.value.amount for s in cells)


def _labels(report: Report, stats: list[StatCell]) -> str:
    """表四“行政复议·总计”栏 / 表四“…·总计”栏与“…·总计”栏之和."""
    if len(stats) == 1:
        return cell_label(stats[0], report.edition)
    return "与".join(cell_label(s, report.edition) for s in stats) + "之和"


def _section(report: Report, p, table: str) -> str:
    return report.section_of_block(report.draft.blocks.index(p)) or TABLE_SECTION[table]


def _cases_said_table_none(report: Report, p, stats: list[StatCell], said: int, what: str) -> Finding:
    """text.no_cases the other way round: the prose counts cases, the table has none."""
    return NO_CASES.finding(f"正文说“{what} {said} 件”，但{_labels(report, stats)}为 0。请核对正文与表格。",
                            section=_section(report, p, stats[0].table), table=stats[0].table, expected=0, actual=said,
                            subject=what, cells=[*(s.ref() for s in stats), CellRef.paragraph(p.where)])


def _stat(report: Report, table: str, row: str, col: str) -> StatCell | None:
    kt = report.tables.get(table)
    return kt.get(row, col) if kt else None


def _total(stats: list[StatCell]):
    return sum(s.value.amount for s in stats)


def _accepted(report: Report, stats: list[StatCell]) -> set:
    """Values the prose may state for the cells: 收到 may also count 上年结转 (r1 + r2)."""
    values = {_total(stats)}
    carried = _stat(report, "T3", "r2", "total") if stats[0].table == "T3" and stats[0].row == "r1" else None
    if carried is not None and carried.known:
        values.add(_total(stats) + carried.value.amount)
    return values


def _claim_finding(report, p, stats: list[StatCell], said: int, what: str) -> Finding:
    first = stats[0]
    return NUMBER_MISMATCH.finding(
        f"正文说“{what} {said} 件”，但{_labels(report, stats)}为 {fmt_number(_total(stats))}。",
        section=_section(report, p, first.table), table=first.table, row=first.row,
        col=first.col if len(stats) == 1 else None, expected=_total(stats), actual=said,
        cells=[*(s.ref() for s in stats), CellRef.paragraph(p.where)])


def _readable_claims(report: Report) -> list[tuple[_Claim, list[StatCell]]]:
    """The claims whose cells the draft has, each known and a number (or blank)."""
    out = []
    for claim in _CLAIMS:
        stats = [_stat(report, claim.table, row, col) for row, col in claim.cells]
        if all(s is not None and s.known and s.value.kind != "invalid" for s in stats):
            out.append((claim, stats))
    return out


def check(report: Report) -> list[Finding]:
    out = []
    reported: set[tuple] = set()
    claims = _readable_claims(report)
    for p in report.draft.paragraphs:
        text = norm(p.text)
        if not text or len(text) < 8:
            continue
        for claim, stats in claims:
            for m in claim.pattern.finditer(text):
                if "上年结转" in text[max(0, m.start() - 6):m.end()] or \
                        (claim.table == "T4" and _PART_OF_CASES.search(m.group(0))) or "比上年" in m.group(0):
                    continue
                said = int(m.group(m.lastindex))
                if said not in _accepted(report, stats) and (claim.table, claim.cells) not in reported:
                    reported.add((claim.table, claim.cells))
                    if said > 0 and _counts_none(report, stats):
                        out.append(_cases_said_table_none(report, p, stats, said, claim.what))
                    else:
                        out.append(_claim_finding(report, p, stats, said, claim.what))
        for kind, sentence in _none_said(p.text):
            if ("none", kind) not in reported and (found := _no_cases(report, p, kind, sentence)):
                reported.add(("none", kind))
                out.append(found)
    return out
