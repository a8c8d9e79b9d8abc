"""Entries: insert, read by day or range, edit, split, merge, discard, approve — each audited.

Every function that changes an entry writes the audit trail in the same transaction, so
the trail and the entry can never disagree. Heartbeats are the one exception: they move
every few seconds and change no billed field (the end, when set, is audited).

Every change that moves an entry's time, customer or billability refreshes the overlap
flags around it (`trayclock.store.overlaps`). Which detected session feeds which entry is
`trayclock.store.session_links`.

An entry's pauses are read and written with it (`trayclock.store.pause_rows`; changed
through `update(..., {"pauses": ...})`, each one audited as field `pause`). A change of its
start or end trims its pauses to the new span (the part outside is time the entry no longer
has: no worked minute changes); one that would leave no worked time is refused.

Why this module is long: it is the entry aggregate's one repository — every read and every
audited write (insert, update, close, split, merge, discard, approve) of an entry — so the
audit trail, the overlap refresh and the pause trimming each happen in exactly one place.

Public API (the tray, review window, tracker and CLI call these):
    get(conn, uuid) -> Entry | None;  get_many(conn, uuids) -> dict[str, Entry]
    running(conn) -> list[Entry]
    in_range(conn, start, end, *, include_discarded=False) -> list[Entry]
    of_day(conn, day, tz, *, include_discarded=False) -> list[Entry]
    last_heartbeat(conn, start, end) -> datetime | None
    latest_ended_of_partner(conn, source, partner_id) -> Entry | None
    pieces_of_session(conn, source, key) / pieces_of_sessions(conn, pairs) -> list[Entry]
    ended_by_overlapping(conn, source, end_reason, start, end) -> list[Entry]
    insert(conn, entry, *, reason, now) -> Entry;  insert_many(conn, entries, *, reason, now)
    update(conn, uuid, changes, *, reason, now) -> Entry   (any stored field; the tracker's)
    edit(conn, uuid, changes, *, reason="edit", now) -> Entry   (a person's: editable fields)
    close(conn, uuid, end, end_reason, *, now, reason=...) -> Entry
    reopen(conn, uuid, *, now, reason) -> Entry
    continue_as_piece(conn, entry, start, *, reason, now, uuid=None) -> Entry
    heartbeat(conn, uuids, at) -> None
    split(conn, uuid, at, *, now, why=None) -> tuple[Entry, Entry]
    merge(conn, uuids, *, now, join=False, why=None) -> Entry
    discard(conn, uuid, *, now) / restore(conn, uuid, *, now) -> Entry
    approve(conn, uuid, *, now, approved=True) -> Entry

Why this module is long: it is the one place entries change, so each change's audit line,
overlap refresh and outbox hook (trayclock.store.outbox) are written beside it.
"""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
from collections.abc import Collection, Iterable, Sequence
from datetime import date as date_
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from trayclock.domain.entry import (
    EDITABLE_FIELDS,
    EndReason,
    Entry,
    SyncState,
    closing,
    fitted,
    merging,
    next_piece,
    reopening,
)
from trayclock.domain.pauses import split_at
from trayclock.store import (
    audit,
    contract_balances,
    entry_rows,
    outbox,
    overlaps,
    pause_rows,
    session_links,
)
from trayclock.store.db import StoreError, decode_time, encode_time, transaction
from trayclock.store.time_index import sharing_time

_CHUNK = 500  # host parameters per query, far below SQLite's limit
# Changing one of these can make or break an overlap with another customer's entry.
_OVERLAP_FIELDS = frozenset(
    {"start", "end", "customer_id", "billable", "discarded", "attempt", entry_rows.PAUSES}
)


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def _require(conn: sqlite3.Connection, uuid: str) -> Entry:
    found = get(conn, uuid)
    if found is None:
        raise StoreError(f"no entry {uuid}")
    return found


def _check_times(entry: Entry) -> None:
    if entry.end is not None and entry.end < entry.start:
        raise StoreError(f"entry {entry.uuid}: end {entry.end} is before start {entry.start}")
    pause_rows.check(entry)


