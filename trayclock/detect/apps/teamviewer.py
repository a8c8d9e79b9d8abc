"""TeamViewer: process names, session-window rules, log locations and log-line parsers.

Window / process API (called by the monitor):
    PROCESS_NAMES: frozenset[str]                      # lower-case, without ".exe"
    is_app_process(name: str) -> bool                  # "TeamViewer.exe", "teamviewerd" …
    match_window(title, wm_class, *, platform=None) -> WindowMatch | None
    log_paths(ctx: LogPathContext | None = None) -> list[Path]   # candidates, may hold globs

Log API (called by the log source and `parse_file`):
    ConnectionsParser()   # Connections.txt: one finished outgoing session per line
    LiveLogParser()       # TeamViewer*_Logfile.log: conservative, see its docstring
    looks_like_connections(lines) / looks_like_incoming(lines) / looks_like_live_log(lines)
    parser_for(path: Path) -> SessionLogParser | None   # None for Connections_incoming.txt

What one line says (its fields, the messages that matter) is read in `teamviewer_lines`; this
module puts lines together into sessions.
"""

from __future__ import annotations

import heapq
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from trayclock.detect.apps.common import WindowMatch, normalise_partner_id, split_partner_label
from trayclock.detect.apps.paths import LogPathContext, unique_paths
from trayclock.detect.apps.sessionlog import (
    LineResult,
    SessionLogParser,
    iso_key,
    mostly_matching,
)
from trayclock.detect.apps.teamviewer_lines import (
    ended_id,
    is_incoming_record,
    parse_connection,
    parse_header,
    parse_live_line,
    trying_id,
    utc_offset,
)
from trayclock.detect.apps.textscan import MAX_LINE_CHARS
from trayclock.domain.session import Outcome, RemoteSession

APP = "teamviewer"
DISPLAY_NAME = "TeamViewer"

# Run whenever the app runs (GUI, service, helper). `TeamViewer_Desktop` is left out on
# purpose: it runs only on the CONTROLLED side, so it says nothing about our sessions.
PROCESS_NAMES = frozenset(
    {"teamviewer", "teamviewer_service", "teamviewerd", "tv_w32", "tv_x64", "tv_bin"}
)
CONTROLLED_SIDE_PROCESS_NAMES = frozenset({"teamviewer_desktop"})

SESSION_WINDOW_CLASS = "TV_CClientWindowClass"
TITLE_SUFFIX = " - TeamViewer"
# Titles "<x> - TeamViewer" that are TeamViewer's own windows, not a partner (lower case).
_NON_SESSION_LABELS = frozenset(
    {
        "teamviewer",
        "computers & contacts",
        "computers and contacts",
        "options",
        "teamviewer options",
        "management console",
        "remote management",
        "teamviewer panel",
        "quicksupport",
        "teamviewer quicksupport",
        "quickjoin",
        "meeting",
        "chat",
        "about",
        "about teamviewer",
        "file transfer",
        "sign in",
        "sign up",
        "update",
    }
)


def is_app_process(name: str) -> bool:
    """True for a process name (with or without ".exe", any case) of the TeamViewer app."""
    return _process_key(name) in PROCESS_NAMES


def _process_key(name: str) -> str:
    base = name.strip().lower()
    return base[:-4] if base.endswith(".exe") else base


def match_window(
    title: str, wm_class: str | None, *, platform: str | None = None
) -> WindowMatch | None:
    """The session window rule: Windows class `TV_CClientWindowClass`; elsewhere the title.

    On Windows (`platform` defaults to `sys.platform`) a window is a session only with the
    class `TV_CClientWindowClass` — the main window (`#32770`, "TeamViewer") and every other
    TeamViewer window are not. On Linux/macOS only the title is known: accept
    "<partner> - TeamViewer" unless <partner> is one of TeamViewer's own window names.
    """
    on_windows = (sys.platform if platform is None else platform).startswith("win")
    text = title.strip()
    if wm_class is not None and wm_class.strip() == SESSION_WINDOW_CLASS:
        label = text[: -len(TITLE_SUFFIX)] if text.endswith(TITLE_SUFFIX) else text
        if not label or label.lower() in _NON_SESSION_LABELS:
            return None
        return _match(label)
    if on_windows:
        return None
    if not text.endswith(TITLE_SUFFIX):
        return None
    label = text[: -len(TITLE_SUFFIX)].strip()
    if not label or label.lower() in _NON_SESSION_LABELS:
        return None
    return _match(label)


