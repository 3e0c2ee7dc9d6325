"""Bound a PDF before PDFium parses it: what its compressed streams unpack to, and how many drawing operators
a stream holds, read from the raw bytes in bounded pieces (PDFium itself would unpack and parse a bomb whole)."""
from __future__ import annotations

import re
import zlib

from .model import UnreadableDraft

MB = 1024 * 1024
MAX_STREAM_BYTES = 32 * MB  # unpacked, one stream: a fully embedded CJK font is 10 to 20 MB
MAX_TOTAL_BYTES = 128 * MB  # unpacked, all streams
MAX_OPERATORS = 150_000  # text-showing and path operators in one stream; a report page has a few thousand
PIECE = 1 * MB
_STREAM = re.compile(rb"stream\r?\n")
_OPERATORS = (b"Tj", b"TJ", b" l\n", b" re", b" c\n")

TOO_BIG = "PDF 中的内容解压后过大（可能是恶意构造的文件），不像是一份年度报告，无法检查"
TOO_DENSE = "PDF 中的图文对象数量异常（可能是恶意构造的文件），不像是一份年度报告，无法检查"


def check_streams(data: bytes) -> None:
    """Raise UnreadableDraft when a Flate stream of the file unpacks beyond the bounds or holds too many operators."""
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if b"/FlateDecode" not in data[max(0, match.start() - 400):match.start()] and \
                b"/Fl " not in data[max(0, match.start() - 400):match.start()]:
            continue
        end = data.find(b"endstream", start)
        unpacked, operators = _unpack_bounded(data[start:end if end > 0 else len(data)])
        total += unpacked
        if unpacked > MAX_STREAM_BYTES or total > MAX_TOTAL_BYTES:
            raise UnreadableDraft(TOO_BIG)
        if operators > MAX_OPERATORS:
            raise UnreadableDraft(TOO_DENSE)


def _unpack_bounded(raw: bytes) -> tuple[int, int]:
    """(bytes unpacked, operators counted), stopping just past MAX_STREAM_BYTES or MAX_OPERATORS; a damaged
    stream counts what unpacked before the damage (PDFium decides what to make of it)."""
    inflater = zlib.decompressobj()
    size = operators = 0
    pending = raw
    try:
        while pending and size <= MAX_STREAM_BYTES and operators <= MAX_OPERATORS:
            piece = inflater.decompress(pending, PIECE)
            pending = inflater.unconsumed_tail
            if not piece:
                break
            size += len(piece)
            operators += sum(piece.count(op) for op in _OPERATORS)
    except zlib.error:
        pass
    return size, operators
