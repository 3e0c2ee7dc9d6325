"""What the app writes, as a colleague and a later folder check meet it: the permissions of a normal save, and a
mark in the document properties by which a folder check passes over the tool's own copies and workbooks."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile

import pytest
from docx import Document

from app.cli import main
from app.provenance import ANNOTATED, CORRECTED, SUMMARY, WORKBOOK, origin_of
from tests.conftest import ROOT, build
from tests.fixtures.data import with_cell
from tests.fixtures.datasets import sample_2021


@pytest.fixture
def draft(tmp_path):
    """A .docx with one broken 表三 row."""
    return build("docx_plain", with_cell(sample_2021(), "T3", "r3_1", "natural", "6"), tmp_path, "draft")


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


OUTPUTS = [("fix", "out.docx"), ("annotate", "out.docx"), ("check", "out.xlsx"), ("check", "out.html")]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize(("command", "name"), OUTPUTS)
def test_a_new_file_gets_the_umask_mode_not_the_temporary_files_0600(tmp_path, draft, umask_027, capsys,
                                                                      command, name):
    out = tmp_path / name
    options = ["-o", str(out)] if command != "check" else ["--format", name.split(".")[1], "--output", str(out)]
    assert main([command, str(draft), *options]) in (0, 1)
    capsys.readouterr()
    assert mode(out) == 0o640


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize(("command", "name"), OUTPUTS)
def test_an_overwritten_file_keeps_its_own_mode(tmp_path, draft, capsys, command, name):
    out = tmp_path / name
    out.write_bytes(b"old")
    os.chmod(out, 0o604)
    options = ["-o", str(out), "--force"] if command != "check" else \
        ["--format", name.split(".")[1], "--output", str(out)]
    assert main([command, str(draft), *options]) in (0, 1)
    capsys.readouterr()
    assert out.read_bytes() != b"old"
    assert mode(out) == 0o604


# ---------------------------------------------------------------- the mark and the folder check

@pytest.fixture
def folder_with_outputs(tmp_path, draft, capsys):
    """A folder holding a draft, its corrected and annotated copies (one renamed like a draft), the exported 汇总表
    and the printable summary."""
    folder = draft.parent
    assert main(["fix", str(draft)]) == 0
    assert main(["annotate", str(draft), "-o", str(folder / "审核退回稿.docx")]) == 0
    assert main(["check", str(draft), "--format", "xlsx", "--output", str(folder / "汇总表.xlsx")]) == 1
    assert main(["check", str(draft), "--format", "html", "--output", str(folder / "检查摘要.html")]) == 1
    capsys.readouterr()
    return folder


def test_copies_and_workbook_carry_the_tools_mark_in_their_properties(folder_with_outputs, draft):
    folder = folder_with_outputs
    corrected, annotated = origin_of(str(folder / "draft（修正版）.docx")), origin_of(str(folder / "审核退回稿.docx"))
    assert (corrected.kind, corrected.source) == (CORRECTED, "draft.docx")
    assert (annotated.kind, annotated.source) == (ANNOTATED, "draft.docx")
    assert origin_of(str(folder / "汇总表.xlsx")).kind == WORKBOOK
    assert origin_of(str(folder / "检查摘要.html")).kind == SUMMARY  # <meta name="generator">
    assert origin_of(str(draft)) is None
    # Word reads them as custom properties (文件 → 属性 → 自定义), and python-docx still opens the copy
    with zipfile.ZipFile(folder / "审核退回稿.docx") as package:
        assert "docProps/custom.xml" in package.read("[Content_Types].xml").decode()
        assert "custom-properties" in package.read("_rels/.rels").decode()
    assert Document(str(folder / "审核退回稿.docx")).paragraphs
    assert '<meta name="generator" content="政府信息公开年报检查' in (folder / "检查摘要.html").read_text("utf-8")


WPS_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.'
              'org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
              'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
              '<vt:lpwstr>2052-11.1.0.9912</vt:lpwstr></property></Properties>')


def as_saved_by_wps(src, out):
    """The .docx with the custom-properties part WPS writes (its build number)."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
            elif info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.'
                                    b'org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"'
                                    b'/></Relationships>')
            b.writestr(info, data)
        b.writestr("docProps/custom.xml", WPS_CUSTOM)


def test_a_drafts_own_custom_properties_are_kept_beside_the_mark(tmp_path, draft, capsys):
    wps_draft = tmp_path / "wps.docx"
    as_saved_by_wps(draft, wps_draft)
    assert origin_of(str(wps_draft)) is None
    assert main(["fix", str(wps_draft)]) == 0
    capsys.readouterr()
    with zipfile.ZipFile(tmp_path / "wps（修正版）.docx") as package:
        custom = package.read("docProps/custom.xml").decode()
        assert package.read("_rels/.rels").decode().count("custom-properties") == 1
    assert "KSOProductBuildVer" in custom and custom.count('pid="') == 3
    assert origin_of(str(tmp_path / "wps（修正版）.docx")).kind == CORRECTED


def test_a_folder_check_skips_the_tools_files_and_says_how_many(folder_with_outputs, capsys):
    assert main(["check", str(folder_with_outputs)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("共检查 1 份草稿")
    assert "另有 4 个文件是本工具生成的修正版、批注版、汇总表或检查报告" in out
    assert main(["check", str(folder_with_outputs), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert [os.path.basename(r["file"]) for r in json.loads(captured.out)["reports"]] == ["draft.docx"]
    assert "另有 4 个文件" in captured.err


def test_a_copy_given_by_name_is_checked_and_its_origin_named(folder_with_outputs, capsys):
    copy = folder_with_outputs / "审核退回稿.docx"
    assert main(["check", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "注意：这是政府信息公开年报检查生成的批注版（原稿：draft.docx），不是原稿" in out
    assert main(["check", str(copy), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["reports"][0]["findings"]
    assert "批注版（原稿：draft.docx）" in captured.err


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
def test_the_summary_pdf_names_the_tool_as_its_creator(tmp_path, draft):
    """In a process of its own: Qt's PDF writer would leave a QGuiApplication behind for the window tests."""
    pdf = tmp_path / "检查摘要.pdf"
    done = subprocess.run([sys.executable, "-m", "app", "check", str(draft), "--format", "pdf", "--output", str(pdf)],
                          cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True,
                          timeout=240)
    assert done.returncode == 1, done.stderr.decode()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "政府信息公开年报检查" in info and "检查摘要" in info
    assert mode(pdf) == save_mode_now()


def save_mode_now() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
