"""text.*: numbers stated in the prose against the table cells they describe (W8), and "no cases" (W2)."""
from __future__ import annotations

import re

from ..findings import TABLE_SECTION, CellRef, Finding
from ..formats.labels import fmt_number, norm
from ..formats.wording import cell_label
from ..report.recognise import Report
from ..report.tables import StatCell
from .catalogue import finding

_N = r"(?<!\d)(\d{1,15})件"  # a longer digit run is no count (and beyond Python's int conversion limit)
# (pattern, table, row, col, what the prose says); the number is the last group.
_CLAIMS = (
    (re.compile(r"(?:收到|受理|新收|接收)[^。；，,]{0,16}?(?:申请|申请书)[^。；0-9]{0,4}?" + _N), "T3", "r1", "total",
     "收到申请"),
    (re.compile(r"(?:收到|受理|新收|接收)[^。；0-9]{0,8}?" + _N + r"[^。；，,]{0,14}?申请"), "T3", "r1", "total",
     "收到申请"),
    (re.compile(r"(?:全部|均已|已)?办结[^。；0-9]{0,6}?" + _N), "T3", "r3_7", "total", "办结"),
    (re.compile(r"(?:结转下年度|结转至下一年度|转下一年度|结转下一年度)[^。；0-9]{0,10}?" + _N), "T3", "r4", "total",
     "结转下年度"),
    (re.compile(r"(?:被申请|收到|发生)行政复议[^。；0-9]{0,4}?" + _N), "T4", "r1", "review_total", "行政复议"),
)
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
    return finding("text.no_cases", f"正文说“{said}”，但{cells}。请核对正文与表格。",
                   section=report.section_of_block(report.draft.blocks.index(p)) or TABLE_SECTION[table],
                   table=table, expected=0, actual=sum(s.value.amount for s in counted), subject=kind,
                   cells=[*(CellRef.of(s) for s in counted), CellRef.paragraph(p.where)])


def _counts_none(report: Report, stat: StatCell) -> bool:
    """Every cell of the group the stated count belongs to is 0 or blank (not merely its 总计)."""
    kind = "政府信息公开申请" if stat.table == "T3" else ("行政复议" if stat.col.startswith("review_") else "行政诉讼")
    cells = [s for s in _case_cells(report, kind) if stat.table == "T3" or s.col.split("_")[0] == stat.col.split("_")[0]]
    return all(s.value.kind != "invalid" and not s.value.amount for s in cells)


def _cases_said_table_none(report: Report, p, stat: StatCell, said: int, what: str) -> Finding:
    """text.no_cases the other way round: the prose counts cases, the table has none."""
    return finding("text.no_cases", f"正文说“{what} {said} 件”，但{cell_label(stat, report.edition)}为 0。"
                                    "请核对正文与表格。",
                   section=report.section_of_block(report.draft.blocks.index(p)) or TABLE_SECTION[stat.table],
                   table=stat.table, expected=0, actual=said, subject=what,
                   cells=[CellRef.of(stat), CellRef.paragraph(p.where)])


def _stat(report: Report, table: str, row: str, col: str) -> StatCell | None:
    kt = report.tables.get(table)
    return kt.get(row, col) if kt else None


def _accepted(report: Report, stat: StatCell) -> set:
    """Values the prose may state for a cell: 收到 may also count 上年结转 (r1 + r2)."""
    values = {stat.value.amount}
    carried = _stat(report, "T3", "r2", "total") if stat.row == "r1" else None
    if carried is not None and carried.known:
        values.add(stat.value.amount + carried.value.amount)
    return values


def _claim_finding(report, p, stat: StatCell, said: int, what: str) -> Finding:
    table_value = stat.value.amount
    return finding("text.number_mismatch",
                   f"正文说“{what} {said} 件”，但{cell_label(stat, report.edition)}为 {fmt_number(table_value)}。",
                   section=report.section_of_block(report.draft.blocks.index(p)) or TABLE_SECTION[stat.table],
                   table=stat.table, row=stat.row, col=stat.col, expected=table_value, actual=said,
                   cells=[CellRef.of(stat), CellRef.paragraph(p.where)])


def check(report: Report) -> list[Finding]:
    out = []
    reported: set[tuple] = set()
    claims = [(pattern, table, row, col, what, stat) for pattern, table, row, col, what in _CLAIMS
              if (stat := _stat(report, table, row, col)) is not None and stat.known and stat.value.kind != "invalid"]
    for p in report.draft.paragraphs:
        text = norm(p.text)
        if not text or len(text) < 8:
            continue
        for pattern, table, row, col, what, stat in claims:
            for m in pattern.finditer(text):
                if "上年结转" in text[max(0, m.start() - 6):m.end()] or "比上年" in text[m.start():m.end()]:
                    continue
                said = int(m.group(m.lastindex))
                if said not in _accepted(report, stat) and (table, row, col) not in reported:
                    reported.add((table, row, col))
                    if said > 0 and _counts_none(report, stat):
                        out.append(_cases_said_table_none(report, p, stat, said, what))
                    else:
                        out.append(_claim_finding(report, p, stat, said, what))
        for kind, sentence in _none_said(p.text):
            if ("none", kind) not in reported and (found := _no_cases(report, p, kind, sentence)):
                reported.add(("none", kind))
                out.append(found)
    return out
