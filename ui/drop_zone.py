"""The empty window: where to drop a draft, 打开文件… / 打开示例, and the recent files."""
from __future__ import annotations

import os

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget


class DropZone(QWidget):
    """The empty window: where to drop a draft, 打开文件… / 打开示例, and the recent files.

    Signals:
        open_requested(): 打开文件… was clicked.
        folder_requested(): 打开文件夹… was clicked (reviewer mode).
        sample_requested(): 打开示例 was clicked.
        recent_chosen(str): a recent file was chosen.
    """

    open_requested = Signal()
    folder_requested = Signal()
    sample_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.target = QLabel(self.tr("将年度报告（.docx / .xlsx 草稿，或已发布的网页 / PDF）拖放到此处"))
        self.target.setObjectName("dropTarget")
        self.target.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.target.setMinimumHeight(220)
        self.target.setWordWrap(True)
        self.set_highlight(False)
        open_button = QPushButton(self.tr("打开文件…"))
        open_button.setObjectName("openButton")
        open_button.clicked.connect(self.open_requested)
        folder_button = QPushButton(self.tr("打开文件夹…"))
        folder_button.setObjectName("folderButton")
        folder_button.setToolTip(self.tr("检查一个文件夹中的全部草稿"))
        folder_button.clicked.connect(self.folder_requested)
        sample_button = QPushButton(self.tr("打开示例"))
        sample_button.setObjectName("sampleButton")
        sample_button.setToolTip(self.tr("一份带有几处典型问题的示例草稿"))
        sample_button.clicked.connect(self.sample_requested)
        for button in (open_button, folder_button, sample_button):
            button.setMinimumSize(QSize(150, 40))
        self.recent = QStandardItemModel(self)
        self.recent_view = QListView()
        self.recent_view.setModel(self.recent)
        self.recent_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.recent_view.activated.connect(lambda index: self.recent_chosen.emit(index.data(Qt.ItemDataRole.UserRole)))
        self.recent_view.clicked.connect(lambda index: self.recent_chosen.emit(index.data(Qt.ItemDataRole.UserRole)))
        self.recent_view.setMaximumHeight(220)
        self.recent_title = QLabel(self.tr("最近打开"))
        self.recent_title.setStyleSheet("font-weight: bold; color: #555;")

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(folder_button)
        buttons.addWidget(sample_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.target)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addSpacing(24)
        column.addWidget(self.recent_title)
        column.addWidget(self.recent_view)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)

    def set_recent(self, files: list[str]) -> None:
        self.recent.clear()
        for path in files:
            item = QStandardItem(f"{os.path.basename(path)}    —    {os.path.dirname(path)}")
            item.setData(path, Qt.ItemDataRole.UserRole)
            item.setToolTip(path)
            self.recent.appendRow(item)
        self.recent_title.setVisible(bool(files))
        self.recent_view.setVisible(bool(files))

    def set_highlight(self, on: bool) -> None:
        colour = "#1e6fc2" if on else "#9aa5b1"
        background = "#e6f0fb" if on else "#f7f9fb"
        self.target.setStyleSheet(f"#dropTarget {{ border: 3px dashed {colour}; border-radius: 12px; "
                                  f"background: {background}; font-size: 16pt; color: #34495e; padding: 24px; }}")
