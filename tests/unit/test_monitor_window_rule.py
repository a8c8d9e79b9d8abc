"""The Reconciler's rules around lost log lines and restarts: the window vouches for an AnyDesk
log, old log sessions are held back at start-up, already-ended sessions come out whole, keys
never repeat across runs, and `finish` ends only what is gone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from trayclock.detect.reconciler import PreviousRun, Reconciler, WindowSighting
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent

T0 = datetime(2026, 11, 23, 10, 0, 0, tzinfo=UTC)
GRACE_S = 60.0
GRACE = timedelta(seconds=GRACE_S)
PARTNER = "712345678"
LOG_KEY = "anydesk:service:1187:41:20261123T100000.000000Z"
ANYDESK = frozenset({"anydesk"})


def window(app: str = "anydesk", handle: int = 0x42, partner_id: str = PARTNER) -> WindowSighting:
    return WindowSighting(app, handle, partner_id, None, f"{partner_id} - {app}")


def open_log(
    start: datetime = T0, key: str = LOG_KEY, app: str = "anydesk", partner_id: str = PARTNER
) -> RemoteSession:
    return RemoteSession(app, key, partner_id, None, start, None, Outcome.OPEN)


class Run:
    """A reconciler fed once a second, with a log whose newest line time the test sets."""

    def __init__(self, start: datetime = T0, **options: object) -> None:
        self.now = start
        self.reconciler = Reconciler(GRACE_S, **options)  # type: ignore[arg-type]
        self.events: list[SessionEvent] = []
        self.last_line: dict[str, datetime] = {}

    def line_at(self, key: str) -> datetime | None:
        return self.last_line.get(key)

    def poll(
        self,
        windows: list[WindowSighting] | None = None,
        logs: list[RemoteSession] | None = None,
        running: frozenset[str] | None = ANYDESK,
    ) -> list[SessionEvent]:
        found = self.reconciler.observe(
            self.now,
            windows=[] if windows is None else windows,
            logs=logs or [],
            running=running,
            last_line_at=self.line_at,
        )
        self.events += found
        return found

    def for_seconds(self, seconds: int, *, windows: list[WindowSighting] | None = None,
                    source_works: bool = True) -> None:  # fmt: skip
        for _ in range(seconds):
            self.now += timedelta(seconds=1)
            found = self.reconciler.observe(
                self.now,
                windows=(windows or []) if source_works else None,
                running=ANYDESK,
                last_line_at=self.line_at,
            )
            self.events += found

    def of(self, kind: EventKind) -> list[RemoteSession]:
        return [e.session for e in self.events if e.kind is kind]


def seen_then_gone(run: Run, seconds_shown: int = 20 * 60) -> datetime:
    """An AnyDesk session whose log says open and whose window shows for a while; returns the
    window's last sighting."""
    run.last_line[LOG_KEY] = T0
    run.poll([window()], [open_log()])
    run.for_seconds(seconds_shown, windows=[window()])
    return run.now


# --- the window vouches for an AnyDesk log ------------------------------------------------------


def test_a_log_that_lost_its_end_ends_at_the_windows_last_sighting_after_twice_the_grace() -> None:
    run = Run()
    last_seen = seen_then_gone(run)
    run.for_seconds(int(2 * GRACE_S) - 1)
    assert run.of(EventKind.ENDED) == [], "ended before the window was gone 2 × grace"
    run.for_seconds(2)
    (ended,) = run.of(EventKind.ENDED)
    assert (ended.key, ended.start, ended.end) == (LOG_KEY, T0, last_seen)
    assert ended.outcome is Outcome.COMPLETED
    assert run.reconciler.open_sessions() == []
    # The log's end line, should it come after all, changes nothing.
    late = open_log().with_changes(end=run.now, outcome=Outcome.COMPLETED)
    assert run.poll(logs=[late]) == []


