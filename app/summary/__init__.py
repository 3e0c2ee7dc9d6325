"""FileResult(s) → the contract's JSON, the Chinese text summary, the printable HTML summary, the reviewer's xlsx;
`export` (app.summary.export) writes the summary or the workbook to a file."""
from .html import planned_changes, to_html
from .text import (
    SEVERITY_NAMES,
    Verdict,
    document_order,
    file_text,
    report_json,
    to_json,
    to_text,
    verdict,
    verdict_line,
)


def write_xlsx(results, path: str) -> None:
    """The reviewer's workbook (see workbook.write_xlsx); openpyxl is imported only when one is written."""
    from .workbook import write_xlsx as write
    write(results, path)


__all__ = ["SEVERITY_NAMES", "Verdict", "document_order", "file_text", "planned_changes", "report_json", "to_html",
           "to_json", "to_text", "verdict", "verdict_line", "write_xlsx"]
