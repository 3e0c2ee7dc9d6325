"""The parts of an .xlsx read straight from the package with lxml, bounded and repaired as Excel repairs them.

Nothing here trusts a size the file claims (a dimension, a merge, a style index, a sheet id): cells are
streamed one by one, a cell with content beyond the row/column limit stops the read at once, and what
Excel repairs silently (an out-of-range style, an empty sheet id, a malformed merge, text in a number
cell, a dangling part) is read the way Excel shows it after the repair.
"""
from __future__ import annotations

import datetime
import logging
import math
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from .formula import column_index_from_string, get_column_letter
from .model import UnreadableDraft

MAX_PART_BYTES = 30_000_000  # a report sheet is well under 1 MB; a million filled rows is ~40 MB
MAX_ROWS = 5_000
MAX_COLS = 200
MAX_MERGES = 20_000  # a report sheet has a few dozen
EXCEL_ROWS, EXCEL_COLS = 1_048_576, 16_384

# Built-in numFmtIds that show a date or a time: the en-US ones 14–22 and 45–47 (those openpyxl's is_date_format
# says so of) and the zh-CN ones 27–31, 36 and 50–58.
_DATE_FORMAT_IDS = frozenset({*range(14, 23), *range(27, 32), 36, *range(45, 48), *range(50, 59)})
# Quoted literals and bracketed locales/colours, which hold letters that are not date parts ([h], [mm], [ss] are).
_FORMAT_NOISE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_PART = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_A1 = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")
_WORKBOOK_TYPE = "/officeDocument"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)  # no entity tricks, no DTD fetch
log = logging.getLogger(__name__)


def local(tag) -> str:
    """An element's tag without its namespace (transitional and strict OOXML alike)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attr(el, name: str, default: str | None = None) -> str | None:
    """An attribute by local name, whatever its namespace (r:id in either OOXML flavour)."""
    value = el.get(name)
    if value is not None:
        return value
    for key, value in el.attrib.items():
        if key.endswith("}" + name):
            return value
    return default


def small_int(text: str | None) -> int | None:
    """A non-negative integer attribute of at most nine ASCII digits (an index, an id), else None."""
    return int(text) if text and len(text) <= 9 and text.isascii() and text.isdigit() else None


def parse_a1(ref: str | None) -> tuple[int, int] | None:
    """(row, col) of "D7" within Excel's grid, or None for anything else."""
    m = _A1.fullmatch(ref or "")
    if not m:
        return None
    row, col = int(m.group(2)), column_index_from_string(m.group(1))
    return (row, col) if 1 <= row <= EXCEL_ROWS and 1 <= col <= EXCEL_COLS else None


def parse_range(ref: str | None) -> tuple[int, int, int, int] | None:
    """(top, left, bottom, right) of "A1:C3", corners in any order; None for a malformed or one-cell range."""
    ends = (ref or "").split(":")
    if len(ends) != 2:
        return None
    a, b = parse_a1(ends[0].strip()), parse_a1(ends[1].strip())
    if a is None or b is None or a == b:
        return None
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def is_date_format(code: str) -> bool:
    """A number format code shows a date or time (openpyxl's test: a d/m/h/y/s outside quotes and brackets)."""
    return _DATE_PART.search(_FORMAT_NOISE.sub("", code.split(";")[0])) is not None