def test_a_log_line_after_the_window_went_postpones_the_end_to_that_line() -> None:
    run = Run()
    seen_then_gone(run)
    line = run.now + timedelta(seconds=30)
    run.last_line[LOG_KEY] = line
    run.for_seconds(int(2 * GRACE_S) + 10)
    assert run.of(EventKind.ENDED) == [], "a line 30 s after the window went keeps it alive"
    run.for_seconds(30)
    (ended,) = run.of(EventKind.ENDED)
    assert ended.end == line


def test_without_a_window_source_the_open_log_keeps_the_session() -> None:
    run = Run()
    seen_then_gone(run)
    run.for_seconds(int(5 * GRACE_S), source_works=False)
    assert run.of(EventKind.ENDED) == []
    assert [s.key for s in run.reconciler.open_sessions()] == [LOG_KEY]


def test_the_same_window_showing_another_tab_keeps_the_session() -> None:
    run = Run()
    seen_then_gone(run)
    other_tab = window(partner_id="845001122")  # same window id, another partner in front
    run.for_seconds(int(5 * GRACE_S), windows=[other_tab])
    assert LOG_KEY in [s.key for s in run.reconciler.open_sessions()]
    assert LOG_KEY not in [s.key for s in run.of(EventKind.ENDED)]


def test_rustdesk_tabs_are_not_vouched_for_by_their_window() -> None:
    run = Run()
    key = "rustdesk:1.2.3.4:20261123T100000Z"
    rust = window("rustdesk", 7, "123456789")
    run.poll([rust], [open_log(key=key, app="rustdesk", partner_id="123456789")],
             running=frozenset({"rustdesk"}))  # fmt: skip
    for _ in range(int(5 * GRACE_S)):
        run.now += timedelta(seconds=1)
        run.events += run.reconciler.observe(run.now, windows=[], running=frozenset({"rustdesk"}))
    assert run.of(EventKind.ENDED) == []


# --- start-up after a previous run -----------------------------------------------------------


LAST_HEARTBEAT = T0 + timedelta(minutes=30)
RESTART = T0 + timedelta(hours=1)


def restarted(**previous: object) -> Run:
    return Run(RESTART, previous_run=PreviousRun(LAST_HEARTBEAT, **previous))  # type: ignore[arg-type]


def test_an_old_open_log_session_without_window_or_new_line_is_held_back() -> None:
    run = restarted()
    run.last_line[LOG_KEY] = T0 + timedelta(minutes=20)  # before the last heartbeat
    run.poll(logs=[open_log()])
    run.for_seconds(int(10 * GRACE_S))
    assert run.events == []
    # Its end line, should it come now, is the previous run's business too.
    run.poll(logs=[open_log().with_changes(end=run.now, outcome=Outcome.COMPLETED)])
    assert run.events == []


def test_a_new_line_of_a_held_session_takes_it_up() -> None:
    run = restarted()
    run.poll(logs=[open_log()])
    run.for_seconds(5)
    run.last_line[LOG_KEY] = run.now  # the fiber speaks again: the session lives
    run.for_seconds(1)
    (started,) = run.of(EventKind.STARTED)
    assert (started.key, started.start, started.end) == (LOG_KEY, T0, None)


def test_a_session_the_previous_run_left_running_continues() -> None:
    run = restarted(left_open=frozenset({LOG_KEY}))
    run.poll(logs=[open_log()])
    assert [(s.key, s.end) for s in run.of(EventKind.STARTED)] == [(LOG_KEY, None)]


def test_a_window_at_start_up_confirms_a_held_session() -> None:
    run = restarted()
    run.poll([window()], [open_log()])
    (started,) = run.of(EventKind.STARTED)
    assert (started.key, started.start) == (LOG_KEY, T0)  # one session: window joined the log


