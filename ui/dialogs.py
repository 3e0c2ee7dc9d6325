"""The window's own dialogs: 检查规则说明 (from the rule catalogue) and 已忽略的问题和规则 (reversible)."""
from __future__ import annotations

import html
import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from app.findings import Severity
from app.rules.catalogue import RULES
from app.rules.rule import Category

from .session import Ignores

_SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def rules_html() -> str:
    """Every rule id with its category, severity, title and explanation, grouped by category."""
    parts = ["<h2>检查规则说明</h2><p>本工具的每条检查规则、通常的严重程度和含义。"
             "规则编号与命令行 JSON 输出中的 <code>rule</code> 一致。</p>"]
    for category in Category:
        rules = [r for r in RULES.values() if r.category == category]
        if not rules:
            continue
        parts.append(f"<h3>{html.escape(str(category))}</h3>"
                     '<table border="1" cellspacing="0" cellpadding="4" width="100%">'
                     "<tr><th>规则</th><th>严重程度</th><th>说明</th></tr>")
        for r in rules:
            severities = "、".join(_SEVERITY_WORDS[s] for s in r.severities)
            parts.append(f"<tr><td><code>{html.escape(r.id)}</code></td><td>{severities}</td>"
                         f"<td><b>{html.escape(r.title)}</b><br>{html.escape(r.explanation)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


class RulesDialog(QDialog):
    """检查规则说明: the catalogue as a readable page."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("检查规则说明"))
        self.resize(900, 700)
        self.browser = QTextBrowser()
        self.browser.setHtml(rules_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


class IgnoresDialog(QDialog):
    """The findings ignored per document and the rules turned off, each restorable.

    Signals:
        changed(): an ignore or a rule was restored.
    """

    changed = Signal()

    def __init__(self, ignores: Ignores, parent=None):
        super().__init__(parent)
        self.ignores = ignores
        self.setWindowTitle(self.tr("已忽略的问题和规则"))
        self.resize(760, 520)
        self.findings = QStandardItemModel(self)
        self.rules = QStandardItemModel(self)
        self.findings_view = QListView()
        self.findings_view.setModel(self.findings)
        self.findings_view.setWordWrap(True)
        self.rules_view = QListView()
        self.rules_view.setModel(self.rules)
        for view in (self.findings_view, self.rules_view):
            view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
            view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        restore_finding = QPushButton(self.tr("恢复所选问题"))
        restore_finding.clicked.connect(self._restore_findings)
        restore_rule = QPushButton(self.tr("恢复所选规则"))
        restore_rule.clicked.connect(self._restore_rules)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("在某份文档中忽略的问题（按内容识别，重新检查后仍然隐藏）：")))
        layout.addWidget(self.findings_view, 2)
        layout.addLayout(_right(restore_finding))
        layout.addWidget(QLabel(self.tr("已关闭的检查规则（“不再提示此类问题”，对所有文档有效）：")))
        layout.addWidget(self.rules_view, 1)
        layout.addLayout(_right(restore_rule))
        layout.addWidget(buttons)
        self._load_findings()
        self._load_rules()

    def _load_findings(self) -> None:
        self.findings.clear()
        for entry in self.ignores.entries:
            item = QStandardItem(f"{os.path.basename(entry.get('file', ''))}：{entry.get('message', '')}")
            item.setData(entry, Qt.ItemDataRole.UserRole)
            item.setToolTip(entry.get("file", ""))
            item.setEditable(False)
            self.findings.appendRow(item)

    def _load_rules(self) -> None:
        self.rules.clear()
        for rule_id in self.ignores.rules:
            rule = RULES.get(rule_id)
            item = QStandardItem(f"{rule_id}　{rule.title}" if rule else rule_id)
            item.setData(rule_id, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.rules.appendRow(item)

    def _restore_findings(self) -> None:
        for index in self.findings_view.selectionModel().selectedIndexes():
            self.ignores.unignore(index.data(Qt.ItemDataRole.UserRole))
        self._load_findings()
        self.changed.emit()

    def _restore_rules(self) -> None:
        for index in self.rules_view.selectionModel().selectedIndexes():
            self.ignores.enable_rule(index.data(Qt.ItemDataRole.UserRole))
        self._load_rules()
        self.changed.emit()


def _right(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    return row
