"""Cuts: after a crash, detected entries are closed at their last heartbeat; after a sleep (a
clock jump), every running entry is closed there and carried on as a new piece from waking.
Time asleep or down is in no entry."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta
from typing import NamedTuple

from trayclock.domain.entry import EndReason, Entry
from trayclock.store import entries
from trayclock.store.db import transaction

log = logging.getLogger(__name__)


class Cut(NamedTuple):
    """An entry closed at its last heartbeat (`uuid`) and the new piece carrying it on."""

    uuid: str
    piece: Entry


def recover(
    conn: sqlite3.Connection, now: datetime, sleep_gap: timedelta
) -> tuple[list[Entry], list[Cut]]:
    """Close every running detected entry at its last heartbeat (`RECOVERED`). Manual timers
    are the technician's claim and run on, but one silent for longer than the sleep gap is
    cut at its last heartbeat and continues as a new piece from now: the downtime is in no
    entry. The closed entries, and the timers cut."""
    closed: list[Entry] = []
    timers: list[Cut] = []
    with transaction(conn):
        for entry in entries.running(conn):
            if entry.manual:
                # A timer never heartbeated was started with no tray watching it (the
                # `timer` command): nothing says when work paused, so it runs on untouched.
                if entry.start < entry.heartbeat and now - entry.heartbeat > sleep_gap:
                    timers.append(
                        cut(conn, entry, entry.heartbeat, now, EndReason.RECOVERED, "restart")
                    )
                continue
            closed.append(
                entries.close(
                    conn,
                    entry.uuid,
                    entry.heartbeat,
                    EndReason.RECOVERED,
                    now=now,
                    reason="recovered after restart: closed at last heartbeat",
                )
            )
    if closed:
        log.info("recovered %d entries left running by a previous run", len(closed))
    return closed, timers


def cut_at_sleep(conn: sqlite3.Connection, woke: datetime, now: datetime) -> list[Cut]:
    """Cut every running entry at its last heartbeat (`SLEPT`), new pieces from `woke`."""
    with transaction(conn):
        return [
            cut(conn, entry, entry.heartbeat, woke, EndReason.SLEPT, "clock jump", now=now)
            for entry in entries.running(conn)
        ]


def cut(
    conn: sqlite3.Connection,
    entry: Entry,
    end: datetime,
    resume: datetime,
    end_reason: EndReason,
    why: str,
    *,
    now: datetime | None = None,
) -> Cut:
    """Close `entry` at `end` and carry it on as a new running piece from `resume`."""
    now = now or resume
    reason = f"{why}: closed at last heartbeat"
    entries.close(conn, entry.uuid, end, end_reason, now=now, reason=reason)
    piece = entries.continue_as_piece(
        conn, entry, resume, reason=f"resumed after {why} (continues {entry.uuid})", now=now
    )
    return Cut(entry.uuid, piece)
