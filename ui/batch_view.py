"""The batch page of the window: a folder of drafts checked in worker processes, one sortable row per draft."""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.batch import BatchResult, Checker, run_batch
from app.engine import FileResult

from . import dialog_dirs
from .batch_model import FAILING, BatchFilter, BatchModel, Column, ResultRole
from .batch_watch import BatchWatch
from .info_bar import InfoBar
from .tasks import TaskRunner

ANNOTATED = "批注版"
WINDOW_MIN_FILES = 8  # from this many drafts the window starts its worker processes (and keeps them)
REFRESH_MS = 250  # rows checked meanwhile are put into the table together: one sort and one repaint per refresh


class _Relay(QObject):
    """Carries a background run's news to the main thread (queued, since the emitter lives elsewhere).

    Signals:
        progressed(done, total, result): one more draft is checked.
        finished(outcome): the run ended (BatchResult, or the list of (path, error) of the annotated copies).
        failed(error): the run raised.
    """

    progressed = Signal(int, int, object)
    finished = Signal(object)
    failed = Signal(object)

    def send(self, signal: str, *args) -> None:
        """Emit from the worker thread; nothing when the window (and this object with it) is already gone."""
        with contextlib.suppress(RuntimeError):  # the C++ object was deleted: nobody is listening any more
            getattr(self, signal).emit(*args)


