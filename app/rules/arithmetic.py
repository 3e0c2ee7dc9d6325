"""arith.*: the broken sums of 表三 and 表四, and the one cell that explains them."""
from __future__ import annotations

from ..findings import TABLE_SECTION, Finding, cell_ref
from ..formats import editions as E
from ..formats.labels import fmt_number
from ..formats.wording import cell_label
from ..report.recognise import Report
from ..report.tables import StatCell
from .relations import Relation, relations, values_of
from .solver import Edit, RepairResult, find_repairs

_SHORT_ROW = {"r1": "一", "r2": "二", "r3_7": "三（七）总计", "r4": "四"}


def _n(stat: StatCell) -> str:
    return fmt_number(stat.value.amount)


def _sum(stats: list[StatCell]) -> float:
    return sum(s.value.amount for s in stats)


def _message(rel: Relation) -> str:
    left, right = _sum(rel.left), _sum(rel.right)
    if rel.rule == "arith.balance":
        col = E.T3_COL_LABEL[rel.col]
        terms_l = "＋".join(f"{_SHORT_ROW[s.row]}({_n(s)})" for s in rel.left)
        terms_r = "＋".join(f"{_SHORT_ROW[s.row]}({_n(s)})" for s in rel.right)
        return (f"表三“{col}”栏：{terms_l}＝{fmt_number(left)}，{terms_r}＝{fmt_number(right)}，不相等"
                f"（本列勾稽关系：第一项加第二项之和，等于第三项加第四项之和）。")
    if rel.rule == "arith.results_total":
        col = E.T3_COL_LABEL[rel.col]
        nonzero = [f"{E.t3_row_label(s.row)}({_n(s)})" for s in rel.left if s.value.amount]
        detail = "＋".join(nonzero) if nonzero else "各项均为 0"
        return (f"表三“{col}”栏：三、本年度办理结果各项之和为 {fmt_number(left)}：{detail}；"
                f"“（七）总计”填写 {fmt_number(right)}，不相等。")
    if rel.rule == "arith.row_total":
        terms = "＋".join(f"{E.T3_COL_LABEL[s.col]}({_n(s)})" for s in rel.left)
        return (f"表三“{E.t3_row_label(rel.row)}”行：{terms}＝{fmt_number(left)}，"
                f"“总计”栏填写 {fmt_number(right)}，不相等。")
    terms = "＋".join(f"{E.T4_RESULT_LABEL[s.col.rsplit('_', 1)[1]]}({_n(s)})" for s in rel.left)
    return (f"表四“{E.T4_GROUP_LABEL[rel.group]}”：{terms}＝{fmt_number(left)}，"
            f"“总计”填写 {fmt_number(right)}，不相等。")


def _edit_text(edits: list[Edit]) -> str:
    return "、".join(f"{cell_label(e.stat)}由 {_n(e.stat)} 改为 {e.new}" for e in edits)


def _repair_findings(table: str, result: RepairResult, broken: list[Finding]) -> list[Finding]:
    """arith.suspect_cell for a certain repair; otherwise the candidates added to the broken sums' messages."""
    if result.chosen is None:
        if result.candidates:
            options = "；".join(f"（{i}）{_edit_text(c)}" for i, c in enumerate(result.candidates[:6], 1))
            more = f"等 {len(result.candidates)} 种" if len(result.candidates) > 6 else ""
            broken[0].message += f"可能的改法{more}：{options}。无法确定是哪一格有误，请人工核对。"
        return []
    out = []
    alone = len(result.chosen) == 1
    for edit in result.chosen:
        s = edit.stat
        why = ("若只有这一格填错，改为 {new} 即可使上述全部不平衡的关系成立" if alone else
               "与另一格同时改正（{others}）是使全部关系成立的最小改法")
        others = _edit_text([e for e in result.chosen if e is not edit])
        out.append(Finding(
            "arith.suspect_cell", "info",
            f"最可能填错的是{cell_label(s)}（现填 {_n(s)}）：" + why.format(new=edit.new, others=others) + "。",
            section=TABLE_SECTION[table], table=table, row=s.row, col=s.col,
            expected=edit.new, actual=s.value.amount, cells=[cell_ref(s)],
            fix={"kind": "set_cell", "table": table, "row": s.row, "col": s.col, "value": edit.new}))
    return out


def check(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    for table, rels in relations(report.tables).items():
        values = values_of(report.tables[table])
        broken: dict[int, Finding] = {}
        for rel in rels:
            left, right = _sum(rel.left), _sum(rel.right)
            if rel.checkable and left != right:
                broken[id(rel)] = Finding(rel.rule, "error", _message(rel), section=TABLE_SECTION[table], table=table,
                                          row=rel.row, col=rel.col, group=rel.group, expected=left, actual=right,
                                          cells=[cell_ref(s) for s in rel.cells])
        findings += broken.values()
        for result in find_repairs(rels, values) if broken else []:
            findings += _repair_findings(table, result, [broken[id(r)] for r in result.broken])
    return findings
