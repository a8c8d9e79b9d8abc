"""Partner mappings: (remote app, partner ID) → customer, with the partner's last seen name."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from trayclock.domain.entry import PartnerMapping
from trayclock.store.db import decode_time, encode_time, transaction


def _from_row(row: sqlite3.Row) -> PartnerMapping:
    return PartnerMapping(
        app=row["app"],
        partner_id=row["partner_id"],
        customer_id=int(row["customer_id"]),
        partner_name=row["partner_name"],
        updated_at=decode_time(row["updated_at"]),
    )


def lookup(conn: sqlite3.Connection, app: str, partner_id: str) -> PartnerMapping | None:
    row = conn.execute(
        "SELECT * FROM partner_mappings WHERE app = ? AND partner_id = ?", (app, partner_id)
    ).fetchone()
    return None if row is None else _from_row(row)


def remember(
    conn: sqlite3.Connection,
    app: str,
    partner_id: str,
    customer_id: int,
    *,
    partner_name: str | None,
    now: datetime,
) -> PartnerMapping:
    """Map the partner to the customer from now on (replacing an earlier mapping)."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO partner_mappings (app, partner_id, customer_id, partner_name, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (app, partner_id) DO UPDATE SET "
            "customer_id = excluded.customer_id, "
            "partner_name = COALESCE(excluded.partner_name, partner_name), "
            "updated_at = excluded.updated_at",
            (app, partner_id, customer_id, partner_name, encode_time(now)),
        )
    found = lookup(conn, app, partner_id)
    assert found is not None
    return found


def note_name(
    conn: sqlite3.Connection, app: str, partner_id: str, partner_name: str, *, now: datetime
) -> None:
    """Keep the partner's last known display name (if the partner is mapped)."""
    with transaction(conn):
        conn.execute(
            "UPDATE partner_mappings SET partner_name = ?, updated_at = ? "
            "WHERE app = ? AND partner_id = ? AND partner_name IS NOT ?",
            (partner_name, encode_time(now), app, partner_id, partner_name),
        )


def forget(conn: sqlite3.Connection, app: str, partner_id: str) -> None:
    with transaction(conn):
        conn.execute(
            "DELETE FROM partner_mappings WHERE app = ? AND partner_id = ?", (app, partner_id)
        )


def list_all(conn: sqlite3.Connection) -> list[PartnerMapping]:
    rows = conn.execute("SELECT * FROM partner_mappings ORDER BY app, partner_id")
    return [_from_row(row) for row in rows]
