"""The one way a check is written to a file: the printable summary (HTML or PDF) or the reviewer's workbook (xlsx).

The command line (`check --format html|pdf|xlsx`), the window (导出检查报告) and the batch view (导出汇总表, 导出检查摘要)
all call `export`.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum

from ..fix.safe_write import write_text_atomic
from ..result import FileResult
from .html import planned_changes, to_html

PdfRenderer = Callable[[str, str], None]  # (summary HTML, path) → writes the PDF; raises WriteRefused


class ExportKind(StrEnum):
    """What is written; the value is the command line's --format and the usual extension."""

    HTML = "html"
    PDF = "pdf"
    XLSX = "xlsx"

    @classmethod
    def of_summary(cls, path: str) -> ExportKind:
        """A printable summary's kind by its path: HTML for .html/.htm, else PDF."""
        return cls.HTML if path.lower().endswith((".html", ".htm")) else cls.PDF


def export(results: Sequence[FileResult], path: str, kind: ExportKind, *, render_pdf: PdfRenderer | None = None,
           planned: Sequence[FileResult] | None = None, checked_at: datetime | None = None) -> None:
    """Write `results` to `path` as `kind`; raises WriteRefused (or OSError from the PDF renderer).

    render_pdf: writes a PDF from the summary's HTML (Qt's, which app/ does not import); needed for PDF.
    planned: the results whose corrected copy the summary previews (the window's: with only the chosen fixes);
    default `results`. checked_at: the time the summary names (default now).
    """
    if kind is ExportKind.XLSX:
        from .workbook import write_xlsx  # openpyxl only when a workbook is written
        write_xlsx(list(results), path)
        return
    html = summary_html(results, planned=planned, checked_at=checked_at)
    if kind is ExportKind.HTML:
        write_text_atomic(path, html)
    else:
        render_pdf(html, path)


def summary_html(results: Sequence[FileResult], *, planned: Sequence[FileResult] | None = None,
                 checked_at: datetime | None = None) -> str:
    """The printable summary of `results` (what is exported, printed and rendered to PDF); arguments as `export`'s."""
    plans = planned_changes(list(results if planned is None else planned))
    return to_html(list(results), plans=plans, checked_at=checked_at)
