"""value.*: blank statistics cells, values that cannot be right, formulas with no known result."""
from __future__ import annotations

from ..findings import TABLE_SECTION, CellRef, FillZero, Finding, Severity
from ..formats.editions import T2_2021, Edition
from ..formats.labels import fmt_number
from ..formats.wording import cell_label
from ..report.recognise import Report
from ..report.tables import StatCell
from .catalogue import finding


def _problem(stat: StatCell, edition: Edition) -> str | None:
    """Why a number cannot be right in this cell, or None."""
    v = stat.value
    spec = edition.spec.t2 or T2_2021
    signed = stat.table == "T2" and stat.col in spec.signed_cols
    decimal = stat.table == "T2" and stat.col in spec.decimal_cols
    if v.kind == "invalid":
        return f"“{stat.cell.text.strip()}”不是数字"
    if v.number < 0 and not signed:
        return f"{fmt_number(v.number)} 是负数，件数不能为负"
    if isinstance(v.number, float) and not v.number.is_integer() and not decimal:
        return f"{fmt_number(v.number)} 带小数，件数应为整数"
    return None


def _finding(rule: str, message: str, stat: StatCell, *, severity: Severity | None = None, fix=None) -> Finding:
    return finding(rule, message, severity=severity, section=TABLE_SECTION[stat.table], table=stat.table,
                   row=stat.row, col=stat.col, group=stat.col.rsplit("_", 1)[0] if stat.table == "T4" else None,
                   cells=[CellRef.of(stat)], fix=fix)


def check(report: Report) -> list[Finding]:
    findings = []
    for table in ("T2", "T3", "T4"):
        kt = report.tables.get(table)
        if kt is None:
            continue
        for stat in kt.cells.values():
            where = cell_label(stat, report.edition)
            if not stat.known:
                findings.append(_finding(
                    "value.uncomputed",
                    f"{where}是公式（{stat.cell.formula}），文件中没有保存计算结果，本工具也无法计算，"
                    "涉及此格的勾稽关系未核对；请在 Excel/WPS 中打开并保存后再检查。", stat))
            elif stat.value.kind == "blank":
                shown = stat.cell.text.strip()
                how = f"填写了“{shown}”" if shown else "为空"
                findings.append(_finding(
                    "value.blank", f"{where}{how}，按 0 核对；没有数据时请明确填写 0。", stat,
                    fix=FillZero(table, stat.row, stat.col)))
            else:
                problem = _problem(stat, report.edition)
                if problem:
                    findings.append(_finding("value.invalid", f"{where}填写的{problem}。", stat))
    return findings
