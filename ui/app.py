"""`python -m app [FILE] [--screenshot PNG]`: the QApplication, settings, translators, crash handler, window."""
from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from app import TOOL_NAME, __version__

from . import crash, display, i18n, settings, single_instance
from .paths import ICON_ICO, ICON_PNG

SCREENSHOT_SIZE = (1400, 900)
QT_VALUED_OPTIONS = ("-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-style", "-stylesheet",
                     "-qwindowgeometry", "-qwindowtitle", "-qwindowicon", "-display", "-geometry")
SCREENSHOT_TIMEOUT_MS = 120_000
_kept: list = []  # the translators, alive as long as the application


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's English usage errors → Chinese, exit 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\n")
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m app", description=f"{TOOL_NAME}：打开窗口检查年度报告草稿")
    p.add_argument("files", nargs="*", metavar="FILE", help="要检查的草稿（.docx / .xlsx）；多个文件或文件夹作为批量检查")
    p.add_argument("--screenshot", metavar="PNG", help="检查 FILE 并把 1400×900 的窗口截图保存为 PNG 后退出")
    return p


def _options_before_qt(argv: list[str]) -> argparse.Namespace:
    """Our arguments before Qt has taken its own out (Qt's options and their values are left aside)."""
    plain = [a for i, a in enumerate(argv) if a not in QT_VALUED_OPTIONS and (i == 0 or argv[i - 1] not in QT_VALUED_OPTIONS)]
    known, _ = _parser().parse_known_args(plain)
    return known


def application(argv: list[str]) -> QApplication:
    """The one QApplication (created with Qt's own arguments such as -platform offscreen)."""
    existing = QApplication.instance()
    if existing is not None:
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QCoreApplication.setOrganizationName(settings.ORGANIZATION)
    QCoreApplication.setApplicationName(settings.APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    with display.exit_if_platform_fails(_options_before_qt(argv).files):
        app = QApplication([sys.argv[0] if sys.argv else "app", *argv])
    QGuiApplication.setApplicationDisplayName(TOOL_NAME)
    for icon in (ICON_ICO if sys.platform == "win32" else ICON_PNG, ICON_PNG):
        if icon.exists():
            app.setWindowIcon(QIcon(str(icon)))
            break
    return app


def main(argv: list[str]) -> int:
    """Open the window (optionally on FILE); with --screenshot, save a picture of the checked file and exit."""
    early = _options_before_qt(argv)
    if display.missing(argv):
        sys.stderr.write(display.no_display_message(early.files))
        return display.NO_DISPLAY_EXIT
    lock = None
    if early.screenshot is None:  # before the QApplication: a second launch hands over and is gone at once
        lock = single_instance.claim()
        if lock is None and single_instance.hand_over([os.path.abspath(f) for f in early.files]):
            return 0  # the running window has them
    app = application(list(argv))
    options = _parser().parse_args(app.arguments()[1:])  # Qt has taken its own arguments out
    files = [os.path.abspath(f) for f in options.files]
    if options.screenshot is None:
        crash.install()
    _kept.extend(i18n.install(app))

    from .main_window import MainWindow
    window = MainWindow()
    if options.screenshot is not None:
        return screenshot(app, window, files, options.screenshot)
    inbox = single_instance.serve(window, lock) if lock is not None and lock.isLocked() else None
    window.show()
    if files:
        window.open_paths(files)
    code = app.exec()
    window.runner.wait(5000)
    if inbox is not None:
        inbox.close()
    return code


def screenshot(app: QApplication, window, files: list[str], png: str) -> int:
    """Render the window at 1400×900 once FILE's check (several: the batch) is shown, save it as PNG; 0 saved,
    2 otherwise."""
    window.interactive = False
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    outcome = {"code": 2}

    def save() -> None:
        app.processEvents()
        outcome["code"] = 0 if window.grab().save(png, "PNG") else 2
        app.exit(outcome["code"])

    window.check_shown.connect(lambda: QTimer.singleShot(50, save))
    window.batch.interactive = False
    window.batch.batch_finished.connect(lambda: QTimer.singleShot(50, save))  # several files: the batch table
    window.check_failed.connect(lambda _reason: app.exit(2))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: app.exit(2))
    if files:
        QTimer.singleShot(0, lambda: window.open_paths(files))
    else:
        QTimer.singleShot(0, save)  # the first event-loop turn after show(): the first painted window
    app.exec()
    window.runner.wait(5000)
    return outcome["code"]
