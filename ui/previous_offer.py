"""The line above a single draft offering last year's report found in its folder: [对照上年报告] [×]."""
from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class PreviousOffer(QFrame):
    """同一文件夹中有上一年度的报告“…”。[对照上年报告] [×]

    Signals:
        accepted(str): 对照上年报告 was clicked; the argument is last year's report.
    """

    accepted = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("previousOffer")
        self.setStyleSheet("#previousOffer { background: #fff8e1; border: 1px solid #e6c76a; border-radius: 4px; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("对照上年报告"))
        self.button.setObjectName("comparePreviousButton")
        self.button.clicked.connect(lambda: self.accepted.emit(self.path))
        close = QPushButton("×")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        row.addWidget(close)
        self.path = ""
        self.hide()

    def offer(self, path: str, year: int | None) -> None:
        self.path = path
        which = self.tr("{year} 年的报告").format(year=year) if year else self.tr("上一年度的报告")
        self.label.setText(self.tr("同一文件夹中有本机关{which}“{name}”，可以核对上年结转、同比数字和重复内容。")
                           .format(which=which, name=os.path.basename(path)))
        self.show()
