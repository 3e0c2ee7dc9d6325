"""Readers: numbering text, merges, continued tables, formulas, LibreOffice round trips, value parsing."""
from __future__ import annotations

import docx
import openpyxl
import pytest

from app.draft.docx_reader import read_docx
from app.draft.formula import NotSimple, evaluate
from app.draft.number_formats import chinese_counting
from app.draft.xlsx_reader import read_xlsx
from app.engine import check_file
from app.formats.labels import parse_value
from tests.conftest import build, keys
from tests.fixtures.data import with_cell
from tests.fixtures.datasets import sample_2021
from tests.fixtures.docx_builders import resave_docx_with_libreoffice
from tests.fixtures.labels import T3_COLUMNS
from tests.fixtures.xlsx_builders import resave_xlsx_with_libreoffice


def test_numbered_headings_get_the_number_word_generates(tmp_path):
    draft = read_docx(str(build("docx_numbered", sample_2021(), tmp_path)))
    headings = [p.text for p in draft.paragraphs if p.text.endswith(("情况", "事项"))]
    assert headings[:6] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


@pytest.mark.parametrize("n,text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五"), (105, "一百零五")])
def test_chinese_counting(n, text):
    assert chinese_counting(n) == text


def test_table_continued_after_page_break_is_one_table_with_true_coordinates(tmp_path):
    path = build("docx_split_t3", with_cell(sample_2021(), "T3", "r3_5_2", "natural", "2"), tmp_path)
    result = check_file(str(path))
    t3 = result.report.tables["T3"]
    assert len(t3.rows) == 25
    assert t3.get("r3_1", "natural").cell.where.to_json()["docx_table"] == 1
    later = t3.get("r3_5_2", "natural").cell.where.to_json()
    assert later["docx_table"] == 2  # the Word table the cell is really in
    suspect = next(f for f in result.findings if f.rule == "arith.suspect_cell")
    assert (suspect.row, suspect.col, suspect.fix.value) == ("r3_5_2", "natural", 1)
    assert suspect.cells[0].where.to_json() == later


@pytest.mark.shared
def test_merged_cells_resolve_onto_the_grid(tmp_path):
    draft = read_docx(str(build("docx_template", sample_2021(), tmp_path)))
    t3 = next(t for t in draft.tables if t.width == 10)
    assert t3.grid[5][0] is t3.grid[20][0]  # 三、本年度办理结果 spans the result rows
    assert t3.grid[3][0] is t3.grid[3][2]  # 一、本年新收… spans three label columns
    assert t3.grid[7][3].where.to_json() == {"docx_table": 1, "row": 7, "col": 3}


def test_xlsx_formulas_without_saved_values_are_evaluated(tmp_path):
    path = build("xlsx_per_table", sample_2021(), tmp_path)
    wb = openpyxl.load_workbook(path)
    assert any(isinstance(c.value, str) and c.value.startswith("=SUM(") for row in wb["表三"].iter_rows() for c in row)
    result = check_file(str(path))
    total = result.report.tables["T3"].get("r1", "total")
    assert total.cell.formula and total.known and total.value.number == 12


