"""Without a graphical display the window says so in one Chinese line and exits 2 (never Qt's abort, exit 134)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui import display

ROOT = Path(__file__).resolve().parents[2]


def launch(draft: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "app", str(draft)], cwd=ROOT, env={**environ, **env},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11/Wayland only")
def test_no_display_says_so_and_exits_2(clean_docx):
    done = launch(clean_docx)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [display.no_display_message([str(clean_docx)]).rstrip("\n")]
    assert "没有可用的图形显示" in done.stderr and f"python -m app check {clean_docx}" in done.stderr


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11/Wayland only")
def test_a_display_nobody_serves_says_so_and_exits_2(clean_docx):
    done = launch(clean_docx, DISPLAY=":987")  # the xcb plugin cannot start: Qt's fatal error is caught
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [display.no_display_message([str(clean_docx)]).rstrip("\n")]


def test_which_systems_need_a_display():
    assert display.missing([], environ={}, platform="linux")
    assert not display.missing([], environ={"DISPLAY": ":0"}, platform="linux")
    assert not display.missing([], environ={"WAYLAND_DISPLAY": "wayland-0"}, platform="linux")
    assert not display.missing([], environ={"QT_QPA_PLATFORM": "offscreen"}, platform="linux")
    assert not display.missing(["-platform", "offscreen"], environ={}, platform="linux")
    assert not display.missing([], environ={}, platform="win32")
