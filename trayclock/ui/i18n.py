"""Translations: where they live (resources/translations, or in the bundle) and loading them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from trayclock.resources import resources_dir

__all__ = ["install_translations", "resources_dir", "translations_dir"]


def translations_dir() -> Path:
    return resources_dir() / "translations"


ENGLISH_PLURALS = "trayclock_en"  # the source strings' own plural forms ("1 session")


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Qt's own strings and ours for `locale` (default: the system's); English when missing.

    The English catalogue goes in first, whatever the locale: it holds only the plural
    forms of the (English) source strings, so "%n session(s)" reads "1 session" in English
    and wherever a translation lacks a string. Translators installed later are asked first.
    """
    locale = locale or QLocale.system()
    installed = []
    ours = str(translations_dir())
    english = QTranslator(app)
    if english.load(ENGLISH_PLURALS, ours):
        app.installTranslator(english)
        installed.append(english)
    for name, folder in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("trayclock", ours),
    ):
        if locale.language() in (QLocale.Language.English, QLocale.Language.C):
            break  # the source strings are English: nothing more to load
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
