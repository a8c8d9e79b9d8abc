"""One call, one price (issues 11 and 12): a sleep mid-session is a pause of the same entry,
billed once; a stall of our own process is no sleep; idle time becomes a suggested pause
that changes no price until accepted. The real store and tracker, a ManualClock that can
tell a sleep (the asleep time grows) from a stall (wall and awake time move together)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from tests.unit.tracker_support import (
    BEAT,
    GRACE_S,
    HEARTBEAT_S,
    MIN,
    T0,
    all_entries,
    ended,
    event,
    run_for,
    session,
)
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.model import PricedEntry, Why
from trayclock.domain.pauses import PauseOrigin, PauseState
from trayclock.domain.pricing import price_range
from trayclock.domain.session import EventKind, RemoteSession
from trayclock.services.pauses import Pauses
from trayclock.store import audit, customers, entries, mappings, settings
from trayclock.tracker import Tracker

SEC = timedelta(seconds=1)
# One call at 85/h in 15-minute steps with a minimum charge: two entries would each pay it.
POLICY = {"rate": "85.00", "increment_minutes": 15, "minimum_charge": "50.00"}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def acme(conn: sqlite3.Connection) -> int:
    settings.set_policy(conn, POLICY, now=T0)
    customer = customers.upsert(conn, "acme", "ACME", now=T0)
    mappings.remember(conn, "anydesk", "123456789", customer.id, partner_name=None, now=T0)
    return customer.id


@pytest.fixture
def tracker(conn: sqlite3.Connection, clock: ManualClock) -> Tracker:
    tracker = Tracker(conn, clock, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S)
    tracker.recover()
    return tracker


def start_call(tracker: Tracker) -> RemoteSession:
    """An AnyDesk session of the mapped partner, started at T0."""
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    return s


def priced(conn: sqlite3.Connection, rows: list[Entry]) -> list[PricedEntry]:
    """The entries priced by the one pricing path, under the stored policy and terms."""
    terms = customers.list_all(conn, include_archived=True)
    result = price_range(rows, terms, settings.policy(conn), now=T0 + timedelta(days=1))
    return [row.priced for row in result.rows if row.priced is not None]


def call(uuid: str, customer_id: int, start: datetime, end: datetime) -> Entry:
    return ended(uuid, start, end, customer_id=customer_id)


# --- a sleep mid-session: one entry, one pause, billed once -----------------------------------


def test_a_sleep_mid_session_is_one_entry_with_one_pause_billed_once(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock, acme: int
) -> None:
    s = start_call(tracker)
    run_for(tracker, clock, 20 * MIN)  # 09:00–09:20 at work
    clock.sleep(30 * MIN)  # the lid closed at 09:20, opened at 09:50
    tracker.tick()  # the tray's timer fires on waking
    run_for(tracker, clock, 10 * MIN)  # the same session is still there: 09:50–10:00
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))

    (entry,) = all_entries(conn)  # one entry, nothing discarded behind it
    assert (entry.start, entry.end, entry.end_reason) == (T0, T0 + 60 * MIN, EndReason.ENDED)
    (pause,) = entry.pauses
    assert (pause.start, pause.end) == (T0 + 20 * MIN, T0 + 50 * MIN)
    assert (pause.state, pause.origin) == (PauseState.ACCEPTED, PauseOrigin.SLEEP)
    assert any("the computer slept" in r.reason for r in audit.history(conn, entry.uuid))

    (one,) = priced(conn, [entry])
    assert (one.raw_minutes, one.paused_minutes, one.billed_minutes) == (30, 30, 30)
    assert one.codes().count(Why.MINIMUM_CHARGE) == 1 and Why.PAUSED in one.codes()
    # The same call without the slept time prices exactly alike: rounded once, one minimum.
    (awake,) = priced(conn, [call("awake", acme, T0, T0 + 30 * MIN)])
    assert one.amount == awake.amount == Decimal("50.00")
    # Cut in two at the sleep (what the tracker did before), it paid two minimums.
    pieces = priced(
        conn,
        [
            call("before", acme, T0, T0 + 20 * MIN),
            call("after", acme, T0 + 50 * MIN, T0 + 60 * MIN),
        ],
    )
    assert sum(p.amount for p in pieces) == Decimal("100.00")


def test_a_stall_of_our_own_process_cuts_nothing_and_bills_the_session_in_full(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock, acme: int
) -> None:
    """Issue 12: a 90 s regex froze the GUI thread; an AnyDesk session running meanwhile was
    cut as slept and billed 0 s. Wall and awake time advance together in a stall."""
    s = start_call(tracker)
    run_for(tracker, clock, BEAT)
    clock.stall(95 * SEC)  # no tick for 95 s: the process was frozen, the computer ran
    assert tracker.tick() == []  # nothing cut, nothing paused
    clock.advance(5 * SEC)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    (entry,) = all_entries(conn)
    assert entry.pauses == () and entry.end_reason is EndReason.ENDED
    assert entry.end - entry.start == 130 * SEC
    (whole,) = priced(conn, [entry])
    assert whole.raw_minutes * 60 == 130 and whole.paused_minutes == 0


@pytest.mark.parametrize(("asleep", "paused"), [(False, timedelta(0)), (True, 30 * MIN)])
def test_thirty_minutes_asleep_is_a_pause_thirty_minutes_stalled_is_work(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock, asleep: bool, paused: timedelta
) -> None:
    s = start_call(tracker)
    run_for(tracker, clock, 10 * MIN)
    if asleep:
        clock.sleep(30 * MIN)  # the wall clock jumps, the asleep time says suspended
    else:
        clock.stall(30 * MIN)  # the wall and awake time moved together: we were busy
    tracker.tick()
    run_for(tracker, clock, 10 * MIN)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    (entry,) = all_entries(conn)
    assert entry.paused(clock.now()) == paused
    assert entry.worked(clock.now()) == 50 * MIN - paused


def test_a_session_gone_during_the_sleep_ends_at_the_last_heartbeat_before_it(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = start_call(tracker)
    run_for(tracker, clock, 20 * MIN)
    clock.sleep(30 * MIN)
    run_for(tracker, clock, BEAT)  # the window is gone; detection says so after its grace
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=T0 + 20 * MIN), clock.now()))
    (entry,) = all_entries(conn)
    assert (entry.end, entry.end_reason, entry.pauses) == (T0 + 20 * MIN, EndReason.SLEPT, ())


def test_a_stall_then_a_sleep_in_one_gap_is_a_sleep(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    start_call(tracker)
    run_for(tracker, clock, 5 * MIN)
    clock.stall(2 * MIN)
    clock.sleep(20 * MIN)
    (paused,) = tracker.tick()
    # The time asleep, exactly, from the last heartbeat: the stall of our process (the
    # session ran, the computer was awake) stays worked, as every stall does.
    assert [(p.start, p.end) for p in paused.pauses] == [(T0 + 5 * MIN, T0 + 25 * MIN)]


def test_the_awake_time_around_a_sleep_stays_worked(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    # The heartbeat's timer runs on awake time: after waking it fires with the rest of its
    # interval (here 20 s), and on a loaded machine later still. Only the sleep is a pause.
    start_call(tracker)
    run_for(tracker, clock, 5 * MIN)
    clock.stall(10 * SEC)
    clock.sleep(20 * MIN)
    clock.stall(20 * SEC)
    (paused,) = tracker.tick()
    assert [(p.start, p.end) for p in paused.pauses] == [(T0 + 5 * MIN, T0 + 25 * MIN)]
    assert paused.worked(clock.now()) == 5 * MIN + 30 * SEC


# --- idle time: a suggested pause ---------------------------------------------------------


class ScriptedInput:
    """The desktop's idle time as a ManualClock sees it: since the last `touch`."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.last = clock.now()

    def touch(self) -> None:
        self.last = self.clock.now()

    def idle_seconds(self) -> float:
        return (self.clock.now() - self.last).total_seconds()


