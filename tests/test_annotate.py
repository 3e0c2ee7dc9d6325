"""`python -m app annotate` and the comments both copies carry: every finding at its place, nothing else changed."""
import datetime
import os
import re
import subprocess
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from app.cli import COMMANDS, main
from app.draft.docx_reader import iter_body_blocks, paragraph_text
from app.engine import check_file
from app.findings import DocxCell, DocxParagraph, SheetCell
from app.fix import (
    AnnotationPlan,
    CopyKind,
    FixPlan,
    WriteRefused,
    default_output,
    describe,
    plan_fixes,
    save_annotated,
    save_corrected,
)
from app.fix.plan import SectionInsert
from app.provenance import origin_of
from tests.conftest import build
from tests.fixtures.data import with_cell, without_section
from tests.fixtures.datasets import period_sentence, sample_2021
from tests.fixtures.hostile import CASES
from tests.fixtures.libreoffice import profile_option
from tests.fixtures.xlsx_builders import write_xlsx_one_sheet
from tests.test_fix import all_values, decorate, decorated_xlsx, run_copy_command

MARK_PARTS = {"docProps/custom.xml", "_rels/.rels", "[Content_Types].xml"}  # where app.provenance puts its mark
W_P, W_TBL, W_TR, W_TC, W_T = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:t")
START, END, REFERENCE = qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference")
OPEN_FILL = "FFC7CE"
DOCX_LAYOUTS = ["docx_template", "docx_plain", "docx_numbered", "docx_split_t3"]
XLSX_LAYOUTS = ["xlsx_per_table", "xlsx_one_sheet"]
YEAR_SENTENCE = "2022年，示例市生态环境局深入贯彻落实《条例》。"
CLAIM_SENTENCE = "全年共收到政府信息公开申请15件，均按期答复。"


# ---------------------------------------------------------------- reading the comments back

def annotate(capsys, path: Path, *options: str) -> tuple[int, str, str]:
    """Exit status, stdout, stderr of `annotate path options…`; the input's bytes must not change."""
    return run_copy_command(capsys, "annotate", path, *options)


def annotated(capsys, path: Path) -> Path:
    status, out, err = annotate(capsys, path)
    assert status == 0, err
    output = Path(default_output(str(path), CopyKind.ANNOTATED))
    assert output.name.endswith(f"（批注版）{path.suffix}") and f"已保存批注版：{output}" in out
    return output


def _grid_col(tc) -> int:
    """The grid column where a w:tc starts."""
    before = tc.getparent().find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    col = int(before.get(qn("w:val"))) if before is not None else 0
    for sibling in tc.itersiblings(preceding=True):
        if sibling.tag == W_TC:
            span = sibling.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            col += int(span.get(qn("w:val"))) if span is not None else 1
    return col


def docx_comments(path: Path) -> list[dict]:
    """Each comment: id, text, author, date, where (DocxCell / DocxParagraph of its start) and the text it covers."""
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(qn("w:body"))
    blocks = list(iter_body_blocks(body))
    paragraphs = [b for b in blocks if b.tag == W_P]
    tables = [b for b in blocks if b.tag == W_TBL]
    covered: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    where = {}
    for el in body.iter():
        cid = el.get(qn("w:id"))
        if el.tag == START:
            open_ids.add(cid)
            covered[cid] = []
            top_tc = [a for a in el.iterancestors(W_TC) if a.getparent().getparent() in tables]
            if top_tc:
                tc = top_tc[-1]
                tr = tc.getparent()
                tbl = tr.getparent()
                where[cid] = DocxCell(tables.index(tbl), list(tbl.iterchildren(W_TR)).index(tr), _grid_col(tc))
            else:
                p = el.getparent() if el.getparent().tag == W_P else next(el.iterancestors(W_P))
                where[cid] = DocxParagraph(paragraphs.index(p))
        elif el.tag == END:
            open_ids.discard(cid)
        elif el.tag == W_T:
            for i in open_ids:
                covered[i].append(el.text or "")
    out = []
    for c in Document(str(path)).comments:
        cid = str(c.comment_id)
        out.append({"id": cid, "text": c.text, "author": c.author, "date": c.timestamp, "where": where.get(cid),
                    "covered": "".join(covered.get(cid, []))})
    return out


