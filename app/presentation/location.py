"""Where a finding is: in the report's own words (表三“（一）予以公开”行“总计”栏) and in the file's coordinates."""
from __future__ import annotations

from ..draft.model import Paragraph
from ..findings import CellRef, FillZero, Finding, SetCell
from ..formats import editions as E
from ..formats.labels import norm
from ..report.recognise import Report
from ..report.wording import file_place
from ..rules.catalogue import RULES
from ..rules.text import RULES as TEXT_RULES

QUOTE_CHARS = 12  # how much of a paragraph a location quotes


def location(finding: Finding, report: Report | None) -> str:
    """The finding's place in the report's words: 表三“（一）予以公开”行“总计”栏, “五、……”部分, 标题, 导语第 2 段."""
    edition = report.edition if report is not None else E.Edition.V2021
    table = table_place(finding, edition) if finding.table else ""
    paragraph = _paragraph_place(finding, report)
    section = _section_place(finding.section)
    if table and paragraph:  # a sentence of the prose that contradicts a table cell
        return f"{paragraph}与{table}"
    rule = RULES.get(finding.rule)
    return table or paragraph or section or (rule.place if rule and rule.place else "全文")


def table_place(finding: Finding, edition: E.Edition = E.Edition.V2021) -> str:
    """表三“（一）予以公开”行“总计”栏 / 表三“自然人”栏 / 表四“行政复议”组 / 表二“规章”行 / 表二."""
    short = E.TABLE_SHORT.get(finding.table, "")
    if finding.table == "T4" and finding.col not in E.T4_COLUMNS:
        return f"{short}“{E.T4_GROUP_LABEL[finding.group]}”组" if finding.group in E.T4_GROUP_LABEL else short
    row, col = _row_and_column_words(finding, edition)
    return f"{short}{row}{col}栏" if col else f"{short}{row}"


def _row_and_column_words(finding: Finding, edition: E.Edition) -> tuple[str, str]:
    """(“（一）予以公开”行, “总计”): the row and the column of its table a finding names, "" for one it does not."""
    if finding.table == "T3":
        row = f"“{E.t3_row_label(finding.row)}”行" if finding.row in E.T3_ROW else ""
        return row, f"“{E.T3_COL_LABEL[finding.col]}”" if finding.col in E.T3_COL_LABEL else ""
    if finding.table == "T4":
        return "", f"“{E.t4_col_label(finding.col)}”" if finding.col in E.T4_COLUMNS else ""
    spec = edition.spec.t2 or E.T2_2021
    rows = {key: label for key, label, _ in E.T2_2019.rows + spec.rows}
    cols = {key: label for key, label, _ in E.T2_2019.cols + spec.cols}
    return (f"“{rows[finding.row]}”行" if finding.row in rows else "",
            f"“{cols[finding.col]}”" if finding.col in cols else "")


def row_and_column(finding: Finding, report: Report | None) -> tuple[str, str] | None:
    """(“（一）予以公开”行, “总计”) when the finding's place is one table cell named by its row and column, else None."""
    if not finding.table or _paragraph_place(finding, report):
        return None
    row, col = _row_and_column_words(finding, report.edition if report is not None else E.Edition.V2021)
    return (row, col) if row and col else None


def _section_place(key: str | None) -> str:
    spec = E.SECTION_BY_KEY.get(key or "")
    return f"“{spec.heading}”部分" if spec else ""


def _paragraph_place(finding: Finding, report: Report | None) -> str:
    """标题 / 导语第 2 段 / “一、总体情况”部分第 3 段, for the first paragraph the finding names."""
    ref = next((c for c in finding.cells if c.table is None), None)
    if ref is None or report is None:
        return ""
    if report.title is not None and report.title.where == ref.where:
        return "标题"
    blocks = report.draft.blocks
    index = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.where == ref.where), None)
    if index is None:
        return ""
    key = report.section_of_block(index)
    start = report.sections[key].block if key else -1
    if start == index:
        return f"“{blocks[index].text.strip()}”标题"
    number = sum(1 for b in blocks[start + 1:index + 1] if isinstance(b, Paragraph) and norm(b.text))
    if key is None:
        title_block = next((i for i, b in enumerate(blocks) if b is report.title), -1)
        number -= sum(1 for b in blocks[:title_block + 1] if isinstance(b, Paragraph) and norm(b.text))
        if number <= 0:
            return "标题"
    part = f"{_section_place(key)}第 {number} 段" if key else f"导语第 {number} 段"
    return part + _opening(blocks[index].text)


def _opening(text: str, chars: int = QUOTE_CHARS) -> str:
    """The first words of a paragraph, quoted, so that it can be found in the draft."""
    text = text.strip()
    return f"“{text[:chars]}…”" if len(text) > chars else f"“{text}”"




def primary_cell(finding: Finding) -> CellRef | None:
    """The cell a finding is mainly about: its fix's cell, the cell its keys name, else a sum's stated total
    (the last table cell); for a sentence that contradicts a table, the sentence."""
    table_cells = [c for c in finding.cells if c.table is not None]
    paragraph = next((c for c in finding.cells if c.table is None), None)
    if finding.rule in TEXT_RULES and paragraph is not None:
        return paragraph
    if isinstance(finding.fix, (SetCell, FillZero)):
        wanted = (finding.fix.row, finding.fix.col)
    else:
        wanted = (finding.row, finding.col)
    exact = next((c for c in table_cells if (c.row, c.col) == wanted), None)
    return exact or (table_cells[-1] if table_cells else paragraph)


def file_places(finding: Finding) -> str:
    """The primary cell's coordinates, and how many more cells the finding involves."""
    cell = primary_cell(finding)
    if cell is None:
        return ""
    others = len(finding.cells) - 1
    return file_place(cell.where) + (f" 等 {others + 1} 处" if others > 0 else "")
