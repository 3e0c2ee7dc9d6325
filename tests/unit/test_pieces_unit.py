"""Statistics tables broken over pages, joined in memory: whatever the break, the pieces read as one table."""
from __future__ import annotations

from app.report.pieces import logical_tables, repeated_header_rows
from app.report.tables import find_t3, find_t4
from tests.unit.grids import draft_of, t3_rows, table_of

VALUES = {"r1": [3, 1, 0, 0, 0, 0, 4], "r2": [1, 0, 0, 0, 0, 0, 1], "r3_1": [2, 1, 0, 0, 0, 0, 3],
          "r3_7": [2, 1, 0, 0, 0, 0, 3], "r4": [2, 0, 0, 0, 0, 0, 2]}
HEADER = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None, None, "申请人情况", *[None] * 6],
          ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None, None,
           "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]


def _t3_split(at: int, header_again: int = 0) -> list[list[list[str]]]:
    """表三's rows cut before data row `at`, the second piece opening with `header_again` copied header rows."""
    rows = t3_rows(VALUES)[1:]  # without the fixture's own one-row header
    return [HEADER + rows[:at], HEADER[:header_again] + rows[at:]]


def _joined(*blocks):
    tables = [t for _, t in logical_tables(draft_of(*blocks))]
    return tables


def _keyed(table):
    kt = find_t3(table)
    assert kt is not None
    return kt


def test_a_continuation_without_header_is_joined():
    upper, lower = _t3_split(12)
    (table,) = _joined(upper, "- 3 -", "", lower)
    kt = _keyed(table)
    assert len(kt.rows) == 25 and not kt.facts
    assert kt.get("r4", "total").cell.where.to_json() == {"docx_table": 1, "row": 12, "col": 9}


def test_a_continuation_that_repeats_the_header_rows_is_joined_without_them():
    for copied in (1, 2):
        upper, lower = _t3_split(9, header_again=copied)
        (table,) = _joined(upper, "", lower)
        kt = _keyed(table)
        assert len(kt.rows) == 25 and not kt.facts, copied
        assert kt.get("r3_7", "natural").value.number == 2
        assert len(table.grid) == len(upper) + len(lower) - copied
        assert table.breaks == (len(upper),)


def test_repeated_header_rows_are_counted_only_while_they_are_header_words():
    upper, lower = (table_of(rows) for rows in _t3_split(9, header_again=2))
    assert repeated_header_rows(upper, lower) == 2
    other = table_of([["项目", "数量"], ["收文", "3"]])
    assert repeated_header_rows(other, other) == 0  # equal rows, but not a statistics header


def test_a_header_row_alone_at_the_foot_of_a_page_joins_the_next_piece_whatever_its_width():
    upper = [HEADER[0][:4]]  # the converter gave the lone header row a grid of its own
    rows = t3_rows(VALUES)[1:]
    lower = [HEADER[1], *rows]
    (table,) = _joined(upper, "", lower)
    assert len(_keyed(table).rows) == 25


def test_a_row_label_cut_by_the_break_is_read_as_one_row():
    rows = t3_rows(VALUES)[1:]
    first = rows[0]  # 一、本年新收政府信息公开申请数量 with its numbers
    head, tail = first[1][:8], first[1][8:]
    upper = [*HEADER, [first[0], head, None, *first[3:]]]
    lower = [["", tail, None, *[""] * 7], *rows[1:]]
    (table,) = _joined(upper, "", lower)
    kt = _keyed(table)
    assert kt.get("r1", "total").value.number == 4 and "r1" in kt.rows


def test_t4_cut_after_its_first_header_row_is_joined():
    head = [["行政复议", None, None, None, None, "行政诉讼", *[None] * 9]]
    rest = [["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", *[None] * 4, "复议后起诉",
             *[None] * 4],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", *(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)],
            [str(n) for n in (1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2)]]
    (table,) = _joined(head, "第 4 页 共 6 页", rest)
    kt = find_t4(table)
    assert len(kt.cells) == 15 and kt.get("r1", "after_review_total").value.number == 2


def test_t4_cut_between_its_review_and_lawsuit_groups_is_put_back_side_by_side():
    review = [["行政复议", None, None, None, None],
              ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
              ["1", "0", "0", "0", "1"]]
    lawsuit = [["行政诉讼", *[None] * 9],
               ["未经复议直接起诉", *[None] * 4, "复议后起诉", *[None] * 4],
               ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
               [str(n) for n in (0, 0, 0, 0, 0, 2, 0, 0, 0, 2)]]
    (table,) = _joined(review, "", lawsuit)
    kt = find_t4(table)
    assert len(kt.cells) == 15
    assert kt.get("r1", "review_total").value.number == 1
    assert kt.get("r1", "after_review_total").cell.where.to_json() == {"docx_table": 1, "row": 3, "col": 9}


def test_tables_with_words_between_or_a_new_table_are_not_joined():
    upper, lower = _t3_split(12)
    assert len(_joined(upper, "（二）依申请公开情况", lower)) == 2  # a paragraph of text between: two tables
    complete = [*HEADER, *t3_rows(VALUES)[1:]]
    assert len(_joined(complete, "", complete)) == 2  # the whole 表三 twice: each starts a table of its own