def workbook(path: Path):
    """The written workbook, loaded once per version of the file (the tests only read it)."""
    return _loaded_workbook(*_version(path))


def _version(path: Path) -> tuple[str, int, int]:
    """(path, modification time, size): a key that changes when the file is written again."""
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _loaded_workbook(path: str, mtime_ns: int, size: int):
    return openpyxl.load_workbook(path)


def xlsx_comments(path: Path) -> dict[SheetCell, str]:
    book = workbook(path)
    return {SheetCell(s.title, c.coordinate): c.comment.text for s in book.worksheets for row in s.iter_rows()
            for c in row if c.comment is not None}


def xlsx_fill(path: Path, where: SheetCell) -> str:
    return workbook(path)[where.sheet][where.cell].fill.fgColor.rgb[-6:]


def places(path: Path) -> dict:
    """Comment text per place (several comments on one place joined by a blank line)."""
    if path.suffix == ".xlsx":
        return xlsx_comments(path)
    out: dict = {}
    for c in docx_comments(path):
        out[c["where"]] = f"{out[c['where']]}\n\n{c['text']}" if c["where"] in out else c["text"]
    return out


def docx_shaded(path: Path, where: DocxCell) -> bool:
    """A table cell's text runs carry the open-finding shading."""
    tables = _docx_tables(*_version(path))
    tr = list(tables[where.table].iterchildren(W_TR))[where.row]
    tc = next(tc for tc in tr.iterchildren(W_TC) if _grid_col(tc) == where.col)
    fills = [shd.get(qn("w:fill")) for shd in tc.iter(qn("w:shd")) if shd.getparent().tag == qn("w:rPr")]
    return OPEN_FILL in fills


@lru_cache(maxsize=8)
def _docx_tables(path: str, mtime_ns: int, size: int) -> list:
    """The body's tables of the written .docx, parsed once per version of the file (the tests only read them)."""
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(qn("w:body"))
    return [b for b in iter_body_blocks(body) if b.tag == W_TBL]


def highlighted(path: Path, where) -> bool:
    return xlsx_fill(path, where) == OPEN_FILL if isinstance(where, SheetCell) else docx_shaded(path, where)


def stat_where(result, table: str, row: str, col: str):
    return result.report.tables[table].get(row, col).cell.where


def findings_json(path: Path) -> list[dict]:
    return [f.to_json() for f in check_file(str(path)).findings]


# ---------------------------------------------------------------- drafts

def composite():
    """One draft with a finding of each kind a clerk meets: sum, blank, invalid value, prose, year, missing part."""
    data = without_section(sample_2021(), "s5")
    data = with_cell(data, "T3", "r3_1", "natural", "6")
    data = with_cell(data, "T4", "r1", "direct_other", "约1")
    data = with_cell(data, "T3", "r3_3_1", "natural", "")
    heading, paragraphs = data.sections[0]
    data.sections[0] = (heading, [YEAR_SENTENCE + CLAIM_SENTENCE] + paragraphs[1:])
    return data


# ---------------------------------------------------------------- each finding at its place

@pytest.mark.parametrize("layout", DOCX_LAYOUTS + XLSX_LAYOUTS)
def test_every_error_and_warning_is_one_comment_at_its_place(tmp_path, capsys, layout):
    draft = build(layout, composite(), tmp_path)
    result = check_file(str(draft))
    out = annotated(capsys, draft)
    found = places(out)
    t3, t4 = result.report.tables["T3"], result.report.tables["T4"]
    period_paragraph = next(c.where for f in result.findings if f.rule == "meta.year" for c in f.cells)
    expected = {
        "value.blank": t3.get("r3_3_1", "natural").cell.where,
        "value.invalid": t4.get("r1", "direct_other").cell.where,
        "arith.row_total": t3.get("r3_1", "natural").cell.where,
        "arith.results_total": t3.get("r3_1", "natural").cell.where,
        "meta.year": period_paragraph,
        "text.number_mismatch": period_paragraph,
        "section.missing": result.report.sections["s6"].paragraph.where,
    }
    marked = [f for f in result.findings if f.severity in ("error", "warning")]
    assert {f.rule for f in marked} == set(expected)
    for f in marked:
        text = found.get(expected[f.rule], "")
        wanted = f.message if f.rule != "section.missing" else "此处缺少必备部分“五、存在的主要问题及改进情况”，应补写在本段之前"
        assert text.count(wanted) == 1, (f.rule, text)
    assert "最可能填错的是此格（现填 6）：建议改为 5" in found[expected["arith.row_total"]]
    assert findings_json(out) == findings_json(draft)  # no value or text changed


