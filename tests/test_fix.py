"""`python -m app fix`: every certain repair made, marked where Word/Excel users look, nothing else changed."""
import copy
import dataclasses
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from openpyxl.worksheet.datavalidation import DataValidation

from app.cli import main
from app.draft.docx_reader import iter_body_blocks, paragraph_text
from app.engine import check_file
from app.fix.command import default_output
from app.formats.editions import PLACEHOLDER
from app.provenance import origin_of
from tests.fixtures.comments import comment_texts
from tests.fixtures.data import with_cell, without_section
from tests.fixtures.datasets import hongze_2023, sample_2019, sample_2021
from tests.fixtures.docx_builders import write_docx_built, write_docx_from_template
from tests.fixtures.libreoffice import profile_option
from tests.fixtures.xlsx_builders import write_xlsx_one_sheet, write_xlsx_per_table

W_P, W_TBL, W_TR, W_TC, W_R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
DOCUMENT_XML = "word/document.xml"
COMMENT_MARKERS = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"))


# ---------------------------------------------------------------- helpers

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_copy_command(capsys, command: str, path: Path, *options: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of `python -m app fix|annotate path options…`; the input's bytes must not
    change."""
    before = sha256(path)
    status = main([command, str(path), *options])
    out, err = capsys.readouterr()
    assert sha256(path) == before, "the input file was modified"
    assert "Traceback" not in out + err
    return status, out, err


def run_fix(capsys, path: Path, *options: str) -> tuple[int, str, str]:
    return run_copy_command(capsys, "fix", path, *options)


def fixed(capsys, path: Path) -> Path:
    """Run fix on path, expect success, return the corrected copy."""
    status, out, err = run_fix(capsys, path)
    assert status == 0, err
    output = Path(default_output(str(path)))
    assert output.exists() and f"已保存修正版：{output}" in out
    return output


def errors(path: Path, prefixes=("arith.", "section.missing", "table.missing", "value.blank")) -> list[str]:
    """Rule ids of the findings that a complete repair must remove."""
    return [f.rule for f in check_file(str(path)).findings if f.rule.startswith(prefixes)]


def stat_text(path: Path, table: str, row: str, col: str) -> str:
    return check_file(str(path)).report.tables[table].get(row, col).cell.text.strip()


def where_of(path: Path, table: str, row: str, col: str) -> dict:
    return check_file(str(path)).report.tables[table].get(row, col).cell.where.to_json()


def body_of(path: Path):
    return etree.fromstring(zipfile.ZipFile(path).read(DOCUMENT_XML)).find(qn("w:body"))


def tc_at(body, where: dict):
    """The w:tc starting at the where's grid column, found independently of the writer."""
    tables = [el for el in iter_body_blocks(body) if el.tag == W_TBL]
    tr = list(tables[where["docx_table"]].iterchildren(W_TR))[where["row"]]
    col = 0
    for tc in tr.iterchildren(W_TC):
        if col == where["col"]:
            return tc
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        col += int(span.get(qn("w:val"))) if span is not None else 1
    raise AssertionError(f"no cell at {where}")


def comments_text(path: Path) -> str:
    return "\n".join(comment_texts(path))


def without_highlight(r_pr):
    """A run's rPr as c14n minus the highlight the fix adds; absent or left empty: None."""
    if r_pr is None:
        return None
    r_pr = copy.deepcopy(r_pr)
    for h in r_pr.findall(qn("w:highlight")):
        r_pr.remove(h)
    return etree.tostring(r_pr, method="c14n") if len(r_pr) else None


def tiny_png() -> bytes:
    """A valid 1×1 white PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def decorate(path: Path) -> None:
    """Give a draft a header, a footer, an image and document properties, as real drafts have."""
    doc = Document(str(path))
    section = doc.sections[0]
    section.header.paragraphs[0].text = "示例市生态环境局文件"
    section.footer.paragraphs[0].text = "第 1 页"
    doc.paragraphs[0].insert_paragraph_before().add_run().add_picture(io.BytesIO(tiny_png()))
    doc.core_properties.title = "政府信息公开工作年度报告"
    doc.core_properties.author = "办公室"
    doc.save(str(path))


@pytest.fixture
def sample():
    return sample_2021()


def template_docx(tmp_path: Path, data, name: str = "draft.docx") -> Path:
    path = tmp_path / name
    write_docx_from_template(data, path)
    return path


# ---------------------------------------------------------------- single-cell faults, .docx

SINGLE_FAULTS = [
    pytest.param("T3", "r3_1", "natural", "6", "5", id="T3-leaf"),
    pytest.param("T3", "r3_1", "total", "9", "6", id="T3-row-total"),
    pytest.param("T3", "r3_7", "natural", "11", "10", id="T3-results-total"),
    pytest.param("T3", "r1", "natural", "9", "10", id="T3-r1"),
    pytest.param("T4", "r1", "review_total", "0", "2", id="T4-total"),
]


@pytest.mark.parametrize(("table", "row", "col", "wrong", "right"), SINGLE_FAULTS)
@pytest.mark.shared
def test_docx_single_cell_fault_is_repaired_and_commented(tmp_path, capsys, sample, table, row, col, wrong, right):
    draft = template_docx(tmp_path, with_cell(sample, table, row, col, wrong))
    out = fixed(capsys, draft)
    assert stat_text(out, table, row, col) == right
    assert errors(out) == []
    where = where_of(draft, table, row, col)
    old_tc, new_tc = tc_at(body_of(draft), where), tc_at(body_of(out), where)
    old_run, new_run = old_tc.find(f".//{qn('w:r')}"), new_tc.find(f".//{qn('w:r')}")
    assert without_highlight(new_run.find(qn("w:rPr"))) == without_highlight(old_run.find(qn("w:rPr")))
    assert etree.tostring(new_tc.find(qn("w:tcPr"))) == etree.tostring(old_tc.find(qn("w:tcPr")))
    assert props(new_tc.find(W_P), "w:pPr") == props(old_tc.find(W_P), "w:pPr")
    assert new_run.find(f"{qn('w:rPr')}/{qn('w:highlight')}") is not None
    assert new_tc.find(f".//{qn('w:commentRangeStart')}") is not None
    assert f"原为“{wrong}”，改为 {right}" in comments_text(out)


@pytest.mark.shared
def test_two_stale_totals_are_both_repaired(tmp_path, capsys):
    """洪泽区 2023 as published: 行政复议 10 + 1 with 总计 0, 复议后起诉 5 with 总计 0; totals preferred over leaves."""
    draft = template_docx(tmp_path, hongze_2023())
    out = fixed(capsys, draft)
    assert stat_text(out, "T4", "r1", "review_total") == "11"
    assert stat_text(out, "T4", "r1", "after_review_total") == "5"
    assert stat_text(out, "T4", "r1", "review_upheld") == "10"
    assert errors(out) == []


def test_cell_of_a_table_continued_after_a_page_break(tmp_path, capsys, sample):
    draft = tmp_path / "draft.docx"
    write_docx_built(with_cell(sample, "T3", "r4", "natural", "2"), draft, split_t3=True)
    assert where_of(draft, "T3", "r4", "natural")["docx_table"] == 2
    out = fixed(capsys, draft)
    assert stat_text(out, "T3", "r4", "natural") == "1"
    assert errors(out) == []


@pytest.mark.shared
def test_existing_comments_are_kept(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, with_cell(sample, "T3", "r3_1", "natural", "6"))
    doc = Document(str(draft))
    title = next(p for p in doc.paragraphs if p.runs)
    doc.add_comment(title.runs, text="请核对标题", author="科长")
    doc.save(str(draft))
    out = fixed(capsys, draft)
    authors = [c.author for c in Document(str(out)).comments]
    assert authors == ["科长", "年报检查"]


@pytest.mark.shared
def test_printed_list_names_cell_old_new_and_reason(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, with_cell(sample, "T3", "r3_1", "natural", "6"))
    status, out, _ = run_fix(capsys, draft)
    assert status == 0
    assert "表三“（一）予以公开”行“自然人”栏：6 → 5。" in out
    assert "若只有这一格填错" in out


# ---------------------------------------------------------------- ambiguous faults and blanks

def ambiguous(data):
    """Two wrong leaves in different rows and columns: several two-cell repairs explain the broken sums."""
    return with_cell(with_cell(data, "T3", "r3_1", "natural", "6"), "T3", "r3_2", "commercial", "1")


@pytest.mark.shared
def test_ambiguous_fault_is_not_repaired_but_commented_on_each_candidate(tmp_path, capsys, sample):
    """Contract change (issue 9): the copy is written even when no repair is certain; nothing is changed."""
    draft = template_docx(tmp_path, ambiguous(sample))
    assert any("可能的改法" in f.message for f in check_file(str(draft)).findings)
    out = fixed(capsys, draft)
    for row, col, typed in (("r3_1", "natural", "6"), ("r3_2", "commercial", "1"), ("r3_2", "natural", "2"),
                            ("r3_1", "commercial", "1")):
        assert stat_text(out, "T3", row, col) == typed
        tc = tc_at(body_of(out), where_of(draft, "T3", row, col))
        assert tc.find(f".//{qn('w:commentRangeStart')}") is not None, (row, col)
    texts = comments_text(out)
    assert texts.count("若此格有误应为") == 4 and "另一可能：" in texts
    assert "若此格有误应为 5（同时表三“（二）部分公开”行“商业企业”栏由 1 改为 0）" in texts
    assert errors(out) == errors(draft)


@pytest.mark.shared
def test_ambiguous_fault_is_listed_as_left_open(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, ambiguous(sample))
    status, out, _ = run_fix(capsys, draft)
    assert status == 0
    assert "没有能确定改法的问题，修正版未改动任何数值或文字。" in out
    assert out.index("无法确定唯一的改法") < out.index("可能的改法") < out.index("已保存修正版")
    assert Path(default_output(str(draft))).exists()


@pytest.mark.shared
def test_ambiguous_cells_stay_as_typed_when_other_repairs_are_made(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, with_cell(ambiguous(sample), "T4", "r1", "direct_other", "/"))
    out = fixed(capsys, draft)
    assert stat_text(out, "T3", "r3_1", "natural") == "6"
    assert stat_text(out, "T3", "r3_2", "commercial") == "1"
    assert stat_text(out, "T4", "r1", "direct_other") == "0"


@pytest.mark.shared
def test_blanks_are_written_as_zero(tmp_path, capsys, sample):
    data = with_cell(sample, "T3", "r3_3_1", "natural", "")  # an emptied cell
    data = with_cell(data, "T4", "r1", "direct_other", None)  # the template's untouched blank cell
    data = with_cell(data, "T4", "r1", "after_review_other", "/")
    draft = template_docx(tmp_path, data)
    assert errors(draft).count("value.blank") == 3
    out = fixed(capsys, draft)
    for table, row, col in (("T3", "r3_3_1", "natural"), ("T4", "r1", "direct_other"),
                            ("T4", "r1", "after_review_other")):
        assert stat_text(out, table, row, col) == "0"
    assert errors(out) == []
    assert comments_text(out).count("原为空白，改为 0") == 2
    untouched_blank = tc_at(body_of(draft), where_of(draft, "T4", "r1", "direct_other"))
    assert untouched_blank.find(f".//{qn('w:t')}") is None  # no run: the new one takes the paragraph mark's look
    mark = untouched_blank.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:rPr')}")
    assert mark is not None
    new_run = tc_at(body_of(out), where_of(draft, "T4", "r1", "direct_other")).find(f".//{qn('w:r')}")
    assert without_highlight(new_run.find(qn("w:rPr"))) == without_highlight(mark)


@pytest.mark.shared
def test_fill_zero_gives_way_to_set_cell_on_the_same_cell(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, with_cell(sample, "T4", "r1", "review_total", ""))
    out = fixed(capsys, draft)
    assert stat_text(out, "T4", "r1", "review_total") == "2"
    assert errors(out) == []


# ---------------------------------------------------------------- missing sections and tables, .docx

def inserted_pair(path: Path, title: str):
    """The body paragraph holding `title` (with or without its number) and the one after it."""
    paragraphs = [el for el in iter_body_blocks(body_of(path)) if el.tag == W_P]
    for i, p in enumerate(paragraphs):
        if paragraph_text(p).endswith(title):
            return paragraphs[i - 1], p, paragraphs[i + 1], paragraphs[i + 2]
    raise AssertionError(f"{title} not found")


def props(el, tag):
    found = el.find(qn(tag))
    return None if found is None else etree.tostring(found, method="c14n")


@pytest.mark.parametrize("headings", ["template", "plain", "heading_style", "bold", "numbered"])
def test_missing_s5_is_inserted_before_s6_styled_like_it(tmp_path, capsys, sample, headings):
    data = without_section(sample, "s5")
    draft = tmp_path / "draft.docx"
    if headings == "template":
        write_docx_from_template(data, draft)
    else:
        write_docx_built(data, draft, headings=headings)
    out = fixed(capsys, draft)
    assert errors(out) == []
    _, heading, placeholder, next_heading = inserted_pair(out, "存在的主要问题及改进情况")
    assert paragraph_text(next_heading).endswith("其他需要报告的事项")
    assert paragraph_text(placeholder) == PLACEHOLDER
    expected = "存在的主要问题及改进情况" if headings == "numbered" else "五、存在的主要问题及改进情况"
    assert paragraph_text(heading) == expected
    assert props(heading, "w:pPr") == props(next_heading, "w:pPr")
    heading_run, neighbour_run = heading.find(qn("w:r")), next_heading.find(qn("w:r"))
    assert without_highlight(heading_run.find(qn("w:rPr"))) == without_highlight(neighbour_run.find(qn("w:rPr")))
    for p in (heading, placeholder):
        assert p.find(f".//{qn('w:highlight')}") is not None
    assert heading.find(qn("w:commentRangeStart")) is not None
    assert "缺少必备部分“五、存在的主要问题及改进情况”" in comments_text(out)


@pytest.mark.shared
def test_missing_s6_goes_after_s5_and_before_the_signature(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, without_section(sample, "s6"))
    out = fixed(capsys, draft)
    assert errors(out) == []
    _, heading, placeholder, _ = inserted_pair(out, "六、其他需要报告的事项")
    texts = [paragraph_text(el) for el in iter_body_blocks(body_of(out)) if el.tag == W_P]
    assert texts.index(paragraph_text(heading)) > texts.index("五、存在的主要问题及改进情况")
    assert texts[-2:] == [sample.agency, f"{sample.year + 1}年1月20日"]
    assert paragraph_text(placeholder) == PLACEHOLDER


@pytest.mark.shared
def test_missing_t4_is_inserted_empty_in_official_layout(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, dataclasses.replace(sample, omit_tables=frozenset({"T4"})))
    assert "table.missing" in errors(draft)
    out = fixed(capsys, draft)
    assert errors(out) == []
    report = check_file(str(out)).report
    t4 = report.tables["T4"]
    assert len(t4.cells) == 15 and all(s.cell.text == "0" for s in t4.cells.values())
    assert report.section_of_block(report.table_blocks["T4"]) == "s4"
    assert "已按规范格式插入表四空表" in comments_text(out)


def test_missing_s4_and_t4_come_in_together(tmp_path, capsys, sample):
    data = dataclasses.replace(without_section(sample, "s4"), omit_tables=frozenset({"T4"}))
    draft = tmp_path / "draft.docx"
    write_docx_built(data, draft, headings="numbered")
    out = fixed(capsys, draft)
    assert errors(out) == []
    report = check_file(str(out)).report
    assert report.section_of_block(report.table_blocks["T4"]) == "s4"
    assert report.sections["s4"].paragraph.text == "四、政府信息公开行政复议、行政诉讼情况"


def test_missing_2019_tables_use_the_2019_layout(tmp_path, capsys):
    draft = tmp_path / "draft.docx"
    write_docx_built(dataclasses.replace(sample_2019(), omit_tables=frozenset({"T2", "T3"})), draft)
    out = fixed(capsys, draft)
    assert errors(out) == []
    report = check_file(str(out)).report
    assert report.edition == "2019"
    t3, t2 = report.tables["T3"], report.tables["T2"]
    assert "r3_6" in t3.rows and "r3_6_1" not in t3.rows and not t3.facts
    assert ("procurement", "amount") in t2.cells and all(s.cell.text == "0" for s in t2.cells.values())
    assert report.table_blocks["T2"] < report.sections["s3"].block < report.table_blocks["T3"]


@pytest.mark.shared
def test_docm_keeps_its_macro_content_type(tmp_path, capsys, sample):
    docx_path = template_docx(tmp_path, with_cell(sample, "T3", "r3_1", "natural", "6"))
    draft = tmp_path / "draft.docm"
    with zipfile.ZipFile(docx_path) as src, zipfile.ZipFile(draft, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "[Content_Types].xml":
                body = body.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            dst.writestr(item, body)
    out = fixed(capsys, draft)
    assert out.suffix == ".docm"
    assert b"macroEnabled.main+xml" in zipfile.ZipFile(out).read("[Content_Types].xml")
    assert stat_text(out, "T3", "r3_1", "natural") == "5"


# ---------------------------------------------------------------- nothing else differs, .docx

@pytest.mark.parametrize("source", ["template", "built-numbered"])
def test_docx_differs_only_where_intended(tmp_path, capsys, sample, source):
    draft = tmp_path / "draft.docx"
    data = with_cell(without_section(sample, "s5"), "T3", "r3_1", "natural", "6")
    if source == "template":
        write_docx_from_template(data, draft)
    else:
        write_docx_built(data, draft, headings="numbered")
    decorate(draft)
    out = fixed(capsys, draft)
    src, dst = zipfile.ZipFile(draft), zipfile.ZipFile(out)
    expected_parts = ["word/header1.xml", "word/footer1.xml", "word/styles.xml", "docProps/core.xml"]
    if source == "built-numbered":
        expected_parts.append("word/numbering.xml")
    for part in expected_parts:
        assert part in src.namelist(), part
    assert any(name.startswith("word/media/") for name in src.namelist())
    # the tool's mark (app.provenance): the custom-properties part, declared and related when the draft had none
    edited = {DOCUMENT_XML, "word/_rels/document.xml.rels", "[Content_Types].xml", "_rels/.rels", "docProps/custom.xml"}
    assert set(dst.namelist()) == set(src.namelist()) | {"word/comments.xml", "docProps/custom.xml"}
    for name in set(src.namelist()) - edited:
        assert src.read(name) == dst.read(name), name
    ours = r'<Override PartName="/(word/comments|docProps/custom).xml"[^>]*/>'
    assert re.sub(ours, "", dst.read("[Content_Types].xml").decode()) == \
        re.sub(ours, "", src.read("[Content_Types].xml").decode())
    relation = r'<Relationship Id="rId\d+" Type="[^"]*/custom-properties"[^>]*/>'
    assert re.sub(relation, "", dst.read("_rels/.rels").decode()) == re.sub(relation, "", src.read("_rels/.rels").decode())
    assert origin_of(str(out)).kind == "修正版"

    where = where_of(draft, "T3", "r3_1", "natural")
    before, after = body_of(draft), body_of(out)
    for marker in list(after.iter(*COMMENT_MARKERS)):
        marker.getparent().remove(marker)
    for run in [r for r in after.iter(W_R) if r.find(qn("w:commentReference")) is not None]:
        run.getparent().remove(run)
    heading = inserted_pair(out, "存在的主要问题及改进情况")[1]
    inserted = [el for el in after if paragraph_text(el) in (paragraph_text(heading), PLACEHOLDER)]
    assert len(inserted) == 2
    for el in inserted:
        after.remove(el)
    old_tc, new_tc = tc_at(before, where), tc_at(after, where)
    assert paragraph_text(new_tc.find(W_P)) == "5"
    old_tc.getparent().replace(old_tc, etree.Element("changed"))
    new_tc.getparent().replace(new_tc, etree.Element("changed"))
    assert etree.tostring(after, method="c14n") == etree.tostring(before, method="c14n")


# ---------------------------------------------------------------- .xlsx

def per_table_xlsx(tmp_path: Path, data, name: str = "draft.xlsx") -> Path:
    path = tmp_path / name
    write_xlsx_per_table(data, path)
    return path


@pytest.mark.parametrize(("layout", "table", "row", "col", "wrong", "right"), [
    pytest.param("per_table", "T3", "r3_1", "natural", "6", "5", id="per-table-T3-leaf"),
    pytest.param("per_table", "T4", "r1", "review_total", "0", "2", id="per-table-T4-total"),
    pytest.param("one_sheet", "T3", "r3_7", "natural", "11", "10", id="one-sheet-T3-results-total"),
    pytest.param("one_sheet", "T3", "r3_1", "total", "9", "6", id="one-sheet-T3-row-total"),
])
def test_xlsx_fault_is_set_in_place_with_comment_and_fill(tmp_path, capsys, sample, layout, table, row, col,
                                                          wrong, right):
    draft = tmp_path / "draft.xlsx"
    writer = write_xlsx_per_table if layout == "per_table" else write_xlsx_one_sheet
    writer(with_cell(sample, table, row, col, wrong), draft)
    out = fixed(capsys, draft)
    assert errors(out) == []
    where = where_of(draft, table, row, col)
    cell = openpyxl.load_workbook(out)[where["sheet"]][where["cell"]]
    assert cell.value == int(right)
    assert cell.fill.fgColor.rgb.endswith("FFFF00")
    assert f"原为“{wrong}”，改为 {right}" in cell.comment.text and cell.comment.author == "年报检查"


def decorated_xlsx(tmp_path: Path, data) -> Path:
    """A per-table workbook (SUM formulas) with a data validation and a custom column width on 表三."""
    path = per_table_xlsx(tmp_path, data)
    book = openpyxl.load_workbook(path)
    sheet = book["表三"]
    validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    validation.add("D4:J30")
    sheet.add_data_validation(validation)
    sheet.column_dimensions["C"].width = 42
    book.save(path)
    return path


def all_values(path: Path) -> dict:
    book = openpyxl.load_workbook(path)
    return {(s.title, c.coordinate): c.value for s in book.worksheets for row in s.iter_rows() for c in row
            if c.value is not None}


def test_xlsx_keeps_formulas_merges_widths_and_validation(tmp_path, capsys, sample):
    draft = decorated_xlsx(tmp_path, with_cell(sample, "T3", "r3_3_1", "natural", "7"))
    before = all_values(draft)
    assert sum(isinstance(v, str) and v.startswith("=") for v in before.values()) > 20
    out = fixed(capsys, draft)
    assert errors(out) == []
    after = all_values(out)
    where = where_of(draft, "T3", "r3_3_1", "natural")
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed == {(where["sheet"], where["cell"])} and after[(where["sheet"], where["cell"])] == 0
    old, new = openpyxl.load_workbook(draft), openpyxl.load_workbook(out)
    assert new.sheetnames == old.sheetnames
    for name in old.sheetnames:
        assert sorted(map(str, new[name].merged_cells.ranges)) == sorted(map(str, old[name].merged_cells.ranges))
    assert new["表三"].column_dimensions["C"].width == 42
    assert [str(v.sqref) for v in new["表三"].data_validations.dataValidation] == ["D4:J30"]


def test_xlsx_sum_range_is_repaired_and_stays_a_formula(tmp_path, capsys, sample):
    """Contract change (issue 9, item 3): a SUM that leaves out a column of its row gets its range repaired."""
    draft = per_table_xlsx(tmp_path, with_cell(sample, "T4", "r1", "direct_other", "/"))
    where = where_of(draft, "T3", "r3_1", "total")
    book = openpyxl.load_workbook(draft)
    row = where["cell"][1:]
    book[where["sheet"]][where["cell"]] = f"=SUM(D{row},F{row}:I{row})"  # leaves out 商业企业
    book.save(draft)
    status, out, _ = run_fix(capsys, draft)
    assert status == 0
    assert f"公式 =SUM(D{row},F{row}:I{row}) → =SUM(D{row}:I{row})" in out
    output = Path(default_output(str(draft)))
    cell = openpyxl.load_workbook(output)[where["sheet"]][where["cell"]]
    assert cell.value == f"=SUM(D{row}:I{row})"
    assert f"求和范围由 D{row},F{row}:I{row} 改为 D{row}:I{row}" in cell.comment.text
    assert stat_text(output, "T3", "r3_1", "total") == "6"  # the engine evaluates the repaired formula
    assert errors(output) == []


def _with_formula(path: Path, table: str, row: str, col: str, formula: str) -> str:
    """Put a formula into a statistics cell of a workbook; returns its A1."""
    where = where_of(path, table, row, col)
    book = openpyxl.load_workbook(path)
    book[where["sheet"]][where["cell"]] = formula
    book.save(path)
    return where["cell"]


def test_xlsx_column_sum_taking_in_a_row_is_repaired_and_its_row_total_follows(tmp_path, capsys, sample):
    draft = per_table_xlsx(tmp_path, sample)
    a1 = where_of(draft, "T3", "r3_7", "natural")["cell"]
    first_leaf = int(where_of(draft, "T3", "r3_1", "natural")["cell"][1:])
    last_leaf = int(a1[1:]) - 1
    _with_formula(draft, "T3", "r3_7", "natural", f"=SUM(D{first_leaf - 1}:D{last_leaf})")  # takes in 二、上年结转
    status, out, _ = run_fix(capsys, draft)
    assert status == 0
    output = Path(default_output(str(draft)))
    sheet = openpyxl.load_workbook(output)["表三"]
    assert sheet[a1].value == f"=SUM(D{first_leaf}:D{last_leaf})"
    assert f"求和范围由 D{first_leaf - 1}:D{last_leaf} 改为 D{first_leaf}:D{last_leaf}" in sheet[a1].comment.text
    total = where_of(draft, "T3", "r3_7", "total")["cell"]
    assert sheet[total].value == f"=SUM(D{a1[1:]}:I{a1[1:]})" and "无误，未修改" in sheet[total].comment.text
    assert all(isinstance(sheet[c].value, str) and sheet[c].value.startswith("=") for c in (a1, total))
    assert stat_text(output, "T3", "r3_7", "natural") == "10" and stat_text(output, "T3", "r3_7", "total") == "12"
    assert errors(output) == [] and "text.number_mismatch" not in errors(output, ("text.",))
    assert out.index("修正版中做了以下修改") < out.index("已保存修正版") and "待人工处理" not in out


def test_xlsx_plus_chain_leaving_out_a_term_is_repaired(tmp_path, capsys, sample):
    draft = per_table_xlsx(tmp_path, sample)
    a1 = _with_formula(draft, "T4", "r1", "review_total", "=B4+C4+D4")  # leaves out 结果维持 (2)
    fixed(capsys, draft)
    output = Path(default_output(str(draft)))
    assert openpyxl.load_workbook(output)["表四"][a1].value == "=A4+B4+C4+D4"
    assert stat_text(output, "T4", "r1", "review_total") == "2" and errors(output) == []


def test_xlsx_formula_beyond_a_range_repair_is_kept_and_commented(tmp_path, capsys, sample):
    draft = per_table_xlsx(tmp_path, sample)
    row = where_of(draft, "T3", "r3_1", "total")["cell"][1:]
    a1 = _with_formula(draft, "T3", "r3_1", "total", f"=SUM(D{row}:I{row})-1")
    status, out, _ = run_fix(capsys, draft)
    assert status == 0 and "待人工处理" not in out  # the CLI prints the open list under its own heading
    output = Path(default_output(str(draft)))
    cell = openpyxl.load_workbook(output)["表三"][a1]
    assert cell.value == f"=SUM(D{row}:I{row})-1"  # a formula is never replaced by a number
    assert "请检查公式（如求和范围）及其引用的单元格" in cell.comment.text
    assert "请人工核对：" in out and f"是公式 =SUM(D{row}:I{row})-1，未修改" in out


def test_fix_writes_the_copy_when_nothing_is_sure(tmp_path, capsys, sample):
    """Contract change (issue 9): no sure repair still gives a copy, every problem commented where it is."""
    heading, paragraphs = sample.sections[0]
    sample.sections[0] = (heading, ["2022年，示例市生态环境局深入贯彻落实《条例》。"] + paragraphs[1:])
    draft = tmp_path / "draft.docx"
    write_docx_built(with_cell(sample, "T3", "r3_3_1", "natural", "abc"), draft)
    status, out, _ = run_fix(capsys, draft)
    assert status == 0
    output = Path(default_output(str(draft)))
    assert out.index("修正版未改动任何数值或文字") < out.index("请人工核对") < out.index("已保存修正版")
    assert stat_text(output, "T3", "r3_3_1", "natural") == "abc"
    texts = comments_text(output)
    assert "“abc”不是数字" in texts and "这一段以“2022年”开头" in texts
    assert [f.to_json() for f in check_file(str(output)).findings] == \
        [f.to_json() for f in check_file(str(draft)).findings]


def test_xlsx_missing_section_and_table(tmp_path, capsys, sample):
    data = dataclasses.replace(without_section(sample, "s6"), omit_tables=frozenset({"T4"}))
    out = fixed(capsys, per_table_xlsx(tmp_path, data))
    assert errors(out) == []
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["报告正文", "表二", "表三", "表四"]
    t4 = book["表四"]
    assert {"A1:E1", "F1:O1", "F2:J2", "K2:O2"} <= set(map(str, t4.merged_cells.ranges))
    assert [t4.cell(4, c).value for c in range(1, 16)] == [0] * 15
    assert "表四" in t4["A1"].comment.text
    prose = book["报告正文"]
    texts = [c.value for c in prose["A"] if c.value]
    # before the signature, as in .docx (issue 9: the place a missing part belongs is the same in both copies)
    assert texts[-4:] == ["六、其他需要报告的事项", PLACEHOLDER, sample.agency, f"{sample.year + 1}年1月20日"]
    heading = next(c for c in prose["A"] if c.value == "六、其他需要报告的事项")
    assert heading.comment is not None and heading.fill.fgColor.rgb.endswith("FFFF00")


def test_xlsx_missing_s5_lands_before_s6_when_rows_can_move(tmp_path, capsys, sample):
    out = fixed(capsys, per_table_xlsx(tmp_path, without_section(sample, "s5")))
    texts = [c.value for c in openpyxl.load_workbook(out)["报告正文"]["A"] if c.value]
    at = texts.index("五、存在的主要问题及改进情况")
    assert texts[at + 1:at + 3] == [PLACEHOLDER, "六、其他需要报告的事项"]
    result = check_file(str(out))
    assert {f.rule for f in result.findings} == {"section.content"}  # only: fill in the placeholder


def test_xlsx_one_sheet_section_is_appended_when_rows_cannot_move(tmp_path, capsys, sample):
    path = tmp_path / "one.xlsx"
    write_xlsx_one_sheet(without_section(sample, "s4"), path)
    status, out, _ = run_fix(capsys, path)
    assert status == 0 and "写在正文所在工作表的末尾" in out
    book = openpyxl.load_workbook(default_output(str(path)))
    heading = next(c for row in book["年报"].iter_rows() for c in row if c.value == "四、政府信息公开行政复议、行政诉讼情况")
    assert "移到规范位置" in heading.comment.text


# ---------------------------------------------------------------- nothing lost: output handling

@pytest.mark.shared
def test_existing_output_is_not_overwritten_without_force(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, with_cell(sample, "T3", "r3_1", "natural", "6"))
    output = Path(default_output(str(draft)))
    output.write_bytes(b"keep me")
    status, _, err = run_fix(capsys, draft)
    assert status == 2 and "已存在" in err and "--force" in err
    assert output.read_bytes() == b"keep me"
    status, _, _ = run_fix(capsys, draft, "--force")
    assert status == 0 and stat_text(output, "T3", "r3_1", "natural") == "5"


@pytest.mark.shared
def test_explicit_output_path(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, with_cell(sample, "T3", "r3_1", "natural", "6"))
    target = tmp_path / "sub" / "修正.docx"
    target.parent.mkdir()
    status, out, _ = run_fix(capsys, draft, "-o", str(target))
    assert status == 0 and target.exists() and str(target) in out


@pytest.mark.shared
def test_output_onto_the_input_is_refused(tmp_path, capsys, sample):
    draft = template_docx(tmp_path, with_cell(sample, "T3", "r3_1", "natural", "6"))
    status, _, err = run_fix(capsys, draft, "-o", str(draft), "--force")
    assert status == 2 and "不能保存到原文件" in err


def refuse(*_args, **_kwargs):
    raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize(("patched", "words"), [
    pytest.param((tempfile, "mkstemp"), "只读或无权限", id="read-only-folder"),
    pytest.param((os, "replace"), "正在 Word/WPS/Excel 中打开", id="target-open-in-word"),
])
@pytest.mark.shared
def test_unwritable_target_gives_chinese_message_and_exit_2(tmp_path, capsys, monkeypatch, sample, patched, words):
    draft = template_docx(tmp_path, with_cell(sample, "T3", "r3_1", "natural", "6"))
    monkeypatch.setattr(*patched, refuse)
    status, _, err = run_fix(capsys, draft)
    assert status == 2 and words in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]


def test_unreadable_input_exit_2(tmp_path, capsys):
    draft = tmp_path / "draft.docx"
    draft.write_text("这不是 Word 文件", encoding="utf-8")
    status, _, err = run_fix(capsys, draft)
    assert status == 2 and "无法读取" in err


# ---------------------------------------------------------------- LibreOffice opens the corrected copies

@pytest.mark.soffice
@pytest.mark.shared
def test_libreoffice_converts_corrected_copies_to_pdf(tmp_path, capsys, sample):
    soffice = shutil.which("soffice")
    data = dataclasses.replace(with_cell(without_section(sample, "s5"), "T3", "r3_1", "natural", "6"),
                               omit_tables=frozenset({"T4"}))
    outputs = [fixed(capsys, template_docx(tmp_path, data)), fixed(capsys, per_table_xlsx(tmp_path, data))]
    pdf_dir = tmp_path / "pdf"
    done = subprocess.run([soffice, profile_option(), "--headless",
                           "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, outputs)],
                          check=False, capture_output=True, text=True, timeout=180)
    for output in outputs:
        pdf = pdf_dir / f"{output.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000, done.stderr
