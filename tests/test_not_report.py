"""A document that is not an annual report (a meeting notice) is said to be none: no findings, no copy, exit 2;
drafts with few clues of a report stay reports."""
from __future__ import annotations

import dataclasses
import json

import pytest
from docx import Document

from app.cli import main
from app.engine import check_file
from tests.fixtures.data import ReportData
from tests.fixtures.datasets import sample_2007, sample_2021
from tests.fixtures.docx_builders import write_docx_2007, write_docx_built
from tests.test_cli import contract_problems


def meeting_notice(path):
    """A 会议通知 with a table of attendees: no report title, no statistics table, no part heading."""
    doc = Document()
    doc.add_paragraph("关于召开2024年度全市政务公开工作会议的通知")
    doc.add_paragraph("各区县人民政府，市政府各部门：")
    doc.add_paragraph("经研究，定于2024年3月15日上午9时在市政府第一会议室召开全市政务公开工作会议。现将有关事项通知如下：")
    doc.add_paragraph("请各单位分管负责同志参加，并于3月12日前报送参会回执。")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["单位", "姓名", "职务"], ["市政府办公室", "张三", "科长"], ["市司法局", "李四", "科员"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("市人民政府办公室")
    doc.add_paragraph("2024年3月1日")
    doc.save(str(path))
    return path


@pytest.fixture
def notice(tmp_path):
    return meeting_notice(tmp_path / "会议通知.docx")


def test_a_meeting_notice_is_not_a_report_in_the_json(notice, capsys):
    assert main(["check", str(notice), "--format", "json"]) == 2
    report = json.loads(capsys.readouterr().out)["reports"][0]
    assert report["status"] == "not_report"
    assert report["findings"] == [] and report["counts"] == {"error": 0, "warning": 0, "info": 0}
    for looked_for in ("标题", "统计表", "一、总体情况"):
        assert looked_for in report["error"]
    assert (report["template"], report["year"], report["agency"]) == ("unknown", None, None)
    assert contract_problems({"schema": 1, "tool": {"name": "x", "version": "1"}, "reports": [report]}) == []


def test_the_text_summary_says_what_was_looked_for_and_names_no_unknown_agency(notice, capsys):
    assert main(["check", str(notice)]) == 2
    out = capsys.readouterr().out
    assert "【不是年度报告】" in out and "原因：没有找到年度报告的标题" in out
    assert "未识别" not in out and "不通过" not in out.split("\n\n", 1)[1]


@pytest.mark.parametrize("command", ["fix", "annotate"])
def test_fix_and_annotate_write_no_copy_of_it(notice, capsys, command):
    assert main([command, str(notice)]) == 2
    err = capsys.readouterr().err
    assert "不是政府信息公开工作年度报告" in err
    assert sorted(p.name for p in notice.parent.iterdir()) == ["会议通知.docx"]


def only_tables(data: ReportData) -> ReportData:
    """The statistics tables alone: no title line, no prose, no closing (a clerk's tables-only draft)."""
    return dataclasses.replace(data, title=" ", preamble=[], closing=[],
                               sections=[(h, []) for h, _ in data.sections])


@pytest.mark.parametrize("make", ["tables_only", "no_tables", "era_2007", "title_only"])
def test_drafts_with_few_clues_are_still_reports(tmp_path, make):
    path = tmp_path / f"{make}.docx"
    sample = sample_2021()
    if make == "tables_only":
        doc = Document()
        write_docx_built(sample, tmp_path / "full.docx")
        full = Document(str(tmp_path / "full.docx"))
        for table in full.tables:
            doc.element.body.append(table._tbl)
        doc.save(str(path))
    elif make == "no_tables":
        write_docx_built(dataclasses.replace(sample, omit_tables=frozenset({"T2", "T3", "T4"})), path)
    elif make == "era_2007":
        write_docx_2007(sample_2007(), path)
    else:
        doc = Document()
        doc.add_paragraph(sample.title)
        doc.add_paragraph("本报告根据《中华人民共和国政府信息公开条例》编制。")
        doc.save(str(path))
    result = check_file(str(path))
    assert result.status != "not_report", result.not_report
    assert result.status in ("ok", "findings") and result.report is not None


def test_a_document_that_is_no_report_is_never_last_years_report(tmp_path):
    """No history.* finding comes from, or goes to, a document that is no report."""
    from app.pairing import is_previous
    last = check_file(str(build_sample(tmp_path, 2022)))
    this = check_file(str(build_sample(tmp_path, 2023)))
    assert is_previous(last, this)
    assert not is_previous(dataclasses.replace(last, not_report="x"), this)
    assert not is_previous(last, dataclasses.replace(this, not_report="x"))


def build_sample(folder, year: int):
    path = folder / f"{year}.docx"
    write_docx_built(sample_2021(year), path)
    return path
