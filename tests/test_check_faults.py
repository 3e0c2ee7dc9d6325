"""Every rule, on every layout: clean drafts pass, each injected fault gives exactly its findings."""
from __future__ import annotations

import pytest

from tests.conftest import LAYOUTS, RULE_LAYOUTS, keys
from tests.fixtures.data import consistent_t3, with_cell, without_section
from tests.fixtures.datasets import period_sentence, sample_2007, sample_2019, sample_2021
from tests.fixtures.drafts import DRAFT_LAYOUTS

ALL_LAYOUTS = RULE_LAYOUTS


@pytest.mark.parametrize("layout", [*LAYOUTS, *DRAFT_LAYOUTS])  # every file layout end to end, and in memory
def test_clean_2021_draft_has_no_error_or_warning(check, layout):
    result = check(layout, sample_2021())
    assert result.report.edition == "2021"
    assert result.report.year == 2023
    assert result.report.agency == "示例市生态环境局"
    assert set(result.report.sections) == {"s1", "s2", "s3", "s4", "s5", "s6"}
    assert set(result.report.tables) == {"T2", "T3", "T4"}
    assert [f.message for f in result.findings] == []
    assert result.status == "ok"


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_per_table", "sheets_one_sheet"])
def test_clean_2019_draft_has_no_error_or_warning(check, layout):
    result = check(layout, sample_2019())
    assert result.report.edition == "2019"
    assert [f.message for f in result.findings] == []


# Each single-cell fault: (table, row, col, wrong text, right value, the error findings it must give).
SINGLE_FAULTS = {
    "leaf": ("T3", "r3_1", "natural", "6", 5, {
        ("arith.row_total", "T3", "r3_1", None, None, "s3"),
        ("arith.results_total", "T3", None, "natural", None, "s3")}),
    "row_total": ("T3", "r3_1", "total", "7", 6, {
        ("arith.row_total", "T3", "r3_1", None, None, "s3"),
        ("arith.results_total", "T3", None, "total", None, "s3")}),
    "results_total": ("T3", "r3_7", "natural", "9", 10, {
        ("arith.row_total", "T3", "r3_7", None, None, "s3"),
        ("arith.results_total", "T3", None, "natural", None, "s3"),
        ("arith.balance", "T3", None, "natural", None, "s3")}),
    "new_received": ("T3", "r1", "natural", "12", 10, {
        ("arith.row_total", "T3", "r1", None, None, "s3"),
        ("arith.balance", "T3", None, "natural", None, "s3")}),
    "carried_over": ("T3", "r4", "commercial", "1", 0, {
        ("arith.row_total", "T3", "r4", None, None, "s3"),
        ("arith.balance", "T3", None, "commercial", None, "s3")}),
    "t4_total": ("T4", "r1", "review_total", "0", 2, {
        ("arith.group_total", "T4", "r1", None, "review", "s4")}),
}


@pytest.mark.parametrize("layout", [*ALL_LAYOUTS, "docx_plain", "xlsx_per_table", "xlsx_one_sheet"])  # and on file
@pytest.mark.parametrize("fault", list(SINGLE_FAULTS))
def test_single_cell_fault_is_named_with_its_fix(check, layout, fault):
    table, row, col, wrong, right, errors = SINGLE_FAULTS[fault]
    result = check(layout, with_cell(sample_2021(), table, row, col, wrong))
    suspect = ("arith.suspect_cell", table, row, col, None, "s4" if table == "T4" else "s3")
    assert keys(result.findings) == errors | {suspect}
    info = next(f for f in result.findings if f.rule == "arith.suspect_cell")
    assert info.severity == "info"
    assert info.fix.to_json() == {"kind": "set_cell", "table": table, "row": row, "col": col, "value": right}
    assert info.cells[0].where
    for f in result.findings:
        if f.rule.startswith("arith.") and f.rule != "arith.suspect_cell":
            assert f.severity == "error" and f.expected != f.actual
            assert wrong in f.message  # the equation carries the actual values
    assert result.status == "findings"


