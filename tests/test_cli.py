"""`python -m app check` as a reviewer runs it: contract JSON, exit codes, batches with bad files."""
from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests import bad_files
from tests.conftest import RESOURCES, SHARED, build
from tests.fixtures.command_line import run_app
from tests.fixtures.data import with_cell, without_section
from tests.fixtures.datasets import sample_2021


def contract_problems(doc: dict) -> list[str]:
    """Problems the shared contract validator finds; the calling test skips where ../shared is not beside the
    repository (a fresh clone), as a `shared`-marked test does."""
    path = SHARED / "tools" / "validate_check_json.py"
    if not path.is_file():
        pytest.skip(RESOURCES["shared"][1])
    spec = importlib.util.spec_from_file_location("validate_check_json", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.problems(doc)


def million_row_xlsx(folder: Path) -> Path:
    """A real .xlsx whose one sheet has 1,000,000 rows, written by streaming the sheet XML."""
    small = bad_files.good_xlsx(folder, "small.xlsx")
    path = folder / "百万行.xlsx"
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, src.read(item))
        with dst.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>')
            for start in range(1, 1_000_001, 10_000):
                sheet.write(b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r)
                                     for r in range(start, start + 10_000)))
            sheet.write(b"</sheetData></worksheet>")
    return path


@pytest.fixture
def batch(tmp_path):
    """A folder of drafts a reviewer may get: good, faulty and unreadable ones, nested."""
    folder = tmp_path / "drafts"
    (folder / "区县").mkdir(parents=True)
    build("docx_template", sample_2021(), folder, "01_干净")
    build("xlsx_per_table", with_cell(sample_2021(), "T3", "r3_1", "total", "7"), folder / "区县", "02_合计错")
    build("docx_plain", without_section(sample_2021(), "s5"), folder, "03_缺第五部分")
    bad_files.truncated_docx(folder)
    bad_files.ole_file(folder, "旧版.doc.docx", ("WordDocument",))
    bad_files.ole_file(folder, "locked.docx", ("EncryptionInfo", "EncryptedPackage"))  # how Office stores it
    bad_files.empty_file(folder)
    (folder / "~$01_干净.docx").write_bytes(b"lock")  # Word's lock file: not a draft
    (folder / "说明.txt").write_text("不是草稿")
    return folder


@pytest.mark.shared
def test_folder_batch_json_follows_the_contract(batch):
    out = run_app("check", str(batch), "--format", "json")
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    doc = json.loads(out.stdout)
    assert contract_problems(doc) == []
    by_name = {Path(r["file"]).name: r for r in doc["reports"]}
    assert set(by_name) == {"01_干净.docx", "02_合计错.xlsx", "03_缺第五部分.docx", "truncated.docx",
                            "旧版.doc.docx", "locked.docx", "empty.docx"}
    assert by_name["01_干净.docx"]["status"] == "ok"
    assert by_name["01_干净.docx"]["template"] == "2021" and by_name["01_干净.docx"]["year"] == 2023
    faulty = by_name["02_合计错.xlsx"]
    assert faulty["status"] == "findings" and faulty["counts"]["error"] == 2
    suspect = next(f for f in faulty["findings"] if f["rule"] == "arith.suspect_cell")
    assert suspect["cells"][0]["where"]["sheet"] == "表三"
    assert suspect["fix"] == {"kind": "set_cell", "table": "T3", "row": "r3_1", "col": "total", "value": 6}
    assert [f["section"] for f in by_name["03_缺第五部分.docx"]["findings"]] == ["s5"]
    for name, words in {"truncated.docx": "损坏", "旧版.doc.docx": "另存为 .docx", "locked.docx": "密码",
                        "empty.docx": "空的"}.items():
        assert by_name[name]["status"] == "unreadable" and words in by_name[name]["error"], name


def test_exit_codes(tmp_path):
    clean = build("docx_plain", sample_2021(), tmp_path, "clean")
    faulty = build("docx_plain", with_cell(sample_2021(), "T4", "r1", "review_total", "0"), tmp_path, "faulty")
    assert run_app("check", str(clean)).returncode == 0
    assert run_app("check", str(faulty)).returncode == 1
    missing = run_app("check", str(tmp_path / "不存在.docx"))
    assert missing.returncode == 2 and "找不到文件" in missing.stdout and "Traceback" not in missing.stderr


def test_text_summary_gives_the_verdict_first(tmp_path):
    faulty = build("docx_plain", with_cell(sample_2021(), "T4", "r1", "review_total", "0"), tmp_path, "faulty")
    out = run_app("check", str(faulty))
    lines = out.stdout.splitlines()
    assert lines[0].startswith("共检查 1 份草稿")
    assert lines[2].startswith("【不通过】")
    assert "错误 1 项" in out.stdout
    assert "表四“行政复议”：结果维持(2)＋结果纠正(0)＋其他结果(0)＋尚未审结(0)＝2，“总计”填写 0，不相等。" in out.stdout


def test_output_file_is_written(tmp_path):
    clean = build("docx_plain", sample_2021(), tmp_path, "clean")
    target = tmp_path / "结果.json"
    out = run_app("check", str(clean), "--format", "json", "--output", str(target))
    assert out.returncode == 0 and out.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["reports"][0]["status"] == "ok"


def test_million_row_sheet_is_refused_quickly(tmp_path):
    path = million_row_xlsx(tmp_path)
    out = run_app("check", str(path), "--format", "json")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    report = json.loads(out.stdout)["reports"][0]
    assert report["status"] == "unreadable" and "工作表过大" in report["error"]


def test_version_and_usage_errors():
    assert run_app("--version").stdout.startswith("政府信息公开年报检查 ")
    bad = run_app("check", "--format", "xml", "a.docx")
    assert bad.returncode == 2 and "参数错误" in bad.stderr


def test_docx_renamed_xlsx_is_still_checked(tmp_path):
    path = build("docx_plain", sample_2021(), tmp_path, "renamed")
    renamed = path.with_suffix(".xlsx")
    path.rename(renamed)
    out = run_app("check", str(renamed), "--format", "json")
    assert out.returncode == 0 and json.loads(out.stdout)["reports"][0]["status"] == "ok"


def test_an_xlsx_without_any_statistics_is_not_a_crash(tmp_path):
    path = tmp_path / "空表.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "随便写的内容"
    wb.save(path)
    out = run_app("check", str(path), "--format", "json")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    report = json.loads(out.stdout)["reports"][0]
    assert (report["status"], report["template"], report["findings"]) == ("not_report", "unknown", [])


def test_contract_validator_absent_skips_the_test_instead_of_failing(monkeypatch, tmp_path):
    """A fresh clone has no ../shared: a test validating JSON against the contract skips there (README)."""
    monkeypatch.setattr(sys.modules[__name__], "SHARED", tmp_path / "no-shared")
    with pytest.raises(pytest.skip.Exception):
        contract_problems({"schema": 1, "reports": []})
