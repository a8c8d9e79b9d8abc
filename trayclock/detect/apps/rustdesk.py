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

What one line says (its fields, the messages that matter) is read in `rustdesk_lines`; this
module puts lines together into sessions.
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

from trayclock.detect.apps.common import WindowMatch, normalise_partner_id
from trayclock.detect.apps.paths import LogPathContext, unique_paths
from trayclock.detect.apps.rustdesk_lines import (
    EXOTIC_ID_SCAN_MAX,
    exit_id,
    is_peer_info,
    is_plain_id,
    mentioned_ids,
    parse_log_line,
    peer_fields,
    started_id,
)
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


# --- client log (each line's fields and messages read by rustdesk_lines) -------------------


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
    seq: int  # creation order: a line naming several peers makes the newest current
    exit_at: datetime | None = None  # a proposed end, pending the grace period
    ran: bool = False


class LogParser(SessionLogParser):
    """Outgoing sessions from the RustDesk client log, with reconnects merged.

    Each line costs O(its length + log n) however many sessions are open: peers are looked
    up by the IDs a line names (`mentioned_ids`), and proposed ends wait in a heap by time
    (entries made stale by a reconnect or a later Exit line are skipped when popped)."""

    app = APP

    def __init__(self, grace_s: float = DEFAULT_GRACE_S) -> None:
        super().__init__()
        self._grace = timedelta(seconds=grace_s)
        self._peers: dict[str, _Peer] = {}  # partner id → its open session, oldest first
        self._exotic: dict[str, None] = {}  # open IDs that are no plain word, oldest first
        self._current: _Peer | None = None  # the session the last id-bearing line was about
        self._due: list[tuple[datetime, int, str]] = []  # heap: (exit_at, seq, partner)
        self._seq = 0

    def _feed(self, text: str) -> LineResult:
        text = text.rstrip()
        if not text.strip():
            return LineResult.IGNORED
        line = parse_log_line(text)
        if line is None:
            return LineResult.BAD
        try:
            when = datetime.fromisoformat(line.stamp).astimezone(UTC)
        except ValueError:
            return LineResult.BAD
        self.expire(when)
        msg = line.msg
        started = started_id(msg)
        if started is not None:
            self._start(started, when)
            return LineResult.PARSED
        exited = exit_id(msg)
        if exited is not None:
            peer = self._peers.get(exited)
            if peer is not None:
                self._propose_end(peer, when)
                self._current = peer
            return LineResult.PARSED
        if is_peer_info(msg):
            self._peer_info(msg)
            return LineResult.PARSED
        if self._peers:
            exotic = list(islice(reversed(self._exotic), EXOTIC_ID_SCAN_MAX))
            named = [self._peers[p] for p in mentioned_ids(msg, self._peers, exotic)]
            for peer in named:
                peer.exit_at = None  # the same partner again within grace: a reconnect
            if named:
                self._current = max(named, key=lambda peer: peer.seq)
        return LineResult.PARSED

    def expire(self, now: datetime) -> None:
        due: list[_Peer] = []
        while self._due and now - self._due[0][0] >= self._grace:
            exit_at, seq, partner = heapq.heappop(self._due)
            peer = self._peers.get(partner)
            if peer is not None and peer.seq == seq and peer.exit_at == exit_at:
                due.append(peer)
        for peer in sorted(due, key=lambda p: p.seq):
            if self._peers.get(peer.partner) is peer:
                self._close(peer.partner, peer)

    def finish(self) -> None:
        """End of a whole file: a proposed end that nothing followed is the end."""
        for partner, peer in list(self._peers.items()):
            if peer.exit_at is not None:
                self._close(partner, peer)

    def _propose_end(self, peer: _Peer, when: datetime) -> None:
        peer.exit_at = when
        heapq.heappush(self._due, (when, peer.seq, peer.partner))

    def _start(self, partner: str, when: datetime) -> None:
        peer = self._peers.get(partner)
        if peer is not None:
            # Open, or closed less than the grace period ago: the same session goes on.
            peer.exit_at = None
            self._current = peer
            return
        key = f"rustdesk:{partner}:{iso_key(when)}"
        self._seq += 1
        peer = _Peer(key, partner, self._seq)
        self._peers[partner] = peer
        if not is_plain_id(partner):
            self._exotic[partner] = None
        self._current = peer
        partner_id = normalise_partner_id(partner)
        name = None if partner_id is not None else partner
        self._put(RemoteSession(APP, key, partner_id, name, when, None, Outcome.OPEN))

    def _peer_info(self, msg: str) -> None:
        peer = self._current
        if peer is None or peer.partner not in self._peers:
            return
        fields = peer_fields(msg)
        peer.exit_at = None  # a login just succeeded: connected again
        peer.ran = True
        name = display_name(fields.get("username"), fields.get("hostname"))
        session = self.get(peer.key)
        if session is not None and name and session.partner_name != name:
            self._put(session.with_changes(partner_name=name))

    def _close(self, partner: str, peer: _Peer) -> None:
        del self._peers[partner]
        self._exotic.pop(partner, None)
        if self._current is peer:
            self._current = None
        session = self.get(peer.key)
        if session is not None and peer.exit_at is not None:
            outcome = outcome_without_marker(session.start, peer.exit_at, peer.ran)
            self._end(peer.key, peer.exit_at, outcome)


def looks_like_log(lines: Sequence[str]) -> bool:
    return mostly_matching(lines, lambda line: parse_log_line(line) is not None)


def parser_for(path: Path, grace_s: float = DEFAULT_GRACE_S) -> SessionLogParser | None:
    """RustDesk client logs (`RustDesk_r*.log`); the config and peer files are not logs."""
    if path.suffix.lower() == ".log":
        return LogParser(grace_s)
    return None


# --- peers/<id>.toml ----------------------------------------------------------------------

PEER_FILE_MAX_BYTES = 1024 * 1024  # a peer file is a few hundred bytes; more is not one


def read_peer_info(peers_dir: Path, peer_id: str) -> str | None:
    """ "username@hostname" from `peers/<id>.toml`'s `[info]` section, or None.

    The file also holds a saved password: only the `[info]` lines are parsed, nothing else
    of the file is kept or logged, and the file is never written.
    """
    if not peer_id or "/" in peer_id or "\\" in peer_id or peer_id.startswith("."):
        return None
    path = peers_dir / f"{peer_id}.toml"
    try:
        with open(path, "rb") as handle:
            data = handle.read(PEER_FILE_MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > PEER_FILE_MAX_BYTES:
        log.info("peer file %s: over %d bytes, not read", path, PEER_FILE_MAX_BYTES)
        return None
    text = data.decode("utf-8", errors="replace")
    section: list[str] = []
    inside = False
    for line in text.splitlines():
        if line.lstrip().startswith("["):
            inside = line.strip() == "[info]"
            continue
        if inside:
            section.append(line)
    import tomllib  # here: a peer file is read only when a session names one

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
