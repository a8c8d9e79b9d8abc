"""Reading a file a person hands in (a company settings file, a customers CSV, an entries or
billing document): the one reader every command and window uses.

Only a regular file is read: a device such as /dev/zero is read for ever and a FIFO blocks
open() until a writer comes, so the file is opened without blocking and judged by fstat
before a byte is read. At most `max_bytes` are read, whatever size the file claims; the
text is UTF-8 (a BOM, which some Windows editors write, is fine). Each refusal is one
UnreadableFile naming the file; `.reason` says why without the name.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

MIB = 1024 * 1024
# Opening a FIFO for reading blocks until a writer appears; O_NONBLOCK returns at once (and
# changes nothing for a regular file). Windows has neither FIFOs in the path nor the flag.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class UnreadableFile(ValueError):
    """The file cannot be read as text; the message names it and why (`.reason`: only why)."""

    def __init__(self, label: str, reason: str) -> None:
        super().__init__(f"{label}: {reason}")
        self.reason = reason


def _too_big(label: str, max_bytes: int) -> UnreadableFile:
    mebibytes, rest = divmod(max_bytes, MIB)
    size = f"{mebibytes} MiB" if mebibytes and not rest else f"{max_bytes:,} bytes"
    return UnreadableFile(label, f"larger than {size}, the most read as input")


def read_stream_bytes(stream: BinaryIO, label: str, max_bytes: int) -> bytes:
    """At most `max_bytes` of an open stream (standard input)."""
    data = stream.read(max_bytes + 1)  # one byte more tells a file that is too big
    if len(data) > max_bytes:
        raise _too_big(label, max_bytes)
    return data


def decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            label, f"not UTF-8 text (byte {error.start}): {error.reason}"
        ) from None


def read_stream(stream: BinaryIO, label: str, max_bytes: int) -> str:
    """At most `max_bytes` of an open stream (standard input) as text."""
    return decode(read_stream_bytes(stream, label, max_bytes), label)


def read_bytes(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of the regular file `path`, at most `max_bytes`; UnreadableFile if refused."""
    label = str(path)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise UnreadableFile(label, "is a directory, not a file")
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFile(
                    label,
                    "not a regular file (a device, a FIFO or a socket): give a file, or - "
                    "and standard input",
                )
            if info.st_size > max_bytes:
                raise _too_big(label, max_bytes)
            return read_stream_bytes(handle, label, max_bytes)
    except FileNotFoundError:
        raise UnreadableFile(label, "no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(label, "is a directory, not a file") from None
    except OSError as error:
        raise UnreadableFile(label, f"cannot read: {error.strerror or error}") from None


def read_text(path: str | Path, max_bytes: int) -> str:
    """The regular file `path` as text (see the module doc)."""
    return decode(read_bytes(path, max_bytes), str(path))
