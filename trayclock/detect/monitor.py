"""The detection loop: reads the real signal sources when they have news and feeds the
Reconciler.

The loop is thin on purpose: every decision lives in `trayclock.detect.reconciler`, which
tests drive with fake sightings and a ManualClock. Between polls it waits on descriptors
(`loop_wait`): the X connection (a window came, went or changed its title), the log
notifier (inotify on Linux; elsewhere watchdog calls `wake()`), and `wake()` itself. Only
while time alone can change something (a session is tracked: grace periods, its app's
process; or a source has no events: Win32 and macOS windows, logs without notification)
does it also poll every `poll_interval_s`; otherwise a safety poll every `idle_interval_s`.
The process list is scanned when a new window or log session may mean an app started,
every few seconds while a session is tracked, and rarely otherwise.

`open_monitor()` builds a Monitor with this machine's real sources; given the previous
run's last sign of life (`PreviousRun`), its logs also report the sessions that ended while
trayclock was down, and old log sessions the previous run already dealt with are held back
(`reconciler.holdback`).

Why this module is long: the loop, its waiting policy and the factory of its real sources
belong together.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from trayclock.detect.apps.registry import match_window
from trayclock.detect.loop_wait import EventSource, Waker, wait_for_events
from trayclock.detect.reconciler import GRACE_S, PreviousRun, Reconciler, WindowSighting
from trayclock.detect.signals.processes import ProcessSource
from trayclock.detect.signals.window_types import WindowInfo, WindowSource
from trayclock.domain.clock import Clock
from trayclock.domain.session import EventKind, RemoteSession, SessionEvent

logger = logging.getLogger(__name__)

POLL_INTERVAL_S = 1.0  # while a session is tracked, or a source cannot tell of changes
IDLE_INTERVAL_S = 60.0  # safety poll when every source tells of its changes
WAKE_COALESCE_S = 0.01  # after a file-change wake, let the writer finish its burst of lines
# A new window or log session: the process list is read again if older than this.
NEWS_PROCESS_AGE_S = 1.0
# With nothing tracked the process list is not needed; read it this rarely for the status.
IDLE_PROCESS_AGE_S = 300.0
_UNMATCHED = WindowSighting("anydesk", -1, None, None)  # cache sentinel: "not looked at yet"

__all__ = [
    "GRACE_S",
    "IDLE_INTERVAL_S",
    "POLL_INTERVAL_S",
    "LogSource",
    "Monitor",
    "PreviousRun",
    "Reconciler",
    "SourceStatus",
    "WindowSighting",
    "open_monitor",
    "sighting_of",
]


class LogSource(Protocol):
    """One app's log watcher: the sessions whose knowledge changed since the last poll."""

    def poll(self) -> list[RemoteSession]: ...


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """What one signal source sees, for the tray's status view and `detect --status`."""

    name: str
    ok: bool
    detail: str


def sighting_of(window: WindowInfo) -> WindowSighting | None:
    """The window as an outgoing session sighting, by the per-app title/class rules."""
    found = match_window(window.title, window.wm_class)
    if found is None:
        return None
    return WindowSighting(
        found.app, window.handle, found.partner_id, found.partner_name, window.title
    )


def _status_of(name: str, source: object) -> SourceStatus:
    problem = getattr(source, "problem", None)
    detail = getattr(source, "status", None)
    if callable(detail):  # some sources expose status() as a method
        detail = detail()
    text = str(problem or detail or "ok")
    return SourceStatus(name, problem is None, text)


