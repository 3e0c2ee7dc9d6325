"""Real drafts as they really arrive: third-party conversions of the real reports, and the messy layouts rebuilt.

No real report may raise a false error; every real defect (洪泽 2023 表四) is still found; a statistics table broken
over pages, cut labels, dropped header words, headings that are not paragraphs of their own and page furniture
are read as the report means them.
"""
from __future__ import annotations

import json

import pytest

from app.engine import check_file
from tests.conftest import keys
from tests.fixtures import real_layouts as R
from tests.fixtures.command_line import run_app
from tests.fixtures.data import with_cell
from tests.fixtures.datasets import hongze_2023, sample_2007, sample_2019, sample_2021
from tests.fixtures.docx_builders import write_docx_built
from tests.fixtures.labels import T4_KEYS
from tests.fixtures.third_party import (
    DERIVED_DIR,
    DERIVED_PAGES,
    PUBLISHED_PDFS,
    derived_report,
    libreoffice_convert,
    needs_pdf2docx,
    needs_real,
    needs_soffice,
    published_tables,
)
from tests.test_cli import contract_problems

# The conversions (published_docx, derived_docx, ...) are session fixtures of tests/conftest.py, shared with
# tests/test_pdfs.py (tests/fixtures/third_party.py).

HONGZE_2023_ERRORS = {("arith.group_total", "T4", "r1", None, "review", "s4"),
                      ("arith.group_total", "T4", "r1", None, "after_review", "s4")}
SECTIONS = {"s1", "s2", "s3", "s4", "s5", "s6"}


def errors(result) -> set[tuple]:
    return keys(result.findings, ("error",))


def assert_tables_read(result, tables: dict) -> None:
    """Every T3/T4 cell the report holds was read with its value (T2 cells too, where they are numbers)."""
    report = result.report
    for (row, col), text in tables["t3"].items():
        stat = report.tables["T3"].get(row, col)
        assert stat is not None and stat.value.amount == int(text or 0), (row, col, text)
    for col in T4_KEYS:
        assert report.tables["T4"].get("r1", col).value.amount == int(tables["t4"].get(col) or 0), col
    for (row, col), text in tables["t2"].items():
        stat = report.tables["T2"].get(row, col)
        assert stat is not None, (row, col)
        if text.replace(".", "").isdigit():
            assert stat.value.amount == float(text), (row, col, text)


# ---------------------------------------------------------------- the published PDFs through pdf2docx

@needs_real
@needs_pdf2docx
@pytest.mark.parametrize("key", list(PUBLISHED_PDFS))
def test_published_pdf_converted_by_pdf2docx_is_read_whole(published_docx, key):
    result = check_file(str(published_docx[key]))
    assert result.error is None
    assert (result.report.edition, result.report.year) == ("2021", int(key[-4:]))
    assert set(result.report.sections) == SECTIONS
    assert errors(result) == (HONGZE_2023_ERRORS if key == "洪泽2023" else set())
    assert_tables_read(result, published_tables(key))
    assert result.report.tables["T3"].table.breaks  # 表三 really is broken over two pages in the conversion
    assert not [f for f in result.findings if f.rule in ("table.incomplete", "section.missing", "meta.contact")]


@needs_real
@needs_pdf2docx
def test_hongze_2023_suspect_cells_point_into_the_converted_table(published_docx):
    result = check_file(str(published_docx["洪泽2023"]))
    fixes = {f.col: f.fix.value for f in result.findings if f.rule == "arith.suspect_cell"}
    assert fixes == {"review_total": 11, "after_review_total": 5}
    t3 = result.report.tables["T3"]
    continued = t3.get("r3_7", "total").cell.where  # （七）总计 is on the second page: the second Word table of 表三
    assert continued.table == t3.get("r1", "total").cell.where.table + 1


