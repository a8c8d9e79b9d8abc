"""The tray's lock file: one trayclock per store, and why a second one may not start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from trayclock.store.failures import read_only_cause

LOCK_FILE_NAME = "trayclock.lock"
LOCK_WAIT_MS = 200


class AlreadyRunning(Exception):
    """Another trayclock holds the lock: this one must not start (`door`: where it listens)."""

    def __init__(self, message: str, door: str) -> None:
        super().__init__(message)
        self.door = door


class LockUnavailable(Exception):
    """The lock file cannot be made (a read-only folder or disk): this one cannot start."""


def take_lock(data_dir: Path, door: str) -> QLockFile:
    """The store's lock, held; else AlreadyRunning (`door`: where the running one listens
    for a second start) or LockUnavailable, each saying truly why."""
    path = data_dir / LOCK_FILE_NAME
    lock = QLockFile(str(path))
    # Never stale by age (the default 30 s would let a second trayclock take a running one's
    # lock); a lock left by a crashed trayclock is still taken over: QLockFile sees its PID gone.
    lock.setStaleLockTime(0)
    if lock.tryLock(LOCK_WAIT_MS):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        raise AlreadyRunning(
            f"trayclock is already running (lock {path}); look for its icon in the system tray",
            door,
        )
    cause = read_only_cause(path) or f"the lock file cannot be made ({lock.error().name})"
    raise LockUnavailable(
        f"trayclock cannot take its lock {path}: {cause}. It keeps its lock and database in "
        "that folder: make it writable (its permissions, or remount the disk read-write)"
    )