class BatchPage(QWidget):
    """Reviewer mode: check many drafts in parallel, list them, export the workbook, save every annotated copy.

    Attributes:
        model / proxy: the rows and their sorted, filtered view.
        checker: the worker processes (spawned once, kept for the next batch).
        outcome: the last finished BatchResult (None while running).

    Signals:
        open_requested(FileResult): a row was double-clicked.
        batch_finished(): a batch ended (also when cancelled) and its table is final.
        progress_changed(int, int): files done, files in all.
        annotated_saved(str): every annotated copy of the batch was written (the folder).
    """

    open_requested = Signal(object)
    batch_finished = Signal()
    progress_changed = Signal(int, int)
    annotated_saved = Signal(str)

    def __init__(self, ignores=None, runner=None, parent=None):
        super().__init__(parent)
        self.setObjectName("batchPage")
        self.ignores = ignores
        self.watch = BatchWatch(runner if runner is not None else TaskRunner(self), lambda: self.checker, self)
        self.watch.rechecked.connect(self.update_result)
        self.checker: Checker | None = None
        self.outcome: BatchResult | None = None
        self.interactive = True  # False: no dialogs (tests, benchmarks) — problems go to self.messages
        self.messages: list[str] = []
        self._cancel: threading.Event | None = None
        self._thread: threading.Thread | None = None
        self._relay: _Relay | None = None
        self._annotate_folder = ""
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
        self.export_button.clicked.connect(lambda: self.export_workbook())
        self.summary_button = QPushButton(self.tr("导出检查摘要…"))
        self.summary_button.clicked.connect(lambda: self.export_summary())
        self.annotate_button = QPushButton(self.tr("保存全部批注版…"))
        self.annotate_button.clicked.connect(lambda: self.save_all_annotated())

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
        return self._thread is not None

    def start(self, paths: list[str]) -> None:
        """Check `paths` (draft files) in the background; rows fill in as the checks finish."""
        self.stop()
        self.outcome = None
        self.model.start(paths)
        self.watch.start(paths)
        self.info_bar.hide()
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.title.setText(self.tr("正在检查 {n} 份草稿…").format(n=len(paths)))
        if self.checker is None:
            # a process with Qt's threads must not fork; the workers serve every later batch of the session
            self.checker = Checker(context="spawn", background=True, min_files=WINDOW_MIN_FILES)
        self._cancel = threading.Event()
        relay = self._relay = _Relay(self)
        relay.progressed.connect(self._progressed)
        relay.finished.connect(self._finished)
        relay.failed.connect(self._failed)
        cancel, checker = self._cancel, self.checker

        def work() -> None:
            try:
                outcome = run_batch(paths, checker=checker, cancel=cancel,
                                    progress=lambda done, total, result: relay.send("progressed", done, total, result))
            except BaseException as exc:  # handed to the main thread, never lost here
                relay.send("failed", exc)
            else:
                relay.send("finished", outcome)

        self._thread = threading.Thread(target=work, name="batch-check", daemon=True)
        self._set_running(True)
        gc.disable()  # a full collection over the arriving results would stall the event loop for 100–400 ms
        self._thread.start()

    def cancel(self) -> None:
        """取消: stop after the drafts being checked now; what was checked stays in the table."""
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.title.setText(self.tr("正在取消…"))

    def stop(self) -> None:
        """Cancel a running batch and wait for its thread (a new batch or closing the window)."""
        if self._thread is None:
            return
        self._cancel.set()
        self._thread.join(timeout=10)
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
        if self._relay is not None:
            self._relay.deleteLater()  # its queued signals still arriving are dropped: sender() is no longer it
        self._relay, self._thread, self._cancel = None, None, None
        self._set_running(False)

    def _progressed(self, done: int, total: int, result: FileResult) -> None:
        if self.sender() is not self._relay:
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
        if self.sender() is not self._relay:
            return
        self._thread.join(timeout=1)
        self._detach()
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
        if self.sender() is not self._relay:
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

    # ------------------------------------------------------------ exports

    def export_workbook(self, path: str | None = None) -> str | None:
        """导出汇总表: the reviewer's workbook (the same as `check --format xlsx`)."""
        results = self.model.results()
        if not results:
            return None
        path = path or self._ask_save(self.tr("导出汇总表"), "汇总表.xlsx", self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return None
        from app.fix.safe_write import WriteRefused
        from app.summary import write_xlsx
        try:
            write_xlsx(results, path)
        except (WriteRefused, OSError) as exc:
            self._say(self.tr("无法保存“{path}”：{reason}").format(path=path, reason=exc))
            return None
        self._saved(self.tr("已导出汇总表（写入 1 个文件）：{path}").format(path=path), path)
        return path

    def export_summary(self, path: str | None = None) -> str | None:
        """导出检查摘要: one table of all drafts, then each draft's summary, as PDF or HTML (by the extension)."""
        results = self.model.results()
        if not results:
            return None
        path = path or self._ask_save(self.tr("导出检查摘要"), "检查摘要.pdf",
                                      self.tr("PDF 文件 (*.pdf);;网页文件 (*.html)"))
        if not path:
            return None
        from app.fix.safe_write import WriteRefused, write_text_atomic
        from app.summary import planned_changes, to_html
        html = to_html(results, plans=planned_changes(results))
        try:
            if path.lower().endswith((".html", ".htm")):
                write_text_atomic(path, html)
            else:
                from .printing import write_pdf
                write_pdf(html, path)
        except (WriteRefused, OSError) as exc:
            self._say(self.tr("无法保存“{path}”：{reason}").format(path=path, reason=exc))
            return None
        self._saved(self.tr("已导出检查摘要（写入 1 个文件）：{path}").format(path=path), path)
        return path

    def annotated_targets(self, folder: str) -> list[tuple[FileResult, str]]:
        """Where 保存全部批注版 writes each readable draft's copy: its place below the batch's folder, renamed (a
        published web page or PDF has no annotated copy)."""
        out = []
        for result in self.model.results():
            if result.error is not None or not result.report.draft.kind.is_draft:
                continue
            relative = Path(self.model.shown_name(result.file))
            name = f"{relative.stem}（{ANNOTATED}）{relative.suffix}"
            out.append((result, str(Path(folder) / relative.parent / name)))
        return out

    def save_all_annotated(self, folder: str | None = None, overwrite: bool | None = None) -> None:
        """保存全部批注版: every annotated copy into a folder the user chooses, in the background, with progress."""
        if self.running or not self.model.results():
            return
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("选择保存批注版的文件夹"),
                                                      dialog_dirs.start_folder(batch_folder=self.model.root))
            if not folder:
                return
        targets = self.annotated_targets(folder)
        existing = [out for _, out in targets if os.path.exists(out)]
        if overwrite is None:
            overwrite = not existing or self._confirm(self.tr("文件夹中已有 {n} 份同名的批注版，要替换它们吗？\n"
                                                             "选“否”则跳过这些文件。").format(n=len(existing)))
        if not overwrite:
            targets = [(r, out) for r, out in targets if out not in existing]
        self.progress.setRange(0, len(targets))
        self.progress.setValue(0)
        self.title.setText(self.tr("正在保存批注版…"))
        self._cancel = threading.Event()
        relay = self._relay = _Relay(self)
        relay.progressed.connect(self._annotated_progress)
        relay.finished.connect(self._annotated_done)
        relay.failed.connect(self._failed)
        self._annotate_folder = folder
        cancel = self._cancel

        def work() -> None:
            from app import fix
            failures = []
            for i, (result, out) in enumerate(targets, 1):
                if cancel.is_set():
                    break
                try:
                    os.makedirs(os.path.dirname(out), exist_ok=True)
                    fix.save_annotated(result, out, overwrite=overwrite)
                except (fix.WriteRefused, OSError) as exc:
                    failures.append((result.file, str(exc)))
                relay.send("progressed", i, len(targets), result)
            relay.send("finished", failures)

        self._thread = threading.Thread(target=work, name="batch-annotate", daemon=True)
        self._set_running(True)
        self._thread.start()

    def _annotated_progress(self, done: int, total: int, _result) -> None:
        if self.sender() is self._relay:
            self.progress.setValue(done)
            self.progress_changed.emit(done, total)

    def _annotated_done(self, failures: list[tuple[str, str]]) -> None:
        if self.sender() is not self._relay:
            return
        folder = self._annotate_folder
        self._thread.join(timeout=1)
        self._detach()
        self.title.setText(self.summary_line())
        saved = self.progress.value() - len(failures)
        text = self.tr("已将 {n} 份批注版保存到 {folder}").format(n=saved, folder=folder)
        if failures:
            text += self.tr("；{m} 份未能保存：").format(m=len(failures)) + "；".join(
                f"{os.path.basename(p)}（{why}）" for p, why in failures)
            self._say(text)
        if saved:
            self._saved(text, folder)
        self.annotated_saved.emit(folder)

    # ------------------------------------------------------------ dialogs (tests turn them off)

    def _ask_save(self, title: str, name: str, filters: str) -> str:
        folder = dialog_dirs.start_folder(batch_folder=self.model.root)
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), filters)
        return path

    def _confirm(self, text: str) -> bool:
        if not self.interactive:
            return False
        answer = QMessageBox.question(self, self.tr("文件已存在"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _say(self, text: str) -> None:
        self.messages.append(text)
        if self.interactive:
            QTimer.singleShot(0, lambda: QMessageBox.warning(self, self.tr("批量检查"), text))
        else:
            self.title.setToolTip(text)

    def _saved(self, text: str, path: str) -> None:
        """Something was written: say so above the table, with 打开 and 在文件夹中显示."""
        if not self.messages or self.messages[-1] != text:
            self.messages.append(text)
        self.info_bar.saved(text, path)
