"""What watching a batch costs: 100 drafts in the window, one saved again (replaced by a rename, as Word does).

Usage: python scripts/bench_batch_watch.py [--drafts 100] [--runs 5]
The last line reads `WATCH files=… folders=… watch_ms=… look_ms=… row_ms=… checks=… max_block_ms=… idle_block_ms=…`:
watch_ms sets up the watches of every draft and its folder, look_ms is one comparison of every draft with how it
was seen (paid once per burst of folder events), row_ms is from the rename to the row and the header showing the new
verdict (the 300 ms settle included), checks how many drafts were checked again, max_block_ms the longest event-loop
stall meanwhile (a 10 ms timer, less the 10 ms) and idle_block_ms the same with nothing changing (the machine's load).
Medians over the runs.
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

from stall_meter import StallMeter  # noqa: E402


def wait_until(app, condition, timeout_s: float = 60) -> None:
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the row did not follow the change")
        app.processEvents()
        time.sleep(0.001)


def idle_stall(app, seconds: float = 1.0) -> float:
    """The longest stall of the same timer with nothing happening (what the machine's load alone costs)."""
    meter = StallMeter()
    end = meter.start() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    meter.stop()
    return meter.longest_ms


def one_change(app, window, changed: Path, content: Path) -> tuple[float, float, int]:
    """(ms from the rename to the new verdict in the row and header, longest stall in ms, drafts checked again)."""
    from ui.batch_model import Column


    page = window.batch
    checks = []
    page.watch.rechecked.connect(checks.append)
    before = page.title.text()
    tmp = changed.with_name("~WRL0001.tmp")
    shutil.copyfile(content, tmp)
    meter = StallMeter()
    start = meter.start()
    os.replace(tmp, changed)
    name = page.model.shown_name(str(changed))
    wait_until(app, lambda: page.title.text() != before and any(
        r[Column.FILE] == name and r[Column.VERDICT] == "不通过" for r in page.shown_rows()))
    seconds = time.perf_counter() - start
    app.processEvents()
    meter.stop()
    page.watch.rechecked.disconnect(checks.append)
    return seconds * 1000, meter.longest_ms, len(checks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from tests.fixtures.batch import write_many
    from ui.file_watch import FileWatch
    from ui.main_window import MainWindow
    from ui.paths import SAMPLE_DOCX

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        app = QApplication(sys.argv[:1])
        paths = [str(p) for p in write_many(Path(tmp) / "drafts", args.drafts)]
        folders = len({os.path.dirname(p) for p in paths})
        setup, look = [], []
        for _ in range(args.runs):
            watch = FileWatch()
            start = time.perf_counter()
            watch.watch(paths)
            setup.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            watch.look()
            look.append((time.perf_counter() - start) * 1000)
            watch.clear()
        window = MainWindow()
        window.batch.interactive = False
        window.show()
        loop = QEventLoop()
        window.batch.batch_finished.connect(loop.quit)
        window.open_batch([str(Path(tmp) / "drafts")])
        loop.exec()
        rows, stalls, checks, idle = [], [], [], []
        last_year = [p for p in paths if "2024" in os.path.basename(p) and p.endswith(".docx")]
        for run in range(args.runs):
            changed = Path(last_year[run % len(last_year)])
            idle.append(idle_stall(app))
            ms, stall, n = one_change(app, window, changed, SAMPLE_DOCX)
            rows.append(ms)
            stalls.append(stall)
            checks.append(n)
            print(f"run {run + 1}: {changed.name} saved again → row and header in {ms:.0f} ms, {n} check(s), "
                  f"longest stall {stall:.0f} ms (idle: {idle[-1]:.0f} ms)")
        window.close()
        del app
    print(f"WATCH files={len(paths)} folders={folders} watch_ms={statistics.median(setup):.1f} "
          f"look_ms={statistics.median(look):.2f} row_ms={statistics.median(rows):.0f} "
          f"checks={statistics.median(checks):.0f} max_block_ms={statistics.median(stalls):.0f} "
          f"idle_block_ms={statistics.median(idle):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
