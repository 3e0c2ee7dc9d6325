"""Sizes of the onefile executables and time from launch to the first painted window (README "Build").

    python scripts/bench_package.py [--runs N]

Needs the Linux build in dist/ (built here by `pyinstaller build.spec` when missing) and, for the Windows figures,
the build of scripts/build-windows.sh in dist/windows/ with its Wine prefix in build/windows/prefix.
"First painted window" is measured as launch → the PNG of `--screenshot` (the empty window, offscreen) on disk:
the window has been laid out and painted once when it is grabbed. Each figure is the median of N runs after one
warm-up run. The last line is `PACKAGE linux_mb=… windows_mb=… linux_first_window_s=… wine_first_window_s=…
source_first_window_s=…` (NA where a build is missing).
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

LINUX_EXE = ROOT / "dist" / TOOL_NAME
WINDOWS_EXE = ROOT / "dist" / "windows" / f"{TOOL_NAME}.exe"
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


def megabytes(path: Path) -> str:
    return f"{path.stat().st_size / 1024 / 1024:.1f}" if path.exists() else "NA"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    if not LINUX_EXE.exists():
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "build.spec"],
                       cwd=ROOT, check=True)
    offscreen = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (CPU s is the whole run, to exit)")
    source, cpu = median_first_window(lambda png: [sys.executable, "-m", "app", "--screenshot", str(png)],
                                      offscreen, runs)
    print(f"source  python -m app --screenshot: {source:.2f} s, CPU {cpu:.2f} s")
    linux, cpu = median_first_window(lambda png: [str(LINUX_EXE), "--screenshot", str(png)], offscreen, runs)
    print(f"linux   {LINUX_EXE.name} ({megabytes(LINUX_EXE)} MB): {linux:.2f} s, CPU {cpu:.2f} s")
    wine = "NA"
    if WINDOWS_EXE.exists() and shutil.which("wine"):
        # Wine does not pass QT_* variables: the platform goes on the command line. (wineserver's CPU is not counted.)
        seconds, _ = median_first_window(
            lambda png: ["wine", str(WINDOWS_EXE), "--screenshot", wine_path(png), "-platform", "offscreen"],
            wine_env(), runs)
        wine = f"{seconds:.2f}"
        print(f"wine    {WINDOWS_EXE.name} ({megabytes(WINDOWS_EXE)} MB): {wine} s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(f"PACKAGE linux_mb={megabytes(LINUX_EXE)} windows_mb={megabytes(WINDOWS_EXE)} "
          f"linux_first_window_s={linux:.2f} wine_first_window_s={wine} source_first_window_s={source:.2f}")

if __name__ == "__main__":
    main()