# --- reading ---------------------------------------------------------------------------------


def get(conn: sqlite3.Connection, uuid: str) -> Entry | None:
    found = entry_rows.select(conn, "WHERE uuid = ?", (uuid,))
    return found[0] if found else None


def get_many(conn: sqlite3.Connection, uuids: Sequence[str]) -> dict[str, Entry]:
    """The entries among `uuids` that exist, by uuid."""
    found: dict[str, Entry] = {}
    for offset in range(0, len(uuids), _CHUNK):
        part = list(uuids[offset : offset + _CHUNK])
        marks = ", ".join("?" for _ in part)
        for entry in entry_rows.select(conn, f"WHERE uuid IN ({marks})", part):
            found[entry.uuid] = entry
    return found


def running(conn: sqlite3.Connection) -> list[Entry]:
    """Entries still open (not discarded), oldest first."""
    return entry_rows.select(conn, 'WHERE "end" IS NULL AND discarded = 0 ORDER BY start, uuid')


def last_heartbeat(conn: sqlite3.Connection, start: datetime, end: datetime) -> datetime | None:
    """The newest heartbeat of entries starting in [start, end) (discarded ones too), or None."""
    row = conn.execute(
        "SELECT MAX(heartbeat) FROM entries WHERE start >= ? AND start < ?",
        (encode_time(start), encode_time(end)),
    )
    newest = row.fetchone()[0]
    return None if newest is None else decode_time(newest)


def in_range(
    conn: sqlite3.Connection,
    start: datetime,
    end: datetime,
    *,
    include_discarded: bool = False,
    customer_ids: Collection[int] | None = None,
) -> list[Entry]:
    """Entries that START in [start, end), by start (of these customers only, if given)."""
    hidden = "" if include_discarded else "AND discarded = 0"
    ids = sorted(customer_ids) if customer_ids is not None else None
    # `+customer_id`: no index on it, so the range stays the start index's (the customer
    # index would pass these customers' whole history).
    of = "" if ids is None else f"AND +customer_id IN ({', '.join('?' for _ in ids)})"
    return entry_rows.select(
        conn,
        f"WHERE start >= ? AND start < ? {hidden} {of} ORDER BY start, uuid",
        (encode_time(start), encode_time(end), *(ids or ())),
    )


def of_day(
    conn: sqlite3.Connection, day: date_, tz: tzinfo, *, include_discarded: bool = False
) -> list[Entry]:
    """Entries starting on the local calendar day `day` in zone `tz`."""
    start = datetime.combine(day, time(0), tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tz)
    return in_range(conn, start, end, include_discarded=include_discarded)


def latest_ended_of_partner(conn: sqlite3.Connection, source: str, partner_id: str) -> Entry | None:
    """The (not discarded) entry of this app and partner that ended last (of two ending at
    once, the one recorded first), or None."""
    found = entry_rows.select(
        conn,
        'WHERE source = ? AND partner_id = ? AND discarded = 0 AND "end" IS NOT NULL '
        'ORDER BY "end" DESC, rowid LIMIT 1',
        (source, partner_id),
    )
    return found[0] if found else None


def pieces_of_session(conn: sqlite3.Connection, source: str, session_key: str) -> list[Entry]:
    """Every entry (piece) of one detected session, discarded ones too, in the order they
    were recorded (`pieces_of_sessions`)."""
    return pieces_of_sessions(conn, [(source, session_key)])


def pieces_of_sessions(
    conn: sqlite3.Connection, sessions: Iterable[tuple[str, str]]
) -> list[Entry]:
    """Every entry (piece) of these detected sessions `(source, key)`, discarded ones too,
    in the order they were recorded: each piece after the one it carries on (by start it
    would not be: after the wall clock went back, a continuation starts before it)."""
    pairs = sorted(set(sessions))
    if not pairs:
        return []
    either = " OR ".join("(source = ? AND session_key = ?)" for _ in pairs)
    return entry_rows.select(
        conn, f"WHERE {either} ORDER BY rowid", [part for pair in pairs for part in pair]
    )


