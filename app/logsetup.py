"""Where the engine's log goes: one file per user, Python warnings captured into it, nothing on the terminal."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from logging.handlers import RotatingFileHandler
from pathlib import Path

APP_FOLDER = "gov-report-checker"
LOG_FILE = "app.log"
LOG_DIR_VARIABLE = "GOV_REPORT_CHECKER_LOG_DIR"  # overrides the folder (tests, portable installs)
MAX_LOG_BYTES = 1_000_000
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_state: dict = {"file": None, "handler": None}


class _QuietFileHandler(RotatingFileHandler):
    """A rotating log file whose own failures (disk full, a locked file) stay silent instead of going to stderr."""

    def handleError(self, record):  # noqa: N802 (logging's name)
        pass


def log_folder() -> Path:
    """%LOCALAPPDATA%\\gov-report-checker\\log on Windows, ~/.cache/gov-report-checker/log elsewhere."""
    if os.environ.get(LOG_DIR_VARIABLE):
        return Path(os.environ[LOG_DIR_VARIABLE])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / APP_FOLDER / "log"
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / APP_FOLDER / "log"


def configure(folder: Path | None = None) -> Path | None:
    """Send every log record and Python warning to the log file; return its path (None: no writable folder).

    Never writes to the terminal: when no folder can be created the records are dropped, so a library's
    voice (openpyxl's UserWarning, a traceback) never reaches the user.
    """
    root = logging.getLogger()
    if _state["handler"] is not None:  # configured before (a second command in one process): replace it
        root.removeHandler(_state["handler"])
        _state["handler"].close()
    for candidate in (folder or log_folder(), Path(tempfile.gettempdir()) / APP_FOLDER / "log"):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = _QuietFileHandler(candidate / LOG_FILE, maxBytes=MAX_LOG_BYTES,
                                                         backupCount=1, encoding="utf-8")
        except OSError:
            continue
        _state["file"] = candidate / LOG_FILE
        break
    else:
        handler = logging.NullHandler()
        _state["file"] = None
    handler.setFormatter(logging.Formatter(_FORMAT))
    _state["handler"] = handler
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    return _state["file"]


def log_file() -> Path | None:
    """The log file configure() chose, or None when logging was not configured by this module."""
    return _state["file"]
