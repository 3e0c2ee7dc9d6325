"""The fixture builders put each value under its label; read back with python-docx/openpyxl, not the engine."""

import importlib.util
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from tests.fixtures import docx_template, libreoffice
from tests.fixtures.data import consistent_t3, consistent_t4, with_cell, without_section
from tests.fixtures.datasets import hongze_2023, huaian_2024, sample_2007, sample_2019, sample_2021
from tests.fixtures.docx_builders import (
    write_docx_2007,
    write_docx_built,
    write_docx_from_template,
)
from tests.fixtures.labels import SECTION_TITLES, T3_COLUMNS, T4_GROUPS, T4_KEYS, T4_RESULTS, t3_leaves
from tests.fixtures.seeds import seed_data
from tests.fixtures.xlsx_builders import resave_xlsx_with_libreoffice, write_xlsx_one_sheet, write_xlsx_per_table

ROOT = Path(__file__).resolve().parents[1]


def t3_values(data, row):
    return [data.t3.get((row, col), "") for col in T3_COLUMNS]


def number(text):
    return int(text or 0)


def assert_t3_consistent(data):
    for col in T3_COLUMNS:
        cell = lambda row, col=col: number(data.t3.get((row, col)))  # noqa: E731
        assert cell("r1") + cell("r2") == cell("r3_7") + cell("r4"), col
        assert cell("r3_7") == sum(cell(leaf) for leaf in t3_leaves(data.single_other_row)), col
    for row in data.t3_row_keys:
        assert number(data.t3.get((row, "total"))) == sum(number(v) for v in t3_values(data, row)[:6]), row


def t4_broken_groups(data):
    return [group for group in T4_GROUPS if number(data.t4.get(f"{group}_total"))
            != sum(number(data.t4.get(f"{group}_{r}")) for r in list(T4_RESULTS)[:4])]


def require(data):
    assert data is not None, "seed file absent from ../shared/corpus/seeds"
    return data


def docx_row(table, label, col):
    """Cell texts (one per grid column) of the row whose cell at grid column col reads label."""
    rows = [[c.text for c in row.cells] for row in table.rows]
    return next(texts for texts in rows if texts[col] == label)


def body_paragraph_texts(path):
    return [p.text for p in docx.Document(str(path)).paragraphs]


def xlsx_row(sheet, label, col):
    return next(row for row in sheet.iter_rows(values_only=True) if row[col] == label)


# --- data ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("edition", ["2021", "2019"])
@pytest.mark.parametrize("seed", range(4))
def test_consistent_tables_hold_every_relation(edition, seed):
    data = sample_2021() if edition == "2021" else sample_2019()
    data.t3, data.t4 = consistent_t3(edition, seed), consistent_t4(seed)
    assert_t3_consistent(data)
    assert not t4_broken_groups(data)


@pytest.mark.parametrize("make", [sample_2021, sample_2019, huaian_2024, hongze_2023])
def test_ready_made_t3_are_consistent(make):
    assert_t3_consistent(make())


def test_ready_made_numbers():
    assert sample_2021().t3[("r1", "total")] == "12"
    assert not t4_broken_groups(sample_2021()) and not t4_broken_groups(huaian_2024())
    huaian = huaian_2024()
    assert (huaian.t3[("r1", "total")], huaian.t3[("r2", "total")]) == ("3119", "34")
    assert (huaian.t3[("r3_7", "total")], huaian.t3[("r4", "total")]) == ("3050", "103")
    hongze = hongze_2023()
    assert t4_broken_groups(hongze) == ["review", "after_review"]
    assert hongze.single_other_row and ("r3_6", "natural") in hongze.t3 and ("r3_6_1", "natural") not in hongze.t3
    assert sample_2007().edition == "2007" and not sample_2007().t3


def test_with_cell_and_without_section_copy():
    data = sample_2021()
    changed = with_cell(data, "T3", "r3_1", "total", "２")
    emptied = with_cell(data, "T4", "r1", "review_total", None)
    assert (changed.t3[("r3_1", "total")], data.t3[("r3_1", "total")]) == ("２", "6")
    assert "review_total" not in emptied.t4 and data.t4["review_total"] == "2"
    assert [h for h, _ in without_section(data, "s5").sections] == [
        t for k, t in SECTION_TITLES.items() if k != "s5"]
    assert len(data.sections) == 6


