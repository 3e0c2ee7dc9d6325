"""A published PDF with a text layer → Draft: text in reading order, ruled tables as cells, page furniture left out.

PDFium (pypdfium2) gives each character with its box (CJK through the fonts' ToUnicode maps) and the page's paths;
pdf_tables turns the rulings into grids. A table continued on the next page is a new piece here; the report
stage joins the pieces as it joins a Word table broken over pages (report/pieces.py).
"""
from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field

from ..findings import PdfCell, PdfParagraph
from .furniture import is_metadata, is_page_furniture
from .model import Cell, Draft, FileKind, Paragraph, Table, UnreadableDraft
from .pdf_guard import check_streams
from .pdf_tables import Grid, Segment, grids, with_columns

MAX_PAGES = 300  # a report has 3–30 pages
MAX_CHARS_PER_PAGE = 20_000
MAX_OBJECTS_PER_PAGE = 50_000
MAX_PATH_SEGMENTS = 200_000  # per page
HAIRLINE = 2.5  # points: a filled box thinner than this is drawn as a ruling
FURNITURE_BAND = 0.09  # top and bottom share of the page where running heads and page numbers stand
_PAGE_NUMBER = re.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?$|"
                          r"^\d{1,3}\s*/\s*\d{1,3}$")
_COMMON = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
              "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
              "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命"
              "此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老"
              "头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即"
              "保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安"
              "场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉"
              "林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸"
              "历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包"
              "火住调满县局照参红细引听该铁价严龙飞")

ENCRYPTED = "PDF 设置了打开密码，无法读取；请取得不带密码的 PDF，或用 Word/WPS 草稿检查"
SCANNED = ("PDF 中没有可读取的文字（可能是扫描件或图片），本工具不做文字识别（OCR）；"
           "请取得由 Word/WPS 导出的 PDF，或直接检查 Word/Excel 草稿")
UNDECODABLE = ("PDF 中的文字无法正确解码（字体缺少 Unicode 映射，复制出来是乱码），无法检查；"
               "请取得由 Word/WPS 直接导出的 PDF，或直接检查 Word/Excel 草稿")
DAMAGED = "PDF 文件已损坏或不完整，无法解析；请重新下载该 PDF 后再检查"
TOO_MANY_PAGES = f"PDF 共有 {{pages}} 页，超过 {MAX_PAGES} 页的上限，不像是一份年度报告；请只保留年报本身后再检查"
TOO_DENSE = "PDF 第 {page} 页的内容过多（文字或图形对象数量异常），不像是一份年度报告，无法检查"


@dataclass
class _Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    origin: float  # left of the loose (advance) box: the order of characters on a line (CJK punctuation's inked
    # boxes are not)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


class _Line:
    """Characters on one line, with the box they span kept as they are added."""

    def __init__(self, first: _Char, page: int):
        self.chars, self.page = [first], page
        self.x0, self.x1, self.top, self.bottom = first.x0, first.x1, first.top, first.bottom

    def add(self, ch: _Char) -> None:
        self.chars.append(ch)
        self.x0, self.x1 = min(self.x0, ch.x0), max(self.x1, ch.x1)
        self.top, self.bottom = min(self.top, ch.top), max(self.bottom, ch.bottom)

    @property
    def text(self) -> str:
        return _join(self.chars)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class _Page:
    number: int  # 1-based
    width: float
    height: float
    chars: list[_Char]
    grids: list[Grid]
    lines: list[_Line] = field(default_factory=list)  # text outside the tables
    tables: list[tuple[Grid, dict[tuple[int, int], str]]] = field(default_factory=list)  # grid, text per cell


def read_pdf(path: str) -> Draft:
    """Read a PDF's text layer into a Draft; raise UnreadableDraft with the reason in Chinese."""
    import pypdfium2 as pdfium  # PDFium only when a PDF comes: the window's start does not load it

    with open(path, "rb") as file:  # at most 50 MB (sniff)
        data = file.read()
    check_streams(data)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UnreadableDraft(ENCRYPTED if "password" in str(error).lower() else DAMAGED) from None
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise UnreadableDraft(TOO_MANY_PAGES.format(pages=pages))
        read = [_read_page(document, i) for i in range(pages)]
    except pdfium.PdfiumError:  # a page PDFium cannot load (a loop in the page tree, a broken page object)
        raise UnreadableDraft(DAMAGED) from None
    finally:
        document.close()
    _align_continued(read)
    for page in read:
        _fill(page)
    _check_text(read)
    _drop_running_furniture(read)
    return Draft(path=path, kind=FileKind.PDF, blocks=_blocks(read))


