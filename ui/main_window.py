"""The main window: the drop zone, the open draft (document + findings) or the batch table; menus; what OpenDraft does, shown."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
)

from app import TOOL_NAME, __version__
from app.draft.sniff import READABLE_SUFFIXES
from app.engine import collect_drafts
from app.result import FileResult

from . import actions as registry
from . import dialog_dirs, settings
from .back_bar import BackBar
from .batch_view import BatchPage
from .dialogs import IgnoresDialog, RulesDialog
from .document_html import Rendered, render
from .document_view import DocumentView
from .draft_check import Checked, DraftState, OpenDraft
from .draft_copies import DraftCopies
from .draft_page import DraftPage
from .drop_zone import DropZone
from .file_drops import FileDrops
from .findings_panel import FindingsPanel
from .info_bar import InfoBar
from .paths import ICON_PNG, SAMPLE_DOCX
from .previous_offer import PreviousOffer
from .reselect import indices_of, selected_keys
from .session import Ignores, Session
from .tasks import Channel, TaskRunner


class MainWindow(QMainWindow):
    """The checker's window.

    Attributes:
        draft: the open draft's lifecycle (an OpenDraft); `draft.session` is the draft shown (None on the drop zone).
        copies: what is saved, printed and exported from it (a DraftCopies).
        pages: drop zone / draft_page (document + findings) / batch table — a QStackedWidget.

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
        self.draft = OpenDraft(self.runner, self.ignores, self)
        self.copies = DraftCopies(self.draft, self)
        self._reselect: list[str] = []  # keys of the findings to select again once the document is loaded
        self.interactive = True  # False (--screenshot): report problems in the status bar, never in a dialog
        self.setWindowTitle(TOOL_NAME)
        if ICON_PNG.exists():
            self.setWindowIcon(QIcon(str(ICON_PNG)))
        self.resize(1280, 820)
        self._build_pages()
        self.actions = registry.create_actions(self, self._handlers())
        self.menus = registry.build_menus(self.menuBar(), self.actions)
        self.menus["recent"].aboutToShow.connect(self._fill_recent_menu)
        self._check_language_action()
        self._build_status_bar()
        self._follow_the_draft()
        self.drops = FileDrops(self)
        self.drops.hovering.connect(self.drop_zone.set_highlight)
        self.drops.dropped.connect(self.open_paths)
        self._restore_settings()
        self._update_actions()

    def _build_pages(self) -> None:
        """The drop zone, the open draft's page and the batch table, one shown at a time."""
        self.drop_zone = DropZone()
        self.drop_zone.open_requested.connect(self.choose_file)
        self.drop_zone.folder_requested.connect(self.choose_folder)
        self.drop_zone.sample_requested.connect(self.open_sample)
        self.drop_zone.recent_chosen.connect(self.open_file)
        self.view = DocumentView()
        self.view.setAcceptDrops(False)
        self.view.loaded.connect(self._view_loaded)
        self.panel = FindingsPanel()
        self.panel.ignore_requested.connect(self.ignore_finding)
        self.panel.disable_rule_requested.connect(self.disable_rule)
        self.panel.model.choices_changed.connect(self._choices_changed)
        self.back_bar = BackBar()
        self.back_bar.back.connect(self.back_to_batch)
        self.previous_offer = PreviousOffer()
        self.previous_offer.accepted.connect(self.compare_with_previous_report)
        self.info_bar = InfoBar()
        self.draft_page = DraftPage([self.back_bar, self.previous_offer, self.info_bar], self.view, self.panel)
        self.batch = BatchPage(self.ignores, self.runner)
        self.batch.open_requested.connect(self.show_batch_draft)
        self.pages = QStackedWidget()
        for page in (self.drop_zone, self.draft_page, self.batch):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

    def _build_status_bar(self) -> None:
        self.status = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.busy)

    def _follow_the_draft(self) -> None:
        """Show what happens to the open draft and to what is saved from it."""
        self.draft.state_changed.connect(self._state_changed)
        self.draft.started.connect(self._check_started)
        self.draft.checked.connect(self._checked)
        self.draft.unreadable.connect(self._unreadable)
        self.draft.crashed.connect(self._crashed)
        self.draft.gone.connect(self._file_gone)
        self.draft.previous_found.connect(self.previous_offer.offer)
        self.draft.previous_refused.connect(lambda why: self._error(why))
        self.copies.saved.connect(self.info_bar.saved)
        self.copies.refused.connect(lambda why: self._error(why))

    # ------------------------------------------------------------ opening and checking

    def open_file(self, path: str) -> None:
        """Check a draft in the background and show it; an older check still running is dropped."""
        self.batch.watch.stop()  # the batch is left for good
        self.info_bar.hide()
        self.back_bar.hide()
        self.previous_offer.hide()
        self.draft.open(path)

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
        self.info_bar.hide()
        self.back_bar.show_for(*self.batch.position_of(result))
        self.check_shown.connect(lambda: self.status.setText(self.tr("批量检查的结果（文件改动后会自动重新检查）")),
                                 Qt.ConnectionType.SingleShotConnection)
        self.draft.open_checked(result)

    def back_to_batch(self) -> None:
        """◀ 返回批量列表: the table as it was left (sort and filter kept), with this draft's latest check."""
        if self.draft.session is not None and self.draft.session.readable:
            self.batch.update_result(self.draft.session.result)
        self._leave_draft()
        self.pages.setCurrentWidget(self.batch)
        self.setWindowTitle(self.tr("批量检查（{n} 份草稿）— {name}").format(n=len(self.batch.model.rows),
                                                                         name=TOOL_NAME))

    def compare_with_previous_report(self, path: str | None = None) -> None:
        """对照上年报告…: compare the open draft with its agency's report of the year before (chosen, or `path`)."""
        session = self.draft.session
        if session is None or not session.readable:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("选择本机关上一年度的报告"),
                                                  os.path.dirname(session.path),
                                                  self.tr("年度报告 (*.docx *.xlsx *.docm *.xlsm *.html *.htm *.mhtml *.mht *.pdf);;所有文件 (*)"))
            if not path:
                return
        self.previous_offer.hide()
        self.draft.compare_with(path)

    def _leave_draft(self) -> None:
        """No draft is shown any more: stop watching it, so that no re-check brings it back."""
        self.back_bar.hide()
        self.previous_offer.hide()
        self.draft.leave()

    def open_paths(self, paths: list[str]) -> None:
        """Open what was dropped or given: one file directly, several or a folder as a batch."""
        if len(paths) == 1 and not os.path.isdir(paths[0]):
            self.open_file(paths[0])
        elif paths:
            self.open_batch(paths)

    # ------------------------------------------------------------ showing the open draft's lifecycle

    def _check_started(self, path: str) -> None:
        self.busy.show()
        self.status.setText(self.tr("正在检查 {name}…").format(name=os.path.basename(path)))

    def _state_changed(self, state: DraftState) -> None:
        if state is DraftState.EMPTY:
            self.busy.hide()
        self._update_actions()

    def _checked(self, checked: Checked, replaced: FileResult | None) -> None:
        """A check is taken: findings now, the document in the next step of the event loop (no step does both)."""
        session = self.draft.session
        self._reselect = selected_keys(self.panel, replaced.findings) if replaced is not None else []
        self.setWindowTitle(f"{os.path.basename(checked.path)} — {TOOL_NAME}")
        self.panel.show_session(session)
        keep = replaced is not None
        QTimer.singleShot(0, lambda: self._show_document(session, checked.rendered, keep))

    def _show_document(self, session: Session, rendered: Rendered, keep: bool) -> None:
        if session is self.draft.session:  # not replaced in the meantime
            self.pages.setCurrentWidget(self.draft_page)
            self.view.show_rendered(rendered, keep_scroll=keep)

    def _view_loaded(self) -> None:
        session = self.draft.session
        if session is None:
            return
        self.busy.hide()
        if self._reselect:
            self.panel.select_findings(indices_of(self._reselect, session.result.findings))
        if session.rechecked:
            self.status.setText(self.tr("已于 {time} 重新检查").format(time=session.checked_at.strftime("%H:%M:%S")))
        else:
            self.status.setText(self.tr("检查完成（用时 {seconds:.2f} 秒）").format(seconds=session.seconds))
        self.draft.document_shown()
        self.check_shown.emit()

    def _unreadable(self, path: str, reason: str, kept: bool) -> None:
        self.busy.hide()
        if kept:  # a re-check: what is shown stays (Word may still be writing the file; it is tried once more)
            self.status.setText(self.tr("重新检查失败：{reason}").format(reason=reason))
            self.check_failed.emit(reason)
            return
        self.status.setText(self.tr("无法读取 {name}").format(name=os.path.basename(path)))
        self.check_failed.emit(reason)
        self._error(self.tr("无法读取“{name}”：\n\n{reason}").format(name=os.path.basename(path), reason=reason))

    def _crashed(self, error: BaseException) -> None:
        self.busy.hide()
        self.status.setText(self.tr("检查时出现内部错误"))
        sys.excepthook(type(error), error, error.__traceback__)

    def _file_gone(self, path: str) -> None:
        self.status.setText(self.tr("文件已被移走或删除：{path}").format(path=path))

    # ------------------------------------------------------------ ignoring findings

    def ignore_finding(self, index: int) -> None:
        """忽略: hide one finding of this document, now and after re-checks and restarts."""
        self.ignores.ignore(self.draft.session.path, self.draft.session.result.findings[index])
        self._after_ignore_change()

    def disable_rule(self, rule: str) -> None:
        """不再提示此类问题: turn a rule off for every document."""
        self.ignores.disable_rule(rule)
        self._after_ignore_change()

    def _after_ignore_change(self) -> None:
        if self.draft.session is None:
            return
        self.panel.refresh()
        result, path = self.draft.session.result, self.draft.session.path
        hidden = frozenset(i for i, f in enumerate(result.findings) if self.ignores.hides(path, f))
        self.runner.run(lambda: render(result.report, result.findings, hidden),
                        lambda rendered: self.view.show_rendered(rendered, keep_scroll=True), self._crashed,
                        channel=Channel.RENDER)

    def _choices_changed(self) -> None:
        chosen = len(self.draft.session.chosen())
        self.status.setText(self.tr("保存修正版时将应用 {n} 项修正").format(n=chosen))

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
        return dialog_dirs.start_folder(self.draft.session.path if self.draft.session else None,
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
            "open": self.choose_file, "open_folder": self.choose_folder, "open_sample": self.open_sample, "recheck": self.draft.recheck,
            "save_corrected": self.copies.save_corrected, "save_annotated": self.copies.save_annotated,
            "print": self.copies.print_summary, "export_pdf": lambda: self.copies.export_summary("pdf"),
            "export_html": lambda: self.copies.export_summary("html"),
            "export_xlsx": lambda: self.copies.export_summary("xlsx"),
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
        registry.enable_for(self.actions, has_file=self.draft.session is not None,
                            has_result=self.draft.session is not None and self.draft.session.can_print(),
                            has_draft=self.draft.session is not None and self.draft.session.can_save())

    # ------------------------------------------------------------ dialogs (tests replace this)

    def _error(self, text: str) -> None:
        if self.interactive:
            QMessageBox.warning(self, TOOL_NAME, text)
        else:
            self.status.setText(text)

    # ------------------------------------------------------------ settings

    def _restore_settings(self) -> None:
        settings.restore_layout(self, self.draft_page)
        self.view.zoom_by(settings.get(settings.ZOOM))
        self.drop_zone.set_recent(settings.get(settings.RECENT_FILES))

    # ------------------------------------------------------------ Qt overrides

    def closeEvent(self, event) -> None:
        settings.save_layout(self, self.draft_page)
        self.draft.close()
        self.batch.shutdown()
        super().closeEvent(event)

