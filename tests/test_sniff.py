"""sniff: the kind of a good draft whatever its name, and an actionable Chinese reason for every bad file."""
import errno
import os
import random
import re
import time
import tracemalloc
import zipfile
from functools import partial

import olefile
import pytest

from app.draft import sniff as sniff_module
from app.draft.model import UnreadableDraft
from app.draft.sniff import sniff
from tests import bad_files
from tests.bad_files import write


def reason_for(path) -> str:
    """The message of the UnreadableDraft that sniff raises for path."""
    with pytest.raises(UnreadableDraft) as caught:
        sniff(str(path))
    return str(caught.value)


def assert_chinese_with(message: str, key_words: tuple[str, ...]) -> None:
    """The message is Chinese and holds every key word."""
    assert re.search("[\u4e00-\u9fff]", message), message
    for key_word in key_words:
        assert key_word in message, (key_word, message)


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        pytest.param(bad_files.good_docx, "docx", id="docx"),
        pytest.param(bad_files.good_xlsx, "xlsx", id="xlsx"),
        pytest.param(partial(bad_files.good_docx, name="draft.xlsx"), "docx", id="docx-named-xlsx"),
        pytest.param(partial(bad_files.good_xlsx, name="draft.docx"), "xlsx", id="xlsx-named-docx"),
        pytest.param(partial(bad_files.good_docx, name="draft"), "docx", id="docx-without-extension"),
        pytest.param(
            partial(bad_files.with_main_type, name="draft.docm", content_type=bad_files.DOCM_TYPE), "docx", id="docm"
        ),
        pytest.param(
            partial(bad_files.ooxml_package, name="draft.xlsm", content_type=bad_files.XLSM_TYPE, part="xl/workbook.xml"),
            "xlsx",
            id="xlsm",
        ),
        pytest.param(bad_files.big_docx, "docx", id="docx-with-40MB-picture"),
    ],
)
def test_readable_draft_kind_comes_from_content(tmp_path, make, kind):
    assert sniff(str(make(tmp_path))) == kind


def ole(name: str, *stream_names: str):
    """A maker of an OLE2 file called name holding the given streams."""
    return partial(bad_files.ole_file, name=name, stream_names=stream_names)


def raw(name: str, content: bytes):
    """A maker of a file called name holding content."""
    return partial(write, name=name, content=content)


def package(name: str, content_type: str, part: str = "main.xml"):
    """A maker of a minimal OOXML package whose main part has content_type."""
    return partial(bad_files.ooxml_package, name=name, content_type=content_type, part=part)


SAVE_DOCX = "另存为 .docx"
SAVE_XLSX = "另存为 .xlsx"
ONLY_DRAFTS = ("Word（.docx）", "Excel（.xlsx）")


