"""TeamViewer: process names, session-window rules, log locations and log-line parsers.

Window / process API (called by the monitor):
    PROCESS_NAMES: frozenset[str]                      # lower-case, without ".exe"
    is_app_process(name: str) -> bool                  # "TeamViewer.exe", "teamviewerd" …
    match_window(title, wm_class, *, platform=None) -> WindowMatch | None
    log_paths(ctx: LogPathContext | None = None) -> list[Path]   # candidates, may hold globs
"""

from __future__ import annotations

import sys
from pathlib import Path

from trayclock.detect.apps.common import WindowMatch, split_partner_label
from trayclock.detect.apps.paths import LogPathContext, unique_paths

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
