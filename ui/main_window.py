"""The main window: drop zone or document + findings, menus from the action registry, live re-check, save, print."""
from __future__ import annotations

import copy
import dataclasses
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import TOOL_NAME, __version__
from app.draft.sniff import READABLE_SUFFIXES
from app.engine import check_file, collect_drafts
from app.fix.safe_write import WriteRefused
from app.pairing import is_previous, previous_in_folder, why_not_previous
from app.result import FileResult

from . import actions as registry
from . import dialog_dirs, settings
from .batch_view import BackBar, BatchPage
from .dialogs import IgnoresDialog, RulesDialog
from .document_html import Rendered, render
from .document_view import DocumentView
from .drop_zone import DropZone
from .file_watch import FileWatch
from .findings_panel import FindingsPanel
from .info_bar import InfoBar
from .paths import ICON_PNG, SAMPLE_DOCX
from .previous_offer import PreviousOffer
from .reselect import indices_of, selected_keys
from .session import Ignores, Session
from .tasks import TaskRunner


@dataclass
class Checked:
    """What the worker hands back: the check of one file and, when readable, its rendered document."""

    path: str
    result: FileResult
    rendered: Rendered | None
    seconds: float


def check_and_render(path: str, ignores: Ignores, previous: str | None = None) -> Checked:
    """Read, check and render one draft, against last year's report when given (runs on a worker thread)."""
    started = time.perf_counter()
    result = check_file(path, previous)
    rendered = None
    if result.error is None:
        hidden = frozenset(i for i, f in enumerate(result.findings) if ignores.hides(path, f))
        rendered = render(result.report, result.findings, hidden)
    return Checked(path, result, rendered, time.perf_counter() - started)


