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
"""

from __future__ import annotations

import re
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


# --- Connections.txt (outgoing, Windows) ----------------------------------------------------

# Columns padded with spaces to 32 characters: partner ID, start, end, local user (may hold
# spaces), connection type, {GUID}. Read by pattern rather than by offset, so a column a
# character wider or narrower (other versions, hand edits) still parses.
_STAMP = r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}"
_CONNECTION = re.compile(
    rf"^(?P<partner>\S+) +(?P<start>{_STAMP}) +(?P<end>{_STAMP}) +(?P<user>.*?) *"
    r"(?<= )(?P<type>[A-Za-z][\w-]*) +(?P<guid>\{[0-9A-Fa-f-]{36}\})\s*$"
)
_INCOMING = re.compile(rf"^[^\t]+\t[^\t]*\t{_STAMP}\t{_STAMP}\t")


def _utc_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%d-%m-%Y %H:%M:%S").replace(tzinfo=UTC)


class ConnectionsParser(SessionLogParser):
    """Finished outgoing sessions from `Connections.txt`; times are UTC; key = the GUID."""

    app = APP
    complete_without_newline = True  # the {GUID} closes a record

    def feed(self, line: str) -> LineResult:
        text = line.strip("\x00").rstrip("\r\n")
        if not text.strip():
            return LineResult.IGNORED
        m = _CONNECTION.match(text)
        if m is None:
            return LineResult.BAD
        try:
            start, end = _utc_stamp(m["start"]), _utc_stamp(m["end"])
        except ValueError:
            return LineResult.BAD
        key = f"teamviewer:{m['guid'].strip('{}').lower()}"
        if self.get(key) is not None:
            return LineResult.PARSED  # the same record again: never count one twice
        partner_id = normalise_partner_id(m["partner"])
        name = None if partner_id is not None else m["partner"]
        self._put(
            RemoteSession(APP, key, partner_id, name, start, max(start, end), Outcome.COMPLETED)
        )
        return LineResult.PARSED


def looks_like_connections(lines: Sequence[str]) -> bool:
    return mostly_matching(lines, _CONNECTION)


def looks_like_incoming(lines: Sequence[str]) -> bool:
    """`Connections_incoming.txt`: TAB-separated, the customer's side: never our sessions."""
    useful = [ln for ln in lines if ln.strip("\x00").strip()]
    return bool(useful) and all(_INCOMING.match(ln.lstrip("\x00")) for ln in useful[:20])


# --- TeamViewer*_Logfile.log (live log) -----------------------------------------------------

# "2024/02/16 06:16:32.444  2216       2492 S0   message" — local time; the offset is only in
# the "Start:" header; several processes write, so lines are not strictly ordered.
_LIVE = re.compile(
    r"^(?P<stamp>\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)\s+(?P<pid>\d+)\s+(?P<tid>\d+)"
    r"\s+(?P<tag>\S+)\s+(?P<msg>.*)$"
)
# Header lines: "Start:              2024/02/16 …", also "IE                  11.1…".
_HEADER = re.compile(r"^(?P<field>[A-Za-z][\w -]*?)(?::\s+|\s{2,})(?P<value>.*)$")
_START_OFFSET = re.compile(r"\(UTC(?P<sign>[+-])(?P<h>\d{1,2}):(?P<m>\d{2})\)")
_TRYING = re.compile(r"trying connection to (?P<id>\d[\d ]*\d)")
_CONNECT_FAILED = re.compile(r"LoginOutgoing: ConnectFinished - error")
_SESSION_ENDED = re.compile(r"Session to (?P<id>\d[\d ]*\d) ended")
_INCOMING_MARKERS = ("CreatePassiveSession", "incoming session", "HandleSessionIncoming")
# Outgoing attempts are joined to their end line only within this window.
LIVE_ATTEMPT_MAX_H = 24


@dataclass(slots=True)
class _LiveAttempt:
    key: str
    partner_id: str


class LiveLogParser(SessionLogParser):
    """Conservative outgoing sessions from the live log.

    Public samples show only the incoming side, so only lines known from public outgoing
    parsers count: "trying connection to <ID>" opens an attempt, "LoginOutgoing:
    ConnectFinished - error" refuses the newest attempt, "Session to <ID> ended" ends the
    attempt to that ID. Partners seen on incoming-session lines are never ours. Local
    times are converted with the `Start:` header's offset, or this computer's zone before
    a header was read (the log is written on this computer).
    """

    app = APP

    def __init__(self) -> None:
        super().__init__()
        self._offset: timezone | None = None
        self._attempts: list[_LiveAttempt] = []

    def feed(self, line: str) -> LineResult:
        text = line.strip("\x00").rstrip()
        if not text.strip():
            return LineResult.IGNORED
        m = _LIVE.match(text)
        if m is None:
            header = _HEADER.match(text)
            if header is None:
                return LineResult.BAD
            if header["field"] == "Start":
                offset = _START_OFFSET.search(header["value"])
                if offset is not None:
                    delta = timedelta(hours=int(offset["h"]), minutes=int(offset["m"]))
                    self._offset = timezone(-delta if offset["sign"] == "-" else delta)
            return LineResult.IGNORED
        try:
            local = datetime.strptime(m["stamp"], "%Y/%m/%d %H:%M:%S.%f")
        except ValueError:
            return LineResult.BAD
        when = (
            local.replace(tzinfo=self._offset) if self._offset else local.astimezone()
        ).astimezone(UTC)
        self._live_line(m["msg"], when)
        return LineResult.PARSED

    def _live_line(self, msg: str, when: datetime) -> None:
        if any(marker in msg for marker in _INCOMING_MARKERS):
            return
        trying = _TRYING.search(msg)
        if trying is not None:
            partner_id = re.sub(r"\D", "", trying["id"])
            if any(a.partner_id == partner_id for a in self._attempts):
                return  # several processes log the same attempt
            key = f"teamviewer:log:{partner_id}:{iso_key(when)}"
            self._attempts.append(_LiveAttempt(key, partner_id))
            self._put(RemoteSession(APP, key, partner_id, None, when, None, Outcome.OPEN))
            return
        if _CONNECT_FAILED.search(msg) and self._attempts:
            attempt = self._attempts.pop()
            self._end(attempt.key, when, Outcome.REFUSED)
            return
        ended = _SESSION_ENDED.search(msg)
        if ended is not None:
            partner_id = re.sub(r"\D", "", ended["id"])
            for attempt in self._attempts:
                if attempt.partner_id == partner_id:
                    self._attempts.remove(attempt)
                    self._end(attempt.key, when, Outcome.COMPLETED)
                    return

    def expire(self, now: datetime) -> None:
        """Forget attempts whose end line never came (the session stays open until a window
        or another source ends it; we just stop matching end lines to it)."""
        limit = now - timedelta(hours=LIVE_ATTEMPT_MAX_H)
        self._attempts = [
            a for a in self._attempts if (s := self.get(a.key)) is not None and s.start >= limit
        ]


def looks_like_live_log(lines: Sequence[str]) -> bool:
    return mostly_matching(lines, _LIVE)


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
