"""The monitor's side of the log signal: one LogWatcher per app, and file-change news.

Adapts `trayclock.detect.logsource.LogWatcher` to the Monitor (poll + a one-line status) and
sets up file-change notification so a log line is read within milliseconds: on Linux the
inotify notifier (`signals.lognotify`), whose descriptor the monitor waits on and which
tells the watchers when to look for new files (so no glob runs on an ordinary poll); on
Windows and macOS (or without inotify) watchdog (`signals.filewatch`) calling
`Monitor.wake`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from trayclock.detect.logsource import LogWatcher, LogWatchStatus
from trayclock.detect.signals.filewatch import FileWatch, FileWatchStatus
from trayclock.domain.clock import Clock
from trayclock.domain.session import RemoteSession

logger = logging.getLogger(__name__)

# With notification on, the watchers look for new log files when a folder changed, and
# otherwise this rarely (in case an event was lost).
DISCOVERY_SAFETY_S = 300.0


class Notification(Protocol):
    """A running file-change notification (LogNotifier or FileWatch)."""

    @property
    def complete(self) -> bool: ...

    def status(self) -> FileWatchStatus: ...

    def stop(self) -> None: ...


def describe_log_status(status: LogWatchStatus) -> tuple[str | None, str]:
    """(problem or None, one-line description) of one app's logs, for a technician."""
    readable = [f for f in status.files if f.readable]
    unreadable = [f for f in status.files if f.exists and not f.readable]
    parts: list[str] = []
    problem: str | None = None
    if readable:
        names = ", ".join(str(f.path) for f in readable)
        bad = status.bad_lines
        parts.append(f"tailing {names}" + (f" ({bad} unparsed lines)" if bad else ""))
    else:
        where = ", ".join(str(p) for p in status.candidates) or "no known location"
        problem = f"no log found (looked at {where})"
    if unreadable:
        details = "; ".join(f"{f.path}: {f.error or 'unreadable'}" for f in unreadable)
        problem = f"unreadable log: {details}"
    if status.outgoing_logging_off:
        problem = (
            "TeamViewer outgoing logging appears off (Connections.txt "
            + ("missing" if status.outgoing_record == "missing" else "did not grow")
            + "): enable Extras → Options → Advanced → 'Log outgoing connections'"
        )
    return problem, problem or "; ".join(parts)


class LogSourceAdapter:
    """One app's LogWatcher as a Monitor log source (poll, problem, status)."""

    def __init__(self, watcher: LogWatcher) -> None:
        self.watcher = watcher
        self.app = watcher.app

    def poll(self) -> list[RemoteSession]:
        return self.watcher.poll()

    def settle(self) -> list[RemoteSession]:
        return self.watcher.settle()

    def expect_outgoing_record(self, ended_at: datetime) -> None:
        self.watcher.expect_outgoing_record(ended_at)

    def last_line_at(self, key: str) -> datetime | None:
        return self.watcher.last_line_at(key)

    @property
    def problem(self) -> str | None:
        return describe_log_status(self.watcher.status())[0]

    @property
    def status(self) -> str:
        return describe_log_status(self.watcher.status())[1]

    def __repr__(self) -> str:
        return f"LogSourceAdapter({self.app})"


class FileWatchStatusSource:
    """File-change notification as a status line: does a log line wake the monitor at once?"""

    def __init__(self, watch: Notification) -> None:
        self.watch = watch

    @property
    def problem(self) -> str | None:
        status = self.watch.status()
        if status.mode in ("watchdog", "inotify") or not (status.unwatched or status.errors):
            return None
        reasons = "; ".join(status.errors) or "some log folders cannot be watched"
        return f"file-change notification {status.mode}: {reasons} (logs still read every poll)"

    @property
    def status(self) -> str:
        status = self.watch.status()
        watched = ", ".join(str(p) for p in status.watched) or "no log folder exists yet"
        return self.problem or f"ok ({status.mode}): watching {watched}"


def open_log_sources(
    clock: Clock,
    apps: Sequence[str],
    log_paths: Mapping[str, Sequence[Path]] | None = None,
    *,
    grace_s: float | None = None,
    on_change: Callable[[], None] | None = None,
    report_since: datetime | None = None,
) -> tuple[list[LogSourceAdapter], FileWatchStatusSource | None]:
    """A log source per app (default paths unless `log_paths` names them), and the started
    file-change notification (None when not asked for or unavailable; stop it with
    `.watch.stop()`): on Linux an inotify notifier to wait on (`.watch.fileno()`,
    `.watch.take_events()`), elsewhere watchdog calling `on_change`. `report_since`: the
    previous run's last sign of life; sessions the logs show ended after it are reported at
    start-up (see LogWatcher)."""
    from trayclock.detect.apps.registry import default_log_paths

    sources: list[LogSourceAdapter] = []
    watchers: list[LogWatcher] = []
    watched: list[Path] = []
    for app in apps:
        given = (log_paths or {}).get(app)
        paths = list(given) if given is not None else default_log_paths(app)
        # The same grace as the monitor's: RustDesk's parser holds an "Exit io_loop" back
        # that long in case the peer reconnects.
        watcher = (
            LogWatcher(app, paths, clock=clock, report_since=report_since)
            if grace_s is None
            else LogWatcher(app, paths, clock=clock, grace_s=grace_s, report_since=report_since)
        )
        sources.append(LogSourceAdapter(watcher))
        watchers.append(watcher)
        watched += paths
    if on_change is None or not watched:
        return sources, None
    notifier = _inotify_notifier(watched, watchers)
    if notifier is not None:
        return sources, FileWatchStatusSource(notifier)
    try:
        watch = FileWatch(watched, on_change)
        watch.start()
    except Exception as exc:  # notification only speeds things up; polling still works
        logger.warning("file-change notification unavailable (%s): logs read each poll", exc)
        return sources, None
    return sources, FileWatchStatusSource(watch)


def _inotify_notifier(paths: Sequence[Path], watchers: Sequence[LogWatcher]) -> Notification | None:
    """The inotify notifier for `paths` (Linux), telling `watchers` when folders change."""
    if not sys.platform.startswith("linux"):
        return None
    from trayclock.detect.signals.lognotify import LogNotifier

    def rediscover() -> None:
        for watcher in watchers:
            watcher.rediscover()

    try:
        notifier = LogNotifier(paths, on_structure=rediscover)
    except OSError as exc:  # no inotify here (a container, an old kernel): watchdog then
        logger.info("inotify unavailable (%s); using watchdog for log changes", exc)
        return None
    for watcher in watchers:
        watcher.set_discovery_interval(DISCOVERY_SAFETY_S)
    return notifier
