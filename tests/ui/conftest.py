"""The window's test setup: offscreen Qt, settings in tmp_path, a synchronous task runner, Qt warnings fail."""
from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists, whatever the machine has

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from tests.fixtures.datasets import sample_2021  # noqa: E402
from tests.fixtures.docx_builders import write_docx_built  # noqa: E402
from ui.paths import SAMPLE_DOCX  # noqa: E402

HERE = Path(__file__).resolve().parent
SAMPLE_XLSX = SAMPLE_DOCX.with_suffix(".xlsx")
# Messages of the offscreen platform plugin itself, not of the app.
QT_NOISE = (r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)",
            r"This plugin does not support grabbing the keyboard")


def pytest_collection_modifyitems(config, items):
    """Every test of the window fails on a Qt warning it did not expect."""
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.fixture(autouse=True)
def user_settings(tmp_path):
    """QSettings (INI, user scope) in a fresh folder per test."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(scope="session")
def translations(tmp_path_factory):
    """The .qm files, built from the committed .ts by the project's script (into a temporary folder)."""
    from scripts.build_translations import build
    return build(tmp_path_factory.mktemp("qm"))


@pytest.fixture
def make_window(qtbot):
    """make_window() → a MainWindow with the synchronous runner; dialogs are recorded in window.errors."""
    from ui.main_window import MainWindow
    from ui.tasks import SyncTaskRunner

    def make(runner=None):
        window = MainWindow(runner=runner or SyncTaskRunner())
        window.errors = []
        window._error = window.errors.append
        qtbot.addWidget(window)
        window.resize(1300, 850)
        window.show()
        qtbot.waitExposed(window)
        return window
    return make


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def sample_docx(tmp_path) -> Path:
    """A copy of the bundled sample (.docx) in tmp_path: never the repository's file."""
    return Path(shutil.copy(SAMPLE_DOCX, tmp_path / SAMPLE_DOCX.name))


@pytest.fixture
def sample_xlsx(tmp_path) -> Path:
    return Path(shutil.copy(SAMPLE_XLSX, tmp_path / SAMPLE_XLSX.name))


@pytest.fixture
def clean_docx(tmp_path) -> Path:
    """A 2024 draft without any error or warning."""
    path = tmp_path / "干净的草稿.docx"
    write_docx_built(sample_2021(year=2024), path)
    return path
