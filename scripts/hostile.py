"""Time and peak memory of `python -m app check` and `fix` on every hostile draft of tests/fixtures/hostile.py.

Usage: python scripts/hostile.py [NAME...]   (default: every case)

Each run is its own `python -m app` process (interpreter start included); its peak resident memory comes from
wait4's rusage. The last line, `HOSTILE max_s=… max_mb=…`, is the worst run; the exit status is 1 when it is over
the targets of issue 12 (2 s, 300 MB) or a run was killed at the 30 s limit.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.logsetup import LOG_DIR_VARIABLE  # noqa: E402
from tests.fixtures.command_line import app_command, run_measured  # noqa: E402
from tests.fixtures.hostile import CASES  # noqa: E402

TARGET_S = 2.0
TARGET_MB = 300
KILL_AFTER_S = 30


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(CASES)}")
        return 2
    worst_s = worst_mb = 0.0
    killed = 0
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, LOG_DIR_VARIABLE: os.path.join(folder, "log")}
        for name in names or list(CASES):
            case = CASES[name]
            path = case.write(Path(folder))
            commands = [("check", app_command("check", str(path), "--format", "json"))]
            if case.fix_saves:
                commands.append(("fix", app_command("fix", str(path), "-o", os.path.join(folder, f"out{case.ext}"),
                                                    "--force")))
            for label, argv in commands:
                run = run_measured(argv, KILL_AFTER_S, cwd=ROOT, env=env)
                worst_s, worst_mb = max(worst_s, run.seconds), max(worst_mb, run.peak_mb)
                killed += run.timed_out
                flag = " KILLED" if run.timed_out else ""
                print(f"{name:36s} {label:5s} {run.seconds:6.2f} s {run.peak_mb:7.1f} MB  exit {run.returncode}{flag}")
    start = run_measured(app_command("--version"), KILL_AFTER_S, cwd=ROOT)
    print(f"{'(python -m app --version)':36s} start {start.seconds:6.2f} s {start.peak_mb:7.1f} MB  "
          "interpreter start and imports, included in every run above")
    over = worst_s > TARGET_S or worst_mb > TARGET_MB or killed
    print(f"HOSTILE max_s={worst_s:.2f} max_mb={worst_mb:.0f} (targets {TARGET_S:g} s / {TARGET_MB} MB; "
          f"{'over target' if over else 'within target'})")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
