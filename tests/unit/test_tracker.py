"""The tracker on a real store with a ManualClock: sessions → entries, heartbeats, recovery,
sleep, reconnects, refused attempts, overlaps, manual timers, a full disk."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from tests.unit.tracker_support import (
    BEAT,
    GRACE_S,
    HEARTBEAT_S,
    MIN,
    T0,
    all_entries,
    event,
    run_for,
    session,
)
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.model import Status
from trayclock.domain.pricing import PricedRange, price_range
from trayclock.domain.session import EventKind, Outcome
from trayclock.store import audit, customers, db, entries, mappings, settings
from trayclock.tracker import Tracker


def price_stored(conn: sqlite3.Connection, rows: list[Entry]) -> PricedRange:
    """The entries priced by the one pricing path under the stored policy and terms."""
    terms = customers.list_all(conn, include_archived=True)
    return price_range(rows, terms, settings.policy(conn), now=T0)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def tracker(conn: sqlite3.Connection, clock: ManualClock) -> Tracker:
    return Tracker(conn, clock, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S)


def test_an_entry_is_written_the_moment_a_session_starts(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    entry = tracker.handle(event(EventKind.STARTED, session(name="Front desk"), T0))
    assert entry is not None and entry.running
    stored = entries.get(conn, entry.uuid)
    assert stored is not None and stored.partner_name == "Front desk" and stored.source == "anydesk"
    run_for(tracker, clock, 5 * MIN)
    beating = entries.get(conn, entry.uuid)
    assert beating is not None and beating.heartbeat == T0 + 5 * MIN and beating.end is None


def test_ended_closes_at_the_sessions_end(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 20 * MIN)
    done = s.with_changes(end=T0 + 19 * MIN, outcome=Outcome.COMPLETED)
    entry = tracker.handle(event(EventKind.ENDED, done, clock.now()))
    assert entry is not None and entry.end == T0 + 19 * MIN and entry.end_reason is EndReason.ENDED
    assert len(all_entries(conn)) == 1


def test_a_replayed_start_never_duplicates(tracker: Tracker, conn: sqlite3.Connection) -> None:
    first = tracker.handle(event(EventKind.STARTED, session(), T0))
    again = tracker.handle(event(EventKind.STARTED, session(), T0))
    assert first is not None and again is not None and again.uuid == first.uuid
    assert len(all_entries(conn)) == 1


def test_a_known_partner_attaches_the_customer_at_once(
    tracker: Tracker, conn: sqlite3.Connection
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0)
    mappings.remember(conn, "anydesk", "123456789", acme.id, partner_name="Old name", now=T0)
    entry = tracker.handle(event(EventKind.STARTED, session(name="New name"), T0))
    assert entry is not None and entry.customer_id == acme.id
    mapping = mappings.lookup(conn, "anydesk", "123456789")
    assert mapping is not None and mapping.partner_name == "New name"


def test_a_partner_id_learned_later_triggers_the_lookup(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0)
    mappings.remember(conn, "anydesk", "123456789", acme.id, partner_name=None, now=T0)
    alias_only = session(partner_id=None, name="Front desk")
    first = tracker.handle(event(EventKind.STARTED, alias_only, T0))
    assert first is not None and first.customer_id is None
    clock.advance(BEAT)
    known = alias_only.with_changes(partner_id="123456789", start=T0 - 10 * timedelta(seconds=1))
    updated = tracker.handle(event(EventKind.UPDATED, known, clock.now()))
    assert updated is not None and updated.uuid == first.uuid
    assert updated.customer_id == acme.id and updated.partner_id == "123456789"
    assert updated.start == T0 - 10 * timedelta(seconds=1)  # the log's exact start wins


def test_a_refused_session_is_a_visible_attempt_never_billable(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    tracker.handle(event(EventKind.STARTED, s, T0))
    clock.advance(20 * timedelta(seconds=1))
    refused = s.with_changes(end=clock.now(), outcome=Outcome.REFUSED)
    entry = tracker.handle(event(EventKind.ENDED, refused, clock.now()))
    assert entry is not None and entry.attempt and not entry.billable and not entry.discarded
    priced = price_stored(conn, [entry])
    (row,) = priced.rows
    assert row.priced is not None
    assert row.priced.status is Status.NON_BILLABLE and row.priced.amount == 0


def test_a_reconnect_within_grace_continues_the_same_entry(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    first = session("k1")
    entry = tracker.handle(event(EventKind.STARTED, first, T0))
    run_for(tracker, clock, 10 * MIN)
    tracker.handle(event(EventKind.ENDED, first.with_changes(end=clock.now()), clock.now()))
    run_for(tracker, clock, 2 * BEAT)  # the tray keeps ticking; 60 s later, a new session key
    second = session("k2", start=clock.now())
    again = tracker.handle(event(EventKind.STARTED, second, clock.now()))
    assert entry is not None and again is not None and again.uuid == entry.uuid and again.running
    run_for(tracker, clock, MIN)
    tracker.handle(event(EventKind.ENDED, second.with_changes(end=clock.now()), clock.now()))
    run_for(tracker, clock, MIN + BEAT)  # longer than the grace period
    late = session("k3", start=clock.now())
    separate = tracker.handle(event(EventKind.STARTED, late, clock.now()))
    assert separate is not None and separate.uuid != entry.uuid
    assert len(all_entries(conn)) == 2


def test_recover_closes_a_gone_session_at_its_last_heartbeat(
    conn: sqlite3.Connection, clock: ManualClock
) -> None:
    crashed = Tracker(conn, clock, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S)
    entry = crashed.handle(event(EventKind.STARTED, session(), T0))
    run_for(crashed, clock, 7 * MIN)
    clock.advance(20 * timedelta(seconds=1))  # killed between two heartbeats
    clock.advance(2 * timedelta(hours=1))  # … and restarted much later
    restarted = Tracker(conn, clock, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S)
    closed = restarted.recover()
    assert entry is not None and [e.uuid for e in closed] == [entry.uuid]
    assert closed[0].end == T0 + 7 * MIN and closed[0].end_reason is EndReason.RECOVERED
    assert restarted.running() == []
    # The session is reported again, long after: the same entry, the downtime a pause.
    again = restarted.handle(event(EventKind.UPDATED, session(), clock.now()))
    assert again is not None and again.uuid == entry.uuid and again.running
    (pause,) = again.pauses
    assert (pause.start, pause.end, pause.origin) == (T0 + 7 * MIN, clock.now(), "restart")
    assert len(all_entries(conn)) == 1


def test_recover_then_still_running_session_continues_the_entry(
    conn: sqlite3.Connection, clock: ManualClock
) -> None:
    crashed = Tracker(conn, clock, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S)
    entry = crashed.handle(event(EventKind.STARTED, session(), T0))
    run_for(crashed, clock, 5 * MIN)
    clock.advance(10 * timedelta(seconds=1))
    restarted = Tracker(conn, clock, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S)
    restarted.recover()
    continued = restarted.handle(event(EventKind.STARTED, session(), clock.now()))
    assert entry is not None and continued is not None
    assert continued.uuid == entry.uuid and continued.running
    assert len(all_entries(conn)) == 1
    fields = [r.field for r in audit.history(conn, entry.uuid)]
    assert fields.count("end") == 2  # closed by recovery, reopened: both in the trail


def test_recover_leaves_manual_timers_running(conn: sqlite3.Connection, clock: ManualClock) -> None:
    Tracker(conn, clock).start_manual(notes="phone call")
    clock.advance(10 * MIN)
    restarted = Tracker(conn, clock)
    assert restarted.recover() == []
    assert [e.notes for e in restarted.running()] == ["phone call"]


def test_a_sleep_is_a_pause_from_the_last_heartbeat_and_never_billed(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0)
    mappings.remember(conn, "anydesk", "123456789", acme.id, partner_name=None, now=T0)
    s = session()
    before = tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 10 * MIN)
    clock.sleep(3 * timedelta(hours=1))  # the lid was closed
    (paused,) = tracker.tick()
    assert before is not None and paused.uuid == before.uuid and paused.running
    (pause,) = paused.pauses
    assert (pause.start, pause.end, pause.origin) == (T0 + 10 * MIN, clock.now(), "sleep")
    assert paused.customer_id == acme.id
    run_for(tracker, clock, 5 * MIN)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    (entry,) = all_entries(conn)
    assert entry.worked(clock.now()) == 15 * MIN and entry.end_reason is EndReason.ENDED
    (row,) = price_stored(conn, [entry]).rows
    assert row.priced is not None and row.priced.raw_minutes == 15


def test_a_session_that_ended_during_the_sleep_leaves_no_phantom_piece(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    first = tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 10 * MIN)
    clock.sleep(timedelta(hours=1))
    # Detection reports the end (logged during the sleep) before the tray's timer ticks.
    done = s.with_changes(end=T0 + 30 * MIN, outcome=Outcome.COMPLETED)
    tracker.handle(event(EventKind.ENDED, done, clock.now()))
    live = [e for e in all_entries(conn) if not e.discarded]
    assert first is not None and [e.uuid for e in live] == [first.uuid]
    assert live[0].end == T0 + 10 * MIN and live[0].end_reason is EndReason.SLEPT
    assert live[0].pauses == ()  # it did not come back: no pause, nothing after the sleep
    assert tracker.running() == []


def test_overlap_flags_both_and_attach_reevaluates(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0)
    mappings.remember(conn, "anydesk", "111111111", acme.id, partner_name=None, now=T0)
    a = tracker.handle(event(EventKind.STARTED, session("a", "111111111"), T0))
    clock.advance(5 * MIN)
    b = tracker.handle(
        event(EventKind.STARTED, session("b", "222222222", start=clock.now()), clock.now())
    )
    assert a is not None and b is not None and b.overlap
    assert entries.get(conn, a.uuid).overlap  # type: ignore[union-attr]
    attached = tracker.attach(b.uuid, acme.id)
    assert not attached.overlap and not entries.get(conn, a.uuid).overlap  # type: ignore[union-attr]
    remembered = mappings.lookup(conn, "anydesk", "222222222")
    assert remembered is not None and remembered.customer_id == acme.id
    beta = customers.upsert(conn, "beta", "Beta", now=T0)
    assert tracker.attach(b.uuid, beta.id, remember=False).overlap
    assert mappings.lookup(conn, "anydesk", "222222222").customer_id == acme.id  # type: ignore[union-attr]


def test_manual_timer_start_stop_and_after_the_fact(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0)
    timer = tracker.start_manual(customer_id=acme.id, notes="phone: printer")
    run_for(tracker, clock, 12 * MIN)
    (stopped,) = tracker.stop_manual()
    assert stopped.uuid == timer.uuid and stopped.end == T0 + 12 * MIN
    assert tracker.stop_manual() == []
    added = tracker.add_manual(
        T0 - timedelta(hours=2), T0 - timedelta(hours=1), customer_id=acme.id
    )
    assert added.source == "manual" and added.end_reason is EndReason.MANUAL
    with pytest.raises(db.StoreError):
        tracker.add_manual(T0, T0)


def test_an_ended_event_for_an_unseen_session_records_it(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    clock.advance(timedelta(hours=1))
    done = session(start=T0, end=T0 + 25 * MIN, outcome=Outcome.COMPLETED, app="teamviewer")
    entry = tracker.handle(event(EventKind.ENDED, done, clock.now()))
    assert entry is not None and (entry.start, entry.end) == (T0, T0 + 25 * MIN)


def test_a_full_disk_queues_events_and_loses_none(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    first = tracker.handle(event(EventKind.STARTED, session("k1", "111"), T0))
    run_for(tracker, clock, 2 * MIN)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    clock.advance(BEAT)
    tracker.tick()  # heartbeat fails quietly
    # A burst of sessions while the disk is full: fill the pages, then nothing fits.
    results = [
        tracker.handle(
            event(EventKind.STARTED, session(f"n{i}", f"9{i}", start=clock.now()), clock.now())
        )
        for i in range(40)
    ]
    assert None in results and tracker.pending_events > 0
    conn.execute("PRAGMA max_page_count = 1073741823")  # space again
    clock.advance(BEAT)
    tracker.tick()
    assert tracker.pending_events == 0
    keys = {e.session_key for e in all_entries(conn)}
    assert keys == {"k1"} | {f"n{i}" for i in range(40)}
    assert first is not None and entries.get(conn, first.uuid).heartbeat == clock.now()  # type: ignore[union-attr]


def test_an_end_set_by_hand_is_never_reopened_by_detection(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    s = session()
    entry = tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 10 * MIN)
    assert entry is not None
    entries.edit(conn, entry.uuid, {"end": T0 + 5 * MIN}, now=clock.now())  # "I stopped at 5"
    run_for(tracker, clock, BEAT)
    again = tracker.handle(event(EventKind.UPDATED, s.with_changes(partner_name="x"), clock.now()))
    assert again is not None and again.uuid == entry.uuid and again.end == T0 + 5 * MIN
    assert tracker.running() == []


def test_a_lock_held_by_another_process_queues_the_event(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock, tmp_path: Path
) -> None:
    conn.execute("PRAGMA busy_timeout = 50")  # fail fast instead of the real 5 s wait
    holder = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # e.g. a long `trayclock entries import`
    assert tracker.handle(event(EventKind.STARTED, session(), T0)) is None
    assert tracker.pending_events == 1
    clock.advance(BEAT)
    assert tracker.tick() == []  # still locked: nothing lost, nothing raised
    holder.execute("COMMIT")
    holder.close()
    clock.advance(BEAT)
    tracker.tick()
    assert tracker.pending_events == 0
    (entry,) = all_entries(conn)
    assert entry.session_key == "k1" and entry.start == T0 and entry.heartbeat == clock.now()


def test_a_sleep_pause_that_cannot_be_saved_is_retried(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock, tmp_path: Path
) -> None:
    entry = tracker.handle(event(EventKind.STARTED, session(), T0))
    run_for(tracker, clock, 5 * MIN)
    clock.sleep(timedelta(hours=1))
    conn.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    assert tracker.tick() == []
    holder.execute("ROLLBACK")
    holder.close()
    woke = clock.now()
    clock.advance(BEAT)
    (paused,) = tracker.tick()
    # The pause ends at waking, not at the retry: a failed write loses no work time.
    assert entry is not None and paused.uuid == entry.uuid and paused.running
    assert [(p.start, p.end) for p in paused.pauses] == [(T0 + 5 * MIN, woke)]


def test_attaching_one_piece_attaches_the_sessions_other_unattached_pieces(
    tracker: Tracker, conn: sqlite3.Connection, clock: ManualClock
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0)
    beta = customers.upsert(conn, "beta", "Beta", now=T0)
    s = session()
    first = tracker.handle(event(EventKind.STARTED, s, T0))
    run_for(tracker, clock, 5 * MIN)
    tracker.handle(event(EventKind.ENDED, s.with_changes(end=clock.now()), clock.now()))
    run_for(tracker, clock, 5 * MIN)  # gone longer than the grace period, then back:
    second = tracker.handle(event(EventKind.UPDATED, s, clock.now()))  # a second piece
    assert second is not None and first is not None and second.uuid != first.uuid
    run_for(tracker, clock, 5 * MIN)
    other = tracker.handle(event(EventKind.STARTED, session("k2", "555"), clock.now()))
    assert first is not None and other is not None
    attached = tracker.attach(second.uuid, acme.id)
    assert attached.customer_id == acme.id
    piece = entries.get(conn, first.uuid)
    assert piece is not None and piece.customer_id == acme.id
    assert [r.reason for r in audit.history(conn, first.uuid) if r.field == "customer_id"] == [
        "attached (partner not remembered)"
    ]
    assert entries.get(conn, other.uuid).customer_id is None  # type: ignore[union-attr]
    # Already attached pieces keep their customer: the tech decided for each.
    tracker.attach(first.uuid, beta.id, remember=False)
    assert entries.get(conn, second.uuid).customer_id == acme.id  # type: ignore[union-attr]
    mapping = mappings.lookup(conn, "anydesk", "123456789")
    assert mapping is not None and mapping.customer_id == acme.id
