"""section.* and table.*: mandatory sections present, in order, officially titled; tables present and whole."""
from __future__ import annotations

import re

from ..findings import TABLE_SECTION, CellRef, Finding, InsertSection, Severity
from ..formats import editions as E
from ..formats.labels import norm
from ..report.recognise import Report, title_is_accepted
from .catalogue import finding

_CN_NUMBERS = "一二三四五六"


def _where(hit) -> list[CellRef]:
    return [CellRef.paragraph(hit.paragraph.where)]


def _missing(report: Report) -> list[Finding]:
    out = []
    for spec in report.edition.spec.sections:
        if spec.key in report.sections:
            continue
        if report.edition.spec.coverage_only:
            sev = Severity.ERROR if spec.required else Severity.WARNING
            msg = (f"没有找到条例（2007）第三十二条要求报告的“{spec.title}”。"
                   if spec.required else f"没有找到“{spec.title}”部分（通常用于说明其他需要报告的事项）。")
            out.append(finding("section.missing", msg, severity=sev, section=spec.key))
            continue
        out.append(finding("section.missing", f"缺少必备部分“{spec.heading}”。", section=spec.key,
                           fix=InsertSection(spec.key, spec.heading)))
    return out


def _order_and_titles(report: Report) -> list[Finding]:
    out = []
    if report.edition.spec.coverage_only:
        return out
    keys = [h.key for h in report.section_order]
    for hit in report.section_order:
        spec = E.SECTION_BY_KEY[hit.key]
        idx = keys.index(hit.key)
        if any(int(k[1]) > int(hit.key[1]) for k in keys[:idx]):
            out.append(finding("section.order",
                               f"“{hit.paragraph.text.strip()}”位置不对：应为第{spec.number}部分，排在前面各部分之后。",
                               section=hit.key, cells=_where(hit)))
        if not title_is_accepted(hit.key, hit.title):
            out.append(finding("section.title",
                               f"标题“{hit.paragraph.text.strip()}”与规范写法“{spec.heading}”不一致。",
                               section=hit.key, cells=_where(hit)))
        number = re.match(r"^([一二三四五六七八九十]{1,3})[.、]", norm(hit.paragraph.text))
        renumbered = number and _CN_NUMBERS.find(number.group(1)) == idx  # sequential, a section is missing
        if number and number.group(1) != spec.number and number.group(1) in _CN_NUMBERS and not renumbered:
            out.append(finding("section.title",
                               f"“{hit.paragraph.text.strip()}”的序号应为“{spec.number}、”。",
                               section=hit.key, cells=_where(hit), subject="序号"))
    return out


def _content(report: Report) -> list[Finding]:
    """Soft checks of what a section must say (report-formats.md §2.1)."""
    out = []
    pending = [k for k in report.sections if E.PLACEHOLDER in report.section_text(k)]
    for key in pending:
        out.append(finding("section.content",
                           f"“{E.SECTION_BY_KEY[key].heading}”还是占位文字“{E.PLACEHOLDER}”，请填写本部分内容。",
                           section=key, cells=_where(report.sections[key])))
    if report.edition.spec.fee_note_required and "s6" in report.sections and "s6" not in pending \
            and "信息处理费" not in report.section_text("s6"):
        out.append(finding("section.content",
                           "“六、其他需要报告的事项”未说明信息处理费收取情况（未收取也应写明）。", section="s6"))
    if "s5" in report.sections and "s5" not in pending and not report.edition.spec.coverage_only:
        text = report.section_text("s5")
        if text and not re.search(r"改进|整改|措施|下一步|加强|提升|完善", text):
            out.append(finding("section.content", "“五、存在的主要问题及改进情况”只写了问题，没有写改进措施。",
                               section="s5"))
    return out


def _tables(report: Report) -> list[Finding]:
    out = []
    if not report.edition.spec.tables_required:
        return out
    for table in ("T2", "T3", "T4"):
        kt = report.tables.get(table)
        if kt is None:
            out.append(finding("table.missing", f"缺少{E.TABLE_NAMES[table]}。",
                               section=TABLE_SECTION[table], table=table))
            continue
        for note in kt.notes:
            cells = []
            stat = next((s for s in kt.cells.values() if (note.row is None or s.row == note.row)
                         and (note.col is None or s.col == note.col)), None)
            if stat is not None and (note.row or note.col):
                cells = [CellRef.of(stat)]
            out.append(finding("table.structure", note.message, severity=note.severity, section=TABLE_SECTION[table],
                               table=table, row=note.row, col=note.col, cells=cells))
    t3 = report.tables.get("T3")
    if t3 is not None and report.edition.spec.t3_other_split and "r3_6" in t3.rows:
        out.append(finding("table.structure",
                           "表三“（六）其他处理”按 2021 年版格式应分为 3 行（逾期不补正、逾期未缴费、其他），草稿中只有 1 行。",
                           section="s3", table="T3", row="r3_6"))
    return out


def check(report: Report) -> list[Finding]:
    return _missing(report) + _order_and_titles(report) + _content(report) + _tables(report)
