"""Where the window's resources are: the repository's resources/ folder, or the packaged copy of it."""
from __future__ import annotations

import sys
from pathlib import Path

RESOURCES = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent)) / "resources"
SAMPLE_DOCX = RESOURCES / "samples" / "示例_2024年政府信息公开工作年度报告.docx"
TRANSLATIONS = RESOURCES / "translations"
ICON_PNG = RESOURCES / "icon.png"
ICON_ICO = RESOURCES / "icon.ico"
