"""How an entry is stored: one column per `Entry` field, named alike. The SELECT and INSERT
statements, the row → Entry mapping and the value encoding are all derived from the one
column table below, so a field is spelled once (in the dataclass). The one field that is no
column, `pauses`, has a table of its own (`pause_rows`): `select` reads them along."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any, NamedTuple

from trayclock.domain.entry import EndReason, Entry, SyncState
from trayclock.store import pause_rows
from trayclock.store.db import decode_time, encode_time


class _Column(NamedTuple):
    """How one Entry field is stored: its value → the column's (`to_db`) and back."""

    name: str
    to_db: Callable[[Any], Any]
    from_db: Callable[[Any], Any] | None  # None: stored as it is


def _time_to_db(value: datetime | None) -> str | None:
    return None if value is None else encode_time(value)


def _text_to_db(value: object) -> str | None:
    return None if value is None else str(value)


def _flag_to_db(value: object) -> int:
    return int(bool(value))


def _same(value: object) -> object:
    return value


_END_REASONS = {str(reason): reason for reason in EndReason}
_SYNC_STATES = {str(state): state for state in SyncState}
_TIME = (_time_to_db, decode_time)
_FLAG = (_flag_to_db, bool)
_STORED_AS = {
    "start": _TIME,
    "end": _TIME,
    "heartbeat": _TIME,
    "end_reason": (_text_to_db, _END_REASONS.__getitem__),
    "sync_state": (_text_to_db, _SYNC_STATES.__getitem__),
    **dict.fromkeys(("billable", "approved", "reviewed", "attempt", "overlap", "discarded"), _FLAG),
}
PAUSES = "pauses"  # the field stored in a table of its own (it must stay the last field)
assert dataclasses.fields(Entry)[-1].name == PAUSES, "from_row builds an Entry by position"
_COLUMNS = tuple(
    _Column(f.name, *_STORED_AS.get(f.name, (_same, None)))
    for f in dataclasses.fields(Entry)
    if f.name != PAUSES
)
TO_DB = {c.name: c.to_db for c in _COLUMNS}  # field → how its value is stored
CHANGEABLE = frozenset(TO_DB) - {"uuid"} | {PAUSES}
_DECODED = tuple((i, c.from_db) for i, c in enumerate(_COLUMNS) if c.from_db is not None)
_ENCODED = tuple((i, c.to_db) for i, c in enumerate(_COLUMNS) if c.to_db is not _same)
_VALUES = attrgetter(*(c.name for c in _COLUMNS))
COLUMN_LIST = ", ".join(f'"{c.name}"' for c in _COLUMNS)
SELECT = f"SELECT {COLUMN_LIST} FROM entries"
INSERT = (
    f"INSERT INTO entries ({COLUMN_LIST}, created_at, updated_at) "
    f"VALUES ({', '.join('?' for _ in range(len(_COLUMNS) + 2))})"
)


def from_row(row: Sequence[Any]) -> Entry:
    """The entry of one row, without its pauses (`select` and `with_pauses` add them)."""
    values = list(row)
    for index, decode in _DECODED:
        if values[index] is not None:
            values[index] = decode(values[index])
    return Entry(*values)


def insert_values(entry: Entry, stamp: str) -> list[Any]:
    """The INSERT row (built without per-field dispatch: imports write 10,000 at once)."""
    values = list(_VALUES(entry))
    for index, encode in _ENCODED:
        values[index] = encode(values[index])
    values += (stamp, stamp)
    return values


def select(conn: sqlite3.Connection, where: str, params: Sequence[Any] = ()) -> list[Entry]:
    """The entries `SELECT … FROM entries <where>` finds, with their pauses."""
    return with_pauses(conn, [from_row(row) for row in conn.execute(f"{SELECT} {where}", params)])


def with_pauses(conn: sqlite3.Connection, found: list[Entry]) -> list[Entry]:
    """Entries read by `from_row` with their stored pauses."""
    return pause_rows.attach(conn, found)
