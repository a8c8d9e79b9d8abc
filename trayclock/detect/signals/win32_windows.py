"""Windows window titles through user32 (ctypes): EnumWindows, class names, wide-string titles.

Loaded by the factory (`window_source`) on Windows only; importing it elsewhere is safe
(nothing touches user32 until a source is built without an injected API). Titles are read as
wide strings (GetWindowTextW), so partner names like "邢台学院 - TeamViewer" come through intact.
UNTESTED ON A REAL WINDOWS: the enumeration logic is unit-tested with a fake user32.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from trayclock.detect.signals.problem_reporter import STATUS_OK, ProblemReporter
from trayclock.detect.signals.window_types import WindowInfo

logger = logging.getLogger(__name__)

CLASS_NAME_CHARS = 256  # Win32 class names are at most 256 characters


class User32(Protocol):
    """The few user32 calls the source needs (a fake one stands in for tests)."""

    def top_level_windows(self) -> list[int]: ...
    def is_visible(self, hwnd: int) -> bool: ...
    def class_name(self, hwnd: int) -> str: ...
    def title(self, hwnd: int) -> str: ...
    def process_id(self, hwnd: int) -> int | None: ...


class CtypesUser32:
    """user32.dll through ctypes (Windows only: ctypes.WinDLL exists nowhere else)."""

    def __init__(self) -> None:
        import ctypes
        from ctypes import wintypes

        # Typed as Any: WinDLL, WINFUNCTYPE and get_last_error exist only in Windows' ctypes.
        self._ctypes: Any = ctypes
        user32: Any = self._ctypes.WinDLL("user32", use_last_error=True)
        self._enum_proc = self._ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)
        user32.EnumWindows.argtypes = [self._enum_proc, wintypes.LPARAM]
        user32.EnumWindows.restype = wintypes.BOOL
        user32.IsWindowVisible.argtypes = [wintypes.HWND]
        user32.IsWindowVisible.restype = wintypes.BOOL
        user32.GetClassNameW.argtypes = [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]
        user32.GetClassNameW.restype = ctypes.c_int
        user32.GetWindowTextLengthW.argtypes = [wintypes.HWND]
        user32.GetWindowTextLengthW.restype = ctypes.c_int
        user32.GetWindowTextW.argtypes = [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]
        user32.GetWindowTextW.restype = ctypes.c_int
        user32.GetWindowThreadProcessId.argtypes = [wintypes.HWND, ctypes.POINTER(wintypes.DWORD)]
        user32.GetWindowThreadProcessId.restype = wintypes.DWORD
        self._user32 = user32
        self._dword = wintypes.DWORD

    def top_level_windows(self) -> list[int]:
        found: list[int] = []

        def collect(hwnd: int | None, _lparam: int) -> bool:
            if hwnd:
                found.append(int(hwnd))
            return True  # go on enumerating

        callback = self._enum_proc(collect)  # kept referenced until EnumWindows returns
        if not self._user32.EnumWindows(callback, 0):
            raise OSError(self._ctypes.get_last_error(), "EnumWindows failed")
        return found

    def is_visible(self, hwnd: int) -> bool:
        return bool(self._user32.IsWindowVisible(hwnd))

    def class_name(self, hwnd: int) -> str:
        buffer = self._ctypes.create_unicode_buffer(CLASS_NAME_CHARS + 1)
        count = self._user32.GetClassNameW(hwnd, buffer, len(buffer))
        return buffer_text(buffer.value, count)

    def title(self, hwnd: int) -> str:
        # The length first: titles have no fixed limit, and a window gone meanwhile gives 0.
        length = self._user32.GetWindowTextLengthW(hwnd)
        if length <= 0:
            return ""
        buffer = self._ctypes.create_unicode_buffer(length + 1)
        count = self._user32.GetWindowTextW(hwnd, buffer, len(buffer))
        return buffer_text(buffer.value, count)

    def process_id(self, hwnd: int) -> int | None:
        pid = self._dword(0)
        thread = self._user32.GetWindowThreadProcessId(hwnd, self._ctypes.byref(pid))
        return int(pid.value) if thread and pid.value else None


def buffer_text(value: str, count: int) -> str:
    """The text a Win32 call wrote: `count` characters (0 on failure), NULs dropped."""
    if count <= 0:
        return ""
    return value[:count].replace("\x00", "")


class Win32WindowSource(ProblemReporter):
    """Visible top-level windows with a title; `list_windows()` never raises."""

    name = "win32"

    def __init__(self, api: User32 | None = None) -> None:
        self._api: User32 | None = api
        if api is None:
            try:
                self._api = CtypesUser32()
            except (AttributeError, OSError) as exc:  # not Windows, or user32 unusable
                self.report_problem(f"user32 unavailable ({exc}): window titles unavailable")

    def describe_ok(self) -> str:
        return f"{STATUS_OK}: Windows desktop (EnumWindows)"

    def list_windows(self) -> list[WindowInfo]:
        api = self._api
        if api is None:
            return []
        try:
            handles = api.top_level_windows()
        except OSError as exc:
            self.report_problem(f"cannot list windows ({exc}): window titles unavailable")
            return []
        self.clear_problem()
        found: list[WindowInfo] = []
        for hwnd in handles:
            try:
                # Hidden windows (tray helpers, message windows) are never session windows.
                if not api.is_visible(hwnd):
                    continue
                title = api.title(hwnd)
                if not title:
                    continue
                found.append(
                    WindowInfo(hwnd, title, api.class_name(hwnd) or None, api.process_id(hwnd))
                )
            except OSError as exc:  # the window closed while we read it
                logger.debug("window %#x vanished mid-read: %s", hwnd, exc)
        return found

    def close(self) -> None:
        self._api = None
