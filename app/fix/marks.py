"""Comments for what a person must decide: each finding marked at its place (cell, sentence, heading)."""
from __future__ import annotations

from dataclasses import dataclass

from ..draft.model import FileKind, Paragraph
from ..findings import TABLE_SECTION, DocxCell, Finding, Severity, SheetCell, Where
from ..formats import editions as E
from ..presentation.grouping import Entry, entries
from ..presentation.location import primary_cell
from ..report.recognise import Report
from ..report.wording import cell_label, file_place
from ..rules import section, table
from ..rules.solver import RepairResult
from . import places
from .sentences import sentence_of
from .sums import (
    broken_sum,
    candidate_cells,
    candidate_text,
    essential,
    follows,
    repairs_text,
    suggestion,
    sum_analysis,
)

AUTHOR, INITIALS = "年报检查", "检查"  # the author of every comment the copies carry


@dataclass(frozen=True)
class Mark:
    """A place in the file with a comment (text) or, without text, only a highlight."""

    where: Where
    text: str = ""
    quote: str | None = None  # .docx paragraph: the sentence the comment covers; None: the whole paragraph or cell
    keys: tuple[str, ...] = ()  # Finding.key of the findings the comment is for

    @property
    def comment(self) -> bool:
        return bool(self.text)


def marked(findings: list[Finding]) -> list[Finding]:
    """The findings a copy marks: errors and warnings (info findings are folded into them)."""
    return [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]


class MarkList:
    """Comments and highlights in the order made; one comment per text and place, one highlight per place."""

    def __init__(self):
        self.comments: dict[tuple, Mark] = {}
        self.highlights: dict[Where, Mark] = {}

    def comment(self, where: Where | None, text: str, keys: tuple[str, ...], quote: str | None = None) -> None:
        if where is None:
            return
        slot = (where, quote, text)
        old = self.comments.get(slot)
        merged = keys if old is None else old.keys + tuple(k for k in keys if k not in old.keys)
        self.comments[slot] = Mark(where, text, quote, merged)

    def highlight(self, where: Where) -> None:
        self.highlights.setdefault(where, Mark(where))

    def marks(self) -> list[Mark]:
        commented = {m.where for m in self.comments.values()}
        return list(self.comments.values()) + [m for w, m in self.highlights.items() if w not in commented]


def _paragraph(report: Report, where: Where) -> Paragraph | None:
    return next((p for p in report.draft.paragraphs if p.where == where), None)


def _missing_section(report: Report, finding: Finding, marks: MarkList) -> str:
    """“此处缺少必备部分……” on the paragraph the section belongs before (the last one when it belongs at the end)."""
    if report.edition.spec.coverage_only:  # 2007: the items are covered anywhere, no place to point at
        marks.comment(places.title_place(report), finding.message, (finding.key,))
        return finding.message
    heading = E.SECTION_BY_KEY[finding.section].heading
    before = places.section_place(report, finding.section)
    if before is not None:
        text = f"此处缺少必备部分“{heading}”，应补写在本段之前。"
    else:
        before, text = places.last_paragraph(report), f"此处缺少必备部分“{heading}”，应补写在本段之后。"
    marks.comment(before, text, (finding.key,))
    return finding.message


def _missing_table(report: Report, finding: Finding, marks: MarkList) -> str:
    """On the heading of the table's section, else where the section itself belongs."""
    hit = report.sections.get(TABLE_SECTION[finding.table])
    if hit is not None:
        marks.comment(hit.paragraph.where, f"{finding.message}本部分应附此表，放在本部分文字之后。", (finding.key,))
    else:
        before = places.table_place(report, finding.table)
        where = before or places.last_paragraph(report)
        side = "之前" if before is not None else "之后"
        marks.comment(where, f"此处缺少{E.TABLE_NAMES[finding.table]}，应补在本段{side}。", (finding.key,))
    return finding.message


def _plain(report: Report, finding: Finding, marks: MarkList) -> str:
    """A sentence or paragraph the finding names (its table cells highlighted), else its first cell, else its home."""
    paragraphs = [c.where for c in finding.cells if c.table is None]
    cells = [c.where for c in finding.cells if c.table is not None]
    if paragraphs:
        p = _paragraph(report, paragraphs[0])
        quote = sentence_of(finding, p.text) if p is not None and report.draft.kind is FileKind.DOCX else None
        marks.comment(paragraphs[0], finding.message, (finding.key,), quote)
        for where in paragraphs[1:] + cells:
            marks.highlight(where)
    elif cells:
        marks.comment(cells[0], finding.message, (finding.key,))
        for where in cells[1:]:
            marks.highlight(where)
    else:
        marks.comment(places.home(report, finding), finding.message, (finding.key,))
    return finding.message


