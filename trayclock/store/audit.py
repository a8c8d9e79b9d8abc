"""The audit trail: every change to an entry (field, old → new, when, why), append only."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from trayclock.store.db import decode_time, encode_time

CREATED_FIELD = "*created"


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One change to one field of one entry; `old`/`new` are text as stored (None = empty)."""

    entry_uuid: str
    at: datetime
    field: str
    old: str | None
    new: str | None
    reason: str


def as_text(value: object) -> str | None:
    """How a field value is written in the trail: stable, readable text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return encode_time(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def record(
    conn: sqlite3.Connection,
    entry_uuid: str,
    field: str,
    old: object,
    new: object,
    *,
    reason: str,
    at: datetime,
) -> None:
    """Append one change. Call inside the transaction that makes the change."""
    conn.execute(
        "INSERT INTO audit (entry_uuid, at, field, old, new, reason) VALUES (?, ?, ?, ?, ?, ?)",
        (entry_uuid, encode_time(at), field, as_text(old), as_text(new), reason),
    )


def record_many(
    conn: sqlite3.Connection, rows: list[tuple[str, str, object, object, str]], *, at: datetime
) -> None:
    """Append (entry_uuid, field, old, new, reason) rows at once (imports)."""
    stamp = encode_time(at)
    conn.executemany(
        "INSERT INTO audit (entry_uuid, at, field, old, new, reason) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (uuid, stamp, field, as_text(old), as_text(new), why)
            for uuid, field, old, new, why in rows
        ],
    )


def history(conn: sqlite3.Connection, entry_uuid: str) -> list[AuditRecord]:
    """The entry's changes, oldest first."""
    rows = conn.execute(
        "SELECT entry_uuid, at, field, old, new, reason FROM audit "
        "WHERE entry_uuid = ? ORDER BY id",
        (entry_uuid,),
    ).fetchall()
    return [
        AuditRecord(row[0], decode_time(row[1]), row[2], row[3], row[4], row[5]) for row in rows
    ]


def latest_reasons(
    conn: sqlite3.Connection, entry_uuids: Sequence[str], field: str
) -> dict[str, str]:
    """For each entry whose `field` ever changed: the reason of its latest change."""
    marks = ", ".join("?" for _ in entry_uuids)
    rows = conn.execute(
        f"SELECT entry_uuid, reason FROM audit WHERE entry_uuid IN ({marks}) AND field = ? "
        "ORDER BY id",
        (*entry_uuids, field),
    )
    return {str(uuid): str(reason) for uuid, reason in rows}
