"""Recognisers on tables and paragraphs built in memory: labels, keys, editions, sections."""
from app.formats.editions import Edition
from app.formats.labels import parse_value
from app.report.facts import OtherColumnLabel
from app.report.recognise import recognise, strip_number
from app.report.tables import find_t3, find_t4
from tests.unit.grids import draft_of, t3_rows, table_of


def test_t3_rows_and_columns_are_keyed():
    values = {"r1": [1, 2, 0, 0, 0, 0, 3], "r3_7": [1, 2, 0, 0, 0, 0, 3]}
    kt = find_t3(table_of(t3_rows(values)))
    assert kt is not None and len(kt.rows) == 25 and not kt.facts
    assert kt.get("r1", "commercial").value.number == 2 and kt.get("r3_7", "total").value.number == 3
    assert kt.get("r3_3_1", "natural").cell.where.to_json() == {"docx_table": 0, "row": 5, "col": 3}


def test_t3_with_one_other_row_is_keyed_as_the_2019_layout():
    kt = find_t3(table_of(t3_rows(single_other_row=True)))
    assert "r3_6" in kt.rows and "r3_6_1" not in kt.rows and not kt.facts


def test_t3_variant_column_label_is_recorded():
    rows = t3_rows()
    rows[0][6] = "社会组织"
    kt = find_t3(table_of(rows))
    assert kt.facts == [OtherColumnLabel("public_welfare", "社会组织")]


def test_a_table_without_t3_labels_is_not_t3():
    assert find_t3(table_of([["项目", "数量"], ["收文", "3"], ["发文", "4"]])) is None


def test_t4_labels_split_over_three_header_rows():
    header = [["行政复议", None, None, None, None, "行政诉讼", *[None] * 9],
              ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", *[None] * 4, "复议后起诉",
               *[None] * 4],
              ["", "", "", "", "", *(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)],
              [str(n) for n in (1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2)]]
    header[2][:5] = header[1][:5]
    kt = find_t4(table_of(header))
    assert len(kt.cells) == 15 and not kt.facts
    assert kt.get("r1", "after_review_total").value.number == 2


def test_edition_year_agency_and_sections_from_paragraphs():
    draft = draft_of("淮安市某某局2024年政府信息公开工作年度报告",
                     "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
                     "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", t3_rows(),
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    report = recognise(draft)
    assert (report.edition, report.year, report.agency) == (Edition.V2021, 2024, "淮安市某某局")
    assert [h.key for h in report.section_order] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert report.period.years == (2024, 2024)


def test_heading_numbers_are_stripped():
    assert strip_number("三、收到和处理政府信息公开申请情况。") == "收到和处理政府信息公开申请情况"
    assert strip_number("（二）部分公开") == "部分公开"


def test_cell_values_are_read_as_numbers_blanks_or_invalid():
    assert (parse_value("１２").kind, parse_value("１２").number) == ("number", 12)
    assert parse_value("—").kind == "blank" and parse_value("约10").kind == "invalid"
    assert (parse_value("3件").number, parse_value("3件").unit) == (3, "件")
