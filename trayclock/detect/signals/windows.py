"""The window signal: what a window source reports, and the factory that picks one per platform.

Each platform's source lives in its own module (x11, win32, macos), imported only when chosen,
so importing this module never loads python-xlib or ctypes bindings the platform lacks. A
platform without a usable source gets a `NullWindowSource` that says why (its `problem`).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)

STATUS_OK = "ok"


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
    """Lists the desktop's top-level windows; cheap enough to call once a second."""

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


class ProblemReporter:
    """The `problem` / `status` pair every signal source shows the UI and `detect --status`.

    Subclasses say what they see when working (`describe_ok`) and call `report_problem`
    when they cannot see (logged once per distinct problem) and `clear_problem` when back.
    """

    _problem: str | None = None

    @property
    def problem(self) -> str | None:
        return self._problem

    @property
    def status(self) -> str:
        return self._problem if self._problem is not None else self.describe_ok()

    def describe_ok(self) -> str:
        return STATUS_OK

    def report_problem(self, problem: str) -> None:
        if problem != self._problem:
            logger.warning("%s", problem)
        self._problem = problem

    def clear_problem(self) -> None:
        if self._problem is not None:
            logger.info("recovered from: %s", self._problem)
        self._problem = None


class NullWindowSource:
    """No window titles on this platform or display: detection relies on logs and processes."""

    name = "none"

    def __init__(self, reason: str) -> None:
        self._reason = reason

    def list_windows(self) -> list[WindowInfo]:
        return []

    @property
    def status(self) -> str:
        return self._reason

    @property
    def problem(self) -> str | None:
        return self._reason

    def close(self) -> None:
        return None


def open_window_source(platform: str | None = None, display: str | None = None) -> WindowSource:
    """The window source for this platform, or a NullWindowSource naming what is missing.

    `display` (X11 only) overrides $DISPLAY. Never raises: a missing library, display or
    permission becomes the null source's reason.
    """
    plat = sys.platform if platform is None else platform
    try:
        if plat.startswith("win"):
            from trayclock.detect.signals.win32 import Win32WindowSource

            return Win32WindowSource()
        if plat == "darwin":
            from trayclock.detect.signals.macos import MacWindowSource

            return MacWindowSource()
        name = display if display is not None else os.environ.get("DISPLAY")
        if not name:
            reason = "no X display ($DISPLAY unset): window titles unavailable"
            if os.environ.get("WAYLAND_DISPLAY"):
                reason = "Wayland session without X: window titles unavailable"
            return NullWindowSource(reason)
        from trayclock.detect.signals.x11 import X11WindowSource

        return X11WindowSource(name)
    except Exception as exc:  # an import or setup failure must not stop detection by logs
        logger.warning("window source unavailable: %s", exc)
        return NullWindowSource(f"window titles unavailable: {exc}")
