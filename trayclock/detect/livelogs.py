"""The monitor's side of the log signal: one LogWatcher per app, and file-change wake-ups.

Adapts `trayclock.detect.logsource.LogWatcher` to the Monitor (poll + a one-line status) and
hooks file-change notification (`trayclock.detect.signals.filewatch`) to `Monitor.wake`, so
a log line is read within milliseconds instead of at the next one-second tick.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from trayclock.detect.logsource import LogWatcher, LogWatchStatus
from trayclock.detect.signals.filewatch import FileWatch
from trayclock.domain.clock import Clock
from trayclock.domain.session import RemoteSession

logger = logging.getLogger(__name__)


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

    def __init__(self, watch: FileWatch) -> None:
        self.watch = watch

    @property
    def problem(self) -> str | None:
        status = self.watch.status()
        if status.mode == "watchdog" or not (status.unwatched or status.errors):
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
    file-change notification that calls `on_change` (None when not asked for or unavailable;
    stop it with `.watch.stop()`). `report_since`: the previous run's last sign of life;
    sessions the logs show ended after it are reported at start-up (see LogWatcher)."""
    from trayclock.detect.apps.registry import default_log_paths

    sources: list[LogSourceAdapter] = []
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
        watched += paths
    if on_change is None or not watched:
        return sources, None
    try:
        watch = FileWatch(watched, on_change)
        watch.start()
    except Exception as exc:  # notification only speeds things up; polling still works
        logger.warning("file-change notification unavailable (%s): logs read each poll", exc)
        return sources, None
    return sources, FileWatchStatusSource(watch)
