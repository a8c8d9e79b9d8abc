"""The window signal's factory: the desktop-window source for this platform, or a null one.

Each platform's source lives in its own module (x11_windows, win32_windows, macos_windows),
imported only when chosen, so importing this module never loads libxcb or ctypes
bindings the platform lacks. A platform without a usable source gets a `NullWindowSource`
that says why (its `problem`). The types they share are in `window_types`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable

from trayclock.detect.signals.window_types import WindowInfo, WindowSource

logger = logging.getLogger(__name__)


class NullWindowSource:
    """No window titles on this platform or display: detection relies on logs and processes."""

    name = "none"

    def __init__(self, reason: str) -> None:
        self._reason = reason

    def list_windows(self) -> list[WindowInfo]:
        return []

    def fileno(self) -> int | None:
        """Nothing to wait for: its answer never changes."""
        return None

    @property
    def status(self) -> str:
        return self._reason

    @property
    def problem(self) -> str | None:
        return self._reason

    def close(self) -> None:
        return None


def x_display(display: str | None, what: str) -> tuple[str | None, str]:
    """The X display to read `what` from (`display`, else $DISPLAY), or None and why there
    is none (shared with the idle source's factory)."""
    name = display if display is not None else os.environ.get("DISPLAY")
    if name:
        return name, ""
    if os.environ.get("WAYLAND_DISPLAY"):
        return None, f"Wayland session without X: {what} unavailable"
    return None, f"no X display ($DISPLAY unset): {what} unavailable"


def open_window_source(
    platform: str | None = None,
    display: str | None = None,
    *,
    is_candidate: Callable[[str, str | None], bool] | None = None,
) -> WindowSource:
    """The window source for this platform, or a NullWindowSource naming what is missing.

    `display` (X11 only) overrides $DISPLAY; `is_candidate` (X11 only) picks the windows
    whose title changes are followed by events (default: all). Never raises: a missing
    library, display or permission becomes the null source's reason.
    """
    plat = sys.platform if platform is None else platform
    try:
        if plat.startswith("win"):
            from trayclock.detect.signals.win32_windows import Win32WindowSource

            return Win32WindowSource()
        if plat == "darwin":
            from trayclock.detect.signals.macos_windows import MacWindowSource

            return MacWindowSource()
        name, missing = x_display(display, "window titles")
        if name is None:
            return NullWindowSource(missing)
        from trayclock.detect.signals.x11_windows import X11WindowSource

        return X11WindowSource(name, is_candidate=is_candidate)
    except Exception as exc:  # an import or setup failure must not stop detection by logs
        logger.warning("window source unavailable: %s", exc)
        return NullWindowSource(f"window titles unavailable: {exc}")
