"""The crash path writes a log with the traceback and tells where it is; it survives its own failures."""
from __future__ import annotations

import sys

from ui import crash


def _raise():
    raise RuntimeError("故意的错误")


def test_log_file_holds_version_and_traceback(tmp_path):
    try:
        _raise()
    except RuntimeError:
        path = crash.write_log(*sys.exc_info(), folder=tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "0." in text.splitlines()[0] and "RuntimeError: 故意的错误" in text and "_raise" in text


def test_handler_shows_the_log_path(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setitem(crash._state, "folder", tmp_path)
    monkeypatch.setattr(crash, "show_dialog", shown.append)
    try:
        _raise()
    except RuntimeError:
        crash.handle_exception(*sys.exc_info())
    assert shown and shown[0].parent == tmp_path and shown[0].read_text(encoding="utf-8")


def test_handler_cannot_crash_when_logging_and_dialog_fail(monkeypatch, tmp_path):
    def broken(*_args, **_kwargs):
        raise OSError("磁盘已满")
    monkeypatch.setattr(crash, "write_log", broken)
    monkeypatch.setattr(crash, "show_dialog", broken)
    try:
        _raise()
    except RuntimeError:
        crash.handle_exception(*sys.exc_info())  # must return normally