class SumMarks:
    """Comments on broken sums: at the most likely wrong cell with its suggested value, or on each candidate."""

    def __init__(self, report: Report, groups: list[RepairResult], marks: MarkList, formula_notes: dict[int, str]):
        self.report, self.groups, self.marks = report, groups, marks
        self.formula_notes = formula_notes  # id(StatCell) → why the copy left this formula cell as it is
        self.ambiguous: dict[int, list[Finding]] = {}

    def add(self, finding: Finding) -> str | None:
        """Mark one broken-sum finding; its line for the list of what is left open (None: not a known sum)."""
        located = broken_sum(finding)
        if located is None:
            return None
        group, rel = located.group, located.relation
        for stat in rel.cells:
            self.marks.highlight(stat.cell.where)
        if group.chosen:
            edits = essential(group.chosen, self.report.draft)
            at = next((e for e in edits if e.stat in rel.cells), None)
            if at is None:  # only a formula whose inputs are the wrong cells stands in this relation
                at = next(e for e in group.chosen if e.stat in rel.cells)
                advice = follows(at, edits, self.report)
                self.marks.comment(at.stat.cell.where, f"{finding.message}\n{advice}", (finding.key,))
                return f"{finding.message}{follows(at, edits, self.report, here=False)}"
            note = self.formula_notes.get(id(at.stat))
            advice = note or suggestion(edits, at, self.report)
            self.marks.comment(at.stat.cell.where, f"{finding.message}\n{advice}", (finding.key,))
            return f"{finding.message}{note or suggestion(edits, at, self.report, here=False)}"
        if group.candidates:
            self.ambiguous.setdefault(id(group), []).append(finding)
            return finding.message
        self.marks.comment(rel.right[0].cell.where, finding.message, (finding.key,))
        return finding.message

    def add_candidates(self) -> None:
        """One comment on each candidate cell of every ambiguous group: the repairs and the sums it is in."""
        for group in self.groups:
            findings = self.ambiguous.get(id(group))
            if not findings:
                continue
            candidates = [essential(c, self.report.draft) for c in group.candidates]
            covered: set[str] = set()
            for stat in candidate_cells(candidates):
                mine = [f for f in findings if stat in broken_sum(f).relation.cells] or findings
                text = "\n".join([candidate_text(stat, candidates, self.report)] + [f.statement for f in mine])
                self.marks.comment(stat.cell.where, text, tuple(f.key for f in mine))
                covered.update(f.key for f in mine)
            for finding in findings:
                if finding.key not in covered:
                    self._on_follower(group, finding, candidates)

    def _on_follower(self, group: RepairResult, finding: Finding, candidates: list) -> None:
        """A broken sum none of whose cells a person edits (its cells are formulas that follow the edited ones):
        its comment goes on the cell of it that the repairs change, else on its total."""
        rel = broken_sum(finding).relation
        changed = (e.stat for edits in group.candidates for e in edits if e.stat in rel.cells)
        stat = next(changed, rel.right[0])
        formula = f"此格是公式 {stat.cell.formula}，其结果随所引用的单元格而变。" if stat.cell.formula else ""
        text = f"{finding.statement}\n{formula}{repairs_text(candidates, self.report)}"
        self.marks.comment(stat.cell.where, text, (finding.key,))


def marks_for(report: Report, findings: list[Finding],
              formula_notes: dict[int, str] | None = None) -> tuple[list[Mark], list[str]]:
    """The comments and highlights for these findings (errors and warnings), and one line per finding."""
    marks = MarkList()
    sums = SumMarks(report, sum_analysis(findings).groups, marks, formula_notes or {})
    lines = []
    shown = entries(marked(findings))  # many findings of one rule in one table: one comment, every cell highlighted
    for entry in shown:
        finding = entry.first
        if entry.grouped:
            line = _grouped(report, entry, marks)
        elif finding.rule == section.MISSING:
            line = _missing_section(report, finding, marks)
        elif finding.rule == table.MISSING and finding.table in TABLE_SECTION:
            line = _missing_table(report, finding, marks)
        else:
            line = sums.add(finding) or _plain(report, finding, marks)
        lines.append(line)
    sums.add_candidates()
    result = marks.marks()
    for i, entry in enumerate(shown):
        where = next((m.where for m in result if entry.first.key in m.keys), None)
        if where is not None:
            lines[i] += f"（批注在{place_words(report, where)}）"
    return result, lines


def _grouped(report: Report, entry: Entry, marks: MarkList) -> str:
    """One comment on the first cell of a group naming every cell, each of them highlighted."""
    cells = [c.where for c in map(primary_cell, entry.findings) if c is not None]
    text = f"{entry.message()}\n涉及 {len(entry.findings)} 处：{entry.cells(report)}"
    if not cells:
        marks.comment(places.home(report, entry.first), text, tuple(f.key for f in entry.findings))
        return entry.message()
    marks.comment(cells[0], text, tuple(f.key for f in entry.findings))
    for where in cells[1:]:
        marks.highlight(where)
    return entry.message()


def place_words(report: Report, where: Where) -> str:
    """A place in the report's words: the cell's label, the paragraph's opening words, else its coordinates."""
    stat = next((s for t in report.tables.values() for s in t.cells.values() if s.cell.where == where), None)
    if stat is not None:
        return cell_label(stat, report.edition)
    p = _paragraph(report, where)
    if p is not None:
        text = p.text.strip()
        return f"“{text[:18]}{'…' if len(text) > 18 else ''}”处"
    return file_place(where) if isinstance(where, (DocxCell, SheetCell)) else "文中"
