"""The page of one open draft: the bars above the document, the document, and the findings beside it, linked."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from .document_view import DocumentView
from .findings_panel import FindingsPanel


class DraftPage(QSplitter):
    """[bars, document] | findings, the user may move the divider; a finding activated scrolls the document to its
    place, a place clicked selects its findings."""

    def __init__(self, bars: list[QWidget], document: DocumentView, findings: FindingsPanel, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.document, self.findings = document, findings
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        for bar in bars:
            column.addWidget(bar)
        column.addWidget(document, 1)
        self.addWidget(left)
        self.addWidget(findings)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setSizes([780, 500])
        findings.finding_activated.connect(self.show_finding)
        document.place_clicked.connect(self._place_clicked)

    def show_finding(self, index: int) -> None:
        """Scroll the document to a finding's place and flash it."""
        anchor = self.document.rendered.target[index] if self.document.rendered else None
        if anchor is not None:
            self.document.scroll_to(anchor)

    def _place_clicked(self, anchor: str) -> None:
        if self.document.rendered is not None:
            self.findings.select_findings(self.document.rendered.places.get(anchor, []))