@pytest.mark.parametrize("layout", DOCX_LAYOUTS)
def test_docx_comments_cover_the_sentence_and_one_comment_per_finding(tmp_path, capsys, layout):
    draft = build(layout, composite(), tmp_path)
    result = check_file(str(draft))
    comments = docx_comments(annotated(capsys, draft))
    marked = [f for f in result.findings if f.severity in ("error", "warning")]
    assert len(comments) == len(marked)  # each finding has one place here: one comment each, none duplicated
    by_text = {c["text"].split("\n")[0]: c for c in comments}
    year = next(f for f in marked if f.rule == "meta.year")
    claim = next(f for f in marked if f.rule == "text.number_mismatch")
    assert by_text[year.message]["covered"] == YEAR_SENTENCE
    assert by_text[claim.message]["covered"] == CLAIM_SENTENCE
    blank = next(c for c in comments if c["text"].startswith(next(f.message for f in marked if f.rule == "value.blank")))
    assert blank["covered"] == ""  # an empty cell: a point comment, no text added


@pytest.mark.parametrize("layout", DOCX_LAYOUTS + XLSX_LAYOUTS)
@pytest.mark.parametrize(("row", "col", "wrong", "right"), [
    pytest.param("r3_1", "natural", "6", 5, id="leaf"),
    pytest.param("r3_7", "natural", "9", 10, id="results-total"),
    pytest.param("r4", "commercial", "1", 0, id="carried-over"),
])
def test_broken_sums_are_commented_on_the_most_likely_wrong_cell(tmp_path, capsys, layout, row, col, wrong, right):
    draft = build(layout, with_cell(sample_2021(), "T3", row, col, wrong), tmp_path)
    result = check_file(str(draft))
    out = annotated(capsys, draft)
    found = places(out)
    suspect = stat_where(result, "T3", row, col)
    broken = [f for f in result.findings if f.rule in ("arith.balance", "arith.results_total", "arith.row_total")]
    assert broken
    for f in broken:
        assert found[suspect].count(f.message) == 1
        for ref in f.cells:
            assert highlighted(out, ref.where), ref  # the other operands are highlighted
    assert found[suspect].count(f"建议改为 {right}") == len(broken)
    assert set(found) == {suspect}


@pytest.mark.parametrize("layout", ["docx_plain", "docx_numbered", "xlsx_per_table"])
@pytest.mark.parametrize(("missing", "before"), [("s2", "s3"), ("s5", "s6"), ("s1", "s2")])
def test_missing_section_comment_stands_on_the_next_heading(tmp_path, capsys, layout, missing, before):
    draft = build(layout, without_section(sample_2021(), missing), tmp_path)
    result = check_file(str(draft))
    found = places(annotated(capsys, draft))
    heading = result.report.sections[before].paragraph.where
    assert list(found) == [heading]
    assert found[heading].startswith("此处缺少必备部分“") and "应补写在本段之前" in found[heading]


@pytest.mark.parametrize("layout", ["docx_plain", "xlsx_per_table", "xlsx_one_sheet"])
def test_missing_last_section_comment_stands_on_the_signature(tmp_path, capsys, layout):
    data = without_section(sample_2021(), "s6")
    draft = build(layout, data, tmp_path)
    result = check_file(str(draft))
    found = places(annotated(capsys, draft))
    signature = next(p.where for p in result.report.draft.paragraphs if p.text.strip() == data.agency)
    assert found == {signature: "此处缺少必备部分“六、其他需要报告的事项”，应补写在本段之前。"}


