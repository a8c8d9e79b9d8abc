"""Entries: insert, read by day or range, edit, split, merge, discard, approve — each audited.

Every function that changes an entry writes the audit trail in the same transaction, so
the trail and the entry can never disagree. Heartbeats are the one exception: they move
every few seconds and change no billed field (the end, when set, is audited).

The overlap flag is re-evaluated by every change that moves an entry's time, customer or
billability: an entry is flagged while it shares time with a billable entry of another
customer, or with an unattached one (`refresh_overlaps`).

Public API (the tray, review window, tracker and CLI call these):
    get(conn, uuid) -> Entry | None
    running(conn) -> list[Entry]
    in_range(conn, start, end, *, include_discarded=False) -> list[Entry]
    of_day(conn, day, tz, *, include_discarded=False) -> list[Entry]
    insert(conn, entry, *, reason, now) -> Entry
    edit(conn, uuid, changes, *, reason="edit", now) -> Entry
    close(conn, uuid, end, end_reason, *, now, reason=...) -> Entry
    reopen(conn, uuid, *, now, reason) -> Entry
    heartbeat(conn, uuids, at) -> None
    split(conn, uuid, at, *, now) -> tuple[Entry, Entry]
    merge(conn, uuids, *, now) -> Entry
    discard(conn, uuid, *, now) / restore(conn, uuid, *, now) -> Entry
    approve(conn, uuid, *, now, approved=True) -> Entry
    link_session(conn, app, key, uuid) / linked_entry(conn, app, key) -> str | None
    pieces_of_session(conn, source, key) -> list[Entry]
    ended_by_overlapping(conn, source, end_reason, start, end) -> list[Entry]
"""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
from collections.abc import Iterable, Sequence
from datetime import date as date_
from datetime import datetime, time, timedelta, tzinfo
from typing import Any, NamedTuple

from trayclock.domain.entry import EDITABLE_FIELDS, EndReason, Entry, SyncState
from trayclock.store import audit
from trayclock.store.db import StoreError, decode_time, encode_time, transaction

_FIELDS = (
    "uuid",
    "source",
    "session_key",
    "partner_id",
    "partner_name",
    "start",
    "end",
    "heartbeat",
    "end_reason",
    "customer_id",
    "ticket",
    "notes",
    "billable",
    "approved",
    "reviewed",
    "attempt",
    "overlap",
    "discarded",
    "sync_state",
)
_SELECT = "SELECT " + ", ".join(f'"{name}"' for name in _FIELDS) + " FROM entries"
_OPEN_AT_NOW = timedelta(microseconds=1)
_CHUNK = 500  # host parameters per query, far below SQLite's limit
_TIME_FIELDS = frozenset({"start", "end", "heartbeat"})
_BOOL_FIELDS = frozenset({"billable", "approved", "reviewed", "attempt", "overlap", "discarded"})
# Changing one of these can make or break an overlap with another customer's entry.
_OVERLAP_FIELDS = frozenset({"start", "end", "customer_id", "billable", "discarded", "attempt"})


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def _from_row(row: sqlite3.Row) -> Entry:
    return Entry(
        uuid=row["uuid"],
        source=row["source"],
        session_key=row["session_key"],
        partner_id=row["partner_id"],
        partner_name=row["partner_name"],
        start=decode_time(row["start"]),
        end=None if row["end"] is None else decode_time(row["end"]),
        heartbeat=decode_time(row["heartbeat"]),
        end_reason=None if row["end_reason"] is None else EndReason(row["end_reason"]),
        customer_id=row["customer_id"],
        ticket=row["ticket"],
        notes=row["notes"],
        billable=bool(row["billable"]),
        approved=bool(row["approved"]),
        reviewed=bool(row["reviewed"]),
        attempt=bool(row["attempt"]),
        overlap=bool(row["overlap"]),
        discarded=bool(row["discarded"]),
        sync_state=SyncState(row["sync_state"]),
    )


