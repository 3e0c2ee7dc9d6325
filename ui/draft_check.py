"""The open draft's lifecycle without widgets: open, check, re-check when saved, one retry, cancel, last year's report."""
from __future__ import annotations

import copy
import enum
import os
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.engine import check_file
from app.pairing import is_previous, previous_in_folder, why_not_previous
from app.result import FileResult

from . import settings
from .document_html import Rendered, render
from .file_watch import FileWatch
from .session import Ignores, Session
from .tasks import Channel

RETRY_MS = 1000  # a re-check that could not read the file (Word may still be writing it) is tried once more after this


class DraftState(enum.Enum):
    """Where the open draft is in its lifecycle."""

    EMPTY = enum.auto()  # no draft is open: the drop zone or the batch table is shown
    OPENING = enum.auto()  # a draft's first check is running; what was shown stays until it is done
    SHOWN = enum.auto()  # the last check is shown and nothing runs
    RECHECKING = enum.auto()  # the draft shown is checked again (F5, saved on disk, paired with last year's report)
    RETRY_WAIT = enum.auto()  # a re-check could not read the file: it is tried once more in RETRY_MS
    RETRYING = enum.auto()  # that one more try is running; if it fails too, what is shown stays

    @property
    def checking(self) -> bool:
        return self in (DraftState.OPENING, DraftState.RECHECKING, DraftState.RETRYING)


@dataclass
class Checked:
    """What the worker hands back: the check of one file and, when readable, its rendered document."""

    path: str
    result: FileResult
    rendered: Rendered | None
    seconds: float


def check_and_render(path: str, ignores: Ignores, previous: str | FileResult | None = None) -> Checked:
    """Read, check and render one draft, against last year's report when given (runs on a worker thread)."""
    started = time.perf_counter()
    result = check_file(path, previous)
    rendered = None
    if result.error is None:
        hidden = frozenset(i for i, f in enumerate(result.findings) if ignores.hides(path, f))
        rendered = render(result.report, result.findings, hidden)
    return Checked(path, result, rendered, time.perf_counter() - started)


