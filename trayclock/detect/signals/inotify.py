"""Linux inotify through libc (ctypes): watches with exact event masks and one fd to select on.

Why not watchdog here: watchdog watches a folder for every kind of event and runs two
threads per watch plus a dispatcher that wakes every second, and it cannot watch a file for
writes alone. The log notifier needs "this folder: names created or moved in; this file:
written" and a file descriptor the detection loop waits on together with the X connection,
so that nothing runs while nothing happens. watchdog stays for Windows and macOS
(`filewatch.py`).

API:
    Inotify()                      # raises OSError when the kernel or libc has no inotify
    Inotify.add_watch(path, mask) -> int     # a watch descriptor; OSError (ENOSPC: limit)
    Inotify.remove_watch(wd)
    Inotify.read_events() -> list[InotifyEvent]   # all pending, never blocks
    Inotify.fileno() / close()
    IN_* masks
"""

from __future__ import annotations

import ctypes
import errno
import os
import struct
from dataclasses import dataclass
from pathlib import Path

IN_MODIFY = 0x00000002
IN_ATTRIB = 0x00000004
IN_CLOSE_WRITE = 0x00000008
IN_MOVED_FROM = 0x00000040
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_DELETE = 0x00000200
IN_DELETE_SELF = 0x00000400
IN_MOVE_SELF = 0x00000800
IN_UNMOUNT = 0x00002000
IN_Q_OVERFLOW = 0x00004000
IN_IGNORED = 0x00008000
IN_ONLYDIR = 0x01000000
IN_ISDIR = 0x40000000

_IN_NONBLOCK = 0o4000  # = O_NONBLOCK
_IN_CLOEXEC = 0o2000000  # = O_CLOEXEC
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then `len` bytes of NUL-padded name
_READ_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class InotifyEvent:
    wd: int  # -1 for a queue overflow
    mask: int
    name: str  # the entry's name inside a watched folder; "" for the watched path itself


def _libc() -> ctypes.CDLL:
    # The C library the interpreter already runs on (dlopen(NULL)), not a search with
    # ctypes.util.find_library: that runs `ldconfig -p` in a child process and brings
    # subprocess along into the idle tray, for a library every Linux process has loaded.
    libc = ctypes.CDLL(None, use_errno=True)
    for function in ("inotify_init1", "inotify_add_watch", "inotify_rm_watch"):
        if not hasattr(libc, function):
            raise OSError(errno.ENOSYS, f"libc has no {function}")
    libc.inotify_init1.argtypes = [ctypes.c_int]
    libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
    libc.inotify_rm_watch.argtypes = [ctypes.c_int, ctypes.c_int]
    return libc


class Inotify:
    """One inotify instance: non-blocking and close-on-exec."""

    def __init__(self) -> None:
        self._lib = _libc()
        fd = self._lib.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if fd < 0:
            raise _last_error("inotify_init1")
        self._fd: int | None = fd

    def fileno(self) -> int:
        if self._fd is None:
            raise ValueError("inotify instance is closed")
        return self._fd

    def add_watch(self, path: Path, mask: int) -> int:
        """Watch `path` for `mask` (replacing an earlier mask on the same path)."""
        wd = self._lib.inotify_add_watch(self.fileno(), os.fsencode(path), mask)
        if wd < 0:
            raise _last_error(f"inotify_add_watch {path}")
        return int(wd)

    def remove_watch(self, wd: int) -> None:
        # EINVAL: the kernel already dropped it (the watched path is gone).
        if self._fd is not None:
            self._lib.inotify_rm_watch(self._fd, wd)

    def read_events(self) -> list[InotifyEvent]:
        """Every event queued now (none: an empty list); never blocks."""
        events: list[InotifyEvent] = []
        while self._fd is not None:
            try:
                data = os.read(self._fd, _READ_BYTES)
            except BlockingIOError:
                break
            except InterruptedError:
                continue
            if not data:
                break
            events += _parse(data)
        return events

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)


def _parse(data: bytes) -> list[InotifyEvent]:
    events: list[InotifyEvent] = []
    offset = 0
    while offset + _EVENT.size <= len(data):
        wd, mask, _cookie, size = _EVENT.unpack_from(data, offset)
        offset += _EVENT.size
        raw = data[offset : offset + size].split(b"\x00", 1)[0]
        offset += size
        events.append(InotifyEvent(wd, mask, os.fsdecode(raw)))
    return events


def _last_error(what: str) -> OSError:
    number = ctypes.get_errno()
    return OSError(number, f"{what}: {os.strerror(number)}")
