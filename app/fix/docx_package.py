"""Rebuild a .docx from the source package, taking only the edited parts from python-docx's save."""
from __future__ import annotations

import io
import re
import zipfile

_CONTENT_TYPES = "[Content_Types].xml"


def _override(types_xml: str, part: str) -> str | None:
    """The <Override> element that declares a part, from a [Content_Types].xml text."""
    m = re.search(rf'<Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>', types_xml)
    return m.group(0) if m else None


def repack(source: bytes, saved: bytes, edited: set[str]) -> bytes:
    """Source entries byte for byte, except `edited` parts (from `saved`) and parts new in `saved`."""
    src = zipfile.ZipFile(io.BytesIO(source))
    new = zipfile.ZipFile(io.BytesIO(saved))
    src_names = set(src.namelist())
    added = [name for name in new.namelist() if name not in src_names and name != _CONTENT_TYPES]
    types_xml = src.read(_CONTENT_TYPES).decode("utf-8")
    new_types = new.read(_CONTENT_TYPES).decode("utf-8")
    declarations = "".join(filter(None, (_override(new_types, name) for name in added
                                         if _override(types_xml, name) is None)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == _CONTENT_TYPES and declarations:
                dst.writestr(info, types_xml.replace("</Types>", declarations + "</Types>").encode("utf-8"))
            elif info.filename in edited:
                dst.writestr(info, new.read(info.filename))
            else:
                dst.writestr(info, src.read(info.filename))
        for name in added:
            dst.writestr(new.getinfo(name), new.read(name))
    return out.getvalue()
