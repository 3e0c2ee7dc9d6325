"""Chinese by default; English from the project's .qm, following the system language or the menu override."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from ui import i18n, settings
from ui.paths import TRANSLATIONS


def test_english_translation_loads_and_translates_the_window(qtbot, qapp, translations):
    assert any(qm.name == "ui_en.qm" for qm in translations)
    installed = i18n.install(qapp, "en")
    try:
        assert QCoreApplication.translate("actions", "打开…") == "Open…"
        assert QCoreApplication.translate("menus", "文件(&F)") == "&File"
        from ui.main_window import MainWindow
        from ui.tasks import SyncTaskRunner
        window = MainWindow(runner=SyncTaskRunner())
        qtbot.addWidget(window)
        assert window.drop_zone.target.text() == "Drop an annual report here (a .docx / .xlsx draft, or a published web page / PDF)"
        assert [a.text() for a in window.menuBar().actions()] == ["&File", "&View", "&Settings", "&Help"]
    finally:
        i18n.remove(qapp, installed)
        QLocale.setDefault(QLocale("zh_CN"))
    assert QCoreApplication.translate("actions", "打开…") == "打开…"


def test_the_committed_qm_is_built_from_the_committed_ts(translations):
    """The window loads resources/translations/*.qm: it must be what lrelease makes of the .ts today."""
    for built in translations:
        committed = TRANSLATIONS / built.name
        assert committed.read_bytes() == built.read_bytes(), f"run python scripts/build_translations.py ({built.name})"


def test_chinese_loads_qts_own_chinese_dialog_texts(qapp):
    installed = i18n.install(qapp, "zh_CN")
    try:
        assert installed, "qtbase_zh_CN.qm not found"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        i18n.remove(qapp, installed)


def test_menu_override_wins_over_the_system_language():
    settings.put(settings.LANGUAGE, "en")
    assert i18n.chosen_language() == "en"
    settings.put(settings.LANGUAGE, "zh_CN")
    assert i18n.chosen_language() == "zh_CN"
    settings.put(settings.LANGUAGE, "")
    expected = "en" if QLocale.system().language() == QLocale.Language.English else "zh_CN"
    assert i18n.chosen_language() == expected
