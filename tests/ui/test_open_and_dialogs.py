"""打开… with several files, 打开文件夹…, where file dialogs start, and what the batch exports say when done."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton

from tests.fixtures.datasets import sample_2021
from tests.fixtures.docx_builders import write_docx_built
from tests.ui.helpers import open_and_wait
from ui.paths import RESOURCES

TIMEOUT_MS = 60_000


@pytest.fixture
def drafts(tmp_path) -> list[Path]:
    folder = tmp_path / "审核"
    folder.mkdir()
    paths = []
    for year in (2023, 2024):
        path = folder / f"{year}年报告.docx"
        write_docx_built(sample_2021(year=year), path)
        paths.append(path)
    return paths


@pytest.fixture
def dialogs(monkeypatch):
    """QFileDialog's static functions replaced: each call recorded as (function, start folder or default path);
    answers are taken from `dialogs.answers[function]`."""
    class Recorder:
        def __init__(self):
            self.calls: list[tuple[str, str]] = []
            self.answers: dict = {}

    recorder = Recorder()

    def fake(name, start_index):
        def call(*args, **kwargs):
            recorder.calls.append((name, args[start_index]))
            return recorder.answers.get(name, ("", "") if name != "getExistingDirectory" else "")
        return call
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake("getOpenFileNames", 2)))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(fake("getExistingDirectory", 2)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake("getSaveFileName", 2)))
    return recorder


@pytest.fixture
def documents(tmp_path, monkeypatch) -> Path:
    """The user's Documents (QStandardPaths follows HOME)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home / "Documents"


def test_the_file_menu_opens_several_files_as_a_batch(qtbot, window, dialogs, drafts):
    assert "打开文件夹…" in [a.text() for a in window.menus["file"].actions()]
    dialogs.answers["getOpenFileNames"] = ([str(p) for p in drafts], "")
    window.batch.interactive = False
    with qtbot.waitSignal(window.batch.batch_finished, timeout=TIMEOUT_MS):
        window.actions["open"].trigger()
    assert window.pages.currentWidget() is window.batch
    assert sorted(r[6] for r in window.batch.shown_rows()) == ["2023年报告.docx", "2024年报告.docx"]


def test_open_folder_checks_the_folder_as_a_batch(qtbot, window, dialogs, drafts):
    dialogs.answers["getExistingDirectory"] = str(drafts[0].parent)
    window.batch.interactive = False
    with qtbot.waitSignal(window.batch.batch_finished, timeout=TIMEOUT_MS):
        window.actions["open_folder"].trigger()
    assert len(window.batch.shown_rows()) == 2
    # the empty window offers the same route
    dialogs.answers["getExistingDirectory"] = ""
    button = window.drop_zone.findChild(QPushButton, "folderButton")
    assert button.text() == "打开文件夹…"
    button.click()
    assert dialogs.calls[-1][0] == "getExistingDirectory" and len(dialogs.calls) == 2


def test_dialogs_start_beside_the_draft_or_the_batch_folder(qtbot, window, dialogs, drafts, sample_docx, documents):
    open_and_wait(qtbot, window, sample_docx)
    window.actions["open"].trigger()
    assert dialogs.calls[-1] == ("getOpenFileNames", str(sample_docx.parent))
    window.actions["save_corrected"].trigger()
    assert Path(dialogs.calls[-1][1]).parent == sample_docx.parent

    window.batch.interactive = False
    with qtbot.waitSignal(window.batch.batch_finished, timeout=TIMEOUT_MS):
        window.open_batch([str(drafts[0].parent)])
    window.actions["open"].trigger()
    assert dialogs.calls[-1] == ("getOpenFileNames", str(drafts[0].parent))
    window.batch.export_button.click()
    assert Path(dialogs.calls[-1][1]) == drafts[0].parent / "汇总表.xlsx"
    window.batch.annotate_button.click()
    assert dialogs.calls[-1] == ("getExistingDirectory", str(drafts[0].parent))


def test_the_samples_copies_default_to_documents(qtbot, window, dialogs, documents):
    with qtbot.waitSignal(window.check_shown, timeout=10000):
        window.open_sample()
    window.actions["save_corrected"].trigger()
    default = Path(dialogs.calls[-1][1])
    assert default.parent == documents and default.name.endswith("（修正版）.docx")
    window.actions["export_pdf"].trigger()
    assert Path(dialogs.calls[-1][1]).parent == documents
    window.actions["open"].trigger()  # never the app's own sample folder
    assert not Path(dialogs.calls[-1][1]).resolve().is_relative_to(RESOURCES.resolve())


def test_batch_exports_say_what_they_wrote(qtbot, window, drafts, tmp_path):
    window.batch.interactive = False
    with qtbot.waitSignal(window.batch.batch_finished, timeout=TIMEOUT_MS):
        window.open_batch([str(drafts[0].parent)])
    bar = window.batch.info_bar
    assert not bar.isVisible()
    out = tmp_path / "汇总表.xlsx"
    window.batch.copies.export_workbook(str(out))
    assert bar.isVisible() and bar.path == str(out)
    assert bar.label.text() == f"已导出汇总表（写入 1 个文件）：{out}"
    assert bar.open_button.isVisible() and bar.folder_button.isVisible()
    summary = tmp_path / "检查摘要.html"
    window.batch.copies.export_summary(str(summary))
    assert bar.label.text() == f"已导出检查摘要（写入 1 个文件）：{summary}" and summary.exists()
    folder = tmp_path / "批注版"
    with qtbot.waitSignal(window.batch.copies.annotated_saved, timeout=TIMEOUT_MS):
        window.batch.copies.save_all_annotated(str(folder))
    assert bar.label.text() == f"已将 2 份批注版保存到 {folder}" and bar.path == str(folder)
    assert len(os.listdir(folder)) == 2
