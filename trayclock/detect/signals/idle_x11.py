"""X11 input idle time through the MIT-SCREEN-SAVER extension (python-xlib): one request,
`ScreenSaverQueryInfo`, whose `idle` is the milliseconds since the last keyboard or mouse
event the X server saw (any client's: `xdotool` input resets it too). Counted on the
server's monotonic clock: a suspend does not add to it.

Its own X connection, used by whoever calls `idle_seconds` (the tray's GUI thread, once a
heartbeat). A lost X server is reported through `problem` and reconnected at most every
few seconds.
"""

from __future__ import annotations

import logging
import time

from Xlib import error as xerror
from Xlib.display import Display

from trayclock.detect.signals.problem_reporter import STATUS_OK, ProblemReporter

logger = logging.getLogger(__name__)

EXTENSION = "MIT-SCREEN-SAVER"
RECONNECT_S = 5.0  # how often to retry a lost or missing X display
_MS_PER_S = 1000.0
_CONNECTION_LOST = (xerror.ConnectionClosedError, xerror.DisplayError, OSError)


class ScreenSaverDisplay(Display):  # type: ignore[misc]  # python-xlib has no type hints
    """A connection that sets up only MIT-SCREEN-SAVER: python-xlib otherwise imports and
    sets up every extension the server offers (13 on Xvfb: 0.8 MiB in the idle tray, a round
    trip each), as for detection's window connection (x11_windows.CoreDisplay)."""

    def list_extensions(self) -> list[str]:
        return [name for name in super().list_extensions() if name == EXTENSION]


class X11IdleSource(ProblemReporter):
    """Seconds since the last input on one X display; `idle_seconds()` never raises."""

    name = "x11"

    def __init__(self, display: str) -> None:
        self._display_name = display
        self._display: Display | None = None
        self._next_try = 0.0  # monotonic seconds: when to try connecting again
        self._connect()

    def describe_ok(self) -> str:
        return f"{STATUS_OK}: X display {self._display_name} ({EXTENSION})"

    def _connect(self) -> None:
        self._next_try = time.monotonic() + RECONNECT_S
        try:
            display = ScreenSaverDisplay(self._display_name)
        except (*_CONNECTION_LOST, xerror.XError) as exc:
            self.report_problem(f"cannot open X display {self._display_name}: {exc}")
            return
        if not display.has_extension(EXTENSION):
            display.close()
            self.report_problem(
                f"X display {self._display_name} has no {EXTENSION} extension: "
                "input idle time unavailable"
            )
            return
        self._display = display
        self.clear_problem()

    def idle_seconds(self) -> float | None:
        if self._display is None:
            if time.monotonic() < self._next_try:
                return None
            self._connect()
            if self._display is None:
                return None
        try:
            reply = self._display.screen().root.screensaver_query_info()
        except (*_CONNECTION_LOST, xerror.XError) as exc:
            self.report_problem(f"X display {self._display_name} lost: {exc}")
            self.close()
            return None
        return int(reply.idle) / _MS_PER_S

    def close(self) -> None:
        display, self._display = self._display, None
        if display is not None:
            try:
                display.close()
            except _CONNECTION_LOST:
                logger.debug("X display %s already gone", self._display_name)
