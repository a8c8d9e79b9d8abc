"""The language the UI speaks: the desktop's when the setting says `system`, else the chosen one.

Each case starts a fresh process with the desktop's locale variables set as a login session
sets them (LANG, LC_MESSAGES, LANGUAGE; LC_ALL unset) and the store's `ui` language set as
the settings window saves it, then does what `trayclock` does before its first window
(`stored_language`, then `install_language`) and reports what the UI says and how it writes
numbers and dates.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trayclock.services import ui_prefs
from trayclock.store import db
from trayclock.store import settings as settings_repo

ROOT = Path(__file__).resolve().parents[2]
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "LANG", "LANGUAGE")
CHILD = """
import json, sys
from datetime import date
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QLocale
from trayclock.services.ui_prefs import stored_language
from trayclock.ui.formats import day_text, money_text
from trayclock.ui.i18n import install_language

app = QCoreApplication(sys.argv[:1])
install_language(app, stored_language(Path(sys.argv[1])))
print(json.dumps({
    "locale": QLocale().name(),
    "menu": QCoreApplication.translate("TrayMenu", "Review day…"),
    "day": day_text(date(2026, 11, 23)),
    "money": money_text("1234.50", "EUR"),
}))
"""
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def speaks(tmp_path: Path, choice: str | None, **desktop: str) -> dict[str, str]:
    database = tmp_path / "store.sqlite3"
    if choice is not None:
        conn = db.connect(database)
        ui_prefs.update_ui(conn, {ui_prefs.LANGUAGE: choice}, now=NOW)
        assert settings_repo.get(conn, settings_repo.UI)[ui_prefs.LANGUAGE] == choice
        conn.close()
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env |= {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **desktop}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(database)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    said: dict[str, str] = json.loads(done.stdout.strip().splitlines()[-1])
    return said


GERMAN_MENU, ENGLISH_MENU = "Tag prüfen…", "Review day…"


@pytest.mark.parametrize(
    ("desktop", "locale"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de_DE"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_AT.UTF-8"}, "de_AT"),  # messages decide
        ({"LANG": "en_GB.UTF-8", "LANGUAGE": "de"}, "de_DE"),  # the desktop's language list
    ],
)
def test_system_follows_a_german_desktop(
    tmp_path: Path, desktop: dict[str, str], locale: str
) -> None:
    said = speaks(tmp_path, "system", **desktop)
    assert said["menu"] == GERMAN_MENU
    assert said["locale"] == locale
    assert said["day"] == "Montag, 23. November 2026"


@pytest.mark.parametrize("desktop", [{"LANG": "en_US.UTF-8"}, {"LANG": "C.UTF-8"}])
def test_system_follows_an_english_desktop(tmp_path: Path, desktop: dict[str, str]) -> None:
    said = speaks(tmp_path, "system", **desktop)
    assert said["menu"] == ENGLISH_MENU
    assert said["day"] == "Monday 23 November 2026"


def test_a_store_without_a_choice_follows_the_desktop(tmp_path: Path) -> None:
    assert speaks(tmp_path, None, LANG="de_DE.UTF-8")["menu"] == GERMAN_MENU
    assert speaks(tmp_path, None, LANG="en_US.UTF-8")["menu"] == ENGLISH_MENU


def test_german_chosen_overrides_an_english_desktop(tmp_path: Path) -> None:
    said = speaks(tmp_path, "de", LANG="en_US.UTF-8", LANGUAGE="en")
    assert said["menu"] == GERMAN_MENU
    assert said["locale"] == "de_DE"
    assert said["money"] == "1.234,50 EUR" and said["day"] == "Montag, 23. November 2026"


def test_english_chosen_overrides_a_german_desktop(tmp_path: Path) -> None:
    said = speaks(tmp_path, "en", LANG="de_DE.UTF-8", LANGUAGE="de")
    assert said["menu"] == ENGLISH_MENU
    assert said["day"] == "Monday 23 November 2026"
    # English words, numbers as written in Germany (the desktop's country)
    assert said["locale"] == "en_DE" and said["money"] == "1.234,50 EUR"


def test_english_chosen_on_an_american_desktop(tmp_path: Path) -> None:
    said = speaks(tmp_path, "en", LANG="en_US.UTF-8")
    assert said["menu"] == ENGLISH_MENU and said["money"] == "1,234.50 EUR"


def test_german_chosen_on_a_swiss_desktop_writes_numbers_the_swiss_way(tmp_path: Path) -> None:
    said = speaks(tmp_path, "de", LANG="de_CH.UTF-8")
    assert said["menu"] == GERMAN_MENU
    assert said["locale"] == "de_CH" and said["money"] == "1'234.50 EUR"


def test_system_words_and_dates_in_one_language(tmp_path: Path) -> None:
    # German messages with an English LC_TIME: the day's name is German too, not "Monday,
    # 23. November" (the words decide the locale, not each category on its own).
    said = speaks(tmp_path, "system", LANG="en_US.UTF-8", LC_MESSAGES="de_DE.UTF-8")
    assert said["day"] == "Montag, 23. November 2026" and said["money"] == "1.234,50 EUR"
