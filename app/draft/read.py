"""Any readable file into a Draft: the reader its sniffed kind calls for, or UnreadableDraft with the user's reason."""
from __future__ import annotations

import logging

from .docx_reader import read_docx
from .model import Draft, FileKind, UnreadableDraft
from .sniff import sniff

log = logging.getLogger(__name__)

_DAMAGED = {
    FileKind.DOCX: "文件内容已损坏，无法解析；请用 Word/WPS 打开（它会提示修复）后另存一份再检查",
    FileKind.XLSX: "文件内容已损坏，无法解析；请用 Excel/WPS 打开（它会提示修复）后另存一份再检查",
    FileKind.HTML: "网页内容已损坏，无法解析；请在浏览器中重新打开该网页并另存后再检查",
    FileKind.PDF: "PDF 文件已损坏或不完整，无法解析；请重新下载该 PDF 后再检查",
}


def read_draft(path: str) -> Draft:
    """Read a .docx/.xlsx draft or a published web page/PDF into a Draft, or raise UnreadableDraft (Chinese reason)."""
    kind = sniff(path)
    try:
        if kind is FileKind.DOCX:
            return read_docx(path)
        if kind is FileKind.HTML:
            from .html_reader import read_html
            return read_html(path)
        if kind is FileKind.PDF:
            from .pdf_reader import read_pdf  # the PDF library only when a PDF comes
            return read_pdf(path)
        from .xlsx_reader import read_xlsx  # openpyxl (and what it pulls in) only when an .xlsx comes
        return read_xlsx(path)
    except UnreadableDraft:
        raise
    except MemoryError:
        log.warning("%s: out of memory while reading", path)
        raise UnreadableDraft("文件太大，内存不足，无法读取；请只保留年报正文和统计表后另存再检查") from None
    except PermissionError:
        raise UnreadableDraft("文件被其他程序占用或无权读取（可能正在 Word/WPS 中打开），请关闭该文件后重试") from None
    except Exception:  # a damaged part python-docx/lxml cannot parse: the user's reason here, the detail in the log
        log.warning("%s: unreadable part", path, exc_info=True)
        raise UnreadableDraft(_DAMAGED[kind]) from None
