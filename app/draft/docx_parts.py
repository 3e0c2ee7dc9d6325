"""The parts of a .docx the reader needs, straight from the package with lxml: the body at once, the styles and
the numbering only when a paragraph refers to them.

python-docx parses every XML part of the package on opening (the styles part of Word's default template alone
is 350 KB); the checker reads the body, and the rest as far as the body uses it.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from functools import cached_property

from lxml import etree

from .model import UnreadableDraft

MAX_BODY_BYTES = 50_000_000  # word/document.xml of a 500-page report is a few MB
MAX_TABLE_ROWS = 10_000  # rows of all the tables together; a report has well under a hundred
_ROW_TAGS = (b"<w:tr>", b"<w:tr ")
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)  # as python-docx parses
_OFFICE_DOCUMENT = "/officeDocument"
_STRICT = "purl.oclc.org/ooxml/"  # the namespaces of ISO 29500 Strict, which Word writes only when asked to


def check_body_size(size: int) -> None:
    """Refuse, before it is even unpacked, a body too large to be a report draft."""
    if size > MAX_BODY_BYTES:
        raise UnreadableDraft(f"文件正文过大（{size // 1_000_000} MB 的文档内容），不像是一份年报草稿；"
                              "请只保留年报正文和统计表后另存再检查")


def check_table_rows(body: bytes) -> None:
    """Refuse, before any tree is built, a body with too many table rows to be a report draft."""
    rows = sum(body.count(tag) for tag in _ROW_TAGS)
    if rows > MAX_TABLE_ROWS:
        raise UnreadableDraft(f"文件中的表格共有 {rows} 行，超出 {MAX_TABLE_ROWS} 行的上限，不像是一份年报草稿"
                              "（表三只有二十多行）；请删除多余的表格行后另存再检查")


class DocxParts:
    """An open .docx: the main document part parsed, its styles and numbering parts parsed on first use."""

    def __init__(self, data: bytes):
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self._names = {name.lower(): name for name in self.archive.namelist()}  # part names ignore case (OPC)
        main = self._main_part()
        member = self.member(main)
        if member is None:
            raise UnreadableDraft("文件已损坏或不完整（缺少正文内容），请用 Word/WPS 打开修复后另存再检查")
        check_body_size(self.archive.getinfo(member).file_size)
        body = self.archive.read(member)
        check_table_rows(body)
        self.document = etree.fromstring(body, _PARSER)
        if _STRICT in self.document.tag:
            raise UnreadableDraft("这是“Strict Open XML”格式的 Word 文档，请在 Word 中另存为“Word 文档（*.docx）”后再检查")
        self._related = self._relationships(main)

    def member(self, part: str | None) -> str | None:
        """The zip member of a part name, or None when the package lacks it (a dangling relationship)."""
        return self._names.get(part.lstrip("/").lower()) if part else None

    @cached_property
    def styles(self):
        """The styles part's root, or None."""
        return self._related_root("/styles")

    @cached_property
    def numbering(self):
        """The numbering part's root, or None."""
        return self._related_root("/numbering")

    def _related_root(self, type_suffix: str):
        for kind, part in self._related:
            member = self.member(part)
            if kind.endswith(type_suffix) and member is not None:
                return etree.fromstring(self.archive.read(member), _PARSER)
        return None

    def _main_part(self) -> str:
        root = self._xml("_rels/.rels")
        for rel in root if root is not None else ():
            if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
                return posixpath.normpath(rel.get("Target", "").lstrip("/"))
        return "word/document.xml"

    def _relationships(self, part: str) -> list[tuple[str, str]]:
        """(type, resolved part name) of a part's internal relationships."""
        folder, name = posixpath.split(part)
        root = self._xml(posixpath.join(folder, "_rels", name + ".rels"))
        out = []
        for rel in root if root is not None else ():
            target = rel.get("Target") or ""
            if rel.get("TargetMode") != "External" and target:
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                out.append((rel.get("Type") or "", posixpath.normpath(path)))
        return out

    def _xml(self, part: str):
        member = self.member(part)
        return etree.fromstring(self.archive.read(member), _PARSER) if member is not None else None
