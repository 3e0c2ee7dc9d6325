"""The draft as the user knows it, problems marked in place: scroll_to(anchor) and flash; tooltips carry messages."""
from __future__ import annotations

import bisect
import time

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from .document_html import BODY_INDENT, BODY_MARGIN, Rendered

STEP_BUDGET_S = 0.015  # main-thread time one loading step may take before it yields to the event loop
ZOOM_RANGE = (-6, 16)
# Laid out once while the window waits for its first draft: the Chinese fonts load then, not on the first drop.
WARM_UP_HTML = ("<p><b>政府信息公开工作年度报告</b>（一）予以公开 12件；“总计”栏</p>"
                '<table border="1"><tr><td>自然人</td><td align="center"><b>5 → 6</b></td></tr></table>')
_FLASH = QColor("#ffe100")


class DocumentView(QTextBrowser):
    """Read-only view of one rendered draft; large drafts are inserted chunk by chunk without freezing.

    Attributes:
        rendered: what is shown (None before the first draft).
        zoom: Ctrl+/− steps from the default size.

    Signals:
        loaded(): the whole document is in the view.
        place_clicked(str): the user clicked a marked place; the argument is its anchor.
    """

    loaded = Signal()
    place_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        # a constant width: the scroll bar appearing never lays the document out a second time
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.document().setDocumentMargin(24)
        self.anchorClicked.connect(self._anchor_clicked)
        self.rendered: Rendered | None = None
        self.zoom = 0
        self._ranges: dict[str, list[int]] = {}  # anchor → [first position, last position]
        self._starts: list[tuple[int, str]] = []  # (first position, anchor), sorted, for clicks
        self._pending: list[str] = []
        self._scanned = 0
        self._restore_scroll: int | None = None
        self._loader = QTimer(self, interval=0)
        self._loader.timeout.connect(self._load_step)
        self._flash_timer = QTimer(self, interval=170)
        self._flash_timer.timeout.connect(self._flash_step)
        self._flash: tuple[str, int] | None = None
        QTimer.singleShot(0, self._warm_up)

    # ------------------------------------------------------------ showing

    def _warm_up(self) -> None:
        """Lay out WARM_UP_HTML once, off the critical path of the first drop."""
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setHtml(WARM_UP_HTML)
        doc.documentLayout().documentSize()

    def show_rendered(self, rendered: Rendered, keep_scroll: bool = False) -> None:
        """Replace the document; `loaded` is emitted once all of it is in (at once for small drafts)."""
        self._restore_scroll = self.verticalScrollBar().value() if keep_scroll else None
        self._loader.stop()
        self._stop_flash()
        self.rendered = rendered
        self._ranges, self._starts, self._scanned = {}, [], 0
        if len(rendered.chunks) == 1:
            self.setHtml(rendered.chunks[0])
            self._pending = []
            self._finish()
            return
        self.clear()
        self._pending = list(rendered.chunks)
        self._loader.start()

    def _load_step(self) -> None:
        """Insert chunks for at most STEP_BUDGET_S, index their marks, and yield."""
        started = time.perf_counter()
        cursor = QTextCursor(self.document())
        while self._pending and time.perf_counter() - started < STEP_BUDGET_S:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            if self.document().characterCount() > 1:
                cursor.insertBlock(_body_format(), QTextCharFormat())
            cursor.insertHtml(self._pending.pop(0))
            self._index_marks()
        if not self._pending:
            self._loader.stop()
            self._finish()

    def _finish(self) -> None:
        self._index_marks()
        self._starts.sort()
        if self._restore_scroll is not None:
            self.document().documentLayout().documentSize()  # finish the layout so the scroll range is final
            self.verticalScrollBar().setValue(self._restore_scroll)
        self.loaded.emit()

    def _index_marks(self) -> None:
        """Record the position range of every mark inserted since the last call."""
        doc = self.document()
        block = doc.findBlock(self._scanned)
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                href = fragment.charFormat().anchorHref()
                if href.startswith("mark:"):
                    name = href[5:]
                    end = fragment.position() + fragment.length()
                    if name in self._ranges:
                        self._ranges[name][1] = max(self._ranges[name][1], end)
                    else:
                        self._ranges[name] = [fragment.position(), end]
                        self._starts.append((fragment.position(), name))
                it += 1
            block = block.next()
        self._scanned = max(doc.characterCount() - 1, 0)

    # ------------------------------------------------------------ places

    def has_place(self, anchor: str) -> bool:
        return anchor in self._ranges

    def place_rect(self, anchor: str) -> QRect:
        """The rectangle of a marked place in viewport coordinates (empty when unknown)."""
        span = self._ranges.get(anchor)
        if span is None:
            return QRect()
        first, last = self._cursor(span[0]), self._cursor(span[1])
        return self.cursorRect(first).united(self.cursorRect(last))

    def scroll_to(self, anchor: str, flash: bool = True) -> bool:
        """Bring a marked place to the middle of the view and flash it; False if it is not shown."""
        if anchor not in self._ranges:
            return False
        rect = self.place_rect(anchor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)
        rect = self.place_rect(anchor)
        hbar = self.horizontalScrollBar()
        if rect.right() > self.viewport().width() or rect.left() < 0:
            hbar.setValue(hbar.value() + rect.left() - 40)
        if flash:
            self._flash = (anchor, 6)
            self._flash_step()
            self._flash_timer.start()
        return True

    def anchor_at(self, pos: QPoint) -> str | None:
        """The marked place under a viewport point: the mark itself, or the table cell that holds it."""
        href = self.anchorAt(pos)
        if href.startswith("mark:"):
            return href[5:]
        cursor = self.cursorForPosition(pos)
        table = cursor.currentTable()
        if table is None:
            return None
        cell = table.cellAt(cursor)
        first, last = cell.firstPosition(), cell.lastPosition()
        i = bisect.bisect_left(self._starts, (first, ""))
        if i < len(self._starts) and self._starts[i][0] <= last:
            return self._starts[i][1]
        return None

    def _cursor(self, position: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, max(self.document().characterCount() - 1, 0)))
        return cursor

    # ------------------------------------------------------------ flashing

    def _flash_step(self) -> None:
        if self._flash is None:
            return
        anchor, left = self._flash
        span = self._ranges.get(anchor)
        if span is None or left <= 0:
            self._stop_flash()
            return
        self._flash = (anchor, left - 1)
        if left % 2 == 0:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor(span[0])
            selection.cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            selection.format.setBackground(_FLASH)
            self.setExtraSelections([selection])
        else:
            self.setExtraSelections([])

    def _stop_flash(self) -> None:
        self._flash_timer.stop()
        self._flash = None
        self.setExtraSelections([])

    # ------------------------------------------------------------ zoom

    def zoom_by(self, steps: int) -> None:
        """Zoom by `steps` font points, within ZOOM_RANGE."""
        target = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], self.zoom + steps))
        if target > self.zoom:
            self.zoomIn(target - self.zoom)
        elif target < self.zoom:
            self.zoomOut(self.zoom - target)
        self.zoom = target

    def reset_zoom(self) -> None:
        self.zoom_by(-self.zoom)

    # ------------------------------------------------------------ Qt overrides

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_by(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection() \
                and not self.anchorAt(event.position().toPoint()):
            anchor = self.anchor_at(event.position().toPoint())
            if anchor:
                self.place_clicked.emit(anchor)

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "mark":
            self.place_clicked.emit(url.path())


def _body_format() -> QTextBlockFormat:
    """The block format of a body paragraph, for the block each loading chunk starts in."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(BODY_MARGIN)
    fmt.setBottomMargin(BODY_MARGIN)
    fmt.setTextIndent(BODY_INDENT)
    return fmt
