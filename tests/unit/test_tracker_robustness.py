"""The tracker when things go wrong: failed writes, clock steps, refused retries, restarts,
a poisoned queue, sleeps, sessions that ended while trayclock was down."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any
from unittest import mock

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
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.session import EventKind, Outcome, SessionEvent
from trayclock.store import customers, db, entries, mappings, session_links
from trayclock.tracker import Tracker

SEC = timedelta(seconds=1)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def tracker(conn: sqlite3.Connection, clock: ManualClock) -> Tracker:
    return new_tracker(conn, clock)


# --- 1. failed heartbeats are not a sleep -----------------------------------------------------


def test_heartbeats_failing_longer_than_the_sleep_gap_are_not_a_sleep(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 5 * MIN)

    def full(*_: Any, **__: Any) -> None:
        raise db.StoreFullError("disk full")

    with mock.patch.object(entries, "heartbeat", full):
        run_for(tracker, clock, 2 * MIN)  # awake, session running, nothing can be written
    run_for(tracker, clock, 5 * MIN)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    (entry,) = all_entries(conn)
    assert (entry.start, entry.end, entry.end_reason) == (T0, T0 + 12 * MIN, EndReason.ENDED)


# --- 2. the wall clock steps back -------------------------------------------------------------


def test_a_backwards_clock_step_is_a_cut_and_loses_no_work(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 10 * MIN)
    clock.advance(-timedelta(hours=1))  # NTP / a local-time RTC corrects the clock
    run_for(tracker, clock, 20 * MIN)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    cut = {p.end_reason: p for p in live(conn)}
    assert set(cut) == {EndReason.SLEPT, EndReason.ENDED}
    assert cut[EndReason.SLEPT].end == T0 + 10 * MIN  # closed at its last heartbeat, not shrunk
    # the first tick after the step sees the jump; the piece starts there
    assert billed_time(conn) == 30 * MIN - BEAT


def test_a_log_start_learned_after_a_step_back_stays_with_the_first_piece(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    """TeamViewer's record (its exact start) comes at the end, after a step back cut the
    session: the continuation starts earlier on the wall clock than the first piece, but it
    is no first piece; moved to the log's start it covered the first piece whole (found by
    the week simulation)."""
    clock.advance(MIN)  # the window is first seen a minute after the session began
    s = session(start=clock.now())
    tracker.handle(event(EventKind.STARTED, s, clock.now()))
    run_for(tracker, clock, 4 * MIN)
    clock.advance(-150 * SEC)  # NTP sets the clock back
    run_for(tracker, clock, 3 * MIN)
    learned = s.with_changes(start=T0)  # the record: the session began at T0
    tracker.handle(event(EventKind.UPDATED, learned, clock.now()))
    tracker.handle(event(EventKind.ENDED, learned.with_changes(end=clock.now()), clock.now()))
    first, then = sorted(live(conn), key=lambda e: e.end or clock.now())
    assert first.end is not None and then.start > first.start  # the continuation kept its own
    assert billed_time(conn) == 7 * MIN - BEAT  # 4 + 3 minutes seen, the step's tick lost


def test_an_end_is_never_clamped_to_before_the_last_heartbeat(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 10 * MIN)
    clock.advance(-20 * SEC)  # a small step back, under one heartbeat: no cut
    done = s.with_changes(end=T0 + 10 * MIN, outcome=Outcome.COMPLETED)
    entry = tracker.handle(event(EventKind.ENDED, done, clock.now()))
    assert entry is not None and entry.end == T0 + 10 * MIN and len(all_entries(conn)) == 1


# --- 3. a refused retry within grace ----------------------------------------------------------


def test_a_refused_retry_within_grace_leaves_the_real_session_billable(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    first = session("k1")
    real = tracker.handle(event(EventKind.STARTED, first, T0))
    run_for(tracker, clock, 30 * MIN)
    done = first.with_changes(end=clock.now(), outcome=Outcome.COMPLETED)
    tracker.handle(event(EventKind.ENDED, done, clock.now()))
    clock.advance(20 * SEC)
    retry = session("k2", start=clock.now())
    tracker.handle(event(EventKind.STARTED, retry, clock.now()))
    clock.advance(3 * SEC)
    refused = retry.with_changes(end=clock.now(), outcome=Outcome.REFUSED)
    attempt = tracker.handle(event(EventKind.ENDED, refused, clock.now()))
    assert real is not None and attempt is not None and attempt.uuid != real.uuid
    kept = entries.get(conn, real.uuid)
    assert kept is not None and kept.billable and not kept.attempt
    assert (kept.end, kept.end_reason) == (T0 + 30 * MIN, EndReason.ENDED)
    assert attempt.attempt and not attempt.billable and attempt.session_key == "k2"
    assert (attempt.start, attempt.end) == (T0 + 30 * MIN + 20 * SEC, clock.now())
    assert session_links.linked_entry(conn, "anydesk", "k2") == attempt.uuid


# --- 4. a manual timer across a shutdown ------------------------------------------------------


def test_a_timer_running_through_a_shutdown_does_not_bill_the_downtime(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    timer = tracker.start_manual(notes="phone call")
    run_for(tracker, clock, 5 * MIN)
    clock.set(T0 + timedelta(hours=23))  # powered off overnight
    restarted = new_tracker(conn, clock)
    (running,) = restarted.running()
    assert running.uuid == timer.uuid and running.notes == "phone call"
    (downtime,) = running.pauses  # the night is a pause of the same timer
    assert (downtime.start, downtime.end, downtime.origin) == (T0 + 5 * MIN, clock.now(), "restart")
    run_for(restarted, clock, MIN)
    restarted.stop_manual()
    assert billed_time(conn) == 6 * MIN and len(all_entries(conn)) == 1


def test_a_timer_across_a_sleep_gets_the_sleep_as_a_pause(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    timer = tracker.start_manual(notes="phone call")
    run_for(tracker, clock, 5 * MIN)
    clock.sleep(timedelta(hours=1))  # the tech was not working while the laptop slept
    (paused,) = tracker.tick()
    run_for(tracker, clock, 2 * MIN)
    (stopped,) = tracker.stop_manual()
    assert paused.uuid == stopped.uuid == timer.uuid
    assert [(p.start, p.origin) for p in stopped.pauses] == [(T0 + 5 * MIN, "sleep")]
    assert billed_time(conn) == 7 * MIN


def test_a_timer_started_with_no_tray_running_is_left_whole(
    conn: sqlite3.Connection, clock: ManualClock
) -> None:
    timer = Tracker(conn, clock).start_manual(notes="from the command line")  # never ticked
    clock.advance(timedelta(hours=1))
    restarted = new_tracker(conn, clock)
    assert [e.uuid for e in restarted.running()] == [timer.uuid]
    assert restarted.running()[0].start == T0


# --- 5. a poisoned queue ----------------------------------------------------------------------


def test_an_event_failing_for_good_on_replay_is_set_aside(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    real_apply = Tracker._apply
    calls = {"n": 0}

    def flaky(self: Tracker, ev: SessionEvent) -> Entry:
        calls["n"] += 1
        if calls["n"] == 1:
            raise db.StoreBusyError("busy")
        if ev.session.key == "k1":
            raise db.StoreError("could not save: SQLITE_IOERR_FSYNC")
        return real_apply(self, ev)

    poisoned = event(EventKind.STARTED, session("k1"), T0)
    with mock.patch.object(Tracker, "_apply", flaky):
        assert tracker.handle(poisoned) is None
        clock.advance(BEAT)
        tracker.tick()
        later = session("k2", "555", start=clock.now())
        handled = tracker.handle(event(EventKind.STARTED, later, clock.now()))
    assert handled is not None and handled.session_key == "k2"
    assert tracker.pending_events == 0
    assert tracker.dropped_events == [poisoned] and tracker.dropped_count == 1


# --- 6. a customer learned later attaches every piece ----------------------------------------


def test_a_customer_learned_after_a_sleep_attaches_the_earlier_pieces_too(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0)
    mappings.remember(conn, "teamviewer", "987654321", acme.id, partner_name=None, now=T0)
    s = session("w1", None, name="Front Desk", app="teamviewer")
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 5 * MIN)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    run_for(tracker, clock, 5 * MIN)  # the window came back after the grace period
    tracker.handle(event(EventKind.UPDATED, s, clock.now()))
    run_for(tracker, clock, 5 * MIN)
    known = s.with_changes(partner_id="987654321")
    tracker.handle(event(EventKind.UPDATED, known, clock.now()))
    tracker.handle(event(EventKind.ENDED, known.with_changes(end=clock.now()), clock.now()))
    pieces = live(conn)
    assert len(pieces) == 2
    assert {(p.customer_id, p.partner_id) for p in pieces} == {(acme.id, "987654321")}


# --- 7. after a sleep: came back or not ---------------------------------------------------


def test_a_session_ending_within_grace_of_waking_did_not_come_back(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    first = tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 20 * MIN)
    clock.sleep(40 * MIN)
    (paused,) = tracker.tick()
    clock.advance(5 * SEC)  # the app logs the close just after waking
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    assert first is not None and [e.uuid for e in live(conn)] == [first.uuid] == [paused.uuid]
    ended = entries.get(conn, first.uuid)
    assert ended is not None and (ended.end, ended.end_reason) == (T0 + 20 * MIN, EndReason.SLEPT)
    assert ended.pauses == ()
    assert any("did not come back" in r for r in reasons(conn, first.uuid, "end"))
    assert tracker.running() == [] and billed_time(conn) == 20 * MIN


def test_a_session_that_runs_on_after_waking_is_one_entry_with_a_pause(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 10 * MIN)
    clock.sleep(40 * MIN)
    tracker.tick()
    run_for(tracker, clock, 5 * MIN)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    assert len(live(conn)) == 1 and billed_time(conn) == 15 * MIN


def test_a_reconnect_after_waking_continues_the_entry_with_the_sleep_paused(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session("k1")
    first = tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 10 * MIN)
    clock.sleep(30 * MIN)  # the connection dropped while the laptop slept
    tracker.tick()
    clock.advance(5 * SEC)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    clock.advance(20 * SEC)  # the app reconnects to the same partner: a new session key
    again = tracker.handle(event(EventKind.STARTED, session("k2", start=clock.now()), clock.now()))
    assert first is not None and again is not None and again.uuid == first.uuid and again.running
    (pause,) = again.pauses
    assert (pause.start, pause.end) == (T0 + 10 * MIN, clock.now())
    run_for(tracker, clock, 10 * MIN)
    tracker.handle(event(EventKind.ENDED, session("k2", end=clock.now()), clock.now()))
    assert len(live(conn)) == 1 and billed_time(conn) == 20 * MIN


# --- 8. a TeamViewer window across a restart --------------------------------------------------


def test_a_window_session_across_a_restart_is_recorded_once(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    before = session("window-0900", None, name="Front Desk", app="teamviewer")
    first = tracker.handle(event(EventKind.STARTED, before, T0))
    run_for(tracker, clock, 10 * MIN)
    clock.set(T0 + 15 * MIN)  # trayclock was down 09:10–09:15
    restarted = new_tracker(conn, clock)
    after = session("window-0915", None, name="Front Desk", app="teamviewer", start=clock.now())
    restarted.handle(event(EventKind.STARTED, after, clock.now()))
    run_for(restarted, clock, 15 * MIN)
    # Connections.txt: the exact start and the partner ID, for the same session
    logged = after.with_changes(partner_id="987654321", start=T0 - SEC)
    restarted.handle(event(EventKind.UPDATED, logged, clock.now()))
    done = logged.with_changes(end=clock.now(), outcome=Outcome.COMPLETED)
    restarted.handle(event(EventKind.ENDED, done, clock.now()))
    (entry,) = live(conn)
    assert (entry.start, entry.end) == (T0 - SEC, T0 + 30 * MIN)
    assert entry.partner_id == "987654321" and entry.end_reason is EndReason.ENDED
    assert first is not None
    duplicate = entries.get(conn, first.uuid)
    assert duplicate is not None and duplicate.discarded


# --- 9. work that ended while trayclock was down ----------------------------------------------


def test_a_started_session_that_already_ended_is_stored_closed_once(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    clock.set(T0 + timedelta(hours=1))
    ended = session("k9", start=T0 + 45 * MIN, end=T0 + 55 * MIN, outcome=Outcome.COMPLETED)
    entry = tracker.handle(event(EventKind.STARTED, ended, clock.now()))
    assert entry is not None and (entry.start, entry.end) == (T0 + 45 * MIN, T0 + 55 * MIN)
    assert tracker.running() == []
    clock.advance(BEAT)
    tracker.handle(event(EventKind.STARTED, ended, clock.now()))
    tracker.handle(event(EventKind.ENDED, ended, clock.now()))
    (stored,) = all_entries(conn)
    assert stored.uuid == entry.uuid and stored.end == T0 + 55 * MIN


def test_the_log_extends_an_entry_closed_by_recovery(
    conn: sqlite3.Connection, clock: ManualClock
) -> None:
    killed = new_tracker(conn, clock)
    s = session()
    entry = killed.handle(event(EventKind.STARTED, s, T0))
    run_for(killed, clock, 10 * MIN)
    clock.set(T0 + timedelta(hours=1))  # killed at 09:10, back at 10:00
    restarted = new_tracker(conn, clock)
    done = s.with_changes(end=T0 + 40 * MIN, outcome=Outcome.COMPLETED)
    restarted.handle(event(EventKind.STARTED, done, clock.now()))
    restarted.handle(event(EventKind.ENDED, done, clock.now()))
    assert entry is not None
    (stored,) = all_entries(conn)
    assert stored.uuid == entry.uuid and stored.end == T0 + 40 * MIN
    assert "the log says the session ended later" in reasons(conn, entry.uuid, "end")[-1]
    assert restarted.running() == []


# --- 10. an alias-only window attached before its partner ID ----------------------------------


@pytest.mark.parametrize("remember", [True, False])
def test_a_partner_id_arriving_after_the_attach_is_remembered_if_asked(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock, remember: bool
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0)
    alias = session("w1", None, name="Front Desk", app="teamviewer")
    entry = tracker.handle(event(EventKind.STARTED, alias, T0))
    assert entry is not None
    tracker.attach(entry.uuid, acme.id, remember=remember)
    clock.advance(BEAT)
    tracker.handle(event(EventKind.UPDATED, alias.with_changes(partner_id="42"), clock.now()))
    mapping = mappings.lookup(conn, "teamviewer", "42")
    if remember:
        assert mapping is not None and mapping.customer_id == acme.id
        assert mapping.partner_name == "Front Desk"
    else:
        assert mapping is None


# --- 11. a later start never moves the start ------------------------------------------------


def test_an_update_with_a_later_start_never_moves_the_start_later(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    entry = tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 5 * MIN)
    seen_again = s.with_changes(start=T0 + 4 * MIN)  # e.g. the window seen again after a restart
    updated = tracker.handle(event(EventKind.UPDATED, seen_again, clock.now()))
    assert entry is not None and updated is not None and updated.uuid == entry.uuid
    assert updated.start == T0
