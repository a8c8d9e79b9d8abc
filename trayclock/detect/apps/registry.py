"""The list of remote tools trayclock knows, and lookups across them (window, process, paths).

API (called by the monitor):
    APPS: dict[str, AppSpec]                 # "teamviewer", "anydesk", "rustdesk"
    AppSpec.name / display_name / process_names / is_app_process(name) /
        match_window(title, wm_class, *, platform=None) / log_paths(ctx=None)
    match_window(title, wm_class, *, platform=None) -> WindowMatch | None   # tries every app
    may_be_session_window(title, wm_class) -> bool   # worth following its title changes
    app_for_process(name) -> str | None      # "AnyDesk.exe" → "anydesk"
    default_log_paths(app, ctx=None) -> list[Path]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from trayclock.detect.apps import anydesk, rustdesk, teamviewer
from trayclock.detect.apps.common import WindowMatch, WindowMatcher
from trayclock.detect.apps.paths import LogPathContext


@dataclass(frozen=True, slots=True)
class AppSpec:
    """What trayclock knows about one remote tool."""

    name: str
    display_name: str
    process_names: frozenset[str]
    is_app_process: Callable[[str], bool]
    match_window: WindowMatcher
    log_paths: Callable[[LogPathContext | None], list[Path]]


_SPECS = (
    AppSpec(
        teamviewer.APP,
        teamviewer.DISPLAY_NAME,
        teamviewer.PROCESS_NAMES,
        teamviewer.is_app_process,
        teamviewer.match_window,
        teamviewer.log_paths,
    ),
    AppSpec(
        anydesk.APP,
        anydesk.DISPLAY_NAME,
        anydesk.PROCESS_NAMES,
        anydesk.is_app_process,
        anydesk.match_window,
        anydesk.log_paths,
    ),
    AppSpec(
        rustdesk.APP,
        rustdesk.DISPLAY_NAME,
        rustdesk.PROCESS_NAMES,
        rustdesk.is_app_process,
        rustdesk.match_window,
        rustdesk.log_paths,
    ),
)
APPS: dict[str, AppSpec] = {spec.name: spec for spec in _SPECS}


def match_window(
    title: str, wm_class: str | None, *, platform: str | None = None
) -> WindowMatch | None:
    """The first app whose session-window rule accepts this window, as a WindowMatch."""
    for spec in APPS.values():
        found = spec.match_window(title, wm_class, platform=platform)
        if found is not None:
            return found
    return None


def may_be_session_window(title: str, wm_class: str | None) -> bool:
    """True for a window that is, or may become, a session window: its class or title names
    one of the apps (AnyDesk, TeamViewer and RustDesk name their windows' class after
    themselves; a session window's title ends with the app's name), or a rule matches it."""
    text = f"{title}\n{wm_class or ''}".casefold()
    if any(spec.name in text for spec in APPS.values()):
        return True
    return match_window(title, wm_class) is not None


def app_for_process(name: str) -> str | None:
    """The app a process name belongs to ("AnyDesk.exe" → "anydesk"), or None."""
    for spec in APPS.values():
        if spec.is_app_process(name):
            return spec.name
    return None


def default_log_paths(app: str, ctx: LogPathContext | None = None) -> list[Path]:
    """Candidate log paths of `app` for this platform (glob patterns; missing ones included)."""
    try:
        spec = APPS[app]
    except KeyError:
        raise ValueError(f"unknown remote app {app!r}; known: {', '.join(APPS)}") from None
    return spec.log_paths(ctx)