def test_balance_message_carries_the_whole_equation(check):
    result = check("draft_plain", with_cell(sample_2021(), "T3", "r3_7", "natural", "9"))
    balance = next(f for f in result.findings if f.rule == "arith.balance")
    assert balance.message.startswith("表三“自然人”栏：一(10)＋二(1)＝11，三（七）总计(9)＋四(1)＝10，不相等")
    assert (balance.expected, balance.actual) == (11, 10)
    where = {(c.row, c.col): c.where.to_json() for c in balance.cells}
    assert set(where) == {("r1", "natural"), ("r2", "natural"), ("r3_7", "natural"), ("r4", "natural")}


@pytest.mark.parametrize("layout", ["docx_template", "draft_plain", "sheets_per_table", "sheets_one_sheet"])
def test_two_cell_fault_with_many_repairs_is_not_fixed_but_listed(check, layout):
    data = with_cell(with_cell(sample_2021(), "T3", "r3_1", "natural", "6"), "T3", "r3_1", "commercial", "0")
    result = check(layout, data)
    assert keys(result.findings) == {("arith.results_total", "T3", None, "natural", None, "s3"),
                                     ("arith.results_total", "T3", None, "commercial", None, "s3")}
    assert all(f.fix is None for f in result.findings if f.rule.startswith("arith."))
    listed = [f for f in result.findings if "可能的改法" in f.message and "请人工核对" in f.message]
    assert len(listed) == 1 and listed[0].rule == "arith.results_total"


@pytest.mark.shared
def test_two_independent_faults_are_each_named(check):
    data = with_cell(with_cell(sample_2021(), "T4", "r1", "review_total", "0"), "T4", "r1", "direct_total", "3")
    result = check("docx_template", data)
    fixes = {f.col: f.fix.value for f in result.findings if f.rule == "arith.suspect_cell"}
    assert fixes == {"review_total": 2, "direct_total": 1}


@pytest.mark.parametrize("layout", ["docx_template", "draft_plain", "sheets_per_table", "sheets_one_sheet"])
@pytest.mark.parametrize("text", ["", "/", "—", "无"])
def test_blank_cell_is_counted_as_zero_and_flagged(check, layout, text):
    result = check(layout, with_cell(sample_2021(), "T3", "r3_3_1", "natural", text))
    assert keys(result.findings, ("error", "warning", "info")) == {("value.blank", "T3", "r3_3_1", "natural", None, "s3")}
    blank = result.findings[0]
    assert blank.severity == "warning"
    assert blank.fix.to_json() == {"kind": "fill_zero", "table": "T3", "row": "r3_3_1", "col": "natural"}
    assert "（三）不予公开·1.属于国家秘密" in blank.message and "自然人" in blank.message


@pytest.mark.parametrize("text,warned", [("１０", True), ("10件", True), (" 10 ", False)])
def test_full_width_digits_and_units_are_read(check, text, warned):
    """The number is read and used in the sums (no error); a cell that is not the bare number is a warning."""
    result = check("draft_plain", with_cell(sample_2021(), "T3", "r1", "natural", text))
    assert keys(result.findings, ("error",)) == set()
    expected = {("value.invalid", "T3", "r1", "natural", None, "s3")} if warned else set()
    assert keys(result.findings, ("warning",)) == expected


@pytest.mark.parametrize("text,arith", [("abc", False), ("-1", True), ("0.5", True)])
def test_invalid_value(check, text, arith):
    result = check("draft_plain", with_cell(sample_2021(), "T3", "r3_3_1", "natural", text))
    found = keys(result.findings, ("error",))
    assert ("value.invalid", "T3", "r3_3_1", "natural", None, "s3") in found
    assert any(k[0].startswith("arith.") for k in found) == arith


