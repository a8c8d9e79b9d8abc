"""The review's pause edits and the tray's suggestions without Qt (services/review/
pause_edits.py, services/tray.py): which rows are pieces of one call, what a typed minute
means inside an entry (its start's seconds, past midnight), a pause added across midnight,
and the tray's heartbeat telling the open windows when the tracker suggested a pause."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, time, timedelta

import pytest

from tests.services.review_support import BERLIN, at, row
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import Entry
from trayclock.domain.pauses import PauseState
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.services.pauses import Answer
from trayclock.services.review.pause_edits import PauseEdits, can_join, moment_in
from trayclock.services.review.source import ReviewSource
from trayclock.services.store_events import ChangeKind, StoreChange, StoreEvents
from trayclock.services.tray import TrayService
from trayclock.store import audit, entries
from trayclock.store.db import StoreError
from trayclock.tracker import Tracker


def test_pieces_of_one_call_share_app_partner_and_customer() -> None:
    first = row("a", "09:00", "09:20", partner="Front desk", customer_id=1)
    second = row("b", "09:50", "10:00", partner="Front desk", customer_id=1)
    assert can_join([first, second])
    assert not can_join([first])
    assert not can_join([first, row("c", "10:10", "10:20", partner="Server", customer_id=1)])
    assert not can_join([first, row("d", "10:10", "10:20", partner="Front desk", customer_id=2)])
    assert not can_join([first, row("e", "10:10", "10:20", partner="Front desk", app="anydesk")])
    assert not can_join([first, row("f", "10:10", "10:20", partner="Front desk", discarded=True)])
    unattached = [row(i, "11:00", "11:10", customer=None, partner="x") for i in ("u", "v")]
    assert can_join(unattached)  # no customer yet, both


def test_a_typed_minute_means_the_moment_inside_the_entry() -> None:
    detected = row("s", "09:00", "09:30")
    detected.start += timedelta(seconds=40)  # 09:00:40, shown as 09:00
    detected.end += timedelta(seconds=20)  # 09:30:20
    assert moment_in(detected, BERLIN, time(9, 0)) == detected.start
    assert moment_in(detected, BERLIN, time(9, 30)) == detected.end  # the minute holding it
    assert moment_in(detected, BERLIN, time(9, 15)) == at("09:15")
    late = row("late", "23:30", "23:59")
    late.end = at("00:40") + timedelta(days=1)
    assert moment_in(late, BERLIN, time(0, 10)) == at("00:10") + timedelta(days=1)
    assert moment_in(late, BERLIN, time(23, 45)) == at("23:45")
    day = row("day", "09:00", "10:00")
    assert moment_in(day, BERLIN, time(8, 30)) == at("08:30")  # outside: the store says so


def entry(uuid: str, start: datetime, end: datetime | None, **more: object) -> Entry:
    return Entry(uuid=uuid, source="anydesk", start=start, end=end, heartbeat=end or start, **more)  # type: ignore[arg-type]


def test_a_pause_across_midnight_in_a_late_call(conn: sqlite3.Connection) -> None:
    clock = ManualClock(at("09:00") + timedelta(days=2))
    entries.insert(
        conn,
        entry("late", at("23:30"), at("00:40") + timedelta(days=1)),
        reason="t",
        now=at("23:30"),
    )
    heard: list[StoreChange] = []
    events = StoreEvents()
    events.subscribe(heard.append)
    source = ReviewSource(conn, clock, events)
    edits = PauseEdits(source)
    late = row("late", "23:30", "23:59")
    late.end = at("00:40") + timedelta(days=1)
    assert edits.add([late], BERLIN, time(23, 50), time(0, 10)) == ["late"]
    stored = entries.get(conn, "late")
    assert stored is not None
    (pause,) = stored.pauses
    assert (pause.start, pause.end) == (at("23:50"), at("00:10") + timedelta(days=1))
    assert heard == [StoreChange(ChangeKind.DATA, source)]  # the tray follows
    reasons = [r.reason for r in audit.history(conn, "late") if r.field == "pause"]
    assert reasons == ["pause added by technician (review)"]
    with pytest.raises(StoreError, match="must end after it starts"):
        edits.add([late], BERLIN, time(23, 55), time(23, 55))
    assert edits.add([], BERLIN, time(1, 0), time(2, 0)) is None  # nothing selected


def test_the_heartbeat_says_when_the_tracker_suggested_a_pause(conn: sqlite3.Connection) -> None:
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    clock = ManualClock(start)
    last_input = [start]

    class Desk:
        def idle_seconds(self) -> float:
            return (clock.now() - last_input[0]).total_seconds()

    tracker = Tracker(conn, clock, idle_source=Desk(), idle_threshold_s=600)
    tray = TrayService(conn, tracker, clock)
    heard: list[ChangeKind] = []
    tray.events.subscribe(lambda change: heard.append(change.kind))
    session = RemoteSession("anydesk", "ad-1", "111", None, start, None, Outcome.OPEN)
    tray.handle(SessionEvent(EventKind.STARTED, session, start))
    heard.clear()
    for _ in range(20):  # 20 minutes without input
        clock.advance(timedelta(minutes=1))
        tray.heartbeat()
    assert set(heard) == {ChangeKind.RUNNING_TIMES} and not tray.snapshot().suggestions
    last_input[0] = clock.now()  # back
    clock.advance(timedelta(seconds=30))
    tray.heartbeat()
    assert heard[-1] is ChangeKind.DATA  # the review window reads it, the tray asks
    (suggestion,) = tray.snapshot().suggestions
    assert (suggestion.start, suggestion.end, suggestion.running) == (
        start,
        start + timedelta(minutes=20),
        True,
    )
    tray.answer_suggestion(suggestion.pause_id, Answer.KEEP)
    assert heard[-1] is ChangeKind.DATA and not tray.snapshot().suggestions
    (running,) = tracker.running()
    assert running.pauses[0].state is PauseState.REJECTED
    with pytest.raises(StoreError, match="not a suggestion"):
        tray.answer_suggestion(suggestion.pause_id, Answer.PAUSE)
