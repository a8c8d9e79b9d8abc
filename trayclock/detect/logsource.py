"""The log side of detection: tail one app's logs and turn their lines into sessions.

API (called by the monitor):
    LogWatcher(app, paths, *, clock, grace_s=60.0, catch_up_bytes=4 MiB,
               report_since=None, peers_dirs=None)
    LogWatcher.poll() -> list[RemoteSession]       # sessions new/updated/ended since last poll
    LogWatcher.status() -> LogWatchStatus          # files, bad-line counts, TeamViewer record
    LogWatcher.sessions() / open_sessions() -> list[RemoteSession]
    LogWatcher.last_line_at(key) -> datetime | None  # newest line of a reported session
    LogWatcher.watch_paths -> list[Path]           # the candidate paths (for FileWatch)
    LogWatcher.expect_outgoing_record(ended_at)    # TeamViewer: a session window just closed

`paths` may hold glob patterns (AnyDesk's branded `ad_*.trace`); they are expanded at every
poll, so logs that appear later (app installed after start) are picked up. Files found at
the first poll are caught up quietly (only sessions still open are reported, plus, with
`report_since` — the previous run's last sign of life — those that ended after that moment:
work that ended while trayclock was down); later files are read from the top.
One session seen in two files of the same app (AnyDesk's service and user traces,
TeamViewer's live log and Connections.txt) is reported once, under the key of the first.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from trayclock.detect.apps import anydesk, rustdesk, teamviewer
from trayclock.detect.apps.paths import expand_log_paths
from trayclock.detect.apps.sessionlog import LineResult, SessionLogParser, feed_safely
from trayclock.detect.signals.logtail import DEFAULT_CATCH_UP_BYTES, LogTail
from trayclock.domain.clock import Clock
from trayclock.domain.session import APPS, Outcome, RemoteSession

log = logging.getLogger(__name__)

# Two files' sessions with the same partner starting this close together are one session.
MERGE_WINDOW_S = 30.0
# After a TeamViewer session ended, Connections.txt should grow within this time.
OUTGOING_RECORD_WAIT_S = 120.0


class OutgoingRecord(StrEnum):
    """States of TeamViewer's outgoing record (`Connections.txt`), for the UI."""

    NOT_EXPECTED = "not_expected"  # no such record on this platform / not a TeamViewer watcher
    MISSING = "missing"  # the file does not exist: "log outgoing connections" is probably off
    PRESENT = "present"
    STALE = "stale"  # a session ended but no record came: logging seems off


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