class OpenDraft(QObject):
    """The draft the window shows: its checks on the task runner, its file watched, its pairing with last year's report.

    Attributes:
        state: a DraftState.
        session: the draft shown (None until a first check succeeds, and after `leave`).
        previous_reports: draft → last year's report the history rules compare it with (its result once this window
            checked it, so that a re-check on save does not read it again; its path when a batch paired it).

    Signals:
        state_changed(DraftState): the lifecycle moved on.
        started(str): a check of this path started (not for a draft opened from the batch, checked already).
        checked(Checked, FileResult | None): `session` holds a new check; the second argument is the check it replaces
            when the draft shown was checked again (keep its scroll and selection), None for a newly opened draft.
        unreadable(str, str, bool): path, the engine's Chinese reason, and whether what is shown stays (a re-check).
        crashed(object): a check raised (the exception).
        gone(str): the draft shown was moved away or deleted.
        previous_found(str, object): last year's report lies in the draft's folder (its path, its year or None).
        previous_refused(str): the report chosen to compare with is not last year's of this draft (why, in Chinese).
    """

    state_changed = Signal(object)
    started = Signal(str)
    checked = Signal(object, object)
    unreadable = Signal(str, str, bool)
    crashed = Signal(object)
    gone = Signal(str)
    previous_found = Signal(str, object)
    previous_refused = Signal(str)

    def __init__(self, runner, ignores: Ignores, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.ignores = ignores
        self.state = DraftState.EMPTY
        self.session: Session | None = None
        self.previous_reports: dict[str, str | FileResult] = {}
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self._retry_now)
        self.file_watch = FileWatch(self)  # re-checked when saved, said when moved away
        self.file_watch.changed.connect(lambda _paths: self.recheck())  # also when the file is back after moving
        self.file_watch.gone.connect(self._file_gone)

    # ------------------------------------------------------------ the lifecycle

    def open(self, path: str) -> None:
        """Check a draft and show it once checked; a check still running is dropped."""
        self._start_check(os.path.abspath(path), DraftState.OPENING)

    def open_checked(self, result: FileResult) -> None:
        """Show a draft checked elsewhere (a row of the batch), rendered in the background; nothing is checked again."""
        if result.previous:
            self.previous_reports[result.file] = result.previous
        self._retry.stop()
        self._set_state(DraftState.OPENING)
        hidden = frozenset(i for i, f in enumerate(result.findings) if self.ignores.hides(result.file, f))
        self.runner.run(lambda: Checked(result.file, result, render(result.report, result.findings, hidden), 0.0),
                        self._checked, self._check_crashed, channel=Channel.CHECK)

    def recheck(self) -> None:
        """Check the draft shown again (F5, saved on disk); nothing while a newly opened draft is being checked."""
        if self.session is not None and self.state is not DraftState.OPENING:
            self._start_check(self.session.path, DraftState.RECHECKING)

    def cancel(self) -> None:
        """Drop the check running (or the retry waiting): what is shown stays."""
        self.runner.cancel(Channel.CHECK)
        self._retry.stop()
        self._settle()

    def close(self) -> None:
        """The window closes: drop the check running and watch the draft no more (what is shown stays)."""
        self.file_watch.clear()
        self.cancel()

    def leave(self) -> None:
        """No draft is shown any more: drop its check and stop watching it, so that no re-check brings it back."""
        self.session = None
        self.close()

    def _start_check(self, path: str, state: DraftState) -> None:
        self._retry.stop()
        self._set_state(state)
        self.file_watch.seen(path)
        self.started.emit(path)
        ignores = copy.deepcopy(self.ignores)
        previous = self.previous_reports.get(path)
        self.runner.run(lambda: check_and_render(path, ignores, previous), self._checked, self._check_crashed,
                        channel=Channel.CHECK)

    def _checked(self, checked: Checked) -> None:
        if not self.state.checking:
            return  # left or cancelled meanwhile
        if checked.result.error is not None:
            self._unreadable(checked)
            return
        replaced = self.session.result if self.state is not DraftState.OPENING else None
        if replaced is None:
            self.session = Session(checked.path, self.ignores)
            QTimer.singleShot(0, lambda p=checked.path: settings.add_recent(p))  # a file write: a step of its own
            self.file_watch.watch([checked.path])
        self.session.update(checked.result, checked.seconds)
        self._set_state(DraftState.SHOWN)
        self.checked.emit(checked, replaced)

    def _unreadable(self, checked: Checked) -> None:
        kept = self.state is not DraftState.OPENING
        if self.state is DraftState.RECHECKING:
            self._set_state(DraftState.RETRY_WAIT)
            self._retry.start()
        else:
            self._settle()
        self.unreadable.emit(checked.path, checked.result.error, kept)

    def _check_crashed(self, error: BaseException) -> None:
        self._settle()
        self.crashed.emit(error)

    def _retry_now(self) -> None:
        if self.state is DraftState.RETRY_WAIT and self.session is not None:
            self._start_check(self.session.path, DraftState.RETRYING)

    def _file_gone(self, _paths: list[str]) -> None:
        if self.session is not None:
            self.gone.emit(self.session.path)

    def _settle(self) -> None:
        """Nothing runs any more: the draft shown stays shown (or there is none)."""
        self._set_state(DraftState.SHOWN if self.session is not None else DraftState.EMPTY)

    def _set_state(self, state: DraftState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)

    # ------------------------------------------------------------ last year's report

    def compare_with(self, path: str) -> None:
        """Compare the draft shown with its agency's report of the year before, once that is checked and agrees."""
        if self.session is None or not self.session.readable:
            return
        draft = self.session.result
        self.runner.run(lambda: check_file(path), lambda last: self._previous_checked(draft, last), self.crashed.emit,
                        channel=Channel.PREVIOUS)

    def _previous_checked(self, draft: FileResult, last: FileResult) -> None:
        if self.session is None or self.session.path != draft.file:
            return
        if not is_previous(last, draft):
            self.previous_refused.emit(why_not_previous(last, [draft]))
            return
        self.previous_reports[draft.file] = last
        self.recheck()

    def document_shown(self) -> None:
        """The window has shown the check: once per opened draft, look for last year's report in its folder (now, so
        that no worker competes with showing it)."""
        if self.session is None or self.session.looked_for_previous:
            return
        self.session.looked_for_previous = True
        result = self.session.result
        if result.file in self.previous_reports or result.error is not None:
            return
        self.runner.run(lambda: previous_in_folder(result), lambda found: self._offer_previous(result, found),
                        channel=Channel.OFFER)

    def _offer_previous(self, result: FileResult, found: str | None) -> None:
        if found and self.session is not None and self.session.path == result.file \
                and result.file not in self.previous_reports:
            self.previous_found.emit(found, result.report.year - 1)
