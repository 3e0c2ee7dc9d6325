"""Drafts watched on disk (the single view's and the batch's): saved by a rename as Word does, moved away and back."""
from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 300  # a save in Word/WPS fires several events; look once they settle
MISSING_POLL_MS = 1000  # while a file is away, look for it again (its folder may have gone with it)


def file_stat(path: str) -> tuple | None:
    """What tells a save apart: modification time, size, inode; None when the file is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


class FileWatch(QObject):
    """Watches files and their folders; once events settle, says which files changed, went away or came back.

    Signals:
        changed(list): files whose content differs from when they were last seen, or that came back.
        gone(list): files that are no longer there (said once until they are back).
    """

    changed = Signal(list)
    gone = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._seen: dict[str, tuple | None] = {}  # path → its stat when last seen
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._event)
        self._watcher.directoryChanged.connect(self._event)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.look)
        self._poll = QTimer(self, interval=MISSING_POLL_MS)
        self._poll.timeout.connect(self.look)

    def watch(self, paths: list[str]) -> None:
        """Watch these files (and nothing else), as they are now."""
        self.clear()
        self._seen = {p: file_stat(p) for p in paths}
        self._renew()

    def clear(self) -> None:
        """Watch nothing."""
        self._settle.stop()
        self._poll.stop()
        self._seen = {}
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)

    def seen(self, path: str) -> None:
        """The file was just read as it is now (a check started): only later changes count."""
        if path in self._seen:
            self._seen[path] = file_stat(path)

    def paths(self) -> list[str]:
        return list(self._seen)

    def _event(self, _path: str) -> None:
        self._settle.start()

    def look(self) -> None:
        """Compare every watched file with how it was last seen; renew the watches a rename has dropped."""
        changed, gone = [], []
        for path, before in self._seen.items():
            now = file_stat(path)
            if now == before:
                continue
            self._seen[path] = now
            (gone if now is None else changed).append(path)
        self._renew()
        if gone:
            self.gone.emit(gone)
        if changed:
            self.changed.emit(changed)

    def _renew(self) -> None:
        """Watch each file that exists and each folder holding one; poll while a file is away."""
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        wanted = {p for p, st in self._seen.items() if st is not None}
        wanted |= {os.path.dirname(p) for p in self._seen}
        new = [p for p in wanted - watched if os.path.exists(p)]
        if new:
            self._watcher.addPaths(new)
        missing = any(st is None for st in self._seen.values())
        if missing and not self._poll.isActive():
            self._poll.start()
        elif not missing:
            self._poll.stop()
