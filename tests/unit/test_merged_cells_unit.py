"""Value cells merged into one: the table is incomplete and its sums are not checked (tables in memory)."""
from app.report.recognise import recognise
from app.report.tables import find_t2, find_t3, find_t4
from app.rules import arith, table
from tests.unit.grids import draft_of, t3_rows, table_of

_T2_HEAD = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]


def _t2(regulations: list[str | None]) -> list[list[str | None]]:
    return [_T2_HEAD, ["规章", *regulations], ["行政规范性文件", "5", "0", "1"],
            ["信息内容", "本年处理决定数量", None, None], ["行政许可", "7", None, None]]


def test_a_t2_cell_spanning_two_columns_is_read_for_neither():
    kt = find_t2(table_of(_t2(["0", "3", None])))
    assert set(kt.merged) == {("regulations", "repealed"), ("regulations", "in_force")} and kt.incomplete
    assert kt.get("regulations", "made").value.number == 0 and kt.get("regulations", "repealed") is None
    assert kt.get("licensing", "decisions").value.number == 7  # a header merged over its row's cells is one column


def test_a_t2_without_merged_values_is_whole():
    kt = find_t2(table_of(_t2(["0", "3", "4"])))
    assert not kt.merged and not kt.incomplete and kt.get("regulations", "in_force").value.number == 4


def test_merged_t3_and_t4_value_cells_are_merged_slots():
    rows = t3_rows()
    rows[1][4] = None  # 本年新收: 商业企业 merged into 自然人
    t3 = find_t3(table_of(rows))
    assert set(t3.merged) == {("r1", "natural"), ("r1", "commercial")} and t3.incomplete
    header = [["行政复议", *[None] * 4, "行政诉讼", *[None] * 9],
              ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", *[None] * 4, "复议后起诉",
               *[None] * 4],
              ["", "", "", "", "", *(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)],
              ["0", "0", None, "0", "0", *["0"] * 10]]
    header[2][:5] = header[1][:5]
    t4 = find_t4(table_of(header))
    assert set(t4.merged) == {("r1", "review_corrected"), ("r1", "review_other")} and t4.incomplete


def test_merged_t2_cells_give_one_table_incomplete_and_no_t2_sum():
    # 规章: 制发 5, 废止 0 and 现行有效 1 merged — W3 (1 < 5 − 0) would fire on a reading of the merged cell
    draft = draft_of("某某局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", _t2(["5", "1", None]))
    report = recognise(draft)
    found = [f for f in table.check(report) if f.table == "T2"]
    assert [f.rule for f in found] == ["table.incomplete"]
    assert "“规章”行的“本年废止件数”“现行有效件数”合并成了一个单元格" in found[0].message
    assert (found[0].expected, found[0].actual) == (7, 6)  # the value cells of the rows present
    assert {c.where.to_json()["col"] for c in found[0].cells} == {2}
    assert [f.rule for f in arith.check(report) if f.table == "T2"] == []
