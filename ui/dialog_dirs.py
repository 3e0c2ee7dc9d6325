"""The open dialogs (files, folder) and where every file dialog starts: beside the draft or batch shown."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from . import settings
from .paths import RESOURCES


def documents() -> str:
    """The user's Documents folder (the home folder when there is none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and os.path.isdir(folder) else str(Path.home())


def bundled(path: str) -> bool:
    """A file of the app's own resources (the sample; in the packaged app a folder deleted at exit)."""
    try:
        return Path(path).resolve().is_relative_to(RESOURCES.resolve())
    except OSError:
        return False


def start_folder(draft: str | None = None, batch_folder: str | None = None) -> str:
    """Where a dialog starts: the shown draft's folder, else the batch's, else the last folder chosen, else
    Documents (never the app's own sample folder)."""
    if draft and not bundled(draft) and os.path.isdir(os.path.dirname(draft)):
        return os.path.dirname(draft)
    if batch_folder and os.path.isdir(batch_folder):
        return batch_folder
    last = settings.get(settings.LAST_FOLDER)
    return last if last and os.path.isdir(last) and not bundled(last) else documents()


def copy_target(default: str) -> str:
    """A copy's default path: beside its draft, or in Documents when the draft is the bundled sample."""
    return str(Path(documents()) / Path(default).name) if bundled(default) else default


def ask_drafts(parent, start: str) -> list[str]:
    """打开…: one or several drafts (several are checked as a batch)."""
    title = QCoreApplication.translate("MainWindow", "打开年度报告草稿")
    kinds = QCoreApplication.translate("MainWindow", "年度报告 (*.docx *.xlsx *.docm *.xlsm *.html *.htm *.mhtml *.mht *.pdf);;所有文件 (*)")
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start, kinds)
    if paths:
        settings.put(settings.LAST_FOLDER, os.path.dirname(paths[0]))
    return paths


def ask_folder(parent, start: str) -> str:
    """打开文件夹…: a folder of drafts for the batch."""
    folder = QFileDialog.getExistingDirectory(parent, QCoreApplication.translate("MainWindow", "打开草稿所在的文件夹"),
                                              start)
    if folder:
        settings.put(settings.LAST_FOLDER, folder)
    return folder
