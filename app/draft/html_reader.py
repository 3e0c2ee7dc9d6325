"""A saved web page (.html/.htm/.mht) → Draft: the report's text blocks and tables, the site's chrome left out."""
from __future__ import annotations

import re

from ..findings import HtmlCell, HtmlParagraph
from . import html_page
from .furniture import is_metadata, is_page_furniture
from .model import Cell, Draft, FileKind, Paragraph, Table, UnreadableDraft

MAX_DEPTH = 200  # deeper markup is not a report's
MAX_TABLE_CELLS = 20_000  # a statistics table has about 300 cells
MAX_SPAN = 200
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt", "blockquote",
              "section", "article", "center", "pre", "address", "main", "aside", "figure", "figcaption", "caption",
              "form", "fieldset", "hr", "body", "html", "tr", "td", "th", "tbody", "thead", "tfoot"}
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
TOO_MANY_CELLS = "网页中的表格过大（超过 2 万个单元格），不像是一份年报网页，请只保存年报正文所在的网页后再检查"
TOO_DEEP = "网页的标签嵌套层数过多（超过 256 层），不像是一份年报网页，请在浏览器中打开后另存为“网页，仅 HTML”再检查"
NO_TEXT = "网页中没有正文文字，可能只保存了网页框架；请在浏览器中打开年报正文页面，另存为“网页，全部”或“单个文件”后再检查"


def read_html(path: str) -> Draft:
    """Read a saved web page into a Draft; raise UnreadableDraft with the reason in Chinese."""
    with open(path, "rb") as file:
        markup = html_page.page_text(file.read())
    return draft_of_markup(path, markup)


def draft_of_markup(path: str, markup: str) -> Draft:
    """The Draft of a page's markup (text)."""
    from lxml import etree  # lxml comes with python-docx; imported here so that the window's start does not pay for it

    markup = markup.lstrip("\ufeff")
    if not markup.strip():
        raise UnreadableDraft(NO_TEXT)
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
                              huge_tree=False)  # the text is decoded already: its meta charset no longer applies
    try:
        root = etree.fromstring(markup.encode("utf-8"), parser=parser)
    except etree.LxmlError:
        root = None
    if any("depth" in e.message.lower() for e in parser.error_log):
        raise UnreadableDraft(TOO_DEEP)
    if root is None:
        raise UnreadableDraft(NO_TEXT)
    if root.xpath("count(//*)") > html_page.MAX_ELEMENTS:
        raise UnreadableDraft(html_page.TOO_BIG)
    if root.xpath("count(//td|//th)") > MAX_TABLE_CELLS:
        raise UnreadableDraft(TOO_MANY_CELLS)
    html_page.drop_chrome(root)
    body = root.find("body")
    content = html_page.report_root(body if body is not None else root)
    walker = _Walker()
    walker.walk(content, 0, False, None)
    walker.flush()
    if not walker.blocks:
        raise UnreadableDraft(NO_TEXT)
    return Draft(path=path, kind=FileKind.HTML, blocks=walker.blocks)


