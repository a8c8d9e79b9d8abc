"""The monitor on a real, growing AnyDesk trace: lines appended while it runs become events.

File-change notification is real (watchdog on the trace's folder) and so is the clock; the
poll interval is set far beyond the test's deadline in the first test, so only a file-change
wake-up can deliver the events in time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.waiting import wait_until
from trayclock.clock import SystemClock
from trayclock.detect.monitor import Monitor, open_monitor
from trayclock.detect.signals.processes import ProcessSource
from trayclock.detect.signals.window_source import NullWindowSource
from trayclock.domain.clock import ManualClock
from trayclock.domain.session import EventKind, Outcome, SessionEvent

pytestmark = pytest.mark.integration

DEADLINE_S = 15.0
PARTNER = "246813579"


def trace_line(fiber: int, logger: str, message: str) -> str:
    """A service-trace line (newer layout, with the thread-name column), stamped now in UTC."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
    return f"   info {stamp}    service   main   2001   2001{fiber:>5}{logger:>33} - {message}\n"


def append(path: Path, *lines: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.writelines(lines)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    wait_until(condition, what, DEADLINE_S)


class Running:
    """A monitor running in its own thread, as the tray runs it; events collected."""

    def __init__(self, monitor: Monitor) -> None:
        self.monitor = monitor
        self.events: list[SessionEvent] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=monitor.run, args=(self.stop, self.events.append), daemon=True
        )

    def __enter__(self) -> Running:
        self.thread.start()
        wait_for(lambda: self.monitor.polls >= 1, "the first poll")
        return self

    def __exit__(self, *exc: object) -> None:
        self.monitor.stop()
        self.thread.join(DEADLINE_S)
        self.monitor.close()
        assert not self.thread.is_alive()


def anydesk_running() -> ProcessSource:
    """AnyDesk is not installed here; its service would be running on a technician's PC
    (without it, open sessions would rightly count as over)."""
    return ProcessSource(
        {"anydesk": lambda name: name == "anydesk"}, list_names=lambda: ["anydesk"]
    )


