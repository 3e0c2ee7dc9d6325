"""The crash path: uncaught exception → log file → a minimal dialog with the log's path; it cannot itself crash."""
from __future__ import annotations

import contextlib
import datetime
import faulthandler
import logging
import platform
import sys
import tempfile
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from app import TOOL_NAME, __version__, logsetup

log = logging.getLogger("ui")
_state: dict = {}

_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def install(folder: Path | None = None) -> Path:
    """Route exceptions, faults and Qt's messages to the app's log folder (the engine's); return the folder."""
    log_path = logsetup.configure(folder)
    folder = log_path.parent if log_path is not None else Path(tempfile.gettempdir())
    _state["folder"] = folder
    try:
        _state["fault_file"] = open(folder / "fault.log", "a", encoding="utf-8")  # noqa: SIM115 (faulthandler keeps it)
        faulthandler.enable(_state["fault_file"])
    except OSError:
        pass
    sys.excepthook = handle_exception
    threading.excepthook = lambda args: handle_exception(args.exc_type, args.exc_value, args.exc_traceback)
    qInstallMessageHandler(_qt_message)
    return folder


def write_log(exc_type, exc, tb, folder: Path | None = None) -> Path:
    """Write one crash log with the traceback, version and platform; return its path."""
    folder = folder or _state.get("folder") or logsetup.log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.log"
    text = (f"{TOOL_NAME} {__version__}\nPython {sys.version}\n{platform.platform()}\n\n"
            + "".join(traceback.format_exception(exc_type, exc, tb)))
    path.write_text(text, encoding="utf-8")
    return path


def handle_exception(exc_type, exc, tb) -> None:
    """sys.excepthook: log, then tell the user where the log is; any failure here is swallowed."""
    if issubclass(exc_type, KeyboardInterrupt):
        return
    try:
        path = write_log(exc_type, exc, tb)
    except BaseException:
        path = None
    with contextlib.suppress(BaseException):
        log.error("uncaught exception", exc_info=(exc_type, exc, tb))
    try:
        show_dialog(path)
    except BaseException:
        with contextlib.suppress(BaseException):
            sys.stderr.write(f"内部错误，日志：{path}\n")


def show_dialog(path: Path | None) -> None:
    """A plain message box naming the log file (only when a QApplication exists and we are on its thread)."""
    from PySide6.QtCore import QCoreApplication, QThread
    from PySide6.QtWidgets import QApplication, QMessageBox
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not QCoreApplication.instance().thread():
        return
    where = f"\n\n日志文件：{path}" if path else ""
    QMessageBox.critical(None, f"{TOOL_NAME} 出错",
                         f"程序遇到内部错误，当前操作未完成；您的文件没有被修改。请把日志文件发给开发者。{where}")


def _qt_message(mode, context, message) -> None:
    with contextlib.suppress(BaseException):
        log.log(_QT_LEVELS.get(mode, logging.WARNING), "Qt: %s", message)
