"""Shared test helpers: the draft layouts every rule is checked in, and a check-by-path shortcut."""
from __future__ import annotations

import importlib.metadata
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite and every program it starts keep their settings and logs in a folder of their own, never the user's.
_SANDBOX = Path(tempfile.mkdtemp(prefix="gov-report-checker-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["APPDATA"] = os.environ["LOCALAPPDATA"] = str(_SANDBOX / "appdata")
os.environ["GOV_REPORT_CHECKER_LOG_DIR"] = str(_SANDBOX / "log")

from app.engine import check_file, check_read_draft  # noqa: E402
from app.result import FileResult  # noqa: E402
from tests.fixtures.command_line import fork_server  # noqa: E402, F401  (the bounded command-line runs' server)
from tests.fixtures.docx_builders import write_docx_built, write_docx_from_template  # noqa: E402
from tests.fixtures.drafts import DRAFT_LAYOUTS, XLSX_DRAFT_LAYOUTS, built_draft  # noqa: E402

# The third-party conversions are session fixtures defined here once, so that every module shares one conversion
# (a fixture re-exported by two modules is two fixtures: each converted the same PDFs again).
from tests.fixtures.third_party import (  # noqa: E402, F401
    derived_docx,
    derived_html,
    derived_xlsx,
    huaian_tables_xlsx,
    published_docx,
    published_docx_resaved,
)
from tests.fixtures.xlsx_builders import write_xlsx_one_sheet, write_xlsx_per_table  # noqa: E402

SHARED = ROOT.parent / "shared"

# Markers for tests that need something outside the repository; a marked test skips when it is absent.
RESOURCES = {
    "shared": (lambda: SHARED.is_dir(), "../shared (real corpus, contract validator) is not beside the repository"),
    "soffice": (lambda: shutil.which("soffice") is not None, "LibreOffice (soffice) is not installed"),
    "pdftotext": (lambda: shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed"),
}
# Parameter values that build a draft from the real blank template in ../shared/corpus.
TEMPLATE_PARAMS = {"docx_template", "template"}


# The session fixtures of third-party conversions (tests/fixtures/third_party.py), the package build
# (tests/test_package.py) and a module's own shared fixtures: under pytest-xdist each worker would convert, build or
# check again, so the tests that use them run in one worker (`--dist loadgroup`).
CONVERSIONS = {"published_docx", "published_docx_resaved", "derived_html", "derived_docx", "derived_xlsx",
               "huaian_tables_xlsx"}
# The pdf2docx conversions of the published PDFs (~25 s, the converters extra): their tests carry the marker pdf2docx,
# left out of the everyday suite and run by .ci/run as a step of its own.
PDF2DOCX = {"published_docx", "published_docx_resaved"}


@pytest.hookimpl(tryfirst=True)  # before xdist's worker reads the groups
def pytest_collection_modifyitems(items):
    """A test parametrized with the real-template layout needs ../shared; conversions' and build's tests are groups."""
    for item in items:
        params = getattr(item, "callspec", None)
        if params and TEMPLATE_PARAMS & {v for v in params.params.values() if isinstance(v, str)}:
            item.add_marker(pytest.mark.shared)
        used = set(getattr(item, "fixturenames", ()))
        if PDF2DOCX & used:
            item.add_marker(pytest.mark.pdf2docx)
        if CONVERSIONS & used:
            item.add_marker(pytest.mark.xdist_group("conversions"))
        elif item.get_closest_marker("package"):
            item.add_marker(pytest.mark.xdist_group("package"))
        elif _uses_a_shared_fixture_of_its_module(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


def pytest_configure(config):
    """Refuse a pytest whose node ids pytest-xdist 3.8 cannot tag: its --dist loadgroup would then ignore every group
    silently, and each worker make the shared fixtures again (pytest-dev/pytest-xdist#1386)."""
    if config.getoption("dist", "no") != "loadgroup":
        return
    xdist = tuple(int(p) for p in importlib.metadata.version("pytest-xdist").split(".")[:2])
    if pytest.version_tuple[:2] >= (9, 2) and xdist <= (3, 8):
        raise pytest.UsageError(f"pytest {pytest.__version__} with pytest-xdist {'.'.join(map(str, xdist))} ignores "
                                "the suite's xdist groups: install the test extra's pytest (pip install -e '.[test]')")


def _uses_a_shared_fixture_of_its_module(item) -> bool:
    """The test uses a module- or session-scoped fixture its own module defines (a checked batch folder, LibreOffice
    conversions): its module's tests that do then run in one worker, which makes the fixture once."""
    info = getattr(item, "_fixtureinfo", None)
    module = getattr(getattr(item, "module", None), "__name__", None)
    for defs in (info.name2fixturedefs.values() if info else ()):
        fixture = defs[-1]
        if fixture.scope in ("module", "session") and getattr(fixture.func, "__module__", None) == module:
            return True
    return False


def pytest_runtest_setup(item):
    for name, (available, reason) in RESOURCES.items():
        if item.get_closest_marker(name) and not available():
            pytest.skip(reason)

# name → (writer, file extension); every writer takes (ReportData, path).
LAYOUTS = {
    "docx_template": (write_docx_from_template, ".docx"),
    "docx_plain": (write_docx_built, ".docx"),
    "docx_heading_style": (lambda d, p: write_docx_built(d, p, headings="heading_style"), ".docx"),
    "docx_bold": (lambda d, p: write_docx_built(d, p, headings="bold", title_lines=2), ".docx"),
    "docx_numbered": (lambda d, p: write_docx_built(d, p, headings="numbered"), ".docx"),
    "docx_split_t3": (lambda d, p: write_docx_built(d, p, split_t3=True), ".docx"),
    "xlsx_per_table": (write_xlsx_per_table, ".xlsx"),
    "xlsx_per_table_values": (lambda d, p: write_xlsx_per_table(d, p, formulas=False), ".xlsx"),
    "xlsx_one_sheet": (write_xlsx_one_sheet, ".xlsx"),
}
# The layouts rule tests check: the built .docx and .xlsx layouts as in-memory drafts (tests/fixtures/drafts.py,
# no file written or read), and the real template as a file.
RULE_LAYOUTS = [*DRAFT_LAYOUTS, "docx_template"]


def build(layout: str, data, folder: Path, name: str = "draft") -> Path:
    writer, ext = LAYOUTS[layout]
    path = folder / f"{name}{ext}"
    writer(data, path)
    return path


def keys(findings, severities=("error", "info")) -> set[tuple]:
    """The (rule, table, row, col, group, section) of findings of the given severities."""
    return {(f.rule, f.table, f.row, f.col, f.group, f.section) for f in findings if f.severity in severities}


def check_draft_result(draft) -> FileResult:
    """What check_file answers for a file that reads as this draft, without the file."""
    return check_read_draft(draft, draft.path)


def check_built(data, folder: Path, name: str = "draft", layout: str = "draft_plain") -> FileResult:
    """What check_file answers for the file folder/name would be in an in-memory layout, without writing it."""
    ext = ".xlsx" if layout in XLSX_DRAFT_LAYOUTS else ".docx"
    return check_draft_result(built_draft(data, layout, path=str(folder / f"{name}{ext}")))


@pytest.fixture
def check(tmp_path):
    """Build a draft in a layout (a file layout of LAYOUTS or an in-memory one of DRAFT_LAYOUTS) and check it:
    check(layout, data) → FileResult."""
    def run(layout: str, data, name: str = "draft"):
        if layout in DRAFT_LAYOUTS:
            return check_built(data, tmp_path, name, layout)
        result = check_file(str(build(layout, data, tmp_path, name)))
        assert result.error is None, result.error
        return result
    return run