@pytest.mark.parametrize(
    ("make", "key_words"),
    [
        pytest.param(bad_files.truncated_docx, ("损坏或不完整", "另存"), id="truncated-docx"),
        pytest.param(bad_files.corrupt_docx, ("损坏或不完整", "另存"), id="corrupt-docx"),
        pytest.param(bad_files.empty_file, ("空的", "0 字节", "重新保存"), id="empty"),
        pytest.param(bad_files.oversized_file, ("过大", "51.0 MB", "50 MB"), id="over-50MB"),
        pytest.param(bad_files.zip_bomb, ("解压后", "600 MB", "500 MB"), id="zip-bomb"),
        pytest.param(bad_files.encrypted_docx, ("打开密码", "取消密码"), id="encrypted-docx"),
        pytest.param(partial(bad_files.encrypted_docx, name="locked.xlsx"), ("打开密码",), id="encrypted-named-xlsx"),
        pytest.param(ole("locked.xls", "EncryptionInfo", "EncryptedPackage"), ("打开密码",), id="encrypted-ole"),
        pytest.param(ole("old.doc", "WordDocument"), ("旧版 Word", "（.doc）", SAVE_DOCX), id="doc"),
        pytest.param(ole("old.docx", "WordDocument"), ("（.doc）", SAVE_DOCX), id="doc-named-docx"),
        pytest.param(ole("old.wps", "WordDocument"), ("WPS", ".wps", SAVE_DOCX), id="wps"),
        pytest.param(ole("old.xls", "Workbook"), ("旧版 Excel", "（.xls）", SAVE_XLSX), id="xls"),
        pytest.param(ole("old.xlsx", "Workbook", "SummaryInformation"), ("（.xls）", SAVE_XLSX), id="xls-named-xlsx"),
        pytest.param(ole("old95.xls", "Book"), ("（.xls）", SAVE_XLSX), id="excel95-book"),
        pytest.param(ole("old.et", "Workbook"), ("WPS", ".et", SAVE_XLSX), id="et"),
        pytest.param(ole("old.ppt", "PowerPoint Document"), ("旧版 Office", *ONLY_DRAFTS), id="other-ole"),
        pytest.param(raw("broken.doc", bad_files.OLE_MAGIC + bytes(600)), ("损坏",), id="broken-ole"),
        pytest.param(raw("report.docx", bad_files.PDF_BYTES), ("PDF", *ONLY_DRAFTS), id="pdf-named-docx"),
        pytest.param(raw("report.doc", bad_files.RTF_BYTES), ("RTF", SAVE_DOCX), id="rtf-named-doc"),
        pytest.param(raw("table.xls", bad_files.HTML_BYTES), ("网页", *ONLY_DRAFTS), id="html-named-xls"),
        pytest.param(raw("table.xls", bad_files.OFFICE_HTML_BYTES), ("网页",), id="office-html-named-xls"),
        pytest.param(raw("page.doc", bad_files.MHT_BYTES), ("网页",), id="mht-named-doc"),
        pytest.param(raw("report.doc", bad_files.WORD_2003_XML_BYTES), ("Word 2003 XML", SAVE_DOCX), id="word-xml"),
        pytest.param(raw("table.xls", bad_files.EXCEL_2003_XML_BYTES), ("Excel 2003 XML", SAVE_XLSX), id="excel-xml"),
        pytest.param(raw("scan.docx", bad_files.PNG_BYTES), ("图片", *ONLY_DRAFTS), id="png-named-docx"),
        pytest.param(raw("scan.docx", bad_files.JPEG_BYTES), ("图片",), id="jpeg-named-docx"),
        pytest.param(raw("drafts.docx", bad_files.RAR_BYTES), ("压缩包", "解压"), id="rar-named-docx"),
        pytest.param(raw("report.docx", bad_files.UTF8_TEXT_BYTES), ("纯文本", *ONLY_DRAFTS), id="utf8-text"),
        pytest.param(raw("table.xlsx", bad_files.GBK_TEXT_BYTES), ("纯文本", ".csv"), id="gbk-csv-named-xlsx"),
        pytest.param(raw("report.docx", bad_files.UTF16_TEXT_BYTES), ("纯文本",), id="utf16-text"),
        pytest.param(raw("~$report.docx", bad_files.OWNER_FILE_BYTES), ("临时文件", "~$"), id="word-owner-file"),
        pytest.param(raw("report.docx", bad_files.BINARY_BYTES), ("无法识别", *ONLY_DRAFTS), id="unknown-binary"),
        pytest.param(
            partial(bad_files.odf_zip, name="report.docx", mimetype="application/vnd.oasis.opendocument.text"),
            (".odt", SAVE_DOCX),
            id="odt-named-docx",
        ),
        pytest.param(
            partial(bad_files.odf_zip, name="table.ods", mimetype="application/vnd.oasis.opendocument.spreadsheet"),
            (".ods", SAVE_XLSX),
            id="ods",
        ),
        pytest.param(
            partial(bad_files.odf_zip, name="slides.odp", mimetype="application/vnd.oasis.opendocument.presentation"),
            ("OpenDocument", *ONLY_DRAFTS),
            id="other-odf",
        ),
        pytest.param(
            partial(bad_files.zip_of, name="report.docx", members={"OFD.xml": "<ofd:OFD/>", "Doc_0/Document.xml": "<x/>"}),
            ("OFD", *ONLY_DRAFTS),
            id="ofd-named-docx",
        ),
        pytest.param(
            partial(bad_files.zip_of, name="drafts.docx", members={"年报.docx": b"PK"}), ("压缩包", "解压"), id="plain-zip"
        ),
        pytest.param(raw("empty.zip", b"PK\x05\x06" + bytes(18)), ("压缩包",), id="empty-zip"),
        pytest.param(package("slides.pptx", bad_files.PPTX_TYPE), ("PowerPoint", *ONLY_DRAFTS), id="pptx"),
        pytest.param(package("table.xlsb", bad_files.XLSB_TYPE), (".xlsb", SAVE_XLSX), id="xlsb"),
        pytest.param(package("template.dotx", bad_files.DOTX_TYPE), ("模板", SAVE_DOCX), id="dotx"),
        pytest.param(package("drawing.vsdx", "application/vnd.ms-visio.drawing.main+xml"), ("其他 Office",), id="vsdx"),
        pytest.param(
            partial(bad_files.zip_of, name="report.docx", members={"[Content_Types].xml": "not xml"}),
            ("损坏",),
            id="content-types-not-xml",
        ),
        pytest.param(
            partial(
                bad_files.zip_of,
                name="report.docx",
                members={"[Content_Types].xml": '<?xml version="1.0" encoding="no-such-codec"?><Types/>'},
            ),
            ("损坏",),
            id="content-types-unknown-encoding",
        ),
        pytest.param(
            partial(
                bad_files.zip_of,
                name="report.docx",
                members={"[Content_Types].xml": bad_files.CONTENT_TYPES.format(part="word/document.xml", content_type=bad_files.DOCX_TYPE)},
            ),
            ("损坏",),
            id="main-part-missing",
        ),
    ],
)
def test_bad_file_gets_chinese_reason(tmp_path, make, key_words):
    assert_chinese_with(reason_for(make(tmp_path)), key_words)


