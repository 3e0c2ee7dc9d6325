"""Counts of 行政复议/行政诉讼 stated in the prose against 表四's totals (report-formats.md W2), drafts in memory."""
import pytest

from app.report.recognise import recognise
from app.rules import text
from tests.unit.grids import draft_of, t3_rows, t4_rows


def _t4(review: list[int], direct: list[int], after: list[int]) -> list[list[str | None]]:
    """The four results of each group; the 总计 of each is their sum."""
    return t4_rows([*review, sum(review), *direct, sum(direct), *after, sum(after)])


def _findings(sentence: str, t4: list[list[str | None]]) -> list:
    draft = draft_of("某某局2023年政府信息公开工作年度报告", "一、总体情况", f"（二）依申请公开。{sentence}", t3_rows(),
                     "四、政府信息公开行政复议、行政诉讼情况", t4)
    return text.check(recognise(draft))


def test_counts_said_against_an_empty_table_are_no_cases():
    found = _findings("全年发生政府信息公开行政复议2件、行政诉讼1件。", _t4([0] * 4, [0] * 4, [0] * 4))
    assert [(f.rule, f.table, f.subject, f.actual) for f in found] == [
        ("text.no_cases", "T4", "行政复议", 2), ("text.no_cases", "T4", "行政诉讼", 1)]
    assert "“行政诉讼·未经复议直接起诉·总计”栏与表四“行政诉讼·复议后起诉·总计”栏之和为 0" in found[1].message


@pytest.mark.parametrize("sentence", [
    "全年发生政府信息公开行政复议2件、行政诉讼3件。",
    "本年度因政府信息公开工作被申请行政复议2件，被提起行政诉讼3件。",
    "政府信息公开行政复议2件，政府信息公开行政诉讼3件。",
    "涉及政府信息公开的行政复议2件、行政诉讼3件，均依法应诉应复。",
    "本机关有2件涉及政府信息公开工作的行政复议。涉及的行政诉讼数为3件。",
    "被申请行政复议2件，其中结果维持1件；未经复议直接起诉的行政诉讼1件，复议后起诉2件。",
])
def test_counts_that_agree_with_the_totals_give_nothing(sentence):
    assert _findings(sentence, _t4([1, 1, 0, 0], [1, 0, 0, 0], [0, 1, 1, 0])) == []


def test_a_count_against_another_total_is_a_number_mismatch():
    found = _findings("全年发生政府信息公开行政复议3件、行政诉讼1件。", _t4([1, 1, 0, 0], [1, 0, 0, 0], [0, 1, 1, 0]))
    assert [(f.rule, f.col, f.expected, f.actual) for f in found] == [
        ("text.number_mismatch", "review_total", 2, 3), ("text.number_mismatch", None, 3, 1)]


def test_a_count_against_a_total_cell_left_wrong_is_a_mismatch_with_that_cell():
    rows = _t4([1, 1, 0, 0], [0] * 4, [0] * 4)
    rows[3][4] = "0"  # 行政复议·总计 left at 0: arith.group_total reports it; repairing it resolves the prose too
    found = _findings("全年发生政府信息公开行政复议2件。", rows)
    assert [(f.rule, f.col, f.expected, f.actual) for f in found] == [("text.number_mismatch", "review_total", 0, 2)]