@dataclass(slots=True)
class _Merged:
    """One reported session and the per-file sessions it stands for."""

    key: str
    parts: dict[str, tuple[Path, RemoteSession]] = field(default_factory=dict)
    reported: RemoteSession | None = None


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
        self._merged: dict[str, _Merged] = {}  # reported key → merged session
        self._owner: dict[str, str] = {}  # per-file session key → reported key
        self._peer_names: dict[str, str] = {}
        self._record_expected: list[datetime] = []
        self._record_stale = False

    @property
    def watch_paths(self) -> list[Path]:
        return list(self._candidates)

    # -- polling

    def poll(self) -> list[RemoteSession]:
        """Read what the logs gained; the sessions whose knowledge changed, as they now stand."""
        now = self._clock.now()
        self._discover()
        changed_keys: list[str] = []
        for source in self._sources.values():
            for session in self._read(source, now):
                key = self._absorb(source.path, session, now)
                if key not in changed_keys:
                    changed_keys.append(key)
        self._first_poll = False
        self._check_outgoing_record(now)
        return self._report(changed_keys)

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
        before = len(parser.sessions()) if source.path.name == teamviewer.CONNECTIONS_FILE else 0
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
        if source.path.name == teamviewer.CONNECTIONS_FILE and len(parser.sessions()) > before:
            self._record_expected.clear()
            self._record_stale = False
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

    # -- one session seen in several files

    def _absorb(self, path: Path, session: RemoteSession, now: datetime) -> str:
        owner = self._owner.get(session.key)
        if owner is None:
            owner = self._match_other_file(path, session) or session.key
            self._owner[session.key] = owner
            self._merged.setdefault(owner, _Merged(owner))
        self._merged[owner].parts[session.key] = (path, session)
        if (
            self.app == teamviewer.APP
            and session.outcome is Outcome.COMPLETED
            and path.name != teamviewer.CONNECTIONS_FILE
            and session.end is not None
            and now - session.end < timedelta(seconds=OUTGOING_RECORD_WAIT_S)
        ):
            # The live log saw a session end: its Connections.txt record should follow.
            self._record_expected.append(session.end)
        return owner

    def _match_other_file(self, path: Path, session: RemoteSession) -> str | None:
        if session.partner_id is None:
            return None
        window = timedelta(seconds=MERGE_WINDOW_S)
        for merged in self._merged.values():
            paths = {p for p, _ in merged.parts.values()}
            if path in paths:
                continue
            for _, part in merged.parts.values():
                if (
                    part.partner_id == session.partner_id
                    and abs(part.start - session.start) <= window
                ):
                    return merged.key
        return None

    def _combined(self, merged: _Merged) -> RemoteSession:
        parts = sorted((s for _, s in merged.parts.values()), key=lambda s: s.start)
        first = parts[0]
        ended = [s for s in parts if s.outcome is not Outcome.OPEN]
        partner_id = next((s.partner_id for s in parts if s.partner_id), None)
        partner_name = next((s.partner_name for s in parts if s.partner_name), None)
        if partner_name is None and partner_id is not None and self._peers_dirs:
            partner_name = self._peer_name(partner_id)
        if not ended:
            end, outcome = None, Outcome.OPEN
        else:
            # Any file saying "ended" ends it (a file that misses its end line must not keep
            # a session open forever); "ran" anywhere beats "refused".
            end = max(s.end for s in ended if s.end is not None)
            ran = any(s.outcome is Outcome.COMPLETED for s in ended)
            outcome = Outcome.COMPLETED if ran else Outcome.REFUSED
        return RemoteSession(
            self.app, merged.key, partner_id, partner_name, first.start, end, outcome
        )

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

    def _report(self, keys: list[str]) -> list[RemoteSession]:
        out: list[RemoteSession] = []
        for key in keys:
            merged = self._merged[key]
            current = self._combined(merged)
            if current != merged.reported:
                merged.reported = current
                out.append(current)
        return out

    # -- TeamViewer's outgoing record

    def expect_outgoing_record(self, ended_at: datetime) -> None:
        """A TeamViewer session ended (say, its window closed): Connections.txt should grow."""
        if self.app == teamviewer.APP:
            self._record_expected.append(ended_at)

    def _check_outgoing_record(self, now: datetime) -> None:
        wait = timedelta(seconds=OUTGOING_RECORD_WAIT_S)
        if any(now - ended >= wait for ended in self._record_expected):
            if not self._record_stale:
                log.warning(
                    "TeamViewer session ended but Connections.txt did not grow: "
                    "outgoing connection logging seems off"
                )
            self._record_stale = True
            self._record_expected.clear()

    def _outgoing_record_state(self) -> OutgoingRecord:
        if self.app != teamviewer.APP:
            return OutgoingRecord.NOT_EXPECTED
        expected = [p for p in self._candidates if p.name == teamviewer.CONNECTIONS_FILE]
        if not expected:
            return OutgoingRecord.NOT_EXPECTED
        if not any(p in self._sources and self._sources[p].tail.status().exists for p in expected):
            return OutgoingRecord.MISSING
        return OutgoingRecord.STALE if self._record_stale else OutgoingRecord.PRESENT

    # -- state

    def sessions(self) -> list[RemoteSession]:
        known = [m.reported for m in self._merged.values() if m.reported is not None]
        return sorted(known, key=lambda s: (s.start, s.key))

    def open_sessions(self) -> list[RemoteSession]:
        return [s for s in self.sessions() if s.outcome is Outcome.OPEN]

    def last_line_at(self, key: str) -> datetime | None:
        """When a line of the reported session `key` was last seen in any file (None: unknown)."""
        merged = self._merged.get(key)
        if merged is None:
            return None
        found: list[datetime] = []
        for path, part in merged.parts.values():
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
            self.app, tuple(self._candidates), tuple(files), self._outgoing_record_state()
        )
