"""Why the database could not be opened or written, told truly, and the errors that say so.

SQLite reports a full disk, a read-only folder and a damaged file in overlapping words (a
full disk often surfaces as "disk I/O error" while the -shm file is made; a read-only
folder as "attempt to write a readonly database"). Advice that fits one cause can cost data
under another: "restore a backup" on a full disk replaces today's records with older ones.
So each failure is judged by SQLite's primary result code AND what the file system says
(free space, write permission, a read-only mount), and only a file SQLite itself calls
corrupt is called corrupted.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

# Below this much free space a write failure is taken for a full disk: SQLite needs a few
# pages (4 KiB each) and the 32 KiB -shm file to write at all.
LOW_SPACE_BYTES = 1024 * 1024
BYTES_PER_MIB = 1024 * 1024


class StoreError(Exception):
    """The store cannot do what was asked; the message says which file and why."""


class TransientStoreError(StoreError):
    """The write failed for a reason that passes (disk space, a lock); retrying may succeed."""


class StoreFullError(TransientStoreError):
    """The disk (or the database's page limit) is full: nothing of the failed write was kept."""


class StoreBusyError(TransientStoreError):
    """Another process held the database longer than the busy timeout."""


class StoreReadOnlyError(TransientStoreError):
    """The file, its folder or its disk cannot be written (permissions, a read-only mount);
    transient because a remount or a chmod fixes it without losing what waits to be saved."""


class Failure(StrEnum):
    FULL = "full"
    READ_ONLY = "read-only"
    BUSY = "busy"
    CORRUPTED = "corrupted"
    DISK_ERROR = "disk error"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Diagnosis:
    failure: Failure
    cause: str  # one clause: what is wrong, naming the file, folder or disk


def primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code (Python reports the extended one, e.g. 2067)."""
    extended = getattr(error, "sqlite_errorcode", None)
    return None if extended is None else int(extended) & 0xFF


def free_bytes(folder: Path) -> int | None:
    """Free space for this user on the disk holding `folder` (None where unknown)."""
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):  # AttributeError: Windows has no statvfs
        return None
    return info.f_bavail * info.f_frsize


def _space(free: int) -> str:
    return (
        f"{free / BYTES_PER_MIB:.1f} MiB free" if free >= BYTES_PER_MIB else f"{free:,} bytes free"
    )


def _writable(path: Path) -> bool:
    # effective_ids: a process that dropped privileges is judged by what it may do now.
    effective = os.access in os.supports_effective_ids
    return os.access(path, os.W_OK, effective_ids=effective)


def read_only_cause(path: Path) -> str | None:
    """Why the database `path` or its folder cannot be written, or None when both can."""
    folder = path.parent
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"the disk holding {folder} is mounted read-only"
    with contextlib.suppress(OSError):
        if path.exists() and not _writable(path):
            mode = stat.S_IMODE(path.stat().st_mode)
            return f"the file {path} is read-only (mode {mode:04o})"
    with contextlib.suppress(OSError):
        if folder.is_dir() and not _writable(folder):
            return f"the folder {folder} is not writable (its permissions)"
    return None


def full_cause(path: Path) -> str | None:
    """'the disk … is full' when the folder's disk has (almost) no room left, else None."""
    free = free_bytes(path.parent)
    if free is not None and free < LOW_SPACE_BYTES:
        return f"the disk holding {path.parent} is full ({_space(free)})"
    return None


def diagnose(path: Path, error: sqlite3.Error) -> Diagnosis:
    """The true cause of `error`, raised while opening or writing the database `path`."""
    code = primary_code(error)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return Diagnosis(Failure.CORRUPTED, f"SQLite reports it damaged ({error})")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return Diagnosis(Failure.BUSY, str(error))
    full = full_cause(path)
    if code == sqlite3.SQLITE_FULL:
        limit = f"the database {path.name} cannot grow (its disk is full, or a size limit)"
        return Diagnosis(Failure.FULL, full or limit)
    read_only = read_only_cause(path)
    if read_only is not None and code in (
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_PERM,
        None,
    ):
        return Diagnosis(Failure.READ_ONLY, read_only)
    if full is not None and code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, None):
        return Diagnosis(Failure.FULL, full)
    if code == sqlite3.SQLITE_READONLY:
        return Diagnosis(Failure.READ_ONLY, f"SQLite cannot write it ({error})")
    if code == sqlite3.SQLITE_IOERR:
        return Diagnosis(Failure.DISK_ERROR, f"the disk reported an error ({error})")
    return Diagnosis(Failure.OTHER, f"SQLite refused it ({error})")


def opening_message(path: Path, diagnosis: Diagnosis) -> str:
    """The one line a technician reads when the store cannot be opened."""
    cause = diagnosis.cause
    kept = "trayclock did not change it" if path.exists() else "no store was created"
    advice = {
        Failure.FULL: f"{cause}. Free some space on that disk and start again; {kept}.",
        Failure.READ_ONLY: (
            f"trayclock cannot write its database: {cause}. Make it writable again (the "
            f"permissions, or remount the disk read-write) and start again; {kept}."
        ),
        Failure.BUSY: (
            f"another trayclock (the tray or a command) is using the database and did not let "
            f"go in time ({cause}). Wait for it to finish and start again; {kept}."
        ),
        Failure.CORRUPTED: (
            f"the database is corrupted: {cause}. {kept[0].upper() + kept[1:]}; restore a "
            "backup (*.bak beside it) or move it aside."
        ),
        Failure.DISK_ERROR: (
            f"{cause} while reading the database. Check the drive (its connection, its "
            f"mount); {kept}."
        ),
        Failure.OTHER: f"{cause}; {kept}.",
    }
    return f"{path}: {advice[diagnosis.failure]}"


def writing_message(diagnosis: Diagnosis, busy_timeout_s: float) -> str:
    """The one line a technician reads when a change could not be saved."""
    cause = diagnosis.cause
    lost = "the change was not saved"
    advice = {
        Failure.FULL: f"{cause}; {lost}. Free some space on that disk and try again.",
        Failure.READ_ONLY: (
            f"the store cannot be written now: {cause}; {lost}. Make it writable again (the "
            "permissions, or remount the disk read-write) and try again."
        ),
        Failure.BUSY: (
            "another trayclock (the tray, or a command such as a long import) is writing to "
            f"the store and did not finish within {busy_timeout_s:g} s; {lost}. Try again "
            "when it is done."
        ),
        Failure.CORRUPTED: f"the database is corrupted: {cause}; {lost}.",
        Failure.DISK_ERROR: f"{cause} while writing; {lost}. Check the drive.",
        Failure.OTHER: f"{lost}: {cause}",
    }
    return advice[diagnosis.failure]


_ERRORS: dict[Failure, type[StoreError]] = {
    Failure.FULL: StoreFullError,
    Failure.BUSY: StoreBusyError,
    Failure.READ_ONLY: StoreReadOnlyError,
    Failure.DISK_ERROR: TransientStoreError,
}


def error_for(diagnosis: Diagnosis, message: str) -> StoreError:
    """The StoreError subclass for the failure (transient ones are worth retrying)."""
    return _ERRORS.get(diagnosis.failure, StoreError)(message)