class Monitor:
    """Polls the sources and turns what they see into SessionEvents (thread-safe)."""

    def __init__(
        self,
        clock: Clock,
        *,
        windows: WindowSource | None = None,
        logs: Sequence[LogSource] = (),
        processes: ProcessSource | None = None,
        match: Callable[[WindowInfo], WindowSighting | None] = sighting_of,
        poll_interval_s: float = POLL_INTERVAL_S,
        grace_s: float = GRACE_S,
        reconciler: Reconciler | None = None,
        on_close: Sequence[Callable[[], object]] = (),
        other_status: Sequence[tuple[str, object]] = (),
        previous_run: PreviousRun | None = None,
        idle_interval_s: float = IDLE_INTERVAL_S,
        event_sources: Sequence[EventSource] = (),
        logs_notified: Callable[[], bool] | None = None,
    ) -> None:
        if poll_interval_s <= 0:
            raise ValueError(f"poll interval must be positive, got {poll_interval_s}")
        self.clock = clock
        self.windows = windows
        self.logs = list(logs)
        self.processes = processes
        self.poll_interval_s = poll_interval_s
        self.idle_interval_s = max(idle_interval_s, poll_interval_s)
        # Descriptors that tell of news (the log notifier), and whether the logs are covered
        # by a notification (None: they are not, so they are polled every poll interval).
        self.event_sources = list(event_sources)
        self.logs_notified = logs_notified
        self.reconciler = (
            reconciler if reconciler is not None else Reconciler(grace_s, previous_run=previous_run)
        )
        self.match = match
        self._on_close = list(on_close)
        # Helpers that are no signal themselves but explain one (file-change notification).
        self.other_status = list(other_status)
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._waker: Waker | None = None  # exists while `run` runs
        self._waker_lock = threading.RLock()  # RLock: wake() may run in a signal handler
        self._stop: threading.Event | None = None
        self._pause_wanted = False
        self._log_problems: dict[int, str] = {}
        # Last poll's verdict per window: titles rarely change, and matching hundreds of
        # windows against every app's rules each second would dominate the poll's cost.
        self._matched: dict[WindowInfo, WindowSighting | None] = {}
        self._listed: list[WindowInfo] = []
        self._sightings: list[WindowSighting] = []
        self._new_window = False  # the last poll saw a session window not seen before
        self.polls = 0

    # --- control (any thread) -------------------------------------------------------------

    def wake(self) -> None:
        """Poll now instead of at the next tick (the file-change callback; any thread)."""
        self._wake.set()
        with self._waker_lock:
            waker = self._waker
        if waker is not None:
            waker.wake()

    def stop(self) -> None:
        """Make `run` return promptly."""
        if self._stop is not None:
            self._stop.set()
        self.wake()

    def pause(self) -> None:
        """Stop detecting: open sessions end now; what opens while paused is never tracked.

        The ENDED events come out of the next poll (through `run`'s on_event).
        """
        self._pause_wanted = True
        self.wake()

    def resume(self) -> None:
        """Detect again: sessions that begin from now on are tracked."""
        self._pause_wanted = False
        self.wake()

    @property
    def paused(self) -> bool:
        return self._pause_wanted

    def open_sessions(self) -> list[RemoteSession]:
        with self._lock:
            return self.reconciler.open_sessions()

    def finish(self) -> list[SessionEvent]:
        """After `run` (the app quits): end the sessions already gone at their last sign of
        life instead of leaving them running until the next start; see `Reconciler.finish`."""
        with self._lock:
            try:  # a last look: a window closed since the last tick is gone now
                events = self.poll_once(last=True)
            except Exception:
                logger.exception("last detection poll failed")
                events = []
            return events + self.reconciler.finish(self.clock.now())

    def status(self) -> list[SourceStatus]:
        """One line per source: does it work, and what does it see or miss."""
        with self._lock:
            found: list[SourceStatus] = []
            if self.windows is None:
                found.append(SourceStatus("windows", False, "no window source"))
            else:
                found.append(_status_of(f"windows ({self.windows.name})", self.windows))
            if self.processes is not None:
                found.append(_status_of("processes", self.processes))
            for index, source in enumerate(self.logs):
                name = f"log {getattr(source, 'app', index)}"
                problem = self._log_problems.get(index)
                found.append(
                    SourceStatus(name, False, problem) if problem else _status_of(name, source)
                )
            found += [_status_of(name, source) for name, source in self.other_status]
            return found

    # --- the loop -------------------------------------------------------------------------

    def poll_once(self, *, last: bool = False) -> list[SessionEvent]:
        """Read every source once and return the events that causes. `last` (the last look
        before quitting): ends the logs hold back for their grace count now, and windows
        the window manager still lists are checked to exist."""
        with self._lock:
            log_sessions = self._read_logs(settle=last)
            sightings = self._read_windows(confirm=last)
            # The moment of this look: after the windows were listed, so a window that opened
            # while the logs were read is never dated before it existed.
            now = self.clock.now()
            events: list[SessionEvent] = []
            if self._pause_wanted and not self.reconciler.suspended:
                events += self.reconciler.suspend(now)
            elif not self._pause_wanted and self.reconciler.suspended:
                self.reconciler.resume()
            running = self._running_apps(news=bool(log_sessions) or self._new_window)
            events += self.reconciler.observe(
                now,
                windows=sightings,
                logs=log_sessions,
                running=running,
                last_line_at=self._last_line_at,
            )
            self._expect_records(events)
            self.polls += 1
            return events

    def run(self, stop_event: threading.Event, on_event: Callable[[SessionEvent], None]) -> None:
        """Poll until `stop_event` is set, handing each event to `on_event` (in this thread).

        Between polls it waits for news (see the module docstring). Setting `stop_event`
        ends the loop within one poll interval; `stop()` ends it at once. A failing poll is
        logged and the loop goes on: detection must outlive a bad read.
        """
        self._stop = stop_event
        waker = Waker()
        with self._waker_lock:
            self._waker = waker
        try:
            while not stop_event.is_set():
                self._wake.clear()  # before polling: a wake during the poll means poll again
                waker.drain()
                try:
                    events = self.poll_once()
                except Exception:
                    logger.exception("detection poll failed; trying again at the next tick")
                    events = []
                for event in events:
                    on_event(event)
                if stop_event.is_set():
                    break
                woke = self._wake.is_set() or self._wait(waker)
                if woke and not stop_event.is_set():
                    time.sleep(WAKE_COALESCE_S)
        finally:
            with self._waker_lock:
                self._waker = None
            waker.close()

    def next_wait_s(self) -> float:
        """How long the loop may wait for news before it polls anyway."""
        wait = self.poll_interval_s if self._needs_ticking() else self.idle_interval_s
        due = getattr(self.windows, "poll_due_in_s", None)
        if callable(due):
            wait = min(wait, max(0.0, float(due())))
        return wait

    def _needs_ticking(self) -> bool:
        """Time alone can change something, or a source cannot tell of its changes."""
        if self.reconciler.tracking:
            return True
        if self.windows is not None and not callable(getattr(self.windows, "fileno", None)):
            return True  # a window source without events (Win32, macOS, fakes): poll it
        return bool(self.logs) and (self.logs_notified is None or not self.logs_notified())

    def _wait(self, waker: Waker) -> bool:
        """Wait for news or the next poll; True when news (a wake-up, an event) came."""
        pending = getattr(self.windows, "has_pending_events", None)
        if callable(pending) and pending():
            return True
        fileno = getattr(self.windows, "fileno", None)
        window_fd = fileno() if callable(fileno) else None
        return wait_for_events(waker, window_fd, self.event_sources, self.next_wait_s())

    def close(self) -> None:
        for closer in self._on_close:
            try:
                closer()
            except Exception:
                logger.exception("closing a detection source failed")
        if self.windows is not None:
            self.windows.close()

    def _expect_records(self, events: Sequence[SessionEvent]) -> None:
        # A TeamViewer session known only by its window has ended: its Connections.txt line
        # should follow; the log watcher says "outgoing logging appears off" if it never does.
        for event in events:
            session = event.session
            if event.kind is not EventKind.ENDED or session.app != "teamviewer":
                continue
            if self.reconciler.log_keys_of(session.key) or session.end is None:
                continue
            for source in self.logs:
                expect = getattr(source, "expect_outgoing_record", None)
                if getattr(source, "app", None) == "teamviewer" and callable(expect):
                    expect(session.end)

    # --- reading sources ------------------------------------------------------------------

    def _read_windows(self, *, confirm: bool = False) -> list[WindowSighting] | None:
        if self.windows is None:
            return None
        try:
            confirm_listed = getattr(self.windows, "confirm", None)
            if confirm and callable(confirm_listed):
                confirm_listed()
            listed = self.windows.list_windows()
        except Exception:  # a source should not raise; if it does, count it as no windows
            logger.exception("window source %s failed", self.windows.name)
            return None
        self._new_window = False
        if listed == self._listed:  # the usual case: nothing changed since the last poll
            return self._sightings
        previous, matched = self._matched, {}
        for window in listed:
            found = previous.get(window, _UNMATCHED)
            matched[window] = self.match(window) if found is _UNMATCHED else found
        seen = {s.identity for s in self._sightings}
        self._matched = matched
        self._listed = listed
        self._sightings = [s for s in matched.values() if s is not None]
        self._new_window = any(s.identity not in seen for s in self._sightings)
        return self._sightings

    def _running_apps(self, *, news: bool) -> frozenset[str] | None:
        """The running apps, read as fresh as this poll needs them (see the module)."""
        if self.processes is None:
            return None
        if not isinstance(self.processes, ProcessSource):  # a stand-in: it keeps its own pace
            return self.processes.running_apps()
        if news:
            return self.processes.running_apps(max_age_s=NEWS_PROCESS_AGE_S)
        if self.reconciler.tracking:
            return self.processes.running_apps()
        return self.processes.running_apps(max_age_s=IDLE_PROCESS_AGE_S)

    def _last_line_at(self, log_key: str) -> datetime | None:
        """When any log source last showed a line of that log session (None: none knows)."""
        found: list[datetime] = []
        for source in self.logs:
            ask = getattr(source, "last_line_at", None)
            if callable(ask):
                try:
                    seen = ask(log_key)
                except Exception:  # a hint only: never let it break the poll
                    logger.exception("log source %r: last_line_at failed", source)
                    continue
                if isinstance(seen, datetime):
                    found.append(seen)
        return max(found, default=None)

    def _read_logs(self, *, settle: bool = False) -> list[RemoteSession]:
        found: list[RemoteSession] = []
        for index, source in enumerate(self.logs):
            try:
                found += source.poll()
                settle_source = getattr(source, "settle", None) if settle else None
                if callable(settle_source):
                    found += settle_source()
            except Exception as exc:  # one unreadable log must not blind the others
                if index not in self._log_problems:
                    logger.exception("log source %r failed", source)
                self._log_problems[index] = f"log read failed: {exc}"
            else:
                self._log_problems.pop(index, None)
        return found