def _to_db(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _TIME_FIELDS:
        return encode_time(value)
    if name in _BOOL_FIELDS:
        return int(bool(value))
    if name in ("sync_state", "end_reason"):
        return str(value)
    return value


def _row_values(e: Entry, stamp: str) -> tuple[Any, ...]:
    """The INSERT row, in `_FIELDS` order; spelled out because imports write 10,000 at once."""
    return (
        e.uuid,
        e.source,
        e.session_key,
        e.partner_id,
        e.partner_name,
        encode_time(e.start),
        None if e.end is None else encode_time(e.end),
        encode_time(e.heartbeat),
        None if e.end_reason is None else str(e.end_reason),
        e.customer_id,
        e.ticket,
        e.notes,
        int(e.billable),
        int(e.approved),
        int(e.reviewed),
        int(e.attempt),
        int(e.overlap),
        int(e.discarded),
        str(e.sync_state),
        stamp,
        stamp,
    )


_INSERT = (
    "INSERT INTO entries ("
    + ", ".join(f'"{name}"' for name in _FIELDS)
    + ", created_at, updated_at) VALUES ("
    + ", ".join("?" for _ in range(len(_FIELDS) + 2))
    + ")"
)


def _require(conn: sqlite3.Connection, uuid: str) -> Entry:
    found = get(conn, uuid)
    if found is None:
        raise StoreError(f"no entry {uuid}")
    return found


def _check_times(entry: Entry) -> None:
    if entry.end is not None and entry.end < entry.start:
        raise StoreError(f"entry {entry.uuid}: end {entry.end} is before start {entry.start}")


# --- reading ---------------------------------------------------------------------------------


def get(conn: sqlite3.Connection, uuid: str) -> Entry | None:
    row = conn.execute(f"{_SELECT} WHERE uuid = ?", (uuid,)).fetchone()
    return None if row is None else _from_row(row)


def get_many(conn: sqlite3.Connection, uuids: Sequence[str]) -> dict[str, Entry]:
    """The entries among `uuids` that exist, by uuid."""
    found: dict[str, Entry] = {}
    for offset in range(0, len(uuids), _CHUNK):
        part = list(uuids[offset : offset + _CHUNK])
        marks = ", ".join("?" for _ in part)
        for row in conn.execute(f"{_SELECT} WHERE uuid IN ({marks})", part):
            found[row["uuid"]] = _from_row(row)
    return found


def running(conn: sqlite3.Connection) -> list[Entry]:
    """Entries still open (not discarded), oldest first."""
    rows = conn.execute(f'{_SELECT} WHERE "end" IS NULL AND discarded = 0 ORDER BY start, uuid')
    return [_from_row(row) for row in rows]


def last_heartbeat(conn: sqlite3.Connection, start: datetime, end: datetime) -> datetime | None:
    """The newest heartbeat of entries starting in [start, end) (discarded ones too), or None."""
    row = conn.execute(
        "SELECT MAX(heartbeat) FROM entries WHERE start >= ? AND start < ?",
        (encode_time(start), encode_time(end)),
    )
    newest = row.fetchone()[0]
    return None if newest is None else decode_time(newest)


def in_range(
    conn: sqlite3.Connection, start: datetime, end: datetime, *, include_discarded: bool = False
) -> list[Entry]:
    """Entries that START in [start, end), by start."""
    hidden = "" if include_discarded else "AND discarded = 0"
    rows = conn.execute(
        f"{_SELECT} WHERE start >= ? AND start < ? {hidden} ORDER BY start, uuid",
        (encode_time(start), encode_time(end)),
    )
    return [_from_row(row) for row in rows]


def of_day(
    conn: sqlite3.Connection, day: date_, tz: tzinfo, *, include_discarded: bool = False
) -> list[Entry]:
    """Entries starting on the local calendar day `day` in zone `tz`."""
    start = datetime.combine(day, time(0), tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tz)
    return in_range(conn, start, end, include_discarded=include_discarded)


def linked_entry(conn: sqlite3.Connection, app: str, session_key: str) -> str | None:
    """The uuid of the entry (piece) that the detected session currently feeds."""
    row = conn.execute(
        "SELECT entry_uuid FROM session_links WHERE app = ? AND session_key = ?", (app, session_key)
    ).fetchone()
    return None if row is None else str(row[0])


def latest_of_partner(
    conn: sqlite3.Connection, source: str, partner_id: str, *, ended_since: datetime
) -> Entry | None:
    """The newest entry of this app and partner that ended at or after `ended_since`."""
    row = conn.execute(
        f'{_SELECT} WHERE source = ? AND partner_id = ? AND discarded = 0 AND "end" >= ? '
        'ORDER BY "end" DESC LIMIT 1',
        (source, partner_id, encode_time(ended_since)),
    ).fetchone()
    return None if row is None else _from_row(row)


def pieces_of_session(conn: sqlite3.Connection, source: str, session_key: str) -> list[Entry]:
    """Every entry (piece) of one detected session, discarded ones too, by start."""
    rows = conn.execute(
        f"{_SELECT} WHERE source = ? AND session_key = ? ORDER BY start, uuid",
        (source, session_key),
    )
    return [_from_row(row) for row in rows]


def ended_by_overlapping(
    conn: sqlite3.Connection, source: str, end_reason: EndReason, start: datetime, end: datetime
) -> list[Entry]:
    """Entries of `source` closed with `end_reason` (not discarded) sharing time with
    [start, end), by start."""
    rows = conn.execute(
        f"{_SELECT} WHERE source = ? AND end_reason = ? AND discarded = 0 AND start < ? "
        'AND "end" > ? ORDER BY start, uuid',
        (source, str(end_reason), encode_time(end), encode_time(start)),
    )
    return [_from_row(row) for row in rows]


def has_earlier_piece(conn: sqlite3.Connection, entry: Entry) -> bool:
    """Another (earlier) entry of the same detected session exists."""
    row = conn.execute(
        "SELECT 1 FROM entries WHERE source = ? AND session_key = ? AND start < ? AND uuid != ?",
        (entry.source, entry.session_key, encode_time(entry.start), entry.uuid),
    ).fetchone()
    return row is not None


# --- writing ---------------------------------------------------------------------------------


def link_session(conn: sqlite3.Connection, app: str, session_key: str, uuid: str) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO session_links (app, session_key, entry_uuid) VALUES (?, ?, ?) "
            "ON CONFLICT (app, session_key) DO UPDATE SET entry_uuid = excluded.entry_uuid",
            (app, session_key, uuid),
        )


def move_links(conn: sqlite3.Connection, from_uuid: str, to_uuid: str) -> None:
    """The sessions that fed `from_uuid` feed `to_uuid` from now on."""
    conn.execute(
        "UPDATE session_links SET entry_uuid = ? WHERE entry_uuid = ?", (to_uuid, from_uuid)
    )


def continue_as_piece(
    conn: sqlite3.Connection, entry: Entry, start: datetime, *, reason: str, now: datetime
) -> Entry:
    """A new running entry carrying on `entry` (same customer, partner, notes) from `start`;
    its sessions feed the new piece. Review state starts afresh: it is new time."""
    with transaction(conn):
        piece = insert(
            conn,
            entry.with_changes(
                uuid=new_uuid(),
                start=start,
                end=None,
                end_reason=None,
                heartbeat=start,
                overlap=False,
                approved=False,
                reviewed=False,
                sync_state=SyncState.LOCAL,
            ),
            reason=reason,
            now=now,
        )
        move_links(conn, entry.uuid, piece.uuid)
    return piece


def insert(conn: sqlite3.Connection, entry: Entry, *, reason: str, now: datetime) -> Entry:
    """Write a new entry (its creation is the first line of its audit trail)."""
    _check_times(entry)
    with transaction(conn):
        conn.execute(_INSERT, _row_values(entry, encode_time(now)))
        audit.record(
            conn, entry.uuid, audit.CREATED_FIELD, None, _summary(entry), reason=reason, at=now
        )
        refresh_overlaps(conn, [entry.uuid], now=now)
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
        conn.executemany(_INSERT, [_row_values(entry, stamp) for entry in entries])
        audit.record_many(
            conn,
            [(e.uuid, audit.CREATED_FIELD, None, _summary(e), reason) for e in entries],
            at=now,
        )
        refresh_overlaps_between(
            conn, min(e.start for e in entries), max(e.end or now for e in entries), now=now
        )


def _summary(entry: Entry) -> str:
    end = "running" if entry.end is None else encode_time(entry.end)
    return f"{entry.source} {encode_time(entry.start)} → {end}"


def update(
    conn: sqlite3.Connection, uuid: str, changes: dict[str, Any], *, reason: str, now: datetime
) -> Entry:
    """Apply field changes (any stored field but uuid), auditing each one that differs."""
    unknown = set(changes) - set(_FIELDS[1:])
    if unknown:
        raise StoreError(f"entry {uuid}: cannot change {', '.join(sorted(unknown))}")
    with transaction(conn):
        before = _require(conn, uuid)
        after = before.with_changes(**changes)
        _check_times(after)
        changed = [name for name in changes if getattr(before, name) != getattr(after, name)]
        if not changed:
            return before
        if before.sync_state is SyncState.SYNCED and "sync_state" not in changes:
            after = after.with_changes(sync_state=SyncState.CHANGED)
            changed.append("sync_state")
        assignments = ", ".join(f'"{name}" = ?' for name in changed)
        conn.execute(
            f"UPDATE entries SET {assignments}, updated_at = ? WHERE uuid = ?",
            (*(_to_db(name, getattr(after, name)) for name in changed), encode_time(now), uuid),
        )
        for name in changed:
            audit.record(
                conn, uuid, name, getattr(before, name), getattr(after, name), reason=reason, at=now
            )
        if _OVERLAP_FIELDS.intersection(changed):
            refresh_overlaps(conn, [uuid], now=now, also=[before])
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
        end = max(end, entry.start)
        return update(
            conn,
            uuid,
            {"end": end, "end_reason": end_reason, "heartbeat": max(entry.heartbeat, end)},
            reason=reason or str(end_reason),
            now=now,
        )


def reopen(conn: sqlite3.Connection, uuid: str, *, now: datetime, reason: str) -> Entry:
    """Make an ended entry run again (a reconnect within the grace period, a resumed session)."""
    return update(
        conn, uuid, {"end": None, "end_reason": None, "heartbeat": now}, reason=reason, now=now
    )


def split(
    conn: sqlite3.Connection, uuid: str, at: datetime, *, now: datetime
) -> tuple[Entry, Entry]:
    """Cut an entry in two at `at`; the second half is a new entry with the same details."""
    with transaction(conn):
        entry = _require(conn, uuid)
        end = entry.end if entry.end is not None else now
        if not entry.start < at < end:
            raise StoreError(f"entry {uuid}: split point {at} is not inside the entry")
        second = entry.with_changes(
            uuid=new_uuid(),
            start=at,
            heartbeat=max(entry.heartbeat, at),
            sync_state=SyncState.LOCAL,
            overlap=False,
        )
        first = update(
            conn,
            uuid,
            {"end": at, "end_reason": EndReason.MANUAL},
            reason=f"split at {encode_time(at)}; second half {second.uuid}",
            now=now,
        )
        second = insert(conn, second, reason=f"split from {uuid}", now=now)
        if entry.end is None and entry.session_key is not None:
            # The running session keeps feeding the newer half.
            move_links(conn, uuid, second.uuid)
    return first, second


def merge(conn: sqlite3.Connection, uuids: Sequence[str], *, now: datetime) -> Entry:
    """Fold entries into the earliest one (span = earliest start → latest end, notes joined);
    the others are discarded (recoverable) with the merge in their trail."""
    if len(set(uuids)) < 2:
        raise StoreError("merge needs at least two different entries")
    with transaction(conn):
        entries = sorted((_require(conn, u) for u in set(uuids)), key=lambda e: (e.start, e.uuid))
        keep, others = entries[0], entries[1:]
        customers = {e.customer_id for e in entries if e.customer_id is not None}
        if len(customers) > 1:
            raise StoreError("cannot merge entries of different customers")
        ends = [e.end for e in entries if e.end is not None]
        end = max(ends) if len(ends) == len(entries) else None
        notes = "\n".join(dict.fromkeys(e.notes for e in entries if e.notes))
        for other in others:
            update(
                conn, other.uuid, {"discarded": True}, reason=f"merged into {keep.uuid}", now=now
            )
            move_links(conn, other.uuid, keep.uuid)
        changes: dict[str, Any] = {"end": end, "notes": notes}
        if end is None:
            changes["end_reason"] = None
        if customers:
            changes["customer_id"] = customers.pop()
        merged = update(
            conn,
            keep.uuid,
            changes,
            reason="merged " + ", ".join(o.uuid for o in others),
            now=now,
        )
    return merged


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


# --- overlaps --------------------------------------------------------------------------------


def refresh_overlaps(
    conn: sqlite3.Connection,
    uuids: Iterable[str],
    *,
    now: datetime,
    also: Iterable[Entry] = (),
) -> None:
    """Re-evaluate the overlap flag around these entries (and where `also` used to be)."""
    spans = [e for e in (get(conn, u) for u in uuids) if e is not None]
    spans.extend(also)
    if spans:
        refresh_overlaps_between(
            conn, min(e.start for e in spans), max(_until(e, now) for e in spans), now=now
        )


def _until(entry: Entry, now: datetime) -> datetime:
    # A running entry is still open at `now`: two sessions both running right now overlap,
    # even when one began this very moment.
    if entry.end is not None:
        return entry.end
    return max(now, entry.heartbeat) + _OPEN_AT_NOW


class _Span(NamedTuple):
    """What the overlap sweep needs of an entry, times as stored text (text order = time)."""

    uuid: str
    start: str
    until: str
    customer_id: int | None
    counts: bool
    overlap: bool


def _spans(conn: sqlite3.Connection, start: str, end: str, open_until: str) -> list[_Span]:
    rows = conn.execute(
        'SELECT uuid, start, "end", heartbeat, customer_id, '
        "billable AND NOT attempt AND NOT discarded, overlap FROM entries "
        'WHERE start < ? AND ("end" IS NULL OR "end" > ?) ORDER BY start, uuid',
        (end, start),
    )
    return [
        _Span(uuid, begin, finish or max(open_until, beat), customer, bool(counts), bool(flag))
        for uuid, begin, finish, beat, customer, counts, flag in rows
    ]


def refresh_overlaps_between(
    conn: sqlite3.Connection, start: datetime, end: datetime, *, now: datetime
) -> None:
    """Set each entry's overlap flag in [start, end] right; audited when it flips."""
    open_until = encode_time(now + _OPEN_AT_NOW)
    with transaction(conn):
        window = (encode_time(start), encode_time(end + _OPEN_AT_NOW))
        targets = _spans(conn, *window, open_until)
        if not targets:
            return
        # Partners of an entry lie within the hull of the targets: load that once (unless
        # the window already covers it, as for an import).
        hull = (min(t.start for t in targets), max(t.until for t in targets))
        inside = hull[0] >= window[0] and hull[1] <= window[1]
        pool = [t for t in (targets if inside else _spans(conn, *hull, open_until)) if t.counts]
        flagged: set[str] = set()
        active: list[_Span] = []
        for span in pool:  # sorted by start: a sweep keeps only entries still running
            active = [a for a in active if a.until > span.start]
            for other in active:
                if (
                    span.customer_id is None
                    or other.customer_id is None
                    or span.customer_id != other.customer_id
                ):
                    flagged.update((span.uuid, other.uuid))
            active.append(span)
        flips = [t for t in targets if t.overlap != (t.uuid in flagged)]
        if not flips:
            return
        conn.executemany(
            "UPDATE entries SET overlap = ? WHERE uuid = ?",
            [(int(not t.overlap), t.uuid) for t in flips],
        )
        audit.record_many(
            conn, [(t.uuid, "overlap", t.overlap, not t.overlap, "overlap") for t in flips], at=now
        )
