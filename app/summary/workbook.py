"""The reviewer's workbook: one row per draft (草稿汇总) and one row per finding or group of findings (问题明细)."""
from __future__ import annotations

import io
import math
import os
import unicodedata

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..fix.safe_write import write_bytes_atomic
from ..presentation.grouping import Entry, by_category
from ..presentation.location import file_places, location
from ..provenance import WORKBOOK, stamp
from ..result import FileResult
from ..rules.catalogue import RULES
from .html import SEVERITY_COLOURS, VERDICT_COLOURS, edition_short
from .text import SEVERITY_NAMES, shown_counts, verdict

SUMMARY_SHEET = "草稿汇总"
FINDINGS_SHEET = "问题明细"
SUMMARY_HEADERS = ("文件", "机关", "报告年度", "格式", "结论", "错误", "警告", "提示", "说明")
FINDINGS_HEADERS = ("文件", "机关", "位置", "文件中的位置", "严重程度", "问题类型", "规则", "说明", "审核意见")
MAX_WIDTH = 60  # columns wider than this wrap their text
# Narrower caps where a long text can wrap, so that every column fits a landscape page at a readable size.
NARROW = {"文件": 36, "机关": 22, "位置": 30, "文件中的位置": 18, "问题类型": 16, "规则": 18, "审核意见": 24, "说明": 56}
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


HEAD_ROWS = 2  # the folder line, then the column headers (repeated on every printed page)


def write_xlsx(results: list[FileResult], path: str) -> None:
    """Write the workbook to `path` atomically (a temporary file beside it, then a rename); raises WriteRefused."""
    book = Workbook()
    folder = common_folder([r.file for r in results])
    _fill(book.active, SUMMARY_SHEET, folder, SUMMARY_HEADERS, [_summary_row(r, folder) for r in results])
    verdicts = book.active
    for row, result in enumerate(results, start=HEAD_ROWS + 1):
        _colour(verdicts.cell(row, SUMMARY_HEADERS.index("结论") + 1), VERDICT_COLOURS[verdict(result)])
    details = book.create_sheet()
    rows, severities = [], []
    for result in results:
        for _, members in by_category(result.findings):
            for entry in members:
                rows.append(_finding_row(result, entry, folder))
                severities.append(entry.severity)
    _fill(details, FINDINGS_SHEET, folder, FINDINGS_HEADERS, rows)
    for row, severity in enumerate(severities, start=HEAD_ROWS + 1):
        _colour(details.cell(row, FINDINGS_HEADERS.index("严重程度") + 1), SEVERITY_COLOURS[severity])
    data = io.BytesIO()
    book.save(data)
    write_bytes_atomic(path, stamp(data.getvalue(), WORKBOOK), overwrite=True)


def common_folder(files: list[str]) -> str:
    """The folder every file lies in (named once at the top of each sheet); "" when they share none."""
    folders = [os.path.dirname(os.path.abspath(f)) for f in files]
    try:
        return os.path.commonpath(folders) if folders else ""
    except ValueError:  # different drives
        return ""


def _shown_name(path: str, folder: str) -> str:
    """The file as its row names it: its path below the common folder (usually just its name)."""
    return os.path.relpath(os.path.abspath(path), folder) if folder else path


def _summary_row(result: FileResult, folder: str) -> list:
    rep, c = result.report, shown_counts(result)
    name = _shown_name(result.file, folder)
    if rep is None or result.not_report is not None:
        return [name, None, None, None, str(verdict(result)), None, None, None, result.error or result.not_report]
    return [name, rep.agency, rep.year, edition_short(result), str(verdict(result)),
            c["error"], c["warning"], c["info"], None]


def _finding_row(result: FileResult, entry: Entry, folder: str) -> list:
    f = entry.first
    rule = RULES.get(f.rule)
    if entry.grouped:
        where, coords = entry.cells(result.report), "、".join(file_places(g) for g in entry.findings)
    else:
        where, coords = location(f, result.report), file_places(f)
    return [_shown_name(result.file, folder), result.report.agency, where, coords,
            SEVERITY_NAMES[f.severity], rule.title if rule else None, f.rule, entry.message(), None]


def _fill(sheet: Worksheet, title: str, folder: str, headers: tuple[str, ...], rows: list[list]) -> None:
    """The folder on the first row, headers in bold on the frozen second, an autofilter over the data, columns
    fitted to their text; printed landscape, fitted to the page width, the headers repeated on every page."""
    sheet.title = title
    sheet.append([_safe(f"文件夹：{folder}" if folder else "文件")])
    sheet.append(headers)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    sheet["A1"].font = Font(bold=True)
    for cell in sheet[HEAD_ROWS]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
    sheet.freeze_panes = f"A{HEAD_ROWS + 1}"
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A{HEAD_ROWS}:{last}{len(rows) + HEAD_ROWS}"
    for col, header in enumerate(headers, start=1):
        width = max([display_width(header) + 4] + [display_width(r[col - 1]) for r in rows]) + 2
        cap = NARROW.get(header, MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(col)].width = min(width, cap)
        for (cell,) in sheet.iter_rows(min_row=HEAD_ROWS + 1, min_col=col, max_col=col):
            cell.alignment = _WRAP if width > cap else _TOP
    for cell in sheet[HEAD_ROWS]:
        cell.alignment = _TOP
    _row_heights(sheet, rows)
    _text_cells(sheet)
    _print_setup(sheet, last)


LINE_HEIGHT = 15  # points per line of wrapped text at the default 11 pt font


def _row_heights(sheet: Worksheet, rows: list[list]) -> None:
    """Rows tall enough for their wrapped text (LibreOffice and a printout do not grow them by themselves)."""
    widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, sheet.max_column + 1)]
    for number, row in enumerate(rows, start=HEAD_ROWS + 1):
        lines = max((math.ceil(display_width(v) / max(w - 1, 1)) for v, w in zip(row, widths) if v), default=1)
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines


def _print_setup(sheet: Worksheet, last_column: str) -> None:
    """A4 landscape, every column on the page's width (as many pages down as needed), headers on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEAD_ROWS}:{HEAD_ROWS}"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.print_area = f"A1:{last_column}{max(sheet.max_row, HEAD_ROWS)}"


def _safe(value):
    """Text without the control characters a worksheet cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _text_cells(sheet: Worksheet) -> None:
    """Text that starts with “=” stays text, never a formula (a file name, a quoted cell)."""
    for row in sheet.iter_rows(min_row=1):
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
