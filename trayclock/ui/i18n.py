"""Translations: where they live (resources/translations, or in the bundle), which language the UI
speaks (the desktop's, or the one chosen in the settings), and loading it.

The `ui` setting's language is `system`, `en` or `de` (`trayclock.services.ui_prefs`).
`system` follows the desktop: Qt reads LANGUAGE, LC_ALL, LC_MESSAGES and LANG into
QLocale.system() (on Windows and macOS the user's display language). A chosen language
overrides it. The chosen locale also becomes the default QLocale, so numbers and dates
(`trayclock.ui.formats`, the date pickers) are written in that language too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from trayclock.resources import resources_dir
from trayclock.services.ui_prefs import SYSTEM_LANGUAGE

__all__ = [
    "install_language",
    "install_translations",
    "language_locale",
    "remove_translations",
    "resources_dir",
    "translations_dir",
]


def translations_dir() -> Path:
    return resources_dir() / "translations"


ENGLISH_PLURALS = "trayclock_en"  # the source strings' own plural forms ("1 session")


def language_locale(choice: str, system: QLocale | None = None) -> QLocale:
    """The locale the UI speaks for the `ui` setting's language (`system`, `en`, `de`).

    `system` is the desktop's locale. A chosen language keeps the desktop's country: the
    language decides the words, the country how numbers are written (German in Switzerland
    writes 1'234.50, English in Germany 1.234,50); where Qt knows no such pair, the
    language's main country (German: Germany, English: the United States).
    """
    system = system or QLocale.system()
    if choice == SYSTEM_LANGUAGE:
        return system
    # Built from language and country: the system's own would bring the desktop's list of UI
    # languages along (LANGUAGE), which the choice overrides.
    return QLocale(QLocale(choice).language(), system.territory())


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Qt's own strings and ours for `locale` (default: the system's); English when missing.

    The English catalogue goes in first, whatever the locale: it holds only the plural
    forms of the (English) source strings, so "%n session(s)" reads "1 session" in English
    and wherever a translation lacks a string. Translators installed later are asked first.
    `locale` becomes the default QLocale: numbers and dates are written in its language and
    country. As a plain locale of that language and country, not the desktop's own object:
    that one takes day and month names from LC_TIME, so German words with an English
    LC_TIME would read "Monday, 23. November".
    """
    locale = locale or QLocale.system()
    QLocale.setDefault(QLocale(locale.language(), locale.script(), locale.territory()))
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


def install_language(app: QCoreApplication, choice: str) -> list[QTranslator]:
    """The `ui` setting's language (`system`, `en`, `de`) installed: what the tray starts with."""
    return install_translations(app, language_locale(choice))


def remove_translations(app: QCoreApplication, installed: Iterable[QTranslator]) -> None:
    """Undo `install_translations`: its translators out, the system's locale the default."""
    for translator in installed:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())
