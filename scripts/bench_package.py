"""Sizes of every artefact and time from launch to the first painted window, onefile and one-folder (README "Build").

    python scripts/bench_package.py [--runs N]

Needs the Linux builds in dist/ (built here by `pyinstaller build.spec [-- --onedir]` when missing) and, for the
Windows figures, the build of scripts/build-windows.sh in dist/windows/ with its Wine prefix in build/windows/prefix.
The one-folder figures are what the installer and the .deb install (the same files, run from dist/).
"First painted window" is measured as launch → the PNG of `--screenshot` (the empty window, offscreen) on disk:
the window has been laid out and painted once when it is grabbed. Each figure is the median of N runs after one
warm-up run, wall and CPU seconds (the CPU of a whole run, to its exit: a loaded machine's wall figure can be judged by
it). Under Wine, a persistent wineserver runs for the prefix (as a Windows session's services do) and Wine's own start
is measured beside the program's: `wine cmd /c exit` and the embeddable CPython's `python.exe -c pass`. The last line is `PACKAGE linux_mb=… windows_mb=… setup_mb=… deb_mb=… linux_first_window_s=…
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
WINE_PYTHON = ROOT / "build" / "windows" / "python" / "python.exe"  # the embeddable CPython the build runs under
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


def wine_seconds(executable: Path, runs: int) -> tuple[str, str]:
    """Median (wall, CPU) seconds to the first window of a Windows executable under Wine ("NA" without it or Wine)."""
    if not (executable.exists() and shutil.which("wine")):
        return "NA", "NA"
    # Wine does not pass QT_* variables: the platform goes on the command line. (wineserver's CPU is not counted.)
    seconds, cpu = median_first_window(
        lambda png: ["wine", str(executable), "--screenshot", wine_path(png), "-platform", "offscreen"],
        wine_env(), runs)
    return f"{seconds:.2f}", f"{cpu:.2f}"


def median_run(command: list[str], env: dict, runs: int) -> tuple[float, float]:
    """Medians of wall and CPU seconds of `command` run to its exit, `runs` times after one warm-up."""
    walls, cpus = [], []
    for index in range(runs + 1):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        process.returncode = 0
        if index:
            walls.append(time.perf_counter() - start)
            cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def wine_overhead(runs: int) -> str:
    """Wine's own start, without the program: `cmd /c exit` and the embeddable CPython's `python.exe -c pass`."""
    if not shutil.which("wine"):
        return "NA"
    lines = []
    for label, command in (("wine cmd /c exit", ["wine", "cmd", "/c", "exit"]),
                           ("wine python.exe -c pass", ["wine", str(WINE_PYTHON), "-c", "pass"])):
        if command[1].endswith(".exe") and not Path(command[1]).exists():
            continue
        wall, cpu = median_run(command, wine_env(), runs)
        lines.append(f"{label}: {wall:.2f} s, CPU {cpu:.2f} s")
    return "; ".join(lines)


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
    # A Windows session has its services running all the time: a persistent wineserver (-p) for the prefix, so
    # that no run pays for starting it (and the wineboot services) again. Stopped at the end.
    persistent = shutil.which("wineserver") is not None and WINE_PREFIX.exists()
    if persistent:
        subprocess.run(["wineserver", "-p"], env=wine_env(), check=False)
    try:
        print(f"wine    own start (persistent wineserver): {wine_overhead(runs)}")
        (wine, wine_cpu), (wine_onedir, wine_onedir_cpu) = (wine_seconds(WINDOWS_EXE, runs),
                                                            wine_seconds(WINDOWS_ONEDIR_EXE, runs))
    finally:
        if persistent:
            subprocess.run(["wineserver", "-k"], env=wine_env(), check=False)
    print(f"wine    onefile {WINDOWS_EXE.name}: {wine} s, CPU {wine_cpu} s")
    print(f"wine    one-folder {FOLDER}/{WINDOWS_ONEDIR_EXE.name}: {wine_onedir} s, CPU {wine_onedir_cpu} s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(f"PACKAGE linux_mb={sizes['linux_mb']} windows_mb={sizes['windows_mb']} setup_mb={sizes['setup_mb']} "
          f"deb_mb={sizes['deb_mb']} linux_first_window_s={linux:.2f} linux_onedir_first_window_s={onedir:.2f} "
          f"wine_first_window_s={wine} wine_onedir_first_window_s={wine_onedir} source_first_window_s={source:.2f}")


if __name__ == "__main__":
    main()