@pytest.mark.parametrize("layout", ["docx_plain", "xlsx_per_table"])
def test_missing_table_is_commented_on_its_section_heading(tmp_path, capsys, layout):
    data = sample_2021()
    data.omit_tables = frozenset({"T4"})
    draft = build(layout, data, tmp_path)
    result = check_file(str(draft))
    found = places(annotated(capsys, draft))
    heading = result.report.sections["s4"].paragraph.where
    assert list(found) == [heading] and found[heading].startswith("缺少表四")


@pytest.mark.parametrize("layout", ["docx_plain", "xlsx_per_table"])
def test_stale_period_is_commented_on_its_sentence(tmp_path, capsys, layout):
    data = sample_2021()
    data.preamble = [f"本报告由示例市生态环境局编制。{period_sentence(2022)}", data.preamble[1]]
    draft = build(layout, data, tmp_path)
    result = check_file(str(draft))
    period = next(f for f in result.findings if f.rule == "meta.period")
    out = annotated(capsys, draft)
    if layout.startswith("docx"):
        (comment,) = docx_comments(out)
        assert comment["where"] == period.cells[0].where and comment["covered"] == period_sentence(2022)
    else:
        assert places(out) == {period.cells[0].where: period.message}


@pytest.mark.parametrize("layout", ["docx_plain", "xlsx_per_table", "xlsx_one_sheet"])
def test_finding_without_a_place_goes_on_the_title(tmp_path, capsys, layout):
    data = sample_2021()
    data.preamble = data.preamble[1:]  # no statistics-period sentence: a warning that names no cell
    draft = build(layout, data, tmp_path)
    result = check_file(str(draft))
    (finding,) = [f for f in result.findings if f.severity != "info"]
    assert finding.rule == "meta.period" and not finding.cells and not finding.section
    found = places(annotated(capsys, draft))
    assert found == {result.report.title.where: finding.message}
    if layout.startswith("xlsx"):
        assert result.report.title.where.cell == "A1"


@pytest.mark.parametrize("layout", ["docx_plain", "xlsx_per_table"])
def test_sections_out_of_order_and_titles_are_commented_on_the_heading(tmp_path, capsys, layout):
    data = sample_2021()
    data.sections[4], data.sections[5] = data.sections[5], data.sections[4]
    data.sections[3] = ("四、关于复议和诉讼", data.sections[3][1])
    draft = build(layout, data, tmp_path)
    result = check_file(str(draft))
    found = places(annotated(capsys, draft))
    for f in result.findings:
        if f.rule in ("section.order", "section.title"):
            assert f.message in found[result.report.sections[f.section].paragraph.where]


# ---------------------------------------------------------------- ambiguous sums

@pytest.mark.parametrize("layout", ["docx_plain", "docx_template", "xlsx_per_table", "xlsx_one_sheet"])
@pytest.mark.parametrize("command", ["annotate", "fix"])
def test_ambiguous_sums_get_candidate_comments_and_no_value_changes(tmp_path, capsys, layout, command):
    data = with_cell(with_cell(sample_2021(), "T3", "r3_1", "natural", "6"), "T3", "r3_2", "commercial", "1")
    draft = build(layout, data, tmp_path)
    result = check_file(str(draft))
    status = main([command, str(draft)])
    assert status == 0
    capsys.readouterr()
    out = Path(default_output(str(draft), CopyKind.ANNOTATED if command == "annotate" else CopyKind.CORRECTED))
    found = places(out)
    candidates = {("r3_1", "natural"): 5, ("r3_2", "commercial"): 0, ("r3_2", "natural"): 1, ("r3_1", "commercial"): 0}
    for (row, col), value in candidates.items():
        text = found[stat_where(result, "T3", row, col)]
        assert text.startswith(f"若此格有误应为 {value}（同时") and "另一可能：" in text
    assert len(found) == len(candidates)
    assert findings_json(out) == findings_json(draft)


# ---------------------------------------------------------------- well-formed for Word, nothing else changed

