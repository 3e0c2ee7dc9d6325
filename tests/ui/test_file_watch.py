"""Drafts watched on disk: the batch list re-checks a draft saved again, a draft moved away and back is re-checked."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.fixtures.datasets import sample_2021
from tests.fixtures.docx_builders import write_docx_built
from tests.ui.helpers import open_and_wait
from ui.batch_model import Column
from ui.paths import SAMPLE_DOCX

TIMEOUT_MS = 60_000


def replace_like_word(path: Path, content: Path) -> None:
    """Word/WPS save: a temporary file beside the draft, renamed over it."""
    tmp = path.with_name("~WRL0002.tmp")
    shutil.copyfile(content, tmp)
    os.replace(tmp, path)


@pytest.fixture
def drafts(tmp_path) -> list[Path]:
    folder = tmp_path / "各部门"
    folder.mkdir()
    paths = []
    for year in (2022, 2023, 2024):
        path = folder / f"草稿{year}.docx"
        write_docx_built(sample_2021(year=year), path)
        paths.append(path)
    return paths


def row_for(window, path: Path) -> list[str]:
    return next(r for r in window.batch.shown_rows() if r[Column.FILE] == path.name)


def open_folder(qtbot, window, folder: Path) -> None:
    window.batch.interactive = False
    with qtbot.waitSignal(window.batch.batch_finished, timeout=TIMEOUT_MS):
        window.open_batch([str(folder)])


def test_a_batch_row_follows_a_draft_saved_again(qtbot, window, drafts):
    open_folder(qtbot, window, drafts[0].parent)
    assert row_for(window, drafts[2])[Column.VERDICT].startswith("通过")
    assert window.batch.title.text() == "共 3 份草稿：3 份通过，0 份不通过或无法读取"

    replace_like_word(drafts[2], SAMPLE_DOCX)  # a broken 表三 total, saved as Word does
    qtbot.waitUntil(lambda: row_for(window, drafts[2])[Column.VERDICT] == "不通过", timeout=5000)
    assert int(row_for(window, drafts[2])[Column.ERRORS]) > 0
    assert window.batch.title.text() == "共 3 份草稿：2 份通过，1 份不通过或无法读取"

    # opening the row shows the current check, not the one of the batch run
    index = next(window.batch.proxy.index(r, 0) for r in range(window.batch.proxy.rowCount())
                 if window.batch.proxy.index(r, Column.FILE).data() == drafts[2].name)
    with qtbot.waitSignal(window.check_shown, timeout=5000):
        window.batch.table.activated.emit(index)
    assert window.panel.verdict.text().startswith("不通过")
    assert "5 → 6" in window.view.toPlainText() or window.draft.session.result.counts["error"] > 0


def test_a_batch_row_says_when_its_draft_is_gone_and_when_it_is_back(qtbot, window, drafts, tmp_path):
    open_folder(qtbot, window, drafts[0].parent)
    away = tmp_path / "别处.docx"
    os.rename(drafts[1], away)
    qtbot.waitUntil(lambda: row_for(window, drafts[1])[Column.VERDICT] == "无法读取", timeout=5000)
    os.rename(away, drafts[1])
    qtbot.waitUntil(lambda: row_for(window, drafts[1])[Column.VERDICT].startswith("通过"), timeout=5000)
    assert window.batch.title.text() == "共 3 份草稿：3 份通过，0 份不通过或无法读取"


def test_a_draft_moved_away_and_back_is_checked_again(qtbot, window, clean_docx, tmp_path):
    open_and_wait(qtbot, window, clean_docx)
    away = tmp_path / "elsewhere"
    away.mkdir()
    os.rename(clean_docx, away / clean_docx.name)
    qtbot.waitUntil(lambda: window.status.text().startswith("文件已被移走或删除"), timeout=5000)
    with qtbot.waitSignal(window.check_shown, timeout=5000):
        os.rename(away / clean_docx.name, clean_docx)  # the same file, same inode and time: back all the same
    assert window.status.text().startswith("已于 ") and window.status.text().endswith(" 重新检查")
    assert window.panel.verdict.text() == "通过"