@pytest.mark.parametrize("layout", ["docx_template", "draft_plain", "draft_numbered", "sheets_per_table", "sheets_one_sheet"])
@pytest.mark.parametrize("section", ["s5", "s6"])
def test_missing_section(check, layout, section):
    result = check(layout, without_section(sample_2021(), section))
    assert keys(result.findings, ("error", "warning", "info")) == {("section.missing", None, None, None, None, section)}
    f = result.findings[0]
    title = {"s5": "五、存在的主要问题及改进情况", "s6": "六、其他需要报告的事项"}[section]
    assert f.fix.to_json() == {"kind": "insert_section", "section": section, "title": title}
    assert title in f.message


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_per_table"])
def test_missing_table(check, layout):
    data = sample_2021()
    data.omit_tables = frozenset({"T4"})
    result = check(layout, data)
    assert keys(result.findings) == {("table.missing", "T4", None, None, None, "s4")}


def test_stale_period_year(check):
    data = sample_2021()
    data.preamble = [period_sentence(2022)]
    result = check("draft_plain", data)
    assert keys(result.findings, ("error",)) == {("meta.period", None, None, None, None, None)}
    assert "2022" in result.findings[0].message


def test_missing_period_sentence_is_a_warning(check):
    data = sample_2021()
    data.preamble = data.preamble[1:]  # the sentence with the period goes; the contact line stays
    result = check("draft_plain", data)
    assert keys(result.findings, ("error", "warning")) == {("meta.period", None, None, None, None, None)}
    assert result.findings[0].severity == "warning"


def test_paragraph_opening_with_last_year_is_flagged(check):
    data = sample_2021()
    heading, paragraphs = data.sections[0]
    data.sections[0] = (heading, ["2022年，示例市生态环境局深入贯彻落实《条例》。"] + paragraphs[1:])
    result = check("draft_plain", data)
    assert keys(result.findings, ("error", "warning")) == {("meta.year", None, None, None, None, None)}


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_per_table"])
def test_2023_report_on_2019_tables_is_outdated(check, layout):
    result = check(layout, sample_2019(year=2023))
    assert result.report.edition == "2019"
    outdated = [f for f in result.findings if f.rule == "template.outdated"]
    assert len(outdated) == 1 and outdated[0].severity == "error"
    assert "2023" in outdated[0].message


def test_2020_report_on_2021_tables_is_a_warning(check):
    result = check("draft_plain", sample_2021(year=2020))
    outdated = [f for f in result.findings if f.rule == "template.outdated"]
    assert [f.severity for f in outdated] == ["warning"]


def test_mixed_editions(check):
    data = sample_2019(year=2023)
    data.single_other_row = False
    data.t3 = consistent_t3("2021", seed=3)
    result = check("draft_plain", data)
    assert "template.mixed" in {f.rule for f in result.findings if f.severity == "error"}


def test_prose_contradicting_the_table(check):
    data = sample_2021()
    heading, paragraphs = data.sections[0]
    data.sections[0] = (heading, paragraphs[:2] + ["（二）依申请公开。全年共收到政府信息公开申请15件，均按期答复。"]
                        + paragraphs[3:])
    result = check("draft_plain", data)
    mismatch = [f for f in result.findings if f.rule == "text.number_mismatch"]
    assert [(f.table, f.row, f.col, f.expected, f.actual) for f in mismatch] == [("T3", "r1", "total", 12, 15)]
    assert "15" in mismatch[0].message and "12" in mismatch[0].message


def test_prose_saying_no_review_against_a_nonzero_table(check):
    data = sample_2021()
    heading, paragraphs = data.sections[0]
    data.sections[0] = (heading, paragraphs[:2] + ["（二）依申请公开。全年共收到政府信息公开申请12件。"
                                                  "全年未发生政府信息公开行政复议、行政诉讼。"] + paragraphs[3:])
    result = check("draft_plain", data)
    no_cases = [f for f in result.findings if f.rule == "text.no_cases"]
    assert {f.subject for f in no_cases} == {"行政复议", "行政诉讼"} and all(f.severity == "error" for f in no_cases)


