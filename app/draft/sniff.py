"""Tell a readable .docx/.xlsx draft from everything else a user may pick, by content, in a few milliseconds."""
import codecs
import os
import stat
import zipfile
import zlib
from pathlib import PurePath
from xml.etree import ElementTree

import olefile

from .model import FileKind, UnreadableDraft

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_UNPACKED_BYTES = 500 * MB
MAX_SMALL_MEMBER_BYTES = 1 * MB  # [Content_Types].xml and an ODF mimetype are a few KB at most
HEAD_BYTES = 8192

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with members / an empty zip
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BOM_AND_BLANKS = codecs.BOM_UTF8 + b" \t\r\n"
CONTROL_BYTES = bytes(range(9)) + bytes(range(14, 32))  # never in text, except tab, line and page breaks
WINDOWS_SHARING_ERRORS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

ONLY_DRAFTS = "本工具只能检查 Word（.docx）或 Excel（.xlsx）草稿"
SAVE_AS_DRAFT = "请在 Word/Excel/WPS 中打开后另存为 .docx 或 .xlsx 再检查"

LOCKED = "文件被其他程序占用或无权读取（可能正在 Word/WPS 中打开），请关闭该文件后重试"
EMPTY = "文件是空的（0 字节），可能保存未完成，请重新保存后再检查"
CORRUPT = "文件已损坏或不完整（可能复制/下载中断），请用 Word/WPS 打开修复后另存再检查"
ENCRYPTED = "文件设置了打开密码，请在 Word/WPS/Excel 中取消密码（文件→信息→保护文档）后另存再检查"
OLD_DOC = "这是旧版 Word 文件（.doc），请在 Word/WPS 中另存为 .docx 后再检查"
OLD_WPS = "这是旧版 WPS 文字文件（.wps），请在 WPS/Word 中另存为 .docx 后再检查"
OLD_XLS = "这是旧版 Excel 文件（.xls），请在 Excel/WPS 中另存为 .xlsx 后再检查"
OLD_ET = "这是旧版 WPS 表格文件（.et），请在 WPS/Excel 中另存为 .xlsx 后再检查"
OTHER_OLE = f"这是旧版 Office 或其他二进制格式文件，{ONLY_DRAFTS}，{SAVE_AS_DRAFT}"
PDF = f"这是 PDF 文件，{ONLY_DRAFTS}，请选择导出 PDF 之前的 Word/Excel 原文件"
RTF = "这是 RTF 格式文件（常被命名为 .doc），请在 Word/WPS 中另存为 .docx 后再检查"
HTML = f"这是网页文件（HTML/MHT，常见于从网站或业务系统导出的 .doc/.xls），{ONLY_DRAFTS}，{SAVE_AS_DRAFT}"
WORD_XML = "这是 Word 2003 XML 文档，请在 Word/WPS 中另存为 .docx 后再检查"
EXCEL_XML = "这是 Excel 2003 XML 表格，请在 Excel/WPS 中另存为 .xlsx 后再检查"
IMAGE = f"这是图片文件，{ONLY_DRAFTS}，请选择草稿原文件，而不是截图或扫描件"
ARCHIVE = "这是压缩包（RAR/7z），不是 Word/Excel 文件，请先解压，再选择其中的 .docx 或 .xlsx 草稿"
PLAIN_ZIP = "这是普通压缩包（.zip），不是 Word/Excel 文件，请先解压，再选择其中的 .docx 或 .xlsx 草稿"
OFD = f"这是 OFD 版式文件（常用于电子公文），{ONLY_DRAFTS}，请选择生成 OFD 之前的 Word/Excel 原文件"
ODT = "这是 OpenDocument 文本（.odt），请在 WPS/Word 中另存为 .docx 后再检查"
ODS = "这是 OpenDocument 表格（.ods），请在 WPS/Excel 中另存为 .xlsx 后再检查"
OTHER_ODF = f"这是 OpenDocument 格式文件，{ONLY_DRAFTS}，{SAVE_AS_DRAFT}"
PPTX = f"这是 PowerPoint 演示文稿（.pptx），{ONLY_DRAFTS}，请选择 Word 或 Excel 草稿文件"
XLSB = "这是 Excel 二进制工作簿（.xlsb），请在 Excel/WPS 中另存为 .xlsx 后再检查"
WORD_TEMPLATE = "这是 Word 模板（.dotx/.dotm），请在 Word/WPS 中另存为 .docx 后再检查"
EXCEL_TEMPLATE = "这是 Excel 模板（.xltx/.xltm），请在 Excel/WPS 中另存为 .xlsx 后再检查"
OTHER_PACKAGE = f"这是其他 Office 格式文件，{ONLY_DRAFTS}，{SAVE_AS_DRAFT}"
TEXT = f"这是纯文本文件（如 .txt/.csv），{ONLY_DRAFTS}，{SAVE_AS_DRAFT}"
OWNER_FILE = "这是 Word/WPS 打开文件时生成的临时文件（文件名以 ~$ 开头），不是草稿本身，请选择不带 ~$ 的原文件"
UNKNOWN = f"无法识别的文件格式，{ONLY_DRAFTS}，请确认选择的是草稿原文件"

