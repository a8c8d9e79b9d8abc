"""AnyDesk: process names, session-window rules, trace locations and trace-line parsers.

Window / process API (called by the monitor):
    PROCESS_NAMES: frozenset[str]                      # lower-case, without ".exe"
    is_app_process(name: str) -> bool         # "AnyDesk.exe", "anydesk", branded "AnyDesk_x"
    match_window(title, wm_class, *, platform=None) -> WindowMatch | None
    log_paths(ctx: LogPathContext | None = None) -> list[Path]   # candidates, may hold globs
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from trayclock.detect.apps.common import WindowMatch, split_partner_label
from trayclock.detect.apps.paths import LogPathContext, unique_paths

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
    which cannot be known here; add that path to the settings).
    """
    c = LogPathContext.current() if ctx is None else ctx
    found: list[Path] = []
    if c.is_windows:
        for folder in c.env_dirs("APPDATA", "PROGRAMDATA", "ProgramData", "ALLUSERSPROFILE"):
            found.append(folder / "AnyDesk*" / "ad*.trace")
    elif c.is_macos:
        found.append(c.home / ".anydesk*" / "*.trace")
        found.append(c.home / "Library" / "Application Support" / "AnyDesk*" / "*.trace")
        found.append(Path("/var/log/anydesk*.trace"))
        found.append(Path("/Library/Logs/anydesk*.trace"))
    else:
        found.append(c.home / ".anydesk*" / "*.trace")
        found.append(Path("/var/log/anydesk*.trace"))
    return unique_paths(found)
