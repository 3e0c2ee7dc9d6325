"""Reviewer-mode speed: 100 drafts from the command line and in the window, and how long the event loop stalls.

Usage: python scripts/bench_batch.py [--drafts 100] [--runs 3]
The last line reads `BATCH cli_100_s=… gui_100_s=… max_block_ms=…` (medians over the runs; the window's runs
start with cold worker processes, as the first drop of a folder does; max_block_ms is the longest gap between
two ticks of a 10 ms timer during the batch, less the 10 ms).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stall_meter import StallMeter  # noqa: E402


def cli_seconds(folder: Path) -> tuple[float, int]:
    """Wall time of `python -m app check DIR --format json` (interpreter start included) and the reports it gave."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "app", "check", str(folder), "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    return seconds, len(json.loads(done.stdout)["reports"])


def gui_run(folder: Path) -> tuple[float, float, int]:
    """(seconds from the drop to the finished table, longest event-loop stall in ms, rows) in a fresh window."""
    from PySide6.QtCore import QEventLoop

    from ui.main_window import MainWindow

    window = MainWindow()
    window.batch.interactive = False
    window.show()
    loop = QEventLoop()
    window.batch.batch_finished.connect(loop.quit)
    meter = StallMeter()
    start = meter.start()
    window.open_batch([str(folder)])
    loop.exec()
    seconds = time.perf_counter() - start
    meter.stop()
    rows = len(window.batch.model.results())
    window.close()
    return seconds, meter.longest_ms, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from tests.fixtures.batch import write_many

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        app = QApplication(sys.argv[:1])
        folder = Path(tmp) / "drafts"
        start = time.perf_counter()
        write_many(folder, args.drafts)
        print(f"{args.drafts} drafts written in {time.perf_counter() - start:.1f} s ({os.cpu_count()} cores)")
        cli, gui, block = [], [], []
        for run in range(args.runs):
            seconds, reports = cli_seconds(folder)
            cli.append(seconds)
            g, b, rows = gui_run(folder)
            gui.append(g)
            block.append(b)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            print(f"run {run + 1}: cli {seconds:.2f} s ({reports} reports), window {g:.2f} s ({rows} rows), "
                  f"longest stall {b:.0f} ms (load average {load:.1f}: other programs compete for the cores)")
        del app
    n = args.drafts
    print(f"BATCH cli_{n}_s={statistics.median(cli):.2f} gui_{n}_s={statistics.median(gui):.2f} "
          f"max_block_ms={statistics.median(block):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
