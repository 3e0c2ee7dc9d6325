"""The .deb of the one-folder Linux build for 统信UOS / 麒麟 / Debian x86_64 (README "安装"), and its proof.

    python scripts/build_deb.py            → dist/gov-report-checker_<version>_amd64.deb
    python scripts/build_deb.py --check    and, as root: dpkg -i, desktop-file-validate, xdg-mime, the installed
                                           window under Xvfb (build/deb/installed.png: look at it), dpkg -r

Contents: /opt/gov-report-checker/ (`pyinstaller build.spec -- --onedir`), /usr/bin/gov-report-checker (the window)
and /usr/bin/gov-report-check (the command line), a .desktop file with the Chinese name offering the program for
.docx/.xlsx (never the default), the icon in 7 hicolor sizes, a MIME package for the two types. The desktop, MIME
and icon caches are refreshed by the dpkg triggers of desktop-file-utils, shared-mime-info and hicolor-icon-theme,
so the package has no maintainer scripts. Depends: the packages of the system libraries the build links to
(dpkg -S of what ldd resolves outside the folder), as named on the building Debian.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import TOOL_NAME, __version__  # noqa: E402

PACKAGE = "gov-report-checker"
ONEDIR = ROOT / "dist" / PACKAGE
WORK = ROOT / "build" / "deb"
DEB = ROOT / "dist" / f"{PACKAGE}_{__version__}_amd64.deb"
INSTALL_DIR = Path("/opt") / PACKAGE
LAUNCHERS = {PACKAGE: TOOL_NAME, "gov-report-check": "gov-report-check"}  # /usr/bin name → executable in the folder
PACKAGING = ROOT / "packaging" / "linux"
SAMPLE = ROOT / "resources" / "samples" / "示例_2024年政府信息公开工作年度报告.docx"
MIME_TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# The places the package writes to, listed before dpkg -i and after dpkg -r: the same names must be there.
WATCHED = (Path("/opt"), Path("/usr/bin"), Path("/usr/share/applications"), Path("/usr/share/icons/hicolor"),
           Path("/usr/share/mime"), Path("/usr/share/doc"))
CONTROL = """Package: {package}
Version: {version}
Architecture: amd64
Maintainer: {name} <noreply@localhost>
Installed-Size: {size_kb}
Depends: {depends}
Section: office
Priority: optional
Description: 政府信息公开工作年度报告检查工具
 Checks drafts of 政府信息公开工作年度报告 (.docx / .xlsx): missing sections, broken
 sums of 表二/表三/表四, stale years, prose that contradicts the tables; saves a
 corrected or annotated copy. Runs offline.
"""


def say(text: str) -> None:
    print(f"== {text}", flush=True)


def build_onedir() -> None:
    """dist/gov-report-checker/ from build.spec."""
    say("pyinstaller build.spec -- --onedir")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--workpath", str(WORK / "pyinstaller"), "build.spec", "--", "--onedir"], cwd=ROOT, check=True)


def hicolor_icons(target: Path) -> list[int]:
    """Every size of resources/icon.ico (each drawn at its size) as hicolor/<n>x<n>/apps/gov-report-checker.png."""
    from PySide6.QtGui import QImageReader

    reader, sizes = QImageReader(str(ROOT / "resources" / "icon.ico")), []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        folder = target / f"{image.width()}x{image.height()}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        assert image.save(str(folder / f"{PACKAGE}.png")), folder
        sizes.append(image.width())
    return sorted(sizes)


def system_packages(folder: Path) -> list[str]:
    """Debian packages of the shared libraries that the folder's ELF files link directly (their DT_NEEDED entries)
    and find on the system, not in the folder; glibc's version. Their own dependencies are their packages' business
    (so the list holds no library names that differ between Debian releases only below the first level)."""
    elf = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and p.read_bytes()[:4] == b"\x7fELF"]
    bundled = {p.name for p in folder.rglob("*")}  # the bootloader puts _internal/ first on the library path
    libraries: set[str] = set()
    for path in elf:
        needed = set(re.findall(r"^\s*NEEDED\s+(\S+)", subprocess.run(["objdump", "-p", str(path)],
                                                                      capture_output=True, text=True).stdout, re.M))
        ldd = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        libraries.update(found for name, found in re.findall(r"^\s*(\S+) => (/\S+)", ldd, re.M)
                         if name in needed - bundled)
    usr_merged = {f"/usr{lib}" if lib.startswith("/lib") else lib for lib in libraries}  # dpkg knows one of the two
    owners = subprocess.run(["dpkg", "-S", *sorted(libraries | usr_merged)], capture_output=True, text=True).stdout
    needs = glibc_needs(folder)
    newest = max(needs.values())
    print(f"glibc: the folder needs {'.'.join(map(str, newest))}; every file needing more than "
          f"{'.'.join(map(str, UOS20_GLIBC))} (统信UOS 20): " + ", ".join(
              f"{path} {'.'.join(map(str, version))}" for path, version in sorted(needs.items(), key=lambda i: i[1])
              if version > UOS20_GLIBC))
    packages = {line.split(":")[0] for line in owners.splitlines() if ": " in line} - {"libc6"}
    return [f"libc6 (>= {'.'.join(map(str, newest))})", *sorted(packages)]


UOS20_GLIBC = (2, 28)  # 统信UOS 20 (Debian 10 base); 银河麒麟 V10: 2.31


def glibc_needs(folder: Path) -> dict[str, tuple[int, ...]]:
    """The newest GLIBC_ symbol version each ELF file below `folder` needs (`objdump -T`), by relative path."""
    needs = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
            symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
            versions = [tuple(map(int, v.split("."))) for v in re.findall(r"\bGLIBC_(\d+(?:\.\d+)+)\b", symbols)]
            needs[str(path.relative_to(folder))] = max(versions, default=(2, 0))
    return needs


def stage(tree: Path, onedir: Path = ONEDIR) -> None:
    """The package's files below `tree` (the one-folder build `onedir` in /opt), with DEBIAN/control."""
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(onedir, tree / INSTALL_DIR.relative_to("/"), symlinks=True)
    bin_dir = tree / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name, executable in LAUNCHERS.items():  # PyInstaller's bootloader finds its folder through /proc/self/exe
        (bin_dir / name).symlink_to(INSTALL_DIR / executable)
    share = tree / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(PACKAGING / f"{PACKAGE}.desktop", share / "applications")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy(PACKAGING / f"{PACKAGE}.xml", share / "mime" / "packages")
    say(f"hicolor icons: {hicolor_icons(share / 'icons' / 'hicolor')} px")
    (share / "doc" / PACKAGE).mkdir(parents=True)
    (share / "doc" / PACKAGE / "copyright").write_text(
        f"{TOOL_NAME} {__version__}\nBundles Qt 6 and PySide6 (LGPL-3.0), CPython (PSF), python-docx and openpyxl "
        "(MIT).\n", encoding="utf-8")
    depends = ", ".join(system_packages(tree / INSTALL_DIR.relative_to("/")))
    size_kb = sum(p.stat().st_size for p in tree.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    (tree / "DEBIAN").mkdir()
    (tree / "DEBIAN" / "control").write_text(CONTROL.format(package=PACKAGE, version=__version__, name=TOOL_NAME,
                                                            size_kb=size_kb, depends=depends), encoding="utf-8")
    say(f"Depends: {depends}")


def build_deb() -> None:
    if not (ONEDIR / TOOL_NAME).exists():
        build_onedir()
    tree = WORK / "root"
    stage(tree)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(tree), str(DEB)], check=True)
    say(f"{DEB.relative_to(ROOT)}: {DEB.stat().st_size / 1024 / 1024:.1f} MB")


