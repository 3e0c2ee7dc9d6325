"""Where things are or belong in a draft: the heading a missing part goes before, the title, a finding's home."""
from __future__ import annotations

import re
from collections import Counter

from ..draft.model import Block, FileKind, Paragraph
from ..findings import TABLE_SECTION, Finding, Where
from ..formats import editions as E
from ..formats.labels import norm
from ..report.recognise import Report

_DATE_LINE = re.compile(r"^(\d{4}|[〇零○一二三四五六七八九]{4})年.{1,3}月.{1,3}日$")


def _sheet_of(block: Block) -> str | None:
    """The sheet a paragraph or table of a workbook is on (None in a .docx)."""
    if isinstance(block, Paragraph):
        return getattr(block.where, "sheet", None)
    return getattr(block.grid[0][0].where, "sheet", None) if block.grid and block.grid[0] else None


def body_blocks(report: Report) -> list[Block]:
    """The blocks of the report's text: in a workbook those of the sheet holding most part headings (else the
    title), not the sheets that hold only a table."""
    blocks = report.draft.blocks
    if report.draft.kind is not FileKind.XLSX:
        return blocks
    sheets = Counter(getattr(h.paragraph.where, "sheet", None) for h in report.section_order)
    sheet = sheets.most_common(1)[0][0] if sheets else getattr(title_place(report), "sheet", None)
    return [b for b in blocks if _sheet_of(b) == sheet]


def closing_start(report: Report) -> Where | None:
    """The first paragraph of the trailing signature block (agency name, date, blank lines between), if any."""
    start, signed = None, False
    agency = norm(report.agency or "") or None
    for block in reversed(body_blocks(report)):
        if not isinstance(block, Paragraph):
            break
        text = norm(block.text)
        if text and not _DATE_LINE.match(text) and text != agency:
            break
        start, signed = block, signed or bool(text)
    return start.where if signed else None


def next_heading(report: Report, number: int, *, by_order: bool, after_block: int = -1) -> Where | None:
    """The heading a new block goes before: next present section in official order, or in document order."""
    if by_order:
        later = [h for h in report.section_order if E.SECTION_BY_KEY[h.key].position > number]
        later.sort(key=lambda h: E.SECTION_BY_KEY[h.key].position)
    else:
        later = sorted((h for h in report.section_order if h.block > after_block), key=lambda h: h.block)
    return later[0].paragraph.where if later else closing_start(report)


def section_place(report: Report, key: str) -> Where | None:
    """The paragraph a missing section belongs before; None: the end of the body."""
    return next_heading(report, E.SECTION_BY_KEY[key].position, by_order=True)


def table_place(report: Report, table: str) -> Where | None:
    """The paragraph a missing table belongs before: the end of its section; None: the end of the body."""
    section = TABLE_SECTION[table]
    hit = report.sections.get(section)
    number = E.SECTION_BY_KEY[section].position
    if hit is None:
        return next_heading(report, number, by_order=True)
    return next_heading(report, number, by_order=False, after_block=hit.block)


def heading_like(report: Report, before: Where | None) -> Where | None:
    """The heading a new one should look like: the one it stands before, else the last one."""
    headings = [h.paragraph.where for h in report.section_order]
    if before in headings:
        return before
    return headings[-1] if headings else None


def body_like(report: Report) -> Where | None:
    """The first body paragraph right after a section heading (a sentence, not a sub-heading)."""
    for hit in report.section_order:
        following = report.draft.blocks[hit.block + 1:hit.block + 2]
        if following and isinstance(following[0], Paragraph) and len(norm(following[0].text)) >= 15:
            return following[0].where
    return None


def last_paragraph(report: Report) -> Where | None:
    """The last paragraph with text of the report's text (in a workbook: of its prose sheet)."""
    return next((b.where for b in reversed(body_blocks(report)) if isinstance(b, Paragraph) and b.text.strip()), None)


def title_place(report: Report) -> Where | None:
    """The report's title (in .xlsx the cell holding it); without one, the first text of the draft."""
    if report.title is not None:
        return report.title.where
    first = next((p for p in report.draft.paragraphs if p.text.strip()), None)
    if first is not None:
        return first.where
    table = next(iter(report.draft.tables), None)
    return table.grid[0][0].where if table is not None and table.grid and table.grid[0] else None


def home(report: Report, finding: Finding) -> Where | None:
    """The place of a finding that names no cell: a cell of its table row or column, its section's heading, else
    the title (in .xlsx the cell holding it)."""
    keyed = report.tables.get(finding.table) if finding.table else None
    if keyed is not None and (finding.row or finding.col):
        stat = next((s for s in keyed.cells.values() if finding.row in (None, s.row) and finding.col in (None, s.col)),
                    None)
        if stat is not None:
            return stat.cell.where
    hit = report.sections.get(finding.section) if finding.section else None
    return hit.paragraph.where if hit is not None else title_place(report)
