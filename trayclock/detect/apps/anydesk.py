"""AnyDesk: process names, session-window rules, trace locations and trace-line parsers.

Window / process API (called by the monitor):
    PROCESS_NAMES: frozenset[str]                      # lower-case, without ".exe"
    is_app_process(name: str) -> bool         # "AnyDesk.exe", "anydesk", branded "AnyDesk_x"
    match_window(title, wm_class, *, platform=None) -> WindowMatch | None
    log_paths(ctx: LogPathContext | None = None) -> list[Path]   # candidates, may hold globs

Trace API (called by the log source and `parse_file`):
    TraceParser()        # a SessionLogParser for ad.trace / ad_svc.trace / anydesk.trace
    TraceParser.last_line_at(key) -> datetime | None   # newest line on the session's fiber
    looks_like_trace(lines: Sequence[str]) -> bool
    parser_for(path: Path) -> SessionLogParser | None

Trace rules: only OUTGOING sessions become sessions. Service trace: "Received outgoing
connection request for address <ID>" (or `app.session - 1: Connecting to "<ID>"`) starts,
"5: Entering processing loop." marks it running, "Session closed by …" / "5: Processing
done." / "Fiber exit" ends it; lines are correlated by (pid, fiber), never by the `1:`…`5:`
step numbers, and never by "Stop monitoring 0.". Ended before running → REFUSED. User trace
(Linux frontend): "Sending a connection request for address <ID>." … "Session stopped." /
"Close Session", per pid; with no running marker a session shorter than REFUSED_MAX_S is
taken as refused. A restart separator (` * * *`) ends whatever the old process had open.
Incoming lines (`Accept request from`, `Incoming session request`, `app.backend_session`)
are never sessions. Key: "anydesk:<role>:<pid>:<fiber|tid>:<start UTC>", stable across
rotation and re-reading.

Lost end lines (a NUL run, the service's writer killed) leave a session open in the trace for
good, and the service always runs, so neither "log says open" nor "process running" proves a
session alive. `TraceParser.last_line_at(key)` gives the newest line of ANY logger on the
session's fiber; the reconciler uses it (AnyDesk is window-vouched): a session whose window
has been gone 2 × grace with no line on its fiber since ends at its last sign of life
(`reconciler/window_vouch.py`); at start-up an open session older than the previous run's
last heartbeat is taken up only if that run left it running, a window shows it within the
first grace period, or its fiber logs again (`reconciler/holdback.py`).

What one line says (its fields, the messages that matter) is read in `anydesk_lines`; this
module puts lines together into sessions.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from trayclock.detect.apps.anydesk_lines import (
    connecting_address,
    frontend_address,
    is_closed,
    is_frontend_running,
    is_restart_separator,
    parse_trace_line,
    request_address,
)
from trayclock.detect.apps.common import WindowMatch, split_partner_label
from trayclock.detect.apps.paths import LogPathContext, unique_paths
from trayclock.detect.apps.sessionlog import (
    LineResult,
    SessionLogParser,
    iso_key,
    mostly_matching,
    outcome_without_marker,
)
from trayclock.detect.apps.textscan import MAX_LINE_CHARS
from trayclock.domain.session import Outcome, RemoteSession

APP = "anydesk"
DISPLAY_NAME = "AnyDesk"

PROCESS_NAMES = frozenset({"anydesk"})
# Custom-branded clients are named "AnyDesk-<prefix>" / "AnyDesk_<prefix>".
_BRANDED_PROCESS = re.compile(r"^anydesk[-_ ][\w.-]+$")

# "ad_win#2", "ad_win#9" …: the number varies by version. The controlled side's accept
# dialog has the same class, so the title decides.
_WINDOW_CLASS = re.compile(r"^ad_win#\d+$")
TITLE_SUFFIX = " - AnyDesk"
_NON_SESSION_LABELS = frozenset(
    {"anydesk", "settings", "address book", "favorites", "recent sessions", "discovered"}
)


def is_app_process(name: str) -> bool:
    """True for a process name (with or without ".exe", any case) of AnyDesk or a branded copy."""
    base = name.strip().lower()
    base = base[:-4] if base.endswith(".exe") else base
    return base in PROCESS_NAMES or bool(_BRANDED_PROCESS.match(base))


def match_window(
    title: str, wm_class: str | None, *, platform: str | None = None
) -> WindowMatch | None:
    """A session window is "<ID or alias> - AnyDesk" (class `ad_win#<n>` on Windows).

    Not sessions: the main window "AnyDesk", the controlled side's accept dialog
    "AnyDesk (…)", and on Windows any window whose class is not `ad_win#<n>`.
    """
    on_windows = (sys.platform if platform is None else platform).startswith("win")
    if on_windows and (wm_class is None or not _WINDOW_CLASS.match(wm_class.strip())):
        return None
    text = title.strip()
    if not text.endswith(TITLE_SUFFIX):
        return None
    label = text[: -len(TITLE_SUFFIX)].strip()
    if not label or label.lower() in _NON_SESSION_LABELS:
        return None
    if label.lower().startswith("anydesk ("):
        return None
    partner_id, partner_name = split_partner_label(label)
    return WindowMatch(APP, partner_id, partner_name, label)


def log_paths(ctx: LogPathContext | None = None) -> list[Path]:
    """Candidate trace files for this platform (glob patterns; missing ones included).

    Per-user trace `ad.trace` / `anydesk.trace`, the service trace `ad_svc.trace` /
    `/var/log/anydesk.trace`, and custom-branded `ad_<prefix>.trace` /
    `ad_<prefix>_svc.trace` in `AnyDesk*` folders: watch all that exist. Portable
    installs write `ad.trace` into %APPDATA%\\AnyDesk too (older builds: beside the exe,
    which cannot be known here: list it in the store's `detection` setting,
    `{"log_paths": {"anydesk": [...]}}`, or in TRAYCLOCK_LOGS; see trayclock.app).
    """
    c = LogPathContext.current() if ctx is None else ctx
    found: list[Path] = []
    if c.is_windows:
        for folder in c.env_dirs("APPDATA", "PROGRAMDATA", "ProgramData", "ALLUSERSPROFILE"):
            found.append(folder / "AnyDesk*" / "ad*.trace")
    elif c.is_macos:
        found.append(c.home / ".anydesk*" / "*.trace")
        found.append(c.home / "Library" / "Application Support" / "AnyDesk*" / "*.trace")
        found.append(Path("/Library/Application Support") / "AnyDesk*" / "*.trace")
        found.append(Path("/var/log/anydesk*.trace"))
        found.append(Path("/Library/Logs/anydesk*.trace"))
    else:
        found.append(c.home / ".anydesk*" / "*.trace")
        found.append(Path("/var/log/anydesk*.trace"))
    return unique_paths(found)


# --- traces (each line's fields and messages read by anydesk_lines) -------------------------

_RUNNING = "5: Entering processing loop."
_PROCESSING_DONE = "5: Processing done."
_FIBER_EXIT = "Fiber exit"
_FRONTEND_CLOSE = "Close Session"
_FRONTEND_STOPPED = ("Session stopped.", _FRONTEND_CLOSE)
_SERVICE_LOGGERS = frozenset({"app.service", "app.session"})
_FRONTEND_LOGGERS = frozenset({"unix_app.frontend", "app.frontend_session"})


def _utc(date: str, time: str) -> datetime | None:
    try:
        return datetime.fromisoformat(f"{date}T{time}").replace(tzinfo=UTC)
    except ValueError:
        return None


@dataclass(slots=True)
class _Attempt:
    key: str
    ran: bool = False


class TraceParser(SessionLogParser):
    """Outgoing sessions from an AnyDesk trace (service or user trace, either layout)."""

    app = APP

    def __init__(self) -> None:
        super().__init__()
        # (role, pid, fiber) of the service trace → attempt on that fiber
        self._by_fiber: dict[tuple[str, str, str], _Attempt] = {}
        # (role, pid) of the user trace → attempts of that frontend process, oldest first
        self._by_frontend: dict[tuple[str, str], list[_Attempt]] = {}
        # (role, pid) whose last end line was "Session stopped." (its "Close Session" follows)
        self._stopped: dict[tuple[str, str], bool] = {}
        self._last_stamp: tuple[str, str] | None = None
        # session key → (date, time) of the newest line on its fiber, kept as text: most
        # of a session's lines are other loggers', whose time is parsed only when asked for.
        self._last_line: dict[str, tuple[str, str]] = {}

    def _feed(self, text: str) -> LineResult:
        text = text.rstrip()
        if not text.strip():
            return LineResult.IGNORED
        if "* *" in text and is_restart_separator(text):
            self._restart()
            return LineResult.IGNORED
        line = parse_trace_line(text)
        if line is None:
            return LineResult.BAD
        # Most lines are other loggers': keep their time as text, parse it only if needed.
        self._last_stamp = (line.date, line.time)
        logger = line.logger
        fiber = line.fiber or f"t{line.tid}"
        on_fiber = self._by_fiber.get((line.role, line.pid, fiber))
        if on_fiber is not None:  # any logger's line on an open session's fiber: it lives
            self._last_line[on_fiber.key] = self._last_stamp
        service = logger in _SERVICE_LOGGERS
        if not service and logger not in _FRONTEND_LOGGERS:
            return LineResult.PARSED
        when = _utc(line.date, line.time)
        if when is None:
            return LineResult.BAD
        msg = line.msg.strip()
        if service:
            # Lines without a fiber column are told apart by their thread instead.
            self._service_line(line.role, line.pid, fiber, msg, when)
        else:
            self._frontend_line(line.role, line.pid, line.tid, msg, when)
        return LineResult.PARSED

    def finish(self) -> None:
        """Nothing to settle: sessions still open at the end of a file stay open."""

    def last_line_at(self, key: str) -> datetime | None:
        """The newest line on the session's fiber (service trace), else its start or end."""
        known = super().last_line_at(key)
        stamp = self._last_line.get(key)
        on_fiber = _utc(*stamp) if stamp is not None else None
        if known is None or on_fiber is None:
            return known
        return max(known, on_fiber)

    # -- service trace: one attempt per (pid, fiber)

    def _service_line(self, role: str, pid: str, fiber: str, msg: str, when: datetime) -> None:
        slot = (role, pid, fiber)
        request = request_address(msg)
        stale = self._by_fiber.get(slot)
        if request is not None and stale is not None:
            # A new request on a fiber whose session never logged its end (line lost in a
            # NUL run, say): that session is over now.
            self._end(stale.key, when, Outcome.COMPLETED if stale.ran else Outcome.REFUSED)
            del self._by_fiber[slot]
        if request is None and stale is None:
            # Builds or excerpts without the service's request line start with step 1.
            request = connecting_address(msg)
        if request is not None:
            key = f"anydesk:{role}:{pid}:{fiber}:{iso_key(when)}"
            self._by_fiber[slot] = _Attempt(key)
            self._open(key, request, when)
            return
        attempt = self._by_fiber.get(slot)
        if attempt is None:
            return  # an incoming session's fiber, or an idle one: not ours
        if msg == _RUNNING:
            attempt.ran = True
        elif is_closed(msg) or msg == _PROCESSING_DONE or msg.startswith(_FIBER_EXIT):
            outcome = Outcome.COMPLETED if attempt.ran else Outcome.REFUSED
            self._end(attempt.key, when, outcome)
            del self._by_fiber[slot]

    # -- user trace (Linux frontend): attempts per frontend process

    def _frontend_line(self, role: str, pid: str, tid: str, msg: str, when: datetime) -> None:
        slot = (role, pid)
        request = frontend_address(msg)
        if request is not None:
            key = f"anydesk:{role}:{pid}:{tid}:{iso_key(when)}"
            self._by_frontend.setdefault(slot, []).append(_Attempt(key))
            self._open(key, request, when)
            return
        attempts = self._by_frontend.get(slot)
        if not attempts:
            if msg == _FRONTEND_CLOSE:
                self._stopped.pop(slot, None)
            return
        if is_frontend_running(msg):
            attempts[0].ran = True
        elif msg in _FRONTEND_STOPPED:
            if msg == _FRONTEND_CLOSE and self._stopped.pop(slot, False):
                return  # the "Close Session" that follows a "Session stopped": the same end
            self._stopped[slot] = msg != _FRONTEND_CLOSE
            attempt = attempts.pop(0)
            session = self.get(attempt.key)
            if session is not None:
                self._end(
                    attempt.key, when, outcome_without_marker(session.start, when, attempt.ran)
                )

    # -- shared

    def _open(self, key: str, address: str, when: datetime) -> None:
        partner_id, partner_name = split_partner_label(address.strip().strip('"'))
        self._put(RemoteSession(APP, key, partner_id, partner_name, when, None, Outcome.OPEN))

    def _restart(self) -> None:
        """A restart separator: the old process is gone, and its open sessions with it."""
        when = _utc(*self._last_stamp) if self._last_stamp is not None else None
        if when is not None:
            for attempt in self._by_fiber.values():
                self._end(attempt.key, when, Outcome.COMPLETED if attempt.ran else Outcome.REFUSED)
            for attempts in self._by_frontend.values():
                for attempt in attempts:
                    session = self.get(attempt.key)
                    if session is not None:
                        outcome = outcome_without_marker(session.start, when, attempt.ran)
                        self._end(attempt.key, when, outcome)
        self._by_fiber.clear()
        self._by_frontend.clear()
        self._stopped.clear()


def looks_like_trace(lines: Sequence[str]) -> bool:
    """True when most non-blank lines among `lines` have the AnyDesk trace shape."""
    return mostly_matching(
        [ln for ln in lines if len(ln) > MAX_LINE_CHARS or not is_restart_separator(ln)],
        lambda line: parse_trace_line(line) is not None,
    )


def parser_for(path: Path) -> SessionLogParser | None:
    """The parser for an AnyDesk file by its name; None for files that hold no outgoing sessions."""
    name = path.name.lower()
    if name.endswith(".trace") or ".trace." in name:
        return TraceParser()
    return None
