"""Interruptions of the tracker's watch: after a crash, detected entries are closed at their
last heartbeat; after a sleep (or a forward jump of the wall clock) every running entry
gets the gap as a pause and runs on; after the wall clock went back, every running entry is
closed there and carried on as a new piece. Time asleep or down is never worked time.

Whether a session came back is decided later, by the rules: one reported ended within the
grace period after the pause (`domain.entry.closing`) ends at the pause's start — the last
heartbeat before the sleep — and loses the pause; one that runs on keeps it: one call, one
entry, rounded and charged its minimum once (billing-rules.md `pauses`).
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta
from typing import NamedTuple

from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState, adding
from trayclock.store import entries
from trayclock.store.db import transaction
from trayclock.tracker.timing import pause_reason

log = logging.getLogger(__name__)

CLOCK_STEP = "clock step"  # why a piece is cut when the wall clock went back (audited)


class Cut(NamedTuple):
    """An entry closed at its last heartbeat (`uuid`) and the new piece carrying it on."""

    uuid: str
    piece: Entry


def recover(conn: sqlite3.Connection, now: datetime, sleep_gap: timedelta) -> list[Entry]:
    """Close every running detected entry at its last heartbeat (`RECOVERED`). Manual timers
    are the technician's claim and run on, but one silent for longer than the sleep gap
    gets the silence as a pause (`restart`): the downtime is no worked time. The closed
    entries."""
    closed: list[Entry] = []
    with transaction(conn):
        for entry in entries.running(conn):
            if entry.manual:
                # A timer never heartbeated was started with no tray watching it (the
                # `timer` command): nothing says when work paused, so it runs on untouched.
                if entry.start < entry.heartbeat and now - entry.heartbeat > sleep_gap:
                    pause_from_heartbeat(conn, entry, now, PauseOrigin.RESTART, now=now)
                    entries.heartbeat(conn, [entry.uuid], now)
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
    return closed


def pause_from_heartbeat(
    conn: sqlite3.Connection,
    entry: Entry,
    until: datetime,
    origin: PauseOrigin,
    *,
    now: datetime,
    lost: timedelta | None = None,
) -> Entry:
    """Pause a running entry from its last heartbeat (or its start) to `until`, or for
    `lost` (the time the computer was asleep) from there when that is known and shorter
    (nothing when no time lies between)."""
    start = max(entry.heartbeat, entry.start)
    if lost is not None:
        until = min(until, start + lost)
    if until <= start:
        return entry
    pause = EntryPause(start, until, PauseState.ACCEPTED, origin)
    return entries.update(
        conn,
        entry.uuid,
        {"pauses": adding(entry.pauses, pause)},
        reason=pause_reason(origin),
        now=now,
    )


def pause_running(
    conn: sqlite3.Connection,
    woke: datetime,
    lost: timedelta,
    origin: PauseOrigin,
    now: datetime,
) -> list[Entry]:
    """Every running entry paused from its last heartbeat for the `lost` time (at most up to
    `woke`); they run on. The time asleep is known exactly, the moment of falling asleep is
    not: the awake time between the heartbeat and `woke` (the timer's rest of its interval
    after waking, or a late heartbeat on a loaded machine) stays worked."""
    with transaction(conn):
        return [
            pause_from_heartbeat(conn, entry, woke, origin, now=now, lost=lost)
            for entry in entries.running(conn)
        ]


def cut_running(conn: sqlite3.Connection, resume: datetime, now: datetime) -> list[Cut]:
    """After the wall clock went back: cut every running entry at its last heartbeat
    (`SLEPT`: the clock cannot be trusted across the step), new pieces from `resume`."""
    with transaction(conn):
        return [
            cut(conn, entry, entry.heartbeat, resume, EndReason.SLEPT, CLOCK_STEP, now=now)
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
        conn, entry, resume, reason=_piece_reason(why, entry.uuid), now=now
    )
    return Cut(entry.uuid, piece)


def _piece_reason(why: str, uuid: str) -> str:
    return f"resumed after {why} (continues {uuid})"


def step_piece_reason(uuid: str) -> str:
    """The audit reason of a piece carrying `uuid` on after the wall clock went back."""
    return _piece_reason(CLOCK_STEP, uuid)
