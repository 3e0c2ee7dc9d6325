"""The check summary on paper: A4 PDF with page numbers and embedded, extractable Chinese; preview; printing."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget

from app.engine import check_file
from app.presentation.location import location
from app.summary import planned_changes, to_html, verdict_line
from tests.conftest import ROOT, build, check_built
from tests.fixtures.data import with_cell, without_section
from tests.fixtures.datasets import sample_2021
from ui import printing

POPPLER = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdffonts") and shutil.which("pdftoppm")),
                             reason="needs poppler-utils")
BLANK_ROWS = [f"r3_3_{i}" for i in range(1, 9)] + [f"r3_5_{i}" for i in range(1, 6)]


@pytest.fixture
def long_result(tmp_path):
    """A draft with broken sums, a missing part and some 80 blank cells: a summary of several pages."""
    data = without_section(with_cell(sample_2021(), "T3", "r3_1", "natural", "6"), "s5")
    data = with_cell(data, "T4", "r1", "review_total", "0")
    for row in BLANK_ROWS:
        for col in ("natural", "commercial", "research", "public_welfare", "legal_service", "other_org"):
            data.t3.pop((row, col), None)
    return check_file(str(build("docx_plain", data, tmp_path, "长草稿")))


def summary_html(results) -> str:
    return to_html(results, plans=planned_changes(results))


def poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@POPPLER
def test_pdf_is_a4_numbered_with_the_cjk_font_embedded_and_every_location_extractable(qapp, tmp_path, long_result):
    path = tmp_path / "摘要.pdf"
    plans = planned_changes([long_result])
    printing.write_pdf(to_html([long_result], plans=plans), str(path))
    info = poppler("pdfinfo", str(path))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3 and re.search(r"Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)", info)
    fonts = poppler("pdffonts", str(path)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb column
    assert any(re.search(r"WenQuanYi|YaHei|SimSun|Noto|Droid|Hei|Song", line) for line in fonts), fonts
    text = poppler("pdftotext", "-raw", str(path), "-")
    flat = squeezed(text)
    assert squeezed(f"检查结论：{verdict_line(long_result)}") in flat
    for f in long_result.findings:
        assert squeezed(location(f, long_result.report)) in flat, location(f, long_result.report)
    for line in plans[long_result.file]:  # the end of a long document is laid out and printed too
        assert squeezed(line) in flat, line
    assert "审核人：" in text and text.count("审核人：") == 1
    for page in range(1, pages + 1):
        assert f"第 {page} 页，共 {pages} 页" in text


@POPPLER
def test_the_verdict_box_is_coloured_on_the_page(qapp, tmp_path, long_result):
    path = tmp_path / "摘要.pdf"
    printing.write_pdf(summary_html([long_result]), str(path))
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    from PySide6.QtGui import QColor, QImage
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert QColor("#f9cccc").name() in colours  # the red verdict box and error cells


def test_no_table_row_or_heading_is_split_across_pages(qapp, long_result):
    html = summary_html([long_result])
    device = printing._layout_device()
    for height in range(600, 1100, 23):  # some page height splits a row; keep_together must mend every one
        doc = printing._document(html, device)
        doc.setPageSize(QSizeF(640, height))
        if printing.first_split(doc) is not None:
            break
    else:
        pytest.fail("no page height split a row: the test proves nothing")
    pages = doc.pageCount()
    printing.keep_together(doc)
    assert printing.first_split(doc) is None
    assert pages <= doc.pageCount() <= pages * 1.3  # a moved row leaves less than half a page blank


def test_several_drafts_start_each_on_its_own_page(qapp, tmp_path, long_result):
    clean = check_built(sample_2021(), tmp_path, "干净")
    html = summary_html([long_result, clean])
    docs, _device = printing.paginate(html, QSizeF(640, 900))
    assert len(docs) == 3  # the table of drafts, then one document per draft
    firsts = [doc.begin() for doc in docs]
    assert [b.text() for b in firsts] == ["政府信息公开工作年度报告草稿检查汇总"] + ["政府信息公开工作年度报告草稿检查摘要"] * 2
    assert all(doc.documentLayout().blockBoundingRect(b).top() < 20 for doc, b in zip(docs, firsts))  # no blank page
    path = tmp_path / "几份.pdf"
    printing.write_pdf(html, str(path))
    assert len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes())) >= len(docs) + 2  # the long draft: 3+ pages


def test_write_pdf_is_atomic_and_refuses_a_missing_folder(qapp, tmp_path, long_result):
    target = tmp_path / "摘要.pdf"
    target.write_bytes(b"old")
    printing.write_pdf(summary_html([long_result]), str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".~")]  # no temporary file left
    with pytest.raises(printing.WriteRefused):
        printing.write_pdf("<p>x</p>", str(tmp_path / "没有的文件夹" / "a.pdf"))


def test_preview_lays_out_the_same_pages(qapp, qtbot, tmp_path, long_result):
    html = summary_html([long_result])
    path = tmp_path / "摘要.pdf"
    printing.write_pdf(html, str(path))
    dialog = printing.preview_dialog(None, html)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.paintRequested, timeout=10000):
        dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    pdf_pages = len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))
    assert pdf_pages >= 3 and widget.pageCount() == pdf_pages
    assert dialog.windowTitle().startswith("打印预览")


def test_print_html_prints_when_accepted_and_not_when_cancelled(qapp, tmp_path, long_result, monkeypatch):
    out = tmp_path / "打印.pdf"

    def printer(html):
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setPageLayout(printing.page_layout())
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(out))
        return p
    monkeypatch.setattr(printing, "_printer", printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Rejected)
    assert printing.print_html(None, summary_html([long_result])) is False and not out.exists()
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    assert printing.print_html(None, summary_html([long_result])) is True
    assert out.read_bytes().startswith(b"%PDF")


@POPPLER
def test_command_line_pdf_without_a_display(tmp_path, long_result):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    target = tmp_path / "摘要.pdf"
    out = subprocess.run([sys.executable, "-m", "app", "check", long_result.file, "--format", "pdf",
                          "--output", str(target)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert f"已保存检查摘要：{target}" in out.stdout
    assert squeezed(verdict_line(long_result)) in squeezed(poppler("pdftotext", "-raw", str(target), "-"))
