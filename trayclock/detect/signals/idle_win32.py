"""Windows input idle time through user32's GetLastInputInfo (ctypes): the tick count of
the session's last input, against GetTickCount (both 32-bit milliseconds: the difference is
taken modulo 2³², so the 49.7-day wrap is harmless).

Loaded by the factory (`idle_source`) on Windows only; importing it elsewhere is safe.
UNTESTED ON REAL WINDOWS: the arithmetic is unit-tested with a fake API.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from trayclock.detect.signals.problem_reporter import STATUS_OK, ProblemReporter

logger = logging.getLogger(__name__)

_TICK_WRAP = 1 << 32  # GetTickCount and LASTINPUTINFO.dwTime are DWORD milliseconds
_MS_PER_S = 1000.0


class LastInput(Protocol):
    def last_input_tick(self) -> int: ...
    def tick_count(self) -> int: ...


class CtypesLastInput:
    """user32.GetLastInputInfo and kernel32.GetTickCount through ctypes (Windows only)."""

    def __init__(self) -> None:
        import ctypes
        from ctypes import wintypes

        class LASTINPUTINFO(ctypes.Structure):
            _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]

        # Typed as Any: WinDLL and get_last_error exist only in Windows' ctypes.
        self._c: Any = ctypes
        self._info_type = LASTINPUTINFO
        self._user32 = self._c.WinDLL("user32", use_last_error=True)
        self._kernel32 = self._c.WinDLL("kernel32")
        self._user32.GetLastInputInfo.argtypes = [ctypes.POINTER(LASTINPUTINFO)]
        self._user32.GetLastInputInfo.restype = wintypes.BOOL
        self._kernel32.GetTickCount.restype = wintypes.DWORD

    def last_input_tick(self) -> int:
        info = self._info_type()
        info.cbSize = self._c.sizeof(info)
        if not self._user32.GetLastInputInfo(self._c.byref(info)):
            raise OSError(self._c.get_last_error(), "GetLastInputInfo failed")
        return int(info.dwTime)

    def tick_count(self) -> int:
        return int(self._kernel32.GetTickCount())


def idle_ms(last_input: int, now: int) -> int:
    """Milliseconds between two DWORD tick counts, across the 32-bit wrap."""
    return (now - last_input) % _TICK_WRAP


class Win32IdleSource(ProblemReporter):
    """Seconds since the last input in this Windows session; `idle_seconds()` never raises."""

    name = "win32"

    def __init__(self, api: LastInput | None = None) -> None:
        self._api: LastInput | None = api
        if api is None:
            try:
                self._api = CtypesLastInput()
            except (AttributeError, OSError) as exc:  # not Windows, or user32 unusable
                self.report_problem(f"user32 unavailable ({exc}): input idle time unavailable")

    def describe_ok(self) -> str:
        return f"{STATUS_OK}: Windows session (GetLastInputInfo)"

    def idle_seconds(self) -> float | None:
        api = self._api
        if api is None:
            return None
        try:
            last = api.last_input_tick()
            now = api.tick_count()
        except OSError as exc:
            self.report_problem(f"cannot read the last input time ({exc})")
            return None
        self.clear_problem()
        return idle_ms(last, now) / _MS_PER_S

    def close(self) -> None:
        self._api = None
