"""Render the window's screenshots offscreen (a CJK font such as fonts-wqy-microhei must be installed).

    python scripts/screenshots.py [OUT_DIR] [--readme]   # default OUT_DIR: build/screenshots/

--readme also copies the README's two pictures (problems.png, preview.png) into resources/screenshots/.

empty.png      the empty window: drop zone, 打开文件… / 打开示例, recent files
problems.png   the bundled sample: marks in the document, the verdict and findings, one finding chosen
clean.png      a draft without problems: 通过
xlsx.png       the sample as an .xlsx workbook: its sheets, merges and marks
preview.png    打印检查报告: the print preview of the check summary
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtPrintSupport import QPrintPreviewWidget  # noqa: E402

from ui.app import SCREENSHOT_SIZE, application  # noqa: E402
from ui.paths import SAMPLE_DOCX  # noqa: E402


def settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def show(window, path: Path) -> None:
    """Open a draft and wait until its check is shown."""
    loop = QEventLoop()
    window.check_shown.connect(loop.quit)
    window.check_failed.connect(lambda reason: sys.exit(f"无法读取 {path}: {reason}"))
    window.open_file(str(path))
    loop.exec()
    window.check_shown.disconnect(loop.quit)
    settle()


def save(widget, path: Path) -> None:
    if not widget.grab().save(str(path), "PNG"):
        sys.exit(f"无法保存 {path}")
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


README_PICTURES = ("problems.png", "preview.png")


def main(argv: list[str]) -> int:
    readme = "--readme" in argv
    folders = [a for a in argv if a != "--readme"]
    out = Path(folders[0]) if folders else ROOT / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.gettempdir()) / "年报草稿"  # the folder the pictures show
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    application([])
    from tests.fixtures.datasets import sample_2021
    from tests.fixtures.docx_builders import write_docx_built
    from ui import settings
    from ui.main_window import MainWindow
    from ui.printing import preview_dialog

    sample = Path(shutil.copy(SAMPLE_DOCX, work / SAMPLE_DOCX.name))
    sample_xlsx = Path(shutil.copy(SAMPLE_DOCX.with_suffix(".xlsx"), work / SAMPLE_DOCX.with_suffix(".xlsx").name))
    clean = work / "示例市生态环境局2024年政府信息公开工作年度报告.docx"
    write_docx_built(sample_2021(year=2024), clean)
    settings.put(settings.RECENT_FILES, [str(clean), str(sample_xlsx)])

    window = MainWindow()
    window.interactive = False
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    settle()
    save(window, out / "empty.png")

    show(window, sample)
    findings = window.draft.session.result.findings
    chosen = next(i for i, f in enumerate(findings) if f.rule == "arith.suspect_cell" and f.table == "T3")
    window.panel.select_findings([chosen])
    window.view.scroll_to(window.view.rendered.target[chosen], flash=False)
    settle()
    save(window, out / "problems.png")

    show(window, clean)
    save(window, out / "clean.png")

    show(window, sample_xlsx)
    t4 = next(i for i, f in enumerate(window.draft.session.result.findings) if f.rule == "arith.group_total")
    window.view.scroll_to(window.view.rendered.target[t4], flash=False)
    settle()
    save(window, out / "xlsx.png")

    show(window, sample)
    dialog = preview_dialog(window, window.copies.summary_html())
    dialog.resize(1100, 900)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
    settle(600)
    save(dialog, out / "preview.png")
    dialog.close()
    window.close()
    window.runner.wait()
    shutil.rmtree(work, ignore_errors=True)
    if readme:
        pictures = ROOT / "resources" / "screenshots"
        pictures.mkdir(parents=True, exist_ok=True)
        for name in README_PICTURES:
            shutil.copyfile(out / name, pictures / name)
            print((pictures / name).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