@needs_real
@needs_pdf2docx
@needs_soffice
@pytest.mark.parametrize("key", list(PUBLISHED_PDFS))
def test_pdf2docx_output_resaved_by_libreoffice(published_docx_resaved, key):
    result = check_file(str(published_docx_resaved[key]))
    assert set(result.report.sections) == SECTIONS
    assert errors(result) == (HONGZE_2023_ERRORS if key == "洪泽2023" else set())
    assert_tables_read(result, published_tables(key))


# ---------------------------------------------------------------- the text extractions as web pages, via LibreOffice

# Warnings the pages really deserve, checked by hand against the extraction (report-formats.md, MANIFEST.md).
DERIVED_WARNINGS = {
    "上海办公厅2025": {"section.title", "meta.contact", "value.invalid", "value.blank"},  # no 五 heading; notes in 表二
    "上海科委2024": {"section.title", "meta.contact"},  # two numbering systems; no phone or e-mail
    "沭阳2025": {"meta.contact"},
}


@needs_real
@needs_soffice
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
@pytest.mark.parametrize("key", list(DERIVED_PAGES))
def test_derived_page_converted_by_libreoffice(derived_docx, derived_xlsx, key, kind):
    path = (derived_docx if kind == "docx" else derived_xlsx)[key]
    result = check_file(str(path))
    assert result.error is None
    page = DERIVED_PAGES[key]
    assert (result.report.edition, result.report.year, result.report.agency) == ("2021", page.year, page.agency)
    assert set(result.report.sections) == SECTIONS
    assert errors(result) == set()
    assert_tables_read(result, page.tables)
    warned = {f.rule for f in result.findings if f.severity == "warning"}
    assert warned == DERIVED_WARNINGS[key]


@needs_real
def test_derived_tables_reconcile_as_the_manifest_says():
    sh = DERIVED_PAGES["上海办公厅2025"].tables
    assert (int(sh["t3"][("r1", "total")]) + int(sh["t3"][("r2", "total")]),
            int(sh["t3"][("r3_7", "total")]) + int(sh["t3"][("r4", "total")])) == (1484, 1484)
    data = derived_report("沭阳2025")
    assert data.title.startswith("沐阳县人民政府") and data.closing[-1] == "2026年1月23日"
    text = (DERIVED_DIR / DERIVED_PAGES["沭阳2025"].file).read_text(encoding="utf-8")
    for row, value in (("r1", "713"), ("r3_7", "718"), ("r4", "31")):
        assert DERIVED_PAGES["沭阳2025"].tables["t3"][(row, "total")] == value and f"| {value} |" in text


@needs_real
@needs_soffice
def test_huaian_tables_imported_by_calc_are_read(huaian_tables_xlsx):
    result = check_file(str(huaian_tables_xlsx))
    assert_tables_read(result, published_tables("淮安2024"))
    assert not [f for f in result.findings if f.rule.startswith(("arith.", "table.", "value."))]


@needs_real
@needs_pdf2docx
@needs_soffice
def test_command_line_gives_no_false_error_on_any_converted_report(published_docx, published_docx_resaved,
                                                                    derived_docx, derived_xlsx, tmp_path):
    paths = [*published_docx.values(), *published_docx_resaved.values(), *derived_docx.values(),
             *derived_xlsx.values()]
    done = run_app("check", *map(str, paths), "--format", "json")
    document = json.loads(done.stdout)
    assert contract_problems(document) == []
    reports = document["reports"]
    assert len(reports) == len(paths)
    wrong = {r["file"]: [f["message"] for f in r["findings"] if f["severity"] == "error"] for r in reports
             if "洪泽区人民政府_2023" not in r["file"]}
    assert all(not messages for messages in wrong.values()), wrong
    hongze = [r for r in reports if "洪泽区人民政府_2023" in r["file"]]
    assert all(sorted(f["rule"] for f in r["findings"] if f["severity"] == "error") == ["arith.group_total"] * 2
               for r in hongze)
    assert done.returncode == 1  # 洪泽 2023's real 表四 errors


