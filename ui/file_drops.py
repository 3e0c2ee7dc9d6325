"""Files dragged from a file manager onto the window: always a copy, never a move; opened after the drop event."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FileDrops(QObject):
    """Accepts local files dropped anywhere on a widget (an event filter on it).

    Signals:
        hovering(bool): files are dragged over the widget (True) or left it or were dropped (False).
        dropped(list): the local paths dropped, said in the event loop's next step (no work inside the drop event).
    """

    hovering = Signal(bool)
    dropped = Signal(list)

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragEnter:
            if _local_paths(event.mimeData()):
                event.setDropAction(Qt.DropAction.CopyAction)  # a drop is a copy: the user's file stays where it is
                event.accept()
                self.hovering.emit(True)
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.DragMove:
            if _local_paths(event.mimeData()):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
            return True
        if kind == QEvent.Type.DragLeave:
            self.hovering.emit(False)
            return True
        if kind == QEvent.Type.Drop:
            self.hovering.emit(False)
            paths = _local_paths(event.mimeData())
            if not paths:
                event.ignore()
                return True
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            QTimer.singleShot(0, lambda: self.dropped.emit(paths))
            return True
        return super().eventFilter(watched, event)


def _local_paths(mime) -> list[str]:
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]
