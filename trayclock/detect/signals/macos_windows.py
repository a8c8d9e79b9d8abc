"""macOS window titles through CoreGraphics (ctypes): CGWindowListCopyWindowInfo.

Without the Screen Recording permission macOS hides other apps' window titles (owner names
stay visible): then `problem` says so, for the UI to show, and detection relies on logs.
Loaded by the factory (`window_source`) on macOS only; importing it elsewhere is safe.
UNTESTED ON A REAL MAC: the row handling and permission logic are unit-tested with fakes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from trayclock.detect.signals.problem_reporter import STATUS_OK, ProblemReporter
from trayclock.detect.signals.window_types import WindowInfo

logger = logging.getLogger(__name__)

# CGWindowListOption: every window, on any Space or minimised, but not the desktop itself.
LIST_OPTIONS = 0 | (1 << 4)  # kCGWindowListOptionAll | kCGWindowListExcludeDesktopElements
NORMAL_LAYER = 0  # app windows; menus, docks and overlays use other layers
PERMISSION_MISSING = (
    "macOS Screen Recording permission missing: other apps' window titles are hidden, "
    "so sessions are detected from logs only (System Settings → Privacy & Security → "
    "Screen Recording → allow trayclock)"
)

Row = Mapping[str, Any]  # one window: kCGWindowNumber, kCGWindowOwnerName, kCGWindowName …


class CoreGraphics(Protocol):
    def window_rows(self) -> list[Row]: ...
    def screen_capture_allowed(self) -> bool | None:
        """CGPreflightScreenCaptureAccess (macOS 11+); None when the call does not exist."""
        ...


class CtypesCoreGraphics:
    """CoreGraphics + CoreFoundation through ctypes (macOS only)."""

    _UTF8 = 0x08000100  # kCFStringEncodingUTF8
    _SINT64 = 4  # kCFNumberSInt64Type
    _KEYS = (
        "kCGWindowNumber",
        "kCGWindowOwnerName",
        "kCGWindowName",
        "kCGWindowOwnerPID",
        "kCGWindowLayer",
    )

    def __init__(self) -> None:
        import ctypes
        import ctypes.util

        self._c = ctypes
        cg_path = ctypes.util.find_library("CoreGraphics") or ctypes.util.find_library(
            "ApplicationServices"
        )
        cf_path = ctypes.util.find_library("CoreFoundation")
        if not cg_path or not cf_path:
            raise OSError("CoreGraphics / CoreFoundation not found")
        cg: Any = ctypes.cdll.LoadLibrary(cg_path)
        cf: Any = ctypes.cdll.LoadLibrary(cf_path)
        vp, idx = ctypes.c_void_p, ctypes.c_long
        cg.CGWindowListCopyWindowInfo.argtypes = [ctypes.c_uint32, ctypes.c_uint32]
        cg.CGWindowListCopyWindowInfo.restype = vp
        cf.CFArrayGetCount.argtypes = [vp]
        cf.CFArrayGetCount.restype = idx
        cf.CFArrayGetValueAtIndex.argtypes = [vp, idx]
        cf.CFArrayGetValueAtIndex.restype = vp
        cf.CFDictionaryGetValue.argtypes = [vp, vp]
        cf.CFDictionaryGetValue.restype = vp
        cf.CFStringGetLength.argtypes = [vp]
        cf.CFStringGetLength.restype = idx
        cf.CFStringGetMaximumSizeForEncoding.argtypes = [idx, ctypes.c_uint32]
        cf.CFStringGetMaximumSizeForEncoding.restype = idx
        cf.CFStringGetCString.argtypes = [vp, ctypes.c_char_p, idx, ctypes.c_uint32]
        cf.CFStringGetCString.restype = ctypes.c_bool
        cf.CFNumberGetValue.argtypes = [vp, ctypes.c_int, vp]
        cf.CFNumberGetValue.restype = ctypes.c_bool
        cf.CFRelease.argtypes = [vp]
        cf.CFRelease.restype = None
        self._cg, self._cf = cg, cf
        self._keys = {name: vp.in_dll(cg, name).value for name in self._KEYS}

    def _string(self, ref: int | None) -> str | None:
        if not ref:
            return None
        length = self._cf.CFStringGetLength(ref)
        size = self._cf.CFStringGetMaximumSizeForEncoding(length, self._UTF8) + 1
        buffer = self._c.create_string_buffer(size)
        if not self._cf.CFStringGetCString(ref, buffer, size, self._UTF8):
            return None
        return buffer.value.decode("utf-8", "replace")

    def _number(self, ref: int | None) -> int | None:
        if not ref:
            return None
        value = self._c.c_int64(0)
        if not self._cf.CFNumberGetValue(ref, self._SINT64, self._c.byref(value)):
            return None
        return int(value.value)

    def window_rows(self) -> list[Row]:
        array = self._cg.CGWindowListCopyWindowInfo(LIST_OPTIONS, 0)
        if not array:
            raise OSError("CGWindowListCopyWindowInfo returned nothing")
        try:
            rows: list[Row] = []
            for i in range(self._cf.CFArrayGetCount(array)):
                entry = self._cf.CFArrayGetValueAtIndex(array, i)
                get = self._cf.CFDictionaryGetValue
                k = self._keys
                rows.append(
                    {
                        "kCGWindowNumber": self._number(get(entry, k["kCGWindowNumber"])),
                        "kCGWindowOwnerName": self._string(get(entry, k["kCGWindowOwnerName"])),
                        "kCGWindowName": self._string(get(entry, k["kCGWindowName"])),
                        "kCGWindowOwnerPID": self._number(get(entry, k["kCGWindowOwnerPID"])),
                        "kCGWindowLayer": self._number(get(entry, k["kCGWindowLayer"])),
                    }
                )
            return rows
        finally:
            self._cf.CFRelease(array)

    def screen_capture_allowed(self) -> bool | None:
        preflight = getattr(self._cg, "CGPreflightScreenCaptureAccess", None)
        if preflight is None:
            return None
        preflight.argtypes = []
        preflight.restype = self._c.c_bool
        return bool(preflight())


def rows_to_windows(rows: Sequence[Row]) -> list[WindowInfo]:
    """Normal-layer windows with a title; the owning app's name stands in for a class."""
    found: list[WindowInfo] = []
    for row in rows:
        if row.get("kCGWindowLayer", NORMAL_LAYER) != NORMAL_LAYER:
            continue
        title = row.get("kCGWindowName") or ""
        number = row.get("kCGWindowNumber")
        if not title or number is None:
            continue
        found.append(
            WindowInfo(
                int(number), title, row.get("kCGWindowOwnerName"), row.get("kCGWindowOwnerPID")
            )
        )
    return found


