"""What the idle tray gives back: SQLite's page cache, and of glibc, one arena and freed heap.

Two things the idle tray pays for otherwise, measured against a bare PySide6 tray icon
(bench/RESULTS.md, "Idle memory, broken down"):

  - every thread that allocates gets a malloc arena of its own (the detection thread, the
    contract checkpoints' short-lived one, sync's), each keeping its freed memory: ~0.7 MiB
    of the idle tray. The tray's threads allocate little and rarely at the same moment, so
    they share the main arena (`M_ARENA_MAX` 1, as `MALLOC_ARENA_MAX=1` would).
  - start-up (imports, reading the store, the first log scan) frees a good part of what it
    allocated, and glibc keeps free pages inside the heap rather than give them back:
    `malloc_trim(0)` returns them once start-up is over and whenever a window was deleted.

  - the store's connection keeps every page start-up read in its cache (up to the
    store's `cache_size`, 32 MiB for big imports): 1.8 MiB after start-up on a 16,000-entry
    store. `PRAGMA shrink_memory` empties it; the heartbeat reads the few pages it needs
    again (from the system's file cache).

Elsewhere (macOS, Windows, musl) the glibc calls are no-ops: their allocators return memory
by themselves or have no such calls.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import sqlite3
import sys

M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    """The C library this process runs on when it is glibc, else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        version = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError):  # musl and others: no such name
        return None
    if not version.startswith("glibc"):
        return None
    libc = ctypes.CDLL(None)  # dlopen(NULL): the libraries already loaded, glibc among them
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    return libc


def share_one_arena() -> bool:
    """All threads allocate from the main arena (call before any thread starts); False
    where that cannot be set."""
    libc = _glibc()
    if libc is None:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, 1))


def return_freed_heap() -> bool:
    """Give the pages of freed memory back to the system; True when some were."""
    libc = _glibc()
    if libc is None:
        return False
    return bool(libc.malloc_trim(0))


def release_after_start_up(conn: sqlite3.Connection) -> None:
    """Once start-up is over: the store's page cache emptied, then the freed heap returned."""
    with contextlib.suppress(sqlite3.Error):  # only memory: never a reason to fail
        conn.execute("PRAGMA shrink_memory")
    return_freed_heap()
