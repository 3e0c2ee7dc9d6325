"""The findings as a Qt item model: category → finding or group → its cells, with roles; the check state says
"apply this fix"."""
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
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from app.findings import Finding, Severity
from app.formats import editions as E
from app.presentation.grouping import Entry, by_category, category_of
from app.presentation.location import file_place, location, primary_cell
from app.rules.catalogue import RULES
from app.rules.rule import Category

from .session import Session

FindingRole = Qt.ItemDataRole.UserRole + 1  # the Finding (a group: its first; None on a category row)
SeverityRole = Qt.ItemDataRole.UserRole + 2  # "error" / "warning" / "info"
RuleRole = Qt.ItemDataRole.UserRole + 3  # the rule id
LocationRole = Qt.ItemDataRole.UserRole + 4  # where it is, in the report's words and the file's coordinates
KeyRole = Qt.ItemDataRole.UserRole + 5  # Finding.key
CategoryRole = Qt.ItemDataRole.UserRole + 6  # the category (every row kind)
IndexRole = Qt.ItemDataRole.UserRole + 7  # position of the finding in session.result.findings (a group: its first)
MembersRole = Qt.ItemDataRole.UserRole + 8  # positions of every finding a row stands for (a group: all its cells)

_ROOT = QModelIndex()  # the invisible root, as a default argument
_TOP = 0  # internalId of a category row; an entry row's is its category row + 1; a group's cell rows' is
_CELLS = 1 << 24  # _CELLS + the group's number in FindingsModel._grouped


