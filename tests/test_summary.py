"""The printable summary (HTML), the reviewer's workbook (xlsx) and the places they name, as a reviewer reads them."""
from __future__ import annotations

import os
import re
import subprocess
from datetime import datetime
from html.parser import HTMLParser

import openpyxl
import pytest

from app import __version__
from app.cli import main as cli_main
from app.engine import check_file
from app.presentation.location import file_place, location
from app.result import FileResult
from app.summary import planned_changes, to_html, verdict_line, write_xlsx
from app.summary.workbook import MAX_WIDTH, display_width
from tests.conftest import build, check_built
from tests.fixtures.command_line import run_app
from tests.fixtures.data import with_cell, without_section
from tests.fixtures.datasets import sample_2021
from tests.fixtures.libreoffice import profile_option

STAMP = datetime(2025, 1, 20, 9, 30)
VOID_TAGS = {"br", "meta", "hr", "img"}


def stale_year(data):
    """The first paragraph of 一、总体情况 opens with last year (meta.year)."""
    heading, paragraphs = data.sections[0]
    data.sections[0] = (heading, [paragraphs[0].replace(f"{data.year}年", f"{data.year - 1}年", 1), *paragraphs[1:]])
    return data


@pytest.fixture
def faulty(tmp_path):
    """A .docx with a broken 表三 row, a broken 表四 group contradicted by the prose, a blank 表二 cell, no 五
    and a paragraph opening with last year."""
    data = with_cell(sample_2021(), "T3", "r3_1", "natural", "6")
    data = with_cell(data, "T4", "r1", "review_total", "0")
    data = with_cell(data, "T2", "fees", "amount", None)
    data = stale_year(without_section(data, "s5"))
    return check_file(str(build("docx_plain", data, tmp_path, "faulty")))


def by_rule(result: FileResult, rule: str, **keys):
    return [f for f in result.findings if f.rule == rule and all(getattr(f, k) == v for k, v in keys.items())]


# ---------------------------------------------------------------- locations in the report's words

@pytest.mark.parametrize("layout", ["docx_plain", "xlsx_per_table", "xlsx_one_sheet"])
def test_locations_name_rows_columns_groups_parts_and_paragraphs(tmp_path, layout):
    data = stale_year(without_section(with_cell(with_cell(sample_2021(), "T3", "r3_1", "natural", "6"),
                                                "T4", "r1", "review_total", "0"), "s5"))
    result = check_file(str(build(layout, data, tmp_path)))
    report = result.report
    words = {f.rule + ("" if f.col is None else f":{f.col}"): location(f, report) for f in result.findings}
    assert location(by_rule(result, "arith.row_total", row="r3_1")[0], report) == "表三“（一）予以公开”行"
    assert location(by_rule(result, "arith.results_total", col="natural")[0], report) == "表三“自然人”栏"
    assert location(by_rule(result, "arith.suspect_cell", table="T3")[0], report) == "表三“（一）予以公开”行“自然人”栏"
    assert location(by_rule(result, "arith.group_total")[0], report) == "表四“行政复议”组"
    assert location(by_rule(result, "arith.suspect_cell", table="T4")[0], report) == "表四“行政复议·总计”栏"
    assert location(by_rule(result, "section.missing")[0], report) == "“五、存在的主要问题及改进情况”部分"
    assert location(by_rule(result, "meta.year")[0], report) == "“一、总体情况”部分第 1 段“2022年，示例市生态环…”"
    claim = location(by_rule(result, "text.number_mismatch")[0], report)
    assert claim == "“一、总体情况”部分第 3 段“（二）依申请公开。全年共…”与表四“行政复议·总计”栏", words
    assert not any(re.search(r"\b(r\d|T\d|s\d|natural|review)", w) for w in words.values()), words


def test_blank_t2_cell_and_file_coordinates(faulty):
    blank = by_rule(faulty, "value.blank", table="T2")[0]
    assert location(blank, faulty.report) == "表二“行政事业性收费”行“本年收费金额（单位：万元）”栏"
    assert file_place(blank.cells[0].where).startswith("Word 第 1 个表格第 ")
    year = by_rule(faulty, "meta.year")[0]
    paragraph = year.cells[0].where.index
    assert file_place(year.cells[0].where) == f"Word 第 {paragraph + 1} 段"
    assert faulty.report.draft.paragraphs[paragraph].text.startswith("2022年，")


def test_location_without_a_report_still_names_the_table():
    from app.findings import Finding, Severity
    finding = Finding("arith.row_total", Severity.ERROR, "…", table="T3", row="r4")
    assert location(finding, None) == "表三“四、结转下年度继续办理”行"
    assert location(Finding("meta.contact", Severity.WARNING, "…"), None) == "导语（联系方式）"


# ---------------------------------------------------------------- verdict

