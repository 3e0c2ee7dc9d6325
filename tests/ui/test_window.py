"""The window as a clerk uses it: open, drop, click through findings, ignore, re-check live, settings."""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from app.engine import check_file
from app.presentation.location import location
from tests.fixtures.data import with_cell
from tests.fixtures.datasets import sample_2021
from tests.fixtures.docx_builders import write_docx_built
from tests.ui.helpers import click, drop, open_and_wait, visible_in
from ui import settings
from ui.findings_model import IndexRole

ROOT = Path(__file__).resolve().parents[2]


def run_app(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          timeout=timeout)


# ---------------------------------------------------------------- opening

def test_file_on_the_command_line_is_opened_checked_and_rendered(sample_docx, tmp_path):
    png = tmp_path / "shot.png"
    done = run_app(str(sample_docx), "--screenshot", str(png), "-platform", "offscreen")
    assert done.returncode == 0, done.stderr.decode()
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1400, 900)
    assert image.pixelColor(700, 450).isValid()


def test_screenshot_of_an_unreadable_file_exits_2_without_a_picture(tmp_path):
    png = tmp_path / "shot.png"
    done = run_app(str(tmp_path / "没有这个文件.docx"), "--screenshot", str(png))
    assert done.returncode == 2
    assert not png.exists()


def test_open_paths_from_argv_shows_document_and_findings(qtbot, window, sample_docx):
    with qtbot.waitSignal(window.check_shown, timeout=10000):
        window.open_paths([str(sample_docx)])
    assert window.pages.currentWidget() is window.draft_page
    assert window.panel.verdict.text() == "不通过：4 处错误、1 处警告"
    assert "2024 年度" in window.panel.facts.text() and "示例市生态环境局" in window.panel.facts.text()
    assert window.windowTitle().startswith(sample_docx.name)
    shown = window.view.rendered
    for i, _f in enumerate(window.draft.session.result.findings):
        assert shown.target[i] is not None and window.view.has_place(shown.target[i])


def test_empty_window_offers_drop_zone_open_sample_and_recent_files(qtbot, make_window, sample_docx):
    settings.put(settings.RECENT_FILES, [str(sample_docx)])
    window = make_window()
    assert window.pages.currentWidget() is window.drop_zone
    assert window.drop_zone.target.text() == "将年度报告（.docx / .xlsx 草稿，或已发布的网页 / PDF）拖放到此处"
    assert window.drop_zone.recent.rowCount() == 1
    with qtbot.waitSignal(window.check_shown, timeout=10000):
        window.drop_zone.recent_chosen.emit(str(sample_docx))
    assert window.draft.session.path == str(sample_docx)


def test_open_sample_opens_the_bundled_docx(qtbot, window):
    with qtbot.waitSignal(window.check_shown, timeout=10000):
        window.actions["open_sample"].trigger()
    assert window.draft.session.path.endswith("示例_2024年政府信息公开工作年度报告.docx")
    assert window.panel.verdict.text().startswith("不通过")


def test_drop_docx_is_a_copy_and_opens_it(qtbot, window, sample_docx):
    before = sample_docx.read_bytes()
    with qtbot.waitSignal(window.check_shown, timeout=10000):
        event = drop(window, [sample_docx])
        assert event.dropAction() == Qt.DropAction.CopyAction
    assert window.draft.session.path == str(sample_docx)
    assert sample_docx.read_bytes() == before  # the user's file is where it was, unchanged


def test_drop_xlsx_shows_its_sheets_with_marks(qtbot, window, sample_xlsx):
    with qtbot.waitSignal(window.check_shown, timeout=10000):
        drop(window, [sample_xlsx])
    text = window.view.toPlainText()
    assert "工作表“表三”" in text and "工作表“报告正文”" in text
    assert "0 → 2" in text  # 表四 行政复议·总计, most likely wrong
    assert window.panel.verdict.text().startswith("不通过")


def test_unsupported_drop_tells_why_and_the_window_stays_usable(qtbot, window, sample_docx, tmp_path):
    pdf = tmp_path / "年报.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    with qtbot.waitSignal(window.check_failed, timeout=10000) as failed:
        drop(window, [pdf])
    assert "PDF" in failed.args[0]
    assert window.errors and "PDF" in window.errors[-1]
    assert window.pages.currentWidget() is window.drop_zone and window.draft.session is None
    open_and_wait(qtbot, window, sample_docx)
    assert window.draft.session is not None


