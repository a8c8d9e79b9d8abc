"""Starting to track: one grace period for the tracker and the monitor (issue 9, item 3), and
what the previous run left for detection (moved here from tests/ui)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trayclock.domain.clock import ManualClock
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.services.detection_options import DetectionOptions
from trayclock.services.startup import previous_run, start_tracking
from trayclock.store import db, entries, settings
from trayclock.tracker import Tracker

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_the_previous_run_is_the_newest_heartbeat_and_the_sessions_recovery_closed(
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    conn = db.connect(tmp_path / "s.sqlite3")
    clock = ManualClock(T0)
    assert previous_run(conn, [], clock.now()) is None  # a first start
    tracker = Tracker(conn, clock)
    session = RemoteSession("anydesk", "ad-key", "123456789", None, T0, None, Outcome.OPEN)
    tracker.handle(SessionEvent(EventKind.STARTED, session, T0))
    clock.advance(timedelta(minutes=5))
    tracker.tick()  # the last heartbeat before a kill
    clock.advance(timedelta(hours=1))
    recovered = Tracker(conn, clock).recover()
    found = previous_run(conn, recovered, clock.now())
    assert found is not None
    assert found.last_seen == T0 + timedelta(minutes=5)
    assert found.left_open == frozenset({"ad-key"})


def _session(key: str, start: datetime) -> RemoteSession:
    return RemoteSession("anydesk", key, "123456789", None, start, None, Outcome.OPEN)


def _wait(tracker: Tracker, clock: ManualClock, seconds: int) -> None:
    """Time passes with the tray's heartbeat ticking (a jump would look like a sleep)."""
    for _ in range(seconds):
        clock.advance(timedelta(seconds=1))
        tracker.tick()


def _visit(tracker: Tracker, clock: ManualClock, key: str, seconds: int) -> None:
    """A session to the same partner that lasts `seconds`, then ends."""
    session = _session(key, clock.now())
    tracker.handle(SessionEvent(EventKind.STARTED, session, clock.now()))
    _wait(tracker, clock, seconds)
    ended = session.with_changes(end=clock.now(), outcome=Outcome.COMPLETED)
    tracker.handle(SessionEvent(EventKind.ENDED, ended, clock.now()))


def _returning_partner_entries(
    conn: sqlite3.Connection, tracker: Tracker, clock: ManualClock
) -> int:
    """Sessions to one partner 34 s and then 54 s after the previous one ended (as in issue 9)."""
    _visit(tracker, clock, "k1", 300)
    _wait(tracker, clock, 34)
    _visit(tracker, clock, "k2", 120)
    _wait(tracker, clock, 54)
    _visit(tracker, clock, "k3", 60)
    return len(entries.in_range(conn, T0, T0 + timedelta(days=1)))


def test_the_grace_period_from_the_environment_is_the_trackers_too(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "s.sqlite3")
    clock = ManualClock(T0)
    tracking = start_tracking(conn, clock, DetectionOptions(grace_s=5.0))
    assert tracking.options.grace_seconds == 5.0
    # Each return came after more than 5 s: three entries, no gap billed as "within grace".
    assert _returning_partner_entries(conn, tracking.tracker, clock) == 3
    conn.close()


def test_the_grace_period_from_the_setting_is_the_trackers_too(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "s.sqlite3")
    settings.put(conn, settings.DETECTION, {"grace_s": 40}, now=T0)
    clock = ManualClock(T0)
    tracking = start_tracking(conn, clock)
    # 34 s is within 40 s (one entry goes on), 54 s is not (a second one).
    assert _returning_partner_entries(conn, tracking.tracker, clock) == 2
    # the environment wins over the setting, for both
    assert start_tracking(conn, clock, DetectionOptions(grace_s=5.0)).options.grace_seconds == 5
    conn.close()


def test_start_tracking_recovers_and_reports_the_previous_run(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "s.sqlite3")
    clock = ManualClock(T0)
    first = start_tracking(conn, clock)
    assert first.recovered == () and first.previous is None
    first.tracker.handle(SessionEvent(EventKind.STARTED, _session("ad-key", T0), T0))
    clock.advance(timedelta(minutes=5))
    first.tracker.tick()
    clock.advance(timedelta(hours=1))  # killed; started again an hour later
    again = start_tracking(conn, clock)
    assert [e.session_key for e in again.recovered] == ["ad-key"]
    assert again.previous is not None and again.previous.left_open == frozenset({"ad-key"})
    conn.close()