def test_docx_comments_are_well_formed_for_word(tmp_path, capsys):
    draft = build("docx_plain", composite(), tmp_path)
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    out = annotated(capsys, draft)
    package = zipfile.ZipFile(out)
    rels = package.read("word/_rels/document.xml.rels").decode()
    assert re.search(r'Type="[^"]+/comments" Target="comments.xml"', rels)
    assert '<Override PartName="/word/comments.xml"' in package.read("[Content_Types].xml").decode()
    body = etree.fromstring(package.read("word/document.xml"))
    starts = [el.get(qn("w:id")) for el in body.iter(START)]
    ends = [el.get(qn("w:id")) for el in body.iter(END)]
    references = [el.get(qn("w:id")) for el in body.iter(REFERENCE)]
    assert len(set(starts)) == len(starts) and sorted(starts) == sorted(ends) == sorted(references)
    for end in body.iter(END):
        reference = end.getnext()
        assert reference.tag == qn("w:r") and reference.find(REFERENCE).get(qn("w:id")) == end.get(qn("w:id"))
    comments = docx_comments(out)
    assert sorted(c["id"] for c in comments) == sorted(starts)
    assert {c["author"] for c in comments} == {"年报检查"}
    dates = {c["date"] for c in comments}
    assert len(dates) == 1 and before <= dates.pop() <= before + datetime.timedelta(minutes=1)


def _canonical(body) -> bytes:
    """The body without comment markers and open-finding shading, adjacent runs of equal look merged."""
    for el in list(body.iter(START, END)):
        el.getparent().remove(el)
    for run in [r for r in body.iter(qn("w:r")) if r.find(REFERENCE) is not None]:
        run.getparent().remove(run)
    for shd in [s for s in body.iter(qn("w:shd")) if s.get(qn("w:fill")) == OPEN_FILL]:
        r_pr = shd.getparent()
        r_pr.remove(shd)
        if not len(r_pr):
            r_pr.getparent().remove(r_pr)
    for p in body.iter(W_P):
        runs = [r for r in p if r.tag == qn("w:r")]
        for a, b in zip(runs, runs[1:]):
            look = [etree.tostring(r.find(qn("w:rPr")), method="c14n") if r.find(qn("w:rPr")) is not None else b""
                    for r in (a, b)]
            texts = [[c for c in r if c.tag != qn("w:rPr")] for r in (a, b)]
            if a.getnext() is b and look[0] == look[1] and all(len(t) == 1 and t[0].tag == W_T for t in texts):
                texts[1][0].text = texts[0][0].text + texts[1][0].text
                p.remove(a)
    return etree.tostring(body, method="c14n")


@pytest.mark.parametrize("layout", ["docx_template", "docx_numbered"])
def test_docx_annotated_copy_differs_only_by_comments_and_shading(tmp_path, capsys, layout):
    draft = build(layout, composite(), tmp_path)
    decorate(draft)
    out = annotated(capsys, draft)
    src, dst = zipfile.ZipFile(draft), zipfile.ZipFile(out)
    assert set(dst.namelist()) == set(src.namelist()) | {"word/comments.xml", "docProps/custom.xml"}
    for name in set(src.namelist()) - {"word/document.xml", "word/_rels/document.xml.rels", *MARK_PARTS}:
        assert src.read(name) == dst.read(name), name
    before = etree.fromstring(src.read("word/document.xml")).find(qn("w:body"))
    after = etree.fromstring(dst.read("word/document.xml")).find(qn("w:body"))
    assert [paragraph_text(p) for p in after.iter(W_P)] == [paragraph_text(p) for p in before.iter(W_P)]
    assert _canonical(after) == _canonical(before)


def test_xlsx_annotated_copy_keeps_values_formulas_merges_and_validation(tmp_path, capsys):
    draft = decorated_xlsx(tmp_path, with_cell(sample_2021(), "T3", "r3_3_1", "natural", "7"))
    out = annotated(capsys, draft)
    assert all_values(out) == all_values(draft)
    old, new = openpyxl.load_workbook(draft), openpyxl.load_workbook(out)
    assert new.sheetnames == old.sheetnames
    for name in old.sheetnames:
        assert sorted(map(str, new[name].merged_cells.ranges)) == sorted(map(str, old[name].merged_cells.ranges))
    assert new["表三"].column_dimensions["C"].width == 42
    assert [str(v.sqref) for v in new["表三"].data_validations.dataValidation] == ["D4:J30"]
    comments = xlsx_comments(out)
    assert comments and all(c.author == "年报检查" for s in new.worksheets for r in s.iter_rows() for c in
                            (cell.comment for cell in r) if c is not None)


