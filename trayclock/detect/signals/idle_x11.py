"""X11 input idle time through the MIT-SCREEN-SAVER extension (libxcb, `xcb`): one request,
`ScreenSaverQueryInfo`, whose `ms_since_user_input` is the milliseconds since the last
keyboard or mouse event the X server saw (any client's: `xdotool` input resets it too).
Counted on the server's monotonic clock: a suspend does not add to it.

The request goes through core libxcb with the extension's major opcode (QueryExtension):
libxcb-screensaver is not installed on typical machines, and one request needs no library.

Its own X connection, used by whoever calls `idle_seconds` (the tray's GUI thread, once a
heartbeat). A lost X server is reported through `problem` and reconnected at most every
few seconds.
"""

from __future__ import annotations

import struct
import time

from trayclock.detect.signals import xcb
from trayclock.detect.signals.problem_reporter import STATUS_OK, ProblemReporter

EXTENSION = "MIT-SCREEN-SAVER"
QUERY_INFO = 1  # the extension's minor opcode of ScreenSaverQueryInfo (QueryVersion is 0)
RECONNECT_S = 5.0  # how often to retry a lost or missing X display
_MS_PER_S = 1000.0
# ScreenSaverQueryInfo reply: state @1, saver_window @8, ms_until_server @12,
# ms_since_user_input @16, event_mask @20, kind @24 (the extension's protocol, saverproto.h).
_IDLE_MS_AT = 16


class X11IdleSource(ProblemReporter):
    """Seconds since the last input on one X display; `idle_seconds()` never raises."""

    name = "x11"

    def __init__(self, display: str) -> None:
        self._display_name = display
        self._display: xcb.Connection | None = None
        self._opcode = 0  # the extension's major opcode on this connection
        self._next_try = 0.0  # monotonic seconds: when to try connecting again
        self._connect()

    def describe_ok(self) -> str:
        return f"{STATUS_OK}: X display {self._display_name} ({EXTENSION})"

    def _connect(self) -> None:
        self._next_try = time.monotonic() + RECONNECT_S
        try:
            display = xcb.Connection(self._display_name)
        except (xcb.ConnectionLost, OSError) as exc:  # OSError: no libxcb.so.1 to load
            self.report_problem(f"cannot open X display {self._display_name}: {exc}")
            return
        try:
            opcode = display.query_extension(EXTENSION)
        except xcb.XcbError as exc:
            display.close()
            self.report_problem(f"cannot open X display {self._display_name}: {exc}")
            return
        if opcode is None:
            display.close()
            self.report_problem(
                f"X display {self._display_name} has no {EXTENSION} extension: "
                "input idle time unavailable"
            )
            return
        self._display, self._opcode = display, opcode
        self.clear_problem()

    def idle_seconds(self) -> float | None:
        if self._display is None:
            if time.monotonic() < self._next_try:
                return None
            self._connect()
            if self._display is None:
                return None
        display = self._display
        try:  # the request: a drawable of the screen (its root)
            reply = display.extension_request(
                self._opcode, QUERY_INFO, struct.pack("=I", display.root)
            ).reply()
        except xcb.XcbError as exc:
            self.report_problem(f"X display {self._display_name} lost: {exc}")
            self.close()
            return None
        (idle_ms,) = struct.unpack_from("=I", reply, _IDLE_MS_AT)
        return int(idle_ms) / _MS_PER_S

    def close(self) -> None:
        display, self._display = self._display, None
        if display is not None:
            display.close()