DRAFT_KINDS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": FileKind.DOCX,
    "application/vnd.ms-word.document.macroEnabled.main+xml": FileKind.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": FileKind.XLSX,
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": FileKind.XLSX,
}
OTHER_PACKAGE_REASONS = {
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": PPTX,
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": XLSB,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": WORD_TEMPLATE,
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": WORD_TEMPLATE,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": EXCEL_TEMPLATE,
    "application/vnd.ms-excel.template.macroEnabled.main+xml": EXCEL_TEMPLATE,
}
ODF_REASONS = {
    "application/vnd.oasis.opendocument.text": ODT,
    "application/vnd.oasis.opendocument.spreadsheet": ODS,
}
SIGNATURES = (  # compared with the lower-cased start of the file, after any BOM and blanks
    (b"%pdf-", PDF),
    (b"{\\rtf", RTF),
    ((b"<!doctype html", b"<html", b"mime-version:"), HTML),
    ((b"\x89png", b"\xff\xd8\xff", b"gif8", b"ii*\x00", b"mm\x00*"), IMAGE),
    ((b"rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c"), ARCHIVE),
)
MARKUP_MARKERS = (  # looked for anywhere in the head of a file that starts with "<"
    (b'progid="word.document"', WORD_XML),
    (b'progid="excel.sheet"', EXCEL_XML),
    (b"<html", HTML),
)
BROKEN_ZIP_ERRORS = (
    zipfile.BadZipFile,  # no central directory, bad header, CRC mismatch
    zlib.error,  # corrupt deflate data
    EOFError,  # member data cut short
    ElementTree.ParseError,  # [Content_Types].xml is not XML
    LookupError,  # [Content_Types].xml declares an unknown encoding
    NotImplementedError,  # unknown compression method
    RuntimeError,  # zip-encrypted member
    ValueError,  # undecodable member name
)


WEB_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".mhtml", ".mht")
PUBLISHED_SUFFIXES = (*WEB_SUFFIXES, ".pdf")  # the published forms of a report, read by their content
DRAFT_SUFFIXES = (".docx", ".xlsx", ".docm", ".xlsm")
READABLE_SUFFIXES = DRAFT_SUFFIXES + PUBLISHED_SUFFIXES  # what a folder check takes in


def sniff(path: str) -> FileKind:
    """Return the FileKind of a readable draft or published report, else raise UnreadableDraft(chinese_reason)."""
    _check_is_sized_file(path)
    head = _read_head(path)
    if head.startswith(ZIP_MAGIC):
        return _package_kind(path)
    if head.startswith(OLE_MAGIC):
        raise UnreadableDraft(_ole_reason(path))
    published = _published_kind(path, head)
    if published is not None:
        return published
    raise UnreadableDraft(_foreign_reason(path, head))


def _published_kind(path: str, head: bytes) -> FileKind | None:
    """PDF for a .pdf that is one; HTML for a web page saved under a web page's name (.html/.htm/.mht…)."""
    suffix = PurePath(path).suffix.lower()
    sample = head.lstrip(BOM_AND_BLANKS).lower()
    if suffix == ".pdf" and b"%pdf-" in head[:1024].lower():
        return FileKind.PDF
    if suffix in WEB_SUFFIXES and (sample.startswith(b"<") or _looks_like_text(head)):
        return FileKind.HTML
    return None


def _check_is_sized_file(path: str) -> None:
    """Raise unless path is a regular, non-empty file no larger than MAX_FILE_BYTES."""
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        raise UnreadableDraft(f"找不到文件：{path}，请确认路径是否正确") from None
    except OSError as error:
        raise UnreadableDraft(_os_error_reason(path, error)) from None
    if stat.S_ISDIR(status.st_mode):
        raise UnreadableDraft(f"这是一个文件夹，不是文件：{path}，请选择文件夹里的 .docx 或 .xlsx 草稿")
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableDraft(f"这不是普通文件：{path}，请选择 Word（.docx）或 Excel（.xlsx）草稿文件")
    if status.st_size == 0:
        raise UnreadableDraft(EMPTY)
    if status.st_size > MAX_FILE_BYTES:
        raise UnreadableDraft(
            f"文件过大（{status.st_size / MB:.1f} MB），超过 {MAX_FILE_BYTES // MB} MB 的上限，"
            "请删除草稿中的大图片或无关内容后另存再检查"
        )


def _read_head(path: str) -> bytes:
    """The first HEAD_BYTES of the file."""
    try:
        with open(path, "rb") as file:
            return file.read(HEAD_BYTES)
    except OSError as error:
        raise UnreadableDraft(_os_error_reason(path, error)) from None


def _is_locked(error: Exception) -> bool:
    """Whether the error means another program holds the file or we may not read it."""
    return isinstance(error, PermissionError) or getattr(error, "winerror", None) in WINDOWS_SHARING_ERRORS