@pytest.mark.shared
@pytest.mark.parametrize("n", range(5))
def test_seed_data(n):
    data = require(seed_data(n))
    assert str(data.year) in data.title and data.agency in data.title.replace(" ", "")
    assert all(paragraphs or heading.startswith(("二", "三", "四")) for heading, paragraphs in data.sections)
    assert not any("\t" in p for _, ps in data.sections for p in ps)


@pytest.mark.shared
def test_seed_specifics():
    seeds = {n: seed_data(n) for n in range(5)}
    assert seeds[0].title == "淄博市人民政府外事办公室 2014 年政府信息公开工作年度报告"
    assert seeds[0].sections[7][0] == "八、因政府信息公开申请提起行政复议、行政诉讼的情况"
    assert len(seeds[0].sections) == 12 and len(seeds[0].sections[10][1]) == 2
    assert [h for h, _ in seeds[1].sections] == list(SECTION_TITLES.values())
    assert t3_values(seeds[1], "r3_1") == ["2", "0", "0", "0", "0", "0", "2"]
    assert [h for h, _ in seeds[2].sections] == list(SECTION_TITLES.values())[:5]  # the seed has no 六
    assert t3_values(seeds[2], "r3_4_1") == ["2", "", "", "", "", "", "2"] and seeds[2].single_other_row
    assert [seeds[2].t4.get(k, "") for k in T4_KEYS] == ["0"] * 11 + [""] * 4
    assert seeds[2].label("T3", "public_welfare") == "社会组织"
    assert seeds[3].preamble == [] and seeds[3].sections[0][0] == "（一）组织机构建设情况"
    assert seeds[4].closing == ["威海市人民政府外事办公室", "2019年1月16日"] and len(seeds[4].preamble) == 2


# --- docx from the real template ----------------------------------------------------------------------------------

@pytest.mark.shared
def test_template_docx_sample_2021(tmp_path):
    data, path = sample_2021(), tmp_path / "t.docx"
    write_docx_from_template(data, path)
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert data.title in texts and texts.index(data.preamble[0]) == texts.index(data.title) + 1
    assert all(title in texts for title in SECTION_TITLES.values())
    assert not any(t.startswith("（文字描述") for t in texts)
    assert texts.index("2024年1月20日") > texts.index(SECTION_TITLES["s6"])
    t2, t3, t4 = doc.tables
    assert docx_row(t3, "1.属于国家秘密", 2)[3:] == t3_values(data, "r3_3_1")
    assert docx_row(t3, "（一）予以公开", 2)[3:] == t3_values(data, "r3_1")
    assert docx_row(t3, "一、本年新收政府信息公开申请数量", 0)[3:] == t3_values(data, "r1")
    assert docx_row(t2, "行政规范性文件", 0) == ["行政规范性文件", "3", "1", "25"]
    assert docx_row(t2, "行政许可", 0)[1] == "1260"
    assert [c.text for c in t4.rows[3].cells] == [data.t4[k] for k in T4_KEYS]
    value_run = t3.rows[3].cells[9].paragraphs[0].runs[0]._r
    assert value_run.find(qn("w:rPr")) is not None, "the cell's own formatting is kept"


@pytest.mark.shared
def test_template_docx_hongze_single_other_row_and_variant_label(tmp_path):
    data, path = hongze_2023(), tmp_path / "h.docx"
    write_docx_from_template(data, path)
    t3 = docx.Document(str(path)).tables[1]
    assert len(t3.rows) == 26
    assert docx_row(t3, "（六）其他处理", 1)[2:] == ["（六）其他处理", *t3_values(data, "r3_6")]
    assert docx_row(t3, "2.其他法律行政止公开", 2)[3:] == t3_values(data, "r3_3_2")
    assert docx_row(t3, "（七）总计", 1)[3:] == ["21", "0", "0", "0", "0", "0", "21"]
    t4 = docx.Document(str(path)).tables[2]
    assert [c.text for c in t4.rows[3].cells][:5] == ["10", "1", "0", "0", "0"]


