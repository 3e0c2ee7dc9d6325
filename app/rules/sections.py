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
        if re.match(r"^[(（]", norm(hit.paragraph.text)):  # the part opens with its sub-headings
            out.append(finding("section.title",
                               f"没有“{spec.heading}”标题，该部分从小标题“{hit.paragraph.text.strip()}”开始；"
                               "请补上规范标题。", section=hit.key, cells=_where(hit)))
        elif not title_is_accepted(hit.key, hit.title):
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
            and not re.search("处理费|收费|收取.{0,8}费", norm(report.section_text("s6"))):
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
        out += _missing_cells(kt, report.edition)
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


def _merged_names(kt, edition) -> str:
    """Each merged value cell in the report's words: “规章”行的“本年废止件数”“现行有效件数”."""
    spec = edition.spec.t2 or E.T2_2021
    t2_labels = {key: label for key, label, _ in spec.rows + spec.cols}
    by_cell: dict[int, list[tuple[str, str]]] = {}
    for slot, cell in kt.merged.items():
        by_cell.setdefault(id(cell), []).append(slot)
    names = []
    for slots in by_cell.values():
        row = slots[0][0]
        if kt.key == "T4":
            names.append("“" + "”“".join(E.t4_col_label(col) for _, col in slots) + "”")
        elif kt.key == "T3":
            names.append(f"“{E.t3_row_label(row)}”行的“" + "”“".join(E.T3_COL_LABEL[c] for _, c in slots) + "”")
        else:
            names.append(f"“{t2_labels.get(row, row)}”行的“" + "”“".join(t2_labels.get(c, c) for _, c in slots) + "”")
    return "；".join(names)


def _merged_cells(kt, edition) -> list[Finding]:
    """Value cells merged into one: the table has fewer value cells than its layout, read for none of them."""
    name = E.TABLE_SHORT[kt.key]
    cells = len({id(cell) for cell in kt.merged.values()})
    return [finding("table.incomplete",
                    f"{name}{_merged_names(kt, edition)}合并成了一个单元格，无法分别读取，{name}的数值格少于规范格式。"
                    f"{name}的勾稽关系未核对，请拆分单元格后分别填写。", section=TABLE_SECTION[kt.key], table=kt.key,
                    expected=len(kt.cells) + len(kt.merged), actual=len(kt.cells) + cells,
                    cells=[CellRef(kt.key, row, col, cell.where) for (row, col), cell in kt.merged.items()])]


def _missing_cells(kt, edition) -> list[Finding]:
    """A row or cell of the layout the table lacks: one table.structure error each, or, when more is missing
    or value cells are merged, one table.incomplete finding for the whole table (its sums are then not checked)."""
    if kt.merged:
        return _merged_cells(kt, edition)
    missing = kt.missing
    if not missing:
        return []
    section = TABLE_SECTION[kt.key]
    name = E.TABLE_SHORT[kt.key]
    if kt.key == "T3":
        rows = list(dict.fromkeys(row for row, _ in missing))
        labels = [E.t3_row_label(row) for row in rows]
        if not kt.incomplete:
            return [finding("table.structure", f"表三缺少“{label}”行（或该行数据格不全）。", severity=Severity.ERROR,
                            section=section, table="T3", row=row) for row, label in zip(rows, labels)]
        shown = "”“".join(labels[:4]) + ("”等" if len(labels) > 4 else "”")
        present = len({row for row, _ in kt.layout}) - len(rows)
        return [finding("table.incomplete",
                        f"表三只读到 {present} 行完整数据，规范格式有 {present + len(rows)} 行：缺少“{shown} {len(rows)} 行"
                        "（可能是表格跨页断开后未接上、行被删除或标签被改动）。表三的勾稽关系未核对，请核对表格。",
                        section=section, table="T3", expected=present + len(rows), actual=present)]
    cols = [col for _, col in missing]
    if not kt.incomplete:
        return [finding("table.structure", f"表四缺少“{E.t4_col_label(col)}”栏。", severity=Severity.ERROR,
                        section=section, table="T4", row="r1", col=col) for col in cols]
    total = len(kt.layout)
    shown = "”“".join(E.t4_col_label(c) for c in cols[:4]) + ("”等" if len(cols) > 4 else "”")
    return [finding("table.incomplete",
                    f"{name}只有 {total - len(cols)} 个数值格，规范格式有 {total} 个：缺少“{shown}。"
                    f"{name}的勾稽关系未核对，请补齐缺少的栏。", section=section, table=kt.key,
                    expected=total, actual=total - len(cols))]


# ---------------------------------------------------------------- section.intro_parts

_INTRO_LIST = re.compile(r"(?:全文|报告)?(?:包括|包含|由|分为)(?P<list>[^。]{6,220}?)(?:等|共)?"
                         r"(?P<n>[一二三四五六七八九十两\d]{1,2})(?:个)?(?:部分|方面)|全文(?:包括|包含)(?P<open>[^。]{6,220})")
_PART_WORDS = {"s1": "总体情况|概述|概况|基本情况", "s2": "主动公开", "s3": "(?:收到|处理|办理)[^.,，、]{0,8}申请|依申请",
               "s4": "复议|诉讼", "s5": "问题|改进", "s6": "其他需要报告|其他事项|其他需要说明"}
_CN_COUNT = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}


def _intro_parts(report: Report) -> list[Finding]:
    """The preamble's “本报告由……六部分组成” against the parts the body has (report-formats.md §5.5)."""
    if report.edition.spec.coverage_only or not report.section_order:
        return []
    first = report.section_order[0].block
    for block in report.draft.blocks[:first]:
        m = _INTRO_LIST.search(norm(getattr(block, "text", ""))[:1000])  # the list is a sentence of the preamble
        if m:
            break
    else:
        return []
    listed = m.group("list") or m.group("open")
    named = [key for key, words in _PART_WORDS.items() if re.search(words, listed)]
    if len(named) < 3:
        return []  # not a list of the report's parts
    declared = m.group("n")
    count = _CN_COUNT.get(declared) if declared and not declared.isdigit() else (int(declared) if declared else None)
    present = set(report.sections)
    problems = []
    if count is not None and count != len(named):
        problems.append(f"说{declared}部分，却只列出了 {len(named)} 个部分")
    if absent := [k for k in E.SECTIONS_MODERN if k.key in present and k.key not in named]:
        problems.append("没有列出正文中的" + "、".join(f"“{k.heading}”" for k in absent))
    if extra := [k for k in E.SECTIONS_MODERN if k.key in named and k.key not in present]:
        problems.append("列出的" + "、".join(f"“{k.title}”" for k in extra) + "正文中没有")
    if not problems:
        return []
    said = m.group(0) if len(m.group(0)) <= 60 else m.group(0)[:60] + "…"
    return [finding("section.intro_parts", f"导语“{said}”与正文不符：{'；'.join(problems)}。",
                    cells=[CellRef.paragraph(block.where)])]


def check(report: Report) -> list[Finding]:
    return _missing(report) + _order_and_titles(report) + _content(report) + _tables(report) + _intro_parts(report)
