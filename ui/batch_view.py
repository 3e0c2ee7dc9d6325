"""The batch page of the window: a folder of drafts checked in worker processes, one sortable row per draft."""
from __future__ import annotations

import dataclasses
import gc
import sys

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.batch import BatchResult, Checker, run_batch
from app.result import FileResult

from .background_job import BackgroundJob
from .batch_copies import BatchCopies
from .batch_model import FAILING, BatchFilter, BatchModel, Column, ResultRole
from .batch_watch import BatchWatch
from .info_bar import InfoBar
from .tasks import TaskRunner

WINDOW_MIN_FILES = 8  # from this many drafts the window starts its worker processes (and keeps them)
REFRESH_MS = 250  # rows checked meanwhile are put into the table together: one sort and one repaint per refresh


class BatchPage(QWidget):
    """Reviewer mode: check many drafts in parallel, list them, export the workbook, save every annotated copy.

    Attributes:
        model / proxy: the rows and their sorted, filtered view.
        checker: the worker processes (spawned once, kept for the next batch).
        outcome: the last finished BatchResult (None while running).
        job: the BackgroundJob running (the checks, or the annotated copies), None when idle.
        copies: the exports and annotated copies of the batch (a BatchCopies).

    Signals:
        open_requested(FileResult): a row was double-clicked.
        batch_finished(): a batch ended (also when cancelled) and its table is final.
        progress_changed(int, int): files done, files in all.
    """

    open_requested = Signal(object)
    batch_finished = Signal()
    progress_changed = Signal(int, int)

    def __init__(self, ignores=None, runner=None, parent=None):
        super().__init__(parent)
        self.setObjectName("batchPage")
        self.ignores = ignores
        self.watch = BatchWatch(runner if runner is not None else TaskRunner(self), lambda: self.checker, self)
        self.watch.rechecked.connect(self.update_result)
        self.checker: Checker | None = None
        self.outcome: BatchResult | None = None
        self.interactive = True  # False: no dialogs (tests, benchmarks) — problems go to copies.messages
        self.job: BackgroundJob | None = None  # the checks or the annotated copies being made; one at a time
        self.copies = BatchCopies(self)
        self._arrived: list[FileResult] = []  # checked, not in the table yet
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self._show_arrived)

        self.model = BatchModel(self)
        self.proxy = BatchFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("batchTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.FILE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the file name's end (its year) in sight
        self.table.setWordWrap(False)  # one line a row: a long reason is elided, whole in the tooltip
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((Column.AGENCY, 220), (Column.YEAR, 60), (Column.EDITION, 110), (Column.VERDICT, 110),
                              (Column.ERRORS, 50), (Column.WARNINGS, 50), (Column.FILE, 330)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)  # a double-click, or Enter on the selected row

        self.title = QLabel()
        self.title.setObjectName("batchTitle")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.failing_only = QCheckBox(self.tr("只看不通过"))
        self.failing_only.toggled.connect(self._failing_only_toggled)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按机关或文件名筛选"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button = QPushButton(self.tr("导出汇总表…"))
        self.export_button.clicked.connect(lambda: self.copies.export_workbook())
        self.summary_button = QPushButton(self.tr("导出检查摘要…"))
        self.summary_button.clicked.connect(lambda: self.copies.export_summary())
        self.annotate_button = QPushButton(self.tr("保存全部批注版…"))
        self.annotate_button.clicked.connect(lambda: self.copies.save_all_annotated())

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        tools = QHBoxLayout()
        tools.addWidget(self.failing_only)
        tools.addWidget(self.search, 1)
        tools.addStretch(1)
        tools.addWidget(self.export_button)
        tools.addWidget(self.summary_button)
        tools.addWidget(self.annotate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tools)
        self.info_bar = InfoBar()  # 已导出…, with 打开 and 在文件夹中显示
        layout.addWidget(self.info_bar)
        layout.addWidget(self.table, 1)
        self._set_running(False)

    # ------------------------------------------------------------ checking

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, paths: list[str]) -> None:
        """Check `paths` (draft files) in the background; rows fill in as the checks finish."""
        self.stop()
        self.outcome = None
        self.model.start(paths)
        self.watch.start(paths)
        self.info_bar.hide()
        if self.checker is None:
            # a process with Qt's threads must not fork; the workers serve every later batch of the session
            self.checker = Checker(context="spawn", background=True, min_files=WINDOW_MIN_FILES)
        checker = self.checker
        job = BackgroundJob("batch-check", lambda progress, cancelled: run_batch(paths, checker=checker, cancel=cancelled,
                                                                                 progress=progress), self)
        job.progressed.connect(self._progressed)
        job.finished.connect(self._finished)
        gc.disable()  # a full collection over the arriving results would stall the event loop for 100–400 ms
        self.run_job(job, len(paths), self.tr("正在检查 {n} 份草稿…").format(n=len(paths)))

    def run_job(self, job: BackgroundJob, total: int, title: str) -> None:
        """Start a job of the batch with the progress bar and 取消 shown (`total` steps, `title` above the table)."""
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.title.setText(title)
        job.failed.connect(self._failed)
        self.job = job
        self._set_running(True)
        job.start()

    def cancel(self) -> None:
        """取消: stop after the drafts being checked now; what was checked stays in the table."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.title.setText(self.tr("正在取消…"))

    def stop(self) -> None:
        """Cancel a running batch and wait for its thread (a new batch or closing the window)."""
        if self.job is None:
            return
        self.job.cancel()
        self.job.join(timeout=10)
        self._detach()

    def end_job(self) -> None:
        """The job said it is done: wait for its thread to end, hide the progress."""
        self.job.join(timeout=1)
        self._detach()

    def shutdown(self) -> None:
        """Closing the window: stop the batch and the worker processes."""
        self.stop()
        self.watch.stop()
        if self.checker is not None:
            self.checker.close()
            self.checker = None

    def _detach(self) -> None:
        if not gc.isenabled():
            gc.freeze()  # the batch's results live on: later collections need not scan them again (they hold no cycles)
            gc.enable()
        self._refresh.stop()
        self._arrived = []
        if self.job is not None:
            self.job.deleteLater()  # its queued signals still arriving are dropped: sender() is no longer it
        self.job = None
        self._set_running(False)

    def _progressed(self, done: int, total: int, result: FileResult) -> None:
        if self.sender() is not self.job:
            return
        self._arrived.append(result)
        if not self._refresh.isActive():
            self._refresh.start()
        self.progress.setValue(done)
        self.progress_changed.emit(done, total)

    def _show_arrived(self) -> None:
        arrived, self._arrived = self._arrived, []
        self.model.set_results([(r, self._visible(r)) for r in arrived])

    def _finished(self, outcome: BatchResult) -> None:
        if self.sender() is not self.job:
            return
        self.end_job()
        self.outcome = outcome
        # now with last year's report and the history findings
        self.model.set_results([(r, self._visible(r)) for r in outcome.results])
        if outcome.cancelled:
            self.model.mark_cancelled()
        for result in outcome.results:
            self.watch.paired(result)
        self.watch.resume()
        self._set_running(False)  # again, now that every row is in: the exports need them
        self.title.setText(self.summary_line())
        self.batch_finished.emit()

    def _failed(self, error: BaseException) -> None:
        if self.sender() is not self.job:
            return
        self._detach()
        self.model.mark_cancelled()
        self.watch.resume()
        self.title.setText(self.tr("批量检查出错"))
        self.batch_finished.emit()
        sys.excepthook(type(error), error, error.__traceback__)

    def update_result(self, result: FileResult) -> None:
        """A draft of the batch was checked again (or its history findings came): its row and the counts follow."""
        self.model.set_result(result, self._visible(result))
        self.watch.paired(result)
        if not self.running:
            self.title.setText(self.summary_line())

    def _visible(self, result: FileResult) -> FileResult:
        """The result as the window shows it: findings the user ignores left out."""
        if self.ignores is None or result.error is not None:
            return result
        return dataclasses.replace(result, findings=[f for f in result.findings
                                                     if not self.ignores.hides(result.file, f)])

    def summary_line(self) -> str:
        rows = self.model.rows
        failed = sum(1 for r in rows if r.verdict in FAILING)
        checked = sum(1 for r in rows if r.shown is not None)
        text = self.tr("共 {n} 份草稿：{ok} 份通过，{bad} 份不通过或无法读取").format(
            n=len(rows), ok=checked - failed, bad=failed)
        if checked < len(rows):
            text += self.tr("，{left} 份已取消").format(left=len(rows) - checked)
        return text

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        has_results = not running and bool(self.model.results())
        for button in (self.export_button, self.summary_button, self.annotate_button):
            button.setEnabled(has_results)

    # ------------------------------------------------------------ the table

    def _failing_only_toggled(self, on: bool) -> None:
        self.proxy.set_failing_only(on)

    def _activated(self, index) -> None:
        result = index.data(ResultRole)
        if result is not None:
            self.open_requested.emit(result)

    def position_of(self, result: FileResult) -> tuple[int, int]:
        """(1-based row in the table as sorted and filtered, rows shown) of a draft."""
        for row in range(self.proxy.rowCount()):
            shown = self.proxy.index(row, 0).data(ResultRole)
            if shown is not None and shown.file == result.file:
                return row + 1, self.proxy.rowCount()
        return 0, self.proxy.rowCount()

    def shown_rows(self) -> list[list[str]]:
        """The table as the user sees it (sorted, filtered), for tests and the workbook check."""
        view: QSortFilterProxyModel = self.proxy
        return [[view.index(r, c).data() or "" for c in range(view.columnCount())] for r in range(view.rowCount())]
