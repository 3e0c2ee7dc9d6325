""".docx → Draft: body paragraphs with their number text, tables with merges on a grid.

The reader parses the parts itself (docx_parts: the body, and the styles and numbering only as far as the body
uses them); python-docx opens the package only for the writers (open_document).
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree

from ..findings import DocxCell, DocxParagraph
from .docx_numbering import Numbering
from .docx_parts import DocxParts, check_body_size, check_table_rows
from .model import Cell, Draft, FileKind, Paragraph, Table, UnreadableDraft
from .ooxml import MAX_GRID_COLS, qn, val_int

W_P, W_TBL, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")
W_TR, W_TC = qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_VAL = qn("w:val")
W_TCPR, W_GRID_SPAN, W_VMERGE = qn("w:tcPr"), qn("w:gridSpan"), qn("w:vMerge")
_GRID_BEFORE = f"{qn('w:trPr')}/{qn('w:gridBefore')}"
W_TXBX = qn("w:txbxContent")
_BOXES = (W_TXBX, "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")


W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdtContent"), qn("w:customXml")


def content_children(parent, *tags: str) -> Iterator:
    """parent's children of the given tags in order, looking through content controls (w:sdt) and custom XML
    (w:customXml), which the schema allows around paragraphs and tables, table rows, and cells alike."""
    for child in parent.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from content_children(content, *tags)
        elif child.tag == W_CUSTOM_XML:
            yield from content_children(child, *tags)


def iter_body_blocks(body) -> Iterator:
    """Top-level w:p and w:tbl of the body in order."""
    return content_children(body, W_P, W_TBL)


def table_rows(tbl) -> list:
    """The w:tr of a table in order."""
    return list(content_children(tbl, W_TR))


def cell_paragraphs(tc) -> Iterator:
    """The w:p of a table cell in order."""
    return content_children(tc, W_P)


def literal_text(element) -> str:
    """Every w:t under element, whatever wraps it, without whitespace: what a place holds, read the plainest way."""
    return "".join("".join(t.text.split()) for t in element.iter(W_T) if t.text)


def paragraph_text(p) -> str:
    """Visible text of a w:p: runs, tabs and line breaks (deleted text and text boxes excluded)."""
    parts = []
    boxed = False
    for el in p.iter(W_T, W_TAB, W_BR, W_CR, *_BOXES):
        if el.tag in _BOXES:
            boxed = True
            continue
        if boxed and _inside_box(el, p):
            continue
        if el.tag == W_T:
            parts.append(el.text or "")
        elif el.tag == W_TAB:
            parts.append("\t")
        elif el.get(qn("w:type")) != "page":
            parts.append("\n")
    return "".join(parts)


def _inside_box(el, p) -> bool:
    """el sits in a text box (or in the VML fallback copy of one) within paragraph p."""
    for ancestor in el.iterancestors():
        if ancestor is p:
            return False
        if ancestor.tag in _BOXES:
            return True
    return False


def text_box_paragraphs(p) -> list:
    """The w:p inside the text boxes anchored in p: the DrawingML box, or the VML one when it is alone."""
    return [inner for box in p.iter(W_TXBX) if not _inside_box(box, p) for inner in box.iter(W_P)]


def lines(text: str) -> list[str]:
    """A paragraph's text cut at its soft line breaks: each line is read as a paragraph of its own."""
    if "\n" not in text:
        return [text]
    return [line for line in text.split("\n") if line.strip()] or [text]


def _cell_text(tc) -> str:
    return "\n".join(paragraph_text(p) for p in cell_paragraphs(tc))


def _tc_span(tc) -> tuple[int, str | None]:
    """(gridSpan, vMerge) of a w:tc; vMerge is "restart", "continue" or None; a span is 1 to MAX_GRID_COLS."""
    tc_pr = tc.find(W_TCPR)
    if tc_pr is None:
        return 1, None
    span = val_int(tc_pr.find(W_GRID_SPAN), 1, 1, MAX_GRID_COLS)
    vm = tc_pr.find(W_VMERGE)
    vmerge = None if vm is None else ("restart" if vm.get(W_VAL) == "restart" else "continue")
    return span, vmerge


def table_width(tbl) -> int:
    """Grid columns of a table as its w:tblGrid declares them (MAX_GRID_COLS when it declares none or too many)."""
    grid = tbl.find(qn("w:tblGrid"))
    declared = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
    return declared if 0 < declared <= MAX_GRID_COLS else MAX_GRID_COLS


