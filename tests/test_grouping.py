"""Many findings of one rule in one table: one entry in every human view, one finding per cell in the JSON."""
from __future__ import annotations

import json
import zipfile

import openpyxl
import pytest
from docx.oxml.ns import qn
from lxml import etree

from app.cli import main
from app.engine import check_file
from app.presentation.grouping import GROUP_ABOVE, by_category, entries, entry_counts
from app.summary import to_html, to_text, verdict_line, write_xlsx
from tests.conftest import build, check_built
from tests.fixtures.data import with_cell
from tests.fixtures.datasets import sample_2021
from tests.test_summary import parsed_text

BLANK_ROWS = ("r3_3_1", "r3_3_2")
BLANK_COLS = ("commercial", "research", "public_welfare", "legal_service", "other_org")


def with_blanks(n: int, wrong_total: bool = True):
    """sample_2021 with n blank 表三 cells (and, by default, one broken row total)."""
    data = sample_2021()
    cells = [(r, c) for r in BLANK_ROWS for c in BLANK_COLS][:n]
    for row, col in cells:
        data = with_cell(data, "T3", row, col, None)
    return with_cell(data, "T3", "r3_1", "natural", "6") if wrong_total else data


@pytest.fixture
def ten_blanks(tmp_path):
    return build("docx_plain", with_blanks(10), tmp_path, "ten")


def blanks(result):
    return [f for f in result.findings if f.rule == "value.blank"]


def test_more_than_five_in_a_table_are_one_entry_fewer_stay_one_each(tmp_path, ten_blanks):
    many = check_file(str(ten_blanks))
    few = check_built(with_blanks(GROUP_ABOVE), tmp_path, "five")
    assert len(blanks(many)) == 10 and len(blanks(few)) == GROUP_ABOVE
    grouped = [e for e in entries(many.findings) if e.grouped]
    assert len(grouped) == 1 and len(grouped[0].findings) == 10
    assert not any(e.grouped for e in entries(few.findings))
    assert entry_counts(many.findings)["warning"] == 1 and many.counts["warning"] == 10


def test_the_json_stays_per_cell(ten_blanks, capsys):
    main(["check", str(ten_blanks), "--format", "json"])
    report = json.loads(capsys.readouterr().out)["reports"][0]
    assert sum(f["rule"] == "value.blank" for f in report["findings"]) == 10
    assert report["counts"]["warning"] == 10


def test_verdict_and_text_summary_count_the_group_once(ten_blanks):
    result = check_file(str(ten_blanks))
    assert verdict_line(result) == "不通过：2 处错误、1 处警告"
    text = to_text([result])
    assert "错误 2 项，警告 1 项" in text and text.count("按 0 核对") == 1
    assert "表三有 10 个单元格为空" in text
    assert "“（三）不予公开·1.属于国家秘密”行的“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”栏" in text


def test_printed_summary_has_one_row_for_the_group_in_the_panels_order(ten_blanks):
    result = check_file(str(ten_blanks))
    text = parsed_text(to_html([result]))
    assert text.count("表三有 10 个单元格为空") == 1 and "表三，共 10 处" in text
    assert "警告 1 处" in text
    # by category as in the findings panel: 表格勾稽 (its info finding included) before 数值
    categories = [c.value for c, _ in by_category(result.findings)]
    assert categories == ["表格勾稽", "数值"]
    assert text.index("表格勾稽（3）") < text.index("最可能填错") < text.index("数值（1）")


def test_workbook_has_one_row_for_the_group(tmp_path, ten_blanks):
    result = check_file(str(ten_blanks))
    path = tmp_path / "汇总表.xlsx"
    write_xlsx([result], str(path))
    book = openpyxl.load_workbook(path)
    rows = list(book["问题明细"].iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(entries(result.findings)) == len(result.findings) - 9
    blank_row = next(r for r in rows if r[6] == "value.blank")
    assert "10 个单元格" in blank_row[7] and blank_row[3].count("、") == 9
    summary = list(book["草稿汇总"].iter_rows(min_row=3, values_only=True))[0]
    assert summary[5:8] == (2, 1, 1)


def shaded_cells(path) -> set[tuple[int, int]]:
    """(row, grid column) of the 表三 cells with the open-finding background, by the raw XML."""
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(qn("w:body"))
    t3 = list(body.iter(qn("w:tbl")))[1]
    out = set()
    for r, tr in enumerate(t3.iter(qn("w:tr"))):
        col = 0
        for tc in tr.iter(qn("w:tc")):
            shd = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            if shd is not None and shd.get(qn("w:fill")) == "FFC7CE":
                out.add((r, col))
            span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            col += int(span.get(qn("w:val"))) if span is not None else 1
    return out


def comment_texts(path) -> list[str]:
    xml = etree.fromstring(zipfile.ZipFile(path).read("word/comments.xml"))
    return ["".join(c.itertext()) for c in xml.iter(qn("w:comment"))]


def test_annotated_copy_has_one_comment_for_the_group_and_every_cell_highlighted(tmp_path, ten_blanks, capsys):
    assert main(["annotate", str(ten_blanks)]) == 0
    out = capsys.readouterr().out
    copy = tmp_path / "ten（批注版）.docx"
    texts = comment_texts(copy)
    assert sum("按 0 核对" in t for t in texts) == 1
    assert sum("单元格为空" in t and "涉及 10 处" in t for t in texts) == 1
    assert len(shaded_cells(copy)) == 10  # the first cell carries the comment, all ten the background
    assert "3 个问题" in out


def test_a_few_blanks_keep_a_comment_each(tmp_path, capsys):
    draft = build("docx_plain", with_blanks(3, wrong_total=False), tmp_path, "three")
    assert main(["annotate", str(draft)]) == 0
    capsys.readouterr()
    assert sum("按 0 核对" in t for t in comment_texts(tmp_path / "three（批注版）.docx")) == 3


def test_xlsx_annotated_copy_fills_every_cell_of_the_group(tmp_path, capsys):
    draft = build("xlsx_per_table", with_blanks(10), tmp_path, "ten")
    assert main(["annotate", str(draft)]) == 0
    capsys.readouterr()
    sheet = openpyxl.load_workbook(tmp_path / "ten（批注版）.xlsx")["表三"]
    comments = [c for row in sheet.iter_rows() for c in row if c.comment is not None and "按 0 核对" in c.comment.text]
    filled = [c for row in sheet.iter_rows() for c in row if c.value is None and c.fill.fgColor.rgb[-6:] != "000000"
              and c.fill.fill_type == "solid"]
    assert len(comments) == 1 and len(filled) >= 10