def test_dropping_a_folder_opens_the_batch_table(qtbot, window, sample_docx, tmp_path):
    with qtbot.waitSignal(window.batch.batch_finished, timeout=60000):
        drop(window, [tmp_path])
    assert window.pages.currentWidget() is window.batch and window.draft.session is None
    assert [r.file for r in window.batch.model.results()] == [str(sample_docx)]


def test_a_new_file_replaces_a_failed_one_without_a_dialog_for_the_old(qtbot, window, sample_docx, clean_docx):
    open_and_wait(qtbot, window, sample_docx)
    open_and_wait(qtbot, window, clean_docx)
    assert window.draft.session.path == str(clean_docx)
    assert window.panel.verdict.text() == "通过"


# ---------------------------------------------------------------- findings ↔ document

def test_clicking_a_finding_brings_its_place_into_view(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    window.resize(1100, 600)
    tree, findings = window.panel.tree, window.draft.session.result.findings
    for i, _f in enumerate(findings):
        anchor = window.view.rendered.target[i]
        bar = window.view.verticalScrollBar()
        bar.setValue(bar.maximum() if bar.value() < bar.maximum() / 2 else 0)
        if visible_in(window.view, anchor):
            bar.setValue(0 if bar.value() else bar.maximum())
        assert not visible_in(window.view, anchor) or bar.maximum() == 0
        row = window.panel.row_of(i)
        tree.scrollTo(row)
        click(qtbot, tree.viewport(), tree.visualRect(row).center())
        assert visible_in(window.view, anchor), findings[i].message


def test_clicking_a_marked_cell_selects_its_findings(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    findings = window.draft.session.result.findings
    suspect = next(i for i, f in enumerate(findings) if f.rule == "arith.suspect_cell" and f.table == "T3")
    anchor = window.view.rendered.target[suspect]
    window.view.scroll_to(anchor, flash=False)
    click(qtbot, window.view.viewport(), window.view.place_rect(anchor).center())
    selected = {i.data(IndexRole) for i in window.panel.tree.selectionModel().selectedIndexes()}
    rules = {findings[i].rule for i in selected}
    assert suspect in selected and {"arith.row_total", "arith.results_total"} <= rules


def test_marked_place_carries_the_message_as_tooltip(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    findings = window.draft.session.result.findings
    i = next(i for i, f in enumerate(findings) if f.rule == "text.number_mismatch")
    anchor = window.view.rendered.target[i]
    window.view.scroll_to(anchor, flash=False)
    cursor = window.view.cursorForPosition(window.view.place_rect(anchor).center())
    assert findings[i].message in cursor.charFormat().toolTip()


def test_locations_read_in_the_reports_words(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    model = window.panel.model
    texts = [model.data(model.index_of(i), model_role()) for i in range(len(window.draft.session.result.findings))]
    assert "表三“（一）予以公开”行“总计”栏 · Word 第 2 个表格第 6 行第 10 列" in texts
    assert not any("r3_1" in t or "T3" in t or "review_total" in t for t in texts)


def model_role():
    from ui.findings_model import LocationRole
    return LocationRole


def test_a_clean_draft_says_no_problem_was_found_under_the_verdict(qtbot, window, clean_docx):
    open_and_wait(qtbot, window, clean_docx)
    assert window.panel.verdict.text() == "通过"
    assert window.panel.note.isVisible() and window.panel.note.text() == "未发现问题。"
    assert not window.panel.tree.isVisible() and not window.panel.counts.isVisible()  # no empty white box


# ---------------------------------------------------------------- ignore, rules off

def test_ignore_survives_a_recheck_and_a_restart(qtbot, make_window, sample_docx):
    window = make_window()
    open_and_wait(qtbot, window, sample_docx)
    findings = window.draft.session.result.findings
    i = next(i for i, f in enumerate(findings) if f.rule == "text.number_mismatch")
    key = findings[i].key
    window.ignore_finding(i)
    assert not window.panel.row_of(i).isValid()
    assert window.panel.verdict.text() == "不通过：4 处错误"
    with qtbot.waitSignal(window.check_shown, timeout=10000):
        window.draft.recheck()
    j = next(j for j, f in enumerate(window.draft.session.result.findings) if f.key == key)
    assert not window.panel.row_of(j).isValid()
    assert window.view.rendered.target[j] is None
    window.close()

    restarted = make_window()
    open_and_wait(qtbot, restarted, sample_docx)
    j = next(j for j, f in enumerate(restarted.draft.session.result.findings) if f.key == key)
    assert not restarted.panel.row_of(j).isValid()
    restarted.ignores.unignore(restarted.ignores.entries[0])
    restarted._after_ignore_change()
    assert restarted.panel.row_of(j).isValid()


def test_rule_turned_off_hides_it_everywhere_and_can_be_restored(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    window.disable_rule("arith.suspect_cell")
    assert "arith.suspect_cell" in settings.get(settings.DISABLED_RULES)
    visible = [f.rule for f in window.draft.session.visible()]
    assert "arith.suspect_cell" not in visible
    assert "0 → 2" not in window.view.toPlainText()
    window.ignores.enable_rule("arith.suspect_cell")
    window._after_ignore_change()
    assert "0 → 2" in window.view.toPlainText()


# ---------------------------------------------------------------- live re-check

def _replace_like_word(path: Path, new_content: Path) -> None:
    """Word/WPS save: write a temporary file beside the draft, then rename it over the draft."""
    tmp = path.with_name("~WRL0001.tmp")
    shutil.copyfile(new_content, tmp)
    os.replace(tmp, path)


def test_live_recheck_after_the_file_is_replaced_by_rename(qtbot, window, sample_docx, clean_docx):
    open_and_wait(qtbot, window, sample_docx)
    window.view.verticalScrollBar().setValue(200)
    started = time.perf_counter()
    with qtbot.waitSignal(window.check_shown, timeout=5000):
        _replace_like_word(sample_docx, clean_docx)
    elapsed = time.perf_counter() - started
    assert window.panel.verdict.text() == "通过"
    assert window.status.text().startswith("已于 ") and window.status.text().endswith(" 重新检查")
    assert elapsed < 2.0
    # the watch was renewed after the rename: a second save is noticed too
    broken = sample_docx.with_name("broken.docx")
    shutil.copy(window_sample(), broken)
    with qtbot.waitSignal(window.check_shown, timeout=5000):
        _replace_like_word(sample_docx, broken)
    assert window.panel.verdict.text().startswith("不通过")


def window_sample() -> Path:
    from ui.paths import SAMPLE_DOCX
    return SAMPLE_DOCX


def test_recheck_keeps_scroll_position_and_selection(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    window.resize(1100, 600)
    findings = window.draft.session.result.findings
    i = next(i for i, f in enumerate(findings) if f.rule == "arith.suspect_cell" and f.table == "T3")
    window.panel.tree.setCurrentIndex(window.panel.row_of(i))
    bar = window.view.verticalScrollBar()
    scroll = bar.value()
    assert 0 < scroll < bar.maximum()
    with qtbot.waitSignal(window.check_shown, timeout=10000):
        window.actions["recheck"].trigger()
    assert bar.value() == scroll
    assert window.panel.current_finding() == i
    assert visible_in(window.view, window.view.rendered.target[i])


def test_menus_and_shortcuts(window):
    from PySide6.QtGui import QKeySequence
    keys = {name: [s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()]
            for name, action in window.actions.items()}
    assert "Ctrl+O" in keys["open"] and "F5" in keys["recheck"]
    assert "Ctrl+S" in keys["save_corrected"] and "Ctrl+P" in keys["print"]
    titles = [a.text() for a in window.menus["file"].actions()]
    for text in ("打开…", "最近打开", "重新检查", "保存修正版…", "保存批注版…", "打印检查报告…", "导出检查报告", "退出"):
        assert text in titles
    assert [a.text() for a in window.menus["export"].actions()] == ["PDF…", "HTML…", "Excel…"]
    assert [a.text() for a in window.menus["help"].actions()] == ["检查规则说明", "关于"]
    assert not window.actions["save_corrected"].isEnabled()  # nothing open yet


# ---------------------------------------------------------------- settings, zoom

def test_geometry_splitter_and_recent_files_persist(qtbot, make_window, sample_docx):
    window = make_window()
    open_and_wait(qtbot, window, sample_docx)
    qtbot.waitUntil(lambda: settings.get(settings.RECENT_FILES) == [str(sample_docx)])  # written after the view
    window.draft_page.setSizes([900, 300])
    sizes = window.draft_page.sizes()
    window.close()
    again = make_window()
    assert again.drop_zone.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(sample_docx)
    open_and_wait(qtbot, again, sample_docx)
    assert again.draft_page.sizes() == sizes


def test_ctrl_wheel_and_ctrl_plus_zoom(qtbot, window, sample_docx):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    open_and_wait(qtbot, window, sample_docx)
    size = window.view.font().pointSizeF()
    pos = QPointF(100, 100)
    wheel = QWheelEvent(pos, window.view.viewport().mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(window.view.viewport(), wheel)
    assert window.view.font().pointSizeF() > size
    window.actions["zoom_in"].trigger()
    assert window.view.zoom == 2 and settings.get(settings.ZOOM) == 2
    window.actions["zoom_reset"].trigger()
    assert window.view.font().pointSizeF() == size


def test_rules_dialog_lists_every_rule_of_the_catalogue(qtbot, window):
    from app.rules.catalogue import RULES
    from ui.dialogs import RulesDialog
    dialog = RulesDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for rule in RULES.values():
        assert rule.id in text and rule.title in text


def test_ignores_dialog_restores_an_ignored_finding(qtbot, window, sample_docx):
    from ui.dialogs import IgnoresDialog
    open_and_wait(qtbot, window, sample_docx)
    window.ignore_finding(0)
    window.disable_rule("arith.suspect_cell")
    dialog = IgnoresDialog(window.ignores, window)
    qtbot.addWidget(dialog)
    assert dialog.findings.rowCount() == 1 and dialog.rules.rowCount() == 1
    dialog.changed.connect(window._after_ignore_change)
    dialog.findings_view.selectAll()
    dialog.rules_view.selectAll()
    dialog._restore_findings()
    dialog._restore_rules()
    assert dialog.findings.rowCount() == 0 and dialog.rules.rowCount() == 0
    assert window.panel.row_of(0).isValid()


def test_check_of_the_engine_and_the_window_agree(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    engine = check_file(str(sample_docx))
    assert [f.key for f in engine.findings] == [f.key for f in window.draft.session.result.findings]
    for f in engine.findings:
        assert location(f, engine.report)


def test_a_big_draft_is_shown_in_steps_with_every_mark(qtbot, window, tmp_path):
    data = sample_2021(year=2024)
    filler = [f"第{i}段：本机关持续推进政务公开标准化规范化建设，围绕重点领域信息公开开展专项检查和培训指导。" * 3
              for i in range(1500)]
    sections = [(data.sections[0][0], data.sections[0][1] + filler), *data.sections[1:]]
    data = with_cell(dataclasses.replace(data, sections=sections), "T3", "r3_1", "total", "5")
    path = tmp_path / "很长的草稿.docx"
    write_docx_built(data, path)
    open_and_wait(qtbot, window, path, timeout=30000)
    assert len(window.view.rendered.chunks) > 3
    for anchor in window.view.rendered.places:
        assert window.view.has_place(anchor)
    suspect = next(i for i, f in enumerate(window.draft.session.result.findings) if f.rule == "arith.suspect_cell")
    assert window.view.scroll_to(window.view.rendered.target[suspect])
    assert visible_in(window.view, window.view.rendered.target[suspect])
    assert "5 → 6" in window.view.toPlainText()


def test_hovering_a_mark_shows_its_message(qtbot, window, sample_docx):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip
    open_and_wait(qtbot, window, sample_docx)
    findings = window.draft.session.result.findings
    i = next(i for i, f in enumerate(findings) if f.rule == "arith.group_total")
    anchor = window.view.rendered.target[i]
    window.view.scroll_to(anchor, flash=False)
    pos = window.view.place_rect(anchor).center()
    viewport = window.view.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: findings[i].message in QToolTip.text(), timeout=3000)
    QToolTip.hideText()


def test_a_new_file_drops_the_check_still_running(qtbot, make_window, sample_docx, tmp_path):
    from ui.tasks import TaskRunner
    data = sample_2021(year=2024)
    filler = ["本机关持续推进政务公开标准化规范化建设，围绕重点领域信息公开开展专项检查和培训指导。" * 3] * 1500
    slow = tmp_path / "慢.docx"
    write_docx_built(dataclasses.replace(data, sections=[(data.sections[0][0], data.sections[0][1] + filler),
                                                         *data.sections[1:]]), slow)
    window = make_window(runner=TaskRunner())
    shown = []
    window.check_shown.connect(lambda: shown.append(window.draft.session.path))
    window.open_file(str(slow))
    assert window.busy.isVisibleTo(window)  # the busy indicator while the check runs
    window.open_file(str(sample_docx))
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    window.runner.wait()
    qtbot.wait(100)  # the slow check's result, delivered now, is dropped
    assert shown == [str(sample_docx)] and window.draft.session.path == str(sample_docx)
    assert not window.busy.isVisibleTo(window)