def listing() -> set[str]:
    """Every path below WATCHED (what the package could leave behind)."""
    return {str(p) for top in WATCHED if top.exists() for p in [top, *top.rglob("*")]}


def check(command: list[str], **kwargs) -> str:
    """Run `command`, fail loudly; its stdout."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {result.returncode}: {result.stdout}{result.stderr}")
    return result.stdout


def prove() -> None:
    """Install, inspect, launch under Xvfb, remove: nothing of the package left."""
    before = listing()
    say(f"dpkg -i {DEB.name}")
    check(["dpkg", "-i", str(DEB)])
    desktop = Path("/usr/share/applications") / f"{PACKAGE}.desktop"
    check(["desktop-file-validate", str(desktop)])
    say("desktop-file-validate: no error")
    cache = (Path("/usr/share/applications") / "mimeinfo.cache").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        for suffix, mime in MIME_TYPES.items():
            draft = Path(folder) / f"草稿{suffix}"
            shutil.copy(SAMPLE.with_suffix(suffix), draft)
            found = check(["xdg-mime", "query", "filetype", str(draft)]).strip()
            offered = re.search(rf"^{re.escape(mime)}=.*\b{PACKAGE}\.desktop", cache, re.M)
            assert found == mime and offered, (found, mime)
            default = check(["xdg-mime", "query", "default", mime]).strip() or "(none)"
            print(f"xdg-mime: {draft.name} is {mime}, offered by {desktop.name}; default here: {default}")
    # Never the default: the package writes no mimeapps.list, so a default the user or WPS set stays theirs.
    contents = check(["dpkg", "-L", PACKAGE])
    assert "mimeapps.list" not in contents and "defaults.list" not in contents, contents
    for size in (16, 48, 256):
        assert (Path("/usr/share/icons/hicolor") / f"{size}x{size}" / "apps" / f"{PACKAGE}.png").exists()
    png = WORK / "installed.png"
    png.unlink(missing_ok=True)
    say("the installed window under Xvfb (the xcb platform, not offscreen)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    check(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", f"/usr/bin/{PACKAGE}", str(SAMPLE),
           "--screenshot", str(png)], env=env, cwd=tempfile.gettempdir(), timeout=120)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
    print(f"{png.relative_to(ROOT)}: {png.stat().st_size} bytes: look at it")
    version = check([f"/usr/bin/{'gov-report-check'}", "--version"]).strip()
    assert version == f"{TOOL_NAME} {__version__}", version
    print(f"/usr/bin/gov-report-check --version: {version}")
    say(f"dpkg -r {PACKAGE}")
    check(["dpkg", "-r", PACKAGE])
    left = sorted(listing() - before)
    assert not left, f"left behind: {left[:20]}"
    assert PACKAGE not in (Path("/usr/share/applications") / "mimeinfo.cache").read_text(encoding="utf-8")
    say("removed: nothing of the package left")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="install, inspect, launch under Xvfb and remove (root)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild dist/gov-report-checker/ first")
    parser.add_argument("--glibc", action="store_true", help="only list the newest glibc each ELF file of the folder "
                        "needs, newest last")
    options = parser.parse_args()
    if options.glibc:
        for path, version in sorted(glibc_needs(ONEDIR).items(), key=lambda item: (item[1], item[0])):
            print(f"GLIBC_{'.'.join(map(str, version))}  {path}")
        return
    if options.rebuild:
        build_onedir()
    build_deb()
    if options.check:
        prove()


if __name__ == "__main__":
    main()
