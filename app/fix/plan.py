"""What the corrected copy changes and what it marks for a person, decided in full before anything is written."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..draft.model import FileKind
from ..findings import TABLE_SECTION, FillZero, Finding, InsertSection, Where
from ..formats import editions as E
from ..formats.labels import fmt_number
from ..report.recognise import Report
from ..rules import section, table, text
from . import places
from .cell_plan import CellChange, CellPlanner, FormulaFollow, FormulaRepair
from .marks import Mark, marked, marks_for
from .sums import broken_sum, sum_analysis


@dataclass
class SectionInsert:
    """A missing section: its official heading and a placeholder paragraph."""

    key: str
    heading: str
    before: Where | None  # the paragraph to insert before; None: the end of the body
    reason: str
    like: Where | None  # a present section heading whose look the new heading copies
    body_like: Where | None  # a body paragraph whose look the placeholder copies
    appended: bool = False  # .xlsx: rows cannot shift there, so it is written after the prose


@dataclass
class TableInsert:
    """A missing statistics table, inserted empty (all 0) in the official layout at the end of its section."""

    table: str
    edition: str
    before: Where | None
    reason: str


@dataclass
class FixPlan:
    """Everything the corrected copy changes, and every finding it leaves for a person, with its comments."""

    kind: str  # "docx" | "xlsx"
    cells: list[CellChange] = field(default_factory=list)
    formulas: list[FormulaRepair] = field(default_factory=list)
    follows: list[FormulaFollow] = field(default_factory=list)
    inserts: list[SectionInsert | TableInsert] = field(default_factory=list)  # in document order
    marks: list[Mark] = field(default_factory=list)  # comments and highlights for what is left open
    left_open: list[str] = field(default_factory=list)  # one line per finding left for a person

    @property
    def changed(self) -> bool:
        """The copy changes a value, a formula or the structure (not only comments)."""
        return bool(self.cells or self.formulas or self.inserts)


def _inserts(report: Report, findings: list[Finding]) -> list[SectionInsert | TableInsert]:
    """Missing sections and tables with their anchors, sorted by official section order."""
    keyed: list[tuple[tuple[int, int], SectionInsert | TableInsert]] = []
    missing = {f.fix.section: f for f in findings if isinstance(f.fix, InsertSection)}
    for key, finding in missing.items():
        before = places.section_place(report, key)
        keyed.append(((E.SECTION_BY_KEY[key].position, 0), SectionInsert(key, finding.fix.title, before, finding.message,
                                                      places.heading_like(report, before), places.body_like(report))))
    for finding in findings:
        if finding.rule == table.MISSING and finding.table in ("T2", "T3", "T4"):
            number = E.SECTION_BY_KEY[TABLE_SECTION[finding.table]].position
            keyed.append(((number, 1), TableInsert(finding.table, report.edition,
                                                   places.table_place(report, finding.table), finding.message)))
    items = [item for _, item in sorted(keyed, key=lambda pair: pair[0])]
    if report.draft.kind is FileKind.XLSX and any(isinstance(i, SectionInsert) for i in items):
        from .xlsx_rows import decide_appended
        decide_appended(report.draft.path, [i for i in items if isinstance(i, SectionInsert)])
    return items


def _resolved(finding: Finding, cells: CellPlanner, plan: FixPlan) -> bool:
    """The corrected copy removes this finding."""
    if finding.rule == section.MISSING:
        return any(isinstance(i, SectionInsert) and i.key == finding.section for i in plan.inserts)
    if finding.rule == table.MISSING:
        return any(isinstance(i, TableInsert) and i.table == finding.table for i in plan.inserts)
    located = broken_sum(finding)
    if located is not None:
        return cells.holds(located.relation)
    stat = cells.report.tables[finding.table].get(finding.row, finding.col) \
        if finding.table in cells.report.tables and finding.row and finding.col else None
    if stat is None:
        return False
    if isinstance(finding.fix, FillZero):
        return any(c.stat is stat for c in cells.cells)
    if finding.rule == text.NUMBER_MISMATCH and finding.actual is not None:
        now = cells.new_value(stat)
        carried = cells.report.tables["T3"].get("r2", "total") if stat.row == "r1" and stat.table == "T3" else None
        accepted = {now} | ({now + cells.new_value(carried)} if carried is not None else set())
        return now != stat.value.amount and finding.actual in accepted
    return False


def plan_fixes(report: Report, findings: list[Finding]) -> FixPlan:
    """The sure repairs among the chosen findings as edits to the file, and comments for every other one."""
    plan = FixPlan(str(report.draft.kind))
    cells = CellPlanner(report, findings, sum_analysis(findings).relations)
    cells.plan_cells()
    plan.cells, plan.formulas, plan.follows = cells.cells, cells.formulas, cells.follows
    plan.inserts = _inserts(report, findings)
    left = [f for f in marked(findings) if not _resolved(f, cells, plan)]
    plan.marks, plan.left_open = marks_for(report, left, cells.notes)
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


def describe_changes(plan: FixPlan, report: Report) -> list[str]:
    """One Chinese line per change: where in the report's words, old → new, why."""
    texts = {p.where: p.text.strip() for p in report.draft.paragraphs}
    lines = [f"{c.label}：{c.old or '空白'} → {c.new}。{c.reason}" for c in plan.cells]
    lines += [f"{r.label}：公式 {r.stat.cell.formula} → {r.formula}（求和范围由 {r.old_range} 改为 {r.new_range}，"
              f"结果 {fmt_number(r.stat.value.amount)} → {fmt_number(r.value)}）。{r.reason}" for r in plan.formulas]
    lines += [f"{f.label}：公式 {f.stat.cell.formula} 未改，结果随所引用的单元格由 {fmt_number(f.stat.value.amount)} "
              f"变为 {fmt_number(f.value)}。" for f in plan.follows]
    for item in plan.inserts:
        place = _place(plan, item, texts)
        if isinstance(item, SectionInsert):
            lines.append(f"插入标题“{item.heading}”和占位段落“{E.PLACEHOLDER}”（{place}）。{item.reason}")
        else:
            lines.append(f"插入{E.TABLE_NAMES[item.table]}，规范格式空表，各栏填 0（{place}）。{item.reason}")
    return lines


def describe(plan: FixPlan, report: Report) -> list[str]:
    """Chinese lines: every change the copy makes, then every finding it leaves for a person (marked “待人工处理”)."""
    return describe_changes(plan, report) + [f"待人工处理：{line}" for line in plan.left_open]
