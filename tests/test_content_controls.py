"""Content controls (w:sdt) and custom XML around rows, cells and paragraphs: read through, never written over.

Offices' templates wrap table rows, cells or a cell's text in content controls. The reader must see the numbers
inside them, and `fix` must never write over content it did not read (it re-reads each place before changing it).
"""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from app.draft.docx_reader import cell_columns, cell_paragraphs, iter_body_blocks, literal_text, table_rows
from app.engine import check_file
from app.fix.save import save_corrected
from tests.fixtures.data import with_cell
from tests.fixtures.datasets import sample_2021
from tests.fixtures.docx_builders import write_docx_built

W_TBL, W_TR, W_TC, W_P = qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:p")


def _wrap(element, tag: str = "w:sdt") -> None:
    """Put element inside a content control (w:sdt/w:sdtContent) or a w:customXml, where it stands."""
    if tag == "w:sdt":
        outer = etree.Element(qn("w:sdt"))
        etree.SubElement(etree.SubElement(outer, qn("w:sdtPr")), qn("w:tag")).set(qn("w:val"), "填报")
        inner = etree.SubElement(outer, qn("w:sdtContent"))
    else:
        outer = inner = etree.Element(qn("w:customXml"))
        outer.set(qn("w:element"), "统计")
    element.addprevious(outer)
    inner.append(element)


def _rewrite(path: Path, edit) -> None:
    """Apply edit(body) to word/document.xml of the .docx at path."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i)) for i in z.infolist()]
    out = path.with_suffix(".tmp")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                edit(root.find(qn("w:body")))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            z.writestr(info, data)
    shutil.move(out, path)


def _controlled(body) -> None:
    """表二's cell paragraphs, 表三's rows (every other one as custom XML) and 表四's cells in content controls."""
    t2, t3, t4 = [el for el in iter_body_blocks(body) if el.tag == W_TBL][:3]
    for tc in t2.iter(W_TC):
        for p in list(tc.iterchildren(W_P)):
            _wrap(p)
    for k, tr in enumerate(list(t3.iterchildren(W_TR))[3:]):
        _wrap(tr, "w:sdt" if k % 2 else "w:customXml")
    for tc in [tc for tr in t4.iterchildren(W_TR) for tc in tr.iterchildren(W_TC)]:
        _wrap(tc)


def _findings(path: Path) -> list[tuple]:
    result = check_file(str(path))
    assert result.error is None
    return sorted((f.rule, f.table, f.row, f.col) for f in result.findings)


def _cell_texts(path: Path) -> list[list[str]]:
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(qn("w:body"))
    return [[literal_text(tr)] for tbl in iter_body_blocks(body) if tbl.tag == W_TBL for tr in table_rows(tbl)]


def test_content_controls_are_read_through(tmp_path):
    plain, controlled = tmp_path / "plain.docx", tmp_path / "controlled.docx"
    write_docx_built(sample_2021(), plain)
    shutil.copy(plain, controlled)
    _rewrite(controlled, _controlled)
    assert _findings(controlled) == _findings(plain)
    report = check_file(str(controlled)).report
    assert str(report.tables["T3"].get("r1", "natural").value.number) == sample_2021().t3[("r1", "natural")]
    assert len(report.tables["T3"].rows) == 25 and len(report.tables["T4"].cells) == 15


def test_fix_inside_content_controls_changes_only_the_blank_cell(tmp_path):
    src = tmp_path / "blank.docx"
    write_docx_built(with_cell(sample_2021(), "T3", "r3_1", "commercial", ""), src)
    _rewrite(src, _controlled)
    before = _cell_texts(src)
    out = tmp_path / "out.docx"
    plan = save_corrected(check_file(str(src)), str(out))
    assert [c.label for c in plan.cells] == ["表三“（一）予以公开”行“商业企业”栏"]
    after = _cell_texts(out)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(changed) == 1  # the one row holding the blank cell; every number inside the controls kept
    assert len(changed[0][1][0]) == len(changed[0][0][0]) + len(str(plan.cells[0].new))  # … which gained its value


def test_a_place_that_no_longer_holds_what_was_read_is_not_changed(tmp_path):
    src = tmp_path / "blank.docx"
    write_docx_built(with_cell(sample_2021(), "T3", "r3_1", "commercial", ""), src)
    result = check_file(str(src))  # the engine read the cell as blank …
    fill = next(f for f in result.findings if f.rule == "value.blank")
    where = fill.cells[0].where

    def type_a_number(body) -> None:  # … then the clerk typed 7 into it before the copy was saved
        tbl = [el for el in iter_body_blocks(body) if el.tag == W_TBL][where.table]
        tr = table_rows(tbl)[where.row]
        tc = next(tc for col, _, tc in cell_columns(tbl, tr) if col == where.col)
        p = next(cell_paragraphs(tc))
        run = etree.SubElement(p, qn("w:r"))
        etree.SubElement(run, qn("w:t")).text = "7"

    _rewrite(src, type_a_number)
    out = tmp_path / "out.docx"
    plan = save_corrected(result, str(out))
    assert not plan.cells
    assert any("不一致" in line and "“7”" in line for line in plan.left_open)
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
        body = etree.fromstring(z.read("word/document.xml")).find(qn("w:body"))
    assert "未修改此格" in comments
    tbl = [el for el in iter_body_blocks(body) if el.tag == W_TBL][where.table]
    tc = next(tc for col, _, tc in cell_columns(tbl, table_rows(tbl)[where.row]) if col == where.col)
    assert literal_text(tc) == "7"
