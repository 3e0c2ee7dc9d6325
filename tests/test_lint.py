"""The habits made mechanical: the ruff rule selection of pyproject.toml passes on the whole tree."""
import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(importlib.util.find_spec("ruff") is None,
                                reason="ruff not installed: pip install -e .[lint]")


def _ruff(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", *args],
                          cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120)


def test_ruff_passes():
    done = _ruff(".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_qt_is_banned_from_the_engine_and_allowed_in_ui():
    source = "import PySide6.QtCore\n\nprint(PySide6.QtCore.qVersion())\n"
    engine = _ruff("--stdin-filename", "app/probe.py", "-", stdin=source)
    window = _ruff("--stdin-filename", "ui/probe.py", "-", stdin=source)
    assert engine.returncode == 1 and "TID251" in engine.stdout
    assert window.returncode == 0, window.stdout
