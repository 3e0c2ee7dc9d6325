"""The mark every .docx/.xlsx this tool writes carries (two custom document properties), and reading it back.

Word, WPS and Excel show the properties under 文件 → 属性 → 自定义 and keep them when the copy is saved again, so a
folder check can tell the tool's own copies and workbooks from the drafts beside them by content, not by name.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from html import escape  # quote=False: what xml.sax.saxutils.escape does, without its urllib/http imports

from . import TOOL_NAME

KIND_PROPERTY = "年报检查工具生成"  # value: what the file is (修正版 / 批注版 / 汇总表)
SOURCE_PROPERTY = "年报检查原稿"  # value: the file name of the draft it was made from (copies only)
CORRECTED, ANNOTATED, WORKBOOK = "修正版", "批注版", "汇总表"

_CUSTOM = "docProps/custom.xml"
_RELS = "_rels/.rels"
_TYPES = "[Content_Types].xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_EMPTY_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxml'
                 'formats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/docPropsVTypes"></Properties>')
_MAX_CUSTOM_BYTES = 1 << 20  # a custom-properties part larger than this is not ours to read
_PROPERTY_RE = re.compile(r'<(?:\w+:)?property\b[^>]*\bname="([^"]*)"[^>]*>(.*?)</(?:\w+:)?property>', re.S)
_VALUE_RE = re.compile(r"<(?:\w+:)?lpwstr>(.*?)</(?:\w+:)?lpwstr>", re.S)
_PID_RE = re.compile(r'\bpid="(\d+)"')


@dataclass(frozen=True)
class Origin:
    """What the tool wrote a file as, and from which draft."""

    kind: str  # 修正版 / 批注版 / 汇总表
    source: str | None  # the draft's file name, for a copy

    def describe(self) -> str:
        """“本工具生成的修正版（原稿：X.docx）”, for the summary line about a file given by name."""
        made = f"{TOOL_NAME}生成的{self.kind}"
        return f"{made}（原稿：{self.source}）" if self.source else made


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'") \
        .replace("&amp;", "&")


def _properties(custom_xml: str) -> dict[str, str]:
    out = {}
    for name, body in _PROPERTY_RE.findall(custom_xml):
        value = _VALUE_RE.search(body)
        out[_unescape(name)] = _unescape(value.group(1)) if value else ""
    return out


SUMMARY = "检查报告"  # the printable check summary, as HTML or PDF
_GENERATOR_RE = re.compile(rb'<meta\s+name="generator"\s+content="([^"]*)"', re.I)


def _summary_mark(generator: str) -> bool:
    """A generator/Creator string the check summary carries (app.summary.html.GENERATOR)."""
    return generator.startswith(TOOL_NAME) and "检查摘要" in generator


def _summary_origin(path: str) -> Origin | None:
    """The check summary's mark in an .html (<meta name="generator">) or a .pdf (its Creator), or None."""
    lower = path.lower()
    try:
        if lower.endswith((".html", ".htm")):
            with open(path, "rb") as fh:
                found = _GENERATOR_RE.search(fh.read(8192))
            generator = found.group(1).decode("utf-8", "replace") if found else ""
        else:
            import pypdfium2  # loaded only for a PDF in a folder

            document = pypdfium2.PdfDocument(path)
            try:
                generator = document.get_metadata_dict().get("Creator", "")
            finally:
                document.close()
    except Exception:  # noqa: BLE001  (not ours, or not readable: the check itself says why)
        return None
    return Origin(SUMMARY, None) if _summary_mark(generator) else None


def origin_of(path: str) -> Origin | None:
    """The tool's mark in a .docx/.xlsx, an .html or a .pdf, or None (not ours, unreadable: never raises)."""
    if path.lower().endswith((".html", ".htm", ".pdf")):
        return _summary_origin(path)
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo(_CUSTOM)
            if info.file_size > _MAX_CUSTOM_BYTES:
                return None
            props = _properties(package.read(info).decode("utf-8", "replace"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError):
        return None
    kind = props.get(KIND_PROPERTY)
    return Origin(kind, props.get(SOURCE_PROPERTY) or None) if kind else None


def _property(pid: int, name: str, value: str) -> str:
    return (f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, quote=False).replace(chr(34), "&quot;")}">'
            f'<vt:lpwstr>{escape(value, quote=False)}</vt:lpwstr></property>')


def _with_mark(custom_xml: str, kind: str, source: str | None) -> str:
    """The custom-properties part with our properties (replacing earlier ones of ours), the others kept."""
    for name in (KIND_PROPERTY, SOURCE_PROPERTY):
        custom_xml = re.sub(rf'<(\w+:)?property\b[^>]*\bname="{re.escape(name)}"[^>]*>.*?</(\w+:)?property>', "",
                            custom_xml, flags=re.S)
    pid = max([int(p) for p in _PID_RE.findall(custom_xml)] + [1]) + 1
    ours = _property(pid, KIND_PROPERTY, kind)
    if source:
        ours += _property(pid + 1, SOURCE_PROPERTY, source)
    if "xmlns:vt=" not in custom_xml:
        custom_xml = custom_xml.replace("<Properties ", '<Properties xmlns:vt="http://schemas.openxmlformats.org/'
                                        'officeDocument/2006/docPropsVTypes" ', 1)
    if re.search(r"<Properties\b[^>]*/>", custom_xml):
        return re.sub(r"<Properties\b([^>]*)/>", rf"<Properties\1>{ours}</Properties>", custom_xml, count=1)
    return custom_xml.replace("</Properties>", ours + "</Properties>", 1)


def stamp(data: bytes, kind: str, source: str | None = None) -> bytes:
    """A .docx/.xlsx package with the tool's mark in its custom properties; every other part byte for byte (the
    package relationships and content types gain the properties part when the file had none)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = set(src.namelist())
    had_custom = _CUSTOM in names
    custom = src.read(_CUSTOM).decode("utf-8") if had_custom else _EMPTY_CUSTOM
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == _CUSTOM:
                body = _with_mark(custom, kind, source).encode("utf-8")
            elif info.filename == _TYPES and not had_custom:
                body = body.decode("utf-8").replace(
                    "</Types>", f'<Override PartName="/{_CUSTOM}" ContentType="{_CUSTOM_TYPE}"/></Types>', 1).encode()
            elif info.filename == _RELS and not had_custom:
                text = body.decode("utf-8")
                ids = {int(i) for i in re.findall(r'Id="rId(\d+)"', text)}
                rel = f'<Relationship Id="rId{max(ids | {0}) + 1}" Type="{_CUSTOM_REL}" Target="{_CUSTOM}"/>'
                body = text.replace("</Relationships>", rel + "</Relationships>", 1).encode("utf-8")
            dst.writestr(info, body)
        if not had_custom:
            dst.writestr(_CUSTOM, _with_mark(custom, kind, source).encode("utf-8"))
    return out.getvalue()


def source_name(path: str) -> str:
    """The draft's name as the mark records it."""
    return os.path.basename(path)
