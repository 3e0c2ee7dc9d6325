"""Draft + findings → the HTML the document view shows, one anchor per marked place (pure Python, no Qt)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from app.draft.model import Cell, Paragraph, Table
from app.findings import TABLE_SECTION, CellRef, FillZero, Finding, InsertSection, SetCell, Severity, SheetCell
from app.formats import editions as E
from app.formats.labels import fmt_number
from app.presentation.location import primary_cell
from app.report.recognise import Report
from app.rules import meta, section, table
from app.rules.text import RULES as TEXT_RULES
from app.rules.value import BLANK

BODY_MARGIN = 3  # px above and below a body paragraph; the view starts each chunk with this format
BODY_INDENT = 28  # px first-line indent of a body paragraph
CHUNK_CHARS = 6_000  # HTML per chunk the view inserts in one step (a few ms of parsing and layout)
ONE_STEP_CHARS = 60_000  # a draft up to this much HTML is shown in one step (the sample is about 20 000)
SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

# How a marked cell looks, strongest first: (background, text colour, bold).
CELL_STYLES = {
    "fix": ("#f3aaaa", "#8c0000", True),  # the cell most likely wrong, shown with its expected value
    "error": ("#f9cccc", "#8c0000", False),
    "blank": ("#ffd27a", "#6b4500", True),  # blank cell, counted as 0
    "warning": ("#fff0c0", "#6b4500", False),
    "operand": ("#fbe6e6", "#000000", False),  # another operand of a broken sum
}
_RANK = {kind: i for i, kind in enumerate(CELL_STYLES)}
_BAR_COLOURS = {Severity.ERROR: ("#f9cccc", "#8c0000"), Severity.WARNING: ("#fff0c0", "#6b4500"),
                Severity.INFO: ("#dde9f7", "#1d3f6e")}
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_NUMERIC = re.compile(r"[\d.,%+-]+$")


@dataclass
class Rendered:
    """The document as HTML chunks plus the link between marked places and findings.

    Attributes:
        chunks: HTML in document order; every chunk after the first starts with a body paragraph.
        places: anchor name → indices (into the findings rendered) of the findings marked there.
        target: finding index → the anchor to scroll to (None: the finding has no place in the document).
    """

    chunks: list[str]
    places: dict[str, list[int]] = field(default_factory=dict)
    target: list[str | None] = field(default_factory=list)

    @property
    def html(self) -> str:
        return "".join(self.chunks)


@dataclass
class _Place:
    anchor: str
    findings: list[int] = field(default_factory=list)
    kind: str = "operand"
    shown: str | None = None  # the text a fix mark shows instead of the cell's ("5 → 6")


class _Marks:
    """Collects, per physical place, the findings marked there."""

    def __init__(self, report: Report, findings: list[Finding]):
        self.report, self.findings = report, findings
        self.by_key: dict[object, _Place] = {}
        self.cells: dict[object, Cell] = {}
        for block in report.draft.blocks:
            if isinstance(block, Table):
                for row in block.grid:
                    for cell in row:
                        self.cells.setdefault(cell.where, cell)
        self.paragraphs = {p.where: p for p in report.draft.paragraphs}
        self.spans: dict[object, list[tuple[int, int, int]]] = {}  # paragraph where → (start, end, finding)
        self.bars: dict[int, list[tuple[int, str]]] = {}  # block index to stand before → (finding, text)
        self.target: list[object] = [None] * len(findings)

    def place(self, key: object) -> _Place:
        if key not in self.by_key:
            self.by_key[key] = _Place(f"m{len(self.by_key)}")
        return self.by_key[key]

    def mark_cell(self, i: int, ref: CellRef, kind: str, shown: str | None = None) -> object:
        place = self.place(ref.where)
        place.findings.append(i)
        if len(place.findings) == 1 or _RANK[kind] < _RANK[place.kind]:
            place.kind = kind  # the strongest look among the findings marked here
        if shown is not None:
            place.shown = shown
        return ref.where

    def mark_text(self, i: int, paragraph: Paragraph, needle: re.Pattern | None) -> object:
        start, end = _sentence(paragraph.text, needle)
        self.spans.setdefault(paragraph.where, []).append((start, end, i))
        return ("span", paragraph.where, start)

    def bar(self, i: int, block: int, text: str) -> object:
        self.bars.setdefault(block, []).append((i, text))
        return ("bar", block, i)


def render(report: Report, findings: list[Finding], hidden: frozenset[int] = frozenset()) -> Rendered:
    """The draft with every finding not hidden marked in place; findings[i] is marked at rendered.target[i]."""
    marks = _Marks(report, findings)
    for i, f in enumerate(findings):
        if i not in hidden:
            marks.target[i] = _mark(marks, i, f)
    pieces = _blocks_html(report, marks)
    chunks = _chunked(pieces)
    places = {p.anchor: p.findings for p in marks.by_key.values()}
    target = [marks.by_key[t].anchor if t in marks.by_key else None for t in marks.target]
    return Rendered(chunks, places, target)


# ---------------------------------------------------------------- findings → places

def _mark(marks: _Marks, i: int, f: Finding) -> object:
    """Mark one finding; return the key of the place to scroll to."""
    report = marks.report
    if isinstance(f.fix, InsertSection) or (f.rule == section.MISSING and f.section in E.SECTION_BY_KEY):
        heading = f.fix.title if isinstance(f.fix, InsertSection) else E.SECTION_BY_KEY[f.section].heading
        return marks.bar(i, _section_slot(report, f.section), f"缺少：{heading}")
    if f.rule == table.MISSING and f.table:
        hit = report.sections.get(TABLE_SECTION.get(f.table, ""))
        block = hit.block + 1 if hit else _section_slot(report, TABLE_SECTION.get(f.table, ""))
        return marks.bar(i, block, f"缺少：{E.TABLE_NAMES[f.table]}")
    placed: dict[CellRef, object] = {}
    for ref in f.cells:
        if ref.table is not None and ref.where in marks.cells:
            placed[ref] = marks.mark_cell(i, ref, *_cell_kind(marks, f, ref))
        elif ref.table is None and ref.where in marks.paragraphs:
            placed[ref] = marks.mark_text(i, marks.paragraphs[ref.where], _needle(f))
    if placed:
        return placed.get(primary_cell(f), next(iter(placed.values())))
    if f.section and f.section in report.sections:
        return marks.mark_text(i, report.sections[f.section].paragraph, None)
    if f.table and f.table in report.table_blocks:
        return marks.bar(i, report.table_blocks[f.table], f"{E.TABLE_SHORT.get(f.table, f.table)}：{f.message}")
    return marks.bar(i, 0, f"全文：{f.message}")


def _cell_kind(marks: _Marks, f: Finding, ref: CellRef) -> tuple[str, str | None]:
    """How a cell of a finding is marked, and the text a fix mark shows."""
    text = marks.cells[ref.where].text.strip()
    fixed = isinstance(f.fix, (SetCell, FillZero)) and (ref.row, ref.col) == (f.fix.row, f.fix.col)
    if fixed and isinstance(f.fix, SetCell):
        return "fix", f"{text or '空'} → {fmt_number(f.fix.value)}"
    if fixed:
        return "blank", f"{text or '空'} → 0"
    if f.rule == BLANK:
        return "blank", None
    if len(f.cells) == 1 or (f.row is not None and f.col is not None and (ref.row, ref.col) == (f.row, f.col)):
        return ("error" if f.severity == Severity.ERROR else "warning"), None
    return "operand", None


def _needle(f: Finding) -> re.Pattern | None:
    """What to look for in a paragraph to find the sentence a finding is about."""
    if not isinstance(f.actual, (int, float)):
        return None
    number = fmt_number(f.actual)
    if f.rule in TEXT_RULES:
        return re.compile(rf"(?<![\d.]){re.escape(number)}\s*件")
    if f.rule in meta.RULES:
        return re.compile(rf"(?<!\d){re.escape(number)}\s*年")
    return None


def _sentence(text: str, needle: re.Pattern | None) -> tuple[int, int]:
    """The span of the sentence holding the needle, or of the whole paragraph."""
    m = needle.search(text) if needle else None
    if m is None:
        return 0, len(text)
    starts = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())]
    end = _SENTENCE_END.search(text, m.end())
    return (starts[-1] if starts else 0), (end.end() if end else len(text))


def _section_slot(report: Report, key: str) -> int:
    """The block a missing section belongs before: the next present section in the official order, else the end."""
    order = [s.key for s in report.edition.spec.sections]
    later = order[order.index(key) + 1:] if key in order else []
    blocks = [report.sections[k].block for k in later if k in report.sections]
    return min(blocks) if blocks else len(report.draft.blocks)


# ---------------------------------------------------------------- blocks → HTML

def _blocks_html(report: Report, marks: _Marks) -> list[tuple[str, bool]]:
    """(html, may a chunk start here) per block, bars and sheet headers included, in document order."""
    headings = {id(h.paragraph) for h in report.section_order}
    out: list[tuple[str, bool]] = []
    sheet = None
    blocks = report.draft.blocks
    for b, block in enumerate(blocks + [None]):
        for i, text in marks.bars.get(b, []):
            out.append((_bar_html(marks, ("bar", b, i), i, text), False))
        if block is None:
            break
        where = block.where if isinstance(block, Paragraph) else block.grid[0][0].where if block.grid else None
        if isinstance(where, SheetCell) and where.sheet != sheet:
            sheet = where.sheet
            out.append((f'<p style="margin-top:14px; margin-bottom:4px; background-color:#e8ecef">'
                        f'<span style="font-weight:bold">工作表“{html.escape(sheet)}”</span></p>', False))
        if isinstance(block, Table):
            out.append((_table_html(block, marks), False))
        elif block.text.strip():
            plain = block is not report.title and id(block) not in headings and not block.heading_level
            out.append((_paragraph_html(block, marks, report, headings), plain))
    return out


def _chunked(pieces: list[tuple[str, bool]]) -> list[str]:
    """Join the pieces into chunks of about CHUNK_CHARS, cutting only before body paragraphs (one chunk when small)."""
    if sum(len(piece) for piece, _ in pieces) <= ONE_STEP_CHARS:
        return ["".join(piece for piece, _ in pieces)]
    chunks, current, size = [], [], 0
    for piece, cut_ok in pieces:
        if size >= CHUNK_CHARS and cut_ok:
            chunks.append("".join(current))
            current, size = [], 0
        current.append(piece)
        size += len(piece)
    if current or not chunks:
        chunks.append("".join(current))
    return chunks


def _paragraph_html(p: Paragraph, marks: _Marks, report: Report, headings: set[int]) -> str:
    body = _marked_text(p, marks)
    if p is report.title:
        return (f'<p align="center" style="margin-top:12px; margin-bottom:14px">'
                f'<span style="font-size:x-large; font-weight:bold">{body}</span></p>')
    if id(p) in headings or p.heading_level:
        return (f'<p style="margin-top:14px; margin-bottom:6px">'
                f'<span style="font-size:large; font-weight:bold">{body}</span></p>')
    if p.bold:
        body = f"<b>{body}</b>"
    return f'<p style="margin-top:{BODY_MARGIN}px; margin-bottom:{BODY_MARGIN}px; text-indent:{BODY_INDENT}px">{body}</p>'


def _marked_text(p: Paragraph, marks: _Marks) -> str:
    """The paragraph's text with each marked sentence wrapped in its anchor (overlapping spans merged)."""
    spans = sorted(marks.spans.get(p.where, []))
    merged: list[list] = []
    for start, end, i in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(i)
        else:
            merged.append([start, end, [i]])
    text, out, pos = p.text, [], 0
    for start, end, found in merged:
        place = marks.by_key.setdefault(("span", p.where, start), _Place(f"m{len(marks.by_key)}"))
        for other in spans:  # every span merged into this one scrolls here
            if start <= other[0] < end:
                marks.by_key[("span", p.where, other[0])] = place
        place.findings = sorted(set(found))
        worst = min((marks.findings[i].severity for i in found), key=lambda s: s.rank)
        background, colour = _BAR_COLOURS[worst]
        out.append(_escape(text[pos:start]))
        out.append(f'<a name="{place.anchor}" href="mark:{place.anchor}" title="{_tooltip(marks, place.findings)}" '
                   f'style="background-color:{background}; color:{colour}; text-decoration:underline">'
                   f'{_escape(text[start:end])}</a>')
        pos = end
    out.append(_escape(text[pos:]))
    return "".join(out)


