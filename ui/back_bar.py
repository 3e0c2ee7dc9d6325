"""The line above a draft opened from the batch: ◀ 返回批量列表 and where the draft is in the table."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class BackBar(QFrame):
    """The line above a draft opened from the batch: ◀ 返回批量列表 (the table keeps its sort and filter).

    Signals:
        back(): 返回 was clicked.
    """

    back = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("backBar")
        self.setStyleSheet("#backBar { background: #eef3fa; border: 1px solid #c5d5ea; border-radius: 4px; }")
        self.button = QPushButton(self.tr("◀ 返回批量列表"))
        self.button.setObjectName("backButton")
        self.button.clicked.connect(self.back)
        self.label = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(self.button)
        row.addWidget(self.label, 1)
        self.hide()

    def show_for(self, position: int, total: int) -> None:
        self.label.setText(self.tr("批量检查中的第 {n} / {total} 份").format(n=position, total=total))
        self.show()
