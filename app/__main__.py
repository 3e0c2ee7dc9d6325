"""`python -m app`: the window for `[FILE]`, the command line for `check|fix|…`; the one place that knows ui/ exists."""
import multiprocessing
import sys

from . import cli

QT_MODULES = ("PySide6", "shiboken6")


def _window(argv: list[str]) -> int:
    """The window; from a source install without PySide6, the check summary on the terminal instead."""
    try:
        from ui.app import main as window_main
    except ImportError as exc:
        if not (exc.name or "").startswith(QT_MODULES) or getattr(sys, "frozen", False):
            raise  # our own defect, or a packaged app built without Qt: never a silent fallback
        sys.stderr.write("未安装 PySide6，无法打开窗口（pip install PySide6-Essentials）；以下为命令行检查结果。\n")
        files = [a for a in argv if not a.startswith("-")]
        return cli.check_summary(files[0]) if files else cli.main(["--help"])
    return window_main(argv)


def _pdf_renderer():
    """ui.printing.write_pdf for `check --format pdf`; None from a source install without PySide6."""
    try:
        from ui.printing import write_pdf
    except ImportError as exc:
        if not (exc.name or "").startswith(QT_MODULES) or getattr(sys, "frozen", False):
            raise  # our own defect, or a packaged app built without Qt: never a silent fallback
        return None
    return write_pdf


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # in a frozen app, a batch worker process (app/batch.py) runs here and exits
    argv = sys.argv[1:] if argv is None else argv
    return cli.main(argv, pdf_renderer=_pdf_renderer) if cli.is_command_line(argv) else _window(argv)


if __name__ == "__main__":
    sys.exit(main())
