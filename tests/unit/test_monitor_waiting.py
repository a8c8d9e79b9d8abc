"""How the monitor waits: on events when every source tells of its changes, on a tick only
while time can change something; when it scans processes; when logs look for new files."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.detect_lines import anydesk_request
from tests.waiting import wait_until
from trayclock.detect.logsource import LogWatcher
from trayclock.detect.monitor import IDLE_PROCESS_AGE_S, Monitor
from trayclock.detect.signals.processes import ProcessSource
from trayclock.detect.signals.window_types import WindowInfo
from trayclock.domain.clock import ManualClock
from trayclock.domain.session import Outcome, RemoteSession, SessionEvent

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DEADLINE_S = 10.0


class EventedWindows:
    """A window source that tells of its changes (as the X11 one does) through a socket."""

    name = "evented"
    problem = None
    status = "ok: evented fake"

    def __init__(self, due_s: float = 1e9) -> None:
        self.windows: list[WindowInfo] = []
        self.due_s = due_s
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)

    def fileno(self) -> int | None:
        return self._reader.fileno()

    def poll_due_in_s(self) -> float:
        return self.due_s

    def show(self, *windows: WindowInfo) -> None:
        self.windows = list(windows)
        self._writer.send(b"e")  # the event a real display would send

    def list_windows(self) -> list[WindowInfo]:
        try:
            while self._reader.recv(64):
                pass
        except BlockingIOError:
            pass
        return list(self.windows)

    def close(self) -> None:
        self._reader.close()
        self._writer.close()


class PolledWindows(EventedWindows):
    fileno = None  # type: ignore[assignment]  # like Win32/macOS: no change notification


class Notifier:
    """An event source whose news can be told apart from noise."""

    def __init__(self) -> None:
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self.complete = True
        self.taken: list[bytes] = []

    def fileno(self) -> int:
        return self._reader.fileno()

    def send(self, what: bytes) -> None:
        self._writer.send(what)

    def take_events(self) -> bool:
        data = self._reader.recv(64)
        self.taken.append(data)
        return b"news" in data


def anydesk(handle: int) -> WindowInfo:
    return WindowInfo(handle, f"{100_000_000 + handle} - AnyDesk", "anydesk", 7)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    wait_until(condition, what, DEADLINE_S)


def test_idle_with_every_source_evented_waits_the_long_interval() -> None:
    windows, notifier = EventedWindows(), Notifier()
    monitor = Monitor(
        ManualClock(T0),
        windows=windows,
        logs=[],
        poll_interval_s=1,
        idle_interval_s=60,
        event_sources=[notifier],
    )
    monitor.poll_once()
    assert monitor.next_wait_s() == 60
    windows.due_s = 4.5  # the source wants a poll (say, to reconnect) before then
    assert monitor.next_wait_s() == 4.5


def test_a_tracked_session_or_a_polled_source_makes_it_tick() -> None:
    clock = ManualClock(T0)
    windows = EventedWindows()
    monitor = Monitor(clock, windows=windows, poll_interval_s=1, idle_interval_s=60, grace_s=5)
    windows.windows = [anydesk(1)]
    monitor.poll_once()
    assert monitor.reconciler.tracking and monitor.next_wait_s() == 1  # grace needs a clock
    windows.windows = []
    clock.advance(timedelta(seconds=6))
    monitor.poll_once()
    assert not monitor.reconciler.tracking and monitor.next_wait_s() == 60
    polled = Monitor(clock, windows=PolledWindows(), poll_interval_s=1, idle_interval_s=60)
    assert polled.next_wait_s() == 1


class _Log:
    app = "anydesk"
    problem = None
    status = "ok"

    def poll(self) -> list[RemoteSession]:
        return []


def test_logs_without_a_complete_notification_are_polled() -> None:
    notifier = Notifier()
    monitor = Monitor(
        ManualClock(T0),
        windows=EventedWindows(),
        logs=[_Log()],
        poll_interval_s=1,
        idle_interval_s=60,
    )
    assert monitor.next_wait_s() == 1  # no notification at all
    monitor.logs_notified = lambda: notifier.complete
    assert monitor.next_wait_s() == 60
    notifier.complete = False  # a folder could not be watched
    assert monitor.next_wait_s() == 1


def test_run_polls_on_window_events_and_on_news_but_not_on_noise() -> None:
    windows, notifier = EventedWindows(), Notifier()
    # Intervals far beyond the test: only an event can make it poll in time.
    monitor = Monitor(
        ManualClock(T0),
        windows=windows,
        poll_interval_s=600,
        idle_interval_s=600,
        event_sources=[notifier],
    )
    events: list[SessionEvent] = []
    stop = threading.Event()
    thread = threading.Thread(target=monitor.run, args=(stop, events.append), daemon=True)
    thread.start()
    try:
        wait_for(lambda: monitor.polls == 1, "the first poll")
        windows.show(anydesk(1))
        wait_for(lambda: len(events) == 1, "STARTED from a window event")
        polls = monitor.polls
        notifier.send(b"noise")
        wait_for(lambda: notifier.taken == [b"noise"], "the noise to be looked at")
        notifier.send(b"news")
        wait_for(lambda: monitor.polls > polls, "a poll for the news")
        assert monitor.polls == polls + 1, "the noise caused no poll"
    finally:
        monitor.stop()
        thread.join(DEADLINE_S)
    assert not thread.is_alive()


def test_processes_are_scanned_on_news_while_tracking_and_rarely_when_idle() -> None:
    scans: list[int] = []

    def names() -> Iterable[str]:
        scans.append(1)
        return ["anydesk"]

    clock = ManualClock(T0)

    def monotonic() -> float:  # the same clock, as seconds since T0
        return (clock.now() - T0).total_seconds()

    processes = ProcessSource(
        {"anydesk": lambda n: n == "anydesk"}, refresh_s=5, list_names=names, monotonic=monotonic
    )
    windows = EventedWindows()
    monitor = Monitor(clock, windows=windows, processes=processes, grace_s=2)

    def poll_at(seconds: float) -> None:
        clock.set(T0 + timedelta(seconds=seconds))
        monitor.poll_once()

    poll_at(0)
    assert len(scans) == 1  # the first poll
    for second in range(1, 60):
        poll_at(second)
    assert len(scans) == 1, "nothing tracked: no scans"
    windows.windows = [anydesk(1)]
    poll_at(60.5)
    assert len(scans) == 2, "a new session window: is its app running?"
    for second in range(61, 72):
        poll_at(second)
    assert len(scans) == 4, "tracked: every refresh_s (5 s)"
    windows.windows = []
    for second in range(72, 80):
        poll_at(second)
    assert not monitor.reconciler.tracking
    before = len(scans)
    for second in range(80, 80 + int(IDLE_PROCESS_AGE_S) - 10, 7):
        poll_at(second)
    assert len(scans) == before, "idle again: no scans"
    poll_at(80 + IDLE_PROCESS_AGE_S)
    assert len(scans) == before + 1, "the slow safety scan"


def test_a_log_watcher_with_a_discovery_interval_looks_for_files_when_told(
    tmp_path: Path,
) -> None:
    clock = ManualClock(datetime(2026, 3, 29, 7, 0, tzinfo=UTC))
    watcher = LogWatcher("anydesk", [tmp_path / "ad*.trace"], clock=clock, discovery_interval_s=300)
    assert watcher.poll() == []
    (tmp_path / "ad_acme.trace").write_text(anydesk_request("08:00:00.000", 7, "300400500"))
    clock.advance(timedelta(seconds=10))
    assert watcher.poll() == [], "no glob on an ordinary poll"
    watcher.rediscover()  # the notifier saw a name appear in the folder
    (found,) = watcher.poll()
    assert (found.partner_id, found.outcome) == ("300400500", Outcome.OPEN)
    (tmp_path / "ad_other.trace").write_text(anydesk_request("08:01:00.000", 8, "300400501"))
    clock.advance(timedelta(seconds=300))
    (late,) = watcher.poll()  # the safety interval passed: looked again
    assert late.partner_id == "300400501"
