"""Reviewer mode in the window: a folder of 30 drafts, the batch table, a draft and back, exports, annotated copies."""
from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer

from app.presentation.grouping import entries
from tests.fixtures.batch import draft_paths, shared_batch_folder
from tests.fixtures.command_line import run_app
from ui.batch_model import Column

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = {"2021": "2021 年版", "2019": "2019 年试行"}
TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return shared_batch_folder(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def cli_reports(folder) -> list[dict]:
    """The reports of `check FOLDER --format json` on the command line."""
    return json.loads(run_app("check", str(folder), "--format", "json").stdout)["reports"]


def check_in_window(qtbot, window, paths) -> None:
    window.batch.interactive = False
    with qtbot.waitSignal(window.batch.batch_finished, timeout=TIMEOUT_MS):
        window.open_batch([str(p) for p in paths])


@pytest.fixture(scope="module")
def checked_window(qapp, folder, tmp_path_factory, request):
    """One window that checked the folder, shared by the tests of its batch (a check takes seconds); the progress
    bar's values, sampled every 20 ms while it checked, are kept in window.ticks and the time it took in
    window.check_seconds. A test that filters, sorts or opens a draft puts the page back as it found it."""
    from PySide6.QtCore import QSettings
    from pytestqt.qtbot import QtBot

    from ui.main_window import MainWindow
    from ui.tasks import SyncTaskRunner

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings")))
    window = MainWindow(runner=SyncTaskRunner())
    window.errors = []
    window._error = window.errors.append
    window.resize(1300, 850)
    window.show()
    bot = QtBot(request)
    bot.waitExposed(window)
    window.ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: window.ticks.append(window.batch.progress.value()))
    timer.start(20)
    started = time.perf_counter()
    check_in_window(bot, window, [folder])
    window.check_seconds = time.perf_counter() - started
    timer.stop()
    yield window
    window.close()
    window.deleteLater()


@pytest.fixture
def batch_page(checked_window):
    """The checked window's batch page, its search, filter and sort put back after the test."""
    page = checked_window.batch
    header = page.table.horizontalHeader()
    sort = (header.sortIndicatorSection(), header.sortIndicatorOrder())
    yield page
    page.search.setText("")
    page.failing_only.setChecked(False)
    page.table.sortByColumn(*sort)


def verdict(report: dict) -> str:
    if report["status"] == "unreadable":
        return "无法读取"
    if report["counts"]["error"]:
        return "不通过"
    return "通过（有警告）" if report["counts"]["warning"] else "通过"


def row_of(report: dict, folder: Path) -> list[str]:
    """The batch table's row for one report of the command line's JSON."""
    def rel(p):
        return os.path.relpath(p, folder) if p else ""
    readable = report["status"] != "unreadable"
    return [(report["agency"] or "") if readable else report["error"], str(report["year"]) if readable else "",
            EDITIONS[report["template"]] if readable else "", verdict(report),
            str(report["counts"]["error"]) if readable else "", str(report["counts"]["warning"]) if readable else "",
            rel(report["file"]), rel(report["previous"])]


def test_the_batch_table_shows_what_the_command_line_reports(checked_window, folder, cli_reports):
    window = checked_window
    assert window.pages.currentWidget() is window.batch
    shown = sorted(window.batch.shown_rows(), key=lambda r: r[Column.FILE])
    assert shown == sorted((row_of(r, folder) for r in cli_reports), key=lambda r: r[Column.FILE])
    assert window.batch.summary_line() == "共 30 份草稿：28 份通过，2 份不通过或无法读取"
    assert len(set(window.ticks)) >= 3  # the progress bar moved (0, on the way, 30) while the loop kept running
    assert len(window.ticks) >= window.check_seconds / 0.2  # the event loop ran all along (scripts/bench_batch.py)