def row_layout(tr, width: int) -> tuple[int, list[tuple[object, int, str | None]]]:
    """(gridBefore, [(w:tc, span, vMerge)]) of a row; a row claiming more than MAX_GRID_COLS is cut to the table.

    Word lays a row out within the table's grid: an offset or a span larger than the grid (w:gridBefore of
    10,000,000, w:gridSpan of 2**31) shrinks until the row fits, the offset first, then the widest cells.
    """
    before = val_int(tr.find(_GRID_BEFORE), 0, 0, MAX_GRID_COLS)
    cells = [(tc, *_tc_span(tc)) for tc in content_children(tr, W_TC)]
    excess = before + sum(span for _, span, _ in cells) - MAX_GRID_COLS
    if excess <= 0:
        return before, cells
    excess += MAX_GRID_COLS - width
    cut = min(before, excess)
    before, excess = before - cut, excess - cut
    for i in sorted(range(len(cells)), key=lambda i: -cells[i][1]):
        if excess <= 0:
            break
        tc, span, vmerge = cells[i]
        cut = min(span - 1, excess)
        cells[i], excess = (tc, span - cut, vmerge), excess - cut
    return before, cells


def cell_columns(tbl, tr) -> Iterator[tuple[int, int, object]]:
    """(grid column where it starts, span, w:tc) of each cell of a row of tbl, exactly as read_table_grid counts."""
    col, cells = row_layout(tr, table_width(tbl))
    for tc, span, _ in cells:
        yield col, span, tc
        col += span


def read_table_grid(tbl, table_index: int) -> list[list[Cell]]:
    """The table's cells on a grid, gridSpan and vMerge resolved (a merged cell repeats)."""
    grid: list[list[Cell]] = []
    width = table_width(tbl)
    for r, tr in enumerate(table_rows(tbl)):
        before, cells = row_layout(tr, width)
        row: list[Cell] = []
        col = 0
        for _ in range(before):
            row.append(Cell("", DocxCell(table_index, r, col), r, col))
            col += 1
        for tc, span, vmerge in cells:
            above = grid[r - 1][col] if vmerge == "continue" and r > 0 and col < len(grid[r - 1]) else None
            cell = above or Cell(_cell_text(tc), DocxCell(table_index, r, col), r, col)
            row.extend([cell] * span)
            col += span
        grid.append(row)
    return grid


W_PPR, W_PSTYLE, W_OUTLINE = qn("w:pPr"), qn("w:pStyle"), qn("w:outlineLvl")
W_R, W_RPR, W_B = qn("w:r"), qn("w:rPr"), qn("w:b")
W_STYLE, W_STYLE_ID = qn("w:style"), qn("w:styleId")
_STYLE_OUTLINE = f"{W_PPR}/{W_OUTLINE}"
_STYLE_BOLD = f"{W_RPR}/{W_B}"


def _style_info(p, styles: ParagraphStyles) -> tuple[str | None, int | None, bool]:
    p_pr = p.find(W_PPR)
    style_id = None
    level = None
    if p_pr is not None:
        ps = p_pr.find(W_PSTYLE)
        style_id = ps.get(W_VAL) if ps is not None else None
        ol = p_pr.find(W_OUTLINE)
        if ol is not None:
            level = val_int(ol, 9, 0, 9) + 1
    style_level, style_bold = styles.get(style_id)
    return style_id, level if level is not None and level < 10 else style_level, style_bold


def _all_runs_bold(p, style_bold: bool) -> bool:
    """Every run of the paragraph that holds text is bold (directly or by the paragraph's style)."""
    any_text = False
    for r in p.iter(W_R):
        if r.find(W_T) is None:
            continue
        any_text = True
        r_pr = r.find(W_RPR)
        b = r_pr.find(W_B) if r_pr is not None else None
        if not (style_bold if b is None else b.get(W_VAL, "true") not in ("0", "false")):
            return False
    return any_text