@pytest.mark.shared
def test_template_docx_missing_section_and_table(tmp_path):
    data = without_section(sample_2021(), "s5")
    data.omit_tables = frozenset({"T4"})
    path = tmp_path / "m.docx"
    write_docx_from_template(data, path)
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert SECTION_TITLES["s5"] not in texts and SECTION_TITLES["s6"] in texts
    assert len(doc.tables) == 2


@pytest.mark.shared
def test_template_docx_extra_section_goes_after_its_predecessor(tmp_path):
    data = sample_2021()
    data.sections.insert(1, ("（补充）政务公开专项工作情况", ["专项工作段落。"]))
    path = tmp_path / "x.docx"
    write_docx_from_template(data, path)
    texts = body_paragraph_texts(path)
    at = texts.index("（补充）政务公开专项工作情况")
    assert texts.index(data.sections[0][1][-1]) < at < texts.index(SECTION_TITLES["s2"])
    assert texts[at + 1] == "专项工作段落。"


# --- docx built from scratch --------------------------------------------------------------------------------------

@pytest.mark.parametrize("headings", ["plain", "heading_style", "bold", "numbered"])
def test_built_docx_headings(tmp_path, headings):
    data, path = sample_2021(), tmp_path / f"{headings}.docx"
    write_docx_built(data, path, headings=headings)
    doc = docx.Document(str(path))
    by_text = {p.text: p for p in doc.paragraphs}
    for title in SECTION_TITLES.values():
        shown = title.split("、", 1)[1] if headings == "numbered" else title
        paragraph = by_text[shown]
        numPr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        assert (numPr is not None) == (headings == "numbered")
        if headings == "heading_style":
            assert paragraph.style.name == "Heading 1"
        if headings == "bold":
            assert all(run.bold for run in paragraph.runs)
    assert len(doc.tables) == 3


def test_numbered_headings_use_chinese_counting(tmp_path):
    path = tmp_path / "n.docx"
    write_docx_built(sample_2021(), path, headings="numbered")
    doc = docx.Document(str(path))
    heading = next(p for p in doc.paragraphs if p.text == "总体情况")
    num_id = heading._p.pPr.numPr.numId.val
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.numId == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = abstract.find(qn("w:lvl"))
    assert level.find(qn("w:numFmt")).get(qn("w:val")) == "chineseCounting"
    assert level.find(qn("w:lvlText")).get(qn("w:val")) == "%1、"


def test_built_docx_tables_and_merges(tmp_path):
    data, path = sample_2021(), tmp_path / "b.docx"
    write_docx_built(data, path, title_lines=2)
    doc = docx.Document(str(path))
    assert [p.text for p in doc.paragraphs[:2]] == ["示例市生态环境局", "2023年政府信息公开工作年度报告"]
    t2, t3, t4 = doc.tables
    for row in ("r1", "r3_1", "r3_3_1", "r3_6_2", "r3_7", "r4"):
        col = {"r1": 0, "r4": 0, "r3_1": 1, "r3_7": 1}.get(row, 2)
        assert docx_row(t3, data.label("T3", row), col)[3:] == t3_values(data, row)
    rows = [[c.text for c in r.cells] for r in t3.rows]
    assert rows[3][:3] == ["一、本年新收政府信息公开申请数量"] * 3
    assert {r[0] for r in rows[5:27]} == {"三、本年度办理结果"}
    assert {r[1] for r in rows[7:15]} == {"（三）不予公开"}
    assert rows[1][4:9] == ["法人或其他组织"] * 5 and rows[2][4] == "商业企业"
    restarts = t3._tbl.xpath(".//w:vMerge[@w:val='restart']")
    assert len(restarts) == 1 + 2 + 1 + 4  # header note (3 rows), 自然人, 总计, 三, four groups
    assert docx_row(t2, "行政规范性文件", 0) == ["行政规范性文件", "3", "1", "25"]
    assert docx_row(t2, "行政事业性收费", 0) == ["行政事业性收费", "0", "0", "0"]
    assert [c.text for c in t4.rows[0].cells] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert [c.text for c in t4.rows[3].cells] == [data.t4[k] for k in T4_KEYS]