def idle_tracker(
    conn: sqlite3.Connection, clock: ManualClock, desk: ScriptedInput, threshold: timedelta
) -> Tracker:
    tracker = Tracker(
        conn,
        clock,
        heartbeat_s=HEARTBEAT_S,
        grace_s=GRACE_S,
        idle_source=desk,
        idle_threshold_s=threshold.total_seconds(),
    )
    tracker.recover()
    return tracker


def test_idle_during_a_session_is_one_suggestion_that_changes_no_price_until_accepted(
    conn: sqlite3.Connection, clock: ManualClock, acme: int
) -> None:
    desk = ScriptedInput(clock)
    tracker = idle_tracker(conn, clock, desk, 10 * MIN)
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 5 * MIN)
    desk.touch()  # 09:05, the last keystroke before lunch
    run_for(tracker, clock, 42 * MIN)
    assert tracker.idle_since == T0 + 5 * MIN
    desk.touch()  # back at 09:47
    run_for(tracker, clock, 13 * MIN)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))

    (entry,) = all_entries(conn)
    (suggestion,) = entry.pauses
    assert (suggestion.start, suggestion.end) == (T0 + 5 * MIN, T0 + 47 * MIN)
    assert (suggestion.state, suggestion.origin) == (PauseState.SUGGESTED, PauseOrigin.IDLE)
    trail = [r for r in audit.history(conn, entry.uuid) if r.field == "pause"]
    assert [r.reason for r in trail] == [
        "suggested by idle detection: no keyboard or mouse input for 42 min"
    ]
    (before,) = priced(conn, [entry])
    assert (before.raw_minutes, before.paused_minutes, before.billed_minutes) == (60, 0, 60)

    desk_api = Pauses(conn, clock)
    (asked,) = desk_api.suggestions()
    assert (asked.entry_uuid, asked.minutes, asked.customer, asked.running) == (
        entry.uuid,
        42,
        "ACME",
        False,
    )
    accepted = desk_api.accept(asked.pause_id, by="technician (tray)")
    (after,) = priced(conn, [accepted])
    assert (after.raw_minutes, after.paused_minutes, after.billed_minutes) == (18, 42, 30)
    (same,) = priced(conn, [call("same", acme, T0, T0 + 18 * MIN)])
    assert after.amount == same.amount < before.amount
    assert desk_api.suggestions() == []
    last = [r for r in audit.history(conn, entry.uuid) if r.field == "pause"][-1]
    assert last.reason == "suggestion accepted by technician (tray)"
    assert last.old is not None and "suggested" in last.old
    assert last.new is not None and "accepted" in last.new


