"""One running window per user: a second launch hands its files to the running window and brings it forward.

Built on QtCore alone (QtNetwork, and with it QLocalServer, is left out of the package for size): the running
window holds a QLockFile (a crashed window's lock is taken over: QLockFile sees that its process is gone); a second
launch writes its files as a request into the inbox folder beside the lock and waits until the running window has
taken it. A running window that does not take it in time (hung) is not waited for: the launch opens its own window.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import uuid
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, QTimer, Signal

from app.logsetup import APP_FOLDER

FOLDER_VARIABLE = "GOV_REPORT_CHECKER_INSTANCE_DIR"  # overrides the folder (tests, portable installs)
HAND_OVER_WAIT_S = 3.0  # how long a second launch waits for the running window to take its files
POLL_MS = 500  # the inbox is also looked at on a timer: a folder watch can miss an event on network drives
GATHER_MS = 300  # requests this close together (Explorer starts one launch per selected file) become one batch


def instance_folder() -> Path:
    """Per user: %LOCALAPPDATA%\\gov-report-checker\\instance on Windows, $XDG_RUNTIME_DIR/gov-report-checker or
    ~/.cache/gov-report-checker/instance elsewhere."""
    if os.environ.get(FOLDER_VARIABLE):
        return Path(os.environ[FOLDER_VARIABLE])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / APP_FOLDER / "instance"
    if os.environ.get("XDG_RUNTIME_DIR"):
        return Path(os.environ["XDG_RUNTIME_DIR"]) / APP_FOLDER
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / APP_FOLDER / "instance"


def claim(folder: Path | None = None) -> QLockFile | None:
    """The lock of the one running window; None when another window holds it (a stale lock is taken over).
    Where no lock can be made (a read-only folder) the lock returned is not held: the window runs unguarded."""
    folder = folder or instance_folder()
    lock = QLockFile(str(folder / "window.lock"))
    lock.setStaleLockTime(0)  # held as long as the window runs: stale only when its process is gone
    try:
        (folder / "inbox").mkdir(parents=True, exist_ok=True)
    except OSError:
        return lock
    if lock.tryLock(0) or lock.error() != QLockFile.LockError.LockFailedError:
        return lock
    return None


def hand_over(files: list[str], folder: Path | None = None, wait_s: float = HAND_OVER_WAIT_S) -> bool:
    """Give the running window these files (absolute paths; none: just come forward); True once it took them."""
    inbox = (folder or instance_folder()) / "inbox"
    request = inbox / f"{os.getpid()}-{uuid.uuid4().hex}.json"
    temporary = request.with_suffix(".part")
    try:
        temporary.write_text(json.dumps({"files": files}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, request)
    except OSError:
        return False
    _let_it_come_forward()
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(0.05)
    try:
        request.unlink()  # not taken: this launch opens its own window, the request must not arrive later
    except FileNotFoundError:
        return True  # taken at the last moment
    except OSError:
        pass
    return False


def _let_it_come_forward() -> None:
    """On Windows only the process the user just started may bring a window to the front: allow the running one."""
    if sys.platform == "win32":
        import ctypes
        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY


class Inbox(QObject):
    """The running window's side: takes each request of a later launch, oldest first.

    Signals:
        received(list): the files of one request (absolute paths; empty: just come forward).
    """

    received = Signal(list)

    def __init__(self, lock: QLockFile, folder: Path | None = None, parent=None):
        super().__init__(parent)
        self.lock = lock  # kept (and so held) as long as the window lives
        self.folder = (folder or instance_folder()) / "inbox"
        self._gather = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._gather.timeout.connect(self.take)
        self._watcher = QFileSystemWatcher([str(self.folder)], self)
        self._watcher.directoryChanged.connect(lambda _path: self._gather.start())
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.take)
        self._timer.start()

    def take(self) -> None:
        """Read and remove every waiting request (an unreadable one is dropped); their files arrive together."""
        try:
            requests = sorted(self.folder.glob("*.json"))
        except OSError:
            return
        if not requests:
            return
        files: list[str] = []
        for request in requests:
            try:
                asked = json.loads(request.read_text(encoding="utf-8")).get("files", [])
            except (OSError, ValueError, AttributeError):
                asked = []
            with contextlib.suppress(OSError):
                request.unlink(missing_ok=True)  # taken (or unreadable): never read again
            files += [f for f in asked if isinstance(f, str) and f not in files]
        self.received.emit(files)

    def close(self) -> None:
        self._timer.stop()
        self.lock.unlock()


def serve(window, lock: QLockFile, folder: Path | None = None) -> Inbox:
    """The running window takes later launches' files: one draft replaces the view, several become a batch."""
    inbox = Inbox(lock, folder, parent=window)
    inbox.received.connect(lambda files: _receive(window, files))
    return inbox


def _receive(window, files: list[str]) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    if files:
        window.open_paths(files)
