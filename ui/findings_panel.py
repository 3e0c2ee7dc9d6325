"""The findings panel: the verdict first, edition/year/agency, counts per category, then the grouped findings."""
from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.findings import Severity
from app.presentation.grouping import by_category
from app.rules.rule import Category
from app.summary import verdict, verdict_line
from app.summary.text import Verdict

from .findings_model import FindingsModel, IndexRole, LocationRole, MembersRole, VisibleFindings
from .session import Session

_VERDICT_COLOURS = {Verdict.FAILED: "#b71c1c", Verdict.WARNED: "#8a5a00", Verdict.PASSED: "#1b7a33",
                    Verdict.UNREADABLE: "#5a0000", Verdict.NOT_REPORT: "#3a3a3a"}
# The five categories always counted; 跨年度 only when a cross-year check found something.
_ALWAYS_COUNTED = (Category.STRUCTURE, Category.ARITHMETIC, Category.VALUES, Category.PROSE, Category.DATES)


LOCATION_GREY = "#4d4d4d"  # the location line under a finding: 8.9:1 on white
LOCATION_SIZE = "90%"


class FindingDelegate(QStyledItemDelegate):
    """Draws a finding as its message with the location in grey below, wrapped to the view's width."""

    CACHE_LIMIT = 2000

    def __init__(self, view: QTreeView):
        super().__init__(view)
        self._view = view
        self._documents: dict[tuple, QTextDocument] = {}  # laid-out texts: painting is frequent, texts are few

    def paint(self, painter, option, index) -> None:
        if not index.parent().isValid():
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        doc = self._document(index, rect.width(), selected, opt)
        painter.save()
        painter.translate(rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        group = QPalette.ColorGroup.Active
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        if not index.parent().isValid():
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.rect = QRect(0, 0, max(self._view.viewport().width() - self._view.indentation() * 2, 120), 100)
        style = self._view.style()
        width = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, self._view).width()
        doc = self._document(index, width, False, opt)
        return QSize(opt.rect.width(), int(doc.size().height()) + 6)

    def _document(self, index, width: int, selected: bool, opt) -> QTextDocument:
        key = (index.data(), index.data(LocationRole), max(width, 60), selected, opt.font.toString())
        doc = self._documents.get(key)
        if doc is None:
            if len(self._documents) > self.CACHE_LIMIT:
                self._documents.clear()
            doc = self._documents[key] = self._new_document(index, width, selected, opt)
        return doc

    @staticmethod
    def _new_document(index, width: int, selected: bool, opt) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(2)
        # On the selection the location takes the selected text's own colour; elsewhere a dark grey, at 90 %.
        grey = opt.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText).name() \
            if selected else LOCATION_GREY
        doc.setHtml(f"{html.escape(index.data() or '')}<br><span style='color:{grey}; font-size:{LOCATION_SIZE}'>"
                    f"{html.escape(index.data(LocationRole) or '')}</span>")
        doc.setTextWidth(max(width, 60))
        return doc


def _counts_line(findings) -> str:
    """Errors and warnings per category, counted as the verdict counts them (a group once), 提示 apart."""
    per = {category: [e for e in entries if e.severity is not Severity.INFO]
           for category, entries in by_category(findings)}
    info = sum(1 for _, entries in by_category(findings) for e in entries if e.severity is Severity.INFO)
    shown = [c for c in Category if c in _ALWAYS_COUNTED or per.get(c)]
    line = "　".join(f"{c} <b>{len(per.get(c, []))}</b>" for c in shown)
    return line + (f"<br><span style='color: {LOCATION_GREY};'>另有提示 <b>{info}</b> 条（不影响结论）</span>"
                   if info else "")