def ended_by_overlapping(
    conn: sqlite3.Connection, source: str, end_reason: EndReason, start: datetime, end: datetime
) -> list[Entry]:
    """Entries of `source` closed with `end_reason` (not discarded) sharing time with
    [start, end), by start."""
    table, condition, params = sharing_time(conn, encode_time(start), encode_time(end))
    rows = conn.execute(
        f"SELECT {entry_rows.COLUMN_LIST} FROM {table} WHERE {condition} AND source = ? "
        'AND end_reason = ? AND discarded = 0 AND "end" IS NOT NULL ORDER BY start, uuid',
        (*params, source, str(end_reason)),
    )
    return entry_rows.with_pauses(conn, [entry_rows.from_row(row) for row in rows])


# --- writing ---------------------------------------------------------------------------------


def insert(conn: sqlite3.Connection, entry: Entry, *, reason: str, now: datetime) -> Entry:
    """Write a new entry (its creation is the first line of its audit trail)."""
    _check_times(entry)
    with transaction(conn):
        conn.execute(entry_rows.INSERT, entry_rows.insert_values(entry, encode_time(now)))
        audit.record(
            conn, entry.uuid, audit.CREATED_FIELD, None, _summary(entry), reason=reason, at=now
        )
        pause_rows.insert(conn, [entry], reason=reason, now=now)
        overlaps.refresh_around(conn, [entry], now=now)
        contract_balances.invalidate_entries(conn, [entry])
    return _require(conn, entry.uuid)


def insert_many(
    conn: sqlite3.Connection, entries: Sequence[Entry], *, reason: str, now: datetime
) -> None:
    """Write many new entries at once (imports); one audit line each; overlaps refreshed."""
    if not entries:
        return
    for entry in entries:
        _check_times(entry)
    stamp = encode_time(now)
    with transaction(conn):
        conn.executemany(
            entry_rows.INSERT, [entry_rows.insert_values(entry, stamp) for entry in entries]
        )
        audit.record_many(
            conn,
            [(e.uuid, audit.CREATED_FIELD, None, _summary(e), reason) for e in entries],
            at=now,
        )
        pause_rows.insert(conn, entries, reason=reason, now=now)
        overlaps.refresh_between(
            conn, min(e.start for e in entries), max(e.end or now for e in entries), now=now
        )
        contract_balances.invalidate_hull(conn, entries)


def _summary(entry: Entry) -> str:
    end = "running" if entry.end is None else encode_time(entry.end)
    return f"{entry.source} {encode_time(entry.start)} → {end}"


def continue_as_piece(
    conn: sqlite3.Connection,
    entry: Entry,
    start: datetime,
    *,
    reason: str,
    now: datetime,
    uuid: str | None = None,
) -> Entry:
    """A new running entry carrying on `entry` (same customer, partner, notes) from `start`;
    its sessions feed the new piece."""
    with transaction(conn):
        piece = insert(conn, next_piece(entry, uuid or new_uuid(), start), reason=reason, now=now)
        session_links.move(conn, entry.uuid, piece.uuid)
    return piece


