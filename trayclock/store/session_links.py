"""Session links: which entry (piece) each detected session `(app, key)` feeds right now.

One row per session key (table `session_links`): this is what makes a replayed or
re-detected session never produce a second entry. A link moves when its entry is carried
on as a new piece (a sleep, a split) or merged into another entry.
"""

from __future__ import annotations

import sqlite3

from trayclock.store.db import transaction


def linked_entry(conn: sqlite3.Connection, app: str, session_key: str) -> str | None:
    """The uuid of the entry (piece) that the detected session currently feeds."""
    row = conn.execute(
        "SELECT entry_uuid FROM session_links WHERE app = ? AND session_key = ?", (app, session_key)
    ).fetchone()
    return None if row is None else str(row[0])


def link(conn: sqlite3.Connection, app: str, session_key: str, uuid: str) -> None:
    """The session feeds `uuid` from now on (replacing the entry it fed before)."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO session_links (app, session_key, entry_uuid) VALUES (?, ?, ?) "
            "ON CONFLICT (app, session_key) DO UPDATE SET entry_uuid = excluded.entry_uuid",
            (app, session_key, uuid),
        )


def move(conn: sqlite3.Connection, from_uuid: str, to_uuid: str) -> None:
    """The sessions that fed `from_uuid` feed `to_uuid` from now on."""
    conn.execute(
        "UPDATE session_links SET entry_uuid = ? WHERE entry_uuid = ?", (to_uuid, from_uuid)
    )
