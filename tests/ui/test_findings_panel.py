"""The findings panel as a clerk reads it: counts that agree with the verdict, groups of many blank cells, a
document that is no report, and a selected finding that stays legible."""
from __future__ import annotations

import os
import re

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from app.findings import Severity
from tests.fixtures.docx_builders import write_docx_built
from tests.test_grouping import with_blanks
from tests.test_not_report import meeting_notice
from tests.ui.helpers import open_and_wait
from ui.findings_model import FindingsModel, MembersRole, severity_icon
from ui.findings_panel import LOCATION_GREY, FindingDelegate


def counted(text: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r"([\u4e00-\u9fff]+) <b>(\d+)</b>", text)}


def test_category_counts_add_up_to_the_verdict_and_info_stands_apart(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    assert window.panel.verdict.text() == "不通过：4 处错误、1 处警告"
    counts = counted(window.panel.counts.text())
    info = counts.pop("另有提示")
    assert sum(counts.values()) == 5 and info == 2
    assert "不影响结论" in window.panel.counts.text()


def test_many_blank_cells_are_one_entry_expanding_to_its_cells(qtbot, window, tmp_path, qtmodeltester):
    path = tmp_path / "ten.docx"
    write_docx_built(with_blanks(10), path)
    open_and_wait(qtbot, window, path)
    assert window.panel.verdict.text() == "不通过：2 处错误、1 处警告"  # the group counts once
    tree, proxy = window.panel.tree, window.panel.visible
    values = next(proxy.index(r, 0) for r in range(proxy.rowCount()) if proxy.index(r, 0).data().startswith("数值"))
    assert values.data() == "数值（1）" and proxy.rowCount(values) == 1
    group = proxy.index(0, 0, values)
    assert group.data().startswith("表三有 10 个单元格为空") and proxy.rowCount(group) == 10
    assert not tree.isExpanded(group) and len(group.data(MembersRole)) == 10
    qtmodeltester.check(window.panel.model)
    # the group's tick applies to every cell: untick → all ten unticked, the corrected copy fills none
    assert group.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert proxy.setData(group, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not [f for f in window.draft.session.chosen() if f.rule == "value.blank"]
    # a blank cell clicked in the document selects its row inside the opened group
    cell = group.data(MembersRole)[3]
    window.panel.select_findings([cell])
    assert tree.isExpanded(group) and tree.selectionModel().isSelected(window.panel.row_of(cell))
    # 忽略 on the group hides all ten
    tree.selectionModel().select(group, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.panel.ignore_button.click()
    assert window.panel.verdict.text() == "不通过：2 处错误"
    window.grab().save(str(tmp_path / "grouped.png"))


def test_a_document_that_is_no_report_shows_the_reason_and_offers_no_fix(qtbot, window, tmp_path):
    notice = meeting_notice(tmp_path / "会议通知.docx")
    open_and_wait(qtbot, window, notice)
    panel = window.panel
    assert panel.verdict.text() == "不是年度报告" and "不通过" not in panel.verdict.text()
    assert "没有找到年度报告的标题" in panel.note.text() and panel.note.isVisible()
    assert not panel.tree.isVisible() and panel.facts.text() == "" and not panel.counts.isVisible()
    assert not window.draft.session.can_save()
    assert not window.actions["save_corrected"].isEnabled() and not window.actions["save_annotated"].isEnabled()


def test_a_selected_findings_icon_and_location_stay_legible(qtbot, window, sample_docx):
    for severity, colour in ((Severity.ERROR, "#d32f2f"), (Severity.WARNING, "#e0a100"), (Severity.INFO, "#1e6fc2")):
        selected = severity_icon(severity).pixmap(32, 32, QIcon.Mode.Selected).toImage()
        assert selected.pixelColor(16, 24).name() == colour  # not tinted with the selection's blue
    open_and_wait(qtbot, window, sample_docx)
    tree = window.panel.tree
    row = window.panel.row_of(0)
    delegate: FindingDelegate = tree.itemDelegate()
    option = QStyleOptionViewItem()
    option.font = tree.font()
    option.palette = tree.palette()
    doc = delegate._new_document(row, 300, True, option)
    white = option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText).name()
    assert f"color:{white}" in doc.toHtml().replace(" ", "") or white in doc.toHtml()
    plain = delegate._new_document(row, 300, False, option).toHtml()
    assert QColor(LOCATION_GREY).lightness() < 100 and LOCATION_GREY in plain
    assert "small" not in plain


def test_findings_model_with_groups_passes_the_model_tester(qapp, qtmodeltester, tmp_path):
    from app.engine import check_file
    from ui.session import Ignores, Session
    path = tmp_path / "ten.docx"
    write_docx_built(with_blanks(10), path)
    session = Session(str(path), Ignores())
    session.update(check_file(str(path)))
    model = FindingsModel()
    model.set_session(session)
    qtmodeltester.check(model)
    for i in range(len(session.result.findings)):
        assert model.index_of(i).data(MembersRole) == [i] or len(model.index_of(i).data(MembersRole)) > 1


def test_a_dropped_folder_passes_over_the_apps_own_copies_and_says_so(qtbot, window, tmp_path, sample_docx):
    from app.cli import main
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / sample_docx.name
    draft.write_bytes(sample_docx.read_bytes())
    assert main(["fix", str(draft)]) == 0
    assert main(["annotate", str(draft), "-o", str(folder / "退回稿.docx")]) == 0
    window.batch.interactive = False
    with qtbot.waitSignal(window.batch.batch_finished, timeout=60000):
        window.open_batch([str(folder)])
    assert [os.path.basename(r.file) for r in window.batch.model.results()] == [draft.name]
    assert "另有 2 个文件是本工具生成的" in window.status.text()
