"""Is there a screen for the window? Answered before the QApplication exists: without one Qt aborts (exit 134)."""
from __future__ import annotations

import contextlib
import os
import sys

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

NO_DISPLAY_EXIT = 2


def no_display_message(files: list[str] = ()) -> str:
    """The one line said instead of a window: why, and the command line to use instead (with the files given)."""
    command = "gov-report-check" if getattr(sys, "frozen", False) else "python -m app"
    files = " ".join(_quoted(f) for f in files) or "文件"
    return f"无法打开窗口：没有可用的图形显示（图形界面未启动或未设置 DISPLAY）。请改用命令行检查：{command} check {files}\n"


def _quoted(arg: str) -> str:
    return f'"{arg}"' if any(c.isspace() for c in arg) else arg


def missing(argv: list[str], environ=os.environ, platform: str = sys.platform) -> bool:
    """On Linux and other X11/Wayland systems: no display to connect to, and no Qt platform chosen by hand."""
    if platform in ("win32", "darwin", "cygwin"):
        return False
    if environ.get("QT_QPA_PLATFORM") or any(a == "-platform" or a.startswith("-platform=") for a in argv):
        return False
    return not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")


@contextlib.contextmanager
def exit_if_platform_fails(files: list[str] = ()):
    """While the QApplication is created: if Qt's platform plugin cannot start (no X server behind DISPLAY, a
    library such as xcb-cursor0 missing), say so in one Chinese line and exit 2 instead of Qt's abort."""
    held: list[str] = []

    def handler(kind, _context, message) -> None:
        if kind == QtMsgType.QtFatalMsg:
            sys.stderr.write(no_display_message(files))
            sys.stderr.flush()
            os._exit(NO_DISPLAY_EXIT)  # Qt would abort() right after this handler returns
        held.append(message)

    qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(None)
        for message in held:  # the platform did start: Qt's notes go where they would have gone
            sys.stderr.write(message + "\n")
