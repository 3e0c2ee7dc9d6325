"""Numbers read from Office XML attributes, bounded the way Word bounds them before anything is built from them."""
from __future__ import annotations

import re

# The readers name WordprocessingML elements as python-docx does ("w:p" → "{…/main}p"), without importing it: python-docx
# builds its ~100 element classes at import (0.5 s of the window's start under Wine), and only the writers need it.
NAMESPACES = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def qn(tag: str) -> str:
    """Clark notation of a prefixed tag, as docx.oxml.ns.qn gives for the prefixes in NAMESPACES."""
    prefix, local = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


W_VAL = qn("w:val")
MAX_GRID_COLS = 63  # Word's tables have at most 63 columns
MAX_LIST_LEVEL = 8  # list levels are 0–8
MAX_LIST_START = 32_767  # the largest start value Word accepts
_INTEGER = re.compile(r"\s*([+-]?)([0-9]+)\s*")


def bounded_int(text: str | None, default: int, low: int, high: int) -> int:
    """An integer attribute as Word reads it: default when absent or not a number, else clamped to [low, high]."""
    m = _INTEGER.fullmatch(text) if text is not None else None
    if m is None:
        return default
    sign, digits = m.groups()
    if len(digits) > 12:  # beyond any real value, and never converted (Python refuses 4,300+ digits)
        return low if sign == "-" else high
    return min(max(int(sign + digits), low), high)


def val_int(el, default: int, low: int, high: int) -> int:
    """The w:val of an element (None: absent) as a bounded integer."""
    return default if el is None else bounded_int(el.get(W_VAL), default, low, high)
