"""The findings as a Qt item model: category → finding, with roles; the check state says "apply this fix"."""
from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

from app.findings import Finding, Severity
from app.rules.catalogue import RULES, Category
from app.summary.location import file_place, location, primary_cell

from .session import Session

FindingRole = Qt.ItemDataRole.UserRole + 1  # the Finding (None on a category row)
SeverityRole = Qt.ItemDataRole.UserRole + 2  # "error" / "warning" / "info"
RuleRole = Qt.ItemDataRole.UserRole + 3  # the rule id
LocationRole = Qt.ItemDataRole.UserRole + 4  # where it is, in the report's words and the file's coordinates
KeyRole = Qt.ItemDataRole.UserRole + 5  # Finding.key
CategoryRole = Qt.ItemDataRole.UserRole + 6  # the category (both row kinds)
IndexRole = Qt.ItemDataRole.UserRole + 7  # position of the finding in session.result.findings

_ROOT = QModelIndex()  # the invisible root, as a default argument
_TOP = 0  # internalId of a category row; a finding row's internalId is its category row + 1


def category_of(f: Finding) -> Category:
    rule = RULES.get(f.rule)
    return rule.category if rule else Category.STRUCTURE


class FindingsModel(QAbstractItemModel):
    """Every finding of the session's last check, grouped by category in the catalogue's order.

    Signals:
        choices_changed(): the user ticked or unticked a fix.
    """

    choices_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self._groups: list[tuple[Category, list[int]]] = []  # category → indices into result.findings
        self._icons = {sev: severity_icon(sev) for sev in Severity}

    def set_session(self, session: Session | None) -> None:
        """Show the findings of session.result (all of them; the proxy hides the ignored)."""
        self.beginResetModel()
        self.session = session
        groups: dict[Category, list[int]] = {}
        findings = session.result.findings if session is not None and session.readable else []
        for i, f in enumerate(findings):
            groups.setdefault(category_of(f), []).append(i)
        self._groups = [(c, groups[c]) for c in Category if c in groups]
        self.endResetModel()

    def finding(self, index: QModelIndex) -> Finding | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self.session.result.findings[self._groups[index.internalId() - 1][1][index.row()]]

    def index_of(self, finding_index: int) -> QModelIndex:
        """The model index of result.findings[finding_index]."""
        for g, (_, members) in enumerate(self._groups):
            if finding_index in members:
                return self.index(members.index(finding_index), 0, self.index(g, 0))
        return QModelIndex()

    # ------------------------------------------------------------ Qt overrides

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _TOP or parent.row() >= len(self._groups):
            return QModelIndex()
        members = self._groups[parent.row()][1]
        return self.createIndex(row, 0, parent.row() + 1) if row < len(members) else QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0:
            return 0
        return len(self._groups[parent.row()][1]) if parent.internalId() == _TOP else 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = self.finding(index)
        if f is None:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self.session.fixable(f) else flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            category, members = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{category}（{len(members)}）"
            if role == CategoryRole:
                return str(category)
            return None
        f = self.finding(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return f.message
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[f.severity]
        if role == Qt.ItemDataRole.CheckStateRole and self.session.fixable(f):
            return Qt.CheckState.Checked if self.session.is_chosen(f) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            rule = RULES.get(f.rule)
            about = f"\n\n{rule.title}：{rule.explanation}" if rule else ""
            return f"{f.message}\n位置：{self._location(f)}{about}"
        if role == LocationRole:
            return self._location(f)
        if role == FindingRole:
            return f
        if role == SeverityRole:
            return str(f.severity)
        if role == RuleRole:
            return f.rule
        if role == KeyRole:
            return f.key
        if role == CategoryRole:
            return str(category_of(f))
        if role == IndexRole:
            return self._groups[index.internalId() - 1][1][index.row()]
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        f = self.finding(index)
        if role != Qt.ItemDataRole.CheckStateRole or f is None or not self.session.fixable(f):
            return False
        self.session.choose(f, Qt.CheckState(value) == Qt.CheckState.Checked)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.choices_changed.emit()
        return True

    def _location(self, f: Finding) -> str:
        text = location(f, self.session.result.report)
        cell = primary_cell(f)
        coordinates = file_place(cell.where) if cell is not None else ""
        return f"{text} · {coordinates}" if coordinates else text


class VisibleFindings(QSortFilterProxyModel):
    """The findings model without what the user ignored; category rows count only what is left."""

    def __init__(self, source: FindingsModel, parent=None):
        super().__init__(parent)
        self.setSourceModel(source)
        self.setRecursiveFilteringEnabled(True)

    def refresh(self) -> None:
        """Re-apply the filter after an ignore changed."""
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        source: FindingsModel = self.sourceModel()
        if not parent.isValid():
            return False  # a category shows only through its visible findings (recursive filtering)
        f = source.finding(source.index(row, 0, parent))
        return f is not None and not source.session.ignores.hides(source.session.path, f)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and not index.parent().isValid():
            return f"{index.data(CategoryRole)}（{self.rowCount(index)}）"
        return super().data(index, role)


def severity_icon(severity: Severity, size: int = 32) -> QIcon:
    """A drawn icon: a red disc for errors, an amber triangle for warnings, a blue disc for information."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    m = size * 0.08
    if severity == Severity.WARNING:
        painter.setBrush(QColor("#e0a100"))
        painter.drawPolygon(QPolygonF([QPointF(size / 2, m), QPointF(size - m, size - m), QPointF(m, size - m)]))
        mark = "!"
    else:
        painter.setBrush(QColor("#d32f2f" if severity == Severity.ERROR else "#1e6fc2"))
        painter.drawEllipse(QPointF(size / 2, size / 2), size / 2 - m, size / 2 - m)
        mark = "×" if severity == Severity.ERROR else "i"
    painter.setPen(QColor("white"))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(int(size * 0.55))
    painter.setFont(font)
    painter.drawText(pixmap.rect().adjusted(0, int(size * 0.08) if severity == Severity.WARNING else 0, 0, 0),
                     Qt.AlignmentFlag.AlignCenter, mark)
    painter.end()
    return QIcon(pixmap)