def test_missing_path_names_the_path(tmp_path):
    path = tmp_path / "没有这个文件.docx"
    assert_chinese_with(reason_for(path), ("找不到文件", str(path), "路径"))


def test_path_under_a_file_is_missing(tmp_path):
    assert_chinese_with(reason_for(bad_files.good_docx(tmp_path) / "x.docx"), ("找不到文件",))


def test_directory(tmp_path):
    assert_chinese_with(reason_for(tmp_path), ("文件夹", ".docx"))


def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    assert_chinese_with(reason_for(fifo), ("不是普通文件",))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_unreadable_file(tmp_path):
    path = bad_files.good_docx(tmp_path)
    path.chmod(0)
    assert_chinese_with(reason_for(path), ("无权读取", "关闭该文件"))


def sharing_violation() -> OSError:
    """The OSError Windows raises when Word holds the file open."""
    error = OSError(errno.EACCES, "The process cannot access the file because it is being used by another process")
    error.winerror = 32
    return error


def failing(error: Exception):
    """A stand-in for open/ZipFile/OleFileIO that raises error."""

    def fail(*args, **kwargs):
        raise error

    return fail


@pytest.mark.parametrize(
    "error",
    [PermissionError(errno.EACCES, "Permission denied"), sharing_violation()],
    ids=["permission-denied", "windows-sharing-violation"],
)
def test_locked_file(tmp_path, monkeypatch, error):
    path = bad_files.good_docx(tmp_path)
    monkeypatch.setattr(sniff_module, "open", failing(error), raising=False)
    assert_chinese_with(reason_for(path), ("被其他程序占用", "Word/WPS", "关闭该文件后重试"))


