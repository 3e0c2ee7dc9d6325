"""One long job of the batch page on a Python thread (its checks, its annotated copies), cancellable, its news queued."""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

Progress = Callable[[int, int, Any], None]


class BackgroundJob(QObject):
    """Runs `work(progress, cancelled)` on a thread of its own; lives on the main thread, so Qt queues its signals there.
    Once deleted (deleteLater) nothing more of it arrives: the batch page tells a stale job by `sender()`.

    Signals:
        progressed(done, total, item): one more item is done.
        finished(outcome): `work` returned.
        failed(error): `work` raised.
    """

    progressed = Signal(int, int, object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, name: str, work: Callable[[Progress, threading.Event], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(work,), name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Ask `work` to stop after the item it is doing."""
        self.cancelled.set()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout=timeout)

    def _run(self, work: Callable[[Progress, threading.Event], Any]) -> None:
        try:
            outcome = work(lambda done, total, item: self._send("progressed", done, total, item), self.cancelled)
        except BaseException as exc:  # handed to the main thread, never lost here
            self._send("failed", exc)
        else:
            self._send("finished", outcome)

    def _send(self, signal: str, *args) -> None:
        """Emit from the worker thread; nothing when the page (and this object with it) is already gone."""
        with contextlib.suppress(RuntimeError):  # the C++ object was deleted: nobody is listening any more
            getattr(self, signal).emit(*args)
