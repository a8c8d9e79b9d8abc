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

import heapq
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

from trayclock.detect.apps.common import WindowMatch, normalise_partner_id, split_partner_label
from trayclock.detect.apps.paths import LogPathContext, unique_paths
from trayclock.detect.apps.sessionlog import (
    LineResult,
    SessionLogParser,
    iso_key,
    mostly_matching,
)
from trayclock.detect.apps.textscan import (
    MAX_LINE_CHARS,
    Shape,
    digit_space_run,
    fraction_end,
    is_name,
    name_run_end,
    only_chars,
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
# spaces), connection type, {GUID}. Read by shape rather than by offset, so a column a
# character wider or narrower (other versions, hand edits) still parses; from the left up to
# the end time, from the right back to the type: every step a find, a slice or a split.
_STAMP = Shape("99-99-9999 99:99:99")
_GUID_WIDTH = 38  # "{" + 36 hex digits and dashes + "}"
_HEX_AND_DASH = "0123456789abcdefABCDEF-"


class ConnectionRecord(NamedTuple):
    """One Connections.txt line's fields that make a session (times as written)."""

    partner: str
    start: str
    end: str
    guid: str


def _skip_spaces(text: str, pos: int) -> int:
    return len(text) - len(text[pos:].lstrip(" "))


def _stamp_then_spaces(text: str, pos: int) -> int | None:
    """The position after a stamp at `pos` and the spaces after it (at least one)."""
    if not _STAMP.fits(text, pos) or text[pos + _STAMP.width : pos + _STAMP.width + 1] != " ":
        return None
    return _skip_spaces(text, pos + _STAMP.width)


def parse_connection(text: str) -> ConnectionRecord | None:
    """The fields of one Connections.txt record (line ends removed), None if it is none.

    `<partner> +<start> +<end> +<user> *<type> +{<guid>}` with trailing white space allowed:
    the partner has no white space, the type is `[A-Za-z][\\w-]*` preceded by a space, the
    user (may be empty) is whatever lies between."""
    first_space = text.find(" ")
    partner = text[:first_space]
    if first_space < 1 or partner.split(None, 1) != [partner]:  # no white space in it
        return None
    start_at = _skip_spaces(text, first_space)
    end_at = _stamp_then_spaces(text, start_at)
    if end_at is None:
        return None
    if not _STAMP.fits(text, end_at):
        return None
    rest = text[end_at + _STAMP.width :]
    body = rest.rstrip()
    if not rest.startswith(" ") or len(body) < _GUID_WIDTH:
        return None
    guid = body[-_GUID_WIDTH:]
    if guid[0] != "{" or guid[-1] != "}" or not only_chars(guid[1:-1], _HEX_AND_DASH):
        return None
    before_guid = body[:-_GUID_WIDTH]
    if not before_guid.endswith(" "):
        return None
    kind = before_guid.rstrip(" ").rpartition(" ")[2]
    if not kind or not kind[0].isascii() or not kind[0].isalpha() or not is_name(kind, "-"):
        return None
    return ConnectionRecord(
        partner,
        text[start_at : start_at + _STAMP.width],
        text[end_at : end_at + _STAMP.width],
        guid,
    )


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


def _is_incoming_record(line: str) -> bool:
    """`ID<TAB>name<TAB>start<TAB>end<TAB>…`: the incoming record's first five fields."""
    fields = line.split("\t", 4)
    return (
        len(fields) == 5
        and bool(fields[0])
        and all(_STAMP.fits(f) and len(f) == _STAMP.width for f in fields[2:4])
    )


def looks_like_incoming(lines: Sequence[str]) -> bool:
    """`Connections_incoming.txt`: TAB-separated, the customer's side: never our sessions."""
    useful = [ln for ln in lines if ln.strip("\x00").strip()]
    return bool(useful) and all(
        len(ln) <= MAX_LINE_CHARS and _is_incoming_record(ln.lstrip("\x00")) for ln in useful[:20]
    )


# --- TeamViewer*_Logfile.log (live log) -----------------------------------------------------

# "2024/02/16 06:16:32.444  2216       2492 S0   message" — local time; the offset is only in
# the "Start:" header; several processes write, so lines are not strictly ordered.
_LIVE_STAMP = Shape("9999/99/99 99:99:99")
# Header lines: "Start:              2024/02/16 …", also "IE                  11.1…".
_TRYING = "trying connection to "
_CONNECT_FAILED = "LoginOutgoing: ConnectFinished - error"
_SESSION_TO = "Session to "
_ENDED = "ended"
_UTC_OFFSET = "(UTC"
_INCOMING_MARKERS = ("CreatePassiveSession", "incoming session", "HandleSessionIncoming")
# Outgoing attempts are joined to their end line only within this window.
LIVE_ATTEMPT_MAX_H = 24


def parse_live_line(text: str) -> tuple[str, str] | None:
    """(stamp, message) of a live-log line (right-stripped), None if it has not the shape
    `<stamp> <pid> <tid> <tag> <message>`, white space between."""
    if not _LIVE_STAMP.fits(text):
        return None
    stamp_end = fraction_end(text, _LIVE_STAMP.width)
    rest = text[stamp_end:]
    if not rest[:1].isspace():
        return None
    fields = rest.split(None, 3)
    if len(fields) < 4 or not fields[0].isdecimal() or not fields[1].isdecimal():
        return None
    return text[:stamp_end], fields[3]


def parse_header(text: str) -> tuple[str, str] | None:
    """(field, value) of a header line: `<field>: <value>` or `<field>  <value>` (two or more
    white-space characters), the field `[A-Za-z][\\w -]*`, as short as can be."""
    if not text[:1].isascii() or not text[:1].isalpha():
        return None
    name_end = name_run_end(text, 1)  # the field cannot reach past this
    space = text.find(" ", 1, name_end)
    while space >= 0:  # inside the run, only a space can start "two white spaces"
        if text[space + 1 : space + 2].isspace():
            return text[:space], text[space + 1 :].lstrip()
        space = text.find(" ", space + 1, name_end)
    ch, after = text[name_end : name_end + 1], text[name_end + 1 : name_end + 2]
    if (ch == ":" or ch.isspace()) and after.isspace():
        return text[:name_end], text[name_end + 1 :].lstrip()
    return None


def _utc_offset(value: str) -> timezone | None:
    """The zone of a `Start:` header's "(UTC+1:00)" / "(UTC-8:00)", if it has one."""
    at = value.find(_UTC_OFFSET)
    while at >= 0:
        pos = at + len(_UTC_OFFSET)
        sign = value[pos : pos + 1]
        hours = value[pos + 1 : pos + 3]
        hours = hours if hours.isdecimal() else hours[:1]
        colon = pos + 1 + len(hours)
        minutes = value[colon + 1 : colon + 3]
        if (
            sign in ("+", "-")
            and hours.isdecimal()
            and value[colon : colon + 1] == ":"
            and len(minutes) == 2
            and minutes.isdecimal()
            and value[colon + 3 : colon + 4] == ")"
        ):
            delta = timedelta(hours=int(hours), minutes=int(minutes))
            if delta < timedelta(hours=24):  # datetime's limit for a fixed offset
                return timezone(-delta if sign == "-" else delta)
        at = value.find(_UTC_OFFSET, at + 1)
    return None


def _spaced_id(msg: str, pos: int) -> str | None:
    """`\\d[\\d ]*\\d` at `pos` (the longest), without its spaces; None if not there."""
    grouped = digit_space_run(msg, pos).rstrip(" ")
    if len(grouped) < 2 or not grouped[0].isdecimal():
        return None
    return grouped.replace(" ", "")


def _trying_id(msg: str) -> str | None:
    """The partner ID of "trying connection to <ID>" (digits, maybe grouped by spaces)."""
    at = msg.find(_TRYING)
    while at >= 0:
        found = _spaced_id(msg, at + len(_TRYING))
        if found is not None:
            return found
        at = msg.find(_TRYING, at + 1)
    return None


def _ended_id(msg: str) -> str | None:
    """The partner ID of "Session to <ID> ended"."""
    at = msg.find(_SESSION_TO)
    while at >= 0:
        pos = at + len(_SESSION_TO)
        run = digit_space_run(msg, pos)
        # The ID ends at a digit and " ended" follows: the run's one trailing space is that
        # space ("ended" itself is no digit or space, so the run stops right before it).
        grouped = run[:-1]
        if (
            run.endswith(" ")
            and msg.startswith(_ENDED, pos + len(run))
            and len(grouped) >= 2
            and grouped[0].isdecimal()
            and grouped[-1].isdecimal()
        ):
            return grouped.replace(" ", "")
        at = msg.find(_SESSION_TO, at + 1)
    return None


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
                offset = _utc_offset(header[1])
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
        partner_id = _trying_id(msg)
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
        partner_id = _ended_id(msg)
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
