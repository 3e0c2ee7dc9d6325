"""What the corrected copy changes: cell values, missing sections and tables, from the findings' fixes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..draft.formula import sum_operands
from ..draft.model import Paragraph
from ..findings import TABLE_SECTION, FillZero, Finding, InsertSection, SetCell, Where
from ..formats import editions as E
from ..formats.labels import norm
from ..formats.wording import cell_label
from ..report.recognise import Report
from ..report.tables import StatCell
from ..rules.relations import is_derived, key_of

_DATE_LINE = re.compile(r"^(\d{4}|[〇零○一二三四五六七八九]{4})年.{1,3}月.{1,3}日$")


@dataclass
class CellChange:
    """One statistics cell written with a new whole number."""

    stat: StatCell
    new: int
    reason: str  # the finding's message, in Chinese
    label: str  # the cell in the report's words
    repairs_sum: bool  # True: a set_cell of arith.suspect_cell; False: a blank filled with 0
    broken: list[str] = field(default_factory=list)  # messages of the broken sums the cell is in

    @property
    def old(self) -> str:
        return self.stat.cell.text.strip()

    @property
    def comment(self) -> str:
        """The comment on the changed cell: old → new and why."""
        old = f"“{self.old}”" if self.old else "空白"
        return f"年报检查工具修改：{self.label}原为{old}，改为 {self.new}。\n原因：{''.join(self.broken)}{self.reason}"


@dataclass
class SectionInsert:
    """A missing section: its official heading and a placeholder paragraph."""

    key: str
    heading: str
    before: Where | None  # the paragraph to insert before; None: the end of the body
    reason: str
    like: Where | None  # a present section heading whose look the new heading copies
    body_like: Where | None  # a body paragraph whose look the placeholder copies
    appended: bool = False  # set by the .xlsx writer when rows could not shift: written after the prose


@dataclass
class TableInsert:
    """A missing statistics table, inserted empty (all 0) in the official layout at the end of its section."""

    table: str
    edition: str
    before: Where | None
    reason: str


@dataclass
class FixPlan:
    """Everything the corrected copy changes, and what it leaves to a person."""

    kind: str  # "docx" | "xlsx"
    cells: list[CellChange] = field(default_factory=list)
    inserts: list[SectionInsert | TableInsert] = field(default_factory=list)  # in document order
    skipped: list[str] = field(default_factory=list)  # repairs the copy does not make, and why
    unresolved: list[str] = field(default_factory=list)  # broken sums with no single certain repair

    @property
    def empty(self) -> bool:
        return not (self.cells or self.inserts)


def _stat(report: Report, fix: SetCell | FillZero) -> StatCell | None:
    """The statistics cell a fix names."""
    table = report.tables.get(fix.table)
    return table.get(fix.row, fix.col) if table else None


def _sums_plain_cells(report: Report, stat: StatCell) -> bool:
    """The cell's formula is a SUM over cells of its own sheet that hold no formula themselves."""
    sheet = stat.cell.where.sheet
    operands = sum_operands(stat.cell.formula, sheet)
    if not operands or any(s != sheet for s, _ in operands):
        return False
    formulas = {c.where.cell for t in report.draft.tables for row in t.grid for c in row
                if c.formula and c.where.sheet == sheet}
    return not {a1 for _, a1 in operands} & formulas


def _formula_note(report: Report, stat: StatCell, label: str, fix: SetCell | FillZero) -> str:
    """Why a repair aimed at a formula cell is not made."""
    note = f"{label}：公式单元格，未修改：请检查公式 {stat.cell.formula}"
    if isinstance(fix, SetCell) and is_derived(key_of(stat)) and _sums_plain_cells(report, stat):
        return (f"{note}——若只有这一格有误，它应为 {fix.value}；它求和的各格都是直接填写的数，"
                "公式本身（如求和范围）可能有误")
    return f"{note}及其引用的单元格"


def _cell_changes(report: Report, findings: list[Finding], plan: FixPlan) -> None:
    """set_cell and fill_zero fixes; a set_cell wins over a fill_zero of the same cell; formulas are kept."""
    chosen: dict[int, CellChange] = {}
    related = [f for f in findings if f.rule.startswith("arith.") and f.severity == "error"]
    for finding in sorted((f for f in findings if isinstance(f.fix, (SetCell, FillZero))),
                          key=lambda f: isinstance(f.fix, SetCell)):
        stat = _stat(report, finding.fix)
        if stat is None:
            continue
        label = cell_label(stat, report.edition)
        if stat.cell.formula:
            plan.skipped.append(_formula_note(report, stat, label, finding.fix))
            continue
        repairs_sum = isinstance(finding.fix, SetCell)
        broken = [f.message for f in related if repairs_sum and any(c.where == stat.cell.where for c in f.cells)]
        chosen[id(stat)] = CellChange(stat, int(finding.fix.value), finding.message, label, repairs_sum, broken)
    plan.cells = list(chosen.values())


