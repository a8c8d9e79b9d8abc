"""Pauses of stored entries: add, remove, accept or reject a suggestion, suggest an idle
stretch, turn a pause into a split, join pieces into one entry with pauses between — each
one audited (field `pause`, old → new, and `reason`: who decided) in one transaction.

Every write goes through `entries.update(..., {"pauses": ...})`, so the rules of
`trayclock.domain.pauses` are checked in one place, a synced entry is marked changed and the
overlap flags follow the worked time. The services (`trayclock.services.pauses`) word who
decided; the tracker suggests idle stretches through `suggest`.

Public API:
    find(conn, pause_id) -> tuple[Entry, EntryPause]
    unanswered(conn, start=None, end=None) -> list[tuple[Entry, EntryPause]]
    sessions_during(conn, start, end) -> list[Entry]
    add(conn, uuid, start, end, *, reason, now, origin=TECH) -> Entry
    suggest(conn, uuid, start, end, *, minimum, reason, now) -> Entry | None
    remove(conn, pause_id, *, reason, now) -> Entry
    answer(conn, pause_id, *, accept, reason, now) -> Entry
    split_at(conn, pause_id, *, reason, now) -> tuple[Entry, Entry]
    join(conn, uuids, *, reason, now) -> Entry
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta

from trayclock.domain.entry import Entry
from trayclock.domain.pauses import (
    EntryPause,
    PauseOrigin,
    PauseState,
    adding,
    leaves_worked_time,
    problems,
    subtract,
)
from trayclock.store import entries, entry_rows, pause_rows
from trayclock.store.db import StoreError, encode_time, transaction
from trayclock.store.time_index import sharing_time


def find(conn: sqlite3.Connection, pause_id: int) -> tuple[Entry, EntryPause]:
    """The pause with this id and its entry (StoreError when there is none)."""
    found = pause_rows.one(conn, pause_id)
    entry = entries.get(conn, found[0]) if found is not None else None
    if found is None or entry is None:
        raise StoreError(f"no pause {pause_id}")
    pause = next(p for p in entry.pauses if p.id == pause_id)
    return entry, pause


def unanswered(
    conn: sqlite3.Connection, start: datetime | None = None, end: datetime | None = None
) -> list[tuple[Entry, EntryPause]]:
    """The suggestions nobody accepted or rejected yet (starting in [start, end); entries
    not discarded), by start: what the tray and the review window ask about."""
    found = pause_rows.suggested(conn, start, end)
    owners = entries.get_many(conn, list(dict.fromkeys(uuid for uuid, _ in found)))
    return [(owners[uuid], pause) for uuid, pause in found if uuid in owners]


def sessions_during(conn: sqlite3.Connection, start: datetime, end: datetime) -> list[Entry]:
    """The entries (not discarded) sharing time with [start, end), by start."""
    table, condition, params = sharing_time(conn, encode_time(start), encode_time(end))
    rows = conn.execute(
        f"SELECT {entry_rows.COLUMN_LIST} FROM {table} WHERE {condition} AND discarded = 0 "
        "ORDER BY start, uuid",
        params,
    )
    return entry_rows.with_pauses(conn, [entry_rows.from_row(row) for row in rows])


def _require(conn: sqlite3.Connection, uuid: str) -> Entry:
    entry = entries.get(conn, uuid)
    if entry is None:
        raise StoreError(f"no entry {uuid}")
    return entry


def add(
    conn: sqlite3.Connection,
    uuid: str,
    start: datetime,
    end: datetime,
    *,
    reason: str,
    now: datetime,
    origin: PauseOrigin = PauseOrigin.TECH,
) -> Entry:
    """A person's pause: accepted at once. Refused (StoreError, saying why) outside the entry,
    in the future, over another accepted pause, or leaving no worked time; a suggestion it
    covers is trimmed away (the person decided)."""
    with transaction(conn):
        entry = _require(conn, uuid)
        pause = EntryPause(start, end, PauseState.ACCEPTED, origin)
        if end > now:
            raise StoreError(f"entry {uuid}: a pause cannot end in the future ({end})")
        found = problems(entry.start, entry.end, [pause])
        if found:
            raise StoreError(f"entry {uuid}: {'; '.join(found)}")
        for other in entry.pauses:
            if other.accepted and other.start < end and start < other.end:
                raise StoreError(
                    f"entry {uuid}: the pause overlaps the pause {pause_rows.describe(other)}"
                )
        return entries.update(
            conn, uuid, {"pauses": adding(entry.pauses, pause)}, reason=reason, now=now
        )


def suggest(
    conn: sqlite3.Connection,
    uuid: str,
    start: datetime,
    end: datetime,
    *,
    minimum: timedelta,
    reason: str,
    now: datetime,
) -> Entry | None:
    """Suggest [start, end] (an idle stretch) as a pause of the entry: the parts of it inside
    the entry that no pause of any state covers yet (a stretch turned down is never asked
    again) and that last at least `minimum`, and only where accepting them would leave
    worked time. The entry as stored after, or None when nothing was left to suggest."""
    with transaction(conn):
        entry = _require(conn, uuid)
        low, high = max(start, entry.start), min(end, entry.end or end)
        pieces = [
            piece
            for piece in subtract((low, high), [(p.start, p.end) for p in entry.pauses])
            if piece[1] - piece[0] >= minimum
        ]
        pauses = entry.pauses
        for piece in pieces:
            suggestion = EntryPause(*piece, PauseState.SUGGESTED, PauseOrigin.IDLE)
            accepted = (*pauses, suggestion.with_state(PauseState.ACCEPTED))
            if leaves_worked_time(entry.start, entry.end, accepted):
                pauses = adding(pauses, suggestion)
        if pauses == entry.pauses:
            return None
        return entries.update(conn, uuid, {"pauses": pauses}, reason=reason, now=now)


def remove(conn: sqlite3.Connection, pause_id: int, *, reason: str, now: datetime) -> Entry:
    """Take the pause away (its time is worked time again)."""
    with transaction(conn):
        entry, pause = find(conn, pause_id)
        kept = tuple(p for p in entry.pauses if p.id != pause.id)
        return entries.update(conn, entry.uuid, {"pauses": kept}, reason=reason, now=now)


def answer(
    conn: sqlite3.Connection, pause_id: int, *, accept: bool, reason: str, now: datetime
) -> Entry:
    """Accept a suggestion (it becomes a real pause: the entry is priced without it) or
    reject it (its time stays worked; it is kept, so it is never suggested again). Accepting
    one that would leave no worked time is refused."""
    with transaction(conn):
        entry, pause = find(conn, pause_id)
        if pause.state is not PauseState.SUGGESTED:
            raise StoreError(f"pause {pause_id} is {pause.state}, not a suggestion")
        state = PauseState.ACCEPTED if accept else PauseState.REJECTED
        changed = tuple(p.with_state(state) if p.id == pause.id else p for p in entry.pauses)
        return entries.update(conn, entry.uuid, {"pauses": changed}, reason=reason, now=now)


def split_at(
    conn: sqlite3.Connection, pause_id: int, *, reason: str, now: datetime
) -> tuple[Entry, Entry]:
    """Turn a pause (or a suggestion) into a split: the entry ends where it began and a new
    entry, with the same details, starts where it ended. Its other pauses go with the half
    they lie in."""
    with transaction(conn):
        entry, pause = find(conn, pause_id)
        if not pause.live:
            raise StoreError(f"pause {pause_id} was rejected: there is nothing to split at")
        if pause.start <= entry.start or (entry.end is not None and pause.end >= entry.end):
            raise StoreError(
                f"pause {pause_id} reaches the entry's start or end: shorten the entry instead"
            )
        first, second = entries.split(conn, entry.uuid, pause.start, now=now, why=reason)
        second = entries.update(
            conn,
            second.uuid,
            {"start": pause.end},
            reason=f"{reason}: the pause {pause_rows.describe(pause)} is the gap between them",
            now=now,
        )
        return first, second


def join(conn: sqlite3.Connection, uuids: Sequence[str], *, reason: str, now: datetime) -> Entry:
    """Join pieces of one call into one entry: the earliest is kept, the time between them
    becomes pauses (`domain.pauses.combined`), the others are discarded (recoverable)."""
    return entries.merge(conn, uuids, now=now, join=True, why=reason)
