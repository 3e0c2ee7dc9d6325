"""The batch table as a model: one row per draft (agency, year, edition, verdict, counts, file, last year's report)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from app.result import FileResult
from app.summary import Verdict, verdict
from app.summary.html import VERDICT_COLOURS, edition_short
from app.summary.text import shown_counts

SortRole = Qt.ItemDataRole.UserRole + 1  # numbers for year and counts, the verdict's rank, text otherwise
ResultRole = Qt.ItemDataRole.UserRole + 2  # the row's FileResult with every finding (None while waiting)
PathRole = Qt.ItemDataRole.UserRole + 3

WAITING, CANCELLED = "等待检查", "已取消"
_NO_PARENT = QModelIndex()  # a table's rows have no parent
FAILING = (Verdict.FAILED, Verdict.UNREADABLE)  # what 只看不通过 keeps
UNREADABLE_TEXT = "#a12c2c"  # the reason of an unreadable draft, in the 机关 column
VERDICT_RANK = {Verdict.UNREADABLE: 0, Verdict.FAILED: 1, Verdict.WARNED: 2, Verdict.PASSED: 3, WAITING: 4,
                CANCELLED: 5}


class Column(IntEnum):
    """The table's columns in order."""
    AGENCY = 0
    YEAR = 1
    EDITION = 2
    VERDICT = 3
    ERRORS = 4
    WARNINGS = 5
    FILE = 6
    PREVIOUS = 7


_CENTRED = (Column.YEAR, Column.ERRORS, Column.WARNINGS)
HEADERS = {Column.AGENCY: "机关", Column.YEAR: "年度", Column.EDITION: "格式", Column.VERDICT: "结论",
           Column.ERRORS: "错误", Column.WARNINGS: "警告", Column.FILE: "文件", Column.PREVIOUS: "对照上年报告"}


@dataclass
class BatchRow:
    """One draft of the batch: its path and, once checked, its result (all findings) and as shown (not ignored)."""

    path: str
    name: str = ""  # the path as shown: relative to the batch's folder
    result: FileResult | None = None
    shown: FileResult | None = None
    cancelled: bool = False

    @property
    def verdict(self) -> Verdict | str:
        """The shown result's verdict, or WAITING/CANCELLED before it has one."""
        if self.shown is not None:
            return verdict(self.shown)
        return CANCELLED if self.cancelled else WAITING


class BatchModel(QAbstractTableModel):
    """The drafts of one batch; rows are filled in as their checks finish."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[BatchRow] = []
        self.root = ""  # the folder file names are shown relative to
        self._row_of: dict[str, int] = {}

    # ------------------------------------------------------------ filling

    def start(self, paths: list[str]) -> None:
        """A new batch: one waiting row per path."""
        self.beginResetModel()
        self.root = common_folder(paths)
        self.rows = [BatchRow(p, self.shown_name(p)) for p in paths]
        self._row_of = {p: i for i, p in enumerate(paths)}
        self.endResetModel()

    def set_result(self, result: FileResult, shown: FileResult | None = None) -> None:
        """A draft's check (or its final form with the history findings) arrived; shown: without ignored findings."""
        row = self._row_of.get(result.file)
        if row is None:
            return
        self.rows[row].result = result
        self.rows[row].shown = shown or result
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def set_results(self, pairs: list[tuple[FileResult, FileResult]]) -> None:
        """Many (result, shown) at once, with one change signal (the proxy then sorts once, not once a row)."""
        for result, shown in pairs:
            row = self._row_of.get(result.file)
            if row is not None:
                self.rows[row].result, self.rows[row].shown = result, shown
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(Column) - 1))

    def mark_cancelled(self) -> None:
        """取消: the drafts not checked yet say so."""
        for row in self.rows:
            row.cancelled = row.shown is None
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(Column) - 1))

    def results(self) -> list[FileResult]:
        """The checked drafts as shown (ignored findings left out), in the order of the batch."""
        return [row.shown for row in self.rows if row.shown is not None]

    def shown_name(self, path: str) -> str:
        return os.path.relpath(path, self.root) if self.root else os.path.basename(path)

    # ------------------------------------------------------------ Qt overrides

    def rowCount(self, parent=_NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_NO_PARENT) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return HEADERS[Column(section)]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SortRole:
            return self._sort_key(row, column)
        if role == ResultRole:
            return row.result
        if role == PathRole:
            return row.path
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if column == Column.VERDICT and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            colours = VERDICT_COLOURS.get(row.verdict)  # (background, text), as in the printed summary
            if colours:
                return QBrush(QColor(colours[1] if role == Qt.ItemDataRole.ForegroundRole else colours[0]))
        if column == Column.AGENCY and role == Qt.ItemDataRole.ForegroundRole and row.shown and row.shown.error:
            return QBrush(QColor(UNREADABLE_TEXT))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTRED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: BatchRow, column: int) -> str:
        r = row.shown
        report = r.report if r is not None else None
        if column == Column.VERDICT:
            return str(row.verdict)
        if column == Column.FILE:
            return row.name
        if r is not None and r.error:  # unreadable: the reason where the agency would be
            return r.error if column == Column.AGENCY else ""
        if report is None:
            return ""
        if column == Column.AGENCY:
            return report.agency or "（未识别）"
        if column == Column.YEAR:
            return str(report.year) if report.year else "（未识别）"
        if column == Column.EDITION:
            return edition_short(r)
        if column in (Column.ERRORS, Column.WARNINGS):  # as the verdict counts: a group of one rule in a table once
            return str(shown_counts(r)["error" if column == Column.ERRORS else "warning"])
        return self.shown_name(r.previous) if r.previous else ""

    def _sort_key(self, row: BatchRow, column: int):
        r = row.shown
        if column == Column.VERDICT:
            return VERDICT_RANK.get(row.verdict, 9)
        if column in (Column.YEAR, Column.ERRORS, Column.WARNINGS):
            if r is None or r.report is None:
                return -1
            if column == Column.YEAR:
                return r.report.year or -1
            return shown_counts(r)["error" if column == Column.ERRORS else "warning"]
        return self._text(row, column)

    def _tooltip(self, row: BatchRow, column: int) -> str | None:
        r = row.shown
        if r is not None and r.error:  # every cell of an unreadable row says why
            return f"{row.path}\n{r.error}" if column == Column.FILE else r.error
        if column == Column.FILE:
            return row.path
        if column == Column.PREVIOUS and r is not None and r.previous:
            return r.previous
        return None


def common_folder(paths: list[str]) -> str:
    """The deepest folder holding every path ("" for none)."""
    if not paths:
        return ""
    folders = [os.path.dirname(os.path.abspath(p)) for p in paths]
    try:
        return os.path.commonpath(folders)
    except ValueError:  # different drives on Windows
        return ""


class BatchFilter(QSortFilterProxyModel):
    """Sorting by SortRole, 只看不通过, and a text filter on agency and file name."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.failing_only = False
        self.text = ""

    def set_failing_only(self, on: bool) -> None:
        self.failing_only = on
        self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        self.text = text.strip()
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model: BatchModel = self.sourceModel()
        row = model.rows[source_row]
        if self.failing_only and row.verdict not in FAILING:
            return False
        if self.text:
            agency = model.data(model.index(source_row, Column.AGENCY)) or ""
            return self.text.lower() in (agency + " " + row.name).lower()
        return True
