"""Draft + findings → HTML: the document as the user knows it, every finding marked at its place."""
from __future__ import annotations

import re

from app.engine import check_file
from app.findings import Severity
from tests.conftest import check_built
from tests.fixtures.data import with_cell
from tests.fixtures.datasets import sample_2021
from ui.document_html import CHUNK_CHARS, render


def _cells(html: str) -> list[str]:
    return re.findall(r"<td[^>]*>.*?</td>", html, re.S)


def test_every_finding_has_a_place_and_every_place_its_findings(sample_docx):
    result = check_file(str(sample_docx))
    shown = render(result.report, result.findings)
    for i, anchor in enumerate(shown.target):
        assert anchor is not None and i in shown.places[anchor]
        assert f'name="{anchor}"' in shown.html


def test_suspect_cell_in_red_with_expected_value_and_operands_tinted(sample_docx):
    result = check_file(str(sample_docx))
    html = render(result.report, result.findings).html
    suspect = [c for c in _cells(html) if "5 → 6" in c]
    assert len(suspect) == 1 and 'bgcolor="#f3aaaa"' in suspect[0]
    assert sum('bgcolor="#fbe6e6"' in c for c in _cells(html)) >= 10  # the other operands of the broken sums
    assert "▌缺少：五、存在的主要问题及改进情况" in html


def test_missing_section_bar_stands_where_the_section_belongs(sample_docx):
    result = check_file(str(sample_docx))
    html = render(result.report, result.findings).html
    assert html.index("四、政府信息公开行政复议") < html.index("缺少：五、") < html.index("六、其他需要报告的事项")


def test_merged_cells_keep_their_spans(sample_docx):
    result = check_file(str(sample_docx))
    html = render(result.report, result.findings).html
    t3 = result.report.tables["T3"].table
    merged = {id(c) for row in t3.grid for c in row if sum(x is c for r in t3.grid for x in r) > 1}
    assert merged
    assert 'rowspan="' in html and 'colspan="' in html
    grid_slots = sum(len(row) for row in t3.grid)
    distinct = len({id(c) for row in t3.grid for c in row})
    assert grid_slots > distinct  # so the spans are what keep the table's shape


def test_blank_cell_amber_with_zero_and_prose_mismatch_underlined(tmp_path):
    data = with_cell(sample_2021(year=2024), "T3", "r3_3_1", "natural", "")  # a 0 left blank
    data = with_cell(data, "T4", "r1", "review_upheld", "3")
    data = with_cell(data, "T4", "r1", "review_total", "3")
    result = check_built(data, tmp_path)
    html = render(result.report, result.findings).html
    rules = {f.rule for f in result.findings}
    assert "value.blank" in rules and "text.number_mismatch" in rules
    blank = [c for c in _cells(html) if "→ 0" in c]
    assert blank and 'bgcolor="#ffd27a"' in blank[0]
    underlined = re.findall(r'<a name="m\d+" href="mark:m\d+" title="[^"]*" style="[^"]*underline">([^<]*)</a>', html)
    assert any("行政复议2件" in u for u in underlined)


def test_period_of_another_year_marked_at_its_sentence(tmp_path):
    data = sample_2021(year=2024)
    data = data.__class__(**{**data.__dict__, "preamble": [p.replace("2024年1月1日", "2023年1月1日")
                                                           .replace("2024年12月31日", "2023年12月31日")
                                                           for p in data.preamble]})
    result = check_built(data, tmp_path)
    period = [i for i, f in enumerate(result.findings) if f.rule == "meta.period"]
    assert period and result.findings[period[0]].severity == Severity.ERROR
    shown = render(result.report, result.findings)
    anchor = shown.target[period[0]]
    marked = re.search(rf'<a name="{anchor}"[^>]*>([^<]*)</a>', shown.html).group(1)
    assert "2023年1月1日" in marked and "本报告电子版" not in marked


def test_hidden_findings_are_not_marked(sample_docx):
    result = check_file(str(sample_docx))
    hidden = frozenset(i for i, f in enumerate(result.findings) if f.rule == "arith.suspect_cell")
    shown = render(result.report, result.findings, hidden)
    assert "5 → 6" not in shown.html and "0 → 2" not in shown.html
    assert all(shown.target[i] is None for i in hidden)


def test_xlsx_rendered_as_its_sheets(sample_xlsx):
    result = check_file(str(sample_xlsx))
    html = render(result.report, result.findings).html
    for sheet in ("报告正文", "表二", "表三", "表四"):
        assert f"工作表“{sheet}”" in html
    assert "5 → 6" in html and "0 → 2" in html


def test_large_draft_is_cut_into_chunks_before_body_paragraphs(tmp_path):
    data = sample_2021(year=2024)
    filler = ["本机关持续推进政务公开标准化规范化建设，围绕重点领域信息公开开展专项检查。" * 4] * 600
    data = data.__class__(**{**data.__dict__, "sections": [(data.sections[0][0], data.sections[0][1] + filler),
                                                             *data.sections[1:]]})
    result = check_built(data, tmp_path)
    shown = render(result.report, result.findings)
    assert len(shown.chunks) >= len(shown.html) // (CHUNK_CHARS * 2)
    assert all(chunk.startswith('<p style="margin-top:3px;') for chunk in shown.chunks[1:])


def test_a_mark_never_wraps_in_a_narrow_column(qapp, sample_docx, tmp_path):
    from PySide6.QtGui import QTextDocument
    data = with_cell(sample_2021(year=2024), "T3", "r3_3_1", "natural", "")  # "空 → 0"
    blank = check_built(data, tmp_path)
    suspect = check_file(str(sample_docx))  # "5 → 6"
    marks = []
    for result in (blank, suspect):
        doc = QTextDocument()
        doc.setHtml(render(result.report, result.findings).html)
        doc.setTextWidth(360)  # every column of 表三 far narrower than its text
        doc.size()  # lay the whole document out
        block = doc.begin()
        while block.isValid():
            if "→" in block.text():
                marks.append((block.text().replace("\xa0", " "), block.layout().lineCount()))
            block = block.next()
    assert any(text.startswith("空") for text, _ in marks) and any(text == "5 → 6" for text, _ in marks)
    assert [text for text, lines in marks if lines != 1] == []