# ---------------------------------------------------------------- one page

def _read_page(document, index: int) -> _Page:
    import pypdfium2.raw as raw

    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars = _chars(raw, textpage, height, index)
        finally:
            textpage.close()
        horizontal, vertical = _rulings(raw, page, height, index)
    finally:
        page.close()
    found = [g for g in grids(horizontal, vertical) if _plausible(g, width)]
    return _Page(index + 1, width, height, chars, found)


def _align_continued(pages: list[_Page]) -> None:
    """The last table of a page and the first of the next, when they share their outer edges, cut at the union of
    their column edges."""
    for page, following in zip(pages, pages[1:]):
        if not page.grids or not following.grids:
            continue
        upper, lower = page.grids[-1], following.grids[0]
        if abs(upper.xs[0] - lower.xs[0]) <= 3 and abs(upper.xs[-1] - lower.xs[-1]) <= 3:
            xs = upper.xs + lower.xs
            page.grids[-1], following.grids[0] = with_columns(upper, xs), with_columns(lower, xs)


def _fill(page: _Page) -> None:
    """Put each character in the table cell it stands in, the others into lines of text."""
    cells: list[dict[tuple[int, int], list[_Char]]] = [{} for _ in page.grids]
    free: list[_Char] = []
    for ch in page.chars:
        for grid, bucket in zip(page.grids, cells):
            slot = grid.slot_at(ch.cx, ch.cy)
            if slot is not None:
                bucket.setdefault(grid.origin[slot], []).append(ch)
                break
        else:
            free.append(ch)
    page.tables = [(g, {slot: _cell_text(cs) for slot, cs in bucket.items()}) for g, bucket in zip(page.grids, cells)]
    page.lines = _lines(free, page.number)


def _plausible(grid: Grid, page_width: float) -> bool:
    """A grid of at least two cells that is not a frame around the whole page."""
    x0, top, x1, bottom = grid.bbox
    slots = (len(grid.xs) - 1) * (len(grid.ys) - 1)
    return slots >= 2 and len(set(grid.origin.values())) >= 2 and x1 - x0 < page_width * 0.98


def _chars(raw, textpage, height: float, index: int) -> list[_Char]:
    """The page's characters in content order, blanks and generated characters dropped; top-down coordinates."""
    count = raw.FPDFText_CountChars(textpage.raw)
    if count > MAX_CHARS_PER_PAGE:
        raise UnreadableDraft(TOO_DENSE.format(page=index + 1))
    out = []
    box = raw.FS_RECTF()  # the loose box: the font's ascent to descent, the same height for every glyph of a line
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))  # the glyph's own box: where it is inked
    tight = [ctypes.byref(v) for v in (left, right, bottom, top)]
    codes = _codes(raw, textpage, count)
    for i in range(count):
        code = codes[i] if codes is not None else raw.FPDFText_GetUnicode(textpage.raw, i)
        if code in (0, 0xFFFE, 0xFFFF):
            continue
        text = chr(code) if code < 0x110000 else "\ufffd"
        if text.isspace():  # blanks, and the line breaks PDFium generates
            continue
        if raw.FPDFText_HasUnicodeMapError(textpage.raw, i) == 1:
            text = "\ufffd"
        if not (raw.FPDFText_GetLooseCharBox(textpage.raw, i, ctypes.byref(box))
                and raw.FPDFText_GetCharBox(textpage.raw, i, *tight)):
            continue
        out.append(_Char(text, left.value, height - box.top, right.value, height - box.bottom, box.left))
    return out


