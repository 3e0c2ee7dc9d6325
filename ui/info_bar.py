"""A non-modal line saying what was saved, with 打开 and 在文件夹中显示 (the single view and the batch)."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class InfoBar(QFrame):
    """A non-modal line above the document: 已保存修正版：… [打开] [在文件夹中显示] [×]."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("infoBar")
        self.setStyleSheet("#infoBar { background: #e7f4ea; border: 1px solid #9fcfab; border-radius: 4px; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开"))
        self.folder_button = QPushButton(self.tr("在文件夹中显示"))
        close = QPushButton("×")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.clicked.connect(self.hide)
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.path)))
        self.folder_button.clicked.connect(lambda: show_in_folder(self.path))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addWidget(close)
        self.path = ""
        self.hide()

    def saved(self, text: str, path: str) -> None:
        self.path = path
        self.label.setText(text)
        self.show()


def show_in_folder(path: str) -> None:
    """Open the file's folder in the system's file manager, with the file selected on Windows."""
    if sys.platform == "win32":
        QProcess.startDetached("explorer.exe", [f"/select,{os.path.normpath(path)}"])
    else:
        QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(os.path.abspath(path))))