def titles_hidden(rows: Sequence[Row], own_pid: int, allowed: bool | None) -> bool:
    """True when other apps' titles are hidden from us (no Screen Recording permission).

    The preflight call answers on macOS 11+; before it, a desktop full of other apps'
    normal windows without a single title tells the same.
    """
    if allowed is not None:
        return not allowed
    others = [
        row
        for row in rows
        if row.get("kCGWindowLayer", NORMAL_LAYER) == NORMAL_LAYER
        and row.get("kCGWindowOwnerPID") != own_pid
    ]
    return bool(others) and not any(row.get("kCGWindowName") for row in others)


class MacWindowSource(ProblemReporter):
    """Window titles of the macOS desktop; `list_windows()` never raises."""

    name = "macos"

    def __init__(self, api: CoreGraphics | None = None, own_pid: int | None = None) -> None:
        self._own_pid = os.getpid() if own_pid is None else own_pid
        self._api: CoreGraphics | None = api
        if api is None:
            try:
                self._api = CtypesCoreGraphics()
            except (AttributeError, OSError, ValueError) as exc:
                self.report_problem(f"CoreGraphics unavailable ({exc}): window titles unavailable")

    def describe_ok(self) -> str:
        return f"{STATUS_OK}: macOS window list (CoreGraphics)"

    def list_windows(self) -> list[WindowInfo]:
        api = self._api
        if api is None:
            return []
        try:
            rows = api.window_rows()
            allowed = api.screen_capture_allowed()
        except OSError as exc:
            self.report_problem(f"cannot list windows ({exc}): window titles unavailable")
            return []
        if titles_hidden(rows, self._own_pid, allowed):
            self.report_problem(PERMISSION_MISSING)
        else:
            self.clear_problem()
        return rows_to_windows(rows)

    def close(self) -> None:
        self._api = None