def _bar_html(marks: _Marks, key: object, i: int, text: str) -> str:
    place = marks.place(key)
    place.findings = [i]
    background, colour = _BAR_COLOURS[marks.findings[i].severity]
    return (f'<p style="margin-top:6px; margin-bottom:6px; background-color:{background}">'
            f'<a name="{place.anchor}" href="mark:{place.anchor}" title="{_tooltip(marks, place.findings)}" '
            f'style="color:{colour}; text-decoration:none; font-weight:bold">▌{_escape(text)}</a></p>')


def _table_html(table: Table, marks: _Marks) -> str:
    rows = []
    done: set[int] = set()
    for r, row in enumerate(table.grid):
        cells = []
        for c, cell in enumerate(row):
            if id(cell) in done:
                continue
            done.add(id(cell))
            colspan = 1
            while c + colspan < len(row) and row[c + colspan] is cell:
                colspan += 1
            rowspan = 1
            while r + rowspan < len(table.grid) and c < len(table.grid[r + rowspan]) \
                    and table.grid[r + rowspan][c] is cell:
                rowspan += 1
            cells.append(_cell_html(cell, marks, rowspan, colspan))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ('<table border="1" cellspacing="0" cellpadding="4" width="99%" '  # 100% overflows by a pixel
            'style="border-collapse:collapse; border-color:#8a8a8a; margin-top:6px; margin-bottom:8px">'
            + "".join(rows) + "</table>")


def _cell_html(cell: Cell, marks: _Marks, rowspan: int, colspan: int) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    text = cell.text.strip()
    align = ' align="center"' if _NUMERIC.match(text) or len(text) <= 4 else ""  # numbers and short labels
    place = marks.by_key.get(cell.where)
    if place is None:
        return f"<td{spans}{align}>{_escape(text)}</td>"
    background, colour, bold = CELL_STYLES[place.kind]
    shown = place.shown if place.shown is not None else (text or "空")
    weight = "; font-weight:bold" if bold else ""
    return (f'<td{spans} align="center" bgcolor="{background}" style="white-space:nowrap">'  # "5 → 6" on one line
            f'<a name="{place.anchor}" href="mark:{place.anchor}" title="{_tooltip(marks, place.findings)}" '
            f'style="color:{colour}; text-decoration:none{weight}">{_escape(shown)}</a></td>')


def _tooltip(marks: _Marks, indices: list[int]) -> str:
    found = sorted({i: marks.findings[i] for i in indices}.items(), key=lambda kv: kv[1].severity.rank)
    return html.escape("\n".join(f"{SEVERITY_WORDS[f.severity]}：{f.message}" for _, f in found), quote=True)


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")