def test_without_a_window_source_the_log_is_trusted_at_start_up() -> None:
    run = restarted()
    run.events += run.reconciler.observe(run.now, windows=None, logs=[open_log()], running=ANYDESK)
    assert [s.key for s in run.of(EventKind.STARTED)] == [LOG_KEY]


def test_a_session_that_ended_while_down_comes_out_whole_with_its_log_key() -> None:
    run = restarted()
    start, end = T0 + timedelta(minutes=45), T0 + timedelta(minutes=55)
    done = open_log(start).with_changes(end=end, outcome=Outcome.COMPLETED)
    events = run.poll(logs=[done])
    assert [e.kind for e in events] == [EventKind.STARTED, EventKind.ENDED]
    for event in events:  # the STARTED already carries the end: recorded closed at once
        assert (event.session.key, event.session.start, event.session.end) == (LOG_KEY, start, end)
        assert event.session.outcome is Outcome.COMPLETED


def test_a_refused_attempt_starts_with_its_end_and_outcome() -> None:
    run = Run()
    refused = open_log().with_changes(end=T0 + timedelta(seconds=2), outcome=Outcome.REFUSED)
    events = run.poll(logs=[refused])
    assert [(e.kind, e.session.outcome) for e in events] == [
        (EventKind.STARTED, Outcome.REFUSED),
        (EventKind.ENDED, Outcome.REFUSED),
    ]


# --- keys across runs; finish -----------------------------------------------------------------


def test_two_runs_seeing_one_window_id_in_the_same_second_get_different_keys() -> None:
    first, second = Reconciler(GRACE_S), Reconciler(GRACE_S)
    at = T0 + timedelta(milliseconds=100)
    (a,) = first.observe(at, windows=[window()])
    (b,) = second.observe(at + timedelta(milliseconds=700), windows=[window()])
    assert a.kind is b.kind is EventKind.STARTED
    assert a.session.key != b.session.key


def test_finish_ends_a_session_in_grace_at_its_last_sighting_and_keeps_a_visible_one() -> None:
    reconciler = Reconciler(GRACE_S)
    gone, stays = window(handle=1, partner_id="111111111"), window(handle=2, partner_id="222222222")
    reconciler.observe(T0, windows=[gone, stays])
    last_sighting = T0 + timedelta(seconds=5)
    reconciler.observe(last_sighting, windows=[gone, stays])
    reconciler.observe(last_sighting + timedelta(seconds=10), windows=[stays])  # within grace
    quit_at = last_sighting + timedelta(seconds=20)
    (ended,) = reconciler.finish(quit_at)
    assert ended.kind is EventKind.ENDED
    assert (ended.session.partner_id, ended.session.end) == ("111111111", last_sighting)
    assert [s.partner_id for s in reconciler.open_sessions()] == ["222222222"]


def test_a_session_begun_just_before_the_last_heartbeat_is_not_held_back() -> None:
    run = restarted()
    just_before = LAST_HEARTBEAT - timedelta(seconds=2)  # the previous run may never have seen it
    run.poll(logs=[open_log(just_before)])
    assert [(s.key, s.start) for s in run.of(EventKind.STARTED)] == [(LOG_KEY, just_before)]


def test_a_log_end_just_after_the_last_heartbeat_was_the_previous_runs_to_count() -> None:
    # TeamViewer: the window closed (the entry's end, and its last heartbeat), the
    # Connections.txt line with the exact end came a few seconds later.
    run = restarted()
    key = "teamviewer:{0c0ffee0-0000-4000-8000-000000000001}"
    record = RemoteSession(
        "teamviewer", key, "123456789", None, T0, LAST_HEARTBEAT + timedelta(seconds=3),
        Outcome.COMPLETED,
    )  # fmt: skip
    assert run.poll(logs=[record]) == []
    # One the previous run left running is extended to that end, though.
    kept = restarted(left_open=frozenset({key}))
    assert [e.kind for e in kept.poll(logs=[record])] == [EventKind.STARTED, EventKind.ENDED]
