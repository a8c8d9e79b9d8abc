"""Incremental, rotation-proof reading of one log file that is never held open between reads.

API:
    LogTail(path, *, catch_up_bytes=DEFAULT_CATCH_UP_BYTES, existed_at_start=True)
    LogTail.read() -> TailRead          # new complete lines since the last read
    LogTail.status() -> TailStatus
    open_shared(path) -> BinaryIO       # read-open that never blocks the app's rename (Windows)

Each read: stat the path; open, seek, read bytes, close. Remembered between reads: the file's
identity (device + inode; on Windows `os.stat` gives the volume serial and file index),
size and offset, and the partial last line. When the identity changes (rotated, replaced)
the rest of the old file is read first if it is still reachable under a sibling name
(TeamViewer's `_OLD`, RustDesk's dated files, `.old` …, found by identity), then the new file
from its top. A file smaller than our offset was truncated: start over from 0. NUL bytes
are dropped; lines are decoded as UTF-8 with replacement.

First read of a file that already existed when trayclock started: reading months of history
as if it were happening now would flood the monitor with stale events, and skipping it all
would miss the session that is open right now. So the tail starts `catch_up_bytes` before
the end (at a line boundary) and marks those lines `catch_up=True`: the caller parses them to
learn what is open now but reports only sessions still open (see LogWatcher). A file that
appears later (created after start, or the new file after a rotation) is read from its top,
as live lines.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from trayclock.detect.apps.textscan import MAX_LINE_CHARS

log = logging.getLogger(__name__)

DEFAULT_CATCH_UP_BYTES = 4 * 1024 * 1024
# One read takes at most this much; the rest comes at the next read (bounded memory).
MAX_READ_BYTES = 16 * 1024 * 1024
# A line longer than this is no log line (a corrupt or binary file, or hostile): it is
# dropped up to its newline, never kept whole. The parsers look at a quarter of this
# (MAX_LINE_CHARS characters; UTF-8 takes up to four bytes each).
MAX_LINE_BYTES = 4 * MAX_LINE_CHARS

Identity = tuple[int, int]


@dataclass(frozen=True, slots=True)
class TailRead:
    """Lines from one read; `catch_up` when they are history read at the first open."""

    lines: list[str]
    catch_up: bool = False
    partial: str = ""  # the unterminated last line so far (returned again once complete)


@dataclass(slots=True)
class TailStatus:
    path: Path
    exists: bool = False
    readable: bool = False
    error: str | None = None
    size: int = 0
    offset: int = 0
    bytes_read: int = 0
    lines_read: int = 0
    rotations: int = 0
    truncations: int = 0
    rotated_rest_read: int = 0  # rotations where the old file's rest was found and read
    long_lines_dropped: int = 0  # lines over MAX_LINE_BYTES, dropped unread


def open_shared(path: Path) -> BinaryIO:
    """Open for reading without standing in the writer's way.

    On Windows Python's `open` does not share DELETE access, so while we read (a millisecond)
    the app could not rename its log to rotate it; open with FILE_SHARE_DELETE instead.
    """
    if sys.platform != "win32":
        return open(path, "rb")
    import ctypes
    import msvcrt
    from ctypes import wintypes

    generic_read, share_all, open_existing = 0x80000000, 0x7, 3
    create_file = ctypes.windll.kernel32.CreateFileW
    create_file.restype = wintypes.HANDLE
    create_file.argtypes = [
        wintypes.LPCWSTR,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.LPVOID,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.HANDLE,
    ]
    handle = create_file(str(path), generic_read, share_all, None, open_existing, 0, None)
    if handle is None or handle == wintypes.HANDLE(-1).value:
        raise ctypes.WinError()
    fd = msvcrt.open_osfhandle(handle, os.O_RDONLY | os.O_BINARY)
    return os.fdopen(fd, "rb")


def _identity(st: os.stat_result) -> Identity | None:
    # Some file systems (and old Windows builds) report inode 0: no identity to compare.
    if st.st_ino == 0:
        return None
    return (st.st_dev, st.st_ino)


class LogTail:
    """Follows one path; see the module docstring."""

    def __init__(
        self,
        path: Path,
        *,
        catch_up_bytes: int = DEFAULT_CATCH_UP_BYTES,
        existed_at_start: bool = True,
    ) -> None:
        self.path = path
        self._catch_up_bytes = catch_up_bytes
        self._first = existed_at_start  # the first open is a catch-up read
        self._identity: Identity | None = None
        self._opened = False
        self._offset = 0
        self._partial = b""
        self._dropping = False  # inside an over-long line: drop bytes up to its newline
        self._status = TailStatus(path)

    def status(self) -> TailStatus:
        return self._status

    def read(self) -> TailRead:
        """New complete lines since the last read; never raises for I/O trouble."""
        chunk = self._read()
        if self._partial:
            return TailRead(chunk.lines, chunk.catch_up, self._decode(self._partial))
        return chunk

    def _read(self) -> TailRead:
        try:
            st: os.stat_result | None = os.stat(self.path)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            return self._fail(exc)
        self._status.exists = st is not None
        lines: list[str] = []
        if self._opened and (st is None or self._replaced(st)):
            lines.extend(self._finish_rotated())
        if st is None:
            # Absent now: when it appears, everything in it is new (no catch-up).
            self._first = False
            self._status.readable = False
            self._status.error = None
            return TailRead(lines)
        if not self._opened:
            return self._open_fresh(st, lines)
        if st.st_size < self._offset:
            log.info(
                "%s shrank from %d to %d bytes: truncated, reading from the top",
                self.path,
                self._offset,
                st.st_size,
            )
            self._status.truncations += 1
            self._offset = 0
            self._partial = b""
            self._dropping = False
        try:
            lines.extend(self._read_from(self.path, st.st_size))
        except OSError as exc:
            return self._fail(exc, lines)
        return TailRead(lines)

    # -- steps

    def _replaced(self, st: os.stat_result) -> bool:
        current = _identity(st)
        return current is not None and self._identity is not None and current != self._identity

    def _open_fresh(self, st: os.stat_result, lines: list[str]) -> TailRead:
        catch_up = self._first
        self._first = False
        start = 0
        if catch_up and st.st_size > self._catch_up_bytes:
            start = st.st_size - self._catch_up_bytes
        try:
            if start > 0:
                start = self._next_line_start(start)
            self._identity = _identity(st)
            self._opened = True
            self._offset = start
            self._partial = b""
            self._dropping = False
            lines.extend(self._read_from(self.path, st.st_size))
        except OSError as exc:
            self._opened = False
            return self._fail(exc, lines)
        return TailRead(lines, catch_up=catch_up)

    def _next_line_start(self, position: int) -> int:
        """The offset just after the first newline at or after `position - 1`."""
        with open_shared(self.path) as handle:
            handle.seek(position - 1)
            while True:
                chunk = handle.read(64 * 1024)
                if not chunk:
                    return handle.tell()
                newline = chunk.find(b"\n")
                if newline >= 0:
                    return handle.tell() - len(chunk) + newline + 1

    def _finish_rotated(self) -> list[str]:
        """The old file is gone or replaced: read its rest under its new name if it has one."""
        self._status.rotations += 1
        lines: list[str] = []
        old = self._find_by_identity()
        if old is not None:
            try:
                size = os.stat(old).st_size
                if size >= self._offset:
                    lines = self._read_from(old, size)
                    self._status.rotated_rest_read += 1
            except OSError as exc:
                log.info("rotated log %s unreadable: %s", old, exc)
        if self._partial:
            # The old file is complete: its unterminated last line is a whole line.
            lines.append(self._decode(self._partial))
        log.info(
            "%s was rotated or replaced (old rest %s); reading the new file from the top",
            self.path,
            "read from " + str(old) if old else "not found",
        )
        self._opened = False
        self._identity = None
        self._offset = 0
        self._partial = b""
        self._dropping = False
        return lines

    def _find_by_identity(self) -> Path | None:
        if self._identity is None:
            return None
        try:
            entries = list(os.scandir(self.path.parent))
        except OSError:
            return None
        for entry in entries:
            if entry.name == self.path.name:
                continue
            try:
                if entry.is_file() and _identity(os.stat(entry.path)) == self._identity:
                    return Path(entry.path)
            except OSError:
                continue
        return None

    def _read_from(self, path: Path, size: int) -> list[str]:
        if size <= self._offset:
            self._status.readable = True
            self._status.error = None
            self._status.size = size
            return []
        with open_shared(path) as handle:
            handle.seek(self._offset)
            data = handle.read(min(size - self._offset, MAX_READ_BYTES))
        self._offset += len(data)
        self._status.readable = True
        self._status.error = None
        self._status.size = size
        self._status.offset = self._offset
        self._status.bytes_read += len(data)
        return self._split(data)

    def _split(self, data: bytes) -> list[str]:
        data = data.replace(b"\x00", b"")
        if self._dropping:
            newline = data.find(b"\n")
            if newline < 0:
                return []
            data, self._dropping = data[newline + 1 :], False
        *complete, rest = (self._partial + data).split(b"\n")
        lines = []
        for raw in complete:
            if len(raw) <= MAX_LINE_BYTES:
                lines.append(self._decode(raw))
            else:
                self._drop_long_line(len(raw))
        if len(rest) > MAX_LINE_BYTES:
            self._drop_long_line(len(rest))
            rest, self._dropping = b"", True
        self._partial = rest
        self._status.lines_read += len(lines)
        return lines

    def _drop_long_line(self, size: int) -> None:
        self._status.long_lines_dropped += 1
        log.debug("%s: a line of %d+ bytes dropped (over %d)", self.path, size, MAX_LINE_BYTES)

    @staticmethod
    def _decode(raw: bytes) -> str:
        return raw.decode("utf-8", errors="replace").rstrip("\r")

    def _fail(self, exc: OSError, lines: list[str] | None = None) -> TailRead:
        if self._status.error != str(exc):
            log.warning("cannot read log %s: %s", self.path, exc)
        self._status.readable = False
        self._status.error = str(exc)
        return TailRead(lines or [])
