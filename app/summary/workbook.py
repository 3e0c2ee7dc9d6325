"""The reviewer's workbook: one row per draft (草稿汇总) and one row per finding (问题明细)."""
from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..engine import FileResult
from ..fix.safe_write import write_bytes_atomic
from ..provenance import WORKBOOK, stamp
from ..rules.catalogue import RULES
from .html import SEVERITY_COLOURS, VERDICT_COLOURS, edition_short
from .location import file_places, location
from .text import SEVERITY_NAMES, document_order, verdict

SUMMARY_SHEET = "草稿汇总"
FINDINGS_SHEET = "问题明细"
SUMMARY_HEADERS = ("文件", "机关", "报告年度", "格式", "结论", "错误", "警告", "提示", "说明")
FINDINGS_HEADERS = ("文件", "机关", "位置", "文件中的位置", "严重程度", "问题类型", "规则", "说明", "审核意见")
MAX_WIDTH = 60  # columns wider than this wrap their text
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def write_xlsx(results: list[FileResult], path: str) -> None:
    """Write the workbook to `path` atomically (a temporary file beside it, then a rename); raises WriteRefused."""
    book = Workbook()
    _fill(book.active, SUMMARY_SHEET, SUMMARY_HEADERS, [_summary_row(r) for r in results])
    verdicts = book.active
    for row, result in enumerate(results, start=2):
        _colour(verdicts.cell(row, SUMMARY_HEADERS.index("结论") + 1), VERDICT_COLOURS[verdict(result)])
    details = book.create_sheet()
    rows, severities = [], []
    for result in results:
        for f in sorted(result.findings, key=lambda f: (document_order(f), f.severity.rank)):
            rows.append(_finding_row(result, f))
            severities.append(f.severity)
    _fill(details, FINDINGS_SHEET, FINDINGS_HEADERS, rows)
    for row, severity in enumerate(severities, start=2):
        _colour(details.cell(row, FINDINGS_HEADERS.index("严重程度") + 1), SEVERITY_COLOURS[severity])
    data = io.BytesIO()
    book.save(data)
    write_bytes_atomic(path, stamp(data.getvalue(), WORKBOOK), overwrite=True)


def _summary_row(result: FileResult) -> list:
    rep, c = result.report, result.counts
    if rep is None or result.not_report is not None:
        return [result.file, None, None, None, verdict(result), None, None, None, result.error or result.not_report]
    return [result.file, rep.agency, rep.year, edition_short(result), verdict(result),
            c["error"], c["warning"], c["info"], None]


def _finding_row(result: FileResult, f) -> list:
    rule = RULES.get(f.rule)
    return [result.file, result.report.agency, location(f, result.report), file_places(f),
            SEVERITY_NAMES[f.severity], rule.title if rule else None, f.rule, f.message, None]


def _fill(sheet: Worksheet, title: str, headers: tuple[str, ...], rows: list[list]) -> None:
    """Headers in bold on a frozen first row, an autofilter over the data, columns fitted to their text."""
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    for col, header in enumerate(headers, start=1):
        width = max([display_width(header) + 4] + [display_width(r[col - 1]) for r in rows]) + 2
        sheet.column_dimensions[get_column_letter(col)].width = min(width, MAX_WIDTH)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.alignment = _WRAP if width > MAX_WIDTH else _TOP
    for cell in sheet[1]:
        cell.alignment = _TOP
    _text_cells(sheet)


def _safe(value):
    """Text without the control characters a worksheet cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _text_cells(sheet: Worksheet) -> None:
    """Text that starts with “=” stays text, never a formula (a file name, a quoted cell)."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


def _colour(cell, colours: tuple[str, str]) -> None:
    background, text = (c.lstrip("#").upper() for c in colours)
    cell.fill = PatternFill("solid", fgColor=background)
    cell.font = Font(bold=True, color=text)


def display_width(value) -> int:
    """Columns a value takes in Excel: a CJK (wide) character counts as two."""
    if value is None:
        return 0
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
