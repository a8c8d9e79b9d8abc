"""The tracker after the wall clock went back (an NTP step): a session ending just after the
step, a reconnect continuing the session's latest piece, never an end moved back."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from tests.unit.tracker_support import (
    BEAT,
    MIN,
    T0,
    all_entries,
    billed_time,
    event,
    live,
    new_tracker,
    reasons,
    run_for,
    session,
)
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason
from trayclock.domain.session import EventKind, Outcome, RemoteSession
from trayclock.store import session_links
from trayclock.tracker import Tracker
from trayclock.tracker.rules import STEP_REMNANT

SEC = timedelta(seconds=1)
STEP = 5 * MIN  # the wall clock set back this far


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def tracker(conn: sqlite3.Connection, clock: ManualClock) -> Tracker:
    return new_tracker(conn, clock)


def step_back(tracker: Tracker, clock: ManualClock) -> datetime:
    """NTP sets the clock back; the next heartbeat sees it and cuts. When the piece resumed."""
    clock.step(-STEP)
    clock.advance(BEAT)
    tracker.tick()
    return clock.now()


def end(tracker: Tracker, clock: ManualClock, s: RemoteSession) -> None:
    done = s.with_changes(end=clock.now(), outcome=Outcome.COMPLETED)
    tracker.handle(event(EventKind.ENDED, done, clock.now()))


@pytest.mark.parametrize("before", [10 * MIN, 2 * MIN], ids=["long-before", "within-the-step"])
def test_a_session_ending_just_after_a_step_back_ends_on_its_cut_piece_billed_once(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock, before: timedelta
) -> None:
    """Its close is logged 20 s after the step: the piece resumed there is a remnant (its 20 s
    a separate entry would bill on its own, a minimum charge again), and those 20 s worked are
    the cut piece's: one entry, ending 20 s after its cut, nothing lost but the step's tick.
    Started less than the step before it, the remnant lay before the session began."""
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, before)
    step_back(tracker, clock)
    clock.advance(20 * SEC)
    end(tracker, clock, s)
    (entry,) = live(conn)
    assert (entry.start, entry.end, entry.end_reason) == (
        T0,
        T0 + before + 20 * SEC,
        EndReason.ENDED,
    )
    (remnant,) = [e for e in all_entries(conn) if e.discarded]
    assert STEP_REMNANT in reasons(conn, remnant.uuid, "discarded")  # audited, recoverable
    assert billed_time(conn) == before + 20 * SEC  # the step's tick aside, all of it


def test_a_session_still_running_after_the_step_keeps_its_resumed_piece(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 10 * MIN)
    resumed = step_back(tracker, clock)
    run_for(tracker, clock, 2 * MIN)  # longer than the grace period: work of its own
    end(tracker, clock, s)
    cut, then = sorted(live(conn), key=lambda e: e.end_reason is EndReason.ENDED)
    assert (cut.end, cut.end_reason) == (T0 + 10 * MIN, EndReason.SLEPT)
    assert (then.start, then.end) == (resumed, resumed + 2 * MIN)


def test_a_reconnect_after_a_step_back_continues_the_resumed_piece(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    """The session began 2.5 minutes before a 5-minute step: the piece resumed at the step
    starts (and ends) before the cut one on the wall clock. The reconnect continues the
    latest piece of the session — not the cut one, which ran from now would end before its
    cut and lose worked time."""
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 2 * MIN)
    resumed = step_back(tracker, clock)
    run_for(tracker, clock, 150 * SEC)
    end(tracker, clock, s)  # the connection drops …
    clock.advance(20 * SEC)
    again = session("k2", start=clock.now())  # … and comes back within the grace period
    tracker.handle(event(EventKind.STARTED, again, clock.now()))
    run_for(tracker, clock, MIN)
    end(tracker, clock, again)
    cut, then = sorted(live(conn), key=lambda e: e.start, reverse=True)
    assert (cut.start, cut.end, cut.end_reason) == (T0, T0 + 2 * MIN, EndReason.SLEPT)
    assert (then.start, then.end) == (resumed, resumed + 150 * SEC + 20 * SEC + MIN)
    assert session_links.linked_entry(conn, "anydesk", "k2") == then.uuid
    assert billed_time(conn) == 2 * MIN + 150 * SEC + 20 * SEC + MIN


def test_an_entry_is_never_reopened_to_before_its_end_after_the_clock_went_back(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    """The session ends just after the step (its time goes to the cut piece, which ends on
    the clock before the step) and reconnects: run from now, that piece would end before
    its end. It is carried on as a new piece, as at a cut: nothing it had is lost."""
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 10 * MIN)
    step_back(tracker, clock)
    clock.advance(20 * SEC)
    end(tracker, clock, s)
    clock.advance(20 * SEC)
    again = session("k2", start=clock.now())
    tracker.handle(event(EventKind.STARTED, again, clock.now()))
    started = clock.now()
    run_for(tracker, clock, MIN)
    end(tracker, clock, again)
    cut, then = sorted(live(conn), key=lambda e: e.start)
    assert (cut.start, cut.end) == (T0, T0 + 10 * MIN + 20 * SEC)  # not moved back
    assert (then.start, then.end, then.session_key) == (started, started + MIN, "k1")
    assert session_links.linked_entry(conn, "anydesk", "k2") == then.uuid
    assert billed_time(conn) == 10 * MIN + 20 * SEC + MIN
