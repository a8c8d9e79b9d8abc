"""The tracker's rules as pure code: event + facts + memory + now + timing → plan, no SQLite.

One test (or two) per rule of `trayclock.tracker`'s docstring, in its order. The overlap
flag is the store's (tests/unit/test_store_repositories.py); recovery of timers and the
sleep cut write through the store (tests/unit/test_tracker*.py); the clock watch and the
event queue are pure and tested here.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.unit.tracker_support import T0, session
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry, PartnerMapping
from trayclock.domain.pauses import PauseOrigin, PauseState
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store.db import StoreBusyError, StoreError
from trayclock.tracker import ATTACHED, ATTACHED_ONLY, REFUSED_REASON
from trayclock.tracker.draft import FactsMissing
from trayclock.tracker.facts import SessionFacts
from trayclock.tracker.plan import (
    Change,
    ContinueAsPiece,
    Insert,
    Link,
    Merge,
    NotePartnerName,
    Plan,
    RememberPartner,
    Reopened,
)
from trayclock.tracker.queue import PENDING_LIMIT, EventQueue
from trayclock.tracker.rules import decide
from trayclock.tracker.timing import ClockWatch, Jump, JumpKind, Timing

SEC = timedelta(seconds=1)
MIN = timedelta(minutes=1)
TIMING = Timing.of(heartbeat_s=30, grace_s=60)
PARTNER = "123456789"


def stored(
    uuid: str,
    start: datetime,
    end: datetime | None = None,
    *,
    key: str | None = "k1",
    partner_id: str | None = PARTNER,
    end_reason: EndReason | None = None,
    heartbeat: datetime | None = None,
    source: str = "anydesk",
    **fields: Any,
) -> Entry:
    """An entry as the store holds it (ENDED when it has an end, unless told otherwise)."""
    if end is not None and end_reason is None:
        end_reason = EndReason.ENDED
    return Entry(
        uuid=uuid,
        source=source,
        session_key=key,
        start=start,
        end=end,
        heartbeat=heartbeat or end or start,
        end_reason=end_reason,
        partner_id=partner_id,
        **fields,
    )


def facts(
    *,
    linked: Entry | None = None,
    latest: Entry | None = None,
    pieces: tuple[Entry, ...] = (),
    recovered: tuple[Entry, ...] = (),
    mapping: PartnerMapping | None = None,
    attach_reasons: Mapping[str, str | None] | None = None,
    s: RemoteSession,
    now: datetime,
) -> SessionFacts:
    """Facts as `read_facts` would read them for session `s`: the linked entry's pieces, the
    recovered entries over the whole day, the mapping of the partner in play."""
    earlier = [e for e in (linked, latest) if e is not None]
    sessions = {(s.app, s.key)} | {
        (e.source, e.session_key) for e in (*earlier, *recovered) if e.session_key
    }
    return SessionFacts(
        linked=linked,
        partner_latest=latest,
        pieces=pieces or tuple(earlier),
        sessions=frozenset(sessions),
        recovered=recovered,
        recovered_sources=frozenset(e.source for e in earlier),
        recovered_window=(T0 - timedelta(hours=12), now + timedelta(hours=12)) if earlier else None,
        partner_id=s.partner_id or (linked.partner_id if linked else None),
        mapping=mapping,
        attach_reasons={
            **{e.uuid: None for e in earlier if e.customer_id is not None},
            **(attach_reasons or {}),
        },
    )


def plan_for(
    kind: EventKind,
    s: RemoteSession,
    now: datetime,
    *,
    at: datetime | None = None,
    reopened: Mapping[str, Reopened] | None = None,
    **known: Any,
) -> Plan:
    numbers = itertools.count(1)
    return decide(
        SessionEvent(kind, s, at or now),
        facts(s=s, now=now, **known),
        reopened or {},
        now,
        TIMING,
        lambda: f"new-{next(numbers)}",
    )


def inserted(plan: Plan) -> list[Entry]:
    return [step.entry for step in plan.steps if isinstance(step, Insert)]


def changes(plan: Plan, uuid: str) -> list[tuple[dict[str, Any], str]]:
    return [
        (dict(s.changes), s.reason) for s in plan.steps if isinstance(s, Change) and s.uuid == uuid
    ]


def mapped(customer_id: int = 7, name: str | None = None) -> PartnerMapping:
    return PartnerMapping("anydesk", PARTNER, customer_id, name, T0)


# --- an entry the moment a session starts; one entry per session key ----------------------


def test_a_start_writes_a_running_entry_and_links_the_session_to_it() -> None:
    s = session(name="Front desk")
    plan = plan_for(EventKind.STARTED, s, T0 + 2 * SEC)
    (entry,) = inserted(plan)
    assert (entry.start, entry.end, entry.heartbeat) == (T0, None, T0 + 2 * SEC)
    assert (entry.partner_id, entry.partner_name, entry.session_key) == (
        PARTNER,
        "Front desk",
        "k1",
    )
    assert Link("anydesk", "k1", entry.uuid) in plan.steps and plan.result == entry.uuid


def test_a_replayed_start_changes_nothing() -> None:
    running = stored("e1", T0)
    plan = plan_for(EventKind.STARTED, session(), T0 + MIN, linked=running)
    assert plan.steps == () and plan.result == "e1"


# --- the partner mapping ------------------------------------------------------------------


def test_a_known_partner_attaches_its_customer_and_keeps_the_partners_name() -> None:
    s = session(name="New name")
    plan = plan_for(EventKind.STARTED, s, T0, mapping=mapped(7, "Old name"))
    (entry,) = inserted(plan)
    assert changes(plan, entry.uuid) == [({"customer_id": 7}, "detected")]
    assert NotePartnerName("anydesk", PARTNER, "New name") in plan.steps


def test_a_partner_id_learned_later_looks_the_customer_up_then() -> None:
    alias_only = stored("e1", T0, partner_id=None)
    known = session(start=T0 - 10 * SEC)
    plan = plan_for(EventKind.UPDATED, known, T0 + MIN, linked=alias_only, mapping=mapped())
    assert changes(plan, "e1") == [
        ({"partner_id": PARTNER, "start": T0 - 10 * SEC, "customer_id": 7}, "detected")
    ]


# --- refused sessions ---------------------------------------------------------------------


def test_a_refused_session_is_an_attempt_never_billable() -> None:
    running = stored("e1", T0)
    refused = session(end=T0 + 20 * SEC, outcome=Outcome.REFUSED)
    plan = plan_for(EventKind.ENDED, refused, T0 + 20 * SEC, linked=running)
    assert changes(plan, "e1") == [
        ({"attempt": True, "billable": False}, REFUSED_REASON),
        (
            {"end": T0 + 20 * SEC, "end_reason": EndReason.ENDED, "heartbeat": T0 + 20 * SEC},
            "ended",
        ),
    ]


def test_a_refused_retry_gives_the_reopened_entry_its_end_back_and_is_its_own_attempt() -> None:
    real = stored("e1", T0)  # reopened by the retry k2, as the memory says
    how = Reopened(T0 + 30 * MIN, EndReason.ENDED)
    now = T0 + 30 * MIN + 23 * SEC
    refused = session("k2", start=now - 3 * SEC, end=now, outcome=Outcome.REFUSED)
    plan = plan_for(EventKind.ENDED, refused, now, linked=real, reopened={"e1": how})
    assert changes(plan, "e1") == [
        (
            {"end": how.end, "end_reason": EndReason.ENDED},
            "reconnect k2 was refused: previous end restored",
        )
    ]
    (attempt,) = inserted(plan)
    assert attempt.attempt and not attempt.billable and attempt.session_key == "k2"
    assert (attempt.start, attempt.end) == (now - 3 * SEC, now)
    assert Link("anydesk", "k2", attempt.uuid) in plan.steps and plan.result == attempt.uuid
    assert plan.reopened == {"e1": None}  # forgotten once used


# --- reconnects within the grace period ----------------------------------------------------


def test_a_reconnect_within_grace_reopens_the_partners_entry() -> None:
    ended = stored("e1", T0, T0 + 10 * MIN)
    now = T0 + 10 * MIN + 50 * SEC
    plan = plan_for(EventKind.STARTED, session("k2", start=now), now, latest=ended)
    assert inserted(plan) == []
    assert changes(plan, "e1") == [
        ({"end": None, "end_reason": None, "heartbeat": now}, "reconnect within grace (k2)")
    ]
    assert Link("anydesk", "k2", "e1") in plan.steps
    assert plan.reopened == {"e1": Reopened(T0 + 10 * MIN, EndReason.ENDED)}


def test_a_reconnect_after_the_grace_period_is_a_new_entry() -> None:
    ended = stored("e1", T0, T0 + 10 * MIN)
    now = T0 + 11 * MIN + SEC
    plan = plan_for(EventKind.STARTED, session("k2", start=now), now, latest=ended)
    assert [e.session_key for e in inserted(plan)] == ["k2"] and changes(plan, "e1") == []


@pytest.mark.parametrize(
    "decided",
    [{"end_reason": EndReason.MANUAL}, {"discarded": True}],
    ids=["end by hand", "discarded"],
)
def test_the_persons_decision_is_never_reopened(decided: dict[str, Any]) -> None:
    ended = stored("e1", T0, T0 + 10 * MIN).with_changes(**decided)
    now = T0 + 10 * MIN + 5 * SEC
    reconnect = plan_for(EventKind.STARTED, session("k2", start=now), now, latest=ended)
    assert changes(reconnect, "e1") == [] and len(inserted(reconnect)) == 1
    seen_again = plan_for(EventKind.UPDATED, session(name="x"), now, linked=ended)
    assert all("end" not in c for c, _ in changes(seen_again, "e1"))


# --- one session, one customer; a partner ID learned after the attach -----------------------


def test_a_customer_found_later_attaches_every_unattached_piece_of_the_session() -> None:
    before_sleep = stored("p1", T0, T0 + 5 * MIN, partner_id=None, end_reason=EndReason.SLEPT)
    gone = stored("p0", T0 - MIN, T0, partner_id=None, discarded=True)
    piece = stored("p2", T0 + 25 * MIN, partner_id=None)
    pieces = (gone, before_sleep, piece)
    plan = plan_for(
        EventKind.UPDATED, session(), T0 + 30 * MIN, linked=piece, pieces=pieces, mapping=mapped()
    )
    assert changes(plan, "p2") == [({"partner_id": PARTNER, "customer_id": 7}, "detected")]
    assert changes(plan, "p1") == [
        ({"customer_id": 7, "partner_id": PARTNER}, "detected: same session as p2")
    ]
    assert changes(plan, "p0") == []  # discarded: left alone


@pytest.mark.parametrize("how, remembered", [(ATTACHED, True), (ATTACHED_ONLY, False)])
def test_a_partner_id_after_the_attach_is_remembered_only_if_asked(
    how: str, remembered: bool
) -> None:
    attached = stored("e1", T0, partner_id=None, customer_id=3).with_changes(
        partner_name="Front Desk"
    )
    s = session("w1", "42", name="Front Desk")
    plan = plan_for(EventKind.UPDATED, s, T0 + MIN, linked=attached, attach_reasons={"e1": how})
    wanted = RememberPartner("anydesk", "42", 3, "Front Desk")
    assert (wanted in plan.steps) is remembered


# --- recovery after a crash ---------------------------------------------------------------


def test_a_recovered_session_still_running_within_grace_continues_its_entry() -> None:
    recovered = stored("e1", T0, T0 + 5 * MIN, end_reason=EndReason.RECOVERED)
    now = T0 + 5 * MIN + 10 * SEC
    plan = plan_for(EventKind.STARTED, session(), now, linked=recovered)
    assert changes(plan, "e1") == [
        ({"end": None, "end_reason": None, "heartbeat": now}, "session still running")
    ]


def test_a_recovered_session_running_after_longer_continues_with_the_downtime_paused() -> None:
    recovered = stored("e1", T0, T0 + 7 * MIN, end_reason=EndReason.RECOVERED)
    now = T0 + 2 * timedelta(hours=1)
    plan = plan_for(EventKind.UPDATED, session(), now, linked=recovered)
    ((change, why),) = changes(plan, "e1")
    assert (change["end"], change["end_reason"], change["heartbeat"]) == (None, None, now)
    (pause,) = change["pauses"]
    assert (pause.start, pause.end, pause.state, pause.origin) == (
        T0 + 7 * MIN,
        now,
        PauseState.ACCEPTED,
        PauseOrigin.RESTART,
    )
    assert "trayclock was not running" in why and plan.result == "e1"


def test_a_session_detection_ended_back_after_longer_starts_a_new_piece() -> None:
    ended = stored("e1", T0, T0 + 7 * MIN)
    now = T0 + 2 * timedelta(hours=1)
    plan = plan_for(EventKind.UPDATED, session(), now, linked=ended)
    (step,) = plan.steps
    assert isinstance(step, ContinueAsPiece) and (step.entry, step.start) == (ended, now)
    assert plan.result == step.piece_uuid


def test_the_log_extends_an_end_set_by_recovery() -> None:
    recovered = stored("e1", T0, T0 + 10 * MIN, end_reason=EndReason.RECOVERED)
    done = session(end=T0 + 40 * MIN, outcome=Outcome.COMPLETED)
    plan = plan_for(EventKind.ENDED, done, T0 + timedelta(hours=1), linked=recovered)
    assert changes(plan, "e1") == [
        (
            {"end": T0 + 40 * MIN, "heartbeat": T0 + 40 * MIN},
            "the log says the session ended later (trayclock was down)",
        )
    ]


def test_a_start_of_work_that_already_ended_is_stored_closed_in_the_same_plan() -> None:
    ended = session("k9", start=T0 + 45 * MIN, end=T0 + 55 * MIN, outcome=Outcome.COMPLETED)
    plan = plan_for(EventKind.STARTED, ended, T0 + timedelta(hours=1))
    (entry,) = inserted(plan)
    assert changes(plan, entry.uuid) == [
        (
            {
                "end": T0 + 55 * MIN,
                "end_reason": EndReason.ENDED,
                "heartbeat": T0 + timedelta(hours=1),
            },
            "ended",
        )
    ]
    assert [type(s) for s in plan.steps] == [Insert, Link, Change]


# --- a window session across a restart ---------------------------------------------------


def window_case(*, customer: int | None = None, logged_start: datetime = T0 - SEC) -> Plan:
    """Window key w0900 recorded until a kill at 09:10; after the restart the same session is
    w0915; Connections.txt then brings the partner ID and the exact start."""
    before = stored(
        "w0900",
        T0,
        T0 + 10 * MIN,
        key="window-0900",
        partner_id=None,
        source="teamviewer",
        end_reason=EndReason.RECOVERED,
        partner_name="Front Desk",
        customer_id=customer,
    )
    after = stored(
        "w0915",
        T0 + 15 * MIN,
        key="window-0915",
        partner_id=None,
        source="teamviewer",
        partner_name="Front Desk",
        heartbeat=T0 + 30 * MIN,
        customer_id=2,
    )
    logged = session(
        "window-0915", "987654321", start=logged_start, name="Front Desk", app="teamviewer"
    )
    return plan_for(EventKind.UPDATED, logged, T0 + 30 * MIN, linked=after, recovered=(before,))


def test_a_recovered_entry_of_the_same_window_session_is_merged_into_it() -> None:
    plan = window_case()
    assert changes(plan, "w0915") == [({"partner_id": "987654321", "start": T0 - SEC}, "detected")]
    assert Merge(("w0915", "w0900")) in plan.steps
    assert plan.result == "w0915"  # it starts first now: the recovered one is the duplicate


def test_a_merge_kept_in_the_recovered_entry_takes_the_new_ones_partner_and_heartbeat() -> None:
    plan = window_case(logged_start=T0 + SEC)  # the log's start is after w0900's first sighting
    assert Merge(("w0915", "w0900")) in plan.steps and plan.result == "w0900"
    assert changes(plan, "w0900") == [
        (
            {"partner_id": "987654321", "partner_name": "Front Desk", "heartbeat": T0 + 30 * MIN},
            "same session across a restart",
        )
    ]


def test_entries_the_tech_gave_different_customers_are_never_merged() -> None:
    assert not any(isinstance(s, Merge) for s in window_case(customer=1).steps)


# --- a clock jump, an end never before the last heartbeat, after-sleep remnants -------------


def test_a_clock_jump_forward_or_back_is_seen_once_and_small_steps_are_not() -> None:
    clock = ManualClock(T0)
    watch = ClockWatch(TIMING)
    watch.started(clock.now(), clock.uptime())
    for step in (30 * SEC, 50 * SEC, -20 * SEC):  # ticks; a 20 s step back
        clock.advance(step)
        watch.look(clock.now(), clock.uptime())
    assert watch.due is None
    clock.step(3 * MIN)  # the wall clock alone, more than the sleep gap (2 heartbeats)
    assert watch.look(clock.now(), clock.uptime()) == Jump(JumpKind.FORWARD, clock.now(), 3 * MIN)
    seen = clock.now()
    clock.advance(MIN)
    assert watch.look(clock.now(), clock.uptime()) == Jump(
        JumpKind.FORWARD, seen, 3 * MIN
    )  # until saved
    watch.handled()
    back = ManualClock(clock.now())
    back.step(-31 * SEC)  # back by more than a heartbeat: an NTP step
    assert watch.classify(back.now(), clock.uptime()) is JumpKind.BACK
    back.step(2 * SEC)
    assert watch.classify(back.now(), clock.uptime()) is None


def test_a_stall_of_our_process_is_no_sleep_and_a_sleep_is_one() -> None:
    clock = ManualClock(T0)
    watch = ClockWatch(TIMING)
    watch.started(clock.now(), clock.uptime())
    clock.stall(95 * SEC)  # a 90 s regex held the GIL: wall and awake time moved together
    assert watch.look(clock.now(), clock.uptime()) is None
    clock.stall(timedelta(hours=2))  # however long
    assert watch.look(clock.now(), clock.uptime()) is None
    clock.sleep(30 * MIN)  # the lid closed: the wall clock jumps, the asleep time grows
    assert watch.look(clock.now(), clock.uptime()) == Jump(JumpKind.SLEEP, clock.now(), 30 * MIN)
    watch.handled()
    clock.sleep(45 * SEC)  # shorter than the sleep gap: time passing, nothing cut
    assert watch.look(clock.now(), clock.uptime()) is None


def test_an_end_is_never_before_the_last_heartbeat() -> None:
    beating = stored("e1", T0, heartbeat=T0 + 10 * MIN)
    done = session(end=T0 + 10 * MIN, outcome=Outcome.COMPLETED)
    plan = plan_for(EventKind.ENDED, done, T0 + 10 * MIN - 20 * SEC, linked=beating)
    assert changes(plan, "e1")[0][0]["end"] == T0 + 10 * MIN


def test_a_piece_ending_within_grace_of_waking_is_an_after_sleep_remnant() -> None:
    slept = stored("p1", T0, T0 + 20 * MIN, end_reason=EndReason.SLEPT)
    woke = T0 + 60 * MIN
    piece = stored("p2", woke, heartbeat=woke)
    done = session(end=woke + 5 * SEC, outcome=Outcome.COMPLETED)
    plan = plan_for(EventKind.ENDED, done, woke + 5 * SEC, linked=piece, pieces=(slept, piece))
    assert [c for c, _ in changes(plan, "p2")] == [
        {"end": woke + 5 * SEC, "end_reason": EndReason.ENDED, "heartbeat": woke + 5 * SEC},
        {"discarded": True},
    ]
    assert "after-sleep remnant" in changes(plan, "p2")[-1][1]
    runs_on = plan_for(
        EventKind.ENDED,
        done.with_changes(end=woke + 5 * MIN),
        woke + 5 * MIN,
        linked=piece,
        pieces=(slept, piece),
    )
    assert [c for c, _ in changes(runs_on, "p2")][-1].get("discarded") is None  # kept


def test_a_piece_begun_after_the_session_really_ended_is_discarded() -> None:
    slept = stored("p1", T0, T0 + 10 * MIN, end_reason=EndReason.SLEPT)
    piece = stored("p2", T0 + 70 * MIN)
    done = session(end=T0 + 30 * MIN, outcome=Outcome.COMPLETED)  # logged during the sleep
    plan = plan_for(EventKind.ENDED, done, T0 + 70 * MIN, linked=piece, pieces=(slept, piece))
    assert changes(plan, "p2")[-1] == ({"discarded": True}, "session ended before this piece began")


# --- a full disk never loses an event ----------------------------------------------------


def started(key: str) -> SessionEvent:
    return SessionEvent(EventKind.STARTED, session(key), T0)


def test_held_events_replay_in_order_and_stop_at_the_first_still_refused() -> None:
    queue = EventQueue()
    for key in ("a", "b", "c"):
        queue.hold(started(key), StoreBusyError("locked"))
    applied: list[str] = []

    def apply(event: SessionEvent) -> None:
        if event.session.key == "b" and not applied[1:]:
            applied.append("refused")
            raise StoreBusyError("still locked")
        applied.append(event.session.key)

    queue.replay(apply)
    assert applied == ["a", "refused"] and queue.pending == 2
    queue.replay(apply)
    assert applied == ["a", "refused", "b", "c"] and queue.pending == 0


def test_an_event_failing_for_good_is_set_aside_and_later_ones_still_apply() -> None:
    queue = EventQueue()
    poisoned, later = started("a"), started("b")
    queue.hold(poisoned, StoreBusyError("locked"))
    queue.hold(later, StoreBusyError("locked"))
    applied: list[SessionEvent] = []

    def apply(event: SessionEvent) -> None:
        if event is poisoned:
            raise StoreError("SQLITE_IOERR_FSYNC")
        applied.append(event)

    queue.replay(apply)
    assert applied == [later] and queue.dropped == [poisoned] and queue.dropped_count == 1


def test_a_full_queue_keeps_what_it_holds() -> None:
    queue = EventQueue()
    for number in range(PENDING_LIMIT + 5):
        queue.hold(started(f"k{number}"), StoreBusyError("locked"))
    assert queue.pending == PENDING_LIMIT


# --- the rules ask only for what was read ----------------------------------------------------


def test_the_rules_refuse_facts_that_were_not_read() -> None:
    alias_only = stored("e1", T0, partner_id=None)
    s = session()
    missing_mapping = SessionFacts(linked=alias_only, sessions=frozenset({("anydesk", "k1")}))
    with pytest.raises(FactsMissing, match="mapping"):
        decide(SessionEvent(EventKind.UPDATED, s, T0), missing_mapping, {}, T0, TIMING, str)


def test_a_step_back_while_our_process_stalled_is_still_a_step_back() -> None:
    """Between two looks the wall clock moved on less than the awake time did: it was set back
    (here 150 s, during a 3-minute stall that hid it from the wall clock alone)."""
    clock = ManualClock(T0)
    watch = ClockWatch(TIMING)
    watch.started(clock.now(), clock.uptime())
    clock.stall(3 * MIN)
    clock.step(-150 * SEC)
    assert watch.classify(clock.now(), clock.uptime()) is JumpKind.BACK
    clock.stall(3 * MIN)  # a stall alone is time passing
    watch.look(clock.now(), clock.uptime())
    watch.handled()
    clock.stall(3 * MIN)
    assert watch.classify(clock.now(), clock.uptime()) is None