def _os_error_reason(path: str, error: OSError) -> str:
    """The user's reason for an OS error met while opening path."""
    if _is_locked(error):
        return LOCKED
    return f"无法读取文件：{path}（{error.strerror or error}），请把文件复制到本机（如桌面）后重试"


def _package_kind(path: str) -> FileKind:
    """Kind of the zip at path as an OOXML draft, reading only its central directory and content types."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _archive_kind(archive)
    except OSError as error:
        raise UnreadableDraft(LOCKED if _is_locked(error) else CORRUPT) from None
    except BROKEN_ZIP_ERRORS:
        raise UnreadableDraft(CORRUPT) from None


def _archive_kind(archive: zipfile.ZipFile) -> FileKind:
    """Kind of an open zip as an OOXML draft, or raise why it is not one."""
    _check_unpacked_size(archive.infolist())
    members = {info.filename.lower(): info for info in archive.infolist()}  # OPC part names ignore case
    content_types = members.get("[content_types].xml")
    if content_types is None:
        raise UnreadableDraft(_non_ooxml_zip_reason(archive, members))
    main_parts = _main_parts(_read_small_member(archive, content_types))
    for content_type, part_name in main_parts.items():
        if content_type in OTHER_PACKAGE_REASONS:
            raise UnreadableDraft(OTHER_PACKAGE_REASONS[content_type])
        if content_type in DRAFT_KINDS:
            if part_name not in members:
                raise UnreadableDraft(CORRUPT)
            return DRAFT_KINDS[content_type]
    raise UnreadableDraft(OTHER_PACKAGE)


def _check_unpacked_size(infos: list[zipfile.ZipInfo]) -> None:
    """Raise when the members' declared sizes add up to more than MAX_UNPACKED_BYTES."""
    unpacked_bytes = sum(info.file_size for info in infos)
    if unpacked_bytes > MAX_UNPACKED_BYTES:
        raise UnreadableDraft(
            f"文件解压后内容过大（约 {unpacked_bytes // MB} MB），超过 {MAX_UNPACKED_BYTES // MB} MB 的上限，"
            "请删除多余的工作表、图片或空白行列后另存再检查"
        )


def _read_small_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A CRC-checked member that must be small; a big one means a broken package."""
    if info.file_size > MAX_SMALL_MEMBER_BYTES:
        raise UnreadableDraft(CORRUPT)
    return archive.read(info)


def _main_parts(content_types_xml: bytes) -> dict[str, str]:
    """Content type -> lower-cased part name of every Override in [Content_Types].xml."""
    root = ElementTree.fromstring(content_types_xml)
    return {
        override.get("ContentType", ""): override.get("PartName", "").lstrip("/").lower()
        for override in root.iter(f"{CONTENT_TYPES_NS}Override")
    }


def _non_ooxml_zip_reason(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> str:
    """Why a zip without [Content_Types].xml cannot be checked."""
    if "mimetype" in members:
        mimetype = _read_small_member(archive, members["mimetype"]).decode("ascii", "replace").strip()
        return ODF_REASONS.get(mimetype, OTHER_ODF)
    if "ofd.xml" in members:
        return OFD
    return PLAIN_ZIP


def _ole_reason(path: str) -> str:
    """Why an OLE2 compound file cannot be checked, judged by its top-level stream names."""
    try:
        with olefile.OleFileIO(path) as ole:
            streams = {entry[0].lower() for entry in ole.listdir()}
    except Exception as error:  # olefile reports a malformed file with many exception types
        return LOCKED if _is_locked(error) else CORRUPT
    suffix = PurePath(path).suffix.lower()
    if streams & {"encryptedpackage", "encryptioninfo"}:
        return ENCRYPTED
    if "worddocument" in streams:
        return OLD_WPS if suffix == ".wps" else OLD_DOC
    if streams & {"workbook", "book"}:
        return OLD_ET if suffix == ".et" else OLD_XLS
    return OTHER_OLE


def _foreign_reason(path: str, head: bytes) -> str:
    """Why a file that is neither a zip nor an OLE2 file cannot be checked."""
    if PurePath(path).name.startswith("~$"):
        return OWNER_FILE
    sample = head.lstrip(BOM_AND_BLANKS).lower()
    for prefixes, reason in SIGNATURES:
        if sample.startswith(prefixes):
            return reason
    if sample.startswith(b"<"):
        for marker, reason in MARKUP_MARKERS:
            if marker in sample:
                return reason
    return TEXT if _looks_like_text(head) else UNKNOWN


def _looks_like_text(head: bytes) -> bool:
    """Whether the head is UTF-16 with a BOM, or control-free UTF-8 or GB18030."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if head.translate(None, CONTROL_BYTES) != head:
        return False
    return any(_decodes(head, encoding) for encoding in ("utf-8", "gb18030"))


def _decodes(head: bytes, encoding: str) -> bool:
    """Whether the head decodes, allowing a character cut off at its end."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(head)
    except UnicodeDecodeError:
        return False
    return True
