"""The batch's drafts on disk: a draft saved again (or moved away and back) is checked again, in the background."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.batch import Checker
from app.engine import check_file, compare_if_previous
from app.result import FileResult

from .file_watch import FileWatch
from .tasks import Channel


def recheck_draft(path: str, previous: str | None, checker: Checker | None = None) -> FileResult:
    """Check one draft again, against the report of the year before it was paired with (runs on a worker thread;
    in the batch's worker processes when it has them, so that the window's own threads stay free)."""
    paths = [path] if previous is None else [path, previous]
    if checker is None or not checker.pays_off(len(paths)):
        return check_file(path, previous)
    (result, *last), _ = checker.check(paths)
    if last and result.error is None:
        compare_if_previous(result, last[0])
    return result


class BatchWatch(QObject):
    """Watches every draft of a batch; re-checks the ones that change and the drafts compared with them.

    Signals:
        rechecked(FileResult): a draft's new check.
    """

    rechecked = Signal(object)

    def __init__(self, runner, checker: Callable[[], Checker | None] = lambda: None, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.checker = checker  # the batch's worker processes, once started
        self.files = FileWatch(self)
        self.files.changed.connect(self._changed)
        self.files.gone.connect(self._changed)  # its row then says 无法读取 and why, until it is back
        self.previous: dict[str, str] = {}  # draft → last year's report the history rules compare it with
        self.paused = False  # while the batch runs, changes wait for its end
        self._waiting: set[str] = set()

    def start(self, paths: list[str]) -> None:
        """A new batch: watch its drafts as they are now; changes wait until resume()."""
        self.previous = {}
        self._waiting = set()
        self.paused = True
        self.files.watch(paths)

    def stop(self) -> None:
        self.files.clear()
        self._waiting = set()

    def paired(self, result: FileResult) -> None:
        """A draft's check came with (or without) last year's report."""
        if result.previous:
            self.previous[result.file] = result.previous
        else:
            self.previous.pop(result.file, None)

    def resume(self) -> None:
        """The batch ended: check again what changed meanwhile."""
        self.paused = False
        waiting, self._waiting = self._waiting, set()
        for path in sorted(waiting):
            self._recheck(path)

    def _changed(self, paths: list[str]) -> None:
        targets = set(paths) | {draft for draft, last in self.previous.items() if last in paths}
        if self.paused:
            self._waiting |= targets
            return
        for path in sorted(targets):
            self._recheck(path)

    def _recheck(self, path: str) -> None:
        previous, checker = self.previous.get(path), self.checker()
        self.runner.run(lambda: recheck_draft(path, previous, checker), self.rechecked.emit, channel=(Channel.BATCH_DRAFT, path))
