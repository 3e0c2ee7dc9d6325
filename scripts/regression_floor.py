"""The regression floor: run ../shared/regression/run over every case and fail when a case that passed before fails.

The ids of the cases that pass are committed in `.ci/regression_passing.txt`; the list only grows
(`--record` adds the cases passing now, never removes one). The cases are split into shards scored in parallel,
each by the shared runner with an output folder of its own; the runner's lines are printed as they come.

    python scripts/regression_floor.py [--shards 2] [--record] [--only a01,c05]

Exit status: 0 every recorded case passes, 1 a recorded case fails (named with its reasons), 2 the runner could not
run (no ../shared, a scorer failure).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_RUN = ROOT.parent / "shared" / "regression" / "run"
PASSING = ROOT / ".ci" / "regression_passing.txt"


def case_ids(only: str | None) -> list[str]:
    """Every case id of the shared folder (or the given ones), sorted."""
    ids = sorted(p.name for p in (SHARED_RUN.parent / "cases").iterdir() if p.is_dir())
    if only:
        wanted = set(only.split(","))
        ids = [i for i in ids if i in wanted]
    return ids


def run_shards(ids: list[str], shards: int, out: Path) -> tuple[list[str], list[str], str]:
    """(failing ids, the runners' reasons and REGRESSION lines, combined stderr) of every shard run in parallel."""
    # The runner builds its scorers' venv on first use: let one small run make it before the shards race for it.
    subprocess.run([str(SHARED_RUN), "--only", ids[0], "--no-annotate", "--out", str(out / "warmup")],
                   cwd=ROOT, capture_output=True, text=True)
    groups = [ids[k::shards] for k in range(shards) if ids[k::shards]]
    procs = []
    for k, group in enumerate(groups):
        folder = out / f"shard{k}"
        procs.append((folder, subprocess.Popen(
            [str(SHARED_RUN), "--only", ",".join(group), "--out", str(folder)], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    failing, lines, errors = [], [], []
    for folder, proc in procs:
        stdout, stderr = proc.communicate()
        lines.extend(stdout.rstrip("\n").splitlines())
        errors.append(stderr)
        listed = folder / "failing.txt"
        if proc.returncode != 0 or not listed.exists():
            raise RuntimeError(f"the shared runner failed (exit {proc.returncode}):\n{stdout[-2000:]}{stderr[-2000:]}")
        failing.extend(listed.read_text(encoding="utf-8").split())
    return sorted(failing), lines, "".join(errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shards", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    parser.add_argument("--record", action="store_true", help="add the cases passing now to the committed list")
    parser.add_argument("--only", help="comma-separated case ids (a partial run records nothing it did not run)")
    args = parser.parse_args(argv)
    if not SHARED_RUN.exists():
        print(f"REGRESSION-FLOOR no runner at {SHARED_RUN}: ../shared is not beside the repository")
        return 2 if os.environ.get("CI") else 0
    ids = case_ids(args.only)
    recorded = set(PASSING.read_text(encoding="utf-8").split()) if PASSING.exists() else set()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="regression-floor-") as tmp:
        try:
            failing, lines, _ = run_shards(ids, args.shards, Path(tmp))
        except RuntimeError as exc:
            print(f"REGRESSION-FLOOR {exc}")
            return 2
    seconds = time.monotonic() - started
    print("\n".join(lines))
    passing = set(ids) - set(failing)
    fallen = sorted(recorded & set(failing))
    if args.record:
        PASSING.write_text("".join(f"{i}\n" for i in sorted(recorded | passing)), encoding="utf-8")
    print(f"REGRESSION-FLOOR cases={len(ids)} passing={len(passing)} recorded={len(recorded)} "
          f"fallen={','.join(fallen) or '-'} newly_passing={','.join(sorted(passing - recorded)) or '-'} "
          f"seconds={seconds:.0f}")
    if fallen:
        print(f"These cases passed before and fail now: {', '.join(fallen)} (reasons above).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
