"""value.*: blank statistics cells, values that cannot be right, formulas with no known result."""
from __future__ import annotations

import re

from ..findings import TABLE_SECTION, FillZero, Finding, Severity
from ..formats.editions import T2_2019, T2_2021, T4_COLUMN_PARTS, Edition
from ..formats.labels import fmt_number
from ..report.recognise import Report
from ..report.tables import StatCell
from ..report.wording import cell_label
from .rule import Category, Rule

BLANK = Rule("value.blank", Severity.WARNING, Category.VALUES, "统计表有空格",
             "空格、“/”“—”“无”按 0 核对，但规范的写法是明确填写 0，避免被认为漏填。")
INVALID = Rule("value.invalid", Severity.ERROR, Category.VALUES, "数值不合规",
               "统计表只填阿拉伯数字：件数为不小于 0 的整数。读不出数字（如“约10”、文字、负数、小数）是错误；"
               "能读出数字但写法不规范（如“2件”、全角数字、“1,234”）是警告，核对时按读出的数字计算。", also=(Severity.WARNING,))
UNIT = Rule("value.unit", Severity.WARNING, Category.VALUES, "金额单位不对",
            "表二“本年收费金额”的单位是万元，单元格只填数字（如 0.35），不要写入单位或按元填写。")
UNCOMPUTED = Rule("value.uncomputed", Severity.INFO, Category.VALUES, "公式没有计算结果",
                  "该格是公式，文件中没有保存计算结果，本工具也无法计算，涉及此格的勾稽关系未核对。"
                  "请在 Excel/WPS 中打开并保存后再检查。")
RULES = (BLANK, INVALID, UNIT, UNCOMPUTED)


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


_ODD_DIGIT = re.compile(r"[^\x00-\x7f]")  # a digit read from a full-width or other non-ASCII form


def _written_oddly(stat: StatCell) -> str | None:
    """Why a readable number is not the bare number the table wants ("2件", "１２", "1,234"), or None."""
    raw = re.sub(r"\s", "", stat.cell.text)
    v = stat.value
    digits = re.sub(r"[^\d]", "", raw)
    if v.unit:
        return f"带了单位“{v.unit}”"
    if v.note:
        return f"带了说明“{v.note}”"
    if "," in raw or "，" in raw:
        return "用了千位分隔符"
    if _ODD_DIGIT.search(digits):
        return "用了全角或其他字形的数字"
    return None


def _unit_belongs_in_cell(stat: StatCell, edition: Edition) -> bool:
    """2019's 采购总金额 has no unit in its header: the unit typed into the cell is how it is told."""
    return stat.table == "T2" and stat.col == "amount" and edition.spec.t2 is T2_2019 and bool(stat.value.unit)


def _money_unit(stat: StatCell, edition: Edition) -> Finding | None:
    """value.unit: 表二 本年收费金额 is in 万元; a unit typed into the cell, or 元 where 万元 is asked."""
    if stat.table != "T2" or stat.col != "amount" or edition.spec.t2 is not T2_2021 or not stat.value.unit:
        return None
    raw = stat.cell.text.strip()
    where = cell_label(stat, edition)
    if stat.value.unit == "元":
        converted = fmt_number(round(stat.value.number / 10000, 6))
        message = (f"{where}填写的“{raw}”以元为单位，表头单位是万元：应填 {converted}（万元），单元格只填数字。")
        return _finding(UNIT, message, stat, expected=round(stat.value.number / 10000, 6),
                        actual=stat.value.number)
    if stat.value.unit == "万元":
        return _finding(UNIT, f"{where}填写的“{raw}”带了单位：表头已注明万元，单元格只填数字 "
                              f"{fmt_number(stat.value.number)}。", stat)
    return None


def _finding(rule: Rule, message: str, stat: StatCell, *, severity: Severity | None = None, fix=None,
             expected=None, actual=None) -> Finding:
    return rule.finding(message, severity=severity, section=TABLE_SECTION[stat.table], table=stat.table,
                        row=stat.row, col=stat.col, group=T4_COLUMN_PARTS[stat.col][0] if stat.table == "T4" else None,
                        cells=[stat.ref()], fix=fix, expected=expected, actual=actual)


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
                    UNCOMPUTED,
                    f"{where}是公式（{stat.cell.formula}），文件中没有保存计算结果，本工具也无法计算，"
                    "涉及此格的勾稽关系未核对；请在 Excel/WPS 中打开并保存后再检查。", stat))
            elif stat.value.kind == "blank":
                shown = stat.cell.text.strip()
                how = f"填写了“{shown}”" if shown else "为空"
                findings.append(_finding(
                    BLANK, f"{where}{how}，按 0 核对；没有数据时请明确填写 0。", stat,
                    fix=FillZero(table, stat.row, stat.col)))
            elif problem := _problem(stat, report.edition):
                findings.append(_finding(INVALID, f"{where}填写的{problem}。", stat))
            elif unit := _money_unit(stat, report.edition):
                findings.append(unit)
            elif (odd := _written_oddly(stat)) and not _unit_belongs_in_cell(stat, report.edition):
                n = fmt_number(stat.value.number)
                findings.append(_finding(
                    INVALID, f"{where}填写的“{stat.cell.text.strip()}”{odd}，按 {n} 核对；"
                             f"统计表只填数字，请改为 {n}。", stat, severity=Severity.WARNING))
    return findings
