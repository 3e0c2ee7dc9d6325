"""One registry of the window's actions, shortcuts and menus; the menu bar is built from it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

Key = QKeySequence.StandardKey


class Need(Enum):
    """What an action needs to be enabled."""

    FILE = "file"  # any file is open
    RESULT = "result"  # a readable report is open
    DRAFT = "draft"  # …a Word/Excel draft (a copy can be saved of it)


@dataclass(frozen=True)
class ActionSpec:
    """An action: its Chinese text (translated when built), shortcuts, and what it needs to be enabled."""

    text: str
    shortcuts: tuple = ()
    needs: Need | None = None
    group: str | None = None  # exclusive checkable group (the language choice)


ACTIONS: dict[str, ActionSpec] = {
    "open": ActionSpec(QT_TRANSLATE_NOOP("actions", "打开…"), (Key.Open,)),
    "open_folder": ActionSpec(QT_TRANSLATE_NOOP("actions", "打开文件夹…"), ("Ctrl+Shift+O",)),
    "open_sample": ActionSpec(QT_TRANSLATE_NOOP("actions", "打开示例")),
    "recheck": ActionSpec(QT_TRANSLATE_NOOP("actions", "重新检查"), (Key.Refresh, "F5"), needs=Need.FILE),
    "compare_previous": ActionSpec(QT_TRANSLATE_NOOP("actions", "对照上年报告…"), needs=Need.RESULT),
    "save_corrected": ActionSpec(QT_TRANSLATE_NOOP("actions", "保存修正版…"), (Key.Save,), needs=Need.DRAFT),
    "save_annotated": ActionSpec(QT_TRANSLATE_NOOP("actions", "保存批注版…"), ("Ctrl+Shift+S",), needs=Need.DRAFT),
    "print": ActionSpec(QT_TRANSLATE_NOOP("actions", "打印检查报告…"), (Key.Print,), needs=Need.RESULT),
    "export_pdf": ActionSpec(QT_TRANSLATE_NOOP("actions", "PDF…"), needs=Need.RESULT),
    "export_html": ActionSpec(QT_TRANSLATE_NOOP("actions", "HTML…"), needs=Need.RESULT),
    "export_xlsx": ActionSpec(QT_TRANSLATE_NOOP("actions", "Excel…"), needs=Need.RESULT),
    "quit": ActionSpec(QT_TRANSLATE_NOOP("actions", "退出"), (Key.Quit, "Ctrl+Q")),
    "zoom_in": ActionSpec(QT_TRANSLATE_NOOP("actions", "放大"), (Key.ZoomIn, "Ctrl+=")),
    "zoom_out": ActionSpec(QT_TRANSLATE_NOOP("actions", "缩小"), (Key.ZoomOut,)),
    "zoom_reset": ActionSpec(QT_TRANSLATE_NOOP("actions", "原始大小"), ("Ctrl+0",)),
    "ignores": ActionSpec(QT_TRANSLATE_NOOP("actions", "已忽略的问题和规则…")),
    "lang_system": ActionSpec(QT_TRANSLATE_NOOP("actions", "跟随系统"), group="language"),
    "lang_zh_CN": ActionSpec(QT_TRANSLATE_NOOP("actions", "中文"), group="language"),
    "lang_en": ActionSpec(QT_TRANSLATE_NOOP("actions", "English"), group="language"),
    "rules": ActionSpec(QT_TRANSLATE_NOOP("actions", "检查规则说明")),
    "about": ActionSpec(QT_TRANSLATE_NOOP("actions", "关于")),
}

MENU_TITLES = {
    "file": QT_TRANSLATE_NOOP("menus", "文件(&F)"),
    "recent": QT_TRANSLATE_NOOP("menus", "最近打开"),
    "export": QT_TRANSLATE_NOOP("menus", "导出检查报告"),
    "view": QT_TRANSLATE_NOOP("menus", "视图(&V)"),
    "settings": QT_TRANSLATE_NOOP("menus", "设置(&S)"),
    "language": QT_TRANSLATE_NOOP("menus", "语言"),
    "help": QT_TRANSLATE_NOOP("menus", "帮助(&H)"),
}
# Each menu's entries in order: an action name, "-" a separator, "@name" a submenu.
LAYOUT = {
    "file": ["open", "open_folder", "open_sample", "@recent", "-", "recheck", "compare_previous", "-", "save_corrected", "save_annotated", "-",
             "print", "@export", "-", "quit"],
    "export": ["export_pdf", "export_html", "export_xlsx"],
    "view": ["zoom_in", "zoom_out", "zoom_reset"],
    "settings": ["ignores", "@language"],
    "language": ["lang_system", "lang_zh_CN", "lang_en"],
    "help": ["rules", "about"],
}
MENU_BAR = ("file", "view", "settings", "help")


def create_actions(parent: QObject, handlers: dict[str, Callable[[], None]]) -> dict[str, QAction]:
    """One QAction per registry entry, triggering handlers[name]; every entry must have a handler."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for name, spec in ACTIONS.items():
        action = QAction(QCoreApplication.translate("actions", spec.text), parent)
        action.setObjectName(name)
        action.setShortcuts(_shortcuts(spec.shortcuts))
        if spec.group:
            action.setCheckable(True)
            groups.setdefault(spec.group, QActionGroup(parent)).addAction(action)
        action.triggered.connect(lambda _checked=False, fn=handlers[name]: fn())
        actions[name] = action
    return actions


def _shortcuts(specs: tuple) -> list[QKeySequence]:
    """The key sequences of standard keys and strings, each once (a standard key may be empty or equal a string)."""
    out: list[QKeySequence] = []
    for spec in specs:
        for seq in QKeySequence.keyBindings(spec) if isinstance(spec, Key) else [QKeySequence(spec)]:
            if not seq.isEmpty() and all(seq != s for s in out):
                out.append(seq)
    return out


def build_menus(bar: QMenuBar, actions: dict[str, QAction]) -> dict[str, QMenu]:
    """Fill the menu bar from LAYOUT; returns every menu by name (最近打开 is filled by the window)."""
    menus: dict[str, QMenu] = {}

    def fill(name: str, menu: QMenu) -> None:
        menus[name] = menu
        for entry in LAYOUT.get(name, []):
            if entry == "-":
                menu.addSeparator()
            elif entry.startswith("@"):
                fill(entry[1:], menu.addMenu(QCoreApplication.translate("menus", MENU_TITLES[entry[1:]])))
            else:
                menu.addAction(actions[entry])

    for name in MENU_BAR:
        fill(name, bar.addMenu(QCoreApplication.translate("menus", MENU_TITLES[name])))
    return menus


def enable_for(actions: dict[str, QAction], has_file: bool, has_result: bool, has_draft: bool = False) -> None:
    """Enable each action whose need is met."""
    met = {Need.FILE: has_file, Need.RESULT: has_result, Need.DRAFT: has_draft}
    for name, spec in ACTIONS.items():
        if spec.needs in met:
            actions[name].setEnabled(met[spec.needs])