def _codes(raw, textpage, count: int) -> list[int] | None:
    """Every character's code in one call (UTF-16, one unit per character); None when surrogate pairs make the
    units and the characters differ."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage.raw, 0, count, buffer)
    units = list(buffer[:max(written - 1, 0)])
    if len(units) != count or any(0xD800 <= u <= 0xDFFF for u in units):
        return None
    return units


def _rulings(raw, page, height: float, index: int) -> tuple[list[Segment], list[Segment]]:
    """Axis-aligned segments of the page's top-level stroked paths (lines, rectangle edges) and of thin filled boxes
    (hairlines); a wide filled box is a cell's or a line's shading, not a ruling."""
    horizontal, vertical = [], []
    objects = raw.FPDFPage_CountObjects(page.raw)
    if objects > MAX_OBJECTS_PER_PAGE:
        raise UnreadableDraft(TOO_DENSE.format(page=index + 1))
    budget = MAX_PATH_SEGMENTS
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(objects):
        obj = raw.FPDFPage_GetObject(page.raw, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        count = raw.FPDFPath_CountSegments(obj)
        budget -= max(count, 0)
        if budget < 0:
            raise UnreadableDraft(TOO_DENSE.format(page=index + 1))
        if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)) or not _ruling_path(raw, obj):
            continue
        start = current = None
        for k in range(count):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            point = (matrix.a * x.value + matrix.c * y.value + matrix.e,
                     height - (matrix.b * x.value + matrix.d * y.value + matrix.f))
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_LINETO and current is not None:
                _add_segment(current, point, horizontal, vertical)
            if kind == raw.FPDF_SEGMENT_MOVETO or start is None:
                start = point
            current = point
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_segment(current, start, horizontal, vertical)
                current = start
    return horizontal, vertical


def _ruling_path(raw, obj) -> bool:
    """A stroked path, or a filled one thinner than HAIRLINE in one direction."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    if stroke.value:
        return True
    box = [ctypes.c_float() for _ in range(4)]
    if not raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box)):
        return False
    left, bottom, right, top = (v.value for v in box)
    return min(right - left, top - bottom) < HAIRLINE


def _add_segment(a, b, horizontal: list[Segment], vertical: list[Segment]) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < 1.0 and abs(ax - bx) >= 1.0:
        horizontal.append(Segment((ay + by) / 2, min(ax, bx), max(ax, bx)))
    elif abs(ax - bx) < 1.0 and abs(ay - by) >= 1.0:
        vertical.append(Segment((ax + bx) / 2, min(ay, by), max(ay, by)))


# ---------------------------------------------------------------- text

def _join(chars: list[_Char]) -> str:
    """Characters of one line left to right, a blank where a gap wider than a character separates Latin words."""
    out = []
    for prev, ch in zip([None, *chars], chars):
        if prev is not None and ch.x0 - prev.x1 > 0.6 * max(ch.bottom - ch.top, 1) and \
                (prev.text.isascii() and ch.text.isascii()):
            out.append(" ")
        out.append(ch.text)
    return "".join(out)


def _lines(chars: list[_Char], page: int) -> list[_Line]:
    """Characters grouped into lines: a character joins the line whose vertical middle it shares."""
    lines: list[_Line] = []
    for ch in chars:
        line = lines[-1] if lines else None
        if line is not None and _overlap(ch, line) > 0.5 * min(ch.bottom - ch.top, line.height):
            line.add(ch)
        else:
            lines.append(_Line(ch, page))
    for line in lines:
        line.chars.sort(key=lambda c: c.origin)
    return lines


def _overlap(ch: _Char, line: _Line) -> float:
    return min(ch.bottom, line.bottom) - max(ch.top, line.top)


def _cell_text(chars: list[_Char]) -> str:
    """A cell's characters as lines top to bottom, the lines of a wrapped label run together."""
    rows = _lines(chars, 0)
    return "".join(_join(r.chars) for r in rows).strip()