def open_monitor(
    clock: Clock,
    *,
    poll_interval_s: float = POLL_INTERVAL_S,
    grace_s: float = GRACE_S,
    apps: Sequence[str] | None = None,
    log_paths: Mapping[str, Sequence[Path]] | None = None,
    window_source: WindowSource | None = None,
    process_source: ProcessSource | None = None,
    watch_files: bool = True,
    previous_run: PreviousRun | None = None,
) -> Monitor:
    """A Monitor on this machine's real sources: windows, processes, and each app's logs.

    `apps` limits detection to some of teamviewer/anydesk/rustdesk; `log_paths` replaces an
    app's default log locations (settings, tests); `window_source` and `process_source`
    replace the real ones. File-change notification wakes the loop when a watched log grows
    (`watch_files=False`: the logs are polled every poll interval). `previous_run`: the last
    run's last sign of life (its logs' sessions that ended after it are reported at
    start-up) and the sessions it left running.
    """
    from trayclock.detect.apps.registry import APPS, may_be_session_window
    from trayclock.detect.livelogs import open_log_sources
    from trayclock.detect.signals.window_source import open_window_source

    chosen = list(APPS) if apps is None else list(apps)
    for app in chosen:
        if app not in APPS:
            raise ValueError(f"unknown remote app {app!r}; known: {', '.join(APPS)}")
    windows = (
        window_source
        if window_source is not None
        else open_window_source(is_candidate=may_be_session_window)
    )
    processes = (
        process_source
        if process_source is not None
        else ProcessSource({app: APPS[app].is_app_process for app in chosen})
    )
    monitor = Monitor(
        clock,
        windows=windows,
        processes=processes,
        poll_interval_s=poll_interval_s,
        grace_s=grace_s,
        previous_run=previous_run,
    )
    sources, notification = open_log_sources(
        clock,
        chosen,
        log_paths,
        grace_s=grace_s,
        on_change=monitor.wake if watch_files else None,
        report_since=previous_run.last_seen if previous_run is not None else None,
    )
    monitor.logs = list(sources)
    if notification is not None:
        watch = notification.watch
        monitor.other_status.append(("file-change notification", notification))
        monitor._on_close.append(watch.stop)
        monitor.logs_notified = lambda: watch.complete
        if callable(getattr(watch, "take_events", None)):  # inotify: the loop waits on it
            monitor.event_sources.append(watch)  # type: ignore[arg-type]
    return monitor