# ---------------------------------------------------------------- 表三 broken over Word tables, one per page

def _check_messy(tmp_path, data, edits, name="messy"):
    path = tmp_path / f"{name}.docx"
    R.write_docx_messy(data, path, edits)
    result = check_file(str(path))
    assert result.error is None, result.error
    return result


def _t3_cuts(data, *after):
    return [1 if key == "header" else R.t3_row(data, key) + 1 for key in after]


BREAKS = {  # name → (cut after these rows, furniture between the pieces, what a merge crossing the break becomes)
    "after_a_few_rows": (("r2",), "page_number", "orphan"),
    "after_the_first_header_row": (("header",), "page_number", "orphan"),
    "mid_group_page_of_total": (("r3_4_1",), "of_total", "orphan"),
    "mid_group_merge_blank": (("r3_4_1",), "page_break", "blank"),
    "mid_group_merge_repeated": (("r3_3_4",), "em_dash_number", "repeat"),
    "three_pages": (("r2", "r3_5_2"), "page_number", "orphan"),
    "no_furniture": (("r3_6_1",), "none", "orphan"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_t3_broken_over_pages_is_read_whole(tmp_path, name):
    after, furniture, merged = BREAKS[name]
    data = sample_2021()
    result = _check_messy(tmp_path, data, [R.break_table("T3", _t3_cuts(data, *after), furniture, merged)])
    assert [f.message for f in result.findings] == []
    assert_tables_read(result, {"t2": data.t2, "t3": data.t3, "t4": data.t4})
    assert len(result.report.tables["T3"].table.breaks) == len(after)


def test_a_fault_on_the_second_page_is_found_in_its_own_word_table(tmp_path):
    data = with_cell(sample_2021(), "T3", "r3_5_2", "natural", "3")
    result = _check_messy(tmp_path, data, [R.break_table("T3", _t3_cuts(data, "r2"))])
    suspect = next(f for f in result.findings if f.rule == "arith.suspect_cell")
    assert (suspect.row, suspect.col, suspect.fix.value) == ("r3_5_2", "natural", 1)
    assert suspect.cells[0].where.table == 2  # T2 is Word table 0, T3's first page 1, its second page 2


@pytest.mark.parametrize("after,keep", [("r3_2", 12), ("r3_2", 4), ("r3_4_3", 5), ("r3_6_1", 20)])
def test_row_label_cut_at_the_break_is_joined(tmp_path, after, keep):
    """The label's start and the numbers end one page, the rest of the label opens the next with empty cells."""
    data = sample_2021()
    result = _check_messy(tmp_path, data, [R.break_table("T3", _t3_cuts(data, after)),
                                            R.cut_row_label("T3", 0, keep)])
    assert [f.message for f in result.findings] == []
    assert_tables_read(result, {"t2": data.t2, "t3": data.t3, "t4": data.t4})


@pytest.mark.parametrize("after", ["r3_4_1", "r3_6_1", "r3_3_2"])
def test_group_label_split_across_the_break_is_joined(tmp_path, after):
    """“（四）无” at the foot of one page, “法提供” at the top of the next (as pdf2docx splits 淮安 2024)."""
    data = sample_2021()
    result = _check_messy(tmp_path, data, [R.break_table("T3", _t3_cuts(data, after)), R.cut_group_label(4)])
    assert [f.message for f in result.findings] == []
    assert_tables_read(result, {"t2": data.t2, "t3": data.t3, "t4": data.t4})


@pytest.mark.parametrize("table,cuts", [("T2", [7]), ("T2", [4, 9]), ("T4", [3]), ("T4", [1])])
def test_t2_and_t4_broken_over_pages(tmp_path, table, cuts):
    data = sample_2021()
    result = _check_messy(tmp_path, data, [R.break_table(table, cuts)])
    assert [f.message for f in result.findings] == []
    assert_tables_read(result, {"t2": data.t2, "t3": data.t3, "t4": data.t4})


def test_a_table_that_cannot_be_read_whole_says_so_once(tmp_path):
    """Rows lost (labels the engine cannot read): one table.incomplete, no sums on the partial table."""
    data = with_cell(sample_2021(), "T3", "r3_1", "natural", "6")  # a fault that must not be summed
    data.label_overrides = {f"T3.{row}": "（本行标签无法识别）" for row in ("r3_5_1", "r3_5_2", "r3_5_3", "r3_5_4")}
    result = _check_messy(tmp_path, data, [R.break_table("T3", _t3_cuts(data, "r2"))])
    t3 = [f for f in result.findings if f.table == "T3"]
    assert [f.rule for f in t3] == ["table.incomplete"]
    assert "（五）不予处理·1.信访举报投诉类申请" in t3[0].message and "4 行" in t3[0].message
    assert not errors(result)


# ---------------------------------------------------------------- header words dropped, title and unit rows

@pytest.mark.parametrize("table,labels", [
    ("T3", {"商业企业": "商 业", "法律服务机构": ""}),
    ("T3", {"科研机构": "科研机"}),
    ("T4", {"结果维持": "维", "尚未审结": ""}),
    ("T4", {"总计": ""}),
])
def test_mangled_header_is_a_warning_not_a_missing_column(tmp_path, table, labels):
    data = sample_2021()
    result = _check_messy(tmp_path, data, [R.rename_header(table, labels)])
    assert errors(result) == set()
    assert_tables_read(result, {"t2": data.t2, "t3": data.t3, "t4": data.t4})
    assert all(f.rule == "table.structure" and f.table == table for f in result.findings if f.severity == "warning")


@pytest.mark.parametrize("table,text", [("T3", "表三 收到和处理政府信息公开申请情况"), ("T3", "单位：件"),
                                        ("T4", "表四 政府信息公开行政复议、行政诉讼情况"), ("T4", "单位：件"),
                                        ("T2", "单位：件、万元")])
def test_title_and_unit_rows_above_a_table(tmp_path, table, text):
    data = sample_2021()
    result = _check_messy(tmp_path, data, [R.add_spanning_row(table, text)])
    assert [f.message for f in result.findings] == []
    assert_tables_read(result, {"t2": data.t2, "t3": data.t3, "t4": data.t4})


# ---------------------------------------------------------------- headings that are not paragraphs of their own

HEADING_EDITS = {
    "after_soft_break_in_previous": lambda: R.heading_after_soft_break("s6", "previous"),
    "before_soft_break_in_next": lambda: R.heading_after_soft_break("s1", "next"),
    "soft_break_before_a_table_part": lambda: R.heading_after_soft_break("s2", "previous"),
    "before_soft_break_mid_report": lambda: R.heading_after_soft_break("s5", "next"),
    "one_cell_table": lambda: R.heading_in_one_cell_table("s5"),
    "text_box_with_fallback": lambda: R.heading_in_text_box("s3"),
    "text_box_vml_only": lambda: R.heading_in_text_box("s5", vml_only=True),
}


@pytest.mark.parametrize("name", list(HEADING_EDITS))
def test_heading_that_is_not_a_paragraph_of_its_own(tmp_path, name):
    result = _check_messy(tmp_path, sample_2021(), [HEADING_EDITS[name]()])
    assert set(result.report.sections) == SECTIONS
    assert [f.message for f in result.findings] == []


def test_text_box_text_is_read_once(tmp_path):
    result = _check_messy(tmp_path, sample_2021(), [R.heading_in_text_box("s4")])
    texts = [p.text for p in result.report.draft.paragraphs]
    assert texts.count("四、政府信息公开行政复议、行政诉讼情况") == 1


def test_missing_section_next_to_a_framed_heading_is_still_fixable(tmp_path):
    data = sample_2021()
    data.sections = [s for s in data.sections if not s[0].startswith("五、")]
    result = _check_messy(tmp_path, data, [R.heading_in_one_cell_table("s6")])
    assert errors(result) == {("section.missing", None, None, None, None, "s5")}
    assert result.report.sections["s6"].paragraph.where.to_json().keys() == {"docx_paragraph"}


NUMBERING = {
    "part_numbers": {k: f"第{n}部分 {t}" for k, n, t in (("s1", "一", "总体情况"), ("s2", "二", "主动公开政府信息情况"),
                                                     ("s5", "五", "存在的主要问题及改进情况"), ("s6", "六", "其他需要报告的事项"))},
    "shi_numbers": {"s1": "一是总体情况", "s6": "六是其他需要报告的事项"},
}


@pytest.mark.parametrize("name", list(NUMBERING))
def test_headings_in_other_numbering(tmp_path, name):
    result = _check_messy(tmp_path, sample_2021(), [R.rename_headings(NUMBERING[name])])
    assert set(result.report.sections) == SECTIONS
    assert [f.message for f in result.findings] == []


@pytest.mark.parametrize("key,text", [("s3", "三、收到和处里政府信息公开申请情况"), ("s4", "四、政府信息公开行政复议、行政讼诉情况"),
                                      ("s5", "五、存在的主要问题及改进情况和下一步打算"), ("s6", "六、其它需要报告事项")])
def test_heading_with_a_typo_or_extra_words_is_found_and_warned(tmp_path, key, text):
    result = _check_messy(tmp_path, sample_2021(), [R.rename_headings({key: text})])
    assert set(result.report.sections) == SECTIONS and result.report.sections[key].paragraph.text == text
    assert [(f.rule, f.section, f.severity) for f in result.findings] == [("section.title", key, "warning")]


def test_numbered_sub_items_inside_a_part_are_not_part_headings(tmp_path):
    result = _check_messy(tmp_path, R.with_numbered_sub_items(sample_2021()), [])
    assert [f.message for f in result.findings] == []
    assert result.report.sections["s3"].paragraph.text == "三、收到和处理政府信息公开申请情况"


def test_problems_part_without_its_heading_opens_with_sub_headings(tmp_path):
    data = sample_2021()
    data.sections[4] = ("（一）存在的主要问题", ["政策解读形式较为单一。", "（二）改进情况", "下一步将丰富解读形式。"])
    result = check_file(str(_built(tmp_path, data)))
    assert errors(result) == set()
    title = [f for f in result.findings if f.rule == "section.title"]
    assert [f.section for f in title] == ["s5"] and "（一）存在的主要问题" in title[0].message


def _built(tmp_path, data):
    path = tmp_path / "built.docx"
    write_docx_built(data, path)
    return path


# ---------------------------------------------------------------- page furniture and the title

@pytest.mark.parametrize("style,every", [("page_number", 3), ("of_total", 2), ("page_break", 2), ("em_dash_number", 5)])
def test_page_furniture_in_the_body(tmp_path, style, every):
    result = _check_messy(tmp_path, sample_2021(), [R.page_furniture(style, every)])
    assert set(result.report.sections) == SECTIONS
    assert [f.message for f in result.findings] == []


@pytest.mark.parametrize("soft_break", [False, True])
def test_title_run_together_with_the_first_paragraph(tmp_path, soft_break):
    result = _check_messy(tmp_path, sample_2021(), [R.title_run_together(soft_break)])
    assert (result.report.year, result.report.agency) == (2023, "示例市生态环境局")
    assert [f.message for f in result.findings] == []


# ---------------------------------------------------------------- 2007-era coverage in passing

def test_2007_item_covered_by_one_sentence_in_another_part(tmp_path):
    data = sample_2007()
    data.sections = [s for s in data.sections if "复议" not in s[0]]
    heading, paragraphs = data.sections[5]
    data.sections[5] = (heading, paragraphs + ["本年度未收到因政府信息公开申请提出的行政复议申请。"])
    result = check_file(str(_built(tmp_path, data)))
    assert "l4" in result.report.sections
    assert [f.message for f in result.findings] == []


def test_2007_items_covered_only_by_statistics_table_rows(tmp_path):
    data = sample_2007()
    data.sections = [s for s in data.sections if "复议" not in s[0] and "收费" not in s[0]]
    rows = [("收到政府信息公开申请（件）", "3"), ("收取费用（元）", "0"), ("因政府信息公开申请提起行政复议、行政诉讼（件）", "0")]
    result = _check_messy(tmp_path, data, [R.add_table_after("六、政府信息公开申请的办理情况", rows)])
    assert {"l3", "l4"} <= set(result.report.sections)
    assert errors(result) == set()


def test_2007_item_really_missing_is_still_found(tmp_path):
    data = sample_2007()
    data.sections = [s for s in data.sections if "复议" not in s[0]]
    result = check_file(str(_built(tmp_path, data)))
    assert errors(result) == {("section.missing", None, None, None, None, "l4")}


# ---------------------------------------------------------------- 2021 表三 with one （六） row; one-sheet 2019 workbooks

@pytest.mark.parametrize("layout", ["docx_plain", "docx_template", "xlsx_one_sheet"])
def test_2021_t3_with_one_other_row_is_a_structure_warning_only(check, layout):
    result = check(layout, hongze_2023())
    assert errors(result) == HONGZE_2023_ERRORS
    structure = [f for f in result.findings if f.rule.startswith("table.")]
    assert [(f.rule, f.severity, f.row) for f in structure] == [("table.structure", "warning", "r3_6")]


@pytest.mark.parametrize("beside", [False, True])
@pytest.mark.parametrize("make", [sample_2019, sample_2021])
def test_one_sheet_workbook_with_the_tables_where_they_are(tmp_path, make, beside):
    data = make()
    path = tmp_path / "one_sheet.xlsx"
    R.write_xlsx_tables_at_end(data, path, beside=beside)
    result = check_file(str(path))
    assert result.report.edition == data.edition
    assert [f.message for f in result.findings] == []
    assert_tables_read(result, {"t2": {k: v for k, v in data.t2.items() if k[1] != "change"}, "t3": data.t3,
                                "t4": data.t4})


# ---------------------------------------------------------------- the messy layouts re-saved by LibreOffice

RESAVED = {
    "t3_header_row_alone": lambda d: [R.break_table("T3", [1])],
    "t3_row_label_cut": lambda d: [R.break_table("T3", _t3_cuts(d, "r3_4_3")), R.cut_row_label("T3", 0, 5)],
    "t3_group_label_cut": lambda d: [R.break_table("T3", _t3_cuts(d, "r3_4_1")), R.cut_group_label(4)],
    "heading_in_text_box": lambda d: [R.heading_in_text_box("s3")],
    "heading_after_soft_break": lambda d: [R.heading_after_soft_break("s6")],
    "heading_in_one_cell_table": lambda d: [R.heading_in_one_cell_table("s5")],
}


@needs_soffice
@pytest.mark.parametrize("name", list(RESAVED))
def test_messy_layout_resaved_by_libreoffice(tmp_path, name):
    """Each RESAVED draft (2021 with one faulty T3 cell) re-saved by LibreOffice."""
    data = with_cell(sample_2021(), "T3", "r3_5_2", "natural", "3")
    draft = tmp_path / f"{name}.docx"
    R.write_docx_messy(data, draft, RESAVED[name](data))
    resaved = libreoffice_convert(draft, tmp_path / "lo", "docx")
    result = check_file(str(resaved))
    assert set(result.report.sections) == SECTIONS
    suspect = [(f.row, f.col, f.fix.value) for f in result.findings if f.rule == "arith.suspect_cell"]
    assert suspect == [("r3_5_2", "natural", 1)]
    assert {f.rule for f in result.findings} == {"arith.suspect_cell", "arith.row_total", "arith.results_total"}