def test_clean_draft_gives_a_copy_identical_but_for_the_tools_mark(tmp_path, capsys):
    draft = build("docx_plain", sample_2021(), tmp_path)
    status, out, _ = annotate(capsys, draft)
    assert status == 0 and "没有发现错误或警告" in out
    copy = Path(default_output(str(draft), CopyKind.ANNOTATED))
    src, dst = zipfile.ZipFile(draft), zipfile.ZipFile(copy)
    assert set(dst.namelist()) == set(src.namelist()) | {"docProps/custom.xml"}
    assert all(src.read(name) == dst.read(name) for name in set(src.namelist()) - MARK_PARTS)
    assert origin_of(str(copy)).kind == "批注版"


# ---------------------------------------------------------------- nothing lost

def test_existing_output_is_kept_without_force(tmp_path, capsys):
    draft = build("docx_plain", composite(), tmp_path)
    output = Path(default_output(str(draft), CopyKind.ANNOTATED))
    output.write_bytes(b"keep me")
    status, _, err = annotate(capsys, draft)
    assert status == 2 and "已存在" in err and "--force" in err and output.read_bytes() == b"keep me"
    status, _, _ = annotate(capsys, draft, "--force")
    assert status == 0 and docx_comments(output)


def test_output_onto_the_input_is_refused(tmp_path, capsys):
    draft = build("xlsx_per_table", composite(), tmp_path)
    status, _, err = annotate(capsys, draft, "-o", str(draft), "--force")
    assert status == 2 and "批注版不能保存到原文件上" in err


def _refuse(*_args, **_kwargs):
    raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize("layout", ["docx_plain", "xlsx_per_table"])
@pytest.mark.parametrize(("patched", "words"), [
    pytest.param((tempfile, "mkstemp"), "只读或无权限", id="read-only-folder"),
    pytest.param((os, "replace"), "正在 Word/WPS/Excel 中打开", id="target-open-in-word"),
])
def test_unwritable_target_gives_chinese_reason_and_exit_2(tmp_path, capsys, monkeypatch, layout, patched, words):
    draft = build(layout, composite(), tmp_path)
    monkeypatch.setattr(*patched, _refuse)
    status, _, err = annotate(capsys, draft)
    assert status == 2 and words in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [draft.name]


def test_unreadable_input_exit_2(tmp_path, capsys):
    draft = tmp_path / "draft.xlsx"
    draft.write_text("这不是 Excel 文件", encoding="utf-8")
    status, _, err = annotate(capsys, draft)
    assert status == 2 and "无法读取" in err


def test_annotate_is_a_command():
    assert "annotate" in COMMANDS


# ---------------------------------------------------------------- the API the window uses

def test_save_corrected_applies_only_the_chosen_fixes_and_comments_the_rest(tmp_path):
    data = with_cell(with_cell(sample_2021(), "T3", "r3_3_1", "natural", ""), "T4", "r1", "review_total", "0")
    draft = build("xlsx_per_table", data, tmp_path)
    result = check_file(str(draft))
    suspect = next(f for f in result.findings if f.rule == "arith.suspect_cell")
    out = tmp_path / "修正.xlsx"
    plan = save_corrected(result, str(out), chosen=[suspect])
    assert isinstance(plan, FixPlan) and [c.stat.col for c in plan.cells] == ["review_total"]
    blank = stat_where(result, "T3", "r3_3_1", "natural")
    book = openpyxl.load_workbook(out)
    assert book[blank.sheet][blank.cell].value is None  # the fill_zero was not chosen: left, and commented
    assert "按 0 核对" in book[blank.sheet][blank.cell].comment.text
    assert any(line.startswith("待人工处理：") and "按 0 核对" in line for line in describe(plan, result.report))
    with pytest.raises(WriteRefused, match="已存在"):
        save_corrected(result, str(out))
    everything = save_corrected(result, str(out), overwrite=True)
    assert len(everything.cells) == 2 and not everything.left_open


