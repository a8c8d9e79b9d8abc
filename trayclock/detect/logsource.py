"""The log side of detection: tail one app's logs and turn their lines into sessions.

API (called by the monitor):
    LogWatcher(app, paths, *, clock, grace_s=60.0, catch_up_bytes=4 MiB,
               report_since=None, peers_dirs=None, discovery_interval_s=0.0)
    LogWatcher.poll() -> list[RemoteSession]       # sessions new/updated/ended since last poll
    LogWatcher.rediscover()                        # a folder changed: look for new files
    LogWatcher.status() -> LogWatchStatus          # files, bad-line counts, TeamViewer record
    LogWatcher.sessions() / open_sessions() -> list[RemoteSession]
    LogWatcher.last_line_at(key) -> datetime | None  # newest line of a reported session
    LogWatcher.watch_paths -> list[Path]           # the candidate paths (for FileWatch)
    LogWatcher.expect_outgoing_record(ended_at)    # TeamViewer: a session window just closed

`paths` may hold glob patterns (AnyDesk's branded `ad_*.trace`); they are expanded at every
poll, so logs that appear later (app installed after start) are picked up — or, with a
`discovery_interval_s`, only that often and when told a folder changed (`rediscover`, from
the file-change notification): then no glob runs on an ordinary poll. Files found at
the first poll are caught up quietly (only sessions still open are reported, plus, with
`report_since` — the previous run's last sign of life — those that ended after that moment:
work that ended while trayclock was down); later files are read from the top.
One session seen in two files of the same app (AnyDesk's service and user traces,
TeamViewer's live log and Connections.txt) is reported once, under the key of the first
(`log_merge`); whether TeamViewer's outgoing record keeps up is `teamviewer_record`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from trayclock.detect.apps import anydesk, rustdesk, teamviewer
from trayclock.detect.apps.paths import expand_log_paths
from trayclock.detect.apps.sessionlog import LineResult, SessionLogParser, feed_safely
from trayclock.detect.log_merge import MergedSessions
from trayclock.detect.signals.logtail import DEFAULT_CATCH_UP_BYTES, LogTail
from trayclock.detect.teamviewer_record import OutgoingRecord, OutgoingRecordWatch
from trayclock.domain.clock import Clock
from trayclock.domain.session import APPS, Outcome, RemoteSession

log = logging.getLogger(__name__)

__all__ = ["LogFileStatus", "LogWatchStatus", "LogWatcher", "OutgoingRecord", "parser_for"]


@dataclass(frozen=True, slots=True)
class LogFileStatus:
    path: Path
    exists: bool
    readable: bool
    error: str | None
    parser: str | None  # None: a file of this app that holds no outgoing sessions
    lines: int
    bad_lines: int
    rotations: int
    truncations: int


@dataclass(frozen=True, slots=True)
class LogWatchStatus:
    app: str
    candidates: tuple[Path, ...]
    files: tuple[LogFileStatus, ...]
    outgoing_record: OutgoingRecord = OutgoingRecord.NOT_EXPECTED

    @property
    def bad_lines(self) -> int:
        return sum(f.bad_lines for f in self.files)

    @property
    def readable_files(self) -> tuple[Path, ...]:
        return tuple(f.path for f in self.files if f.readable)

    @property
    def outgoing_logging_off(self) -> bool:
        """TeamViewer: "outgoing connection logging seems off" (show it in the UI)."""
        return self.outgoing_record in (OutgoingRecord.MISSING, OutgoingRecord.STALE)


def parser_for(app: str, path: Path, grace_s: float) -> SessionLogParser | None:
    """The line parser for one file of `app`, by its name; None when it holds no sessions."""
    if app == teamviewer.APP:
        return teamviewer.parser_for(path)
    if app == anydesk.APP:
        return anydesk.parser_for(path)
    if app == rustdesk.APP:
        return rustdesk.parser_for(path, grace_s)
    raise ValueError(f"unknown remote app {app!r}; known: {', '.join(APPS)}")


@dataclass(slots=True)
class _Source:
    path: Path
    tail: LogTail
    parser: SessionLogParser | None
    bad_lines: int = 0


class LogWatcher:
    """Tails every log of one app; see the module docstring."""

    def __init__(
        self,
        app: str,
        paths: Sequence[Path],
        *,
        clock: Clock,
        grace_s: float = rustdesk.DEFAULT_GRACE_S,
        catch_up_bytes: int = DEFAULT_CATCH_UP_BYTES,
        report_since: datetime | None = None,
        peers_dirs: Sequence[Path] | None = None,
        discovery_interval_s: float = 0.0,
    ) -> None:
        if app not in APPS:
            raise ValueError(f"unknown remote app {app!r}; known: {', '.join(APPS)}")
        self.app = app
        self._candidates = list(paths)
        self._clock = clock
        self._grace_s = grace_s
        self._catch_up_bytes = catch_up_bytes
        self._report_since = report_since
        self._peers_dirs = (
            list(peers_dirs)
            if peers_dirs is not None
            else (rustdesk.peer_config_dirs() if app == rustdesk.APP else [])
        )
        self._sources: dict[Path, _Source] = {}
        self._first_poll = True
        self._discovery_interval = timedelta(seconds=discovery_interval_s)
        self._discovered_at: datetime | None = None
        self._discovery_wanted = True
        self._peer_names: dict[str, str] = {}
        self._merged = MergedSessions(app, self._peer_name if self._peers_dirs else None)
        self._record = OutgoingRecordWatch(app, self._candidates)

    @property
    def watch_paths(self) -> list[Path]:
        return list(self._candidates)

    def rediscover(self) -> None:
        """Look for new log files at the next poll (a watched folder changed; any thread)."""
        self._discovery_wanted = True

    def set_discovery_interval(self, seconds: float) -> None:
        """Look for new files only this often, or when `rediscover` asks (notification on)."""
        self._discovery_interval = timedelta(seconds=seconds)

    # -- polling

    def poll(self) -> list[RemoteSession]:
        """Read what the logs gained; the sessions whose knowledge changed, as they now stand."""
        now = self._clock.now()
        if self._discovery_due(now):
            self._discover()
            self._discovered_at, self._discovery_wanted = now, False
        changed_keys: dict[str, None] = {}  # an ordered set: first change first
        for source in self._sources.values():
            for session in self._read(source, now):
                changed_keys[self._absorb(source.path, session, now)] = None
        self._first_poll = False
        self._record.check(now)
        return self._merged.report(changed_keys)

    def settle(self) -> list[RemoteSession]:
        """Detection stops (the app quits): an end still waiting out its grace period (a
        RustDesk Exit line nothing has followed yet) is taken as the end, so the quit can
        close the session there; the next start would only know the last heartbeat. The
        sessions that changed, as they now stand."""
        now = self._clock.now()
        changed_keys: dict[str, None] = {}
        for source in self._sources.values():
            if source.parser is None:
                continue
            source.parser.finish()
            for session in source.parser.take_changed():
                changed_keys[self._absorb(source.path, session, now)] = None
        return self._merged.report(changed_keys)

    def _discovery_due(self, now: datetime) -> bool:
        last = self._discovered_at
        return (
            self._discovery_wanted
            or last is None
            or not now - last < self._discovery_interval  # also when the clock went back
            or now < last
        )

    def _discover(self) -> None:
        for path in expand_log_paths(self._candidates):
            if path in self._sources:
                continue
            tail = LogTail(
                path, catch_up_bytes=self._catch_up_bytes, existed_at_start=self._first_poll
            )
            parser = parser_for(self.app, path, self._grace_s)
            if parser is None:
                log.info("%s: %s holds no outgoing sessions; not read", self.app, path)
            else:
                log.info("%s: tailing %s", self.app, path)
            self._sources[path] = _Source(path, tail, parser)

    def _read(self, source: _Source, now: datetime) -> list[RemoteSession]:
        parser = source.parser
        if parser is None:
            return []
        chunk = source.tail.read()
        before = parser.session_count()
        for line in chunk.lines:
            if feed_safely(parser, line) is LineResult.BAD:
                source.bad_lines += 1
                if source.bad_lines <= 3 or source.bad_lines % 1000 == 0:
                    log.info(
                        "%s: unparsed line in %s (%d so far)",
                        self.app,
                        source.path,
                        source.bad_lines,
                    )
        if chunk.partial and parser.complete_without_newline:
            # Read it now; when its newline comes it is fed again and deduplicated by key.
            feed_safely(parser, chunk.partial)
        parser.expire(now)
        if source.path.name == teamviewer.CONNECTIONS_FILE and parser.session_count() > before:
            self._record.record_grew()
        changed = parser.take_changed()
        if chunk.catch_up:
            changed = [s for s in changed if self._worth_reporting_from_history(s)]
        return changed

    def _worth_reporting_from_history(self, session: RemoteSession) -> bool:
        if session.outcome is Outcome.OPEN:
            return True
        since = self._report_since
        # Strictly after: a session that ended at that very moment was the previous run's to
        # record (a recorded end always moves its entry's heartbeat up to it).
        return since is not None and session.end is not None and session.end > since

    def _absorb(self, path: Path, session: RemoteSession, now: datetime) -> str:
        self._record.saw_session(path, session, now)
        return self._merged.absorb(path, session)

    def _peer_name(self, partner_id: str) -> str | None:
        # Only found names are kept: RustDesk writes peers/<id>.toml at login, which may be
        # just after the session's first line was read.
        if partner_id not in self._peer_names:
            for folder in self._peers_dirs:
                name = rustdesk.read_peer_info(folder, partner_id)
                if name:
                    self._peer_names[partner_id] = name
                    break
        return self._peer_names.get(partner_id)

    # -- TeamViewer's outgoing record

    def expect_outgoing_record(self, ended_at: datetime) -> None:
        """A TeamViewer session ended (say, its window closed): Connections.txt should grow."""
        self._record.expect(ended_at)

    def _record_file_exists(self, path: Path) -> bool:
        source = self._sources.get(path)
        return source is not None and source.tail.status().exists

    # -- state

    def sessions(self) -> list[RemoteSession]:
        return self._merged.sessions()

    def open_sessions(self) -> list[RemoteSession]:
        return [s for s in self.sessions() if s.outcome is Outcome.OPEN]

    def last_line_at(self, key: str) -> datetime | None:
        """When a line of the reported session `key` was last seen in any file (None: unknown)."""
        found: list[datetime] = []
        for path, part in self._merged.parts(key):
            source = self._sources.get(path)
            if source is not None and source.parser is not None:
                seen = source.parser.last_line_at(part.key)
                if seen is not None:
                    found.append(seen)
        return max(found, default=None)

    def status(self) -> LogWatchStatus:
        files = []
        for source in self._sources.values():
            tail = source.tail.status()
            files.append(
                LogFileStatus(
                    path=source.path,
                    exists=tail.exists,
                    readable=tail.readable,
                    error=tail.error,
                    parser=type(source.parser).__name__ if source.parser else None,
                    lines=tail.lines_read,
                    bad_lines=source.bad_lines,
                    rotations=tail.rotations,
                    truncations=tail.truncations,
                )
            )
        return LogWatchStatus(
            self.app,
            tuple(self._candidates),
            tuple(files),
            self._record.state(self._record_file_exists),
        )
