"""How an entry's pauses are stored: the `pauses` table (one row per pause, migration 3's),
read with the entries that own them and written as the difference between two versions of
an entry's pauses, each change audited (field `pause`) in the caller's transaction.

The entries module reads and writes through here; the audited public API for people and the
tracker is `trayclock.store.pauses` (and `entries.update(..., {"pauses": ...})`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from trayclock.domain.entry import Entry
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState, normalised, problems
from trayclock.store import audit
from trayclock.store.db import StoreError, decode_time, encode_time

PAUSE_FIELD = "pause"  # the audit trail's field for every pause added, changed or removed
_CHUNK = 500  # host parameters per query, far below SQLite's limit
_STATES = {str(s): s for s in PauseState}
_ORIGINS = {str(o): o for o in PauseOrigin}
_COLUMNS = 'id, entry_uuid, start, "end", state, origin'


def describe(pause: EntryPause) -> str:
    """A pause as the audit trail writes it: `<start> → <end> <state> (<origin>)`."""
    return f"{encode_time(pause.start)} → {encode_time(pause.end)} {pause.state} ({pause.origin})"


def _from_row(row: Sequence[object]) -> tuple[str, EntryPause]:
    pause_id, uuid, start, end, state, origin = row
    return str(uuid), EntryPause(
        decode_time(str(start)),
        decode_time(str(end)),
        _STATES[str(state)],
        _ORIGINS[str(origin)],
        int(pause_id),  # type: ignore[call-overload]
    )


def any_stored(conn: sqlite3.Connection) -> bool:
    """Whether any entry has a pause (most stores have none: reads skip the look-up)."""
    return conn.execute("SELECT 1 FROM pauses LIMIT 1").fetchone() is not None


def newest_id(conn: sqlite3.Connection) -> int:
    """The id of the pause stored last (0: none yet): a cheap look whether one was added."""
    row = conn.execute("SELECT max(id) FROM pauses").fetchone()
    return int(row[0] or 0)


def of_entries(conn: sqlite3.Connection, uuids: Sequence[str]) -> dict[str, list[EntryPause]]:
    """The stored pauses of these entries, by entry (entries without any are left out)."""
    found: dict[str, list[EntryPause]] = {}
    for offset in range(0, len(uuids), _CHUNK):
        part = list(uuids[offset : offset + _CHUNK])
        marks = ", ".join("?" for _ in part)
        rows = conn.execute(f"SELECT {_COLUMNS} FROM pauses WHERE entry_uuid IN ({marks})", part)
        for row in rows:
            uuid, pause = _from_row(row)
            found.setdefault(uuid, []).append(pause)
    return found


def attach(conn: sqlite3.Connection, found: list[Entry]) -> list[Entry]:
    """The entries with their stored pauses."""
    if not found or not any_stored(conn):
        return found
    by_entry = of_entries(conn, list(dict.fromkeys(e.uuid for e in found)))
    if not by_entry:
        return found
    return [
        e if e.uuid not in by_entry else e.with_changes(pauses=normalised(by_entry[e.uuid]))
        for e in found
    ]


def one(conn: sqlite3.Connection, pause_id: int) -> tuple[str, EntryPause] | None:
    """The stored pause with this id and its entry's uuid, or None."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM pauses WHERE id = ?", (pause_id,)).fetchone()
    return None if row is None else _from_row(row)


def suggested(
    conn: sqlite3.Connection, start: datetime | None = None, end: datetime | None = None
) -> list[tuple[str, EntryPause]]:
    """The unanswered suggestions (of entries not discarded) starting in [start, end), by start."""
    low = encode_time(start) if start is not None else ""
    high = encode_time(end) if end is not None else "~"  # sorts after every stored time
    rows = conn.execute(
        f"SELECT {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} "
        "FROM pauses p JOIN entries e ON e.uuid = p.entry_uuid "
        "WHERE p.state = 'suggested' AND p.start >= ? AND p.start < ? AND e.discarded = 0 "
        "ORDER BY p.start, p.id",
        (low, high),
    )
    return [_from_row(row) for row in rows]


