"""Speed of published reports: a 10-page report PDF against PDFium's own bare extraction, a saved web page, and a
folder of 100 pages and PDFs from the command line (issue 18 item 7).

Usage: python scripts/bench_published.py   (needs LibreOffice for the PDFs; the last line is the summary)
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.engine import check_file  # noqa: E402
from tests.fixtures.data import with_cell  # noqa: E402
from tests.fixtures.datasets import sample_2021  # noqa: E402
from tests.fixtures.docx_builders import write_docx_built  # noqa: E402
from tests.fixtures.printed_pdfs import print_to_pdf  # noqa: E402
from tests.fixtures.web_pages import write_mhtml, write_page  # noqa: E402

TARGET_PDF_S, TARGET_PAGE_S, TARGET_BATCH_S = 1.5, 0.3, 30.0


def long_report(pages: int):
    """The sample report with its parts' prose repeated until Word lays it out on about `pages` pages."""
    data = with_cell(sample_2021(), "T3", "r3_1", "natural", "6")
    data.sections = [(heading, paragraphs * pages) for heading, paragraphs in data.sections]
    return data


def pdfium_floor(path: str) -> None:
    """PDFium's bare extraction: every page's text and every path object (what finding ruled tables needs)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(path)
    for page in document:
        textpage = page.get_textpage()
        textpage.get_text_range()
        for i in range(raw.FPDFPage_CountObjects(page.raw)):
            obj = raw.FPDFPage_GetObject(page.raw, i)
            if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH:
                raw.FPDFPath_CountSegments(obj)
        textpage.close()
        page.close()
    document.close()


def median(fn, path: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_count(path: str) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def report(folder: Path) -> list[str]:
    lines = []
    docx_path = folder / "long.docx"
    write_docx_built(long_report(13), docx_path)
    pdf = str(print_to_pdf([docx_path], folder / "pdf")[docx_path])
    check_file(pdf)  # PDFium loaded once, as in a running window
    check = median(check_file, pdf, 9)
    floor = median(pdfium_floor, pdf, 9)
    lines.append(f"PDF of {page_count(pdf)} pages: check {check:.3f} s median of 9, PDFium bare text+paths "
                 f"{floor:.3f} s, ratio {check / floor:.1f}x (target < {TARGET_PDF_S} s)")
    page = str(write_page(sample_2021(), folder / "page.html", "gb2312"))
    check_file(page)
    page_s = median(check_file, page, 21)
    lines.append(f"saved web page ({os.path.getsize(page) // 1024} KB, GBK, site chrome): check {page_s * 1000:.0f} ms "
                 f"median of 21 (target < {TARGET_PAGE_S * 1000:.0f} ms)")
    batch = folder / "batch"
    batch.mkdir()
    short_pdf = folder / "short" / "page.html"
    short_pdf.parent.mkdir()
    shutil.copy(page, short_pdf)
    printed = print_to_pdf([short_pdf], folder / "short_pdf")[short_pdf]
    for i in range(34):
        shutil.copy(page, batch / f"page{i:02d}.html")
        write_mhtml(sample_2021(), batch / f"page{i:02d}.mhtml")
        shutil.copy(printed if i % 3 else pdf, batch / f"report{i:02d}.pdf")
    files = len(os.listdir(batch))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", "check", str(batch), "--format", "json"], cwd=ROOT,
                   capture_output=True, check=False)
    batch_s = time.perf_counter() - start
    lines.append(f"{files} pages and PDFs (34 .html, 34 .mhtml, 34 PDFs, 12 of them {page_count(pdf)} pages): "
                 f"`python -m app check DIR --format json` {batch_s:.1f} s (target < {TARGET_BATCH_S:.0f} s)")
    lines.append(f"PUBLISHED pdf_s={check:.2f} pdf_ratio={check / floor:.1f} page_s={page_s:.3f} batch_s={batch_s:.1f}")
    return lines


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        for line in report(Path(folder)):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
