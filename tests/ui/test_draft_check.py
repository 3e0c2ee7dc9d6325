"""The open draft's lifecycle on its own: open, re-check, one retry, a newer open or a cancel drops the check running."""
from __future__ import annotations

import shutil

import pytest

from ui import draft_check
from ui.draft_check import DraftState, OpenDraft
from ui.session import Ignores
from ui.tasks import Channel, SyncTaskRunner


class HeldRunner:
    """Keeps every task until the test finishes it; a newer task on a channel makes older ones stale (as TaskRunner)."""

    def __init__(self):
        self.tasks: list[tuple] = []
        self.latest: dict[str, int] = {}

    def run(self, fn, on_done, on_error=None, channel=Channel.CHECK) -> int:
        self.tasks.append((channel, fn, on_done))
        self.latest[channel] = len(self.tasks) - 1
        return len(self.tasks) - 1

    def cancel(self, channel=Channel.CHECK) -> None:
        self.latest.pop(channel, None)

    def busy(self, channel=Channel.CHECK) -> bool:
        return channel in self.latest

    def finish(self, ticket: int) -> None:
        channel, fn, on_done = self.tasks[ticket]
        result = fn()
        if self.latest.get(channel) == ticket:
            del self.latest[channel]
            on_done(result)


@pytest.fixture
def states():
    return []


def make_draft(runner, states) -> OpenDraft:
    draft = OpenDraft(runner, Ignores())
    draft.state_changed.connect(states.append)
    return draft


def test_open_checks_then_shows(qtbot, states, clean_docx):
    runner = HeldRunner()
    draft = make_draft(runner, states)
    checked = []
    draft.checked.connect(lambda c, replaced: checked.append((c.path, replaced)))
    draft.open(str(clean_docx))
    assert draft.state is DraftState.OPENING and draft.session is None
    runner.finish(0)
    assert states == [DraftState.OPENING, DraftState.SHOWN]
    assert checked == [(str(clean_docx), None)] and draft.session.path == str(clean_docx)
    assert not draft.session.rechecked


def test_a_newer_open_supersedes_the_check_running(qtbot, states, clean_docx, sample_docx):
    runner = HeldRunner()
    draft = make_draft(runner, states)
    draft.open(str(clean_docx))
    draft.open(str(sample_docx))
    runner.finish(0)  # the first open's check ends late: dropped
    assert draft.session is None and draft.state is DraftState.OPENING
    runner.finish(1)
    assert draft.session.path == str(sample_docx) and draft.state is DraftState.SHOWN


def test_cancel_drops_the_recheck_and_keeps_what_is_shown(qtbot, states, clean_docx):
    runner = HeldRunner()
    draft = make_draft(runner, states)
    draft.open(str(clean_docx))
    runner.finish(0)
    shown = draft.session.result
    draft.recheck()
    assert draft.state is DraftState.RECHECKING
    draft.cancel()
    assert draft.state is DraftState.SHOWN
    runner.finish(1)
    assert draft.session.result is shown


def test_a_recheck_waits_for_the_draft_being_opened(qtbot, states, clean_docx, sample_docx):
    runner = HeldRunner()
    draft = make_draft(runner, states)
    draft.open(str(clean_docx))
    runner.finish(0)
    draft.open(str(sample_docx))
    draft.recheck()  # F5 or a save of the draft shown while another is opened: the open goes on
    assert draft.state is DraftState.OPENING and len(runner.tasks) == 2
    runner.finish(1)
    assert draft.session.path == str(sample_docx)


def test_closing_the_window_drops_the_check_running(qtbot, make_window, clean_docx, sample_docx):
    runner = HeldRunner()
    window = make_window(runner=runner)
    window.open_file(str(clean_docx))
    window.close()
    assert window.draft.state is DraftState.EMPTY
    runner.finish(0)
    assert window.draft.session is None and window.draft.state is DraftState.EMPTY

    window = make_window(runner=runner)
    window.open_file(str(sample_docx))
    runner.finish(1)
    shown = window.draft.session.result
    window.draft.recheck()
    window.close()
    assert window.draft.state is DraftState.SHOWN and window.draft.file_watch.paths() == []
    runner.finish(2)
    assert window.draft.session.result is shown


def test_a_recheck_that_cannot_read_the_file_is_tried_once_more(qtbot, monkeypatch, states, clean_docx, tmp_path):
    monkeypatch.setattr(draft_check, "RETRY_MS", 10)
    draft = make_draft(SyncTaskRunner(), states)
    draft.open(str(clean_docx))
    shown = draft.session.result
    good = shutil.copy(clean_docx, tmp_path / "good.docx")
    clean_docx.write_bytes(b"half written by Word")
    failures = []
    draft.unreadable.connect(lambda path, reason, kept: failures.append(kept))
    draft.recheck()
    assert draft.state is DraftState.RETRY_WAIT and failures == [True]
    qtbot.waitUntil(lambda: draft.state is DraftState.SHOWN, timeout=3000)
    assert failures == [True, True] and draft.session.result is shown  # tried once more, then left as it was
    assert states[-3:] == [DraftState.RETRY_WAIT, DraftState.RETRYING, DraftState.SHOWN]

    draft.recheck()  # saved again, still unreadable: one more try, which finds it written
    assert draft.state is DraftState.RETRY_WAIT
    shutil.copy(good, clean_docx)
    with qtbot.waitSignal(draft.checked, timeout=3000) as checked:
        pass
    assert checked.args[1] is shown and draft.session.rechecked and draft.state is DraftState.SHOWN