def update(
    conn: sqlite3.Connection,
    uuid: str,
    changes: dict[str, Any],
    *,
    reason: str,
    now: datetime,
    from_backend: bool = False,
) -> Entry:
    """Apply field changes (any stored field but uuid), auditing each one that differs.

    Its pauses are trimmed to a new span (`domain.entry.fitted`); `{"pauses": …}` replaces
    them (each pause added, changed or removed audited with `reason`).

    A change the backend must see bumps the entry's revision; for a submitted entry it
    queues the entry again in the outbox, in this transaction (`trayclock.store.outbox`),
    and a billed field of an invoiced entry is refused. `from_backend`: the change comes
    from the backend itself ("take theirs"): neither refused nor queued."""
    unknown = set(changes) - entry_rows.CHANGEABLE
    if unknown:
        raise StoreError(f"entry {uuid}: cannot change {', '.join(sorted(unknown))}")
    with transaction(conn):
        before = _require(conn, uuid)
        after = fitted(before.with_changes(**changes))
        _check_times(after)
        changed = [name for name in changes if getattr(before, name) != getattr(after, name)]
        if after.pauses != before.pauses and entry_rows.PAUSES not in changed:
            changed.append(entry_rows.PAUSES)  # trimmed to a new span
        if not changed:
            return before
        if not from_backend:
            outbox.check_unlocked(conn, uuid, before.sync_state, changed)
        columns = [name for name in changed if name != entry_rows.PAUSES]
        assignments = "".join(f'"{name}" = ?, ' for name in columns)
        conn.execute(
            f"UPDATE entries SET {assignments}updated_at = ?, revision = revision + ? "
            "WHERE uuid = ?",
            (
                *(entry_rows.TO_DB[name](getattr(after, name)) for name in columns),
                encode_time(now),
                int(outbox.counts_as_change(changed)),
                uuid,
            ),
        )
        queued = None
        if not from_backend and "sync_state" not in changes:
            queued = outbox.on_entry_change(conn, uuid, before.sync_state, changed, now=now)
            if (
                queued is None
                and before.sync_state is SyncState.SYNCED
                and outbox.counts_as_change(changed)
            ):
                # No backend set up now (it was removed): the change still waits to be sent,
                # and a backend configured later is given it (store.submission.seed).
                queued = SyncState.CHANGED
        if queued is not None and queued is not after.sync_state:
            conn.execute("UPDATE entries SET sync_state = ? WHERE uuid = ?", (str(queued), uuid))
            after = after.with_changes(sync_state=queued)
            columns.append("sync_state")
        for name in columns:
            audit.record(
                conn, uuid, name, getattr(before, name), getattr(after, name), reason=reason, at=now
            )
        if entry_rows.PAUSES in changed:
            pause_rows.write(conn, uuid, before.pauses, after.pauses, reason=reason, now=now)
        if _OVERLAP_FIELDS.intersection(changed):
            overlaps.refresh_around(conn, [before, after], now=now)
        contract_balances.invalidate_changed(conn, before, after, changed)
    return _require(conn, uuid)


def edit(
    conn: sqlite3.Connection,
    uuid: str,
    changes: dict[str, Any],
    *,
    now: datetime,
    reason: str = "edit",
) -> Entry:
    """A person's edit (review window, CLI): only the editable fields."""
    refused = set(changes) - EDITABLE_FIELDS
    if refused:
        raise StoreError(f"entry {uuid}: {', '.join(sorted(refused))} cannot be edited")
    if "end" in changes and changes["end"] is not None:
        changes = {**changes, "end_reason": EndReason.MANUAL}
    return update(conn, uuid, changes, reason=reason, now=now)


def heartbeat(conn: sqlite3.Connection, uuids: Iterable[str], at: datetime) -> None:
    """Mark running entries alive at `at` (never moves a heartbeat backwards; not audited)."""
    stamp = encode_time(at)
    with transaction(conn):
        conn.executemany(
            'UPDATE entries SET heartbeat = ? WHERE uuid = ? AND "end" IS NULL AND heartbeat < ?',
            [(stamp, uuid, stamp) for uuid in uuids],
        )


def close(
    conn: sqlite3.Connection,
    uuid: str,
    end: datetime,
    end_reason: EndReason,
    *,
    now: datetime,
    reason: str | None = None,
) -> Entry:
    """End a running entry at `end` (clamped to its start)."""
    with transaction(conn):
        entry = _require(conn, uuid)
        changes = closing(entry, end, end_reason)
        return update(conn, uuid, changes, reason=reason or str(end_reason), now=now)


def reopen(conn: sqlite3.Connection, uuid: str, *, now: datetime, reason: str) -> Entry:
    """Make an ended entry run again (a reconnect within the grace period, a resumed session)."""
    return update(conn, uuid, reopening(now), reason=reason, now=now)