class MainWindow(QMainWindow):
    """The checker's window.

    Attributes:
        session: the draft shown (None on the drop zone).
        pages: drop zone / document / (batch, added by the reviewer mode) — a QStackedWidget.

    Signals:
        check_shown(): a check has been shown completely (document loaded, findings listed).
        check_failed(str): a file could not be read; the argument is the engine's Chinese reason.
    """

    check_shown = Signal()
    check_failed = Signal(str)

    def __init__(self, runner=None, parent=None):
        super().__init__(parent)
        self.runner = runner if runner is not None else TaskRunner(self)
        self.ignores = Ignores()
        self.session: Session | None = None
        self._pending: str | None = None  # path being checked for the first time
        self._rechecking = False
        self._auto_retry = False
        self._reselect: list[str] = []  # keys of the findings to select again after a re-check
        self._shown_seconds = 0.0
        self._look_after_load: FileResult | None = None  # a newly opened draft, to look for last year's report
        self.interactive = True  # False (--screenshot): report problems in the status bar, never in a dialog
        self.setWindowTitle(TOOL_NAME)
        if ICON_PNG.exists():
            self.setWindowIcon(QIcon(str(ICON_PNG)))
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.drop_zone = DropZone()
        self.drop_zone.open_requested.connect(self.choose_file)
        self.drop_zone.folder_requested.connect(self.choose_folder)
        self.drop_zone.sample_requested.connect(self.open_sample)
        self.drop_zone.recent_chosen.connect(self.open_file)
        self.view = DocumentView()
        self.view.setAcceptDrops(False)
        self.view.loaded.connect(self._view_loaded)
        self.view.place_clicked.connect(self._place_clicked)
        self.panel = FindingsPanel()
        self.panel.finding_activated.connect(self.show_finding)
        self.panel.ignore_requested.connect(self.ignore_finding)
        self.panel.disable_rule_requested.connect(self.disable_rule)
        self.panel.model.choices_changed.connect(self._choices_changed)
        self.info_bar = InfoBar()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.back_bar = BackBar()
        self.back_bar.back.connect(self.back_to_batch)
        left_layout.addWidget(self.back_bar)
        self.previous_offer = PreviousOffer()
        self.previous_offer.accepted.connect(self.compare_with_previous_report)
        left_layout.addWidget(self.previous_offer)
        left_layout.addWidget(self.info_bar)
        left_layout.addWidget(self.view, 1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 500])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.drop_zone)
        self.pages.addWidget(self.splitter)
        self.batch = BatchPage(self.ignores, self.runner)
        self.batch.open_requested.connect(self.show_batch_draft)
        self.pages.addWidget(self.batch)
        self.previous_reports: dict[str, str] = {}  # draft → last year's report the history rules compare it with
        self.setCentralWidget(self.pages)

        self.actions = registry.create_actions(self, self._handlers())
        self.menus = registry.build_menus(self.menuBar(), self.actions)
        self.menus["recent"].aboutToShow.connect(self._fill_recent_menu)
        self._check_language_action()

        self.status = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.busy)

        self.file_watch = FileWatch(self)  # the draft shown: re-checked when saved, said when moved away
        self.file_watch.changed.connect(self._file_changed)
        self.file_watch.gone.connect(self._file_gone)

        self._restore_settings()
        self._update_actions()

    # ------------------------------------------------------------ opening and checking

    def open_file(self, path: str) -> None:
        """Check a draft in the background and show it; an older check still running is dropped."""
        path = os.path.abspath(path)
        self._pending = path
        self._rechecking = False
        self.batch.watch.stop()  # the batch is left for good
        self.info_bar.hide()
        self.back_bar.hide()
        self.previous_offer.hide()
        self._start_check(path)

    def open_batch(self, paths: list[str]) -> None:
        """Several files or a folder were dropped: check them all in parallel and list them in the batch table."""
        collected = collect_drafts(paths)
        files = [os.path.abspath(p) for p in collected.files if p.lower().endswith(READABLE_SUFFIXES)]
        if not files:
            self._error(self.tr("没有找到年度报告文件（.docx / .xlsx / 网页 / PDF）。"))
            return
        self._leave_draft()
        self.batch.start(files)
        self.pages.setCurrentWidget(self.batch)
        self.setWindowTitle(self.tr("批量检查（{n} 份草稿）— {name}").format(n=len(files), name=TOOL_NAME))
        self.status.setText(collected.skipped_line() or "")

    def show_batch_draft(self, result: FileResult) -> None:
        """A row of the batch table was opened: show that draft as checked there, with a way back to the table."""
        if result.error is not None:
            self._error(self.tr("无法读取“{name}”：\n\n{reason}").format(name=os.path.basename(result.file),
                                                                          reason=result.error))
            return
        if result.previous:
            self.previous_reports[result.file] = result.previous
        self._pending = result.file
        self._rechecking = False
        self.info_bar.hide()
        self.back_bar.show_for(*self.batch.position_of(result))
        self.check_shown.connect(lambda: self.status.setText(self.tr("批量检查的结果（文件改动后会自动重新检查）")),
                                 Qt.ConnectionType.SingleShotConnection)
        hidden = frozenset(i for i, f in enumerate(result.findings) if self.ignores.hides(result.file, f))
        self.runner.run(lambda: Checked(result.file, result, render(result.report, result.findings, hidden), 0.0),
                        self._checked, self._crashed, channel="check")

    def back_to_batch(self) -> None:
        """◀ 返回批量列表: the table as it was left (sort and filter kept), with this draft's latest check."""
        if self.session is not None and self.session.readable:
            self.batch.update_result(self.session.result)
        self._leave_draft()
        self.pages.setCurrentWidget(self.batch)
        self.setWindowTitle(self.tr("批量检查（{n} 份草稿）— {name}").format(n=len(self.batch.model.rows),
                                                                         name=TOOL_NAME))

    def compare_with_previous_report(self, path: str | None = None) -> None:
        """对照上年报告…: compare the open draft with its agency's report of the year before (chosen, or `path`)."""
        if self.session is None or not self.session.readable:
            return
        draft = self.session.result
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("选择本机关上一年度的报告"),
                                                  os.path.dirname(draft.file),
                                                  self.tr("年度报告 (*.docx *.xlsx *.docm *.xlsm *.html *.htm *.mhtml *.mht *.pdf);;所有文件 (*)"))
            if not path:
                return
        self.previous_offer.hide()
        self.runner.run(lambda: check_file(path), lambda last: self._previous_checked(draft, last), self._crashed,
                        channel="previous")

    def _previous_checked(self, draft: FileResult, last: FileResult) -> None:
        if self.session is None or self.session.path != draft.file:
            return
        if not is_previous(last, draft):
            self._error(why_not_previous(last, [draft]))
            return
        self.previous_reports[draft.file] = last.file
        self.recheck()

    def _look_for_previous(self, result: FileResult) -> None:
        """A draft opened on its own: offer a same-agency report of the year before lying in its folder."""
        if result.file in self.previous_reports or result.error is not None:
            return
        self.runner.run(lambda: previous_in_folder(result), lambda found: self._offer_previous(result, found),
                        channel="offer")

    def _offer_previous(self, result: FileResult, found: str | None) -> None:
        if found and self.session is not None and self.session.path == result.file \
                and result.file not in self.previous_reports:
            self.previous_offer.offer(found, result.report.year - 1)

    def _leave_draft(self) -> None:
        """No draft is shown any more: stop watching it, so that no re-check brings it back."""
        self.back_bar.hide()
        self.previous_offer.hide()
        self.session = None
        self._pending = None
        self.file_watch.clear()
        self._update_actions()

    def open_paths(self, paths: list[str]) -> None:
        """Open what was dropped or given: one file directly, several or a folder as a batch."""
        if len(paths) == 1 and not os.path.isdir(paths[0]):
            self.open_file(paths[0])
        elif paths:
            self.open_batch(paths)

    def recheck(self) -> None:
        """F5: check the open file again, keeping the scroll position and the selection."""
        if self.session is None:
            return
        self._pending = None
        self._rechecking = True
        self._start_check(self.session.path)

    def _start_check(self, path: str) -> None:
        self.file_watch.seen(path)
        self.busy.show()
        self.status.setText(self.tr("正在检查 {name}…").format(name=os.path.basename(path)))
        ignores = copy.deepcopy(self.ignores)
        previous = self.previous_reports.get(path)
        self.runner.run(lambda: check_and_render(path, ignores, previous), self._checked, self._crashed,
                        channel="check")

    def _checked(self, checked: Checked) -> None:
        expected = self._pending or (self.session.path if self.session else None)
        if checked.path != expected:
            return
        if checked.result.error is not None:
            self._unreadable(checked)
            return
        keep = self._rechecking and self.session is not None and self.session.path == checked.path
        selected = selected_keys(self.panel, self.session.result.findings) if keep and self.session.readable else []
        if not keep:
            self.session = Session(checked.path, self.ignores)
            QTimer.singleShot(0, lambda p=checked.path: settings.add_recent(p))  # a file write: a step of its own
            self.file_watch.watch([checked.path])
            self._look_after_load = checked.result  # once the document is shown: no worker competes with it
        self._pending = None
        self._auto_retry = False
        self.session.update(checked.result)
        self.setWindowTitle(f"{os.path.basename(checked.path)} — {TOOL_NAME}")
        self.panel.show_session(self.session)
        self._update_actions()
        self._shown_seconds = checked.seconds
        self._reselect = selected
        # the document in the next step of the event loop: no single step does both
        QTimer.singleShot(0, lambda session=self.session: self._show_document(session, checked.rendered, keep))

    def _show_document(self, session: Session, rendered: Rendered, keep: bool) -> None:
        if session is self.session:  # not replaced in the meantime
            self.pages.setCurrentWidget(self.splitter)
            self.view.show_rendered(rendered, keep_scroll=keep)

    def _view_loaded(self) -> None:
        if self.session is None:
            return
        self.busy.hide()
        if self._reselect:
            self.panel.select_findings(indices_of(self._reselect, self.session.result.findings))
        if self._rechecking:
            self.status.setText(self.tr("已于 {time} 重新检查").format(time=self.session.checked_at.strftime("%H:%M:%S")))
        else:
            self.status.setText(self.tr("检查完成（用时 {seconds:.2f} 秒）").format(seconds=self._shown_seconds))
        if self._look_after_load is not None:
            result, self._look_after_load = self._look_after_load, None
            self._look_for_previous(result)
        self.check_shown.emit()

    def _unreadable(self, checked: Checked) -> None:
        self.busy.hide()
        reason = checked.result.error
        if self._rechecking and self.session is not None:
            # Word may still be writing the file: keep what is shown and try once more.
            self.status.setText(self.tr("重新检查失败：{reason}").format(reason=reason))
            if not self._auto_retry:
                self._auto_retry = True
                QTimer.singleShot(1000, self._retry)
            self.check_failed.emit(reason)
            return
        self._pending = None
        self.status.setText(self.tr("无法读取 {name}").format(name=os.path.basename(checked.path)))
        self.check_failed.emit(reason)
        self._error(self.tr("无法读取“{name}”：\n\n{reason}").format(name=os.path.basename(checked.path),
                                                                      reason=reason))

    def _crashed(self, error: BaseException) -> None:
        self.busy.hide()
        self._pending = None
        self.status.setText(self.tr("检查时出现内部错误"))
        sys.excepthook(type(error), error, error.__traceback__)

    # ------------------------------------------------------------ live re-check

    def _file_changed(self, _paths: list[str]) -> None:
        if self.session is not None:
            self.recheck()  # also when the file is back after being moved away

    def _file_gone(self, _paths: list[str]) -> None:
        if self.session is not None:
            self.status.setText(self.tr("文件已被移走或删除：{path}").format(path=self.session.path))

    def _retry(self) -> None:
        if self.session is not None and self._auto_retry:
            self.recheck()

    # ------------------------------------------------------------ findings and document

    def show_finding(self, index: int) -> None:
        """Scroll the document to a finding's place and flash it."""
        anchor = self.view.rendered.target[index] if self.view.rendered else None
        if anchor is not None:
            self.view.scroll_to(anchor)

    def _place_clicked(self, anchor: str) -> None:
        if self.view.rendered is not None:
            self.panel.select_findings(self.view.rendered.places.get(anchor, []))

    def ignore_finding(self, index: int) -> None:
        """忽略: hide one finding of this document, now and after re-checks and restarts."""
        self.ignores.ignore(self.session.path, self.session.result.findings[index])
        self._after_ignore_change()

    def disable_rule(self, rule: str) -> None:
        """不再提示此类问题: turn a rule off for every document."""
        self.ignores.disable_rule(rule)
        self._after_ignore_change()

    def _after_ignore_change(self) -> None:
        if self.session is None:
            return
        self.panel.refresh()
        result, path = self.session.result, self.session.path
        hidden = frozenset(i for i, f in enumerate(result.findings) if self.ignores.hides(path, f))
        self.runner.run(lambda: render(result.report, result.findings, hidden),
                        lambda rendered: self.view.show_rendered(rendered, keep_scroll=True), self._crashed,
                        channel="render")

    def _choices_changed(self) -> None:
        chosen = len(self.session.chosen())
        self.status.setText(self.tr("保存修正版时将应用 {n} 项修正").format(n=chosen))

    # ------------------------------------------------------------ saving

    def save_corrected(self, path: str | None = None, overwrite: bool = False) -> str | None:
        """保存修正版: the ticked fixes applied to a copy (never the original); returns the path written."""
        from app import fix
        return self._save_copy(
            "corrected", path, overwrite,
            lambda result, out: fix.save_corrected(result, out, chosen=self.session.chosen(), overwrite=True),
            self.tr("保存修正版"), self.tr("修正版不能保存到原文件上，请换一个文件名。"), self.tr("已保存修正版：{path}"))

    def save_annotated(self, path: str | None = None, overwrite: bool = False) -> str | None:
        """保存批注版: every error and warning marked as a comment at its place; no value changed."""
        from app import fix
        return self._save_copy(
            "annotated", path, overwrite, lambda result, out: fix.save_annotated(result, out, overwrite=True),
            self.tr("保存批注版"), self.tr("批注版不能保存到原文件上，请换一个文件名。"), self.tr("已保存批注版：{path}"))

    def _save_copy(self, kind: str, path: str | None, overwrite: bool, save, title: str, onto_source: str,
                   saved: str) -> str | None:
        """Ask for the target (default <name>（修正版/批注版）.ext), confirm a replacement, write the copy of what is
        shown with `save(result, path)`; returns the path written, or None."""
        if self.session is None or not self.session.can_save():
            return None
        from app import fix
        source = self.session.path
        if path is None:
            path = self._ask_save_path(title, fix.default_output(source, kind))
            if not path:
                return None
            overwrite = True  # the file dialog has asked before replacing
        if _same_file(path, source):
            self._error(onto_source)
            return None
        if os.path.exists(path) and not overwrite and not self._confirm_overwrite(path):
            return None
        try:
            save(self.session.visible_result(), path)
        except fix.WriteRefused as exc:
            self._error(str(exc))
            return None
        self.info_bar.saved(saved.format(path=path), path)
        return path

    # ------------------------------------------------------------ the check summary

    def summary_html(self) -> str:
        """The printable check summary of what is shown: findings not ignored, the chosen fixes' changes."""
        from app.summary.export import summary_html
        return summary_html([self.session.visible_result()], planned=[self._with_chosen_fixes()],
                            checked_at=self.session.checked_at)

    def _with_chosen_fixes(self) -> FileResult:
        """What is shown with only the chosen fixes: the corrected copy the summary previews."""
        from app.fix.save import acted_on
        result = self.session.visible_result()
        return dataclasses.replace(result, findings=acted_on(result.findings, self.session.chosen()))

    def print_summary(self) -> None:
        """打印检查报告: the summary in a print preview."""
        if self.session is None or not self.session.can_print():
            return
        from .printing import preview
        preview(self, self.summary_html())

    def export_summary(self, kind: str, path: str | None = None) -> str | None:
        """导出检查报告 as "pdf", "html" or "xlsx"; returns the path written."""
        if self.session is None or not self.session.can_print():
            return None
        filters = {"pdf": self.tr("PDF 文件 (*.pdf)"), "html": self.tr("网页文件 (*.html)"),
                   "xlsx": self.tr("Excel 工作簿 (*.xlsx)")}
        if path is None:
            default = str(Path(self.session.path).with_name(f"{Path(self.session.path).stem}（检查报告）.{kind}"))
            path = self._ask_save_path(self.tr("导出检查报告"), default, filters[kind])
            if not path:
                return None
        from app.summary.export import ExportKind, export

        from .printing import write_pdf
        try:
            export([self.session.visible_result()], path, ExportKind(kind), render_pdf=write_pdf,
                   planned=[self._with_chosen_fixes()], checked_at=self.session.checked_at)
        except WriteRefused as exc:
            self._error(str(exc))
            return None
        except OSError as exc:
            self._error(self.tr("无法保存“{path}”：{reason}").format(path=path, reason=exc.strerror or exc))
            return None
        self.info_bar.saved(self.tr("已导出检查报告：{path}").format(path=path), path)
        return path

    # ------------------------------------------------------------ other actions

    def choose_file(self) -> None:
        """打开…: one draft, or several as a batch."""
        self.open_paths(dialog_dirs.ask_drafts(self, self._dialog_folder()))

    def choose_folder(self) -> None:
        """打开文件夹…: every draft below a folder, as a batch."""
        folder = dialog_dirs.ask_folder(self, self._dialog_folder())
        if folder:
            self.open_batch([folder])

    def _dialog_folder(self) -> str:
        in_batch = self.pages.currentWidget() is self.batch or self.back_bar.isVisible()
        return dialog_dirs.start_folder(self.session.path if self.session else None,
                                        self.batch.model.root if in_batch else None)

    def open_sample(self) -> None:
        self.open_file(str(SAMPLE_DOCX))

    def show_rules(self) -> None:
        RulesDialog(self).exec()

    def show_ignores(self) -> None:
        dialog = IgnoresDialog(self.ignores, self)
        dialog.changed.connect(self._after_ignore_change)
        dialog.exec()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于"), self.tr("{name}\n版本 {version}\n\n检查政府信息公开工作年度报告草稿："
                                                        "缺项、勾稽关系、数值、正文与表格一致性、年份与期限。")
                          .format(name=TOOL_NAME, version=__version__))

    def set_language(self, language: str) -> None:
        """设置 → 语言: "" follows the system; the choice applies from the next start."""
        settings.put(settings.LANGUAGE, language)
        self.status.setText(self.tr("界面语言将在重新启动后生效。"))

    def zoom(self, steps: int | None) -> None:
        if steps is None:
            self.view.reset_zoom()
        else:
            self.view.zoom_by(steps)
        settings.put(settings.ZOOM, self.view.zoom)

    def _handlers(self) -> dict:
        return {
            "open": self.choose_file, "open_folder": self.choose_folder, "open_sample": self.open_sample, "recheck": self.recheck,
            "save_corrected": self.save_corrected, "save_annotated": self.save_annotated,
            "print": self.print_summary, "export_pdf": lambda: self.export_summary("pdf"),
            "export_html": lambda: self.export_summary("html"), "export_xlsx": lambda: self.export_summary("xlsx"),
            "quit": self.close, "zoom_in": lambda: self.zoom(1), "zoom_out": lambda: self.zoom(-1),
            "zoom_reset": lambda: self.zoom(None), "ignores": self.show_ignores,
            "lang_system": lambda: self.set_language(""), "lang_zh_CN": lambda: self.set_language("zh_CN"),
            "lang_en": lambda: self.set_language("en"), "rules": self.show_rules, "about": self.show_about,
            "compare_previous": self.compare_with_previous_report,
        }

    def _fill_recent_menu(self) -> None:
        menu = self.menus["recent"]
        menu.clear()
        files = settings.get(settings.RECENT_FILES)
        for path in files:
            menu.addAction(os.path.basename(path), lambda p=path: self.open_file(p)).setToolTip(path)
        if not files:
            menu.addAction(self.tr("（无）")).setEnabled(False)

    def _check_language_action(self) -> None:
        chosen = settings.get(settings.LANGUAGE)
        self.actions.get(f"lang_{chosen}" if chosen else "lang_system", self.actions["lang_system"]).setChecked(True)

    def _update_actions(self) -> None:
        registry.enable_for(self.actions, has_file=self.session is not None,
                            has_result=self.session is not None and self.session.can_print(),
                            has_draft=self.session is not None and self.session.can_save())

    # ------------------------------------------------------------ dialogs (tests replace these)

    def _ask_save_path(self, title: str, default: str, filter_text: str | None = None) -> str:
        default = dialog_dirs.copy_target(default)  # the bundled sample's copies go to Documents
        ext = Path(default).suffix
        path, _ = QFileDialog.getSaveFileName(self, title, default,
                                              filter_text or self.tr("与原文件相同类型 (*{ext})").format(ext=ext))
        return path

    def _confirm_overwrite(self, path: str) -> bool:
        answer = QMessageBox.question(self, self.tr("文件已存在"),
                                      self.tr("“{name}”已存在，要替换它吗？").format(name=os.path.basename(path)))
        return answer == QMessageBox.StandardButton.Yes

    def _error(self, text: str) -> None:
        if self.interactive:
            QMessageBox.warning(self, TOOL_NAME, text)
        else:
            self.status.setText(text)

    # ------------------------------------------------------------ settings

    def _restore_settings(self) -> None:
        geometry = settings.get(settings.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.get(settings.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = settings.get(settings.SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        self.view.zoom_by(settings.get(settings.ZOOM))
        self.drop_zone.set_recent(settings.get(settings.RECENT_FILES))

    def save_settings(self) -> None:
        settings.put(settings.GEOMETRY, self.saveGeometry())
        settings.put(settings.WINDOW_STATE, self.saveState())
        settings.put(settings.SPLITTER, self.splitter.saveState())

    # ------------------------------------------------------------ Qt overrides

    def dragEnterEvent(self, event) -> None:
        if _local_paths(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)  # a drop is a copy: the user's file stays where it is
            event.accept()
            self.drop_zone.set_highlight(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if _local_paths(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()

    def dragLeaveEvent(self, event) -> None:
        self.drop_zone.set_highlight(False)

    def dropEvent(self, event) -> None:
        self.drop_zone.set_highlight(False)
        paths = _local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        QTimer.singleShot(0, lambda: self.open_paths(paths))  # no work inside the drop event

    def closeEvent(self, event) -> None:
        self.save_settings()
        self.runner.cancel("check")
        self.batch.shutdown()
        super().closeEvent(event)


def _local_paths(mime) -> list[str]:
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
