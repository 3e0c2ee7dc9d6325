"""The Linux build of build.spec as a user runs it: check, the window offscreen, fix, and what it leaves out.

`pyinstaller build.spec` runs once per session into a temporary folder (2–3 minutes), then `-- --onedir` (the
folder the installers ship, reusing the analysis: under a minute) and the .deb's file tree is laid out from it.
The everyday suite leaves them out (pyproject's addopts); `.ci/run` runs them as a step of their own:
`python -m pip install -e ".[build]" && python -m pytest -q -m package`.
"""
from __future__ import annotations

import configparser
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import docx
import pytest

pytest.importorskip("PyInstaller", reason="PyInstaller not installed: pip install -e .[build]")
from PyInstaller.archive.readers import CArchiveReader  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from app import TOOL_NAME, __version__  # noqa: E402
from scripts import build_deb  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.package

SAMPLE = Path("resources") / "samples" / "示例_2024年政府信息公开工作年度报告.docx"  # relative: same "file" in JSON
EXECUTABLES = (TOOL_NAME, "gov-report-check")  # the window, and its console companion
LINUX_ONEFILE_LIMIT = 50 * 1024 * 1024
STATUS_BAR_PX = 40
KEPT_PLUGINS = {"platforms": {"qxcb", "qoffscreen"}, "imageformats": {"qico"}, "printsupport": None, "styles": None,
                "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}}


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """dist/ of one `pyinstaller build.spec` run in a temporary folder."""
    out = tmp_path_factory.mktemp("package")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "work"), "build.spec"],
        cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stderr[-4000:]
    return out / "dist"


@pytest.fixture(scope="session")
def onedir(dist) -> Path:
    """dist/gov-report-checker/ of `pyinstaller build.spec -- --onedir`, with the onefile run's analysis."""
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(dist.parent / "work"), "build.spec", "--", "--onedir"],
        cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stderr[-4000:]
    return dist / build_deb.PACKAGE


def run(command: list, **env_changes) -> subprocess.CompletedProcess:
    """Run from the repository root with `env_changes` applied (None removes a variable)."""
    env = {**os.environ, **{k: v for k, v in env_changes.items() if v is not None}}
    for name in (k for k, v in env_changes.items() if v is None):
        env.pop(name, None)
    return subprocess.run([str(c) for c in command], cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)


def archive_names(executable: Path) -> list[PurePosixPath]:
    """The files packed inside a onefile executable."""
    return [PurePosixPath(name) for name in CArchiveReader(str(executable)).toc]


@pytest.mark.parametrize("name", EXECUTABLES)
def test_check_json_is_the_same_as_from_source(dist, name):
    packaged = run([dist / name, "check", SAMPLE, "--format", "json"])
    source = run([sys.executable, "-m", "app", "check", SAMPLE, "--format", "json"])
    assert (packaged.returncode, source.returncode) == (1, 1), packaged.stderr  # the sample has error findings
    assert json.loads(packaged.stdout) == json.loads(source.stdout)
    assert json.loads(packaged.stdout)["reports"][0]["findings"]


@pytest.mark.parametrize("name", EXECUTABLES)
def test_version(dist, name):
    assert run([dist / name, "--version"]).stdout.strip() == f"{TOOL_NAME} {__version__}"


def test_window_screenshot_offscreen(dist, tmp_path):
    """`-platform offscreen` on the command line (as under Wine), no QT_QPA_PLATFORM: the same picture as from source."""
    packaged, source = tmp_path / "packaged.png", tmp_path / "source.png"
    result = run([dist / TOOL_NAME, SAMPLE, "--screenshot", packaged, "-platform", "offscreen"],
                 QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None)
    assert result.returncode == 0, result.stderr
    run([sys.executable, "-m", "app", SAMPLE, "--screenshot", source], QT_QPA_PLATFORM="offscreen")
    image, expected = QImage(str(packaged)), QImage(str(source))
    assert (image.width(), image.height()) == (expected.width(), expected.height()) and image.width() >= 600
    assert len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}) > 20
    above_status_bar = (0, 0, image.width(), image.height() - STATUS_BAR_PX)  # the status bar shows the check time
    assert image.copy(*above_status_bar) == expected.copy(*above_status_bar)  # same widgets, translations, fonts