def split(
    conn: sqlite3.Connection, uuid: str, at: datetime, *, now: datetime, why: str | None = None
) -> tuple[Entry, Entry]:
    """Cut an entry in two at `at`; the second half is a new entry with the same details (and
    the pauses after `at`). `why` (who decided) is added to the audit reasons."""
    because = f" ({why})" if why else ""
    with transaction(conn):
        entry = _require(conn, uuid)
        end = entry.end if entry.end is not None else now
        if not entry.start < at < end:
            raise StoreError(f"entry {uuid}: split point {at} is not inside the entry")
        first_pauses, second_pauses = split_at(entry.pauses, at)
        second = entry.with_changes(
            uuid=new_uuid(),
            start=at,
            heartbeat=max(entry.heartbeat, at),
            sync_state=SyncState.LOCAL,
            overlap=False,
            pauses=second_pauses,
        )
        first = update(
            conn,
            uuid,
            {"end": at, "end_reason": EndReason.MANUAL, entry_rows.PAUSES: first_pauses},
            reason=f"split at {encode_time(at)}; second half {second.uuid}{because}",
            now=now,
        )
        second = insert(conn, second, reason=f"split from {uuid}{because}", now=now)
        if entry.sync_state is not SyncState.LOCAL:  # a submitted entry's half is submitted
            backend = outbox.configured_backend(conn)
            state = SyncState.QUEUED
            if backend is not None:
                state = outbox.enqueue(conn, backend, second.uuid, now=now)
            second = update(
                conn, second.uuid, {"sync_state": state}, reason="split: submitted", now=now
            )
        if entry.end is None and entry.session_key is not None:
            # The running session keeps feeding the newer half.
            session_links.move(conn, uuid, second.uuid)
    return first, second


def merge(
    conn: sqlite3.Connection,
    uuids: Sequence[str],
    *,
    now: datetime,
    join: bool = False,
    why: str | None = None,
) -> Entry:
    """Fold entries into the earliest one (`trayclock.domain.entry.merging`); the others are
    discarded (recoverable, their pauses with them) with the merge in their trail, and their
    sessions feed it. `join`: the gaps between them become pauses (one call, paused between).
    `why` (who decided) is added to the audit reasons."""
    if len(set(uuids)) < 2:
        raise StoreError("merge needs at least two different entries")
    verb = ("joined" if join else "merged") + (f" ({why})" if why else "")
    with transaction(conn):
        try:
            plan = merging([_require(conn, u) for u in set(uuids)], join=join)
        except ValueError as error:
            raise StoreError(str(error)) from error
        for other in plan.others:
            update(
                conn,
                other.uuid,
                {"discarded": True},
                reason=f"{verb} into {plan.keep.uuid}",
                now=now,
            )
            session_links.move(conn, other.uuid, plan.keep.uuid)
        return update(
            conn,
            plan.keep.uuid,
            plan.changes,
            reason=f"{verb} " + ", ".join(o.uuid for o in plan.others),
            now=now,
        )


def discard(
    conn: sqlite3.Connection, uuid: str, *, now: datetime, reason: str = "discarded"
) -> Entry:
    """Soft delete: hidden from lists, exports and billing; `restore` brings it back."""
    return update(conn, uuid, {"discarded": True}, reason=reason, now=now)


def restore(conn: sqlite3.Connection, uuid: str, *, now: datetime) -> Entry:
    return update(conn, uuid, {"discarded": False}, reason="restored", now=now)


def approve(conn: sqlite3.Connection, uuid: str, *, now: datetime, approved: bool = True) -> Entry:
    """Approve (or withdraw approval of) an entry; approving also marks it reviewed."""
    changes: dict[str, Any] = {"approved": approved}
    if approved:
        changes["reviewed"] = True
    return update(
        conn, uuid, changes, reason="approved" if approved else "approval withdrawn", now=now
    )
