"""What is written from the open draft: 保存修正版, 保存批注版, 打印检查报告 and 导出检查报告 (PDF, web page, workbook)."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.fix.safe_write import WriteRefused
from app.result import FileResult

from . import dialog_dirs
from .draft_check import OpenDraft

if TYPE_CHECKING:
    from app.fix import CopyKind  # imported when a copy is saved: not at the window's start


class DraftCopies(QObject):
    """The copies and summaries of the draft shown; the file dialogs open over `window`.

    Signals:
        saved(str, str): something was written (the message, its path).
        refused(str): nothing was written (why, in Chinese).
    """

    saved = Signal(str, str)
    refused = Signal(str)

    def __init__(self, draft: OpenDraft, window: QWidget):
        super().__init__(window)
        self.draft = draft
        self.window = window

    # ------------------------------------------------------------ saving

    def save_corrected(self, path: str | None = None, overwrite: bool = False) -> str | None:
        """保存修正版: the ticked fixes applied to a copy (never the original); returns the path written."""
        from app import fix
        return self._save_copy(
            fix.CopyKind.CORRECTED, path, overwrite,
            lambda result, out: fix.save_corrected(result, out, chosen=self.draft.session.chosen(), overwrite=True),
            self.tr("保存修正版"), self.tr("修正版不能保存到原文件上，请换一个文件名。"), self.tr("已保存修正版：{path}"))

    def save_annotated(self, path: str | None = None, overwrite: bool = False) -> str | None:
        """保存批注版: every error and warning marked as a comment at its place; no value changed."""
        from app import fix
        return self._save_copy(
            fix.CopyKind.ANNOTATED, path, overwrite, lambda result, out: fix.save_annotated(result, out, overwrite=True),
            self.tr("保存批注版"), self.tr("批注版不能保存到原文件上，请换一个文件名。"), self.tr("已保存批注版：{path}"))

    def _save_copy(self, kind: CopyKind, path: str | None, overwrite: bool, save, title: str, onto_source: str,
                   saved: str) -> str | None:
        """Ask for the target (default <name>（修正版/批注版）.ext), confirm a replacement, write the copy of what is
        shown with `save(result, path)`; returns the path written, or None."""
        session = self.draft.session
        if session is None or not session.can_save():
            return None
        from app import fix
        source = session.path
        if path is None:
            path = self._ask_save_path(title, fix.default_output(source, kind))
            if not path:
                return None
            overwrite = True  # the file dialog has asked before replacing
        if _same_file(path, source):
            self.refused.emit(onto_source)
            return None
        if os.path.exists(path) and not overwrite and not self._confirm_overwrite(path):
            return None
        try:
            save(session.visible_result(), path)
        except fix.WriteRefused as exc:
            self.refused.emit(str(exc))
            return None
        self.saved.emit(saved.format(path=path), path)
        return path

    # ------------------------------------------------------------ the check summary

    def summary_html(self) -> str:
        """The printable check summary of what is shown: findings not ignored, the chosen fixes' changes."""
        from app.summary.export import summary_html
        session = self.draft.session
        return summary_html([session.visible_result()], planned=[self._with_chosen_fixes()],
                            checked_at=session.checked_at)

    def _with_chosen_fixes(self) -> FileResult:
        """What is shown with only the chosen fixes: the corrected copy the summary previews."""
        from app.fix.save import acted_on
        session = self.draft.session
        result = session.visible_result()
        return dataclasses.replace(result, findings=acted_on(result.findings, session.chosen()))

    def print_summary(self) -> None:
        """打印检查报告: the summary in a print preview."""
        if self.draft.session is None or not self.draft.session.can_print():
            return
        from .printing import preview
        preview(self.window, self.summary_html())

    def export_summary(self, kind: str, path: str | None = None) -> str | None:
        """导出检查报告 as "pdf", "html" or "xlsx"; returns the path written."""
        session = self.draft.session
        if session is None or not session.can_print():
            return None
        filters = {"pdf": self.tr("PDF 文件 (*.pdf)"), "html": self.tr("网页文件 (*.html)"),
                   "xlsx": self.tr("Excel 工作簿 (*.xlsx)")}
        if path is None:
            default = str(Path(session.path).with_name(f"{Path(session.path).stem}（检查报告）.{kind}"))
            path = self._ask_save_path(self.tr("导出检查报告"), default, filters[kind])
            if not path:
                return None
        from app.summary.export import ExportKind, export

        from .printing import write_pdf
        try:
            export([session.visible_result()], path, ExportKind(kind), render_pdf=write_pdf,
                   planned=[self._with_chosen_fixes()], checked_at=session.checked_at)
        except WriteRefused as exc:
            self.refused.emit(str(exc))
            return None
        except OSError as exc:
            self.refused.emit(self.tr("无法保存“{path}”：{reason}").format(path=path, reason=exc.strerror or exc))
            return None
        self.saved.emit(self.tr("已导出检查报告：{path}").format(path=path), path)
        return path

    # ------------------------------------------------------------ dialogs (tests replace these)

    def _ask_save_path(self, title: str, default: str, filter_text: str | None = None) -> str:
        default = dialog_dirs.copy_target(default)  # the bundled sample's copies go to Documents
        ext = Path(default).suffix
        path, _ = QFileDialog.getSaveFileName(self.window, title, default,
                                              filter_text or self.tr("与原文件相同类型 (*{ext})").format(ext=ext))
        return path

    def _confirm_overwrite(self, path: str) -> bool:
        answer = QMessageBox.question(self.window, self.tr("文件已存在"),
                                      self.tr("“{name}”已存在，要替换它吗？").format(name=os.path.basename(path)))
        return answer == QMessageBox.StandardButton.Yes


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