def test_input_during_the_stretch_splits_it_and_short_idles_are_not_asked(
    conn: sqlite3.Connection, clock: ManualClock
) -> None:
    desk = ScriptedInput(clock)
    tracker = idle_tracker(conn, clock, desk, 10 * MIN)
    tracker.handle(event(EventKind.STARTED, session(), T0))
    run_for(tracker, clock, 12 * MIN)
    desk.touch()  # 09:12: the first idle stretch, 09:00–09:12
    run_for(tracker, clock, 5 * MIN)
    desk.touch()  # 09:17: only 5 min idle, under the threshold
    run_for(tracker, clock, 15 * MIN)
    desk.touch()  # 09:32: the second stretch, 09:17–09:32
    run_for(tracker, clock, BEAT)
    entry = tracker.running()[0]
    assert [(p.start, p.end) for p in entry.pauses] == [
        (T0, T0 + 12 * MIN),
        (T0 + 17 * MIN, T0 + 32 * MIN),
    ]
    assert all(p.state is PauseState.SUGGESTED for p in entry.pauses)


def test_a_rejected_suggestion_is_never_asked_again_and_a_timer_is_never_asked(
    conn: sqlite3.Connection, clock: ManualClock
) -> None:
    desk = ScriptedInput(clock)
    tracker = idle_tracker(conn, clock, desk, 10 * MIN)
    tracker.handle(event(EventKind.STARTED, session(), T0))
    timer = tracker.start_manual(notes="phone call")  # on the phone: no keyboard at all
    run_for(tracker, clock, 20 * MIN)
    desk.touch()
    run_for(tracker, clock, BEAT)
    (asked,) = Pauses(conn, clock).suggestions()
    kept = Pauses(conn, clock).keep(asked.pause_id)
    assert [p.state for p in kept.pauses] == [PauseState.REJECTED]
    assert entries.get(conn, timer.uuid).pauses == ()  # type: ignore[union-attr]
    # Restarted: the desktop still reports the same idle stretch (the X server's counter);
    # what was turned down is not asked again.
    desk.last = T0
    again = idle_tracker(conn, clock, desk, 10 * MIN)
    for _ in range(3):
        clock.advance(BEAT)
        again.tick()
    desk.touch()
    run_for(again, clock, BEAT)
    assert Pauses(conn, clock).suggestions() == []


def test_no_idle_source_or_a_threshold_of_zero_asks_nothing(
    conn: sqlite3.Connection, clock: ManualClock
) -> None:
    desk = ScriptedInput(clock)
    tracker = idle_tracker(conn, clock, desk, timedelta(0))
    tracker.handle(event(EventKind.STARTED, session(), T0))
    run_for(tracker, clock, 30 * MIN)
    desk.touch()
    run_for(tracker, clock, BEAT)
    assert tracker.running()[0].pauses == ()


def test_a_failing_idle_source_never_stops_the_heartbeat(
    conn: sqlite3.Connection, clock: ManualClock
) -> None:
    class Gone:
        def idle_seconds(self) -> float | None:
            raise RuntimeError("the X server went away")

    tracker = Tracker(conn, clock, idle_source=Gone(), idle_threshold_s=60)
    tracker.handle(event(EventKind.STARTED, session(), T0))
    run_for(tracker, clock, 2 * MIN)
    assert tracker.running()[0].heartbeat == clock.now()
