"""What the window's start imports: the engine without the libraries only the writers and other formats need.

Measured in the frozen Windows build under Wine (`-X importtime`), python-docx's import was 0.5 s of the start and
xml.sax.saxutils (urllib.request, http.client, …) 0.15 s; the readers name elements with app.draft.ooxml.qn instead.
"""
import subprocess
import sys

from docx.oxml.ns import qn as docx_qn

from app.draft.ooxml import NAMESPACES, qn
from tests.conftest import build
from tests.fixtures.datasets import sample_2021

LAZY = ("docx", "openpyxl", "pypdfium2", "xml.sax", "urllib.request")
WRITERS = ("docx", "openpyxl", "numpy", "PIL")  # openpyxl's package import brings numpy and Pillow where installed


def test_qn_is_python_docx_qn():
    for prefix in NAMESPACES:
        for local in ("p", "tbl", "val", "numPr"):
            assert qn(f"{prefix}:{local}") == docx_qn(f"{prefix}:{local}")


def test_engine_and_cli_import_no_writer_library():
    code = ("import sys, app.cli, app.engine, app.batch, app.fix.reread, app.provenance; "
            f"print([m for m in {LAZY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_checking_a_draft_imports_no_writer_library(tmp_path):
    """The readers parse .docx and .xlsx themselves: checking one (0.03 s) never pays openpyxl's import (0.2 s)."""
    paths = [build("docx_plain", sample_2021(), tmp_path, "a"), build("xlsx_per_table", sample_2021(), tmp_path, "b")]
    code = ("import sys; from app.engine import check_file; "
            f"results = [check_file(p) for p in {[str(p) for p in paths]!r}]; "
            "assert all(r.report is not None for r in results); "
            f"print([m for m in {WRITERS!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
