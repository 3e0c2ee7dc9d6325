"""Every persistent setting, declared once with its type and default; stored in an INI-format QSettings."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

ORGANIZATION = "gov-report-checker"
APPLICATION = "gov-report-checker"
RECENT_LIMIT = 10


@dataclass(frozen=True)
class Setting:
    """One key of the settings file: its type (bytes, str, int, list of str, JSON) and default."""

    key: str
    kind: type | str
    default: Any


GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())
SPLITTER = Setting("window/splitter", QByteArray, QByteArray())
RECENT_FILES = Setting("files/recent", list, [])
LAST_FOLDER = Setting("files/last_folder", str, "")
LANGUAGE = Setting("ui/language", str, "")  # "" follows the system; "zh_CN" or "en" overrides it
ZOOM = Setting("view/zoom", int, 0)  # steps of Ctrl+/− from the default size
# [{"file": absolute path, "key": Finding.key, "rule": id, "message": text}, …]: 忽略 for one document
IGNORED_FINDINGS = Setting("ignore/findings", "json", [])
DISABLED_RULES = Setting("ignore/rules", list, [])  # rule ids turned off by 不再提示此类问题


def store() -> QSettings:
    """The user's settings file (tests redirect it with QSettings.setPath)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def get(setting: Setting) -> Any:
    """The stored value of a setting, or its default when absent or unreadable."""
    raw = store().value(setting.key)
    if raw is None:
        return _copy(setting.default)
    try:
        if setting.kind == "json":
            return json.loads(raw)
        if setting.kind is list:
            return [str(v) for v in raw] if isinstance(raw, list) else ([str(raw)] if raw != "" else [])
        if setting.kind is QByteArray:
            return raw if isinstance(raw, QByteArray) else QByteArray(raw)
        return setting.kind(raw)
    except (TypeError, ValueError):
        return _copy(setting.default)


def put(setting: Setting, value: Any) -> None:
    """Store a setting's value (JSON settings as a JSON string)."""
    qs = store()
    qs.setValue(setting.key, json.dumps(value, ensure_ascii=False) if setting.kind == "json" else value)
    qs.sync()


def add_recent(path: str) -> list[str]:
    """Put a file at the top of 最近打开 and return the new list."""
    files = [path] + [p for p in get(RECENT_FILES) if p != path]
    put(RECENT_FILES, files[:RECENT_LIMIT])
    return files[:RECENT_LIMIT]


def restore_layout(window: QMainWindow, splitter: QSplitter) -> None:
    """The window's size and place, its bars and the splitter's divider as they were left."""
    for setting, restore in ((GEOMETRY, window.restoreGeometry), (WINDOW_STATE, window.restoreState),
                             (SPLITTER, splitter.restoreState)):
        saved = get(setting)
        if not saved.isEmpty():
            restore(saved)


def save_layout(window: QMainWindow, splitter: QSplitter) -> None:
    put(GEOMETRY, window.saveGeometry())
    put(WINDOW_STATE, window.saveState())
    put(SPLITTER, splitter.saveState())


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value