def _match(label: str) -> WindowMatch:
    partner_id, partner_name = split_partner_label(label)
    return WindowMatch(APP, partner_id, partner_name, label)


def log_paths(ctx: LogPathContext | None = None) -> list[Path]:
    """Candidate log files for this platform (may hold glob patterns; missing ones included).

    Windows: `%APPDATA%\\TeamViewer\\Connections.txt` (the outgoing record) first, then the
    live logs in `%APPDATA%\\TeamViewer`, `%LOCALAPPDATA%\\TeamViewer\\Logs` and the install
    folders. macOS/Linux have no known outgoing record, only live logs.
    """
    c = LogPathContext.current() if ctx is None else ctx
    live = "TeamViewer*_Logfile.log"
    found: list[Path] = []
    if c.is_windows:
        for appdata in c.env_dirs("APPDATA"):
            found.append(appdata / "TeamViewer" / CONNECTIONS_FILE)
            found.append(appdata / "TeamViewer" / live)
        for local in c.env_dirs("LOCALAPPDATA"):
            found.append(local / "TeamViewer" / "Logs" / live)
        for program_files in c.env_dirs("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
            found.append(program_files / "TeamViewer" / live)
    elif c.is_macos:
        found.append(c.home / "Library" / "Logs" / "TeamViewer" / live)
        found.append(Path("/Library/Logs/TeamViewer") / live)
    else:
        found.append(c.home / ".local" / "share" / "teamviewer*" / "logfiles" / live)
        found.append(Path("/var/log/teamviewer*") / live)
        found.append(Path("/opt/teamviewer/logfiles") / live)
    return unique_paths(found)


CONNECTIONS_FILE = "Connections.txt"
INCOMING_CONNECTIONS_FILE = "Connections_incoming.txt"


# --- Connections.txt (outgoing, Windows): fields read by teamviewer_lines ------------------


def _utc_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%d-%m-%Y %H:%M:%S").replace(tzinfo=UTC)


class ConnectionsParser(SessionLogParser):
    """Finished outgoing sessions from `Connections.txt`; times are UTC; key = the GUID."""

    app = APP
    complete_without_newline = True  # the {GUID} closes a record

    def _feed(self, text: str) -> LineResult:
        text = text.rstrip("\r\n")
        if not text.strip():
            return LineResult.IGNORED
        record = parse_connection(text)
        if record is None:
            return LineResult.BAD
        try:
            start, end = _utc_stamp(record.start), _utc_stamp(record.end)
        except ValueError:
            return LineResult.BAD
        key = f"teamviewer:{record.guid.strip('{}').lower()}"
        if self.get(key) is not None:
            return LineResult.PARSED  # the same record again: never count one twice
        partner_id = normalise_partner_id(record.partner)
        name = None if partner_id is not None else record.partner
        self._put(
            RemoteSession(APP, key, partner_id, name, start, max(start, end), Outcome.COMPLETED)
        )
        return LineResult.PARSED


def looks_like_connections(lines: Sequence[str]) -> bool:
    return mostly_matching(lines, lambda line: parse_connection(line) is not None)


def looks_like_incoming(lines: Sequence[str]) -> bool:
    """`Connections_incoming.txt`: TAB-separated, the customer's side: never our sessions."""
    useful = [ln for ln in lines if ln.strip("\x00").strip()]
    return bool(useful) and all(
        len(ln) <= MAX_LINE_CHARS and is_incoming_record(ln.lstrip("\x00")) for ln in useful[:20]
    )


# --- TeamViewer*_Logfile.log (live log) -----------------------------------------------------

# "2024/02/16 06:16:32.444  2216       2492 S0   message" — local time; the offset is only in
# the "Start:" header; several processes write, so lines are not strictly ordered.
_CONNECT_FAILED = "LoginOutgoing: ConnectFinished - error"
_INCOMING_MARKERS = ("CreatePassiveSession", "incoming session", "HandleSessionIncoming")
# Outgoing attempts are joined to their end line only within this window.
LIVE_ATTEMPT_MAX_H = 24


@dataclass(slots=True)
class _LiveAttempt:
    key: str
    partner_id: str
    start: datetime


class LiveLogParser(SessionLogParser):
    """Conservative outgoing sessions from the live log.

    Public samples show only the incoming side, so only lines known from public outgoing
    parsers count: "trying connection to <ID>" opens an attempt, "LoginOutgoing:
    ConnectFinished - error" refuses the newest attempt, "Session to <ID> ended" ends the
    attempt to that ID. Partners seen on incoming-session lines are never ours. Local
    times are converted with the `Start:` header's offset, or this computer's zone before
    a header was read (the log is written on this computer).

    Open attempts are kept by partner ID in the order they opened (the newest is the last)
    and, for `expire`, in a heap by start: each line costs O(log n) however many are open.
    """

    app = APP

    def __init__(self) -> None:
        super().__init__()
        self._offset: timezone | None = None
        self._attempts: dict[str, _LiveAttempt] = {}  # partner ID → open attempt, oldest first
        self._by_start: list[tuple[datetime, str, str]] = []  # heap: (start, key, partner)

    def _feed(self, text: str) -> LineResult:
        text = text.rstrip()
        if not text.strip():
            return LineResult.IGNORED
        line = parse_live_line(text)
        if line is None:
            header = parse_header(text)
            if header is None:
                return LineResult.BAD
            if header[0] == "Start":
                offset = utc_offset(header[1])
                if offset is not None:
                    self._offset = offset
            return LineResult.IGNORED
        stamp, msg = line
        try:
            local = datetime.strptime(stamp, "%Y/%m/%d %H:%M:%S.%f")
        except ValueError:
            return LineResult.BAD
        when = (
            local.replace(tzinfo=self._offset) if self._offset else local.astimezone()
        ).astimezone(UTC)
        self._live_line(msg, when)
        return LineResult.PARSED

    def _live_line(self, msg: str, when: datetime) -> None:
        if any(marker in msg for marker in _INCOMING_MARKERS):
            return
        partner_id = trying_id(msg)
        if partner_id is not None:
            if partner_id in self._attempts:
                return  # several processes log the same attempt
            key = f"teamviewer:log:{partner_id}:{iso_key(when)}"
            self._attempts[partner_id] = _LiveAttempt(key, partner_id, when)
            heapq.heappush(self._by_start, (when, key, partner_id))
            self._put(RemoteSession(APP, key, partner_id, None, when, None, Outcome.OPEN))
            return
        if _CONNECT_FAILED in msg and self._attempts:
            newest = next(reversed(self._attempts))
            attempt = self._attempts.pop(newest)
            self._end(attempt.key, when, Outcome.REFUSED)
            return
        partner_id = ended_id(msg)
        if partner_id is not None:
            ended = self._attempts.pop(partner_id, None)
            if ended is not None:
                self._end(ended.key, when, Outcome.COMPLETED)

    def expire(self, now: datetime) -> None:
        """Forget attempts whose end line never came (the session stays open until a window
        or another source ends it; we just stop matching end lines to it)."""
        limit = now - timedelta(hours=LIVE_ATTEMPT_MAX_H)
        heap = self._by_start
        while heap and heap[0][0] < limit:
            _, key, partner_id = heapq.heappop(heap)
            attempt = self._attempts.get(partner_id)
            if attempt is not None and attempt.key == key:
                del self._attempts[partner_id]


def looks_like_live_log(lines: Sequence[str]) -> bool:
    return mostly_matching(lines, lambda line: parse_live_line(line) is not None)


def parser_for(path: Path) -> SessionLogParser | None:
    """The parser for a TeamViewer file by its name; None for the incoming-side record."""
    name = path.name.lower()
    if name == INCOMING_CONNECTIONS_FILE.lower():
        return None
    if name.startswith("connections") and name.endswith(".txt"):
        return ConnectionsParser()
    if name.endswith(".log"):
        return LiveLogParser()
    return None
