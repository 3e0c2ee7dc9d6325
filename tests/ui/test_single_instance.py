"""One running window per user: a second launch hands its files over and exits; a crashed window's lock is no bar."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.fixtures.datasets import sample_2021
from tests.fixtures.docx_builders import write_docx_built
from ui import single_instance

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "instance"


def launch(folder: Path, *files: Path) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{single_instance.FOLDER_VARIABLE: str(folder)})
    return subprocess.Popen([sys.executable, "-m", "app", *map(str, files)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finished(qtbot, process: subprocess.Popen, timeout_ms: int = 60_000) -> tuple[int, str]:
    """The launch's exit status and stderr, the event loop running meanwhile (the window takes the request)."""
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=timeout_ms)
    finally:
        if process.poll() is None:
            process.kill()
        _, err = process.communicate()
    return process.returncode, err.decode()


def in_python(code: str, folder: Path) -> subprocess.Popen:
    script = textwrap.dedent(f"""
        import os, sys, time
        from pathlib import Path
        from ui import single_instance
        lock = single_instance.claim(Path({str(folder)!r}))
        print("held" if lock is not None and lock.isLocked() else "not held", flush=True)
    """) + textwrap.dedent(code)
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)


def test_a_second_launch_hands_its_draft_to_the_running_window(qtbot, window, folder, clean_docx, sample_docx):
    lock = single_instance.claim(folder)
    assert lock is not None and lock.isLocked()
    single_instance.serve(window, lock, folder)
    window.showMinimized()
    assert finished(qtbot, launch(folder, clean_docx)) == (0, "")
    qtbot.waitUntil(lambda: window.draft.session is not None and window.draft.session.path == str(clean_docx), timeout=10_000)
    assert not window.isMinimized()  # brought forward
    # several files from one launch become a batch
    window.batch.interactive = False
    with qtbot.waitSignal(window.batch.batch_finished, timeout=60_000):
        assert finished(qtbot, launch(folder, clean_docx, sample_docx)) == (0, "")
    assert window.pages.currentWidget() is window.batch and len(window.batch.shown_rows()) == 2
    assert list((folder / "inbox").iterdir()) == []
    lock.unlock()


def test_a_crashed_windows_lock_does_not_block_a_start(folder):
    crashed = in_python("os._exit(9)  # killed without unlocking", folder)
    assert crashed.stdout.readline().strip() == "held"
    crashed.communicate(timeout=30)
    assert (folder / "window.lock").exists()  # left behind
    lock = single_instance.claim(folder)
    assert lock is not None and lock.isLocked()
    lock.unlock()


def test_a_running_window_that_does_not_answer_is_not_waited_for(folder, tmp_path):
    holder = in_python("time.sleep(30)", folder)  # holds the lock, never reads its inbox
    try:
        assert holder.stdout.readline().strip() == "held"
        assert single_instance.claim(folder) is None
        started = time.monotonic()
        assert not single_instance.hand_over([str(tmp_path / "a.docx")], folder, wait_s=0.5)
        assert time.monotonic() - started < 2
        assert list((folder / "inbox").iterdir()) == []  # the request is withdrawn: it never arrives late
    finally:
        holder.kill()
        holder.communicate(timeout=10)


def test_requests_close_together_arrive_as_one_batch(qtbot, window, folder, tmp_path):
    drafts = []
    for year in (2023, 2024):
        drafts.append(tmp_path / f"{year}.docx")
        write_docx_built(sample_2021(year=year), drafts[-1])
    lock = single_instance.claim(folder)
    inbox = single_instance.Inbox(lock, folder)
    received = []
    inbox.received.connect(received.append)
    for draft in drafts:  # as Explorer does for two selected files: one launch each
        request = folder / "inbox" / f"{draft.stem}.json"
        request.write_text(f'{{"files": ["{draft}"]}}', encoding="utf-8")
    qtbot.waitUntil(lambda: bool(received), timeout=5000)
    assert received == [[str(d) for d in drafts]]
    inbox.close()
