"""What every desktop-window source reports: `WindowInfo`, and the `WindowSource` protocol.

The platform sources (x11_windows, win32_windows, macos_windows) import only this module
(and problem_reporter); the factory in `window_source` imports them, never the other way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class WindowInfo:
    """One top-level window as the platform shows it.

    `handle` is the platform's window id (X11 window id, HWND, CGWindowID); `wm_class` is the
    X11 class name, the Win32 class name, or the owning app's name on macOS; `pid` is the
    owning process when the platform tells it.
    """

    handle: int
    title: str
    wm_class: str | None
    pid: int | None


class WindowSource(Protocol):
    """Lists the desktop's top-level windows; cheap enough to call once a second.

    A source that can tell when its windows change also has `fileno() -> int | None` (a
    descriptor that becomes readable then; None: nothing to wait on right now) and may have
    `poll_due_in_s() -> float` (when it wants a poll regardless, e.g. to reconnect) and
    `has_pending_events() -> bool`; the monitor then waits on it instead of polling. A
    source without `fileno` (Win32, macOS: no change notification used) is polled. A source
    whose list can lag behind the desktop (X11: the window manager's client list) has
    `confirm()`, which the last look before quitting calls to drop windows already gone.
    """

    name: str

    def list_windows(self) -> list[WindowInfo]:
        """The windows open now; [] when the source is unavailable (see `problem`)."""
        ...

    @property
    def status(self) -> str:
        """ "ok", or a one-line reason why window titles are unavailable or incomplete."""
        ...

    @property
    def problem(self) -> str | None:
        """None when working, else the same reason as `status` (for the UI and the CLI)."""
        ...

    def close(self) -> None: ...
