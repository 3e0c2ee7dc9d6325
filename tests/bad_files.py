"""Write, by code, the good and bad input files that users feed the checker; each returns the written path."""
import io
import struct
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

MB = 1024 * 1024
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
XLSB_TYPE = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
DOTX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
)

# OLE2 / Compound File Binary, version 3 ([MS-CFB]): 512-byte sectors, sector 0 = FAT, sector 1 = directory.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SECTOR_BYTES = 512
DIRECTORY_ENTRY_BYTES = 128
OLE_STREAM_BYTES = 4096  # the mini-stream cutoff: streams this long sit in normal sectors, so no mini FAT is needed
FREE_SECTOR, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
STORAGE_ROOT, STREAM, BLACK = 5, 2, 1

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
RTF_BYTES = b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0 SimSun;}}\\f0 \\'b1\\'a8\\'b8\\'e6}"
HTML_BYTES = "<html><head><meta charset='utf-8'></head><body><table><tr><td>收到申请数</td></tr></table></body></html>".encode()
OFFICE_HTML_BYTES = (  # what Excel's "save as web page" and many business systems export as .xls
    b'<?xml version="1.0"?>\r\n<html xmlns:o="urn:schemas-microsoft-com:office:office"><body></body></html>'
)
MHT_BYTES = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n\r\n"
WORD_2003_XML_BYTES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n'
    b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>'
)
EXCEL_2003_XML_BYTES = (
    b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
    b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'
)
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
RAR_BYTES = b"Rar!\x1a\x07\x01\x00" + bytes(16)
UTF8_TEXT_BYTES = "一、总体情况\n本机关2024年主动公开政府信息1234条。\n".encode() * 50
GBK_TEXT_BYTES = "项目,本年新制作数量,本年新公开数量\r\n规章,0,0\r\n".encode("gbk") * 50
UTF16_TEXT_BYTES = "一、总体情况".encode("utf-16")
OWNER_FILE_BYTES = b"\x06zhang3" + b" " * 47 + "张三".encode("utf-16-le") + bytes(100)
BINARY_BYTES = bytes(range(256)) * 4


def docx_bytes() -> bytes:
    """A real minimal .docx made by python-docx."""
    document = docx.Document()
    document.add_paragraph("2024年政府信息公开工作年度报告")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    """A real minimal .xlsx made by openpyxl."""
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "本年新制作数量"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write(folder: Path, name: str, content: bytes) -> Path:
    """Write content to folder/name."""
    path = folder / name
    path.write_bytes(content)
    return path


def good_docx(folder: Path, name: str = "good.docx") -> Path:
    """A real minimal .docx under any name."""
    return write(folder, name, docx_bytes())


def good_xlsx(folder: Path, name: str = "good.xlsx") -> Path:
    """A real minimal .xlsx under any name."""
    return write(folder, name, xlsx_bytes())


