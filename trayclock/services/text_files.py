"""Reading a file a person hands in (a company settings file, a customers CSV): bounded in
size, UTF-8 (a BOM is fine), and one message naming the file when it cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

MIB = 1024 * 1024


class UnreadableFile(ValueError):
    """The file cannot be read as text; the message names it and why."""


def decode(data: bytes, label: str, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise UnreadableFile(f"{label}: larger than {max_bytes // MIB} MiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"{label}: not UTF-8 text (byte {error.start})") from None


def read_stream(stream: BinaryIO, label: str, max_bytes: int) -> str:
    """At most `max_bytes` (one more tells a file that is too big) as text."""
    return decode(stream.read(max_bytes + 1), label, max_bytes)


def read_text(path: Path, max_bytes: int) -> str:
    try:
        with path.open("rb") as handle:
            return read_stream(handle, str(path), max_bytes)
    except OSError as error:
        raise UnreadableFile(f"{path}: cannot read: {error.strerror or error}") from None
