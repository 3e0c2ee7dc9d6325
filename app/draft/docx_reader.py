"""python-docx → Draft: body paragraphs with their number text, tables with merges on a grid."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn

from ..findings import DocxCell, DocxParagraph
from .docx_numbering import Numbering
from .model import Cell, Draft, FileKind, Paragraph, Table

W_P, W_TBL, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")
W_TR, W_TC = qn("w:tr"), qn("w:tc")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_VAL = qn("w:val")


def iter_body_blocks(body) -> Iterator:
    """Top-level w:p and w:tbl of the body in order, looking through content controls (w:sdt)."""
    for child in body.iterchildren():
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag == W_SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from iter_body_blocks(content)


def paragraph_text(p) -> str:
    """Visible text of a w:p: runs, tabs and line breaks (deleted text excluded)."""
    parts = []
    for el in p.iter(W_T, W_TAB, W_BR, W_CR):
        if el.tag == W_T:
            parts.append(el.text or "")
        elif el.tag == W_TAB:
            parts.append("\t")
        elif el.get(qn("w:type")) != "page":
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc) -> str:
    return "\n".join(paragraph_text(p) for p in tc.iterchildren(W_P))


def _tc_span(tc) -> tuple[int, str | None]:
    """(gridSpan, vMerge) of a w:tc; vMerge is "restart", "continue" or None."""
    tc_pr = tc.find(qn("w:tcPr"))
    if tc_pr is None:
        return 1, None
    span_el = tc_pr.find(qn("w:gridSpan"))
    span = int(span_el.get(W_VAL, "1")) if span_el is not None else 1
    vm = tc_pr.find(qn("w:vMerge"))
    vmerge = None if vm is None else ("restart" if vm.get(W_VAL) == "restart" else "continue")
    return max(span, 1), vmerge


def read_table_grid(tbl, table_index: int) -> list[list[Cell]]:
    """The table's cells on a grid, gridSpan and vMerge resolved (a merged cell repeats)."""
    grid: list[list[Cell]] = []
    for r, tr in enumerate(tbl.iterchildren(W_TR)):
        skip = tr.find(qn("w:trPr"))
        before = 0
        if skip is not None:
            gb = skip.find(qn("w:gridBefore"))
            before = int(gb.get(W_VAL, "0")) if gb is not None else 0
        row: list[Cell] = []
        col = 0
        for _ in range(before):
            row.append(Cell("", DocxCell(table_index, r, col), r, col))
            col += 1
        for tc in tr.iterchildren(W_TC):
            span, vmerge = _tc_span(tc)
            above = grid[r - 1][col] if vmerge == "continue" and r > 0 and col < len(grid[r - 1]) else None
            cell = above or Cell(_cell_text(tc), DocxCell(table_index, r, col), r, col)
            row.extend([cell] * span)
            col += span
        grid.append(row)
    return grid


def _style_info(p, styles: dict[str, tuple[int | None, bool]]) -> tuple[str | None, int | None, bool]:
    p_pr = p.find(qn("w:pPr"))
    style_id = None
    level = None
    if p_pr is not None:
        ps = p_pr.find(qn("w:pStyle"))
        style_id = ps.get(W_VAL) if ps is not None else None
        ol = p_pr.find(qn("w:outlineLvl"))
        if ol is not None:
            level = int(ol.get(W_VAL, "9")) + 1
    style_level, style_bold = styles.get(style_id, (None, False))
    return style_id, level if level is not None and level < 10 else style_level, style_bold


def _all_runs_bold(p, style_bold: bool) -> bool:
    runs = [r for r in p.iter(qn("w:r")) if (r.findtext(W_T) or r.find(W_T) is not None)]
    if not runs:
        return False
    for r in runs:
        b = r.find(f"{qn('w:rPr')}/{qn('w:b')}")
        bold = style_bold if b is None else b.get(W_VAL, "true") not in ("0", "false")
        if not bold:
            return False
    return True


def _paragraph_styles(document) -> dict[str, tuple[int | None, bool]]:
    """styleId → (heading level or None, bold) from the styles part, following basedOn."""
    raw: dict[str, tuple[str | None, int | None, bool | None]] = {}
    for st in document.styles.element.iterchildren(qn("w:style")):
        sid = st.get(qn("w:styleId"))
        name_el = st.find(qn("w:name"))
        name = (name_el.get(W_VAL) if name_el is not None else "").lower()
        level = None
        for prefix in ("heading ", "标题 ", "标题"):
            if name.startswith(prefix) and name[len(prefix):].strip().isdigit():
                level = int(name[len(prefix):].strip())
        ol = st.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is None and ol is not None and int(ol.get(W_VAL, "9")) < 9:
            level = int(ol.get(W_VAL)) + 1
        b = st.find(f"{qn('w:rPr')}/{qn('w:b')}")
        bold = None if b is None else b.get(W_VAL, "true") not in ("0", "false")
        based = st.find(qn("w:basedOn"))
        raw[sid] = (based.get(W_VAL) if based is not None else None, level, bold)

    def resolve(sid, depth=0):
        base, level, bold = raw.get(sid, (None, None, None))
        if base and depth < 10 and (level is None or bold is None):
            b_level, b_bold = resolve(base, depth + 1)
            level = level if level is not None else b_level
            bold = bold if bold is not None else b_bold
        return level, bool(bold)
    return {sid: resolve(sid) for sid in raw}


_MACRO_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_PLAIN_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def open_document(path: str):
    """python-docx Document of a .docx, or of a .docm (whose macro content type python-docx refuses)."""
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        return docx.Document(io.BytesIO(data))
    except ValueError:
        src = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                body = src.read(item)
                if item.filename == "[Content_Types].xml":
                    body = body.replace(_MACRO_MAIN, _PLAIN_MAIN)
                dst.writestr(item, body)
        return docx.Document(io.BytesIO(out.getvalue()))


def read_docx(path: str) -> Draft:
    document = open_document(path)
    numbering = Numbering(document)
    styles = _paragraph_styles(document)
    draft = Draft(path=path, kind=FileKind.DOCX)
    p_index = t_index = 0
    for el in iter_body_blocks(document.element.body):
        if el.tag == W_P:
            style_id, level, style_bold = _style_info(el, styles)
            text = numbering.label(el, style_id) + paragraph_text(el)
            draft.blocks.append(Paragraph(text, DocxParagraph(p_index), level,
                                          _all_runs_bold(el, style_bold)))
            p_index += 1
            continue
        grid = read_table_grid(el, t_index)
        prev_table = _previous_table(draft)
        if prev_table is not None and prev_table.width == max((len(r) for r in grid), default=0):
            _continue_table(draft, prev_table, grid)
        else:
            draft.blocks.append(Table(grid=grid, source=f"Word 第 {t_index + 1} 个表格"))
        t_index += 1
    return draft


def _previous_table(draft: Draft) -> Table | None:
    """The table just before, when only blank paragraphs (a page break) stand between."""
    for b in reversed(draft.blocks):
        if isinstance(b, Table):
            return b
        if b.text.strip():
            return None
    return None


def _continue_table(draft: Draft, table: Table, grid: list[list[Cell]]) -> None:
    """Append a Word table continued after a page break to the logical table before it."""
    while draft.blocks and draft.blocks[-1] is not table:
        draft.blocks.pop()
    offset = len(table.grid)
    for cell in {id(c): c for row in grid for c in row}.values():
        cell.row += offset
    table.grid.extend(grid)