def test_only_failing_filter_and_sorting(batch_page):
    page = batch_page
    page.failing_only.setChecked(True)
    assert sorted(r[Column.VERDICT] for r in page.shown_rows()) == ["不通过", "无法读取"]
    page.failing_only.setChecked(False)
    page.table.sortByColumn(Column.ERRORS, Qt.SortOrder.DescendingOrder)
    first = page.shown_rows()[0]
    assert (first[Column.AGENCY], first[Column.YEAR], first[Column.ERRORS]) == ("示例市交通运输局", "2023", "2")
    page.table.sortByColumn(Column.YEAR, Qt.SortOrder.AscendingOrder)
    years = [r[Column.YEAR] for r in page.shown_rows() if r[Column.YEAR]]
    assert years == sorted(years) and years[0] == "2019"
    page.search.setText("统计局")
    assert [r[Column.YEAR] for r in page.shown_rows()] == ["2019", "2020", "2021"]


def test_an_unreadable_row_shows_its_reason_in_the_row(qtbot, checked_window, folder):
    page = checked_window.batch
    row = next(r for r in range(page.proxy.rowCount())
               if page.proxy.index(r, Column.VERDICT).data() == "无法读取")
    reason = page.proxy.index(row, Column.AGENCY).data()
    assert reason and "损坏" in reason  # the engine's Chinese reason, not a blank 机关
    for column in Column:
        assert reason in page.proxy.index(row, column).data(Qt.ItemDataRole.ToolTipRole)


