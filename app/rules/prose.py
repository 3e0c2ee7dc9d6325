"""text.number_mismatch: numbers stated in the prose against the table cells they describe (W2, W8)."""
from __future__ import annotations

import re

from ..findings import TABLE_SECTION, CellRef, Finding
from ..formats.labels import fmt_number, norm
from ..formats.wording import cell_label
from ..report.recognise import Report
from ..report.tables import StatCell
from .catalogue import finding

_N = r"(\d+)件"
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
_NO_REVIEW = re.compile(r"(未|没有|无)(发生|出现|收到)?[^。；]{0,12}?(行政复议|行政诉讼)")


def _says_no_review(text: str) -> bool:
    """The paragraph says no 行政复议/诉讼 happened at all (not merely none was lost)."""
    for sentence in re.split(r"[。；;]", text):
        if _NO_REVIEW.search(sentence) and not re.search(r"纠错|败诉|纠正|撤销|确认违法", sentence):
            return True
    return False


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
    for p in report.draft.paragraphs:
        text = norm(p.text)
        if not text or len(text) < 8:
            continue
        for pattern, table, row, col, what in _CLAIMS:
            stat = _stat(report, table, row, col)
            if stat is None or not stat.known or stat.value.kind == "invalid":
                continue
            for m in pattern.finditer(text):
                if "上年结转" in text[max(0, m.start() - 6):m.end()] or "比上年" in text[m.start():m.end()]:
                    continue
                said = int(m.group(m.lastindex))
                if said not in _accepted(report, stat) and (table, row, col) not in reported:
                    reported.add((table, row, col))
                    out.append(_claim_finding(report, p, stat, said, what))
        if _says_no_review(text) and "T4" in report.tables:
            totals = [s for s in report.tables["T4"].cells.values() if s.col.endswith("_total") and s.value.amount]
            for stat in totals:
                if ("T4", "none", stat.col) in reported:
                    continue
                reported.add(("T4", "none", stat.col))
                out.append(finding("text.number_mismatch",
                                   f"正文说未发生行政复议或行政诉讼，但{cell_label(stat)}为 {fmt_number(stat.value.amount)}。",
                                   section="s4", table="T4", row="r1", col=stat.col, expected=0,
                                   actual=stat.value.amount,
                                   cells=[CellRef.of(stat), CellRef.paragraph(p.where)]))
    return out
