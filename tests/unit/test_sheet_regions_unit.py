"""A sheet's rows split into prose and table regions, built in memory (no workbook written)."""
from app.draft.model import Paragraph, Table
from app.draft.xlsx_parts import SheetContent
from app.draft.xlsx_reader import draft_of_sheets
from app.report.tables import find_t4

_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _t4_header(top: int) -> tuple[dict[tuple[int, int], object], list[tuple[int, int, int, int]]]:
    """表四's three header rows from sheet row `top`, merged as the official layout (A–O)."""
    values: dict[tuple[int, int], object] = {(top, 1): "行政复议", (top, 6): "行政诉讼",
                                             (top + 1, 6): "未经复议直接起诉", (top + 1, 11): "复议后起诉"}
    for i, label in enumerate(_RESULTS):
        values[(top + 1, 1 + i)] = label
        values[(top + 2, 6 + i)] = label
        values[(top + 2, 11 + i)] = label
    merges = [(top, 1, top, 5), (top, 6, top, 15), (top + 1, 6, top + 1, 10), (top + 1, 11, top + 1, 15),
              *((top + 1, c, top + 2, c) for c in range(1, 6))]
    return values, merges


def _sheet(values, merges) -> list:
    return draft_of_sheets("内存.xlsx", {"年报": SheetContent(values=values, merges=merges)}).blocks


def test_t4_with_every_value_blank_keeps_its_empty_value_row_before_the_next_part():
    values, merges = _t4_header(3)
    values |= {(1, 1): "四、政府信息公开行政复议、行政诉讼情况", (8, 1): "五、存在的主要问题及改进情况"}
    merges += [(1, 1, 1, 15), (8, 1, 8, 15)]
    blocks = _sheet(values, merges)
    assert [type(b) for b in blocks] == [Paragraph, Table, Paragraph]
    kt = find_t4(blocks[1])
    assert kt is not None and len(kt.cells) == 15 and not kt.missing
    assert {s.value.kind for s in kt.cells.values()} == {"blank"}
    assert kt.get("r1", "after_review_total").cell.where.to_json() == {"sheet": "年报", "cell": "O6"}


def test_t4_header_at_the_foot_of_its_sheet_reads_the_row_below_as_blank():
    values, merges = _t4_header(1)
    kt = find_t4(_sheet(values, merges)[0])
    assert len(kt.cells) == 15 and kt.get("r1", "review_upheld").cell.where.to_json() == {"sheet": "年报", "cell": "A4"}


def test_an_empty_row_between_header_and_numbers_is_not_taken_for_the_value_row():
    values, merges = _t4_header(1)
    values |= {(5, c): c for c in range(1, 16)}  # row 4 left empty, the numbers on row 5
    kt = find_t4(_sheet(values, merges)[0])
    assert kt.get("r1", "review_upheld").value.number == 1 and kt.get("r1", "after_review_total").value.number == 15


def test_a_table_ending_with_a_labelled_row_gets_no_extra_row():
    values = {(1, 1): "信息内容", (1, 2): "本年制发件数", (1, 3): "本年废止件数", (2, 1): "规章", (2, 2): 1, (2, 3): 0,
              (3, 1): "行政规范性文件", (5, 1): "五、存在的主要问题及改进情况"}
    table = _sheet(values, [(5, 1, 5, 4)])[0]
    assert len(table.grid) == 3
