"""One input file (or standard input) for a command: the one reader of
trayclock.services.text_files (a regular file, bounded in size, UTF-8), in the commands'
words: each refusal is one line without the file's name (the caller prefixes it), e.g.
"not a regular file (a device, a FIFO or a socket)".
"""

from __future__ import annotations

import sys

from trayclock.services import text_files

STDIN_NAME = "-"
BYTES_PER_MIB = text_files.MIB


class InputFileError(Exception):
    """Why the input cannot be read, in one line (without the file's name)."""


def read_bytes(source: str, max_bytes: int) -> bytes:
    """The bytes of `source` (a path, or `-` for standard input); InputFileError if refused."""
    if source == STDIN_NAME and sys.stdin is None:
        raise InputFileError("no standard input")
    try:
        if source == STDIN_NAME:
            return text_files.read_stream_bytes(sys.stdin.buffer, "<stdin>", max_bytes)
        return text_files.read_bytes(source, max_bytes)
    except text_files.UnreadableFile as error:
        raise InputFileError(error.reason) from error


def read_text(source: str, max_bytes: int) -> str:
    """`read_bytes` decoded as UTF-8 (a byte-order mark is not an error); InputFileError
    names the first byte that is not UTF-8."""
    try:
        if source == STDIN_NAME:
            if sys.stdin is None:
                raise InputFileError("no standard input")
            return text_files.read_stream(sys.stdin.buffer, "<stdin>", max_bytes)
        return text_files.read_text(source, max_bytes)
    except text_files.UnreadableFile as error:
        raise InputFileError(error.reason) from error
