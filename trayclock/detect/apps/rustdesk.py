"""RustDesk: process names, session-window rules, log locations and log-line parsers.

Window / process API (called by the monitor):
    PROCESS_NAMES: frozenset[str]                      # lower-case, without ".exe"
    is_app_process(name: str) -> bool
    match_window(title, wm_class, *, platform=None) -> WindowMatch | None
    log_paths(ctx: LogPathContext | None = None) -> list[Path]
    peer_config_dirs(ctx: LogPathContext | None = None) -> list[Path]   # holds peers/<id>.toml

Log API (called by the log source and `parse_file`):
    LogParser(grace_s=DEFAULT_GRACE_S)   # RustDesk_r*.log client log
    looks_like_log(lines) -> bool
    parser_for(path: Path, grace_s=DEFAULT_GRACE_S) -> SessionLogParser | None
    read_peer_info(peers_dir: Path, peer_id: str) -> str | None   # "username@hostname"

Rules: "Session <id> start" starts (the id may be an IP address); "Exit io_loop of id=<id>"
only PROPOSES an end: RustDesk reconnects by itself without a new start line, so the session
ends (at the Exit line's time) only when no line naming that id — nor a PeerInfo line while
it is the current session — follows within the grace period (log time or the clock, whichever
shows it first). "handle_peer_info :PeerInfo { username: …, hostname: … }" names the current
session "username@hostname". Times carry their own offset on every line and become UTC.
Key: "rustdesk:<id>:<start UTC>".
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trayclock.detect.apps.common import WindowMatch, normalise_partner_id
from trayclock.detect.apps.paths import LogPathContext, unique_paths
from trayclock.detect.apps.sessionlog import (
    LineResult,
    SessionLogParser,
    iso_key,
    mostly_matching,
    outcome_without_marker,
)
from trayclock.domain.session import Outcome, RemoteSession

log = logging.getLogger(__name__)

# How long after "Exit io_loop" a line for the same id still continues the session.
DEFAULT_GRACE_S = 60.0

APP = "rustdesk"
DISPLAY_NAME = "RustDesk"

# All sessions run inside the one main process: the process list only says "running".
PROCESS_NAMES = frozenset({"rustdesk"})

# Flutter UI: "<tabLabel> - Remote Desktop - RustDesk", tabLabel = alias or id, plus
# "@<hostname>" when known. File-transfer / port-forward windows are other window kinds.
TITLE_SUFFIX = " - Remote Desktop - RustDesk"
CURRENT_LOG = "RustDesk_rCURRENT.log"


def is_app_process(name: str) -> bool:
    base = name.strip().lower()
    base = base[:-4] if base.endswith(".exe") else base
    return base in PROCESS_NAMES


def match_window(
    title: str, wm_class: str | None, *, platform: str | None = None
) -> WindowMatch | None:
    """ "<alias or id>[@host] - Remote Desktop - RustDesk" is a session; the class is not used.

    The id may be an IP address. With "id@host", `partner_id` is the id and `partner_name`
    the host; with "alias@host", `partner_name` is the alias; `host` keeps the host.
    """
    del wm_class, platform  # Flutter windows carry no telling class on any platform
    text = title.strip()
    if not text.endswith(TITLE_SUFFIX):
        return None
    label = text[: -len(TITLE_SUFFIX)].strip()
    if not label:
        return None
    shown, host = label, None
    if "@" in label:
        # Host names carry no "@"; an alias might, so split at the last one.
        before, _, after = label.rpartition("@")
        if before and after:
            shown, host = before.strip(), after.strip()
    partner_id = normalise_partner_id(shown)
    if partner_id is not None:
        return WindowMatch(APP, partner_id, host, label, host)
    return WindowMatch(APP, None, shown, label, host)


def _config_roots(c: LogPathContext) -> list[Path]:
    if c.is_windows:
        return [folder / "RustDesk" for folder in c.env_dirs("APPDATA")]
    if c.is_macos:
        return [c.home / "Library" / "Preferences" / "com.carriez.RustDesk"]
    return [c.home / ".config" / "rustdesk"]


def log_paths(ctx: LogPathContext | None = None) -> list[Path]:
    """The current client log; rotated daily files are found by the tail through the inode."""
    c = LogPathContext.current() if ctx is None else ctx
    if c.is_windows:
        folders = [folder / "RustDesk" / "log" for folder in c.env_dirs("APPDATA")]
    elif c.is_macos:
        folders = [c.home / "Library" / "Logs" / "RustDesk"]
    else:
        folders = [c.home / ".local" / "share" / "logs" / "RustDesk"]
    return unique_paths(folder / CURRENT_LOG for folder in folders)


def peer_config_dirs(ctx: LogPathContext | None = None) -> list[Path]:
    """Folders holding `peers/<id>.toml` (read `[info]` only: the file also holds a password)."""
    c = LogPathContext.current() if ctx is None else ctx
    roots = _config_roots(c)
    if c.is_windows:
        roots = [root / "config" for root in roots]
    return unique_paths(root / "peers" for root in roots)


# --- client log ---------------------------------------------------------------------------

_LINE = re.compile(
    r"^\[(?P<stamp>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?) (?P<offset>[+-]\d{2}:\d{2})\]"
    r" (?P<level>[A-Z]+) \[(?P<src>[^\]]*)\] (?P<msg>.*)$"
)
_START = re.compile(r"^Session (?P<id>\S+) start\b")
_EXIT = re.compile(r"^Exit io_loop of id=(?P<id>\S+)")
_PEER_INFO = re.compile(r"handle_peer_info\s*:\s*PeerInfo \{")
_FIELD = re.compile(r'\b(?P<name>username|hostname): "(?P<value>(?:[^"\\]|\\.)*)"')


def display_name(username: str | None, hostname: str | None) -> str | None:
    """ "username@hostname", or whichever part is known."""
    user, host = (username or "").strip(), (hostname or "").strip()
    if user and host:
        return f"{user}@{host}"
    return user or host or None


@dataclass(slots=True)
class _Peer:
    key: str
    partner: str
    exit_at: datetime | None = None  # a proposed end, pending the grace period
    ran: bool = False
    pattern: re.Pattern[str] | None = None


class LogParser(SessionLogParser):
    """Outgoing sessions from the RustDesk client log, with reconnects merged."""

    app = APP

    def __init__(self, grace_s: float = DEFAULT_GRACE_S) -> None:
        super().__init__()
        self._grace = timedelta(seconds=grace_s)
        self._peers: dict[str, _Peer] = {}  # partner id → its open session
        self._current: _Peer | None = None  # the session the last id-bearing line was about

    def feed(self, line: str) -> LineResult:
        text = line.strip("\x00").rstrip()
        if not text.strip():
            return LineResult.IGNORED
        m = _LINE.match(text)
        if m is None:
            return LineResult.BAD
        try:
            when = datetime.fromisoformat(f"{m['stamp']}{m['offset']}").astimezone(UTC)
        except ValueError:
            return LineResult.BAD
        self.expire(when)
        msg = m["msg"]
        start = _START.match(msg)
        if start is not None:
            self._start(start["id"], when)
            return LineResult.PARSED
        exit_line = _EXIT.match(msg)
        if exit_line is not None:
            peer = self._peers.get(exit_line["id"])
            if peer is not None:
                peer.exit_at = when
                self._current = peer
            return LineResult.PARSED
        if _PEER_INFO.search(msg):
            self._peer_info(msg)
            return LineResult.PARSED
        for peer in self._peers.values():
            if peer.pattern is not None and peer.pattern.search(msg):
                peer.exit_at = None  # the same partner again within grace: a reconnect
                self._current = peer
        return LineResult.PARSED

    def expire(self, now: datetime) -> None:
        for partner, peer in list(self._peers.items()):
            if peer.exit_at is not None and now - peer.exit_at >= self._grace:
                self._close(partner, peer)

    def finish(self) -> None:
        """End of a whole file: a proposed end that nothing followed is the end."""
        for partner, peer in list(self._peers.items()):
            if peer.exit_at is not None:
                self._close(partner, peer)

    def _start(self, partner: str, when: datetime) -> None:
        peer = self._peers.get(partner)
        if peer is not None:
            # Open, or closed less than the grace period ago: the same session goes on.
            peer.exit_at = None
            self._current = peer
            return
        key = f"rustdesk:{partner}:{iso_key(when)}"
        # The id as a whole word: not inside a longer number or address, but "id:" before
        # it and ":port" or a full stop after it are fine.
        boundary = re.compile(rf"(?<![\w.]){re.escape(partner)}(?!\w|\.\w)")
        peer = _Peer(key, partner, pattern=boundary)
        self._peers[partner] = peer
        self._current = peer
        partner_id = normalise_partner_id(partner)
        name = None if partner_id is not None else partner
        self._put(RemoteSession(APP, key, partner_id, name, when, None, Outcome.OPEN))

    def _peer_info(self, msg: str) -> None:
        peer = self._current
        if peer is None or peer.partner not in self._peers:
            return
        fields = {f["name"]: f["value"] for f in _FIELD.finditer(msg)}
        peer.exit_at = None  # a login just succeeded: connected again
        peer.ran = True
        name = display_name(fields.get("username"), fields.get("hostname"))
        session = self.get(peer.key)
        if session is not None and name and session.partner_name != name:
            self._put(session.with_changes(partner_name=name))

    def _close(self, partner: str, peer: _Peer) -> None:
        del self._peers[partner]
        if self._current is peer:
            self._current = None
        session = self.get(peer.key)
        if session is not None and peer.exit_at is not None:
            outcome = outcome_without_marker(session.start, peer.exit_at, peer.ran)
            self._end(peer.key, peer.exit_at, outcome)


def looks_like_log(lines: Sequence[str]) -> bool:
    return mostly_matching(lines, _LINE)


def parser_for(path: Path, grace_s: float = DEFAULT_GRACE_S) -> SessionLogParser | None:
    """RustDesk client logs (`RustDesk_r*.log`); the config and peer files are not logs."""
    if path.suffix.lower() == ".log":
        return LogParser(grace_s)
    return None


# --- peers/<id>.toml ----------------------------------------------------------------------

_SECTION = re.compile(r"^\s*\[")


def read_peer_info(peers_dir: Path, peer_id: str) -> str | None:
    """ "username@hostname" from `peers/<id>.toml`'s `[info]` section, or None.

    The file also holds a saved password: only the `[info]` lines are parsed, nothing else
    of the file is kept or logged, and the file is never written.
    """
    if not peer_id or "/" in peer_id or "\\" in peer_id or peer_id.startswith("."):
        return None
    path = peers_dir / f"{peer_id}.toml"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    section: list[str] = []
    inside = False
    for line in text.splitlines():
        if _SECTION.match(line):
            inside = line.strip() == "[info]"
            continue
        if inside:
            section.append(line)
    try:
        info = tomllib.loads("\n".join(section))
    except tomllib.TOMLDecodeError:
        log.info("peer file %s: [info] section is not valid TOML", path)
        return None
    username, hostname = info.get("username"), info.get("hostname")
    return display_name(
        username if isinstance(username, str) else None,
        hostname if isinstance(hostname, str) else None,
    )