def test_other_os_error_names_the_path(tmp_path, monkeypatch):
    path = bad_files.good_docx(tmp_path)
    monkeypatch.setattr(sniff_module, "open", failing(OSError(errno.EIO, "Input/output error")), raising=False)
    assert_chinese_with(reason_for(path), ("无法读取文件", str(path), "Input/output error"))


def test_locked_while_reading_zip(tmp_path, monkeypatch):
    path = bad_files.good_docx(tmp_path)
    monkeypatch.setattr(sniff_module.zipfile, "ZipFile", failing(sharing_violation()))
    assert_chinese_with(reason_for(path), ("被其他程序占用",))


def test_locked_while_reading_ole(tmp_path, monkeypatch):
    path = bad_files.ole_file(tmp_path, "old.doc", ("WordDocument",))
    monkeypatch.setattr(sniff_module.olefile, "OleFileIO", failing(PermissionError(errno.EACCES, "denied")))
    assert_chinese_with(reason_for(path), ("被其他程序占用",))


def test_broken_ole_structure_is_corrupt(tmp_path, monkeypatch):
    path = bad_files.ole_file(tmp_path, "old.doc", ("WordDocument",))
    monkeypatch.setattr(sniff_module.olefile, "OleFileIO", failing(IndexError("sector out of range")))
    assert_chinese_with(reason_for(path), ("损坏",))


def outcome(path) -> str:
    """sniff's kind, or its reason; any other exception propagates and fails the test."""
    try:
        return sniff(str(path))
    except UnreadableDraft as unreadable:
        return str(unreadable)


@pytest.mark.parametrize("content", [bad_files.docx_bytes(), bad_files.ole_bytes(("WordDocument",))], ids=["docx", "ole"])
def test_damaged_bytes_never_escape_as_raw_exceptions(tmp_path, content):
    rng = random.Random(20240101)
    path = tmp_path / "damaged.docx"
    for trial in range(300):
        damaged = bytearray(content[: rng.randrange(1, len(content) + 1)] if trial % 3 == 0 else content)
        for _ in range(rng.randrange(1, 9)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        result = outcome(path)
        assert result in ("docx", "xlsx") or re.search("[\u4e00-\u9fff]", result)


@pytest.mark.parametrize("make", [bad_files.good_docx, bad_files.good_xlsx], ids=["docx", "xlsx"])
def test_normal_file_is_sniffed_within_5_ms(tmp_path, make):
    path = str(make(tmp_path))
    best_seconds = min(_seconds_to_sniff(path) for _ in range(20))
    assert best_seconds < 0.005


def _seconds_to_sniff(path: str) -> float:
    """Wall time of one sniff of path."""
    start = time.perf_counter()
    sniff(path)
    return time.perf_counter() - start


def test_big_file_is_not_read_into_memory(tmp_path):
    path = str(bad_files.big_docx(tmp_path))
    tracemalloc.start()
    try:
        assert sniff(path) == "docx"
        peak_bytes = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak_bytes < 1024 * 1024


def test_zip_bomb_is_judged_from_the_central_directory(tmp_path):
    with zipfile.ZipFile(bad_files.zip_bomb(tmp_path)) as bomb:
        assert sum(info.file_size for info in bomb.infolist()) > 500 * bad_files.MB
    assert (tmp_path / "bomb.docx").stat().st_size < 100 * 1024


def test_generated_ole_files_are_valid_compound_files(tmp_path):
    path = bad_files.ole_file(tmp_path, "x.xls", ("Workbook", "SummaryInformation", "Book"))
    with olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_POTENTIAL) as ole:
        assert sorted(ole.listdir()) == [["Book"], ["SummaryInformation"], ["Workbook"]]
        assert ole.get_size("Workbook") == bad_files.OLE_STREAM_BYTES
