"""arith.*: the broken sums of 表三 and 表四, and the one cell that explains them."""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import TABLE_SECTION, Finding, SetCell, Severity
from ..formats import editions as E
from ..formats.labels import fmt_number
from ..report.recognise import Report
from ..report.tables import StatCell
from ..report.wording import cell_label
from .relations import Relation, SumKind, relations, values_of
from .rule import Category, Rule
from .solver import Edit, RepairResult, find_repairs

BALANCE = Rule("arith.balance", Severity.ERROR, Category.ARITHMETIC, "表三收支不平衡",
               "表三每一栏都应满足：一、本年新收 ＋ 二、上年结转 ＝ 三、（七）总计 ＋ 四、结转下年度继续办理。"
               "不平衡说明有数字漏填、错填或重复统计。")
RESULTS_TOTAL = Rule("arith.results_total", Severity.ERROR, Category.ARITHMETIC, "表三办理结果合计不符",
                     "表三每一栏“三、本年度办理结果”各项之和应等于“（七）总计”。区分处理的申请只计入“（二）部分公开”。")
ROW_TOTAL = Rule("arith.row_total", Severity.ERROR, Category.ARITHMETIC, "表三行合计不符",
                 "表三每一行，自然人与五类法人或其他组织之和应等于“总计”栏。")
GROUP_TOTAL = Rule("arith.group_total", Severity.ERROR, Category.ARITHMETIC, "表四合计不符",
                   "表四行政复议、未经复议直接起诉、复议后起诉三组中，结果维持＋结果纠正＋其他结果＋尚未审结应等于总计。")
SUSPECT_CELL = Rule("arith.suspect_cell", Severity.INFO, Category.ARITHMETIC, "最可能填错的单元格",
                    "若只改这一格就能让上面所有不平衡的关系成立，它最可能是填错的格；保存修正版时会改为建议值并加批注。")
T2_IN_FORCE = Rule("arith.t2_in_force", Severity.WARNING, Category.ARITHMETIC, "表二现行有效件数偏少",
                   "本年制发且未在本年废止的文件年底仍然有效，所以“现行有效件数”不应小于“本年制发件数”减“本年废止件数”。")
RULES = (BALANCE, RESULTS_TOTAL, ROW_TOTAL, GROUP_TOTAL, SUSPECT_CELL, T2_IN_FORCE)

_RULE_OF = {SumKind.BALANCE: BALANCE, SumKind.RESULTS_TOTAL: RESULTS_TOTAL, SumKind.ROW_TOTAL: ROW_TOTAL,
            SumKind.GROUP_TOTAL: GROUP_TOTAL}


@dataclass(eq=False)
class SumAnalysis:
    """The sums of 表三 and 表四 as the arith rules analysed them, once per report."""

    relations: list[Relation]  # every relation the draft's cells allow, 表三's then 表四's
    groups: list[RepairResult]  # each group of broken relations a repair fixes together, in the order solved


@dataclass(frozen=True, eq=False)
class SumBasis:
    """What a broken-sum or suspect-cell finding rests on; the copies repair and comment from it."""

    analysis: SumAnalysis
    group: RepairResult  # the broken relations repaired together with this one, and the repairs found
    relation: Relation | None = None  # the broken relation the finding reports (None: a suspect cell)

_SHORT_ROW = {"r1": "一", "r2": "二", "r3_7": "三（七）总计", "r4": "四"}


def _n(stat: StatCell) -> str:
    return fmt_number(stat.value.amount)


def _sum(stats: list[StatCell]) -> float:
    return sum(s.value.amount for s in stats)


def _message(rel: Relation) -> str:
    left, right = _sum(rel.left), _sum(rel.right)
    if rel.kind is SumKind.BALANCE:
        col = E.T3_COL_LABEL[rel.col]
        terms_l = "＋".join(f"{_SHORT_ROW[s.row]}({_n(s)})" for s in rel.left)
        terms_r = "＋".join(f"{_SHORT_ROW[s.row]}({_n(s)})" for s in rel.right)
        return (f"表三“{col}”栏：{terms_l}＝{fmt_number(left)}，{terms_r}＝{fmt_number(right)}，不相等"
                f"（本列勾稽关系：第一项加第二项之和，等于第三项加第四项之和）。")
    if rel.kind is SumKind.RESULTS_TOTAL:
        col = E.T3_COL_LABEL[rel.col]
        nonzero = [f"{E.t3_row_label(s.row)}({_n(s)})" for s in rel.left if s.value.amount]
        detail = "＋".join(nonzero) if nonzero else "各项均为 0"
        return (f"表三“{col}”栏：三、本年度办理结果各项之和为 {fmt_number(left)}：{detail}；"
                f"“（七）总计”填写 {fmt_number(right)}，不相等。")
    if rel.kind is SumKind.ROW_TOTAL:
        terms = "＋".join(f"{E.T3_COL_LABEL[s.col]}({_n(s)})" for s in rel.left)
        return (f"表三“{E.t3_row_label(rel.row)}”行：{terms}＝{fmt_number(left)}，"
                f"“总计”栏填写 {fmt_number(right)}，不相等。")
    terms = "＋".join(f"{E.T4_RESULT_LABEL[s.col.rsplit('_', 1)[1]]}({_n(s)})" for s in rel.left)
    return (f"表四“{E.T4_GROUP_LABEL[rel.group]}”：{terms}＝{fmt_number(left)}，"
            f"“总计”填写 {fmt_number(right)}，不相等。")


