"""Compile resources/translations/*.ts into the .qm files the window loads (PySide6-Essentials ships lrelease).

    python scripts/build_translations.py            # .ts → .qm
    python scripts/build_translations.py --update   # first refresh the .ts from ui/*.py (lupdate), keeping translations
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCES = sorted((ROOT / "ui").glob("*.py"))


def qt_tool(name: str) -> str:
    """PySide6's copy of a Qt tool (lrelease, lupdate), else the pyside6-<name> wrapper on PATH."""
    import PySide6
    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    wrapper = shutil.which(f"pyside6-{name}")
    if wrapper:
        return wrapper
    raise SystemExit(f"找不到 Qt 的 {name}（应随 PySide6-Essentials 安装）")


def update_sources() -> None:
    """lupdate: add new source strings of ui/*.py to every .ts, keep existing translations, drop vanished ones."""
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        subprocess.run([qt_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                        *map(str, SOURCES), "-ts", str(ts)], check=True)


def build(out_dir: Path = TRANSLATIONS) -> list[Path]:
    """lrelease: every .ts → .qm in out_dir (beside the .ts by default); returns the .qm paths."""
    built = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = out_dir / ts.with_suffix(".qm").name
        subprocess.run([qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="refresh the .ts files from ui/*.py first")
    args = parser.parse_args(argv)
    if args.update:
        update_sources()
    for qm in build():
        print(qm.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