def a1(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


class SheetTooLarge(UnreadableDraft):
    """A sheet holds content beyond the row or column limit (or too many merges)."""


@dataclass
class SheetEntry:
    """One <sheet> of workbook.xml: its name, visibility and the zip member holding it (None: the part is gone)."""

    name: str
    state: str
    part: str | None


@dataclass
class SheetContent:
    """A sheet's cells that hold something, its formulas and its merges as the file lists them."""

    values: dict[tuple[int, int], object] = field(default_factory=dict)  # plain values and cached formula results
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # "=SUM(D5:I5)"
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (top, left, bottom, right), valid ones


class Package:
    """An open .xlsx: its sheets in workbook order, shared strings and date styles, read once."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self._names = {name.lower(): name for name in archive.namelist()}  # part names ignore case (OPC)
        self.workbook_part = self._workbook_part()
        workbook = self._xml(self.workbook_part)
        if workbook is None:
            raise UnreadableDraft("文件已损坏或不完整（缺少工作簿内容），请用 Excel/WPS 打开修复后另存再检查")
        rels = self._rels(self.workbook_part)
        self.date1904 = any(attr(el, "date1904") in ("1", "true") for el in workbook.iter("{*}workbookPr"))
        self.sheets = [self._entry(el, rels) for el in workbook.iter("{*}sheet")]
        self.strings = self._shared_strings(self._target(rels, "/sharedStrings", "xl/sharedStrings.xml"))
        self.styles_part = self._target(rels, "/styles", "xl/styles.xml")
        self.date_styles = self._date_styles(self.styles_part)

    # -- parts and relationships

    def member(self, part: str | None) -> str | None:
        """The zip member for a part name, or None when the package lacks it."""
        return self._names.get(part.lstrip("/").lower()) if part else None

    def _xml(self, part: str | None):
        member = self.member(part)
        if member is None:
            return None
        self._check_size(member)
        return etree.fromstring(self.archive.read(member), PARSER)

    def _check_size(self, member: str) -> None:
        size = self.archive.getinfo(member).file_size
        if size > MAX_PART_BYTES:
            raise SheetTooLarge(f"工作表过大（{size // 1_000_000} MB 的表格数据），不像是一份年报草稿；"
                                "请只保留年报正文和表二、表三、表四后另存再检查")

    def _workbook_part(self) -> str:
        root = self._xml("_rels/.rels")
        for rel in root.iter("{*}Relationship") if root is not None else ():
            if (rel.get("Type") or "").endswith(_WORKBOOK_TYPE) and rel.get("TargetMode") != "External":
                return posixpath.normpath(rel.get("Target", "").lstrip("/"))
        return "xl/workbook.xml"

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Id → (type, resolved part name) of a part's internal relationships."""
        folder, name = posixpath.split(part)
        root = self._xml(posixpath.join(folder, "_rels", name + ".rels"))
        rels = {}
        for rel in root.iter("{*}Relationship") if root is not None else ():
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            rels[rel.get("Id")] = (rel.get("Type") or "", posixpath.normpath(path))
        return rels

    def _target(self, rels: dict[str, tuple[str, str]], type_suffix: str, default: str) -> str | None:
        """The part a relationship of this type points to, if present; else the usual name, if present."""
        for kind, path in rels.values():
            if kind.endswith(type_suffix) and self.member(path):
                return path
        return default if self.member(default) else None

    def _entry(self, el, rels) -> SheetEntry:
        rel = rels.get(attr(el, "id"))
        part = rel[1] if rel and self.member(rel[1]) else None
        return SheetEntry(el.get("name") or "", el.get("state") or "visible", self.member(part))

    # -- strings and styles

    def _shared_strings(self, part: str | None) -> list[str]:
        root = self._xml(part)
        if root is None:
            return []
        return [string_item_text(si) for si in root.iterchildren("{*}si")]

    def _date_styles(self, part: str | None) -> frozenset[int]:
        """Indices of the cell styles whose number format shows a date."""
        root = self._xml(part)
        if root is None:
            return frozenset()
        custom = {fmt.get("numFmtId"): fmt.get("formatCode") or "" for fmt in root.iter("{*}numFmt")}
        dates = set()
        for xfs in root.iterchildren("{*}cellXfs"):
            for index, xf in enumerate(xfs.iterchildren("{*}xf")):
                fmt_id = xf.get("numFmtId") or "0"
                code = custom.get(fmt_id)
                if (code is not None and is_date_format(code)) or small_int(fmt_id) in _DATE_FORMAT_IDS:
                    dates.add(index)
        return frozenset(dates)

    # -- sheets

    def read_sheet(self, entry: SheetEntry) -> SheetContent:
        """The sheet's cells with content, streamed; raises SheetTooLarge at the first cell beyond the limits."""
        self._check_size(entry.part)
        reader = _SheetReader(self, entry.name)
        with self.archive.open(entry.part) as stream:
            for _, el in etree.iterparse(stream, huge_tree=False, resolve_entities=False,
                                         tag=("{*}row", "{*}mergeCell")):
                reader.handle(el)
        return reader.content


def used_range(content: SheetContent) -> tuple[int, int]:
    """(last row, last column) of the cells that hold something: the sheet as far as the draft goes."""
    return (max((r for r, _ in content.values), default=0), max((c for _, c in content.values), default=0))


def merges_in_use(merges: list[tuple[int, int, int, int]], max_row: int, max_col: int,
                  sheet: str = "") -> list[tuple[int, int, int, int]]:
    """The merges as Excel repairs them: cut to the used range, and none overlapping an earlier one."""
    taken = bytearray(max_row * max_col)
    kept = []
    for top, left, bottom, right in merges:
        bottom, right = min(bottom, max_row), min(right, max_col)
        if top > bottom or left > right or (top, left) == (bottom, right):
            continue
        rows = range((top - 1) * max_col, bottom * max_col, max_col)
        if any(taken.find(1, start + left - 1, start + right) != -1 for start in rows):
            log.info("sheet %s: merge %s overlaps an earlier one, ignored", sheet, a1(top, left) + ":" + a1(bottom, right))
            continue
        for start in rows:
            taken[start + left - 1:start + right] = b"\x01" * (right - left + 1)
        kept.append((top, left, bottom, right))
    return kept


def string_item_text(si) -> str:
    """Visible text of a shared or inline string: its runs, without the phonetic (rPh) guide."""
    return "".join(t.text or "" for t in si.iter("{*}t") if local(t.getparent().tag) != "rPh")


class _SheetReader:
    """The iterparse handler of one worksheet: rows, cells and merges."""

    def __init__(self, package: Package, name: str):
        self.package = package
        self.name = name
        self.content = SheetContent()
        self.row = 0
        self.col = 0
        self.shared: dict[str, tuple[str, str]] = {}  # shared formula id → (master formula, master cell)

    def handle(self, el) -> None:
        """A <row> (with its cells) or a <mergeCell>, once parsed; memory stays flat: read elements are dropped."""
        if local(el.tag) == "row":
            r = small_int(el.get("r"))
            self.row = r if r is not None and 0 < r <= EXCEL_ROWS else self.row + 1
            self.col = 0
            for c in el:
                if local(c.tag) == "c":
                    self._cell(c)
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
            return
        merge = parse_range(el.get("ref"))
        if merge is not None:
            self.content.merges.append(merge)
            if len(self.content.merges) > MAX_MERGES:
                raise SheetTooLarge(f"工作表过大：“{self.name}”有超过 {MAX_MERGES} 处合并单元格，不像是一份年报草稿；"
                                    "请只保留年报正文和统计表后另存再检查")
        el.clear()

    def _cell(self, el) -> None:
        place = parse_a1(el.get("r"))
        if place is None:  # no (or a malformed) reference: the next cell of the row, as Excel reads it
            place = (self.row or 1, min(self.col + 1, EXCEL_COLS))
        self.col = place[1]
        kind = el.get("t") or "n"
        raw = formula = inline = None
        for child in el:
            tag = local(child.tag)
            if tag == "v":
                raw = child.text
            elif tag == "f":
                formula = self._formula(child, place)
            elif tag == "is":
                inline = string_item_text(child)
        value = inline if kind == "inlineStr" else self._value(kind, raw, el.get("s"))
        if formula is None and (value is None or value == ""):
            return  # formatted but empty: not content, whatever its position
        if place[0] > MAX_ROWS or place[1] > MAX_COLS:
            what = "行" if place[0] > MAX_ROWS else "列"
            limit = f"{MAX_ROWS} 行" if place[0] > MAX_ROWS else f"{MAX_COLS} 列"
            raise SheetTooLarge(
                f"工作表过大：“{self.name}”的 {a1(*place)} 单元格还有内容，超出 {limit}的上限，不像是一份年报草稿；"
                f"请删除多余的{what}（或把年报正文和统计表复制到新工作簿）后另存再检查")
        if formula is not None:
            self.content.formulas[place] = formula
        self.content.values[place] = value

    def _formula(self, f, place: tuple[int, int]) -> str | None:
        """The formula text ("=…"); a shared formula's followers are translated from its first cell."""
        kind, text = f.get("t"), f.text
        if kind == "dataTable":
            return None
        if kind == "shared":
            si = f.get("si") or ""
            if text:
                self.shared[si] = (text, a1(*place))
            elif si in self.shared:
                master, origin = self.shared[si]
                try:
                    from openpyxl.formula.translate import Translator
                    return Translator("=" + master, origin=origin).translate_formula(a1(*place))
                except Exception:  # a formula openpyxl cannot tokenise: left for the evaluator to refuse
                    log.info("%s!%s: shared formula not translated", self.name, a1(*place), exc_info=True)
                    return "=" + master + "#"
        return "=" + text if text else None

    def _value(self, kind: str, raw: str | None, style: str | None):
        """A cell's value as Excel shows it; text where the file's type claim does not hold."""
        if raw is None:
            return None
        if kind == "s":
            index = small_int(raw.strip())
            return self.package.strings[index] if index is not None and index < len(self.package.strings) else ""
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return _iso_date(raw)
        number = _number(raw)
        if number is None:
            return raw  # text in a number cell (Excel shows it as text) or a number beyond any count
        if small_int(style) in self.package.date_styles and isinstance(number, (int, float)):
            return _serial_date(number, self.package.date1904) or number
        return number


def _number(raw: str) -> int | float | None:
    """The number a <v> holds, or None when it is not a finite number within Python's int conversion limit."""
    text = raw.strip()
    try:
        if any(ch in text for ch in ".eE"):
            value = float(text)
            return value if math.isfinite(value) else None
        return int(text)
    except ValueError:  # not a number, or more than 4,300 digits
        return None


def _serial_date(serial: float, date1904: bool) -> datetime.datetime | None:
    base = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    if not date1904 and serial < 60:
        serial += 1  # Excel's phantom 29 February 1900
    try:
        return base + datetime.timedelta(days=serial)
    except OverflowError:
        return None


def _iso_date(raw: str) -> datetime.datetime | str:
    try:
        return datetime.datetime.fromisoformat(raw.strip())
    except ValueError:
        return raw
