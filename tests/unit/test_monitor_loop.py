"""The Monitor loop over fake sources: polling, wake-ups, pause, status, failing sources."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from tests.waiting import wait_until
from trayclock.detect.monitor import Monitor
from trayclock.detect.signals.window_types import WindowInfo
from trayclock.domain.clock import ManualClock
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DEADLINE_S = 10.0


class FakeWindows:
    name = "fake"

    def __init__(self) -> None:
        self.windows: list[WindowInfo] = []
        self.problem: str | None = None
        self.closed = False

    @property
    def status(self) -> str:
        return self.problem or "ok: fake desktop"

    def list_windows(self) -> list[WindowInfo]:
        return list(self.windows)

    def close(self) -> None:
        self.closed = True


class FakeLog:
    def __init__(self, app: str) -> None:
        self.app = app
        self.pending: list[RemoteSession] = []
        self.fail: Exception | None = None
        self.expected: list[datetime] = []
        self.lock = threading.Lock()

    def push(self, session: RemoteSession) -> None:
        with self.lock:
            self.pending.append(session)

    def poll(self) -> list[RemoteSession]:
        if self.fail is not None:
            raise self.fail
        with self.lock:
            out, self.pending = self.pending, []
        return out

    def expect_outgoing_record(self, ended_at: datetime) -> None:
        self.expected.append(ended_at)

    problem = None
    status = "ok: fake log"


def wait_for(condition: Callable[[], bool], what: str) -> None:
    wait_until(condition, what, DEADLINE_S)


def anydesk_window(handle: int = 1, label: str = "987 654 321") -> WindowInfo:
    return WindowInfo(handle, f"{label} - AnyDesk", "anydesk", 42)


def test_poll_once_reads_windows_and_logs_and_reports_status() -> None:
    clock = ManualClock(T0)
    windows, log = FakeWindows(), FakeLog("rustdesk")
    monitor = Monitor(clock, windows=windows, logs=[log], grace_s=5)
    windows.windows = [anydesk_window(), WindowInfo(2, "notes - Editor", "editor", 7)]
    log.push(RemoteSession("rustdesk", "rd-1", "555", None, T0, None, Outcome.OPEN))
    events = monitor.poll_once()
    assert sorted((e.kind, e.session.app) for e in events) == [
        (EventKind.STARTED, "anydesk"),
        (EventKind.STARTED, "rustdesk"),
    ]
    assert {s.app for s in monitor.open_sessions()} == {"anydesk", "rustdesk"}
    assert [(s.name, s.ok) for s in monitor.status()] == [
        ("windows (fake)", True),
        ("log rustdesk", True),
    ]
    windows.problem = "no X display"
    assert monitor.status()[0].detail == "no X display" and not monitor.status()[0].ok
    monitor.close()
    assert windows.closed


def test_a_failing_log_source_is_reported_and_the_rest_goes_on() -> None:
    clock = ManualClock(T0)
    windows, broken = FakeWindows(), FakeLog("anydesk")
    broken.fail = PermissionError("ad_svc.trace: permission denied")
    monitor = Monitor(clock, windows=windows, logs=[broken])
    windows.windows = [anydesk_window()]
    (started,) = monitor.poll_once()
    assert started.kind is EventKind.STARTED
    (log_status,) = [s for s in monitor.status() if s.name == "log anydesk"]
    assert not log_status.ok and "permission denied" in log_status.detail
    broken.fail = None
    monitor.poll_once()
    assert next(s for s in monitor.status() if s.name == "log anydesk").ok


def test_pause_ends_sessions_through_the_next_poll_and_resume_detects_again() -> None:
    clock = ManualClock(T0)
    windows = FakeWindows()
    monitor = Monitor(clock, windows=windows)
    windows.windows = [anydesk_window()]
    monitor.poll_once()
    clock.advance(timedelta(seconds=5))
    monitor.pause()
    assert monitor.paused
    (ended,) = monitor.poll_once()
    assert ended.kind is EventKind.ENDED and ended.session.end == T0 + timedelta(seconds=5)
    windows.windows.append(anydesk_window(2, "111 222 333"))
    clock.advance(timedelta(seconds=1))
    assert monitor.poll_once() == []
    monitor.resume()
    windows.windows.append(anydesk_window(3, "444 555 666"))
    clock.advance(timedelta(seconds=1))
    (started,) = monitor.poll_once()
    assert started.session.partner_id == "444555666"


def test_a_teamviewer_window_session_ending_asks_the_log_for_its_record() -> None:
    clock = ManualClock(T0)
    windows, tv_log = FakeWindows(), FakeLog("teamviewer")
    monitor = Monitor(clock, windows=windows, logs=[tv_log], grace_s=2)
    windows.windows = [WindowInfo(9, "Alice Corp - TeamViewer", "TV_CClientWindowClass", 3)]
    monitor.poll_once()
    windows.windows = []
    for _ in range(3):
        clock.advance(timedelta(seconds=1))
        monitor.poll_once()
    assert tv_log.expected == [T0]


def test_run_delivers_events_wakes_early_and_stops() -> None:
    clock = ManualClock(T0)
    windows, log = FakeWindows(), FakeLog("anydesk")
    # An interval far longer than the test: only wake() can make it poll again in time.
    monitor = Monitor(clock, windows=windows, logs=[log], poll_interval_s=600)
    events: list[SessionEvent] = []
    stop = threading.Event()
    thread = threading.Thread(target=monitor.run, args=(stop, events.append), daemon=True)
    thread.start()
    wait_for(lambda: monitor.polls >= 1, "the first poll")
    log.push(RemoteSession("anydesk", "ad-7", "123456789", None, T0, None, Outcome.OPEN))
    monitor.wake()
    wait_for(lambda: len(events) == 1, "the woken poll's STARTED event")
    assert events[0].session.key == "ad-7"
    monitor.stop()
    thread.join(DEADLINE_S)
    assert not thread.is_alive()
    assert stop.is_set()


def test_run_survives_a_poll_that_raises(caplog: pytest.LogCaptureFixture) -> None:
    clock = ManualClock(T0)

    class Exploding(FakeWindows):
        calls = 0

        def list_windows(self) -> list[WindowInfo]:
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("display exploded")
            return [anydesk_window()]

    monitor = Monitor(clock, windows=Exploding(), poll_interval_s=0.01)
    events: list[SessionEvent] = []
    stop = threading.Event()
    thread = threading.Thread(target=monitor.run, args=(stop, events.append), daemon=True)
    thread.start()
    wait_for(lambda: len(events) == 1, "a session after the failed poll")
    monitor.stop()
    thread.join(DEADLINE_S)
    assert "display exploded" in caplog.text


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="interval"):
        Monitor(ManualClock(T0), poll_interval_s=0)


def test_a_window_is_dated_when_it_was_listed_not_when_the_poll_began() -> None:
    """A poll that takes a while (the logs read first, a loaded machine) must not date a
    window that opened meanwhile before it existed (the week simulation found starts up to
    a minute early on its fast clock)."""
    clock = ManualClock(T0)
    windows = FakeWindows()

    class SlowLog(FakeLog):
        def poll(self) -> list[RemoteSession]:
            clock.advance(timedelta(seconds=40))  # reading the logs took this long …
            windows.windows = [anydesk_window()]  # … and the session window opened meanwhile
            return super().poll()

    monitor = Monitor(clock, windows=windows, logs=[SlowLog("anydesk")], grace_s=5)
    (started,) = monitor.poll_once()
    assert started.kind is EventKind.STARTED
    assert started.session.start == T0 + timedelta(seconds=40)
