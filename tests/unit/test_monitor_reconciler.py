"""The Reconciler: fake sightings and a ManualClock in, session events out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from trayclock.detect.reconciler import Reconciler, WindowSighting
from trayclock.domain.clock import ManualClock
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent

T0 = datetime(2026, 11, 23, 10, 0, 0, tzinfo=UTC)
GRACE = 60.0


def win(
    app: str, handle: int, partner_id: str | None = None, name: str | None = None
) -> WindowSighting:
    return WindowSighting(app, handle, partner_id, name, f"{name or partner_id} - {app}")


def log(
    app: str,
    key: str,
    partner_id: str | None,
    start: datetime,
    end: datetime | None = None,
    outcome: Outcome | None = None,
    name: str | None = None,
) -> RemoteSession:
    if outcome is None:
        outcome = Outcome.OPEN if end is None else Outcome.COMPLETED
    return RemoteSession(app, key, partner_id, name, start, end, outcome)


class Rig:
    """A reconciler, its clock, and every event it emitted."""

    def __init__(self, grace_s: float = GRACE) -> None:
        self.clock = ManualClock(T0)
        self.reconciler = Reconciler(grace_s)
        self.events: list[SessionEvent] = []

    def poll(
        self,
        windows: Sequence[WindowSighting] | None = (),
        logs: Sequence[RemoteSession] = (),
        running: frozenset[str] | None = None,
    ) -> list[SessionEvent]:
        found = self.reconciler.observe(
            self.clock.now(), windows=windows, logs=logs, running=running
        )
        self.events += found
        return found

    def run_for(
        self, seconds: int, windows: Sequence[WindowSighting] | None = (), **kw: object
    ) -> None:
        """Poll once a second for `seconds` seconds with the same signals."""
        for _ in range(seconds):
            self.clock.advance(timedelta(seconds=1))
            self.poll(windows, **kw)  # type: ignore[arg-type]

    def kinds(self) -> list[tuple[EventKind, str]]:
        return [(e.kind, e.session.key) for e in self.events]


def only(events: list[SessionEvent], kind: EventKind) -> list[SessionEvent]:
    return [e for e in events if e.kind is kind]


def test_a_window_starts_a_session_that_ends_after_the_grace_period() -> None:
    rig = Rig()
    w = win("anydesk", 0x10, "987654321")
    (started,) = rig.poll([w])
    assert started.kind is EventKind.STARTED
    assert started.session.partner_id == "987654321"
    assert started.session.start == T0 and started.session.end is None
    assert started.session.outcome is Outcome.OPEN
    rig.run_for(120, [w])
    assert len(rig.events) == 1  # nothing new while the window stays
    last_seen = rig.clock.now()
    rig.run_for(59, [])
    assert len(rig.events) == 1, "ended before the grace period was over"
    rig.run_for(1, [])
    ended = rig.events[-1]
    assert ended.kind is EventKind.ENDED
    assert ended.session.key == started.session.key
    assert ended.session.end == last_seen
    assert ended.session.outcome is Outcome.COMPLETED
    assert ended.at == last_seen + timedelta(seconds=60)


def test_a_reconnect_within_grace_continues_the_same_session() -> None:
    rig = Rig()
    rig.poll([win("rustdesk", 1, "123456789")])
    rig.run_for(10, [win("rustdesk", 1, "123456789")])
    rig.run_for(30, [])  # the connection dropped
    rig.run_for(20, [win("rustdesk", 2, "123456789")])  # a new window for the same peer
    last_seen = rig.clock.now()
    rig.run_for(61, [])
    assert [k for k, _ in rig.kinds()] == [EventKind.STARTED, EventKind.ENDED]
    assert len({key for _, key in rig.kinds()}) == 1
    assert rig.events[-1].session.start == T0
    assert rig.events[-1].session.end == last_seen


def test_a_reconnect_after_the_grace_period_is_a_new_session() -> None:
    rig = Rig()
    rig.poll([win("anydesk", 1, "111222333")])
    rig.run_for(61, [])
    rig.run_for(1, [win("anydesk", 1, "111222333")])
    assert [k for k, _ in rig.kinds()] == [EventKind.STARTED, EventKind.ENDED, EventKind.STARTED]
    assert rig.events[0].session.key != rig.events[2].session.key


def test_a_window_for_another_partner_within_grace_is_another_session() -> None:
    rig = Rig()
    rig.poll([win("anydesk", 1, "111222333")])
    rig.run_for(5, [])
    rig.run_for(1, [win("anydesk", 2, "444555666")])
    started = only(rig.events, EventKind.STARTED)
    assert [e.session.partner_id for e in started] == ["111222333", "444555666"]


def test_concurrent_sessions_are_tracked_apart() -> None:
    rig = Rig()
    a = win("anydesk", 1, "111111111")
    b = win("anydesk", 2, "222222222")
    r = win("rustdesk", 3, "333333333")
    rig.poll([a, b, r])
    keys = {e.session.key for e in rig.events}
    assert len(keys) == 3
    rig.run_for(30, [a, r])  # b closed
    rig.run_for(40, [a, r])
    ended = only(rig.events, EventKind.ENDED)
    assert [e.session.partner_id for e in ended] == ["222222222"]
    assert rig.reconciler.open_sessions()[0].partner_id == "111111111"
    assert {s.partner_id for s in rig.reconciler.open_sessions()} == {"111111111", "333333333"}


def test_a_log_first_session_gets_the_log_key_and_exact_start_and_a_window_joins_it() -> None:
    rig = Rig()
    opened = log("anydesk", "ad-fiber-7", "987654321", T0 - timedelta(seconds=2))
    (started,) = rig.poll([], [opened])
    assert started.session.key == "ad-fiber-7"
    assert started.session.start == T0 - timedelta(seconds=2)
    w = win("anydesk", 5, "987654321")
    rig.run_for(600, [w])
    assert len(rig.events) == 1, "the window must join the log's session"
    closed = opened.with_changes(end=rig.clock.now(), outcome=Outcome.COMPLETED)
    rig.clock.advance(timedelta(seconds=1))
    rig.poll([w], [closed])
    rig.run_for(61, [])
    kinds = rig.kinds()
    assert kinds == [(EventKind.STARTED, "ad-fiber-7"), (EventKind.ENDED, "ad-fiber-7")]
    assert rig.events[-1].session.end == closed.end


def test_the_log_updates_a_window_session_with_id_and_exact_start() -> None:
    rig = Rig()
    (started,) = rig.poll([win("rustdesk", 9, None, "Office PC")])
    rig.clock.advance(timedelta(seconds=1))
    exact = T0 - timedelta(seconds=3)
    (updated,) = rig.poll(
        [win("rustdesk", 9, None, "Office PC")], [log("rustdesk", "rd-1", "555666777", exact)]
    )
    assert updated.kind is EventKind.UPDATED
    assert updated.session.key == started.session.key
    assert updated.session.partner_id == "555666777"
    assert updated.session.partner_name == "Office PC"
    assert updated.session.start == exact


def test_a_window_title_resolving_to_an_alias_updates_the_same_session() -> None:
    rig = Rig()
    rig.poll([win("anydesk", 4, "123456789")])
    rig.clock.advance(timedelta(seconds=1))
    (updated,) = rig.poll([win("anydesk", 4, None, "Air System")])
    assert updated.kind is EventKind.UPDATED
    assert (updated.session.partner_id, updated.session.partner_name) == ("123456789", "Air System")


def test_a_tabbed_window_showing_another_peer_is_another_session() -> None:
    rig = Rig()
    rig.poll([win("rustdesk", 4, "111111111")])
    rig.clock.advance(timedelta(seconds=1))
    rig.poll([win("rustdesk", 4, "222222222")])  # the user switched tabs
    assert [e.kind for e in rig.events] == [EventKind.STARTED, EventKind.STARTED]


def test_teamviewer_window_and_connections_line_are_one_session() -> None:
    rig = Rig()
    w = win("teamviewer", 0x77, None, "Alice Corp")
    (started,) = rig.poll([w])
    assert started.session.partner_name == "Alice Corp" and started.session.partner_id is None
    rig.run_for(1800, [w])
    window_gone = rig.clock.now()
    rig.clock.advance(timedelta(seconds=1))
    rig.poll([])
    # Connections.txt: written when the session ended; exact times, ID, GUID, no name.
    line = log(
        "teamviewer",
        "{6B0A0C2E-1111-2222-3333-444455556666}",
        "123456789",
        T0 - timedelta(seconds=4),
        window_gone + timedelta(seconds=1),
    )
    rig.clock.advance(timedelta(seconds=1))
    (updated,) = rig.poll([], [line])
    assert updated.kind is EventKind.UPDATED
    assert updated.session.key == started.session.key
    assert updated.session.partner_id == "123456789"
    assert updated.session.partner_name == "Alice Corp"
    assert updated.session.start == T0 - timedelta(seconds=4)
    rig.run_for(60, [])
    ended = rig.events[-1]
    assert ended.kind is EventKind.ENDED and ended.session.key == started.session.key
    assert ended.session.end == line.end
    assert len(only(rig.events, EventKind.STARTED)) == 1
    rig.clock.advance(timedelta(seconds=1))
    assert rig.poll([], [line]) == [], "the same GUID told again is not a new session"


def test_teamviewer_line_goes_to_the_window_that_closed_at_its_end() -> None:
    rig = Rig()
    a = win("teamviewer", 1, None, "Alice Corp")
    b = win("teamviewer", 2, None, "Bob Ltd")
    rig.poll([a, b])
    rig.run_for(100, [a, b])
    b_gone = rig.clock.now()
    rig.run_for(20, [a])
    line = log("teamviewer", "{GUID-B}", "999888777", T0 - timedelta(seconds=1), b_gone)
    rig.clock.advance(timedelta(seconds=1))
    (updated,) = rig.poll([a], [line])
    assert updated.session.partner_name == "Bob Ltd"
    assert updated.session.partner_id == "999888777"


def test_a_teamviewer_line_after_its_window_session_ended_is_not_counted_twice() -> None:
    rig = Rig()
    w = win("teamviewer", 1, None, "Alice Corp")
    rig.poll([w])
    rig.run_for(300, [w])
    gone = rig.clock.now()
    rig.run_for(61, [])
    assert rig.events[-1].kind is EventKind.ENDED
    late = log("teamviewer", "{GUID-LATE}", "123123123", T0 - timedelta(seconds=2), gone)
    rig.clock.advance(timedelta(seconds=1))
    assert rig.poll([], [late]) == []


def test_a_teamviewer_line_without_any_window_is_a_whole_session_at_once() -> None:
    rig = Rig()
    start, end = T0 - timedelta(hours=2), T0 - timedelta(hours=1)
    line = log("teamviewer", "{GUID-OLD}", "321321321", start, end)
    events = rig.poll([], [line])
    assert [e.kind for e in events] == [EventKind.STARTED, EventKind.ENDED]
    assert events[1].session.start == start and events[1].session.end == end
    assert events[1].session.key == "{GUID-OLD}"


def test_a_refused_attempt_ends_at_once_and_stays_visible() -> None:
    rig = Rig()
    w = win("anydesk", 3, "444444444")
    opened = log("anydesk", "ad-try", "444444444", T0)
    rig.poll([w], [opened])
    refused = opened.with_changes(end=T0 + timedelta(seconds=2), outcome=Outcome.REFUSED)
    rig.clock.advance(timedelta(seconds=2))
    events = rig.poll([w], [refused])  # the window still shows the error
    assert [e.kind for e in events] == [EventKind.ENDED]
    assert events[0].session.outcome is Outcome.REFUSED
    assert events[0].session.end == T0 + timedelta(seconds=2)
    rig.run_for(5, [w])
    assert len(rig.events) == 2, "the lingering error window is not a new session"
    retry = log("anydesk", "ad-retry", "444444444", rig.clock.now())
    rig.clock.advance(timedelta(seconds=1))
    (again,) = rig.poll([w], [retry])
    assert again.kind is EventKind.STARTED and again.session.key == "ad-retry"


def test_an_open_log_session_ends_when_its_app_is_no_longer_running() -> None:
    rig = Rig()
    opened = log("anydesk", "ad-1", "777777777", T0)
    rig.poll([], [opened], running=frozenset({"anydesk"}))
    rig.run_for(300, [], running=frozenset({"anydesk"}))
    assert len(rig.events) == 1, "an open log session stays open while the app runs"
    rig.run_for(59, [], running=frozenset())
    assert len(rig.events) == 1
    rig.run_for(1, [], running=frozenset())
    assert rig.events[-1].kind is EventKind.ENDED


def test_an_unavailable_window_source_counts_as_no_windows() -> None:
    rig = Rig(grace_s=5)
    rig.poll([win("anydesk", 1, "123456789")])
    rig.run_for(5, None)
    assert rig.events[-1].kind is EventKind.ENDED


def test_pause_ends_open_sessions_and_ignores_what_opens_while_paused() -> None:
    rig = Rig()
    a = win("anydesk", 1, "111111111")
    rig.poll([a])
    rig.run_for(10, [a])
    paused_at = rig.clock.now()
    ended = rig.reconciler.suspend(paused_at)
    assert [e.kind for e in ended] == [EventKind.ENDED]
    assert ended[0].session.end == paused_at
    b = win("anydesk", 2, "222222222")
    rig.run_for(10, [a, b], logs=[log("rustdesk", "rd-p", "9", paused_at)])
    assert len(rig.events) == 1, "nothing is detected while paused"
    rig.reconciler.resume()
    rig.run_for(10, [a, b], logs=[log("rustdesk", "rd-p", "9", paused_at)])
    assert len(rig.events) == 1, "sessions open during the pause stay untracked"
    c = win("rustdesk", 3, "333333333")
    rig.clock.advance(timedelta(seconds=1))
    (started,) = rig.poll([a, b, c])
    assert started.session.partner_id == "333333333"


def test_every_event_of_a_session_carries_the_same_key() -> None:
    rig = Rig()
    w = win("anydesk", 1, None, "Air System")
    rig.poll([w])
    rig.clock.advance(timedelta(seconds=1))
    rig.poll([w], [log("anydesk", "ad-k", "123456789", T0 - timedelta(seconds=1))])
    rig.run_for(5, [w])
    rig.clock.advance(timedelta(seconds=1))
    rig.poll([], [log("anydesk", "ad-k", "123456789", T0 - timedelta(seconds=1), rig.clock.now())])
    rig.run_for(61, [])
    kinds = [e.kind for e in rig.events]
    assert kinds == [EventKind.STARTED, EventKind.UPDATED, EventKind.ENDED]
    assert len({e.session.key for e in rig.events}) == 1


def test_negative_grace_is_refused() -> None:
    with pytest.raises(ValueError, match="grace"):
        Reconciler(-1)


def test_clock_is_only_what_the_caller_says() -> None:
    clock = ManualClock(T0)
    rig = Rig()
    rig.clock = clock
    clock.advance(timedelta(days=3))
    (started,) = rig.poll([win("anydesk", 1, "123456789")])
    assert started.at == T0 + timedelta(days=3)


def test_a_new_alias_window_does_not_join_a_log_session_that_has_its_own_window() -> None:
    rig = Rig()
    opened = log("anydesk", "ad-1", "123456789", T0)
    own = win("anydesk", 1, "123456789")
    rig.poll([own], [opened])
    rig.clock.advance(timedelta(seconds=1))
    # The new window is listed before the known one: order must not matter.
    events = rig.poll([win("anydesk", 2, None, "Other Office"), own])
    assert [e.kind for e in events] == [EventKind.STARTED]
    assert events[0].session.partner_name == "Other Office"
    assert events[0].session.key != "ad-1"


def test_an_alias_window_joins_the_one_log_session_without_a_window() -> None:
    rig = Rig()
    rig.poll([], [log("anydesk", "ad-2", "123456789", T0)])
    rig.clock.advance(timedelta(seconds=2))
    (updated,) = rig.poll([win("anydesk", 7, None, "Air System")])
    assert updated.kind is EventKind.UPDATED and updated.session.key == "ad-2"
    assert (updated.session.partner_id, updated.session.partner_name) == ("123456789", "Air System")


def test_a_window_seen_after_a_detection_stall_longer_than_grace_joins_its_open_log() -> None:
    """Found by the week simulation: the log session was taken at once, then no poll for 67 s
    (the tray stalled on a loaded machine); the first poll after it sees the session's
    window. The log is open, so the session is alive: the window is its window, not a second
    session."""
    rig = Rig()
    rig.poll(logs=[log("anydesk", "ad-1", "559016274", T0)], running=frozenset({"anydesk"}))
    rig.clock.advance(timedelta(seconds=GRACE + 7))
    found = rig.poll(windows=[win("anydesk", 7, "559016274")], running=frozenset({"anydesk"}))
    assert [e.kind for e in rig.events] == [EventKind.STARTED]
    assert not [e for e in found if e.kind is EventKind.STARTED]