class FindingsTree(QTreeView):
    """The tree of findings; item heights follow the width because messages wrap."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()


class FindingsPanel(QWidget):
    """Verdict, report facts, counts, the findings tree, 忽略 / 不再提示此类问题.

    Signals:
        finding_activated(int): the user chose a finding (its index in the session's result.findings).
        ignore_requested(int): 忽略 this finding for this document.
        disable_rule_requested(str): 不再提示此类问题 for this rule.
    """

    finding_activated = Signal(int)
    ignore_requested = Signal(int)
    disable_rule_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.visible = VisibleFindings(self.model, self)
        self.verdict = QLabel(objectName="verdict")
        self.verdict.setWordWrap(True)
        self.facts = QLabel(objectName="facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = QLabel(objectName="counts")
        self.counts.setWordWrap(True)
        self.note = QLabel(objectName="note")  # 未发现问题 for a clean draft; why a document is not a report
        self.note.setWordWrap(True)
        self.note.setStyleSheet("font-size: 12pt; margin-top: 6px;")
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = FindingsTree()
        self.tree.setModel(self.visible)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(FindingDelegate(self.tree))
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.clicked.connect(self._clicked)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.ignore_button = QPushButton(self.tr("忽略"))
        self.ignore_button.setToolTip(self.tr("在这份文档中不再显示这一条（重新检查和重启后仍然有效，可在“设置”中恢复）"))
        self.ignore_button.clicked.connect(self._ignore_current)
        self.disable_button = QPushButton(self.tr("不再提示此类问题"))
        self.disable_button.setToolTip(self.tr("关闭这条检查规则（所有文档；可在“设置”中恢复）"))
        self.disable_button.clicked.connect(self._disable_current)
        self._programmatic = False

        buttons = QHBoxLayout()
        buttons.addWidget(self.ignore_button)
        buttons.addWidget(self.disable_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        for widget in (self.verdict, self.facts, self.counts, self.note):
            layout.addWidget(widget)
        layout.addWidget(self.tree, 1)
        self._filler = QWidget()  # holds the space of the hidden tree, so that the labels stay at the top
        layout.addWidget(self._filler, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # ------------------------------------------------------------ content

    def show_session(self, session: Session | None) -> None:
        """Show a session's last check (or nothing)."""
        self.model.set_session(session)
        self.refresh()

    def refresh(self) -> None:
        """Re-read ignores and choices: the filter, the verdict and the counts."""
        self.visible.refresh()
        for row in range(self.visible.rowCount()):  # cheaper than expandAll(): only categories have children
            self.tree.setExpanded(self.visible.index(row, 0), True)
        session = self.model.session
        readable = session is not None and session.readable
        findings = session.visible() if readable else []
        shown = session.visible_result() if readable else None
        self.verdict.setText(verdict_line(shown) if shown else "")
        colour = _VERDICT_COLOURS.get(verdict(shown), "#000000") if shown else "#000000"
        self.verdict.setStyleSheet(f"font-size: 18pt; font-weight: bold; color: {colour};")
        report = shown.report if shown else None
        not_report = shown.not_report if shown else None
        if report is not None and not_report is None:
            parts = [report.edition.spec.name, f"{report.year} 年度" if report.year else "未识别年度",
                     report.agency or "未识别机关"]
            self.facts.setText(" · ".join(parts))
        else:
            self.facts.setText("")
        self.facts.setVisible(bool(self.facts.text()))
        self.counts.setText(_counts_line(findings) if findings else "")
        self.counts.setVisible(bool(findings))
        if not_report is not None:
            self.note.setText(self.tr("原因：{reason}。本工具只检查政府信息公开工作年度报告，不提供修正。")
                              .format(reason=not_report))
        elif readable and not findings:
            self.note.setText(self.tr("未发现问题。"))
        nothing_listed = readable and (not_report is not None or not findings)
        self.note.setVisible(nothing_listed)
        self.tree.setVisible(not nothing_listed)
        self._filler.setVisible(nothing_listed)
        self._update_buttons()

    def select_findings(self, indices: list[int]) -> None:
        """Select the rows of these findings (indices into result.findings) without re-activating them."""
        selection = QItemSelection()
        first = None
        for i in indices:
            proxy = self.visible.mapFromSource(self.model.index_of(i))
            if proxy.isValid():
                selection.select(proxy, proxy)
                if proxy.parent().parent().isValid():  # a cell of a group: show it
                    self.tree.setExpanded(proxy.parent(), True)
                first = first or proxy
        self._programmatic = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.tree.selectionModel().select(selection, flags)
            if first is not None:
                self.tree.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.tree.scrollTo(first)
        finally:
            self._programmatic = False
        self._update_buttons()

    def current_finding(self) -> int | None:
        index = self.tree.currentIndex()
        value = index.data(IndexRole) if index.isValid() else None
        return value

    def row_of(self, finding_index: int) -> QModelIndex:
        """The tree's (proxy) index of a finding."""
        return self.visible.mapFromSource(self.model.index_of(finding_index))

    # ------------------------------------------------------------ user actions

    def _clicked(self, index: QModelIndex) -> None:
        value = index.data(IndexRole)
        if value is not None:
            self.finding_activated.emit(value)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._programmatic and current.isValid() and current.data(IndexRole) is not None:
            self.finding_activated.emit(current.data(IndexRole))

    def _ignore_current(self) -> None:
        chosen = [v for i in self.tree.selectionModel().selectedIndexes() for v in (i.data(MembersRole) or [])]
        current = self.tree.currentIndex().data(MembersRole) if self.tree.currentIndex().isValid() else None
        for value in dict.fromkeys(chosen or current or []):
            self.ignore_requested.emit(value)

    def _disable_current(self) -> None:
        value = self.current_finding()
        if value is not None:
            self.disable_rule_requested.emit(self.model.session.result.findings[value].rule)

    def _update_buttons(self) -> None:
        has = self.current_finding() is not None or bool(self.tree.selectionModel().selectedIndexes())
        self.ignore_button.setEnabled(has)
        self.disable_button.setEnabled(has)

    def _context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        value = index.data(IndexRole) if index.isValid() else None
        if value is None:
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        members = index.data(MembersRole) or [value]
        menu.addAction(self.tr("忽略"), lambda: [self.ignore_requested.emit(v) for v in members])
        rule = self.model.session.result.findings[value].rule
        menu.addAction(self.tr("不再提示此类问题"), lambda: self.disable_rule_requested.emit(rule))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
