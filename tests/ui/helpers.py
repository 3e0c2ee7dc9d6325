"""Helpers of the window's tests: open and wait, simulate drops and clicks."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication


def open_and_wait(qtbot, window, path, timeout=10000) -> None:
    """Open a file and wait until its check is shown."""
    with qtbot.waitSignal(window.check_shown, timeout=timeout):
        window.open_file(str(path))


def drop(window, paths: list[Path]) -> QDropEvent:
    """Drag files from a file manager onto the window and drop them (a move is offered, as Explorer does)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    offered = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    centre = window.rect().center()
    enter = QDragEnterEvent(centre, offered, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(centre), offered, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event


def visible_in(view, anchor: str) -> bool:
    """The marked place lies inside the document view's visible area."""
    return view.viewport().rect().intersects(view.place_rect(anchor))


def click(qtbot, widget, pos: QPoint) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
