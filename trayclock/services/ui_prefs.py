"""The `ui` setting's preferences this layer owns: the language, the end-of-day reminder time
and whether the first-start setup was offered. Other keys of the setting are kept as they are.

`language` is `system` (follow the desktop), `en` or `de`; it is read before the first
window is built (`stored_language`), so a change applies at the next start.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from datetime import datetime, time
from pathlib import Path
from typing import Any

from trayclock.store import settings

log = logging.getLogger(__name__)

LANGUAGE = "language"
SYSTEM_LANGUAGE = "system"
LANGUAGES = (SYSTEM_LANGUAGE, "en", "de")
REMINDER = "review_reminder"  # "HH:MM" local time, or null: no reminder
DEFAULT_REMINDER = time(17, 30)
DEFAULT_REMINDER_TEXT = DEFAULT_REMINDER.strftime("%H:%M")
FIRST_START = "first_start"  # "done" (saved) or "skipped": the setup is never offered again
FIRST_START_DONE = "done"
FIRST_START_SKIPPED = "skipped"


def ui_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    value = settings.get(conn, settings.UI)
    return dict(value) if isinstance(value, dict) else {}


def reminder_time(conn: sqlite3.Connection) -> time | None:
    """When the end-of-day reminder is due (local time), or None: no reminder."""
    value = ui_settings(conn).get(REMINDER, DEFAULT_REMINDER_TEXT)
    return None if value is None else time.fromisoformat(str(value))


def update_ui(conn: sqlite3.Connection, changes: Mapping[str, Any], *, now: datetime) -> None:
    """Set some keys of the `ui` setting, keeping the others."""
    settings.put(conn, settings.UI, {**ui_settings(conn), **changes}, now=now)


def language(value: Mapping[str, Any]) -> str:
    chosen = value.get(LANGUAGE, SYSTEM_LANGUAGE)
    return chosen if chosen in LANGUAGES else SYSTEM_LANGUAGE


def stored_language(database: Path) -> str:
    """The language the store asks for, read without creating or changing anything (the
    translations are installed before the store is opened); `system` when there is none."""
    if not database.is_file():
        return SYSTEM_LANGUAGE
    try:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return language(ui_settings(conn))
        finally:
            conn.close()
    except (sqlite3.Error, ValueError) as error:  # the store itself reports its problems later
        log.warning("could not read the language setting from %s: %s", database, error)
        return SYSTEM_LANGUAGE


def needs_first_start_setup(conn: sqlite3.Connection) -> bool:
    """True on a store nobody has set a policy in and that was never offered the setup.

    A store with a policy (an imported company file, the demo's) never asks.
    """
    return FIRST_START not in ui_settings(conn) and not settings.policy(conn)


def mark_first_start(conn: sqlite3.Connection, outcome: str, *, now: datetime) -> None:
    """The setup was saved (`done`) or skipped: it is not offered again."""
    if outcome not in (FIRST_START_DONE, FIRST_START_SKIPPED):
        raise ValueError(f"first start outcome must be done or skipped, not {outcome!r}")
    update_ui(conn, {FIRST_START: outcome}, now=now)
