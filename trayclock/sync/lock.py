"""One sync worker at a time per store: an OS file lock next to the database
(`<database>.sync.lock`). The kernel releases it when its holder dies, so a killed `trayclock
sync` never leaves the store locked. flock (POSIX) and msvcrt.locking (Windows) lock per open
file, so two threads of one process exclude each other too."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POLL_S = 0.05  # how often a waiting worker tries the lock again


class LockBusy(Exception):
    """Another worker held the lock for longer than we were prepared to wait."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".sync.lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def sync_lock(database: Path, *, wait_s: float) -> Iterator[None]:
    """Hold the store's sync lock for the block; wait up to `wait_s` for it (LockBusy)."""
    path = lock_path(database)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait_s
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockBusy(f"another trayclock is syncing this store ({path} is locked)")
            time.sleep(POLL_S)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
