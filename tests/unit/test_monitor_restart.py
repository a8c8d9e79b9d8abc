"""The monitor over a real AnyDesk service trace across restarts: work that ended while
trayclock was down is recorded, a session whose end lines were lost ends when its window is
long gone, and the next run does not take it up again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from trayclock.detect.apps.anydesk import TraceParser
from trayclock.detect.monitor import Monitor, PreviousRun, open_monitor
from trayclock.detect.signals.window_types import WindowInfo
from trayclock.domain.clock import ManualClock
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import db, entries
from trayclock.tracker import Tracker

DAY = "2026-11-02"
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
GRACE_S = 60.0
FIRST, SECOND = "712345678", "845001122"
FIRST_KEY = "anydesk:service:1187:41:20261102T090000.100000Z"
SECOND_KEY = "anydesk:service:1187:44:20261102T094500.000000Z"


def line(at: str, fiber: int, logger: str, message: str) -> str:
    """A service-trace line of the older layout (no thread-name column)."""
    return f"   info {DAY} {at}    service   1187   1187   {fiber:>2}  {logger:>20} - {message}\n"


def request(at: str, fiber: int, partner: str) -> str:
    text = f"Received outgoing connection request for address {partner} (direct)."
    return line(at, fiber, "app.service", text)


def append(trace: Path, *lines: str) -> None:
    with trace.open("a", encoding="utf-8") as handle:
        handle.writelines(lines)


class Windows:
    name = "fake"
    problem = None
    status = "ok"

    def __init__(self) -> None:
        self.shown: list[WindowInfo] = []

    def list_windows(self) -> list[WindowInfo]:
        return list(self.shown)

    def close(self) -> None:
        pass


class AnyDeskRuns:
    """AnyDesk's service: running all the time, session or not."""

    problem = None
    status = "ok"

    def running_apps(self, force: bool = False) -> frozenset[str]:
        return frozenset({"anydesk"})


def monitor_on(
    trace: Path, clock: ManualClock, windows: Windows, previous: PreviousRun | None = None
) -> Monitor:
    return open_monitor(
        clock,
        grace_s=GRACE_S,
        apps=["anydesk"],
        log_paths={"anydesk": [trace]},
        window_source=windows,
        process_source=AnyDeskRuns(),  # type: ignore[arg-type]
        watch_files=False,
        previous_run=previous,
    )


def run_for(monitor: Monitor, clock: ManualClock, seconds: int) -> list[SessionEvent]:
    events: list[SessionEvent] = []
    for _ in range(seconds):
        clock.advance(timedelta(seconds=1))
        events += monitor.poll_once()
    return events


