"""One input file (or standard input) for a command: a regular file, bounded in size, UTF-8.

A device such as /dev/zero is read for ever and a FIFO blocks open() until a writer comes,
so anything but a regular file (or `-`, standard input) is refused before a byte is read:
the file is opened without blocking and judged by fstat. At most `max_bytes` are read,
whatever size the source claims. Each refusal is one line without the file's name (the
caller prefixes it), e.g. "not a regular file (a device, a FIFO or a socket)".
"""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

STDIN_NAME = "-"
BYTES_PER_MIB = 1024 * 1024
# Opening a FIFO for reading blocks until a writer appears; O_NONBLOCK returns at once (and
# changes nothing for a regular file). Windows has neither FIFOs in the path nor the flag.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class InputFileError(Exception):
    """Why the input cannot be read, in one line (without the file's name)."""


def _too_big(max_bytes: int) -> InputFileError:
    mebibytes, rest = divmod(max_bytes, BYTES_PER_MIB)
    size = f"{mebibytes} MiB" if mebibytes and not rest else f"{max_bytes:,} bytes"
    return InputFileError(f"larger than {size}, the most read as input")


def _bounded(handle: BinaryIO, max_bytes: int) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    return data


def read_bytes(source: str, max_bytes: int) -> bytes:
    """The bytes of `source` (a path, or `-` for standard input); InputFileError if refused."""
    try:
        if source == STDIN_NAME:
            if sys.stdin is None:
                raise InputFileError("no standard input")
            return _bounded(sys.stdin.buffer, max_bytes)
        descriptor = os.open(source, _OPEN_FLAGS)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputFileError("is a directory, not a file")
            if not stat.S_ISREG(info.st_mode):
                raise InputFileError(
                    "not a regular file (a device, a FIFO or a socket): give a file, or - "
                    "and standard input"
                )
            if info.st_size > max_bytes:
                raise _too_big(max_bytes)
            return _bounded(handle, max_bytes)
    except FileNotFoundError as error:
        raise InputFileError("no such file") from error
    except IsADirectoryError as error:
        raise InputFileError("is a directory, not a file") from error
    except OSError as error:
        raise InputFileError(f"cannot read: {error.strerror or error}") from error


def read_text(source: str, max_bytes: int) -> str:
    """`read_bytes` decoded as UTF-8 (a byte-order mark, which some Windows editors write, is
    not an error); InputFileError names the first byte that is not UTF-8."""
    data = read_bytes(source, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputFileError(f"not UTF-8 text (byte {error.start}): {error.reason}") from error
