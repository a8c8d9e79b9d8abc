"""The input-idle signal's factory: the idle-time source for this platform, or a null one.

Each platform's source lives in its own module (idle_x11, idle_win32, idle_macos), imported
only when chosen, as the window sources are (`window_source`). A platform without a usable
source gets a `NullIdleSource` that says why: then no idle stretch is ever suggested.
"""

from __future__ import annotations

import logging
import sys

from trayclock.detect.signals.idle_types import IdleSource
from trayclock.detect.signals.problem_reporter import ProblemReporter
from trayclock.detect.signals.window_source import x_display

logger = logging.getLogger(__name__)


class NullIdleSource(ProblemReporter):
    """No idle time on this platform or display: no pause is ever suggested."""

    name = "none"

    def __init__(self, reason: str) -> None:
        self._problem = reason  # said once, by whoever shows the status; not a warning

    def idle_seconds(self) -> float | None:
        return None

    def close(self) -> None:
        return None


def open_idle_source(platform: str | None = None, display: str | None = None) -> IdleSource:
    """The idle source for this platform, or a NullIdleSource naming what is missing.

    `display` (X11 only) overrides $DISPLAY. Never raises: a missing library, display or
    extension becomes the null source's reason.
    """
    plat = sys.platform if platform is None else platform
    try:
        if plat.startswith("win"):
            from trayclock.detect.signals.idle_win32 import Win32IdleSource

            return Win32IdleSource()
        if plat == "darwin":
            from trayclock.detect.signals.idle_macos import MacIdleSource

            return MacIdleSource()
        name, missing = x_display(display, "input idle time")
        if name is None:
            return NullIdleSource(missing)
        from trayclock.detect.signals.idle_x11 import X11IdleSource

        return X11IdleSource(name)
    except Exception as exc:  # an import or setup failure must not stop the tray
        logger.warning("idle source unavailable: %s", exc)
        return NullIdleSource(f"input idle time unavailable: {exc}")


class DeferredIdleSource:
    """The platform's idle source, opened on its first reading (the first heartbeat), so
    start-up never waits for an import or a display connection it does not need yet."""

    name = "deferred"

    def __init__(self, platform: str | None = None, display: str | None = None) -> None:
        self._where = (platform, display)
        self._source: IdleSource | None = None

    def _opened(self) -> IdleSource:
        if self._source is None:
            self._source = open_idle_source(*self._where)
            logger.info("input idle time: %s", self._source.status)
        return self._source

    def idle_seconds(self) -> float | None:
        return self._opened().idle_seconds()

    @property
    def status(self) -> str:
        return self._opened().status

    @property
    def problem(self) -> str | None:
        return self._opened().problem

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