def test_verdict_lines(tmp_path, faulty):
    clean = check_built(sample_2021(), tmp_path, "clean")
    warned = check_built(with_cell(sample_2021(), "T2", "fees", "amount", None), tmp_path, "w")
    c = faulty.counts
    assert verdict_line(faulty) == f"不通过：{c['error']} 处错误、{c['warning']} 处警告"
    assert verdict_line(clean) == "通过"
    assert verdict_line(warned) == f"通过（有 {warned.counts['warning']} 处警告）"
    assert verdict_line(FileResult("x.docx", error="文件是空的")) == "无法读取"


# ---------------------------------------------------------------- HTML

class _Balance(HTMLParser):
    """Fails on a closing tag that does not close the innermost open one."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parsed_text(html: str) -> str:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return "".join(parser.text)


def test_one_draft_summary_holds_everything_a_reviewer_signs(faulty):
    plans = planned_changes([faulty])
    html = to_html([faulty], plans=plans, checked_at=STAMP)
    text = parsed_text(html)
    report = faulty.report
    assert "faulty.docx" in text and "示例市生态环境局" in text and "2023 年度" in text
    assert "2025-01-20 09:30" in text and __version__ in text and report.edition.spec.name in text
    assert f"检查结论：{verdict_line(faulty)}" in text
    for f in faulty.findings:
        assert location(f, report) in text
        assert f.message in text
    for line in plans[faulty.file]:
        assert line in text
    assert any("5 → 6" in line or "6 → 5" in line for line in plans[faulty.file])
    assert "审核人：" in text and "日期：" in text
    assert "page-break-before" not in html and "检查汇总" not in text


def test_category_counts_add_up(faulty):
    text = parsed_text(to_html([faulty], checked_at=STAMP))
    assert "修正版将做的修改" not in text  # no plans given: that part is left out
    counts = faulty.counts
    total_row = re.search(r"合计(\d+)(\d+)(\d+)", text.replace(" ", ""))
    assert total_row and tuple(map(int, total_row.groups())) == (counts["error"], counts["warning"], counts["info"])
    for category in ("结构", "表格勾稽", "数值", "正文一致性", "年份与期限", "跨年度"):
        assert category in text


def test_several_drafts_open_with_one_table_then_a_page_each(tmp_path, faulty):
    clean = check_built(sample_2021(), tmp_path, "clean")
    empty = tmp_path / "空的.docx"
    empty.write_bytes(b"")
    unreadable = check_file(str(empty))
    html = to_html([faulty, clean, unreadable], plans=planned_changes([faulty, clean, unreadable]), checked_at=STAMP)
    text = parsed_text(html)
    assert text.index("检查汇总") < text.index("检查摘要", text.index("检查汇总") + 4)
    assert "共 3 份草稿：1 份通过，1 份不通过，1 份无法读取。" in text
    assert html.count("page-break-before: always") == 3
    assert "无法读取" in text and unreadable.error in text
    assert text.count("审核人：") == 3
    # the clean draft: 未发现问题 once, no empty count table, no “修正版将做的修改” that does not apply
    assert "未发现问题" in text and "没有可以自动确定的修改" not in text and text.count("各类问题数量") == 1


def test_text_from_the_draft_is_escaped(tmp_path):
    data = sample_2021()
    data.agency = data.agency + "<b>&"
    data.title = f"{data.agency}{data.year}年政府信息公开工作年度报告"
    path = build("docx_plain", data, tmp_path, "R&D<1>")
    result = check_file(str(path))
    html = to_html([result], checked_at=STAMP)
    assert "R&amp;D&lt;1&gt;.docx" in html and "<b>&" not in html
    assert "R&D<1>.docx" in parsed_text(html)


# ---------------------------------------------------------------- workbook

def test_workbook_rows_headers_filters_and_widths(tmp_path, faulty):
    empty = tmp_path / "=SUM(A1)空的.docx"
    empty.write_bytes(b"")
    results = [faulty, check_file(str(empty))]
    path = tmp_path / "审核.xlsx"
    write_xlsx(results, str(path))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["草稿汇总", "问题明细"]
    drafts, details = book["草稿汇总"], book["问题明细"]
    assert drafts["A1"].value == details["A1"].value == f"文件夹：{tmp_path}"  # once at the top
    assert [c.value for c in drafts[2]] == ["文件", "机关", "报告年度", "格式", "结论", "错误", "警告", "提示", "说明"]
    assert [c.value for c in details[2]][:6] == ["文件", "机关", "位置", "文件中的位置", "严重程度", "问题类型"]
    assert drafts.max_row == 4 and details.max_row == 2 + len(faulty.findings)
    assert drafts.freeze_panes == details.freeze_panes == "A3"
    assert drafts.auto_filter.ref == "A2:I4" and details.auto_filter.ref == f"A2:I{2 + len(faulty.findings)}"
    first = [c.value for c in drafts[3]]
    assert first[0] == "faulty.docx"  # the name in the row, the folder at the top
    assert first[1:8] == ["示例市生态环境局", 2023, "2021 年版", "不通过", *faulty.counts.values()]
    second = [c.value for c in drafts[4]]
    assert second[0] == empty.name and second[4] == "无法读取" and "空的" in second[8]
    assert drafts.cell(4, 1).data_type == "s"  # a name starting with “=” is not a formula
    assert drafts.cell(3, 5).fill.fgColor.rgb.endswith("F9CCCC") and drafts.cell(4, 5).fill.fgColor.rgb.endswith("E4E4E4")
    rows = [[c.value for c in row] for row in details.iter_rows(min_row=3)]
    for f in faulty.findings:
        assert ["faulty.docx", "示例市生态环境局", location(f, faulty.report)] in [r[:3] for r in rows]
    assert {r[4] for r in rows} == {"错误", "警告", "提示"}
    assert {r[6] for r in rows} == {f.rule for f in faulty.findings}
    assert drafts.column_dimensions["A"].width == display_width(faulty.file.rsplit("/", 1)[1]) + 4 + 2 or \
        drafts.column_dimensions["A"].width == display_width("=SUM(A1)空的.docx") + 2
    assert details.column_dimensions["H"].width <= MAX_WIDTH and details.cell(3, 8).alignment.wrap_text


def test_workbook_prints_landscape_fitted_to_the_width_with_headers_on_every_page(tmp_path, faulty):
    path = tmp_path / "审核.xlsx"
    write_xlsx([faulty] * 40, str(path))
    for sheet in openpyxl.load_workbook(path).worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$2:$2"
        assert sheet["A3"].value == "faulty.docx"


@pytest.mark.soffice
def test_workbook_printout_keeps_every_column_on_page_one(tmp_path, faulty):
    """As LibreOffice prints it: page 1 holds the folder line, the headers and rows, the 说明 column included."""
    path = tmp_path / "审核.xlsx"
    write_xlsx([faulty] * 40, str(path))
    subprocess.run(["soffice", profile_option(), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(path)], capture_output=True, timeout=240, check=True)
    pdf = tmp_path / "审核.pdf"
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "landscape" in pages.lower() or "841.89 x 595" in pages
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "文件夹" in first and "说明" in first and "faulty.docx" in first


def test_workbook_write_is_atomic_and_drops_control_characters(tmp_path):
    path = tmp_path / "审核.xlsx"
    path.write_bytes(b"old")
    write_xlsx([FileResult("坏\x07文件.docx", error="原因\x01")], str(path))
    assert sorted(os.listdir(tmp_path)) == ["审核.xlsx"]
    row = [c.value for c in openpyxl.load_workbook(path)["草稿汇总"][3]]
    assert row[0] == "坏文件.docx" and row[8] == "原因"
    assert display_width("表三a") == 5


# ---------------------------------------------------------------- command line

def test_cli_writes_html_and_xlsx_and_keeps_exit_codes(tmp_path, faulty):
    html_path, xlsx_path = tmp_path / "摘要.html", tmp_path / "审核.xlsx"
    out = run_app("check", faulty.file, "--format", "html", "--output", str(html_path))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    text = parsed_text(html_path.read_text(encoding="utf-8"))
    assert f"检查结论：{verdict_line(faulty)}" in text and "修正版将做的修改" in text
    assert run_app("check", faulty.file, "--format", "xlsx", "--output", str(xlsx_path)).returncode == 1
    assert openpyxl.load_workbook(xlsx_path)["草稿汇总"].max_row == 3


@pytest.mark.parametrize("fmt", ["html", "pdf", "xlsx"])
def test_cli_documents_need_output(fmt, faulty):
    out = run_app("check", faulty.file, "--format", fmt)
    assert out.returncode == 2 and "--output" in out.stderr and "请用" in out.stderr and out.stdout == ""


def test_cli_pdf_without_a_renderer_says_so(tmp_path, faulty, capsys):
    target = tmp_path / "摘要.pdf"
    assert cli_main(["check", faulty.file, "--format", "pdf", "--output", str(target)]) == 2
    assert cli_main(["check", faulty.file, "--format", "pdf", "--output", str(target)], lambda: None) == 2
    assert "无法生成 PDF" in capsys.readouterr().err and not target.exists()


def test_cli_pdf_gets_the_summary_html(tmp_path, faulty, capsys):
    written = {}
    render = lambda html, path: written.update(html=html, path=path)  # noqa: E731
    target = str(tmp_path / "摘要.pdf")
    assert cli_main(["check", faulty.file, "--format", "pdf", "--output", target], lambda: render) == 1
    assert written["path"] == target and verdict_line(faulty) in written["html"]
    assert "已保存检查摘要" in capsys.readouterr().out


def test_cli_unwritable_output_is_a_chinese_reason(tmp_path, faulty):
    out = run_app("check", faulty.file, "--format", "xlsx", "--output", str(tmp_path / "无此目录" / "a.xlsx"))
    assert out.returncode == 2 and "无法" in out.stderr and "Traceback" not in out.stderr