@pytest.fixture
def trace(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "ad_svc.trace"
    path.write_text(trace_line(1, "app.service", "Service started."), encoding="utf-8")
    yield path


def start_lines(fiber: int) -> list[str]:
    return [
        trace_line(
            fiber,
            "app.service",
            f"Received outgoing connection request for address {PARTNER} (direct).",
        ),
        trace_line(fiber, "app.session", f'1: Connecting to "{PARTNER}"'),
        trace_line(fiber, "app.session", "1: Net connection established."),
        trace_line(fiber, "app.session", "2: Requesting a session."),
        trace_line(fiber, "app.session", "5: Entering processing loop."),
    ]


def end_lines(fiber: int) -> list[str]:
    return [
        trace_line(fiber, "app.session", "Session closed by local user: user_cancelled."),
        trace_line(fiber, "app.session", "5: Processing done."),
    ]


def test_log_lines_wake_the_monitor_and_give_started_then_ended(trace: Path) -> None:
    monitor = open_monitor(
        SystemClock(),
        poll_interval_s=600,  # only a file-change wake-up can make it read in time
        grace_s=0,
        apps=["anydesk"],
        log_paths={"anydesk": [trace]},
        window_source=NullWindowSource("not under test"),
        process_source=anydesk_running(),
    )
    assert any(s.name == "file-change notification" and s.ok for s in monitor.status())
    with Running(monitor) as running:
        append(trace, *start_lines(40))
        wait_for(lambda: len(running.events) >= 1, "STARTED from the appended lines")
        append(trace, *end_lines(40))
        wait_for(
            lambda: any(e.kind is EventKind.ENDED for e in running.events), "ENDED from the log"
        )
    kinds = [e.kind for e in running.events if e.kind is not EventKind.UPDATED]
    assert kinds == [EventKind.STARTED, EventKind.ENDED]
    assert len({e.session.key for e in running.events}) == 1
    ended = running.events[-1].session
    assert ended.partner_id == PARTNER
    assert ended.outcome is Outcome.COMPLETED
    assert ended.end is not None and ended.end >= ended.start


def test_two_concurrent_log_sessions_with_the_default_interval(trace: Path) -> None:
    monitor = open_monitor(
        SystemClock(),
        grace_s=0.3,
        apps=["anydesk"],
        log_paths={"anydesk": [trace]},
        window_source=NullWindowSource("not under test"),
        process_source=anydesk_running(),
    )
    with Running(monitor) as running:
        append(trace, *start_lines(50))
        append(trace, *[line.replace(PARTNER, "135792468") for line in start_lines(51)])
        wait_for(
            lambda: sum(e.kind is EventKind.STARTED for e in running.events) == 2, "two STARTED"
        )
        append(trace, *end_lines(51))
        wait_for(lambda: any(e.kind is EventKind.ENDED for e in running.events), "one ENDED")
        (ended,) = [e for e in running.events if e.kind is EventKind.ENDED]
        assert ended.session.partner_id == "135792468"
        assert [s.partner_id for s in monitor.open_sessions()] == [PARTNER]


def rust_line(moment: datetime, message: str) -> str:
    local = moment.astimezone(timezone(timedelta(hours=2)))
    return f"[{local:%Y-%m-%d %H:%M:%S.%f} +02:00] INFO [src/client.rs:1] {message}\n"


RUST_T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def rustdesk_monitor(tmp_path: Path) -> tuple[Path, ManualClock, Monitor]:
    """An empty RustDesk log, a clock at RUST_T0, and a monitor of that log alone, read at
    each poll_once (no file-change wake-ups), grace 60 s."""
    log = tmp_path / "RustDesk_rCURRENT.log"
    log.write_text("")
    clock = ManualClock(RUST_T0)
    return (
        log,
        clock,
        open_monitor(
            clock,
            grace_s=60,
            apps=["rustdesk"],
            log_paths={"rustdesk": [log]},
            window_source=NullWindowSource("not under test"),
            process_source=ProcessSource(
                {"rustdesk": lambda n: True}, list_names=lambda: ["rustdesk"]
            ),
            watch_files=False,
        ),
    )


def test_a_rustdesk_reconnect_within_grace_is_one_session(tmp_path: Path) -> None:
    log, clock, monitor = rustdesk_monitor(tmp_path)
    t0 = RUST_T0
    events: list[SessionEvent] = []

    def at(seconds: float, *lines: str) -> None:
        clock.set(t0 + timedelta(seconds=seconds))
        append(log, *lines)
        events.extend(monitor.poll_once())

    try:
        at(0)
        at(
            1,
            rust_line(
                t0 + timedelta(seconds=1), "Session 412345678 start, use texture render: true"
            ),
        )
        at(600, rust_line(t0 + timedelta(seconds=600), "Exit io_loop of id=412345678"))
        at(
            620,
            rust_line(
                t0 + timedelta(seconds=620), "#1 punch attempt with 10.0.0.5:1, id: 412345678"
            ),
        )
        for second in range(621, 1200, 10):
            at(second)
        assert [e.kind for e in events] == [EventKind.STARTED], "the reconnect continued it"
        at(1200, rust_line(t0 + timedelta(seconds=1200), "Exit io_loop of id=412345678"))
        for second in range(1201, 1400, 5):
            at(second)
    finally:
        monitor.close()
    kinds = [e.kind for e in events if e.kind is not EventKind.UPDATED]
    assert kinds == [EventKind.STARTED, EventKind.ENDED]
    assert len({e.session.key for e in events}) == 1
    ended = events[-1].session
    assert ended.partner_id == "412345678"
    assert ended.start == t0 + timedelta(seconds=1)
    assert ended.end == t0 + timedelta(seconds=1200)  # the last Exit line, not the first


def test_quitting_within_the_grace_after_a_rustdesk_exit_line_ends_the_session_there(
    tmp_path: Path,
) -> None:
    # RustDesk's Exit line only proposes an end (it reconnects by itself without a new start
    # line). A logout a moment after it must not leave the session open for the next start
    # to close at the last heartbeat: quitting settles the proposal as the end.
    log, clock, monitor = rustdesk_monitor(tmp_path)
    t0 = RUST_T0
    events: list[SessionEvent] = []
    try:
        events += monitor.poll_once()
        append(log, rust_line(t0 + timedelta(seconds=1), "Session 412345678 start, use texture"))
        clock.set(t0 + timedelta(seconds=2))
        events += monitor.poll_once()
        append(log, rust_line(t0 + timedelta(seconds=600), "Exit io_loop of id=412345678"))
        clock.set(t0 + timedelta(seconds=601))
        events += monitor.poll_once()
        assert [e.kind for e in events] == [EventKind.STARTED], "still within the grace"
        clock.set(t0 + timedelta(seconds=610))  # the tech logs out
        ended = monitor.finish()
    finally:
        monitor.close()
    assert [e.kind for e in ended] == [EventKind.ENDED]
    assert ended[0].session.end == t0 + timedelta(seconds=600)
    assert ended[0].session.outcome is Outcome.COMPLETED
    assert monitor.open_sessions() == []