def accepted_text_spans(
    conn: sqlite3.Connection, uuids: Sequence[str]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """The accepted pauses of these entries as stored time text, sorted (for the overlap
    refresh, which compares stored text, never decoded times)."""
    if not uuids or not any_stored(conn):
        return {}
    found: dict[str, list[tuple[str, str]]] = {}
    for offset in range(0, len(uuids), _CHUNK):
        part = list(uuids[offset : offset + _CHUNK])
        marks = ", ".join("?" for _ in part)
        rows = conn.execute(
            f"SELECT entry_uuid, start, \"end\" FROM pauses WHERE state = 'accepted' "
            f"AND entry_uuid IN ({marks})",
            part,
        )
        for uuid, start, end in rows:
            found.setdefault(str(uuid), []).append((str(start), str(end)))
    return {uuid: tuple(sorted(spans)) for uuid, spans in found.items()}


def check(entry: Entry) -> None:
    """Refuse pauses that break the rules of `trayclock.domain.pauses` (StoreError)."""
    found = problems(entry.start, entry.end, entry.pauses)
    if found:
        raise StoreError(f"entry {entry.uuid}: {'; '.join(found)}")


def _insert_rows(
    conn: sqlite3.Connection, uuid: str, pauses: Sequence[EntryPause], stamp: str
) -> None:
    conn.executemany(
        'INSERT INTO pauses (entry_uuid, start, "end", state, origin, created_at, updated_at) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                uuid,
                encode_time(p.start),
                encode_time(p.end),
                str(p.state),
                str(p.origin),
                stamp,
                stamp,
            )
            for p in pauses
        ],
    )


def insert(
    conn: sqlite3.Connection, entries: Sequence[Entry], *, reason: str, now: datetime
) -> None:
    """Write the pauses of new entries (one audit line each)."""
    stamp = encode_time(now)
    lines: list[tuple[str, str, object, object, str]] = []
    for entry in entries:
        if entry.pauses:
            _insert_rows(conn, entry.uuid, entry.pauses, stamp)
            lines += [(entry.uuid, PAUSE_FIELD, None, describe(p), reason) for p in entry.pauses]
    if lines:
        audit.record_many(conn, lines, at=now)


def write(
    conn: sqlite3.Connection,
    uuid: str,
    before: Sequence[EntryPause],
    after: Sequence[EntryPause],
    *,
    reason: str,
    now: datetime,
) -> None:
    """Store `after` as the entry's pauses where it had `before` (as stored, with their ids).

    Pauses are compared by value: the ones in both stay as they are. A removed and an added
    pause of the same origin that share time are one pause changed (trimmed, accepted,
    rejected): its row is updated. The rest are deleted or inserted. Each change is one
    audit line, old → new, with `reason` (who decided).
    """
    removed = list(before)
    added: list[EntryPause] = []
    for pause in after:
        if pause in removed:
            removed.remove(pause)  # equal by value: the stored row stays
        else:
            added.append(pause)
    stamp = encode_time(now)
    for pause in list(added):
        match = next(
            (
                old
                for old in removed
                if old.origin is pause.origin and old.start < pause.end and pause.start < old.end
            ),
            None,
        )
        if match is None or match.id is None:
            continue
        removed.remove(match)
        added.remove(pause)
        conn.execute(
            'UPDATE pauses SET start = ?, "end" = ?, state = ?, updated_at = ? WHERE id = ?',
            (encode_time(pause.start), encode_time(pause.end), str(pause.state), stamp, match.id),
        )
        audit.record(
            conn, uuid, PAUSE_FIELD, describe(match), describe(pause), reason=reason, at=now
        )
    for pause in removed:
        if pause.id is None:
            raise StoreError(f"entry {uuid}: pause {describe(pause)} is not a stored one")
        conn.execute("DELETE FROM pauses WHERE id = ?", (pause.id,))
        audit.record(conn, uuid, PAUSE_FIELD, describe(pause), None, reason=reason, at=now)
    _insert_rows(conn, uuid, added, stamp)
    for pause in added:
        audit.record(conn, uuid, PAUSE_FIELD, None, describe(pause), reason=reason, at=now)
