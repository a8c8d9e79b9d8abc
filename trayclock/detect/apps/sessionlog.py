"""The shape every log-line parser shares: feed lines, keep sessions, hand out what changed.

API (used by `trayclock.detect.logsource` and `trayclock.detect.parse`):
    SessionLogParser.feed(line: str) -> LineResult     # PARSED / IGNORED / BAD, never raises;
                                                        # a line over MAX_LINE_CHARS: BAD, unread
    SessionLogParser.expire(now: datetime) -> None      # settle ends whose grace has passed
    SessionLogParser.finish() -> None                    # end of a whole file: settle pending ends
    SessionLogParser.take_changed() -> list[RemoteSession]
    SessionLogParser.sessions() -> list[RemoteSession]  # all known, oldest start first
    SessionLogParser.session_count() -> int
    SessionLogParser.last_line_at(key) -> datetime | None  # newest line seen for that session
    mostly_matching(lines, fits) -> bool                # format recognition from a sample
    feed_safely(parser, line) -> LineResult             # a parser bug costs one line, not all
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from enum import Enum

from trayclock.detect.apps.textscan import MAX_LINE_CHARS
from trayclock.domain.session import Outcome, RemoteSession

log = logging.getLogger(__name__)

# Without an explicit "really running" marker, a session that ended this soon after it was
# requested is taken for a refused attempt (AnyDesk frontend trace, RustDesk).
REFUSED_MAX_S = 10.0


class LineResult(Enum):
    PARSED = "parsed"  # a well-formed line (whether or not it mattered)
    IGNORED = "ignored"  # blank lines, restart separators, headers
    BAD = "bad"  # does not have the format: skipped and counted


def mostly_matching(lines: Sequence[str], fits: Callable[[str], bool]) -> bool:
    """True when `fits` more than half the non-blank `lines` (NULs dropped): how a file's
    format is recognised from a sample of its lines. An over-long line fits no format."""
    useful = [ln.strip("\x00").rstrip() for ln in lines if ln.strip("\x00").strip()]
    hits = sum(1 for ln in useful if len(ln) <= MAX_LINE_CHARS and fits(ln))
    return bool(useful) and hits * 2 > len(useful)


def iso_key(moment: datetime) -> str:
    """A compact UTC timestamp for session keys (stable, sortable)."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def outcome_without_marker(start: datetime, end: datetime, ran: bool) -> Outcome:
    """COMPLETED when the session is known to have run, or lasted long enough to have run."""
    if ran or end - start > timedelta(seconds=REFUSED_MAX_S):
        return Outcome.COMPLETED
    return Outcome.REFUSED


class SessionLogParser:
    """Base: the session table and the list of keys changed since `take_changed`."""

    app: str = ""
    # True when a record is complete without its newline (TeamViewer writes the newline
    # BEFORE each record, so the newest record has none until the next one comes).
    complete_without_newline: bool = False

    def __init__(self) -> None:
        self._sessions: dict[str, RemoteSession] = {}
        self._changed: dict[str, None] = {}  # an ordered set: keys changed, first change first

    def feed(self, line: str) -> LineResult:
        """One line of the log (NULs at its ends dropped). A line longer than MAX_LINE_CHARS
        is skipped unread (BAD): no line can stall the parser."""
        text = line.strip("\x00")
        if len(text) > MAX_LINE_CHARS:
            log.debug(
                "%s: a %d-character line skipped (over %d)", self.app, len(text), MAX_LINE_CHARS
            )
            return LineResult.BAD
        return self._feed(text)

    def _feed(self, text: str) -> LineResult:
        """One line, NULs at its ends dropped, at most MAX_LINE_CHARS long (subclasses)."""
        raise NotImplementedError

    def expire(self, now: datetime) -> None:
        """Settle pending ends older than the grace period (only RustDesk has any)."""
        del now

    def finish(self) -> None:
        """The whole file has been read: settle whatever waits for more lines."""

    def take_changed(self) -> list[RemoteSession]:
        changed = [self._sessions[key] for key in self._changed]
        self._changed = {}
        return changed

    def sessions(self) -> list[RemoteSession]:
        return sorted(self._sessions.values(), key=lambda s: (s.start, s.key))

    def session_count(self) -> int:
        return len(self._sessions)

    def get(self, key: str) -> RemoteSession | None:
        return self._sessions.get(key)

    def last_line_at(self, key: str) -> datetime | None:
        """The time of the newest line known to belong to session `key` (None: unknown key).

        The base knows only the lines that changed the session (its start, its end); a parser
        that can tell a session's other lines apart (AnyDesk's fiber column) knows more.
        """
        session = self._sessions.get(key)
        if session is None:
            return None
        return session.end or session.start

    def _put(self, session: RemoteSession) -> None:
        if self._sessions.get(session.key) == session:
            return
        self._sessions[session.key] = session
        self._changed[session.key] = None

    def _end(self, key: str, end: datetime, outcome: Outcome) -> None:
        session = self._sessions.get(key)
        if session is None or session.outcome is not Outcome.OPEN:
            return
        self._put(session.with_changes(end=max(end, session.start), outcome=outcome))


def feed_safely(parser: SessionLogParser, line: str) -> LineResult:
    """`parser.feed(line)`, with an unexpected error counted as a bad line (and logged)."""
    try:
        return parser.feed(line)
    except Exception:  # a parser bug must not stop detection; the line is skipped
        log.exception("%s parser failed on a line; skipped: %.200r", parser.app, line)
        return LineResult.BAD
