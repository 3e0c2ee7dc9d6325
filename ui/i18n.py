"""The UI language: Chinese by default, English from the app's .qm; Qt's own dialogs from qtbase_*.qm."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from . import settings
from .paths import TRANSLATIONS

LANGUAGES = ("zh_CN", "en")


def chosen_language() -> str:
    """The 设置 → 语言 override, else the system language (English systems get English, all others Chinese)."""
    override = settings.get(settings.LANGUAGE)
    if override in LANGUAGES:
        return override
    return "en" if QLocale.system().language() == QLocale.Language.English else "zh_CN"


def install(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Load the translators for `language` (default: chosen_language()) into app; return them (keep a reference)."""
    language = language or chosen_language()
    loaded = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{language}", qt_folder)]
    if language != "zh_CN":  # the source strings are Chinese
        candidates.append((f"ui_{language}", str(TRANSLATIONS)))
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    QLocale.setDefault(QLocale("zh_CN" if language == "zh_CN" else "en_US"))
    return loaded


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