def truncated_docx(folder: Path) -> Path:
    """The first half of a real .docx, as left by an interrupted copy."""
    content = docx_bytes()
    return write(folder, "truncated.docx", content[: len(content) // 2])


def corrupt_docx(folder: Path) -> Path:
    """A real .docx with bytes flipped in the middle of its [Content_Types].xml data."""
    content = bytearray(docx_bytes())
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo("[Content_Types].xml")
    name_and_extra_bytes = struct.unpack_from("<HH", content, info.header_offset + 26)
    data_start = info.header_offset + 30 + sum(name_and_extra_bytes)
    middle = data_start + info.compress_size // 2
    content[middle : middle + 4] = bytes(b ^ 0xFF for b in content[middle : middle + 4])
    return write(folder, "corrupt.docx", bytes(content))


def empty_file(folder: Path) -> Path:
    """A 0-byte .docx, as left by a save that never finished."""
    return write(folder, "empty.docx", b"")


def oversized_file(folder: Path) -> Path:
    """A sparse 51 MB .docx: over the size limit without using the disk."""
    path = folder / "huge.docx"
    with open(path, "wb") as file:
        file.truncate(51 * MB)
    return path


def zip_bomb(folder: Path) -> Path:
    """A real .docx whose central directory declares a 600 MB picture that holds only a few bytes."""
    path = folder / "bomb.docx"
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(path, "w") as bomb:
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        bomb.writestr("word/media/image1.png", b"\x00" * 64)
        bomb.getinfo("word/media/image1.png").file_size = 600 * MB  # written into the central directory on close
    return path


def big_docx(folder: Path) -> Path:
    """A real .docx carrying a stored 40 MB picture: within the limits, but slow to read whole."""
    path = folder / "big.docx"
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(path, "w") as big:
        for info in source.infolist():
            big.writestr(info, source.read(info))
        big.writestr("word/media/image1.png", b"\x89PNG" * (10 * MB), compress_type=zipfile.ZIP_STORED)
    return path


def with_main_type(folder: Path, name: str, content_type: str) -> Path:
    """A real .docx whose main document part is declared with another content type (e.g. .docm)."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(DOCX_TYPE.encode(), content_type.encode())
    return zip_of(folder, name, members)


def ooxml_package(folder: Path, name: str, content_type: str, part: str) -> Path:
    """A minimal OOXML package whose only part is a main part of content_type."""
    return zip_of(
        folder,
        name,
        {"[Content_Types].xml": CONTENT_TYPES.format(part=part, content_type=content_type), part: "<x/>"},
    )


def odf_zip(folder: Path, name: str, mimetype: str) -> Path:
    """An OpenDocument-like zip: a stored mimetype member first, then content.xml."""
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return path


def zip_of(folder: Path, name: str, members: dict) -> Path:
    """A deflated zip holding the given name -> text or bytes members."""
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member_name, data in members.items():
            archive.writestr(member_name, data)
    return path


def encrypted_docx(folder: Path, name: str = "locked.docx") -> Path:
    """A real password-protected .docx (ECMA-376 agile encryption by msoffcrypto-tool), password 123456; skips the
    calling test without msoffcrypto-tool (the converters extra)."""
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        pytest.skip("msoffcrypto-tool not installed: pip install -e .[converters]")
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_bytes())).encrypt("123456", encrypted)
    return write(folder, name, encrypted.getvalue())


def ole_file(folder: Path, name: str, stream_names: tuple[str, ...]) -> Path:
    """A minimal valid OLE2 compound file whose root holds up to three 4 KB streams of the given names."""
    return write(folder, name, ole_bytes(stream_names))


def ole_bytes(stream_names: tuple[str, ...]) -> bytes:
    """Header, one FAT sector, one directory sector, then each stream in 8 chained sectors."""
    assert len(stream_names) <= 3, "the root and the streams must fit in one directory sector"
    ordered_names = sorted(stream_names, key=lambda n: (len(n), n.upper()))  # [MS-CFB] sibling order
    sectors_per_stream = OLE_STREAM_BYTES // SECTOR_BYTES
    fat = [FAT_SECTOR, END_OF_CHAIN]
    entries = [_ole_entry("Root Entry", STORAGE_ROOT, child=1 if ordered_names else NO_STREAM)]
    for entry_id, stream_name in enumerate(ordered_names, start=1):
        right = entry_id + 1 if entry_id < len(ordered_names) else NO_STREAM
        entries.append(_ole_entry(stream_name, STREAM, right=right, start=len(fat), size=OLE_STREAM_BYTES))
        fat += list(range(len(fat) + 1, len(fat) + sectors_per_stream)) + [END_OF_CHAIN]
    fat += [FREE_SECTOR] * (SECTOR_BYTES // 4 - len(fat))
    directory = b"".join(entries + [_unused_ole_entry()] * (SECTOR_BYTES // DIRECTORY_ENTRY_BYTES - len(entries)))
    streams = bytes(OLE_STREAM_BYTES * len(ordered_names))
    return _ole_header() + struct.pack(f"<{len(fat)}I", *fat) + directory + streams


def _ole_header() -> bytes:
    """A version-3 header: one FAT sector (0), directory at sector 1, no mini FAT, no extra DIFAT."""
    fields = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        OLE_MAGIC, b"", 0x3E, 3, 0xFFFE, 9, 6, b"",
        0, 1, 1, 0, OLE_STREAM_BYTES, END_OF_CHAIN, 0, END_OF_CHAIN, 0,
    )  # fmt: skip
    return fields + struct.pack("<109I", 0, *[FREE_SECTOR] * 108)


def _ole_entry(name: str, kind: int, child=NO_STREAM, right=NO_STREAM, start=END_OF_CHAIN, size=0) -> bytes:
    """One 128-byte directory entry, coloured black, with no left sibling."""
    encoded_name = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded_name, len(encoded_name), kind, BLACK, NO_STREAM, right, child, b"", 0, 0, 0, start, size,
    )  # fmt: skip


def _unused_ole_entry() -> bytes:
    """An unused directory slot: no name, no siblings, no child."""
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM, b"", 0, 0, 0, 0, 0)