def test_double_click_opens_the_draft_and_back_keeps_sort_and_filter(qtbot, checked_window, batch_page, folder):
    window, page = checked_window, batch_page
    page.table.sortByColumn(Column.WARNINGS, Qt.SortOrder.DescendingOrder)
    page.search.setText("民政局")
    before = page.shown_rows()
    target = str(draft_paths(folder)[("示例市民政局", 2024)])
    row = next(i for i, r in enumerate(before) if r[Column.YEAR] == "2024")
    index = page.proxy.index(row, Column.AGENCY)
    centre = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a double-click starts so
    with qtbot.waitSignal(window.check_shown, timeout=20000):
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.pages.currentWidget() is window.draft_page
    assert window.draft.session.path == target
    assert "history.repeat" in {f.rule for f in window.draft.session.result.findings}
    assert window.back_bar.isVisible() and "第 " in window.back_bar.label.text()

    with qtbot.waitSignal(window.check_shown, timeout=20000):
        window.draft.recheck()  # a re-check still compares with last year's report
    assert "history.repeat" in {f.rule for f in window.draft.session.result.findings}

    qtbot.mouseClick(window.back_bar.button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is page
    assert page.shown_rows() == before
    header = page.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (Column.WARNINGS,
                                                                           Qt.SortOrder.DescendingOrder)
    assert window.draft.session is None and not window.back_bar.isVisible()


def test_cancel_keeps_what_was_checked(qtbot, window, folder):
    page = window.batch
    page.interactive = False
    with qtbot.waitSignal(page.batch_finished, timeout=TIMEOUT_MS):
        window.open_batch([str(folder)])
        page.cancel()
    assert page.outcome.cancelled
    cancelled = [r for r in page.shown_rows() if r[Column.VERDICT] == "已取消"]
    assert len(cancelled) == 30 - len(page.outcome.results) > 0
    assert page.summary_line().endswith(f"{len(cancelled)} 份已取消")


def test_workbook_export_is_the_reviewers_workbook(qtbot, checked_window, folder, tmp_path):
    path = checked_window.batch.copies.export_workbook(str(tmp_path / "汇总表.xlsx"))
    book = openpyxl.load_workbook(path)
    drafts, findings = book.worksheets
    assert (drafts.title, findings.title) == ("草稿汇总", "问题明细")
    # the folder once at the top, the headers on row 2, each draft's name (below the folder) in its row
    assert drafts.max_row == 32 and drafts.freeze_panes == "A3" and drafts.auto_filter.ref
    assert drafts["A1"].value == f"文件夹：{folder}"
    header = [c.value for c in drafts[2]]
    verdicts = {row[header.index("文件")]: row[header.index("结论")] for row in drafts.iter_rows(min_row=3, values_only=True)}
    paths = draft_paths(folder)
    assert verdicts[os.path.relpath(paths[("示例市卫生健康委员会", 2022)], folder)] == "无法读取"
    assert verdicts[os.path.relpath(paths[("示例市交通运输局", 2023)], folder)] == "不通过"
    total = sum(len(entries(r.findings)) for r in checked_window.batch.model.results())
    assert findings.max_row == total + 2
    messages = [row[[c.value for c in findings[2]].index("说明")] for row in findings.iter_rows(min_row=3, values_only=True)]
    assert any("2023 年报告“结转下年度继续办理”为" in m for m in messages)


def test_summary_export_opens_with_every_draft(qtbot, checked_window, folder, tmp_path):
    html = Path(checked_window.batch.copies.export_summary(str(tmp_path / "检查摘要.html"))).read_text(encoding="utf-8")
    assert "示例市民政局" in html and "与 2023 年报告的同一部分相同" in html
    assert html.index("示例市统计局") < html.index("存在的主要问题及改进情况")  # the table of all drafts comes first


def test_save_all_annotated_copies_into_the_chosen_folder(qtbot, checked_window, folder, tmp_path):
    before = sorted(p for p in folder.rglob("*") if p.is_file())
    out = tmp_path / "批注版"
    with qtbot.waitSignal(checked_window.batch.copies.annotated_saved, timeout=TIMEOUT_MS):
        checked_window.batch.copies.save_all_annotated(str(out))
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert len(written) == 29 and all(p.stem.endswith("（批注版）") for p in written)
    assert sorted(p for p in folder.rglob("*") if p.is_file()) == before  # nothing beside the originals
    copy = out / "示例市民政局" / "示例市民政局_2024年政府信息公开工作年度报告（批注版）.docx"
    with zipfile.ZipFile(copy) as z:
        assert "100% 的文字" in z.read("word/comments.xml").decode("utf-8")
    assert checked_window.batch.copies.messages[-1].startswith("已将 29 份批注版保存到")


# ---------------------------------------------------------------- 对照上年报告… in the single-draft view

@pytest.fixture
def two_years(tmp_path):
    from tests.conftest import build
    from tests.fixtures.datasets import sample_2021
    folder = tmp_path / "科室"
    folder.mkdir()
    this = build("docx_plain", sample_2021(2024), folder, "2024年报告")
    last = build("xlsx_per_table_values", sample_2021(2023), folder, "2023年报告")
    build("docx_plain", sample_2021(2022), folder, "2022年报告")  # two years back: never offered
    return this, last


def test_last_years_report_in_the_folder_is_offered_and_compared(qtbot, window, two_years):
    from tests.ui.helpers import open_and_wait
    this, last = two_years
    open_and_wait(qtbot, window, this)
    offer = window.previous_offer
    assert offer.isVisible() and offer.path == str(last) and "2023 年的报告“2023年报告.xlsx”" in offer.label.text()
    assert not [f for f in window.draft.session.result.findings if f.rule.startswith("history.")]
    with qtbot.waitSignal(window.check_shown, timeout=20000):
        qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)
    assert window.draft.session.result.previous == str(last) and not offer.isVisible()
    assert {f.rule for f in window.draft.session.result.findings if f.rule.startswith("history.")} == \
        {"history.repeat", "history.t2_stock"}
    assert window.actions["compare_previous"].isEnabled()


def test_comparing_with_a_report_that_is_not_last_years_is_refused(qtbot, window, two_years):
    from tests.ui.helpers import open_and_wait
    this, _ = two_years
    open_and_wait(qtbot, window, this)
    window.compare_with_previous_report(str(this.with_name("2022年报告.docx")))
    assert window.errors == ["上年报告“2022年报告.docx”是示例市生态环境局 2022 年的报告，与所检查的草稿（示例市生态环境局 2024 年）"
                             "不是同一机关的相邻年度，未做跨年度核对"]
    assert window.draft.session.result.previous is None
