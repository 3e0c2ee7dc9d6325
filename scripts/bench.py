"""Speed benchmark: check time of a typical draft against the python-docx floor, and a folder of 100; published
reports (scripts/bench_published.py) when LibreOffice can print the PDFs.

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
from pathlib import Path

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


PAGE_PARAGRAPHS = 5  # a page of a report: about five 150-character paragraphs


def long_draft(pages: int, folder: str) -> str:
    """A 2021-format draft of about `pages` A4 pages: the sample's 总体情况 paragraphs repeated, tables as usual."""
    from tests.fixtures.datasets import sample_2021
    from tests.fixtures.docx_builders import write_docx_built
    data = sample_2021()
    heading, paragraphs = data.sections[0]
    body = [p * max(1, 150 // len(p)) for p in paragraphs]
    data.sections[0] = (heading, [body[i % len(body)] for i in range(pages * PAGE_PARAGRAPHS)])
    path = os.path.join(folder, f"长草稿_{pages}页.docx")
    write_docx_built(data, path)
    return path


def check_in_fresh_process(path: str) -> tuple[float, float]:
    """(seconds, peak resident MB) of one check_file in a new interpreter, imports excluded from the time."""
    code = ("import resource, sys, time; sys.path.insert(0, sys.argv[2]); from app.engine import check_file; "
            "t = time.perf_counter(); check_file(sys.argv[1]); s = time.perf_counter() - t; "
            "print(s, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    done = subprocess.run([sys.executable, "-c", code, path, ROOT], capture_output=True, text=True, check=True)
    seconds, peak_mb = done.stdout.split()
    return float(seconds), float(peak_mb)


def long_draft_report(pages: int = 500) -> list[str]:
    """Check time and peak memory of drafts of pages/4, pages/2 and pages pages (target: linear, < 2 s, < 300 MB)."""
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (pages // 4, pages // 2, pages):
            path = long_draft(size, folder)
            seconds, peak_mb = check_in_fresh_process(path)
            lines.append(f"{size}-page draft ({os.path.getsize(path) // 1024} KB): check {seconds:.2f} s, "
                         f"peak memory {peak_mb:.0f} MB" + (" (target < 2 s, < 300 MB)" if size == pages else ""))
    return lines


SCALING_PAGES = (1, 6, 50, 100, 250, 500)  # .docx sizes; target: check <= 1x the python-docx floor at each
SCALING_ROWS = (100, 1000, 2500, 5000)  # .xlsx prose-sheet rows up to the row limit; target: <= 2x the openpyxl floor


def openpyxl_floor(path: str) -> None:
    """The bare cost of a workbook: open it with openpyxl and touch every cell's value."""
    import openpyxl
    for sheet in openpyxl.load_workbook(path).worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass


def best_seconds(fn, path: str, runs: int) -> float:
    """The fastest of `runs` calls after a warm-up: on a shared machine the least disturbed one."""
    fn(path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return min(times)


def scaling_report() -> list[str]:
    """check / floor at every size: drafts of 1 to 500 pages (tests/fixtures/big.py), workbooks up to the row limit."""
    from pathlib import Path

    from tests.fixtures.big import write_long_docx, write_long_xlsx
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        for pages in SCALING_PAGES:
            path = str(write_long_docx(pages, Path(folder) / f"草稿_{pages}页.docx"))
            runs = 9 if pages <= 100 else 5
            check, floor = best_seconds(check_file, path, runs), best_seconds(python_docx_floor, path, runs)
            lines.append(f"scaling docx {pages} pages: check {check * 1000:.1f} ms, python-docx floor "
                         f"{floor * 1000:.1f} ms, ratio {check / floor:.2f}x (target <= 1x)")
        for rows in SCALING_ROWS:
            path = str(write_long_xlsx(rows, Path(folder) / f"草稿_{rows}行.xlsx"))
            check, floor = best_seconds(check_file, path, 5), best_seconds(openpyxl_floor, path, 5)
            lines.append(f"scaling xlsx {rows} rows: check {check * 1000:.1f} ms, openpyxl floor "
                         f"{floor * 1000:.1f} ms, ratio {check / floor:.2f}x (target <= 2x)")
    return lines


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
    for line in long_draft_report():
        print(line)
    for line in scaling_report():
        print(line)
    if shutil.which("soffice"):  # published reports: a 10-page PDF, a saved page, 100 pages and PDFs
        from bench_published import report as published_report
        with tempfile.TemporaryDirectory() as folder:
            for line in published_report(Path(folder)):
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
