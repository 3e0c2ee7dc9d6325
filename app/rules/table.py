"""table.*: 表二, 表三 and 表四 present, in the official layout, read whole; the recogniser's layout facts worded."""
from __future__ import annotations

from ..findings import TABLE_SECTION, CellRef, Finding, Severity
from ..formats import editions as E
from ..report.facts import ColumnsNotFound, ExtraColumns, LayoutFact, OtherColumnLabel, RowTwice
from ..report.recognise import Report
from ..report.tables import KeyedTable
from .rule import Category, Rule

MISSING = Rule("table.missing", Severity.ERROR, Category.STRUCTURE, "缺少统计表",
               "二、三、四部分各有一张规定格式的统计表（表二、表三、表四），不能省略，没有数据的栏填 0。")
STRUCTURE = Rule("table.structure", Severity.WARNING, Category.STRUCTURE, "统计表的行列与规范格式不符",
                 "统计表应使用规定格式的全部行和列，标签按规范写法。缺行、多行或标签改动会让数字无法对照，"
                 "请从规范模板复制表格后重新填写。", also=(Severity.ERROR,))
INCOMPLETE = Rule("table.incomplete", Severity.WARNING, Category.STRUCTURE, "统计表不完整",
                  "统计表的数值格少于规范格式（如表四只有 11 格而不是 15 格），本工具不核对不完整表格的勾稽关系。"
                  "请补齐缺少的行、列或单元格。", also=(Severity.ERROR,))
RULES = (MISSING, STRUCTURE, INCOMPLETE)


def check(report: Report) -> list[Finding]:
    out = []
    if not report.edition.spec.tables_required:
        return out
    for table in ("T2", "T3", "T4"):
        kt = report.tables.get(table)
        if kt is None:
            out.append(MISSING.finding(f"缺少{E.TABLE_NAMES[table]}。",
                                       section=TABLE_SECTION[table], table=table))
            continue
        out += _missing_cells(kt, report.edition)
        out += [_layout_finding(kt, fact) for fact in kt.facts]
    t3 = report.tables.get("T3")
    if t3 is not None and report.edition.spec.t3_other_split and "r3_6" in t3.rows:
        out.append(STRUCTURE.finding(
            "表三“（六）其他处理”按 2021 年版格式应分为 3 行（逾期不补正、逾期未缴费、其他），草稿中只有 1 行。",
            section="s3", table="T3", row="r3_6"))
    return out


def _layout_wording(fact: LayoutFact) -> tuple[str, str | None, str | None]:
    """(message, row, col) of the table.structure warning about a way the layout departs from the official one."""
    if isinstance(fact, RowTwice):
        return f"“{E.t3_row_label(fact.row)}”行出现了两次，只核对第一行", fact.row, None
    if isinstance(fact, OtherColumnLabel):
        return f"列标题“{fact.written}”不是规范写法，应为“{E.T3_COL_LABEL[fact.col]}”", None, fact.col
    if isinstance(fact, ExtraColumns):
        return f"表三多出了列“{fact.labels}”（规范格式没有此列，不参与核对）", None, None
    if isinstance(fact, ColumnsNotFound):
        return f"表三表头未找到“{'”“'.join(E.T3_COL_LABEL[k] for k in fact.cols)}”栏，按最后 7 列读取", None, None
    names = "”“".join(E.t4_col_label(k) for k in fact.cols)  # ReadByPosition
    return f"表四表头缺字或写法不全，“{names}”栏按位置读取，请核对表头", None, None


def _layout_finding(kt: KeyedTable, fact: LayoutFact) -> Finding:
    message, row, col = _layout_wording(fact)
    stat = next((s for s in kt.cells.values() if (row is None or s.row == row) and (col is None or s.col == col)), None)
    cells = [stat.ref()] if stat is not None and (row or col) else []
    return STRUCTURE.finding(message, section=TABLE_SECTION[kt.key], table=kt.key, row=row, col=col, cells=cells)


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
    return [INCOMPLETE.finding(
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
            return [STRUCTURE.finding(f"表三缺少“{label}”行（或该行数据格不全）。", severity=Severity.ERROR,
                                      section=section, table="T3", row=row) for row, label in zip(rows, labels)]
        shown = "”“".join(labels[:4]) + ("”等" if len(labels) > 4 else "”")
        present = len({row for row, _ in kt.layout}) - len(rows)
        return [INCOMPLETE.finding(
            f"表三只读到 {present} 行完整数据，规范格式有 {present + len(rows)} 行：缺少“{shown} {len(rows)} 行"
            "（可能是表格跨页断开后未接上、行被删除或标签被改动）。表三的勾稽关系未核对，请核对表格。",
            section=section, table="T3", expected=present + len(rows), actual=present)]
    cols = [col for _, col in missing]
    if not kt.incomplete:
        return [STRUCTURE.finding(f"表四缺少“{E.t4_col_label(col)}”栏。", severity=Severity.ERROR,
                                  section=section, table="T4", row="r1", col=col) for col in cols]
    total = len(kt.layout)
    shown = "”“".join(E.t4_col_label(c) for c in cols[:4]) + ("”等" if len(cols) > 4 else "”")
    return [INCOMPLETE.finding(
        f"{name}只有 {total - len(cols)} 个数值格，规范格式有 {total} 个：缺少“{shown}。"
        f"{name}的勾稽关系未核对，请补齐缺少的栏。", section=section, table=kt.key,
        expected=total, actual=total - len(cols))]