def test_xlsx_formula_the_engine_cannot_evaluate_is_reported_not_zeroed(tmp_path):
    path = build("xlsx_per_table", sample_2021(), tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["表三"]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=SUM("))
    cell.value = "=VLOOKUP(1,A1:B2,2,FALSE)"
    wb.save(path)
    result = check_file(str(path))
    uncomputed = [f for f in result.findings if f.rule == "value.uncomputed"]
    assert len(uncomputed) == 1 and uncomputed[0].cells[0].where.to_json() == {"sheet": "表三", "cell": cell.coordinate}
    assert not [f for f in result.findings if f.rule.startswith("arith.")]


@pytest.mark.soffice
@pytest.mark.shared
def test_libreoffice_resaved_docx_reads_the_same(tmp_path):
    src = build("docx_template", with_cell(sample_2021(), "T3", "r3_1", "total", "7"), tmp_path)
    resaved = resave_docx_with_libreoffice(src, tmp_path / "lo")
    doc = docx.Document(str(resaved))  # Writer keeps the template's three tables and their cells
    assert len(doc.tables) == 3
    row = next(r for r in ([c.text for c in tr.cells] for tr in doc.tables[1].rows) if r[2] == "1.本机关不掌握相关政府信息")
    assert row[3:] == [sample_2021().t3.get(("r3_4_1", col), "") for col in T3_COLUMNS]
    assert keys(check_file(str(resaved)).findings) == keys(check_file(str(src)).findings)
    assert ("arith.suspect_cell", "T3", "r3_1", "total", None, "s3") in keys(check_file(str(resaved)).findings)


@pytest.mark.soffice
def test_libreoffice_resaved_xlsx_has_cached_values_that_are_used(tmp_path):
    src = build("xlsx_per_table", with_cell(sample_2021(), "T4", "r1", "review_upheld", "3"), tmp_path)
    resaved = resave_xlsx_with_libreoffice(src, tmp_path / "lo")
    assert openpyxl.load_workbook(resaved)["表三"]["J4"].value == "=SUM(D4:I4)"  # Calc keeps the formulas…
    book = openpyxl.load_workbook(resaved, data_only=True)  # …and stores their results, which openpyxl did not
    assert (book["表三"]["J4"].value, book["表三"]["D27"].value, book["表三"]["J27"].value) == (12, 10, 12)
    assert book["表四"]["E4"].value == 2
    result = check_file(str(resaved))
    r1_total = result.report.tables["T3"].get("r1", "total")
    assert r1_total.cell.formula and r1_total.value.number == 12
    assert keys(result.findings) == {("arith.group_total", "T4", "r1", None, "review", "s4"),
                                     ("arith.suspect_cell", "T4", "r1", "review_total", None, "s4")}


def test_one_sheet_xlsx_separates_prose_from_tables(tmp_path):
    draft = read_xlsx(str(build("xlsx_one_sheet", sample_2021(), tmp_path)))
    assert len(draft.tables) >= 3
    assert any(p.text == "三、收到和处理政府信息公开申请情况" for p in draft.paragraphs)
    assert all(p.where.to_json()["sheet"] == "年报" for p in draft.paragraphs)


@pytest.mark.parametrize("text,kind,number", [
    ("12", "number", 12), ("１２", "number", 12), ("2件", "number", 2), ("0.35", "number", 0.35),
    ("160.5964万元", "number", 160.5964), ("+1036", "number", 1036), ("-8", "number", -8),
    ("22（其中修订16件）", "number", 22), ("", "blank", 0), ("/", "blank", 0), ("—", "blank", 0),
    ("无", "blank", 0), ("\u3000", "blank", 0), ("abc", "invalid", 0), ("1,234", "number", 1234),
])
def test_parse_value(text, kind, number):
    value = parse_value(text)
    assert value.kind == kind
    if kind == "number":
        assert value.number == number


def test_simple_formulas():
    cells = {("S", "A1"): 1, ("S", "B1"): 2, ("S", "C1"): 3, ("T", "A1"): 10}
    look = lambda sheet, a1: cells.get((sheet, a1), 0)  # noqa: E731
    assert evaluate("=SUM(A1:C1)", "S", look) == 6
    assert evaluate("=A1+B1-C1", "S", look) == 0
    assert evaluate("=SUM(A1,C1)+T!A1", "S", look) == 14
    assert evaluate("=SUM(A1:B1)", "S", lambda s, a: None) is None
    with pytest.raises(NotSimple):
        evaluate("=AVERAGE(A1:C1)", "S", look)


def test_a_number_format_shows_a_date_as_openpyxl_says():
    """The reader's own test of a date format (it does not import openpyxl) agrees with openpyxl's, built-in and custom."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS
    from openpyxl.styles.numbers import is_date_format as openpyxl_says

    from app.draft.xlsx_parts import _DATE_FORMAT_IDS, is_date_format
    for number, code in BUILTIN_FORMATS.items():
        assert (number in _DATE_FORMAT_IDS) == openpyxl_says(code), (number, code)
    for code in ('yyyy"年"m"月"d"日"', '0"件"', "[Red]0.00", "[h]:mm:ss", '"date"0', "0_);[Red](0)", "mm:ss",
                 "[$-804]yyyy/m/d", "General", "0.00%", '#,##0;"-"', "d-mmm", "\\d0", "_d0", "@"):
        assert is_date_format(code) == openpyxl_says(code), code