def _unresolved(findings: list[Finding], plan: FixPlan) -> None:
    """Broken sums of the tables where no repair is made."""
    repaired = {c.stat.table for c in plan.cells if c.repairs_sum}
    plan.unresolved = [f.message for f in findings
                       if f.rule.startswith("arith.") and f.severity == "error" and f.table not in repaired]


def _closing_start(report: Report) -> Where | None:
    """The first paragraph of the trailing signature block (agency name, date, blank lines between), if any."""
    start, signed = None, False
    agency = norm(report.agency or "") or None
    for block in reversed(report.draft.blocks):
        if not isinstance(block, Paragraph):
            break
        text = norm(block.text)
        if text and not _DATE_LINE.match(text) and text != agency:
            break
        start, signed = block, signed or bool(text)
    return start.where if signed else None


def _next_heading(report: Report, number: int, *, by_order: bool, after_block: int = -1) -> Where | None:
    """The heading a new block goes before: next present section in official order, or in document order."""
    if by_order:
        later = [h for h in report.section_order if int(h.key[1]) > number]
        later.sort(key=lambda h: int(h.key[1]))
    else:
        later = sorted((h for h in report.section_order if h.block > after_block), key=lambda h: h.block)
    return later[0].paragraph.where if later else _closing_start(report)


def _heading_like(report: Report, before: Where | None) -> Where | None:
    """The heading a new one should look like: the one it stands before, else the last one."""
    headings = [h.paragraph.where for h in report.section_order]
    if before in headings:
        return before
    return headings[-1] if headings else None


def _body_like(report: Report) -> Where | None:
    """The first body paragraph right after a section heading (a sentence, not a sub-heading)."""
    for hit in report.section_order:
        following = report.draft.blocks[hit.block + 1:hit.block + 2]
        if following and isinstance(following[0], Paragraph) and len(norm(following[0].text)) >= 15:
            return following[0].where
    return None


def _inserts(report: Report, findings: list[Finding]) -> list[SectionInsert | TableInsert]:
    """Missing sections and tables with their anchors, sorted by official section order."""
    keyed: list[tuple[tuple[int, int], SectionInsert | TableInsert]] = []
    missing = {f.fix.section: f for f in findings if isinstance(f.fix, InsertSection)}
    for key, finding in missing.items():
        number = int(key[1])
        before = _next_heading(report, number, by_order=True)
        keyed.append(((number, 0), SectionInsert(key, finding.fix.title, before, finding.message,
                                                 _heading_like(report, before), _body_like(report))))
    for finding in findings:
        if finding.rule != "table.missing" or finding.table not in ("T2", "T3", "T4"):
            continue
        section = TABLE_SECTION[finding.table]
        number = int(section[1])
        hit = report.sections.get(section)
        before = (_next_heading(report, number, by_order=False, after_block=hit.block) if hit
                  else _next_heading(report, number, by_order=True))
        keyed.append(((number, 1), TableInsert(finding.table, report.edition, before, finding.message)))
    return [item for _, item in sorted(keyed, key=lambda pair: pair[0])]


def plan_fixes(report: Report, findings: list[Finding]) -> FixPlan:
    """The repairs of the chosen findings that the engine is sure of, as edits to the draft's file."""
    plan = FixPlan(report.draft.kind)
    _cell_changes(report, findings, plan)
    _unresolved(findings, plan)
    plan.inserts = _inserts(report, findings)
    return plan


def _place(plan: FixPlan, item: SectionInsert | TableInsert, texts: dict[Where, str]) -> str:
    """Where an insertion lands, in words."""
    if plan.kind == "xlsx" and isinstance(item, TableInsert):
        return "新建工作表"
    if plan.kind == "xlsx" and item.appended:
        return "写在正文所在工作表的末尾"
    anchor = texts.get(item.before) if item.before else None
    if anchor is None:
        return "插在正文末尾"
    return f"插在“{anchor}”之前" if anchor else "插在文末落款之前"


def describe(plan: FixPlan, report: Report) -> list[str]:
    """One Chinese line per change: where in the report's words, old → new, why."""
    texts = {p.where: p.text.strip() for p in report.draft.paragraphs}
    lines = [f"{c.label}：{c.old or '空白'} → {c.new}。{c.reason}" for c in plan.cells]
    for item in plan.inserts:
        place = _place(plan, item, texts)
        if isinstance(item, SectionInsert):
            lines.append(f"插入标题“{item.heading}”和占位段落“{E.PLACEHOLDER}”（{place}）。{item.reason}")
        else:
            lines.append(f"插入{E.TABLE_NAMES[item.table]}，规范格式空表，各栏填 0（{place}）。{item.reason}")
    return lines
