"""Speed benchmark: check time of a typical draft against the python-docx floor, and a folder of 100.

Usage: python scripts/bench.py [DRAFT.docx]   (default: the bundled sample draft)
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import docx  # noqa: E402

from app.engine import check_file  # noqa: E402

SAMPLE = os.path.join(ROOT, "resources", "samples", "示例_2024年政府信息公开工作年度报告.docx")


def python_docx_floor(path: str) -> None:
    """The bare cost: open the file with python-docx and touch every paragraph and cell's text."""
    document = docx.Document(path)
    for p in document.paragraphs:
        _ = p.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def median_seconds(fn, path: str, runs: int) -> float:
    fn(path)  # warm-up: imports and caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def folder_seconds(path: str, copies: int) -> tuple[float, float]:
    """(in-process seconds, whole `python -m app check DIR --format json` seconds) for `copies` drafts."""
    with tempfile.TemporaryDirectory() as folder:
        for i in range(copies):
            shutil.copy(path, os.path.join(folder, f"草稿{i:03d}.docx"))
        start = time.perf_counter()
        for name in sorted(os.listdir(folder)):
            check_file(os.path.join(folder, name))
        in_process = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "app", "check", folder, "--format", "json"], cwd=ROOT,
                       stdout=subprocess.DEVNULL, check=False)
        cli = time.perf_counter() - start
    return in_process, cli


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else SAMPLE
    check = median_seconds(check_file, path, 30)
    floor = median_seconds(python_docx_floor, path, 30)
    in_process, cli = folder_seconds(path, 100)
    print(f"draft: {os.path.basename(path)} ({os.path.getsize(path) // 1024} KB)")
    print(f"check one draft, median of 30: {check * 1000:.1f} ms")
    print(f"python-docx floor (open + iterate), median of 30: {floor * 1000:.1f} ms")
    print(f"ratio check / floor: {check / floor:.2f}x (target <= 2x)")
    print(f"100 drafts in process: {in_process:.2f} s; `python -m app check DIR --format json`: {cli:.2f} s "
          f"(target < 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
