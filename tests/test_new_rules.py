"""The rules of report-formats.md §4–5 added with issue 8, on every layout: each fault, and its clean twin.

table.incomplete, arith.t2_in_force, value.unit, value.invalid (error / warning), text.no_cases,
section.intro_parts, meta.deadline, meta.contact.
"""
from __future__ import annotations

import copy

import pytest
from docx import Document

from app.draft.model import Cell
from app.engine import check_file
from app.rules.catalogue import RULES
from tests.conftest import RULE_LAYOUTS, build, check_draft_result, keys
from tests.fixtures.data import t4_from_groups, with_cell
from tests.fixtures.datasets import SAMPLE_AGENCY, sample_2019, sample_2021
from tests.fixtures.drafts import DOCX_DRAFT_LAYOUTS, built_draft

ALL_LAYOUTS = RULE_LAYOUTS
NEW_RULES = ("table.incomplete", "arith.t2_in_force", "value.unit", "text.no_cases", "section.intro_parts",
             "meta.deadline", "meta.contact")


def found(result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


def with_prose(data, paragraph: str):
    """The sample with its （二）依申请公开 paragraph of 总体情况 replaced."""
    changed = copy.deepcopy(data)
    heading, paragraphs = changed.sections[0]
    changed.sections[0] = (heading, paragraphs[:2] + [paragraph] + paragraphs[3:])
    return changed


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_clean_sample_raises_none_of_the_new_rules(check, layout):
    result = check(layout, sample_2021())
    assert [f.message for f in result.findings if f.rule in NEW_RULES] == []


@pytest.mark.parametrize("rule", NEW_RULES)
def test_new_rules_take_their_severity_from_the_catalogue(rule):
    assert rule in RULES


# ---------------------------------------------------------------- table.incomplete

@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_t3_missing_many_rows_is_incomplete_once_and_not_summed(check, layout):
    data = with_cell(sample_2021(), "T3", "r3_1", "natural", "6")
    data.label_overrides = {f"T3.{row}": "（备注）" for row in ("r3_3_1", "r3_3_2", "r3_3_3")}
    result = check(layout, data)
    t3 = [f for f in result.findings if f.table == "T3"]
    assert [(f.rule, f.severity) for f in t3] == [("table.incomplete", RULES["table.incomplete"].severity)]
    assert "（三）不予公开·1.属于国家秘密" in t3[0].message and "3 行" in t3[0].message
    assert (t3[0].expected, t3[0].actual) == (25, 22)


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_t3_missing_one_row_is_a_structure_error_and_its_sums_are_not_computed(check, layout):
    data = with_cell(sample_2021(), "T3", "r3_1", "natural", "6")
    data.label_overrides = {"T3.r3_3_8": "（备注）"}
    result = check(layout, data)
    assert ("table.structure", "T3", "r3_3_8", None, None, "s3") in keys(result.findings, ("error",))
    assert not found(result, "arith.results_total")  # a leaf is missing: 三 is not summed
    assert found(result, "arith.row_total")  # the rows that are whole still are


# Word tables edited as a clerk would: the built layouts in memory, the real template and one built layout on file.
FILE_DOCX_LAYOUTS = ["docx_template", "docx_plain"]
T4_CUTS = [(11, "table.incomplete"), (14, "table.structure")]


def _t4_with_cells_missing_is_found(result, cells: int, finding: str) -> None:
    """表四's value row has only `cells` of its 15 cells (seed 002 has 11): few missing is a structure error,
    more is one table.incomplete, and no group with a missing cell is summed."""
    rule = found(result, finding)
    if finding == "table.incomplete":
        assert [(f.table, f.expected, f.actual) for f in rule] == [("T4", 15, 11)]
        assert "只有 11 个数值格" in rule[0].message and not found(result, "arith.group_total")
    else:
        assert [(f.severity, f.col) for f in rule] == [("error", "after_review_total")]
        assert [f.group for f in found(result, "arith.group_total")] == ["review"]


T4_ZERO_TOTAL = ("T4", "r1", "review_total", "0")


@pytest.mark.parametrize("layout", DOCX_DRAFT_LAYOUTS)
@pytest.mark.parametrize("cells,finding", T4_CUTS)
def test_t4_with_cells_missing(layout, cells, finding):
    draft = built_draft(with_cell(sample_2021(), *T4_ZERO_TOTAL), layout)
    t4 = draft.tables[-1]  # 表四 is the last Word table
    t4.grid[-1] = t4.grid[-1][:cells]
    _t4_with_cells_missing_is_found(check_draft_result(draft), cells, finding)


@pytest.mark.parametrize("layout", FILE_DOCX_LAYOUTS)
@pytest.mark.parametrize("cells,finding", T4_CUTS)
def test_t4_with_cells_missing_on_file(tmp_path, layout, cells, finding):
    path = build(layout, with_cell(sample_2021(), *T4_ZERO_TOTAL), tmp_path)
    doc = Document(str(path))
    row = doc.tables[-1]._tbl.tr_lst[-1]  # 表四 is the last Word table
    for tc in row.tc_lst[cells:]:
        row.remove(tc)
    doc.save(str(path))
    _t4_with_cells_missing_is_found(check_file(str(path)), cells, finding)


def _t2_with_two_value_cells_merged_is_found(result) -> None:
    """规章's 本年废止件数 and 现行有效件数 merged into one cell: fewer value cells than the layout, W3 not checked."""
    rule = found(result, "table.incomplete")
    assert [(f.table, f.section) for f in rule] == [("T2", "s2")]
    assert "“规章”行的“本年废止件数”“现行有效件数”合并成了一个单元格" in rule[0].message
    assert not found(result, "arith.t2_in_force") and not [f for f in result.findings if f.table == "T2" and f.row]


REGULATIONS_MADE = ("T2", "regulations", "made", "5")  # with 现行有效 read as 0, W3 would fire


@pytest.mark.parametrize("layout", DOCX_DRAFT_LAYOUTS)
def test_t2_with_two_value_cells_merged_is_incomplete_and_not_checked(layout):
    draft = built_draft(with_cell(sample_2021(), *REGULATIONS_MADE), layout)
    t2 = next(t for t in draft.tables if any(row[0].text.strip() == "规章" for row in t.grid))
    row = next(row for row in t2.grid if row[0].text.strip() == "规章")
    left, right = row[2], row[3]  # merged as Word does: one cell holding both cells' paragraphs
    row[2] = row[3] = Cell(f"{left.text}\n{right.text}", left.where, left.row, left.col)
    _t2_with_two_value_cells_merged_is_found(check_draft_result(draft))


@pytest.mark.parametrize("layout", FILE_DOCX_LAYOUTS)
def test_t2_with_two_value_cells_merged_on_file(tmp_path, layout):
    path = build(layout, with_cell(sample_2021(), *REGULATIONS_MADE), tmp_path)
    doc = Document(str(path))
    t2 = next(t for t in doc.tables if any(c.text.strip() == "规章" for c in t.columns[0].cells))
    row = next(r for r in t2.rows if r.cells[0].text.strip() == "规章")
    row.cells[2].merge(row.cells[3])
    doc.save(str(path))
    _t2_with_two_value_cells_merged_is_found(check_file(str(path)))


@pytest.mark.parametrize("layout", ["sheets_one_sheet", "sheets_per_table", "draft_plain"])
@pytest.mark.parametrize("sample", [sample_2019, sample_2021])
def test_t4_with_every_value_left_blank_is_found(check, layout, sample):
    """A year without cases, zeros written as blanks: 表四's value row is empty, in a workbook an empty sheet row."""
    data = sample()
    data.t4 = dict.fromkeys(data.t4, "")
    data.sections = [(h, [p for p in ps if "行政复议" not in p]) for h, ps in data.sections]  # no count in prose
    result = check(layout, data)
    assert not found(result, "table.missing") and not found(result, "table.incomplete")
    assert len([f for f in found(result, "value.blank") if f.table == "T4"]) == 15


# ---------------------------------------------------------------- arith.t2_in_force

@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_in_force_below_made_minus_repealed(check, layout):
    result = check(layout, with_cell(sample_2021(), "T2", "normative", "in_force", "1"))
    rule = found(result, "arith.t2_in_force")
    assert [(f.severity, f.row, f.expected, f.actual) for f in rule] == [("warning", "normative", 2, 1)]
    assert "现行有效件数(1)" in rule[0].message and "本年制发件数(3)" in rule[0].message
    assert {c.col for c in rule[0].cells} == {"made", "repealed", "in_force"}


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_per_table"])
def test_in_force_equal_to_made_minus_repealed_is_fine(check, layout):
    result = check(layout, with_cell(sample_2021(), "T2", "normative", "in_force", "2"))
    assert found(result, "arith.t2_in_force") == []


# ---------------------------------------------------------------- value.unit and value.invalid severities

@pytest.mark.parametrize("layout", ALL_LAYOUTS)
@pytest.mark.parametrize("text,expected", [("3500元", 0.35), ("0万元", None)])
def test_money_with_its_unit_typed_in(check, layout, text, expected):
    result = check(layout, with_cell(sample_2021(), "T2", "fees", "amount", text))
    unit = found(result, "value.unit")
    assert [(f.severity, f.row, f.col) for f in unit] == [("warning", "fees", "amount")]
    assert text in unit[0].message and "万元" in unit[0].message and unit[0].expected == expected
    assert not found(result, "value.invalid")


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_per_table", "sheets_one_sheet"])
def test_2019_procurement_amount_tells_its_unit_in_the_cell(check, layout):
    """采购总金额 (2019) has no unit in its header: “126.5万元” is how the unit is told (report-formats.md §4.5)."""
    result = check(layout, with_cell(sample_2019(), "T2", "procurement", "amount", "126.5万元"))
    assert [f.message for f in result.findings] == []


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
@pytest.mark.parametrize("text", ["10件", "１０", "10（含上年1件）"])
def test_readable_number_written_oddly_is_a_warning_and_is_summed(check, layout, text):
    result = check(layout, with_cell(sample_2021(), "T3", "r1", "natural", text))
    invalid = found(result, "value.invalid")
    assert [(f.severity, f.row, f.col) for f in invalid] == [("warning", "r1", "natural")]
    assert "按 10 核对" in invalid[0].message
    assert keys(result.findings, ("error",)) == set()  # 10 is used: every sum through the cell holds


@pytest.mark.parametrize("layout", ["draft_plain", "docx_template", "sheets_one_sheet"])
def test_thousands_separator_is_a_warning(check, layout):
    result = check(layout, with_cell(sample_2021(), "T2", "licensing", "decisions", "1,260"))
    assert [(f.rule, f.severity) for f in result.findings] == [("value.invalid", "warning")]


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
@pytest.mark.parametrize("text", ["约10", "十", "-1", "1.5"])
def test_no_number_can_be_read_is_an_error(check, layout, text):
    result = check(layout, with_cell(sample_2021(), "T3", "r3_3_1", "natural", text))
    assert [f.severity for f in found(result, "value.invalid")] == ["error"]


# ---------------------------------------------------------------- text.no_cases

NO_REVIEW = "（二）依申请公开。全年共收到政府信息公开申请12件。全年未发生政府信息公开行政复议、行政诉讼。"


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_prose_says_no_review_but_the_table_counts_some(check, layout):
    result = check(layout, with_prose(sample_2021(), NO_REVIEW))
    rule = found(result, "text.no_cases")
    assert [(f.severity, f.table, f.actual) for f in rule] == [("error", "T4", 2), ("error", "T4", 1)]
    assert "全年未发生政府信息公开行政复议、行政诉讼" in rule[0].message and "“行政复议·总计”栏为 2" in rule[0].message
    assert not found(result, "text.number_mismatch")


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_prose_says_no_review_and_the_table_has_none(check, layout):
    data = with_prose(sample_2021(), NO_REVIEW)
    data.t4 = t4_from_groups({})
    assert found(check(layout, data), "text.no_cases") == []


@pytest.mark.parametrize("layout", ["draft_plain", "docx_template", "sheets_per_table", "sheets_one_sheet"])
def test_prose_counts_reviews_but_the_table_has_none(check, layout):
    data = sample_2021()
    data.t4 = t4_from_groups({})  # the prose still says 本年度被申请行政复议2件……被提起行政诉讼1件
    rule = found(check(layout, data), "text.no_cases")
    assert [(f.table, f.subject, f.actual) for f in rule] == [("T4", "行政复议", 2), ("T4", "行政诉讼", 1)]
    assert "行政复议 2 件" in rule[0].message and "行政诉讼 1 件" in rule[1].message


@pytest.mark.parametrize("layout", ["draft_plain", "draft_numbered", "sheets_per_table", "sheets_one_sheet"])
def test_prose_says_no_application_but_the_table_counts_some(check, layout):
    result = check(layout, with_prose(sample_2021(), "（二）依申请公开。本年度未收到政府信息公开申请。"))
    rule = found(result, "text.no_cases")
    assert [(f.table, f.actual) for f in rule] == [("T3", 12)]


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_per_table"])
def test_none_lost_is_not_none_at_all(check, layout):
    text = "（二）依申请公开。全年共收到政府信息公开申请12件，未发生行政复议纠错或行政诉讼败诉的情形。"
    assert found(check(layout, with_prose(sample_2021(), text)), "text.no_cases") == []


# ---------------------------------------------------------------- section.intro_parts

SIX = "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况"


def with_intro(data, sentence: str):
    changed = copy.deepcopy(data)
    changed.preamble = [sentence, *changed.preamble]
    return changed


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_intro_lists_five_parts_of_six(check, layout):
    result = check(layout, with_intro(sample_2021(), f"本报告由{SIX}五部分组成。"))
    rule = found(result, "section.intro_parts")
    assert [f.severity for f in rule] == ["warning"]
    assert "没有列出正文中的“六、其他需要报告的事项”" in rule[0].message


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_intro_says_six_parts_but_names_five(check, layout):
    result = check(layout, with_intro(sample_2021(), f"本报告由{SIX}等六部分组成。"))
    rule = found(result, "section.intro_parts")
    assert len(rule) == 1 and "说六部分，却只列出了 5 个部分" in rule[0].message


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_intro_that_agrees_with_the_body(check, layout):
    result = check(layout, with_intro(sample_2021(), f"本报告由{SIX}以及其他需要报告的事项等六部分组成。"))
    assert found(result, "section.intro_parts") == []


# ---------------------------------------------------------------- meta.deadline

def with_date(data, date: str | None, agency: str | None = None):
    changed = copy.deepcopy(data)
    if agency:
        changed.agency, changed.title = agency, f"{agency}{data.year}年政府信息公开工作年度报告"
    changed.closing = [changed.agency] + ([date] if date else [])
    return changed


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_department_report_dated_after_january(check, layout):
    result = check(layout, with_date(sample_2021(), "2024年2月20日"))
    rule = found(result, "meta.deadline")
    assert [f.severity for f in rule] == ["warning"]
    assert "2024年2月20日" in rule[0].message and "2024年1月31日" in rule[0].message


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_government_report_may_be_published_until_march(check, layout):
    result = check(layout, with_date(sample_2021(), "二〇二四年三月十日", agency="示例市人民政府"))
    assert found(result, "meta.deadline") == []
    late = check(layout, with_date(sample_2021(), "2024年4月2日", agency="示例市人民政府"), name="late")
    assert [f.severity for f in found(late, "meta.deadline")] == ["warning"]


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_report_without_a_date_cannot_be_checked_for_timeliness(check, layout):
    rule = found(check(layout, with_date(sample_2021(), None)), "meta.deadline")
    assert [f.severity for f in rule] == ["info"] and "没有找到落款日期" in rule[0].message


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_per_table"])
def test_2019_report_deadline(check, layout):
    assert found(check(layout, with_date(sample_2019(), "2020年1月22日")), "meta.deadline") == []
    assert found(check(layout, with_date(sample_2019(), "2020年2月1日"), name="late"), "meta.deadline")


# ---------------------------------------------------------------- meta.contact

@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_report_without_contact(check, layout):
    data = sample_2021()
    data.preamble = data.preamble[:1]  # the period sentence stays, the contact paragraph goes
    rule = found(check(layout, data), "meta.contact")
    assert [f.severity for f in rule] == ["warning"]


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_one_sheet"])
@pytest.mark.parametrize("contact", ["联系电话：0517-83605210。", "咨询电话：87654321。", "电子邮箱：gk@example.gov.cn。",
                                     "联系电话：13912345678。"])
def test_any_phone_or_e_mail_is_a_contact(check, layout, contact):
    data = sample_2021()
    data.preamble = [data.preamble[0], f"如对本报告有疑问，请与{SAMPLE_AGENCY}办公室联系，{contact}"]
    assert found(check(layout, data), "meta.contact") == []
