"""A published web page or PDF in the window: shown like a draft with its marks, findings and places linked both
ways, no corrected or annotated copy offered; a folder of pages and PDFs is a batch paired across formats."""
from __future__ import annotations

import pytest

from tests.fixtures.datasets import hongze_2023, huaian_2024
from tests.fixtures.web_pages import print_view, write_mhtml, write_page
from tests.ui.helpers import click, open_and_wait, visible_in
from ui.findings_model import IndexRole


def test_a_page_is_shown_with_marks_and_no_copy_to_save(qtbot, window, tmp_path):
    page = write_page(hongze_2023(), tmp_path / "洪泽2023.htm", "gb2312")
    open_and_wait(qtbot, window, page)
    text = window.view.toPlainText()
    assert "0 → 11" in text and "0 → 5" in text  # the two 表四 totals, most likely wrong
    assert "索引号" not in text and "打印本页" not in text
    assert window.panel.verdict.text().startswith("不通过")
    assert not window.actions["save_corrected"].isEnabled() and not window.actions["save_annotated"].isEnabled()
    assert window.actions["print"].isEnabled() and window.actions["export_xlsx"].isEnabled()


def test_findings_and_places_of_a_page_jump_both_ways(qtbot, window, tmp_path):
    open_and_wait(qtbot, window, write_mhtml(hongze_2023(), tmp_path / "洪泽2023.mhtml"))
    window.resize(1100, 600)
    findings = window.draft.session.result.findings
    suspect = next(i for i, f in enumerate(findings) if f.rule == "arith.suspect_cell")
    anchor = window.view.rendered.target[suspect]
    window.view.verticalScrollBar().setValue(0)
    row = window.panel.row_of(suspect)
    window.panel.tree.scrollTo(row)
    click(qtbot, window.panel.tree.viewport(), window.panel.tree.visualRect(row).center())
    assert visible_in(window.view, anchor)
    window.panel.tree.clearSelection()
    click(qtbot, window.view.viewport(), window.view.place_rect(anchor).center())
    selected = {i.data(IndexRole) for i in window.panel.tree.selectionModel().selectedIndexes()}
    assert suspect in selected


@pytest.mark.soffice
def test_a_folder_of_pages_and_pdfs_is_a_batch_paired_across_formats(qtbot, window, tmp_path):
    """Last year's page beside this year's PDF (the 2024 page printed to PDF by the same page's print view)."""
    from tests.fixtures.printed_pdfs import print_to_pdf

    this_year = tmp_path / "src" / "淮安2024.html"
    this_year.parent.mkdir()
    data = huaian_2024()
    this_year.write_text(print_view(data), encoding="utf-8")
    folder = tmp_path / "folder"
    print_to_pdf([this_year], folder)
    data.year = 2023
    data.title = data.title.replace("2024", "2023")
    write_page(data, folder / "淮安2023.html")
    window.batch.interactive = False
    with qtbot.waitSignal(window.batch.batch_finished, timeout=120_000):
        window.open_batch([str(folder)])
    results = {r.file.rsplit("/", 1)[-1]: r for r in window.batch.model.results()}
    assert set(results) == {"淮安2024.pdf", "淮安2023.html"}
    assert results["淮安2024.pdf"].previous.endswith("淮安2023.html")
    assert window.batch.copies.annotated_targets(str(tmp_path / "out")) == []