def test_save_annotated_returns_its_plan_and_refuses_the_input(tmp_path):
    draft = build("docx_plain", composite(), tmp_path)
    result = check_file(str(draft))
    plan = save_annotated(result, default_output(str(draft), CopyKind.ANNOTATED))
    assert isinstance(plan, AnnotationPlan) and plan.comments == 7 and len(plan.lines) == 7
    with pytest.raises(WriteRefused, match="不能保存到原文件上"):
        save_annotated(result, str(draft), overwrite=True)
    assert default_output("a/报告.docx", CopyKind.ANNOTATED) == "a/报告（批注版）.docx"
    assert default_output("a/报告.xlsx", CopyKind.CORRECTED) == "a/报告（修正版）.xlsx"


def test_the_plan_is_complete_before_writing_and_writers_leave_it_alone(tmp_path):
    path = tmp_path / "one.xlsx"
    write_xlsx_one_sheet(without_section(sample_2021(), "s4"), path)
    result = check_file(str(path))
    plan = plan_fixes(result.report, result.findings)
    (insert,) = [i for i in plan.inserts if isinstance(i, SectionInsert)]
    assert insert.appended  # decided by the planner: merged prose rows cannot shift
    snapshot = repr(plan)
    save_corrected(result, str(tmp_path / "out.xlsx"))
    assert repr(plan) == snapshot


# ---------------------------------------------------------------- LibreOffice shows the comments

def _pdf_comments(pdf: Path) -> list[str]:
    """The text annotations of a PDF LibreOffice wrote (hex UTF-16 /Contents strings)."""
    data = pdf.read_bytes()
    return [bytes.fromhex(m.group(1).decode()).decode("utf-16-be").lstrip("\ufeff")
            for m in re.finditer(rb"/Subtype /Text .*?/Contents <([0-9A-F]+)>", data, re.S)]


@pytest.mark.soffice
def test_libreoffice_converts_both_annotated_copies_with_their_comments(tmp_path, capsys):
    outputs = [annotated(capsys, build(layout, composite(), tmp_path)) for layout in ("docx_plain", "xlsx_per_table")]
    notes = '{"ExportNotes":{"type":"boolean","value":"true"}}'
    for output, flt in zip(outputs, ("writer_pdf_Export", "calc_pdf_Export")):
        subprocess.run(["soffice", profile_option(), "--headless", "--convert-to",
                        f"pdf:{flt}:{notes}", "--outdir", str(tmp_path / "pdf"), str(output)],
                       check=False, capture_output=True, timeout=180)
        pdf = tmp_path / "pdf" / f"{output.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000
        shown = "\n".join(_pdf_comments(pdf))
        for text in places(output).values():
            assert text.split("\n")[0][:30] in shown


# ---------------------------------------------------------------- odd and hostile drafts

# The cases whose annotated copy is written are annotated by tests/test_hostile.py, in a bounded process of their own,
# which reads the copy's comments back; here, the rest: refused, published, or with values that cannot be read.
@pytest.mark.parametrize("name", [name for name, case in CASES.items() if not case.fix_saves])
def test_hostile_draft_is_annotated_or_refused_in_chinese(tmp_path, capsys, name):
    case = CASES[name]
    draft = case.write(tmp_path)
    status, out, err = annotate(capsys, draft)
    if case.ext in (".html", ".htm", ".pdf"):  # a published report: no annotated copy, whatever is inside
        assert status == 2 and "Word/Excel 草稿" in err and not list(tmp_path.glob("*批注版*"))
        return
    if case.outcome == "refused":
        assert status == 2 and "无法读取" in err
        return
    assert status == 0, err
    output = Path(default_output(str(draft), CopyKind.ANNOTATED))
    comments = places(output)  # reopens in python-docx / openpyxl
    if case.outcome == "planted":
        assert any("建议改为 5" in text or "建议改为 2" in text for text in comments.values()), comments
