"""保存修正版 applies exactly the ticked fixes to a copy; the printed summary holds the verdict and every location."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt

from app.engine import check_file
from app.presentation.location import location
from tests.ui.helpers import open_and_wait
from ui.findings_model import FindingRole


def _row_of_rule(window, rule: str, table: str | None = None):
    for i, f in enumerate(window.draft.session.result.findings):
        if f.rule == rule and (table is None or f.table == table):
            return window.panel.model.index_of(i)
    raise AssertionError(rule)


def test_save_corrected_applies_exactly_the_ticked_fixes(qtbot, window, sample_docx, tmp_path):
    open_and_wait(qtbot, window, sample_docx)
    t4_fix = _row_of_rule(window, "arith.suspect_cell", "T4")
    window.panel.model.setData(t4_fix, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert t4_fix.data(FindingRole) not in window.draft.session.chosen()
    before = sample_docx.read_bytes()
    out = tmp_path / "修正版.docx"
    assert window.copies.save_corrected(str(out)) == str(out)
    assert sample_docx.read_bytes() == before  # never the original
    copy = check_file(str(out))
    t3, t4 = copy.report.tables["T3"], copy.report.tables["T4"]
    assert t3.get("r3_1", "total").value.amount == 6  # ticked: applied
    assert t4.get("r1", "review_total").value.amount == 0  # unticked: left as it was
    assert "s5" in copy.report.sections  # 五 inserted (ticked by default)
    rules = {f.rule for f in copy.findings}
    assert "arith.row_total" not in rules and "arith.group_total" in rules
    assert window.info_bar.isVisible() and str(out) in window.info_bar.label.text()


def test_save_corrected_never_writes_onto_the_original_and_asks_before_replacing(qtbot, window, sample_docx,
                                                                                  tmp_path, monkeypatch):
    open_and_wait(qtbot, window, sample_docx)
    before = sample_docx.read_bytes()
    assert window.copies.save_corrected(str(sample_docx), overwrite=True) is None
    assert sample_docx.read_bytes() == before and window.errors
    existing = tmp_path / "已有.docx"
    existing.write_bytes(b"keep")
    asked = []
    monkeypatch.setattr(window.copies, "_confirm_overwrite", lambda path: asked.append(path) or False)
    assert window.copies.save_corrected(str(existing)) is None
    assert asked == [str(existing)] and existing.read_bytes() == b"keep"
    monkeypatch.setattr(window.copies, "_confirm_overwrite", lambda path: True)
    assert window.copies.save_corrected(str(existing)) == str(existing)
    assert check_file(str(existing)).error is None


def test_default_name_of_the_corrected_copy(qtbot, window, sample_docx, monkeypatch):
    open_and_wait(qtbot, window, sample_docx)
    offered = []
    monkeypatch.setattr(window.copies, "_ask_save_path", lambda title, default, *rest: offered.append(default) or "")
    window.actions["save_corrected"].trigger()
    window.actions["save_annotated"].trigger()
    assert offered == [str(sample_docx.with_name("示例_2024年政府信息公开工作年度报告（修正版）.docx")),
                       str(sample_docx.with_name("示例_2024年政府信息公开工作年度报告（批注版）.docx"))]


def test_save_annotated_changes_no_value(qtbot, window, sample_xlsx, tmp_path):
    open_and_wait(qtbot, window, sample_xlsx)
    out = tmp_path / "批注版.xlsx"
    assert window.copies.save_annotated(str(out)) == str(out)
    copy = check_file(str(out))
    assert [f.key for f in copy.findings] == [f.key for f in check_file(str(sample_xlsx)).findings]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_printed_summary_holds_verdict_and_every_location(qtbot, window, sample_docx, tmp_path):
    open_and_wait(qtbot, window, sample_docx)
    pdf = tmp_path / "检查报告.pdf"
    assert window.copies.export_summary("pdf", str(pdf)) == str(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    flat = "".join(text.split())
    assert "不通过" in flat
    for f in window.draft.session.visible():
        assert "".join(location(f, window.draft.session.result.report).split()) in flat, f.message
    assert "审核人" in flat


def test_ignored_findings_are_left_out_of_the_summary(qtbot, window, sample_docx, tmp_path):
    open_and_wait(qtbot, window, sample_docx)
    i = next(i for i, f in enumerate(window.draft.session.result.findings) if f.rule == "text.number_mismatch")
    message = window.draft.session.result.findings[i].message
    assert message in window.copies.summary_html()
    window.ignore_finding(i)
    assert message not in window.copies.summary_html()
    html = tmp_path / "检查报告.html"
    assert window.copies.export_summary("html", str(html)) == str(html)
    assert "不通过" in html.read_text(encoding="utf-8")


def test_export_excel_workbook(qtbot, window, sample_docx, tmp_path):
    from openpyxl import load_workbook
    open_and_wait(qtbot, window, sample_docx)
    out = tmp_path / "检查报告.xlsx"
    assert window.copies.export_summary("xlsx", str(out)) == str(out)
    book = load_workbook(out)
    assert len(book.sheetnames) == 2
    cells = [c.value for row in book.worksheets[1].iter_rows() for c in row if c.value]
    assert any(isinstance(v, str) and "表三" in v for v in cells)


def test_print_preview_shows_the_summary_pages(qtbot, window, sample_docx):
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from ui.printing import preview_dialog
    open_and_wait(qtbot, window, sample_docx)
    dialog = preview_dialog(window, window.copies.summary_html())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() >= 1, timeout=10000)
    # large (most of the screen), the page as wide as the preview
    area = dialog.screen().availableGeometry()
    assert dialog.width() >= 0.85 * area.width() and dialog.height() >= 0.85 * area.height()
    assert preview.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    assert dialog.findChild(QAction, "fitWidthAction").isChecked()
    dialog.close()
