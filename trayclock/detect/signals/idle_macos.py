"""macOS input idle time through CoreGraphics (ctypes):
CGEventSourceSecondsSinceLastEventType(kCGEventSourceStateCombinedSessionState,
kCGAnyInputEventType) — seconds since the last keyboard, mouse or trackpad event of the
login session. Needs no permission.

Loaded by the factory (`idle_source`) on macOS only; importing it elsewhere is safe.
UNTESTED ON A REAL MAC: the handling is unit-tested with a fake API.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from trayclock.detect.signals.problem_reporter import STATUS_OK, ProblemReporter

logger = logging.getLogger(__name__)

COMBINED_SESSION_STATE = 0  # kCGEventSourceStateCombinedSessionState
ANY_INPUT_EVENT = 0xFFFFFFFF  # kCGAnyInputEventType (~0)


def ctypes_seconds_since_input() -> Callable[[], float]:
    """The CoreGraphics call, bound through ctypes (macOS only)."""
    import ctypes
    import ctypes.util

    path = ctypes.util.find_library("CoreGraphics") or ctypes.util.find_library(
        "ApplicationServices"
    )
    if path is None:
        raise OSError("CoreGraphics not found")
    graphics = ctypes.CDLL(path)
    call = graphics.CGEventSourceSecondsSinceLastEventType
    call.argtypes = [ctypes.c_int32, ctypes.c_uint32]
    call.restype = ctypes.c_double

    def seconds() -> float:
        return float(call(COMBINED_SESSION_STATE, ANY_INPUT_EVENT))

    return seconds


class MacIdleSource(ProblemReporter):
    """Seconds since the last input in this macOS session; `idle_seconds()` never raises."""

    name = "macos"

    def __init__(self, read: Callable[[], float] | None = None) -> None:
        self._read = read
        if read is None:
            try:
                self._read = ctypes_seconds_since_input()
            except (AttributeError, OSError) as exc:
                self.report_problem(
                    f"CoreGraphics unavailable ({exc}): input idle time unavailable"
                )

    def describe_ok(self) -> str:
        return f"{STATUS_OK}: macOS session (CGEventSourceSecondsSinceLastEventType)"

    def idle_seconds(self) -> float | None:
        read = self._read
        if read is None:
            return None
        try:
            seconds = read()
        except OSError as exc:
            self.report_problem(f"cannot read the last input time ({exc})")
            return None
        if not math.isfinite(seconds) or seconds < 0:
            self.report_problem(f"CoreGraphics gave an idle time of {seconds!r}")
            return None
        self.clear_problem()
        return seconds

    def close(self) -> None:
        self._read = None
