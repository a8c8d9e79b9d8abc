"""`-o FILE`: a command's whole output written to a file, all or nothing.

The output is written beside the target and moved into place once complete, so a full
disk or a kill never leaves half an export where the last good one was. A folder, a
missing folder or an unwritable place is refused in one line naming it. A target that is
no regular file (`/dev/stdout`, a named pipe) is written to directly: there is nothing to
replace.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from trayclock.commands._store_cli import CommandError

DEFAULT_FILE_MODE = 0o666  # before the umask, as open() would create it


def _why(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the disk is mounted read-only"
    return error.strerror or str(error)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return DEFAULT_FILE_MODE & ~umask


def write_output(name: str, data: bytes, *, option: str = "-o") -> None:
    """Write `data` to the file `name`; CommandError (exit 2) naming what is wrong."""
    where = f"{option} {name}"
    if not name.strip():
        raise CommandError([f"{option}: give a file name"])
    if name.endswith(("/", os.sep)):
        raise CommandError([f"{where}: names a folder; give a file name (e.g. {name}export.csv)"])
    target = Path(os.path.realpath(name))  # through a symbolic link, to the file it names
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise CommandError([f"{where}: cannot use it: {_why(error)}"]) from error
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise CommandError([f"{where}: is a folder; give a file name (e.g. {name}/export.csv)"])
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_directly(target, data, where)
        return
    folder = target.parent
    if not folder.is_dir():
        raise CommandError([f"{where}: the folder {folder} does not exist; create it first"])
    mode = stat.S_IMODE(info.st_mode) if info is not None else _new_file_mode()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise CommandError([f"{where}: cannot write in {folder}: {_why(error)}"]) from error
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        kept = "it is unchanged" if info is not None else "nothing was written"
        raise CommandError([f"{where}: cannot write it: {_why(error)}; {kept}"]) from error


def _write_directly(target: Path, data: bytes, where: str) -> None:
    try:
        with target.open("wb") as out:
            out.write(data)
    except OSError as error:
        raise CommandError([f"{where}: cannot write it: {_why(error)}"]) from error