class FindingsModel(QAbstractItemModel):
    """Every finding of the session's last check under its category in the catalogue's order, many of one rule in
    one table as one entry whose children are its cells (app.presentation.grouping, as every human view groups them).

    Signals:
        choices_changed(): the user ticked or unticked a fix.
    """

    choices_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self._groups: list[tuple[Category, list[Entry]]] = []  # category → its entries
        self._grouped: list[tuple[int, int]] = []  # (category row, entry row) of each grouped entry
        self._group_number: dict[tuple[int, int], int] = {}
        self._icons = {sev: severity_icon(sev) for sev in Severity}

    def set_session(self, session: Session | None) -> None:
        """Show the findings of session.result (all of them; the proxy hides the ignored)."""
        self.beginResetModel()
        self.session = session
        findings = session.result.findings if session is not None and session.readable else []
        self._groups = by_category(findings)
        self._grouped = [(g, e) for g, (_, members) in enumerate(self._groups)
                         for e, entry in enumerate(members) if entry.grouped]
        self._group_number = {place: n for n, place in enumerate(self._grouped)}
        self.endResetModel()

    def _entry(self, index: QModelIndex) -> Entry | None:
        """The entry an entry row stands for, or the group a cell row belongs to."""
        if not index.isValid() or index.internalId() == _TOP:
            return None
        if index.internalId() >= _CELLS:
            g, e = self._grouped[index.internalId() - _CELLS]
            return self._groups[g][1][e]
        return self._groups[index.internalId() - 1][1][index.row()]

    def _is_cell(self, index: QModelIndex) -> bool:
        return index.isValid() and index.internalId() >= _CELLS

    def members(self, index: QModelIndex) -> list[int]:
        """Positions in result.findings of every finding the row stands for (a category row: none)."""
        entry = self._entry(index)
        if entry is None:
            return []
        return [entry.indices[index.row()]] if self._is_cell(index) else list(entry.indices)

    def finding(self, index: QModelIndex) -> Finding | None:
        """The finding of a row (a group: its first; a category: None)."""
        members = self.members(index)
        return self.session.result.findings[members[0]] if members else None

    def index_of(self, finding_index: int) -> QModelIndex:
        """The model index of result.findings[finding_index] (a cell row when it is in a group)."""
        for g, (_, entries) in enumerate(self._groups):
            for e, entry in enumerate(entries):
                if finding_index in entry.indices:
                    row = self.index(e, 0, self.index(g, 0))
                    return self.index(entry.indices.index(finding_index), 0, row) if entry.grouped else row
        return QModelIndex()

    # ------------------------------------------------------------ Qt overrides

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        if column != 0 or row < 0 or row >= self.rowCount(parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP)
        if parent.internalId() == _TOP:
            return self.createIndex(row, 0, parent.row() + 1)
        return self.createIndex(row, 0, _CELLS + self._group_number[(parent.internalId() - 1, parent.row())])

    def parent(self, index: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        if index.internalId() >= _CELLS:
            g, e = self._grouped[index.internalId() - _CELLS]
            return self.createIndex(e, 0, g + 1)
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or self._is_cell(parent):
            return 0
        if parent.internalId() == _TOP:
            return len(self._groups[parent.row()][1]) if parent.row() < len(self._groups) else 0
        entry = self._entry(parent)
        return len(entry.findings) if entry is not None and entry.grouped else 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _TOP:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.rowCount(index) == 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self._fixable(index) else flags

    def _fixable(self, index: QModelIndex) -> list[Finding]:
        findings = self.session.result.findings
        return [findings[i] for i in self.members(index) if self.session.fixable(findings[i])]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            category, entries = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{category}（{len(entries)}）"
            if role == CategoryRole:
                return str(category)
            return None
        entry, f = self._entry(index), self.finding(index)
        group_row = entry.grouped and not self._is_cell(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.message() if group_row else f.message
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[f.severity]
        if role == Qt.ItemDataRole.CheckStateRole:
            return self._check_state(index)
        if role == Qt.ItemDataRole.ToolTipRole:
            rule = RULES.get(f.rule)
            about = f"\n\n{rule.title}：{rule.explanation}" if rule else ""
            text = entry.message() if group_row else f.message
            return f"{text}\n位置：{self._location(index)}{about}"
        if role == LocationRole:
            return self._location(index)
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
            return self.members(index)[0]
        if role == MembersRole:
            return self.members(index)
        return None

    def _check_state(self, index: QModelIndex) -> Qt.CheckState | None:
        fixable = self._fixable(index)
        if not fixable:
            return None
        chosen = sum(1 for f in fixable if self.session.is_chosen(f))
        if chosen == len(fixable):
            return Qt.CheckState.Checked
        return Qt.CheckState.Unchecked if chosen == 0 else Qt.CheckState.PartiallyChecked

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        fixable = self._fixable(index) if index.isValid() and index.internalId() != _TOP else []
        if role != Qt.ItemDataRole.CheckStateRole or not fixable:
            return False
        apply = Qt.CheckState(value) != Qt.CheckState.Unchecked
        for f in fixable:
            self.session.choose(f, apply)
        changed = [index]
        if self._is_cell(index):
            changed.append(index.parent())
        elif self.rowCount(index):
            changed += [self.index(0, 0, index), self.index(self.rowCount(index) - 1, 0, index)]
        for i in changed:
            self.dataChanged.emit(i, i, [Qt.ItemDataRole.CheckStateRole])
        if len(changed) > 2:
            self.dataChanged.emit(changed[1], changed[2], [Qt.ItemDataRole.CheckStateRole])
        self.choices_changed.emit()
        return True

    def _location(self, index: QModelIndex) -> str:
        entry, f = self._entry(index), self.finding(index)
        if entry.grouped and not self._is_cell(index):
            return f"{E.TABLE_SHORT.get(f.table, '统计表')}，共 {len(entry.findings)} 处（展开查看每一格）"
        text = location(f, self.session.result.report)
        cell = primary_cell(f)
        coordinates = file_place(cell.where) if cell is not None else ""
        return f"{text} · {coordinates}" if coordinates else text


class VisibleFindings(QSortFilterProxyModel):
    """The findings model without what the user ignored; category and group rows count only what is left."""

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
        index = source.index(row, 0, parent)
        if source.rowCount(index):
            return False  # a group too, through its visible cells
        f = source.finding(index)
        return f is not None and not source.session.ignores.hides(source.session.path, f)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and not index.parent().isValid():
            return f"{index.data(CategoryRole)}（{self.rowCount(index)}）"
        if role == MembersRole and index.isValid() and self.rowCount(index):  # a group: its cells still shown
            return [self.index(r, 0, index).data(IndexRole) for r in range(self.rowCount(index))]
        return super().data(index, role)


def severity_icon(severity: Severity, size: int = 32) -> QIcon:
    """A drawn icon: a red disc for errors, an amber triangle for warnings, a blue disc for information, each
    with a white rim, and the same picture for a selected row (Qt would tint it with the selection's blue)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rim = QPen(QColor("white"), max(1.5, size * 0.07))
    rim.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(rim)
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
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon
