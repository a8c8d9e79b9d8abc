"""Manual timers and work recorded by hand: entries nothing detects (a phone call …)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from trayclock.domain.entry import MANUAL_SOURCE, EndReason, Entry
from trayclock.store import entries
from trayclock.store.db import StoreError, transaction


def manual_entry(
    start: datetime, end: datetime | None, customer_id: int | None, notes: str, ticket: str | None
) -> Entry:
    """A timer (running while `end` is None) or work recorded after the fact."""
    return Entry(
        uuid=entries.new_uuid(),
        source=MANUAL_SOURCE,
        start=start,
        end=end,
        heartbeat=end or start,
        end_reason=None if end is None else EndReason.MANUAL,
        customer_id=customer_id,
        notes=notes,
        ticket=ticket,
    )


def start_timer(
    conn: sqlite3.Connection,
    now: datetime,
    *,
    customer_id: int | None,
    notes: str,
    ticket: str | None,
) -> Entry:
    entry = manual_entry(now, None, customer_id, notes, ticket)
    return entries.insert(conn, entry, reason="timer started", now=now)


def stop_timers(conn: sqlite3.Connection, now: datetime, entry_uuid: str | None) -> list[Entry]:
    """Stop one running timer, or all of them when no uuid is given."""
    with transaction(conn):
        targets = [
            e
            for e in entries.running(conn)
            if e.manual and (entry_uuid is None or e.uuid == entry_uuid)
        ]
        if entry_uuid is not None and not targets:
            raise StoreError(f"no running timer {entry_uuid}")
        return [
            entries.close(conn, e.uuid, now, EndReason.ENDED, now=now, reason="timer stopped")
            for e in targets
        ]


def add_work(
    conn: sqlite3.Connection,
    start: datetime,
    end: datetime,
    now: datetime,
    *,
    customer_id: int | None,
    notes: str,
    ticket: str | None,
) -> Entry:
    if end <= start:
        raise StoreError("a manual entry needs its end after its start")
    entry = manual_entry(start, end, customer_id, notes, ticket)
    return entries.insert(conn, entry, reason="added by hand", now=now)
