"""Background work as a function plus a main-thread callback; a newer task on the same channel makes older ones stale."""
from __future__ import annotations

import enum
import itertools
import sys
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Channel(enum.Enum):
    """What a task is for: a newer task on the same channel makes the older ones stale."""

    CHECK = enum.auto()  # the open draft's check (or, opened from the batch, its rendering)
    RENDER = enum.auto()  # the open draft rendered again after 忽略 or 不再提示
    PREVIOUS = enum.auto()  # the report chosen to compare the open draft with, checked
    OFFER = enum.auto()  # the open draft's folder searched for last year's report
    BATCH_DRAFT = enum.auto()  # a batch draft checked again; one channel a draft: (BATCH_DRAFT, its path)


Key = Hashable  # a Channel, or a (Channel, str) of one channel a draft


class _Relay(QObject):
    """Lives on the main thread; the worker emits `finished` and Qt queues the call to the main thread.

    Signals:
        finished(ticket, result, error): a task ended with a result or an exception.
    """

    finished = Signal(int, object, object)


class _Job(QRunnable):
    def __init__(self, ticket: int, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.ticket, self.fn, self.relay = ticket, fn, relay

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except BaseException as exc:  # handed to the main thread, never lost on the worker
            result, error = None, exc
        self.relay.finished.emit(self.ticket, result, error)


class TaskRunner(QObject):
    """Runs functions on a thread pool and calls back on the main thread; stale results are dropped."""

    def __init__(self, parent: QObject | None = None, threads: int = 2):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._tickets = itertools.count(1)
        self._latest: dict[Key, int] = {}
        self._callbacks: dict[int, tuple[Key, Done, Failed | None]] = {}

    def run(self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None, channel: Key = Channel.CHECK) -> int:
        """Start fn() in the pool; on_done(result) or on_error(exception) runs later on the main thread."""
        ticket = next(self._tickets)
        self._latest[channel] = ticket
        self._callbacks[ticket] = (channel, on_done, on_error)
        self._pool.start(_Job(ticket, fn, self._relay))
        return ticket

    def cancel(self, channel: Key = Channel.CHECK) -> None:
        """Drop the result of the task running on a channel (Python threads cannot be stopped)."""
        self._latest.pop(channel, None)

    def busy(self, channel: Key = Channel.CHECK) -> bool:
        return channel in self._latest

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every started task has finished (for shutdown and benchmarks)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object, object)
    def _deliver(self, ticket: int, result: Any, error: BaseException | None) -> None:
        channel, on_done, on_error = self._callbacks.pop(ticket)
        if self._latest.get(channel) != ticket:
            return  # a newer task replaced this one
        del self._latest[channel]
        _call(on_done, on_error, result, error)


class SyncTaskRunner:
    """The same interface, running each function at once on the calling thread (tests)."""

    def run(self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None, channel: Key = Channel.CHECK) -> int:
        try:
            result, error = fn(), None
        except Exception as exc:
            result, error = None, exc
        _call(on_done, on_error, result, error)
        return 0

    def cancel(self, channel: Key = Channel.CHECK) -> None:
        pass

    def busy(self, channel: Key = Channel.CHECK) -> bool:
        return False

    def wait(self, msecs: int = 30000) -> bool:
        return True


def _call(on_done: Done, on_error: Failed | None, result: Any, error: BaseException | None) -> None:
    if error is None:
        on_done(result)
    elif on_error is not None:
        on_error(error)
    else:
        sys.excepthook(type(error), error, error.__traceback__)