def _check_text(pages: list[_Page]) -> None:
    """Refuse a PDF without a text layer (a scan) or whose text does not decode to Chinese."""
    text = "".join(line.text for p in pages for line in p.lines)
    text += "".join(t for p in pages for _, cells in p.tables for t in cells.values())
    visible = [c for c in text if not c.isspace()]
    if len(visible) < 20:
        raise UnreadableDraft(SCANNED)
    broken = sum(1 for c in visible if c == "\ufffd" or "\ue000" <= c <= "\uf8ff" or ord(c) < 32)
    han = [c for c in visible if "\u4e00" <= c <= "\u9fff"]
    if broken > len(visible) * 0.2 or (len(han) > 100 and sum(c in _COMMON for c in han) < len(han) * 0.2):
        raise UnreadableDraft(UNDECODABLE)


def _drop_running_furniture(pages: list[_Page]) -> None:
    """Remove page numbers and running heads/footers: lines in the top or bottom band that are page numbers or
    repeat (digits aside) on several pages."""
    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    def in_band(page: _Page, line: _Line) -> bool:
        return line.bottom < page.height * FURNITURE_BAND or line.top > page.height * (1 - FURNITURE_BAND)

    repeated = Counter(key(line) for p in pages for line in p.lines if in_band(p, line))
    for p in pages:
        p.lines = [line for line in p.lines
                   if not (in_band(p, line) and (_PAGE_NUMBER.match(line.text) or
                                                 (len(pages) > 2 and repeated[key(line)] >= len(pages) // 2 + 1)))]


def _blocks(pages: list[_Page]) -> list[Paragraph | Table]:
    """Paragraphs and table pieces in reading order, page by page, each with its place in the PDF."""
    blocks: list[Paragraph | Table] = []
    paragraphs = tables = 0
    for page in pages:
        items: list[tuple[float, object]] = [(g.ys[0], (g, cells)) for g, cells in page.tables]
        items += [(para[0].top, para) for para in _paragraphs(page)]
        items.sort(key=lambda it: it[0])
        if items and blocks and _carries_on(blocks[-1], items[0][1], page):
            blocks[-1].text += "".join(line.text for line in items.pop(0)[1])
        for _, item in items:
            if isinstance(item, tuple):
                grid, cells = item
                if not is_metadata("".join(cells.values())):
                    blocks.append(_table(grid, cells, page.number, tables))
                    tables += 1
            else:
                text = "".join(line.text for line in item)
                if not is_page_furniture(text):
                    blocks.append(Paragraph(text, PdfParagraph(page.number, paragraphs)))
                    paragraphs += 1
    return blocks


_SENTENCE_END = "。！？；：”）)"


def _carries_on(last, item, page: _Page) -> bool:
    """The page's first paragraph goes on with the previous page's last one: that one ends mid-sentence and this
    one's first line is not indented."""
    if not isinstance(last, Paragraph) or isinstance(item, tuple) or last.text.endswith(tuple(_SENTENCE_END)):
        return False
    left = min(line.x0 for line in page.lines)
    return item[0].x0 <= left + 0.5 * item[0].height and len(last.text) > 20


def _paragraphs(page: _Page) -> list[list[_Line]]:
    """The page's lines cut into paragraphs: a new one after a short line, at an indented line or after a gap."""
    lines = page.lines
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    out: list[list[_Line]] = []
    for prev, line in zip([None, *lines], lines):
        size = line.height
        starts = (prev is None or prev.x1 < right - 2 * size or line.x0 > left + 1.5 * size
                  or line.top - prev.bottom > 1.2 * size or abs(line.height - prev.height) > 0.25 * size
                  or line.top < prev.top)
        if starts:
            out.append([line])
        else:
            out[-1].append(line)
    return out


def _table(grid: Grid, texts: dict[tuple[int, int], str], page: int, index: int) -> Table:
    """A grid as a Table piece: one Cell per merged cell, shared by every slot it covers."""
    made: dict[tuple[int, int], Cell] = {}
    rows = []
    for r in range(len(grid.ys) - 1):
        row = []
        for c in range(len(grid.xs) - 1):
            origin = grid.origin[(r, c)]
            if origin not in made:
                made[origin] = Cell(texts.get(origin, ""), PdfCell(page, index, *origin), *origin)
            row.append(made[origin])
        rows.append(row)
    return Table(grid=rows, source=f"PDF 第 {page} 页表格")
