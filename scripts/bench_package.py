"""Sizes of every artefact and time from launch to the first painted window, onefile and one-folder (README "Build").

    python scripts/bench_package.py [--runs N]

Needs the Linux builds in dist/ (built here by `pyinstaller build.spec [-- --onedir]` when missing) and, for the
Windows figures, the build of scripts/build-windows.sh in dist/windows/ with its Wine prefix in build/windows/prefix.
The one-folder figures are what the installer and the .deb install (the same files, run from dist/).
"First painted window" is measured as launch → the PNG of `--screenshot` (the empty window, offscreen) on disk:
the window has been laid out and painted once when it is grabbed. Each figure is the median of N runs after one
warm-up run. The last line is `PACKAGE linux_mb=… windows_mb=… setup_mb=… deb_mb=… linux_first_window_s=…
linux_onedir_first_window_s=… wine_first_window_s=… wine_onedir_first_window_s=… source_first_window_s=…`
(NA where a build is missing).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import TOOL_NAME  # noqa: E402

FOLDER = "gov-report-checker"  # the one-folder build's folder (build.spec -- --onedir)
LINUX_EXE = ROOT / "dist" / TOOL_NAME
LINUX_ONEDIR_EXE = ROOT / "dist" / FOLDER / TOOL_NAME
WINDOWS_EXE = ROOT / "dist" / "windows" / f"{TOOL_NAME}.exe"
WINDOWS_ONEDIR_EXE = ROOT / "dist" / "windows" / FOLDER / f"{TOOL_NAME}.exe"
SIZED = {  # every artefact a user downloads: name in the last line → path pattern below ROOT
    "linux_mb": f"dist/{TOOL_NAME}", "linux_cli_mb": "dist/gov-report-check", "deb_mb": f"dist/{FOLDER}_*.deb",
    "windows_mb": f"dist/windows/{TOOL_NAME}.exe", "windows_cli_mb": "dist/windows/gov-report-check.exe",
    "setup_mb": f"dist/windows/{TOOL_NAME}-安装程序-*.exe"}
WINE_PREFIX = ROOT / "build" / "windows" / "prefix"
TIMEOUT_S = 120


def first_window_seconds(command: list[str], png: Path, env: dict) -> tuple[float, float]:
    """(Seconds from starting `command` until `png` written by --screenshot is complete, CPU seconds of the run)."""
    png.unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not (png.exists() and png.read_bytes().endswith(b"IEND\xaeB`\x82")):
        if process.poll() is not None or time.perf_counter() - start > TIMEOUT_S:
            process.kill()
            raise RuntimeError(f"{command[0]} wrote no complete {png} (exit status {process.returncode})")
        time.sleep(0.005)
    wall = time.perf_counter() - start
    _, _, usage = os.wait4(process.pid, 0)  # CPU of the process and the children it waited for, up to its exit
    process.returncode = 0
    return wall, usage.ru_utime + usage.ru_stime


def median_first_window(command_for, env: dict, runs: int) -> tuple[float, float]:
    """Medians of wall and CPU seconds over `runs` timed launches after one warm-up; command_for(png) → argv."""
    with tempfile.TemporaryDirectory() as folder:
        png = Path(folder) / "window.png"
        first_window_seconds(command_for(png), png, env)
        walls, cpus = zip(*(first_window_seconds(command_for(png), png, env) for _ in range(runs)))
        return statistics.median(walls), statistics.median(cpus)


def wine_path(path: Path) -> str:
    return subprocess.run(["winepath", "-w", str(path)], capture_output=True, text=True, check=True,
                          env=wine_env()).stdout.strip()


def wine_env() -> dict:
    """Wine with the prefix of scripts/build-windows.sh and a zh-CN user locale (the window in Chinese)."""
    return {**os.environ, "WINEPREFIX": str(WINE_PREFIX), "WINEDEBUG": "-all", "LANG": "zh_CN.UTF-8",
            "LC_CTYPE": "C.UTF-8"}  # a UTF-8 locale glibc has: Wine maps Chinese file names with it


def megabytes(pattern: str) -> str:
    """Size of the newest file matching `pattern` below ROOT, in MB ("NA" when there is none)."""
    found = sorted(ROOT.glob(pattern), key=lambda p: p.stat().st_mtime)
    return f"{found[-1].stat().st_size / 1024 / 1024:.1f}" if found else "NA"


def wine_seconds(executable: Path, runs: int) -> str:
    """Median seconds to the first window of a Windows executable under Wine ("NA" without it or Wine)."""
    if not (executable.exists() and shutil.which("wine")):
        return "NA"
    # Wine does not pass QT_* variables: the platform goes on the command line. (wineserver's CPU is not counted.)
    seconds, _ = median_first_window(
        lambda png: ["wine", str(executable), "--screenshot", wine_path(png), "-platform", "offscreen"],
        wine_env(), runs)
    return f"{seconds:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    for executable, spec_args in ((LINUX_EXE, []), (LINUX_ONEDIR_EXE, ["--", "--onedir"])):
        if not executable.exists():
            subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "build.spec",
                            *spec_args], cwd=ROOT, check=True)
    offscreen = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    sizes = {name: megabytes(pattern) for name, pattern in SIZED.items()}
    print("sizes (MB): " + ", ".join(f"{pattern} {sizes[name]}" for name, pattern in SIZED.items()))

    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (CPU s is the whole run, to exit)")
    source, cpu = median_first_window(lambda png: [sys.executable, "-m", "app", "--screenshot", str(png)],
                                      offscreen, runs)
    print(f"source  python -m app --screenshot: {source:.2f} s, CPU {cpu:.2f} s")
    linux, cpu = median_first_window(lambda png: [str(LINUX_EXE), "--screenshot", str(png)], offscreen, runs)
    print(f"linux   onefile {LINUX_EXE.name}: {linux:.2f} s, CPU {cpu:.2f} s")
    onedir, cpu = median_first_window(lambda png: [str(LINUX_ONEDIR_EXE), "--screenshot", str(png)], offscreen, runs)
    print(f"linux   one-folder {FOLDER}/{LINUX_ONEDIR_EXE.name}: {onedir:.2f} s, CPU {cpu:.2f} s")
    wine, wine_onedir = wine_seconds(WINDOWS_EXE, runs), wine_seconds(WINDOWS_ONEDIR_EXE, runs)
    print(f"wine    onefile {WINDOWS_EXE.name}: {wine} s; one-folder {FOLDER}/{WINDOWS_ONEDIR_EXE.name}: {wine_onedir} s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(f"PACKAGE linux_mb={sizes['linux_mb']} windows_mb={sizes['windows_mb']} setup_mb={sizes['setup_mb']} "
          f"deb_mb={sizes['deb_mb']} linux_first_window_s={linux:.2f} linux_onedir_first_window_s={onedir:.2f} "
          f"wine_first_window_s={wine} wine_onedir_first_window_s={wine_onedir} source_first_window_s={source:.2f}")


if __name__ == "__main__":
    main()
