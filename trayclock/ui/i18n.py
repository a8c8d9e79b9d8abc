"""Translations: where they live (resources/translations, or in the bundle) and loading them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from trayclock.resources import resources_dir

__all__ = ["install_translations", "resources_dir", "translations_dir"]


def translations_dir() -> Path:
    return resources_dir() / "translations"


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Qt's own strings and ours for `locale` (default: the system's); English when missing."""
    locale = locale or QLocale.system()
    installed = []
    for name, folder in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("trayclock", str(translations_dir())),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
