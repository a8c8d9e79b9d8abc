"""RustDesk: process names, session-window rules, log locations and log-line parsers.

Window / process API (called by the monitor):
    PROCESS_NAMES: frozenset[str]                      # lower-case, without ".exe"
    is_app_process(name: str) -> bool
    match_window(title, wm_class, *, platform=None) -> WindowMatch | None
    log_paths(ctx: LogPathContext | None = None) -> list[Path]
    peer_config_dirs(ctx: LogPathContext | None = None) -> list[Path]   # holds peers/<id>.toml
"""

from __future__ import annotations

from pathlib import Path

from trayclock.detect.apps.common import WindowMatch, normalise_partner_id
from trayclock.detect.apps.paths import LogPathContext, unique_paths

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