def _edit_text(edits: list[Edit]) -> str:
    return "、".join(f"{cell_label(e.stat)}由 {_n(e.stat)} 改为 {e.new}" for e in edits)


def _candidates_text(result: RepairResult) -> str:
    """The candidate repairs of a group with no single certain one, for a person to choose from."""
    if result.chosen is not None or not result.candidates:
        return ""
    options = "；".join(f"（{i}）{_edit_text(c)}" for i, c in enumerate(result.candidates[:6], 1))
    more = f"等 {len(result.candidates)} 种" if len(result.candidates) > 6 else ""
    return f"可能的改法{more}：{options}。无法确定是哪一格有误，请人工核对。"


def _broken_finding(table: str, rel: Relation, note: str, basis: SumBasis | None) -> Finding:
    """A broken sum; `note` holds the candidate repairs on the first of a group with no certain one."""
    return _RULE_OF[rel.kind].finding(
        _message(rel), note=note, basis=basis, section=TABLE_SECTION[table], table=table, row=rel.row, col=rel.col,
        group=rel.group, expected=_sum(rel.left), actual=_sum(rel.right), cells=[s.ref() for s in rel.cells])


def _suspect_findings(table: str, result: RepairResult, analysis: SumAnalysis) -> list[Finding]:
    """arith.suspect_cell for each edit of a certain repair."""
    out = []
    alone = len(result.chosen or []) == 1
    for edit in result.chosen or []:
        s = edit.stat
        why = ("若只有这一格填错，改为 {new} 即可使上述全部不平衡的关系成立" if alone else
               "与另一格同时改正（{others}）是使全部关系成立的最小改法")
        others = _edit_text([e for e in result.chosen if e is not edit])
        out.append(SUSPECT_CELL.finding(
            f"最可能填错的是{cell_label(s)}（现填 {_n(s)}）：" + why.format(new=edit.new, others=others) + "。",
            section=TABLE_SECTION[table], table=table, row=s.row, col=s.col,
            expected=edit.new, actual=s.value.amount, cells=[s.ref()],
            fix=SetCell(table, s.row, s.col, edit.new), basis=SumBasis(analysis, result)))
    return out


def _t2_in_force(report: Report) -> list[Finding]:
    """W3: 现行有效件数 ≥ 本年制发件数 − 本年废止件数 for 规章 and 行政规范性文件 (2021 表二)."""
    t2 = report.tables.get("T2")
    if t2 is None or t2.incomplete or report.edition.spec.t2 is not E.T2_2021:
        return []  # a table not read whole is not checked
    out = []
    for row, label in (("regulations", "规章"), ("normative", "行政规范性文件")):
        stats = [t2.get(row, col) for col in ("made", "repealed", "in_force")]
        if any(s is None or not s.known or s.value.kind != "number" for s in stats):
            continue
        made, repealed, in_force = stats
        floor = made.value.amount - repealed.value.amount
        if in_force.value.amount < floor:
            out.append(T2_IN_FORCE.finding(
                f"表二“{label}”行：现行有效件数({_n(in_force)}) 小于 本年制发件数({_n(made)})－本年废止件数({_n(repealed)})"
                f"＝{fmt_number(floor)}；本年制发且未废止的文件年底仍然有效，请核对。",
                section="s2", table="T2", row=row, col="in_force", expected=floor, actual=in_force.value.amount,
                cells=[s.ref() for s in stats]))
    return out


def check(report: Report) -> list[Finding]:
    findings: list[Finding] = _t2_in_force(report)
    analysis = SumAnalysis([], [])
    for table, rels in relations(report.tables).items():
        analysis.relations += rels
        broken = [rel for rel in rels if rel.checkable and _sum(rel.left) != _sum(rel.right)]
        if not broken:
            continue
        results = [result for result in find_repairs(rels, values_of(report.tables[table])) if result.broken]
        analysis.groups += results
        notes = {id(result.broken[0]): _candidates_text(result) for result in results}
        group_of = {id(rel): result for result in results for rel in result.broken}
        for rel in broken:
            basis = SumBasis(analysis, group_of[id(rel)], rel) if id(rel) in group_of else None
            findings.append(_broken_finding(table, rel, notes.get(id(rel), ""), basis))
        for result in results:
            findings += _suspect_findings(table, result, analysis)
    return findings
