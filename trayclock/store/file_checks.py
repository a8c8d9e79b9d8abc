"""What is checked of the database file before SQLite opens it, so SQLite never touches a file
it must not: a symbolic link to nothing, not a file, empty, not SQLite, or not writable.

Each refusal is a StoreError naming the file, the cause and what to do; the file is left as
it was.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from trayclock.store.failures import StoreError, StoreReadOnlyError, read_only_cause

SQLITE_HEADER = b"SQLite format 3\x00"
PRIVATE_FILE_MODE = 0o600


def refuse_read_only(path: Path) -> None:
    cause = read_only_cause(path)
    if cause is not None:
        raise StoreReadOnlyError(
            f"{path}: trayclock cannot write its database: {cause}. Make it writable again "
            "(the permissions, or remount the disk read-write) and start again; trayclock "
            "did not change it."
        )


def make_private(path: Path) -> None:
    """Only the owner's permission bits: never adds write permission the file did not have."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & ~PRIVATE_FILE_MODE & 0o777:
        os.chmod(path, mode & PRIVATE_FILE_MODE)


def refuse_foreign_file(path: Path) -> None:
    if path.is_symlink() and not path.exists():
        raise StoreError(
            f"{path}: a symbolic link to {os.readlink(path)}, which does not exist (a drive "
            "not mounted?). trayclock did not create a new store there: mount the drive, or "
            "remove the link to start a new store."
        )
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"{path}: cannot read the database: {error.strerror}") from error
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path}: not a file (a folder or a device); trayclock did not touch it.")
    if info.st_size == 0:
        raise StoreError(
            f"{path}: the database file is empty (0 bytes). trayclock never leaves one so (a "
            "new store is built aside and moved in whole), so this may be a store cut short by "
            "a failed copy or a full disk. trayclock did not change it: restore a backup "
            "(*.bak beside it) if you have one, or move it aside to start a new store."
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"{path}: cannot read the database: {error.strerror}") from error
    if header != SQLITE_HEADER:
        raise StoreError(
            f"{path}: not an SQLite database (corrupted, or another program's file). "
            "trayclock did not change it; move it aside to start a new store."
        )