def test_sessions_that_ended_while_trayclock_was_down_come_out_at_start_up(tmp_path: Path) -> None:
    trace = tmp_path / "ad_svc.trace"
    trace.write_text(
        line("08:30:00.000", 3, "app.service", "Service started.")
        # Ended before the last heartbeat: the previous run recorded it; not again.
        + request("08:40:00.000", 40, "111222333")
        + line("08:40:03.000", 40, "app.session", "5: Entering processing loop.")
        + line("08:50:00.000", 40, "app.session", "5: Processing done.")
        # Open when trayclock was killed at 09:10, ended at 09:40 while it was down.
        + request("09:00:00.100", 41, FIRST)
        + line("09:00:03.000", 41, "app.session", "5: Entering processing loop.")
        + line("09:40:00.000", 41, "app.session", "Session closed by local user: user_quit.")
        + line("09:40:00.001", 41, "app.session", "5: Processing done.")
        # Wholly while down.
        + request("09:45:00.000", 44, SECOND)
        + line("09:45:03.000", 44, "app.session", "5: Entering processing loop.")
        + line("09:55:00.000", 44, "app.session", "Session closed by local user: user_quit."),
        encoding="utf-8",
    )
    # The previous run recorded the first session open, heartbeat 09:10, then was killed.
    clock = ManualClock(T0 + timedelta(seconds=1))
    conn = db.connect(tmp_path / "store.sqlite3")
    first_open = RemoteSession(
        "anydesk", FIRST_KEY, FIRST, None, T0 + timedelta(milliseconds=100), None, Outcome.OPEN
    )
    Tracker(conn, clock).handle(SessionEvent(EventKind.STARTED, first_open, clock.now()))
    clock.set(T0 + timedelta(minutes=10))
    entries.heartbeat(conn, [e.uuid for e in entries.running(conn)], clock.now())
    clock.set(datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    tracker = Tracker(conn, clock)
    (recovered,) = tracker.recover()
    previous = PreviousRun(recovered.heartbeat, frozenset({FIRST_KEY}))
    monitor = monitor_on(trace, clock, Windows(), previous)

    events = monitor.poll_once() + run_for(monitor, clock, 5)

    got = [(e.kind, e.session.key, e.session.start, e.session.end) for e in events]
    first_end = datetime(2026, 11, 2, 9, 40, tzinfo=UTC)
    second = (datetime(2026, 11, 2, 9, 45, tzinfo=UTC), datetime(2026, 11, 2, 9, 55, tzinfo=UTC))
    first = (datetime(2026, 11, 2, 9, 0, 0, 100_000, tzinfo=UTC), first_end)
    assert got == [
        (EventKind.STARTED, FIRST_KEY, *first),
        (EventKind.ENDED, FIRST_KEY, *first),
        (EventKind.STARTED, SECOND_KEY, *second),
        (EventKind.ENDED, SECOND_KEY, *second),
    ]
    assert all(e.session.outcome is Outcome.COMPLETED for e in events)
    # The tracker extends the entry recovery closed at 09:10 to the log's end, and records the
    # session wholly while down closed: one entry each, nothing duplicated.
    for event in events:
        tracker.handle(event)
    stored = entries.in_range(conn, T0, T0 + timedelta(hours=2), include_discarded=True)
    assert [(e.session_key, e.start, e.end, e.discarded) for e in stored] == [
        (FIRST_KEY, *first, False),
        (SECOND_KEY, *second, False),
    ]
    assert monitor.open_sessions() == []


def test_lost_end_lines_end_at_the_windows_last_sighting_and_stay_ended_after_a_restart(
    tmp_path: Path,
) -> None:
    trace = tmp_path / "ad_svc.trace"
    trace.write_text(line("08:59:00.000", 3, "app.service", "Service started."), encoding="utf-8")
    clock = ManualClock(T0 - timedelta(seconds=30))
    windows = Windows()
    monitor = monitor_on(trace, clock, windows)
    run_for(monitor, clock, 30)
    append(
        trace,
        request("09:00:00.100", 41, FIRST),
        line("09:00:03.000", 41, "app.session", "5: Entering processing loop."),
    )
    windows.shown = [WindowInfo(0x42, "712 345 678 - AnyDesk", "ad_win#2", 1)]
    events = run_for(monitor, clock, 20 * 60)
    last_sighting = clock.now()
    windows.shown = []  # the session is over; its end lines never reach the trace
    append(trace, "\x00" * 200 + "\n")
    events += run_for(monitor, clock, int(2 * GRACE_S) - 1)
    assert [e.kind for e in events] == [EventKind.STARTED], "ended before 2 × grace"
    events += run_for(monitor, clock, 40 * 60)
    assert [(e.kind, e.session.key) for e in events] == [
        (EventKind.STARTED, FIRST_KEY),
        (EventKind.ENDED, FIRST_KEY),
    ]
    assert events[-1].session.end == last_sighting

    # A restart: the trace still says open, but the previous run ended it and no window or
    # line since confirms it.
    previous = PreviousRun(clock.now() - timedelta(seconds=15))
    restarted = monitor_on(trace, clock, Windows(), previous)
    assert restarted.poll_once() + run_for(restarted, clock, 10 * 60) == []


def test_anydesk_knows_the_newest_line_on_an_open_sessions_fiber() -> None:
    parser = TraceParser()
    for text in (
        request("09:00:00.100", 41, FIRST),
        line("09:00:03.000", 41, "app.session", "5: Entering processing loop."),
        line("09:07:00.000", 41, "app.ctrl_clip_comp", "Clipboard sent."),  # any logger
        line("09:08:00.000", 52, "app.ctrl_clip_comp", "Another fiber's line."),
    ):
        parser.feed(text)
    assert parser.last_line_at(FIRST_KEY) == datetime(2026, 11, 2, 9, 7, tzinfo=UTC)
    assert parser.last_line_at("anydesk:unknown") is None


def test_finish_ends_what_is_gone_at_its_last_sighting_and_keeps_what_is_visible(
    tmp_path: Path,
) -> None:
    trace = tmp_path / "ad_svc.trace"
    trace.write_text(
        request("09:00:00.100", 41, FIRST)
        + line("09:00:03.000", 41, "app.session", "5: Entering processing loop."),
        encoding="utf-8",
    )
    clock = ManualClock(T0 + timedelta(seconds=5))
    windows = Windows()
    monitor = monitor_on(trace, clock, windows)
    with_log = WindowInfo(0x41, "712 345 678 - AnyDesk", "ad_win#2", 1)
    visible = WindowInfo(0x42, "845 001 122 - AnyDesk", "ad_win#2", 1)
    in_grace = WindowInfo(0x43, "300 400 500 - AnyDesk", "ad_win#2", 1)
    windows.shown = [with_log, visible, in_grace]
    started = monitor.poll_once() + run_for(monitor, clock, 60)
    assert len([e for e in started if e.kind is EventKind.STARTED]) == 3
    last_sighting = clock.now()
    # Both close; the trace never says so for the first (its end lines are lost).
    windows.shown = [visible]
    assert run_for(monitor, clock, 10) == []  # within the grace: a reconnect may follow

    ended = monitor.finish()  # the app quits

    assert sorted((e.kind, e.session.partner_id, e.session.end) for e in ended) == [
        (EventKind.ENDED, "300400500", last_sighting),
        (EventKind.ENDED, FIRST, last_sighting),
    ]
    assert [s.partner_id for s in monitor.open_sessions()] == [SECOND]