def test_split_t3_is_two_word_tables_after_a_page_break(tmp_path):
    data, path = sample_2021(), tmp_path / "s.docx"
    write_docx_built(data, path, split_t3=True)
    doc = docx.Document(str(path))
    assert len(doc.tables) == 4
    body = list(doc.element.body.iterchildren())
    tables = [i for i, el in enumerate(body) if el.tag == qn("w:tbl")]
    between = body[tables[1] + 1]
    assert between.tag == qn("w:p") and between.xpath(".//w:br[@w:type='page']")
    head, tail = doc.tables[1], doc.tables[2]
    assert len(head.rows) == 3 + 2 + 10 and len(tail.rows) == 3 + 5 + 3 + 2
    assert docx_row(tail, "1.本机关不掌握相关政府信息", 2)[:2] == ["", "（四）无法提供"]
    assert docx_row(tail, "（七）总计", 1)[3:] == t3_values(data, "r3_7")


def test_built_docx_2019_layout(tmp_path):
    data, path = sample_2019(), tmp_path / "v2019.docx"
    write_docx_built(data, path)
    t2, t3, _ = docx.Document(str(path)).tables
    assert docx_row(t2, "政府集中采购", 0) == ["政府集中采购", "4", "126.5", "126.5"]
    assert docx_row(t2, "行政许可", 0) == ["行政许可", "35", "-2", "420"]
    assert docx_row(t2, "信息内容", 0) == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert docx_row(t3, "（六）其他处理", 1)[2:] == ["（六）其他处理", *t3_values(data, "r3_6")]
    assert len(t3.rows) == 3 + 2 + 20 + 1


@pytest.mark.shared
def test_built_docx_seed_002_keeps_blanks_and_variant_labels(tmp_path):
    data, path = require(seed_data(2)), tmp_path / "seed2.docx"
    write_docx_built(data, path)
    doc = docx.Document(str(path))
    t2, t3, t4 = doc.tables
    assert docx_row(t2, "规范性文件 (有规范性文件登记号)", 0)[1] == "1"
    assert [c.text for c in t3.rows[2].cells][6] == "社会组织"
    assert docx_row(t3, "1.本机关不掌握相关政府信息", 2)[3:] == ["2", "", "", "", "", "", "2"]
    assert [c.text for c in t4.rows[3].cells] == ["0"] * 11 + [""] * 4
    assert not any(p.text.startswith("六、") for p in doc.paragraphs)


def test_built_docx_huaian_large_numbers(tmp_path):
    data, path = huaian_2024(), tmp_path / "huaian.docx"
    write_docx_built(data, path)
    t2, t3, t4 = docx.Document(str(path)).tables
    assert docx_row(t3, "一、本年新收政府信息公开申请数量", 0)[3:] == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert docx_row(t2, "行政处罚", 0)[1] == "3985758"
    assert [c.text for c in t4.rows[3].cells][4::5] == ["351", "26", "20"]


@pytest.mark.parametrize("source", ["sample", pytest.param(0, marks=pytest.mark.shared),
                                    pytest.param(3, marks=pytest.mark.shared), pytest.param(4, marks=pytest.mark.shared)])
def test_docx_2007_is_prose_only(tmp_path, source):
    data = sample_2007() if source == "sample" else require(seed_data(source))
    path = tmp_path / "old.docx"
    write_docx_2007(data, path)
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert not doc.tables and texts[0] == data.title
    positions = [texts.index(heading) for heading, _ in data.sections]
    assert positions == sorted(positions)
    last_prose = data.closing or data.sections[-1][1][-1:]
    assert texts[-len(last_prose):] == last_prose


# --- xlsx ---------------------------------------------------------------------------------------------------------