class ParagraphStyles:
    """styleId → (heading level or None, bold) of the styles part, following basedOn, resolved on first use."""

    def __init__(self, root):
        self._root = root  # → the styles part's root element, or None
        self._elements: dict[str, object] | None = None
        self._resolved: dict[str, tuple[int | None, bool]] = {}

    def element(self, style_id: str):
        """The w:style element of a style id, or None."""
        if self._elements is None:
            root = self._root()
            self._elements = {} if root is None else {st.get(W_STYLE_ID): st for st in root.iterchildren(W_STYLE)}
        return self._elements.get(style_id)

    def get(self, style_id: str | None) -> tuple[int | None, bool]:
        """(heading level or None, bold) of a paragraph style; (None, False) for none or an unknown one."""
        if style_id is None or self.element(style_id) is None:
            return None, False
        if style_id not in self._resolved:
            self._resolved[style_id] = self._resolve(style_id, 0)
        return self._resolved[style_id]

    def _resolve(self, style_id: str, depth: int) -> tuple[int | None, bool]:
        base, level, bold = self._own(self.element(style_id))
        if base and depth < 10 and self.element(base) is not None and (level is None or bold is None):
            b_level, b_bold = self._resolve(base, depth + 1)
            level = level if level is not None else b_level
            bold = bold if bold is not None else b_bold
        return level, bool(bold)

    @staticmethod
    def _own(st) -> tuple[str | None, int | None, bool | None]:
        """(basedOn, heading level, bold) a style sets itself; None where it inherits."""
        name_el = st.find(qn("w:name"))
        name = (name_el.get(W_VAL) or "" if name_el is not None else "").lower()
        level = None
        for prefix in ("heading ", "标题 ", "标题"):
            number = name[len(prefix):].strip()
            if name.startswith(prefix) and number.isascii() and number.isdigit() and len(number) < 3:
                level = int(number)
        ol = st.find(_STYLE_OUTLINE)
        if level is None and val_int(ol, 9, 0, 9) < 9:
            level = val_int(ol, 9, 0, 9) + 1
        b = st.find(_STYLE_BOLD)
        bold = None if b is None else b.get(W_VAL, "true") not in ("0", "false")
        based = st.find(qn("w:basedOn"))
        return (based.get(W_VAL) if based is not None else None), level, bold


def _check_package_body(data: bytes) -> None:
    """Refuse, before python-docx builds it, a body too large or with too many table rows to be a report draft."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        member = {name.lower(): name for name in archive.namelist()}.get("word/document.xml")
        if member is None:
            return  # an unusual part name: python-docx finds it (or says why not)
        check_body_size(archive.getinfo(member).file_size)
        check_table_rows(archive.read(member))


_MACRO_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_PLAIN_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def open_document(path: str):
    """python-docx Document of a .docx, or of a .docm (whose macro content type python-docx refuses)."""
    with open(path, "rb") as fh:
        data = fh.read()
    _check_package_body(data)
    import docx  # python-docx only when a writer opens a document: the window's start does not load it

    try:
        return docx.Document(io.BytesIO(data))
    except (ValueError, KeyError):  # a .docm, or a relationship to a part the package lacks
        return docx.Document(io.BytesIO(_as_word_opens_it(data)))


def _as_word_opens_it(data: bytes) -> bytes:
    """The package with a .docm's content type made plain and relationships to missing parts dropped."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = set(src.namelist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "[Content_Types].xml":
                body = body.replace(_MACRO_MAIN, _PLAIN_MAIN)
            elif item.filename.endswith(".rels"):
                body = _without_dangling(item.filename, body, names)
            dst.writestr(item, body)
    return out.getvalue()


def _without_dangling(rels_name: str, body: bytes, names: set[str]) -> bytes:
    """A .rels part without the internal relationships whose target is not in the package."""
    root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    folder = posixpath.dirname(posixpath.dirname(rels_name))  # word/_rels/document.xml.rels → word
    for rel in list(root):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        if posixpath.normpath(path) not in names:
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_docx(path: str) -> Draft:
    with open(path, "rb") as fh:
        parts = DocxParts(fh.read())
    styles = ParagraphStyles(lambda: parts.styles)
    numbering = Numbering(lambda: parts.numbering, styles.element)
    draft = Draft(path=path, kind=FileKind.DOCX)
    p_index = t_index = 0
    body = parts.document.find(qn("w:body"))
    if body is None:
        raise UnreadableDraft("文件已损坏或不完整（没有正文），请用 Word/WPS 打开修复后另存再检查")
    for el in iter_body_blocks(body):
        if el.tag == W_P:
            style_id, level, style_bold = _style_info(el, styles)
            label = numbering.label(el, style_id)
            number = label.text if label else ""
            bold = _all_runs_bold(el, style_bold)
            for k, line in enumerate(lines(number + paragraph_text(el))):
                draft.blocks.append(Paragraph(line, DocxParagraph(p_index), level, bold,
                                              number if label and k == 0 else None))
            for inner in text_box_paragraphs(el):  # a heading in a text box reads as a paragraph here
                for line in lines(paragraph_text(inner)):
                    draft.blocks.append(Paragraph(line, DocxParagraph(p_index), None, _all_runs_bold(inner, False)))
            p_index += 1
            continue
        # Each Word table is a block of its own; recognition joins a table broken over pages (report/pieces.py).
        draft.blocks.append(Table(grid=read_table_grid(el, t_index), source=f"Word 第 {t_index + 1} 个表格"))
        t_index += 1
    return draft