def test_fix_writes_a_corrected_copy(dist, tmp_path):
    before = hashlib.sha256((ROOT / SAMPLE).read_bytes()).hexdigest()
    out = tmp_path / "修正版.docx"
    result = run([dist / "gov-report-check", "fix", SAMPLE, "-o", out])
    assert result.returncode == 0, result.stderr
    corrected = docx.Document(str(out))
    assert len(corrected.comments) > 0  # every change carries a Word comment
    assert "（本部分内容待补充）" in [p.text for p in corrected.paragraphs]  # the missing section 五 inserted
    assert hashlib.sha256((ROOT / SAMPLE).read_bytes()).hexdigest() == before


@pytest.mark.parametrize("name", EXECUTABLES)
def test_onefile_size_and_left_out_qt(dist, name):
    executable = dist / name
    assert executable.stat().st_size <= LINUX_ONEFILE_LIMIT
    names = archive_names(executable)
    text = "\n".join(map(str, names))
    assert not re.search(r"Qt6?(Network|Qml|Quick|OpenGL|Svg|Pdf|VirtualKeyboard|Wayland)", text)
    assert not [n for n in names if n.name.startswith("QtDBus")]  # the module; Linux's libQt6Gui links libQt6DBus
    translations = {n.name for n in names if n.suffix == ".qm" and n.parts[0] == "PySide6"}
    assert "qtbase_zh_CN.qm" in translations and all(re.fullmatch(r"qt(base)?_(zh_CN|en)\.qm", t)
                                                      for t in translations)
    plugins = [n for n in names if "plugins" in n.parts]
    for plugin in plugins:
        folder = plugin.parts[plugin.parts.index("plugins") + 1]
        assert folder in KEPT_PLUGINS, plugin
        assert KEPT_PLUGINS[folder] is None or re.sub(r"^lib|\.so$", "", plugin.name) in KEPT_PLUGINS[folder], plugin
    assert {"libqoffscreen.so", "libqxcb.so"} <= {p.name for p in plugins}
    assert {PurePosixPath("resources/icon.png"), PurePosixPath("resources/icon.ico"),
            PurePosixPath(SAMPLE.as_posix())} <= set(names)
    assert not [n for n in names if n.parts[:2] == ("resources", "screenshots")]  # README pictures stay out


@pytest.mark.parametrize("name", EXECUTABLES)
def test_onedir_check_json_and_version(onedir, name):
    """The one-folder executables (what the installer and the .deb install) answer as the source does."""
    packaged = run([onedir / name, "check", SAMPLE, "--format", "json"])
    source = run([sys.executable, "-m", "app", "check", SAMPLE, "--format", "json"])
    assert packaged.returncode == 1 and json.loads(packaged.stdout) == json.loads(source.stdout), packaged.stderr
    assert run([onedir / name, "--version"]).stdout.strip() == f"{TOOL_NAME} {__version__}"
    assert (onedir / "_internal" / SAMPLE).exists() and not (onedir / "_internal" / "resources" / "screenshots").exists()


def test_deb_tree(onedir, tmp_path):
    """The .deb's files: /opt folder, /usr/bin launchers, .desktop offering .docx/.xlsx, 7 hicolor icons, control."""
    tree = tmp_path / "root"
    build_deb.stage(tree, onedir)
    for name, executable in build_deb.LAUNCHERS.items():
        assert os.readlink(tree / "usr" / "bin" / name) == f"/opt/gov-report-checker/{executable}"
        assert (tree / "opt" / "gov-report-checker" / executable).stat().st_mode & 0o111
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(tree / "usr/share/applications/gov-report-checker.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Name"] == TOOL_NAME and entry["Exec"] == "gov-report-checker %f" and entry["Icon"] == "gov-report-checker"
    assert set(entry["MimeType"].strip(";").split(";")) == set(build_deb.MIME_TYPES.values())
    if shutil.which("desktop-file-validate"):
        validate = run(["desktop-file-validate", tree / "usr/share/applications/gov-report-checker.desktop"])
        assert validate.returncode == 0 and not validate.stdout, validate.stdout
    icons = sorted((tree / "usr/share/icons/hicolor").glob("*/apps/gov-report-checker.png"))
    sizes = {int(icon.parts[-3].split("x")[0]): QImage(str(icon)) for icon in icons}
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]
    assert all((image.width(), image.height()) == (n, n) for n, image in sizes.items())
    control = (tree / "DEBIAN" / "control").read_text(encoding="utf-8")
    assert f"Version: {__version__}\n" in control and "Architecture: amd64\n" in control
    assert re.search(r"^Depends: libc6 \(>= 2\.\d+\)", control, re.M), control
