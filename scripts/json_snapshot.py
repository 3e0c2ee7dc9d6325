"""The JSON of `check` for every regression case, sample, corpus file and seed, one file each, to diff before/after.

    python scripts/json_snapshot.py OUT_DIR
    diff -r BEFORE_DIR OUT_DIR        # a behaviour-preserving change leaves this empty

Each case is checked the way the regression scorer checks it (a folder of two years' reports as a folder, and again
with --previous); the fix and annotate summaries of the single-draft cases, and the check of the copies they write, are kept too
(paths made relative).
Runs the command line in this process (`app.cli.main`), so it takes about a minute, not one interpreter per file.
"""
from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.cli import main  # noqa: E402

SHARED = ROOT.parent / "shared"


def _run(argv: list[str], scratch: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    text = f"exit {code}\n{out.getvalue()}\n--- stderr\n{err.getvalue()}"
    return text.replace(scratch, "<out>").replace(str(ROOT), "<root>")


def _inputs() -> list[tuple[str, list[Path], Path | None]]:
    """(name, paths to check, previous year's report or None)."""
    found = []
    for case in sorted((SHARED / "regression" / "cases").glob("*")):
        folder = case / "input"
        if folder.is_dir():
            years = sorted(folder.iterdir())
            found.append((f"case-{case.name}-folder", [folder], None))
            found.append((f"case-{case.name}-previous", [years[-1]], years[0]))
            found.append((f"case-{case.name}-previous-swapped", [years[0]], years[-1]))
        for draft in sorted(case.glob("input.*")):
            found.append((f"case-{case.name}", [draft], None))
    for sample in sorted((ROOT / "resources" / "samples").glob("*")):
        found.append((f"sample-{sample.suffix[1:]}", [sample], None))
    for real in sorted((SHARED / "corpus" / "real").glob("*.*")):
        if real.suffix in (".pdf", ".docx"):
            found.append((f"corpus-{real.stem}", [real], None))
    return found


def _seed_drafts(scratch: Path) -> list[tuple[str, list[Path], Path | None]]:
    """The seed reports written as .docx by the test fixtures (when ../shared/corpus has them)."""
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.docx_builders import write_docx_built
    from tests.fixtures.seeds import seed_data
    found = []
    for n in range(5):
        data = seed_data(n)
        if data is None:
            continue
        path = scratch / f"seed{n}.docx"
        write_docx_built(data, path)
        found.append((f"seed-{n}", [path], None))
    return found


def main_snapshot(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        inputs = _inputs() + _seed_drafts(Path(scratch))
        for name, paths, previous in inputs:
            argv = ["check", "--format", "json", *map(str, paths)]
            if previous is not None:
                argv += ["--previous", str(previous)]
            text = _run(argv, scratch)
            if len(paths) == 1 and paths[0].is_file() and paths[0].suffix in (".docx", ".xlsx") and previous is None:
                for command in ("fix", "annotate"):
                    copy = Path(scratch) / f"{command}{paths[0].suffix}"
                    text += f"\n=== {command}\n" + _run([command, str(paths[0]), "-o", str(copy), "--force"], scratch)
                    text += f"\n=== check of the {command} copy\n" + _run(["check", "--format", "json", str(copy)], scratch)
            (out_dir / f"{name}.txt").write_text(text, encoding="utf-8")
    print(f"JSON-SNAPSHOT files={len(inputs)} dir={out_dir}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main_snapshot(Path(sys.argv[1])))