class _Walker:
    """Walks the report's element in document order, cutting text into paragraphs at block elements and <br>."""

    def __init__(self):
        self.blocks: list[Paragraph | Table] = []
        self.pieces: list[tuple[str, bool, bool]] = []  # (text, bold, in a link) of the paragraph being collected
        self.heading: int | None = None
        self.paragraphs = 0
        self.tables = 0

    def walk(self, el, depth: int, bold: bool, heading: int | None) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if depth > MAX_DEPTH:
            return
        if tag == "table":
            self.flush()
            self._table(el, depth)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
        heading = HEADING_TAGS.get(tag, heading)
        bold = bold or tag in ("b", "strong") or tag in HEADING_TAGS or bool(_BOLD_STYLE.search(el.get("style") or ""))
        link = tag == "a" and el.get("href") is not None
        if heading is not None:
            self.heading = heading
        self._add(el.text, bold, link)
        for child in el:
            self.walk(child, depth + 1, bold, heading)
            self._add(child.tail, bold, False if block else link)
        if block:
            self.flush()

    def _add(self, text: str | None, bold: bool, link: bool) -> None:
        if text:
            self.pieces.append((text, bold, link))

    def flush(self) -> None:
        """End the paragraph being collected; keep it unless it is blank, link text only, or page furniture."""
        pieces, heading = self.pieces, self.heading
        self.pieces, self.heading = [], None
        text = re.sub(r"[ \t\r\n]+", " ", "".join(t for t, _, _ in pieces)).strip(" \u3000\xa0")
        if not text.replace("\xa0", "").strip() or all(link for t, _, link in pieces if t.strip()):
            return
        if is_page_furniture(text):
            return
        bold = all(b for t, b, _ in pieces if t.strip())
        self.blocks.append(Paragraph(text, HtmlParagraph(self.paragraphs), heading_level=heading, bold=bold))
        self.paragraphs += 1

    def _table(self, el, depth: int) -> None:
        """A data table becomes a Table; a layout table is walked cell by cell; the site's metadata table is left out."""
        rows = _rows(el)
        if _is_layout(el, rows):
            for row in rows:
                for cell in row:
                    self.walk(cell, depth + 1, False, None)
                    self.flush()
            return
        text = "".join(_cell_text(c) for row in rows for c in row)
        if not text.strip() or is_metadata(text):
            return
        self.blocks.append(Table(grid=_grid(rows, self.tables), source=f"网页表格 {self.tables + 1}"))
        self.tables += 1


def _rows(table) -> list[list]:
    """The table's own rows (not a nested table's), each as its td/th elements."""
    rows = []
    for tr in table.iter("tr"):
        owner = next((a for a in tr.iterancestors("table")), None)
        if owner is table:
            rows.append([c for c in tr if c.tag in ("td", "th")])
    cells = sum(len(r) for r in rows)
    if cells > MAX_TABLE_CELLS:
        raise UnreadableDraft(TOO_MANY_CELLS)
    return rows


def _is_layout(table, rows: list[list]) -> bool:
    """A table the site lays the page out with: it holds a table, or a cell holding running text."""
    if next(table.iterdescendants("table"), None) is not None:
        return True
    return any(len(_cell_text(c)) > 200 for row in rows for c in row)


def _cell_text(cell) -> str:
    """A cell's text, a line per <br> or block element, blanks at the lines' ends removed."""
    parts: list[str] = []

    def collect(el, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br" or tag in BLOCK_TAGS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            collect(child, depth + 1)
            if child.tail:
                parts.append(child.tail)

    collect(cell, 0)
    lines = (re.sub(r"[ \t\r]+", " ", line).strip(" \xa0\u3000") for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _span(cell, name: str) -> int:
    try:
        return max(1, min(MAX_SPAN, int(re.sub(r"\D.*", "", (cell.get(name) or "1").strip()) or 1)))
    except ValueError:
        return 1


def _grid(rows: list[list], index: int) -> list[list[Cell]]:
    """The cells on the grid with rowspan/colspan resolved; a merged cell is the same Cell at every slot it covers."""
    grid: list[list[Cell | None]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for td in row:
            line = grid[r]
            while c < len(line) and line[c] is not None:
                c += 1
            rowspan, colspan = min(_span(td, "rowspan"), len(rows) - r), _span(td, "colspan")
            cell = Cell(_cell_text(td), HtmlCell(index, r, c), r, c)
            for rr in range(r, r + rowspan):
                covered = grid[rr]
                if len(covered) < c + colspan:
                    covered.extend([None] * (c + colspan - len(covered)))
                for cc in range(c, c + colspan):
                    if covered[cc] is None:
                        covered[cc] = cell
            c += colspan
    return [[cell if cell is not None else Cell("", HtmlCell(index, r, c), r, c) for c, cell in enumerate(line)]
            for r, line in enumerate(grid)]
