"""What is written from a batch: 导出汇总表, 导出检查摘要, and 保存全部批注版 (in the background, with the page's progress)."""
from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.result import FileResult

from . import dialog_dirs
from .background_job import BackgroundJob, Progress

ANNOTATED = "批注版"


class BatchCopies(QObject):
    """The batch page's exports and annotated copies; problems in a dialog, or only in `messages` when the page is
    not interactive.

    Attributes:
        messages: what was said about the files written or not written, oldest first.

    Signals:
        annotated_saved(str): every annotated copy of the batch was written (the folder).
    """

    annotated_saved = Signal(str)

    def __init__(self, page: QWidget):
        """page: the batch page (ui.batch_view.BatchPage) that owns these copies: its model, progress and jobs."""
        super().__init__(page)
        self.page = page
        self.messages: list[str] = []
        self._annotate_folder = ""

    # ------------------------------------------------------------ exports

    def export_workbook(self, path: str | None = None) -> str | None:
        """导出汇总表: the reviewer's workbook (the same as `check --format xlsx`)."""
        results = self.page.model.results()
        if not results:
            return None
        path = path or self._ask_save(self.tr("导出汇总表"), "汇总表.xlsx", self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return None
        from app.fix.safe_write import WriteRefused
        from app.summary.export import ExportKind, export
        try:
            export(results, path, ExportKind.XLSX)
        except (WriteRefused, OSError) as exc:
            self._say(self.tr("无法保存“{path}”：{reason}").format(path=path, reason=exc))
            return None
        self._saved(self.tr("已导出汇总表（写入 1 个文件）：{path}").format(path=path), path)
        return path

    def export_summary(self, path: str | None = None) -> str | None:
        """导出检查摘要: one table of all drafts, then each draft's summary, as PDF or HTML (by the extension)."""
        results = self.page.model.results()
        if not results:
            return None
        path = path or self._ask_save(self.tr("导出检查摘要"), "检查摘要.pdf",
                                      self.tr("PDF 文件 (*.pdf);;网页文件 (*.html)"))
        if not path:
            return None
        from app.fix.safe_write import WriteRefused
        from app.summary.export import ExportKind, export

        from .printing import write_pdf
        try:
            export(results, path, ExportKind.of_summary(path), render_pdf=write_pdf)
        except (WriteRefused, OSError) as exc:
            self._say(self.tr("无法保存“{path}”：{reason}").format(path=path, reason=exc))
            return None
        self._saved(self.tr("已导出检查摘要（写入 1 个文件）：{path}").format(path=path), path)
        return path

    def annotated_targets(self, folder: str) -> list[tuple[FileResult, str]]:
        """Where 保存全部批注版 writes each readable draft's copy: its place below the batch's folder, renamed (a
        published web page or PDF has no annotated copy)."""
        out = []
        for result in self.page.model.results():
            if result.error is not None or not result.report.draft.kind.is_draft:
                continue
            relative = Path(self.page.model.shown_name(result.file))
            name = f"{relative.stem}（{ANNOTATED}）{relative.suffix}"
            out.append((result, str(Path(folder) / relative.parent / name)))
        return out

    def save_all_annotated(self, folder: str | None = None, overwrite: bool | None = None) -> None:
        """保存全部批注版: every annotated copy into a folder the user chooses, in the background, with progress."""
        if self.page.running or not self.page.model.results():
            return
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self.page, self.tr("选择保存批注版的文件夹"),
                                                      dialog_dirs.start_folder(batch_folder=self.page.model.root))
            if not folder:
                return
        targets = self.annotated_targets(folder)
        existing = [out for _, out in targets if os.path.exists(out)]
        if overwrite is None:
            overwrite = not existing or self._confirm(self.tr("文件夹中已有 {n} 份同名的批注版，要替换它们吗？\n"
                                                             "选“否”则跳过这些文件。").format(n=len(existing)))
        if not overwrite:
            targets = [(r, out) for r, out in targets if out not in existing]
        self._annotate_folder = folder
        job = BackgroundJob("batch-annotate", lambda progress, cancelled: _save_annotated(targets, overwrite, progress,
                                                                                          cancelled), self.page)
        job.progressed.connect(self._annotated_progress)
        job.finished.connect(self._annotated_done)
        self.page.run_job(job, len(targets), self.tr("正在保存批注版…"))

    def _annotated_progress(self, done: int, total: int, _result) -> None:
        if self.sender() is self.page.job:
            self.page.progress.setValue(done)
            self.page.progress_changed.emit(done, total)

    def _annotated_done(self, failures: list[tuple[str, str]]) -> None:
        if self.sender() is not self.page.job:
            return
        folder = self._annotate_folder
        self.page.end_job()
        self.page.title.setText(self.page.summary_line())
        saved = self.page.progress.value() - len(failures)
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
        folder = dialog_dirs.start_folder(batch_folder=self.page.model.root)
        path, _ = QFileDialog.getSaveFileName(self.page, title, str(Path(folder) / name), filters)
        return path

    def _confirm(self, text: str) -> bool:
        if not self.page.interactive:
            return False
        answer = QMessageBox.question(self.page, self.tr("文件已存在"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _say(self, text: str) -> None:
        self.messages.append(text)
        if self.page.interactive:
            QTimer.singleShot(0, lambda: QMessageBox.warning(self.page, self.tr("批量检查"), text))
        else:
            self.page.title.setToolTip(text)

    def _saved(self, text: str, path: str) -> None:
        """Something was written: say so above the table, with 打开 and 在文件夹中显示."""
        if not self.messages or self.messages[-1] != text:
            self.messages.append(text)
        self.page.info_bar.saved(text, path)


def _save_annotated(targets: list[tuple[FileResult, str]], overwrite: bool, progress: Progress,
                    cancelled: threading.Event) -> list[tuple[str, str]]:
    """Write each annotated copy (runs on the job's thread); returns (draft, why) of those not written."""
    from app import fix
    failures = []
    for i, (result, out) in enumerate(targets, 1):
        if cancelled.is_set():
            break
        try:
            os.makedirs(os.path.dirname(out), exist_ok=True)
            fix.save_annotated(result, out, overwrite=overwrite)
        except (fix.WriteRefused, OSError) as exc:
            failures.append((result.file, str(exc)))
        progress(i, len(targets), result)
    return failures