def test_2007_era_report_needs_the_six_items(check):
    result = check("draft_plain", sample_2007())
    assert result.report.edition == "2007"
    assert [f.message for f in result.findings] == []
    data = sample_2007()
    data.sections = [s for s in data.sections if "收费" not in s[0]]
    result = check("draft_plain", data)
    assert keys(result.findings) == {("section.missing", None, None, None, None, "l3")}


def test_nonstandard_labels_are_read_and_flagged(check):
    data = sample_2021()
    data.label_overrides = {"public_welfare": "社会组织"}
    result = check("draft_plain", data)
    assert keys(result.findings, ("error",)) == set()
    assert any(f.rule == "table.structure" and "社会组织" in f.message for f in result.findings)


@pytest.mark.parametrize("layout", ["draft_plain", "docx_template", "sheets_one_sheet"])
def test_label_noise_is_tolerated(check, layout):
    data = with_cell(sample_2021(), "T3", "r3_3_1", "natural", "1")
    data.label_overrides = {"natural": "自然\n人", "commercial": "商业 企业", "T3.r3_3_1": "1. 属于国家\n秘密",
                            "T3.r3_2": "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)",
                            "T3.r3_6_1": "1. 申请人无正当理 由逾期不补 正、行政机关不再处理其政府信息公开申请"}
    result = check(layout, data)
    assert keys(result.findings) == {("arith.row_total", "T3", "r3_3_1", None, None, "s3"),
                                     ("arith.results_total", "T3", None, "natural", None, "s3"),
                                     ("arith.suspect_cell", "T3", "r3_3_1", "natural", None, "s3")}


def test_sections_out_of_order(check):
    data = sample_2021()
    data.sections[4], data.sections[5] = data.sections[5], data.sections[4]
    result = check("draft_plain", data)
    order = [f for f in result.findings if f.rule == "section.order"]
    assert [f.section for f in order] == ["s5"]
    assert order[0].cells[0].where.to_json()["docx_paragraph"] > 0


@pytest.mark.parametrize("title,warned", [
    ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", False),
    ("四、政府信息公开行政复议及行政诉讼情况", False),
    ("四、关于复议和诉讼", True),
])
def test_section_title_variants(check, title, warned):
    data = sample_2021()
    data.sections[3] = (title, data.sections[3][1])
    result = check("draft_plain", data)
    assert "s4" in result.report.sections
    assert any(f.rule == "section.title" for f in result.findings) == warned


def test_2023_docx_with_no_tables(check):
    data = sample_2021()
    data.omit_tables = frozenset({"T2", "T3", "T4"})
    result = check("draft_plain", data)
    assert result.report.edition == "2021"
    assert keys(result.findings) == {("table.missing", t, None, None, None, s)
                                     for t, s in (("T2", "s2"), ("T3", "s3"), ("T4", "s4"))}


def test_prose_may_count_carried_over_applications_with_new_ones(check):
    data = sample_2021()
    heading, paragraphs = data.sections[0]
    data.sections[0] = (heading, paragraphs[:2] + ["（二）依申请公开。全年共收到政府信息公开申请13件（含上年结转1件）。"]
                        + paragraphs[3:])
    result = check("draft_plain", data)
    assert [f for f in result.findings if f.rule == "text.number_mismatch"] == []


@pytest.mark.parametrize("seed", range(12))
def test_random_damage_never_crashes_the_engine(check, seed):
    import random
    rng = random.Random(seed)
    data = sample_2021()
    texts = ["", "/", "abc", "-3", "1.5", "９", "2件", "—", "12（含1件）", "999999999", "0", "\n"]
    cells = list(data.t3) + [("T4", k) for k in data.t4]
    for key in rng.sample(cells, 15):
        if key[0] == "T4":
            data.t4[key[1]] = rng.choice(texts)
        else:
            data.t3[key] = rng.choice(texts)
    if rng.random() < 0.5:
        data.sections = rng.sample(data.sections, len(data.sections) - 1)
    result = check(rng.choice(["draft_plain", "docx_template", "sheets_one_sheet", "sheets_per_table"]), data)
    assert result.report is not None
    assert all(f.message and f.severity in ("error", "warning", "info") for f in result.findings)
