"""Speed of the window, offscreen, with the real thread pool (issue 7 §11).

    python scripts/bench_gui.py [--runs N] [--pages 500]

drop_to_view_ms  dropping the bundled sample onto the window → its checked, highlighted view shown and painted
                 (median of N)
max_block_ms     the longest the event loop went without running while a 500-page draft was read, checked and
                 shown (a 5 ms QTimer heartbeat measures it: the largest gap between two beats)
big_view_ms      opening that 500-page draft → fully shown
The last line reads `GUI drop_to_view_ms=… max_block_ms=… big_view_ms=…`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QEventLoop, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent  # noqa: E402

from ui.app import application  # noqa: E402
from ui.paths import SAMPLE_DOCX  # noqa: E402

HEARTBEAT_MS = 5
PARAGRAPHS_PER_PAGE = 10  # an A4 page of 12 pt body text holds about 1 000 characters: ten paragraphs of FILLER
FILLER = ("本机关坚持以公开为常态、不公开为例外，围绕重点领域持续深化政务公开，及时回应社会关切，"
          "做好政策解读和信息发布工作，进一步提升政府信息公开的规范化、标准化水平，切实保障人民群众的知情权。")


def big_draft(path: Path, pages: int) -> Path:
    """The sample report stretched to about `pages` A4 pages: prose in every section and extra tables."""
    from docx import Document

    from tests.fixtures.data import with_cell
    from tests.fixtures.datasets import sample_2021
    from tests.fixtures.docx_builders import write_docx_built

    data = with_cell(sample_2021(year=2024), "T3", "r3_1", "total", "5")  # one broken sum to find and mark
    small = path.with_name("seed.docx")
    write_docx_built(data, small)
    doc = Document(str(small))
    body = doc.element.body
    anchor = doc.paragraphs[3]._p  # after the heading 一、总体情况
    for i in range(pages * PARAGRAPHS_PER_PAGE):
        p = doc.add_paragraph(f"（{i + 1}）{FILLER}")
        body.remove(p._p)
        anchor.addnext(p._p)
        anchor = p._p
    doc.save(str(path))
    return path


def drop(app, window, path: Path) -> None:
    """A file manager's drop of one file onto the window."""
    mime = QMimeData()  # must outlive the event
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    app.sendEvent(window, QDragEnterEvent(QPoint(400, 300), Qt.DropAction.CopyAction, mime, buttons, keys))
    app.sendEvent(window, QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime, buttons, keys))


def wait_for(window, start) -> float:
    """Run the event loop until the window shows a check; the time it was shown (perf_counter)."""
    done = {}
    loop = QEventLoop()
    window.check_shown.connect(lambda: (window.repaint(), done.setdefault("t", time.perf_counter()), loop.quit()))
    window.check_failed.connect(lambda reason: (done.setdefault("error", reason), loop.quit()))
    QTimer.singleShot(120_000, loop.quit)
    start()
    if not done:
        loop.exec()
    window.check_shown.disconnect()
    window.check_failed.disconnect()
    if "error" in done:
        raise SystemExit(done["error"])
    return done["t"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="window speed")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench_gui_"))
    from PySide6.QtCore import QSettings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = application([])
    from ui.main_window import MainWindow
    window = MainWindow()
    window.interactive = False
    window.resize(1400, 900)
    window.show()
    sample = Path(shutil.copy(SAMPLE_DOCX, work / SAMPLE_DOCX.name))

    drops = []
    for _ in range(args.runs + 1):
        started = time.perf_counter()
        shown = wait_for(window, lambda: drop(app, window, sample))
        drops.append((shown - started) * 1000)
        window.draft.leave()
    first, drops = drops[0], drops[1:]  # the first drop after start also loads fonts and warms caches
    print(f"drop → highlighted view of the sample: median {statistics.median(drops):.0f} ms "
          f"(min {min(drops):.0f}, max {max(drops):.0f}, {len(drops)} runs; the first drop after start "
          f"{first:.0f} ms)")

    big = big_draft(work / "五百页的草稿.docx", args.pages)
    print(f"{args.pages}-page draft: {args.pages * PARAGRAPHS_PER_PAGE} added paragraphs of {len(FILLER) + 6} characters, "
          f"{big.stat().st_size / 1e3:.0f} kB zipped")
    beats = []
    heartbeat = QTimer(interval=HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    heartbeat.start()
    started = time.perf_counter()
    beats.append(started)
    shown = wait_for(window, lambda: window.open_file(str(big)))
    heartbeat.stop()
    big_ms = (shown - started) * 1000
    gaps = [(b - a) * 1000 for a, b in zip(beats, beats[1:])]
    max_block = max(gaps)
    print(f"{args.pages}-page draft shown in {big_ms:.0f} ms: {len(window.view.rendered.chunks)} chunks, "
          f"{window.view.document().blockCount()} text blocks; longest event-loop gap {max_block:.0f} ms "
          f"({len(gaps)} heartbeats of {HEARTBEAT_MS} ms)")
    window.close()
    window.runner.wait()
    shutil.rmtree(work, ignore_errors=True)
    print(f"GUI drop_to_view_ms={statistics.median(drops):.0f} max_block_ms={max_block:.0f} big_view_ms={big_ms:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
