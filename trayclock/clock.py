"""The real clock, injected by the composition root and the CLI: the wall clock, and how long
the computer has been awake and asleep (the reading that tells a sleep from a stall).

Each platform has a pair of clocks, one that stops while the computer is suspended and one
that does not; their difference grows only during a sleep:
- Linux: CLOCK_MONOTONIC (stops) and CLOCK_BOOTTIME (counts suspend);
- macOS: CLOCK_UPTIME_RAW (stops) and CLOCK_MONOTONIC (counts sleep, unlike Linux's);
- Windows: QueryUnbiasedInterruptTime (stops) and QueryInterruptTime (counts sleep), 100 ns.
Where the pair is missing, the asleep time is inferred as the wall clock's advance beyond
`time.monotonic`: a sleep is still told from a stall, a forward wall-clock step counts as
a sleep too. UNTESTED ON macOS AND WINDOWS (their readings fall back that way on error).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from trayclock.domain.clock import Uptime

log = logging.getLogger(__name__)

_TICKS_PER_US = 10  # Windows interrupt time counts 100 ns ticks

# (awake seconds, awake-or-asleep seconds): two readings taken together.
Pair = Callable[[], tuple[float, float]]


def _posix_pair(stops: int, counts: int) -> Pair:
    def read() -> tuple[float, float]:
        return time.clock_gettime(stops), time.clock_gettime(counts)

    read()  # raises here (at start-up) when the platform lacks a clock, not later
    return read


def _windows_pair() -> Pair:
    import ctypes

    loader: Any = ctypes  # WinDLL exists only in Windows' ctypes
    kernel32 = loader.WinDLL("kernel32")
    unbiased = kernel32.QueryUnbiasedInterruptTime
    unbiased.argtypes = [ctypes.POINTER(ctypes.c_ulonglong)]
    unbiased.restype = ctypes.c_int
    biased = kernel32.QueryInterruptTime  # Windows 10+
    biased.argtypes = [ctypes.POINTER(ctypes.c_ulonglong)]
    biased.restype = None

    def read() -> tuple[float, float]:
        awake, total = ctypes.c_ulonglong(), ctypes.c_ulonglong()
        unbiased(ctypes.byref(awake))
        biased(ctypes.byref(total))
        return awake.value / (_TICKS_PER_US * 1e6), total.value / (_TICKS_PER_US * 1e6)

    read()
    return read


def _platform_pair(platform: str) -> Pair | None:
    try:
        if platform.startswith("linux"):
            return _posix_pair(time.CLOCK_MONOTONIC, time.CLOCK_BOOTTIME)
        if platform == "darwin":
            return _posix_pair(time.CLOCK_UPTIME_RAW, time.CLOCK_MONOTONIC)  # type: ignore[attr-defined]
        if platform.startswith("win"):
            return _windows_pair()
    except (AttributeError, OSError, ValueError) as error:
        log.info("no suspend-aware clock pair (%s): inferring sleep from the wall clock", error)
    return None


class SystemClock:
    """Wall-clock time in UTC, and the computer's awake and asleep time."""

    def __init__(self, platform: str | None = None) -> None:
        self._pair = _platform_pair(sys.platform if platform is None else platform)
        self._origin = (time.time(), time.monotonic())
        self._inferred = 0.0  # the fallback's asleep time: never moves back

    def now(self) -> datetime:
        return datetime.now(UTC)

    def uptime(self) -> Uptime:
        if self._pair is not None:
            awake, total = self._pair()
            return Uptime(timedelta(seconds=awake), timedelta(seconds=max(0.0, total - awake)))
        wall, awake = time.time(), time.monotonic()
        beyond = (wall - self._origin[0]) - (awake - self._origin[1])
        self._inferred = max(self._inferred, beyond)
        return Uptime(timedelta(seconds=awake), timedelta(seconds=self._inferred))
