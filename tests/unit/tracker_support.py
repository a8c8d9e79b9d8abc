"""What the tracker tests share: a fixed start time, session and event builders, a ticking loop."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import audit, entries
from trayclock.tracker import Tracker

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
HEARTBEAT_S = 30.0
GRACE_S = 60.0
BEAT = timedelta(seconds=HEARTBEAT_S)
MIN = timedelta(minutes=1)


def session(
    key: str = "k1",
    partner_id: str | None = "123456789",
    *,
    start: datetime = T0,
    end: datetime | None = None,
    outcome: Outcome = Outcome.OPEN,
    name: str | None = None,
    app: str = "anydesk",
) -> RemoteSession:
    return RemoteSession(app, key, partner_id, name, start, end, outcome)


def event(kind: EventKind, s: RemoteSession, at: datetime) -> SessionEvent:
    return SessionEvent(kind, s, at)


def run_for(tracker: Tracker, clock: ManualClock, duration: timedelta) -> None:
    """Tick every heartbeat for `duration`, as the tray's timer would."""
    steps = int(duration / BEAT)
    for _ in range(steps):
        clock.advance(BEAT)
        tracker.tick()


def all_entries(conn: sqlite3.Connection) -> list[Entry]:
    far = timedelta(days=365)
    return entries.in_range(conn, T0 - far, T0 + far, include_discarded=True)


def live(conn: sqlite3.Connection) -> list[Entry]:
    """The entries not discarded (merged away, remnants): what is billed."""
    return [e for e in all_entries(conn) if not e.discarded]


def new_tracker(conn: sqlite3.Connection, clock: ManualClock) -> Tracker:
    """A tracker with the test timing, recovered as the tray starts it."""
    tracker = Tracker(conn, clock, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S)
    tracker.recover()
    return tracker


def ended(uuid: str, start: datetime, end: datetime, **fields: object) -> Entry:
    """A detected AnyDesk session that ended (as the tracker would have stored it)."""
    return Entry(
        uuid=uuid,
        source="anydesk",
        start=start,
        end=end,
        heartbeat=end,
        end_reason=EndReason.ENDED,
        **fields,  # type: ignore[arg-type]
    )


def billed_time(conn: sqlite3.Connection) -> timedelta:
    """Worked time of the live entries: their spans less their accepted pauses."""
    return sum(
        (e.worked(e.end) for e in live(conn) if e.end is not None and not e.attempt), timedelta()
    )


def reasons(conn: sqlite3.Connection, uuid: str, field: str) -> list[str]:
    return [r.reason for r in audit.history(conn, uuid) if r.field == field]