def test_xlsx_per_table_with_formulas(tmp_path):
    data = with_cell(sample_2021(), "T3", "r3_1", "total", "5")
    path = tmp_path / "p.xlsx"
    write_xlsx_per_table(data, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["报告正文", "表二", "表三", "表四"]
    prose = [row[0] for row in book["报告正文"].iter_rows(values_only=True)]
    assert prose[0] == data.title and SECTION_TITLES["s3"] in prose
    t3 = book["表三"]
    assert {"A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3", "A6:A27", "B8:B15", "B24:B26"} <= {
        str(r) for r in t3.merged_cells.ranges}
    assert [t3.cell(8, c).value for c in range(3, 10)] == ["1.属于国家秘密", 0, 0, 0, 0, 0, 0]
    assert t3["J4"].value == "=SUM(D4:I4)" and t3["J8"].value == "=SUM(D8:I8)"
    assert t3["J6"].value == 5, "a total that does not match stays a typed value"
    assert t3["D27"].value == "=SUM(D6:D26)" and t3["B27"].value == "（七）总计"
    t4 = book["表四"]
    assert [t4.cell(4, c).value for c in range(1, 6)] == [2, 0, 0, 0, "=A4+B4+C4+D4"]
    assert book["表二"]["B4"].value == 3 and book["表二"]["A4"].value == "行政规范性文件"


def test_xlsx_per_table_values_and_odd_text(tmp_path):
    data = with_cell(with_cell(sample_2021(), "T3", "r3_2", "natural", "２"), "T2", "fees", "amount", "0.35")
    data = with_cell(data, "T3", "r2", "commercial", "/")
    path = tmp_path / "v.xlsx"
    write_xlsx_per_table(data, path, formulas=False)
    book = openpyxl.load_workbook(path)
    t3 = book["表三"]
    assert t3["J4"].value == 12 and t3["D7"].value == "２" and t3["E5"].value == "/"
    assert book["表二"]["B14"].value == 0.35
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for row in t3.iter_rows() for c in row)


def test_xlsx_one_sheet(tmp_path):
    data, path = hongze_2023(), tmp_path / "one.xlsx"
    write_xlsx_one_sheet(data, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["年报"]
    sheet = book["年报"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].value == data.title and "A1:J1" in merged
    column_a = [row[0] for row in sheet.iter_rows(values_only=True)]
    heading_row = column_a.index(SECTION_TITLES["s3"]) + 1
    assert f"A{heading_row}:J{heading_row}" in merged and f"A{heading_row + 1}:C{heading_row + 3}" in merged
    assert xlsx_row(sheet, "1.属于国家秘密", 2)[3:10] == (1, 0, 0, 0, 0, 0, 1)
    assert xlsx_row(sheet, "（六）其他处理", 1)[3:10] == (0,) * 7
    t4_values = xlsx_row(sheet, 10, 0)
    assert t4_values[:15] == (10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0)
    assert column_a.index(SECTION_TITLES["s2"]) < column_a.index("第二十条第（一）项") < heading_row - 1


# --- LibreOffice round trips: tests/test_readers.py re-saves a built .docx and .xlsx and checks what Calc and Writer
# keep (the cells, the formulas and their cached values) and that the engine reads the same report from them.

def test_missing_template_or_soffice_is_said(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_template, "TEMPLATE_DOCX", tmp_path / "absent.docx")
    with pytest.raises(docx_template.TemplateMissing):
        write_docx_from_template(sample_2021(), tmp_path / "t.docx")
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: None)
    with pytest.raises(libreoffice.LibreOfficeMissing):
        resave_xlsx_with_libreoffice(tmp_path / "f.xlsx", tmp_path / "lo")


# --- bundled samples ----------------------------------------------------------------------------------------------

def test_make_samples_writes_three_defects(tmp_path):
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docx_path, xlsx_path = module.write_samples(tmp_path)
    doc = docx.Document(str(docx_path))
    assert SECTION_TITLES["s5"] not in [p.text for p in doc.paragraphs]
    assert docx_row(doc.tables[1], "（一）予以公开", 1)[9] == "5"
    assert [c.text for c in doc.tables[2].rows[3].cells][:5] == ["2", "0", "0", "0", "0"]
    book = openpyxl.load_workbook(xlsx_path)
    assert book["表三"]["J6"].value == 5 and book["表四"]["E4"].value == 0 and book["表四"]["A4"].value == 2
