"""Every session in one log file, offline (`trayclock detect --parse FILE [--app …]`).

API (called by the CLI):
    parse_file(path: Path, app: str | None = None, *, grace_s=60.0) -> list[RemoteSession]
    parse_file_report(path, app=None, *, grace_s=60.0) -> ParseReport   # + line counts
    recognise_app(path: Path, lines: Sequence[str]) -> str               # raises ValueError
    read_lines(path: Path) -> Iterator[str]                              # raises ValueError

Sessions still open at the end of the file come out with end None and outcome `open`; a
RustDesk "Exit io_loop" that nothing follows is taken as the end (the file is all we have).

The file is streamed, never read whole: memory stays bounded by one read and one line, and
time is linear in the file's size. Only a regular file of at most MAX_PARSE_BYTES is read
(a FIFO would block for ever, /dev/zero never end); a line longer than MAX_LINE_CHARS is
skipped unread. Every problem with the file is a ValueError naming it, in one line.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from trayclock.detect.apps import anydesk, rustdesk, teamviewer
from trayclock.detect.apps.sessionlog import LineResult, SessionLogParser, feed_safely
from trayclock.detect.apps.textscan import MAX_LINE_CHARS
from trayclock.domain.session import APPS, RemoteSession

log = logging.getLogger(__name__)

# Lines looked at to recognise a file's app.
SNIFF_LINES = 200
# The largest file `--parse` reads (bytes): a log is a few MiB to a few hundred MiB.
MAX_PARSE_BYTES = 4 * 1024 * 1024 * 1024
READ_CHUNK_BYTES = 1024 * 1024
# A line longer than this (bytes) is dropped while reading, before it is even decoded.
_MAX_LINE_BYTES = 4 * MAX_LINE_CHARS


@dataclass(frozen=True, slots=True)
class ParseReport:
    path: Path
    app: str
    sessions: list[RemoteSession]
    lines: int
    bad_lines: int


def _why_unreadable(path: Path, exc: OSError) -> str:
    reasons = {
        FileNotFoundError: "no such file",
        PermissionError: "permission denied",
        IsADirectoryError: "is a folder, not a log file",
    }
    why = next((text for kind, text in reasons.items() if isinstance(exc, kind)), None)
    return f"{path}: cannot read it ({why or exc.strerror or exc})"


def _open_regular(path: Path) -> int:
    """A read-only descriptor of `path`, which must be a regular file of a sane size."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise ValueError(_not_regular(path, before.st_mode))
        fd = os.open(path, flags)  # O_NONBLOCK: never wait for a FIFO's writer
    except OSError as exc:
        raise ValueError(_why_unreadable(path, exc)) from None
    try:
        opened = os.fstat(fd)  # the file we opened, not the one we looked at before
        if not stat.S_ISREG(opened.st_mode):
            raise ValueError(_not_regular(path, opened.st_mode))
        if opened.st_size > MAX_PARSE_BYTES:
            raise ValueError(
                f"{path}: {opened.st_size} bytes, more than the {MAX_PARSE_BYTES} a log can have"
            )
    except BaseException:
        os.close(fd)
        raise
    return fd


def _not_regular(path: Path, mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    )
    kind = next((name for test, name in kinds if test(mode)), "not a regular file")
    return f"{path}: is {kind}, not a log file"


def read_lines(path: Path) -> Iterator[str]:
    """The file's lines, streamed: NULs dropped, UTF-8 with replacement, line ends removed.

    ValueError (naming the file) when it cannot be opened or is no regular file; a line
    longer than MAX_LINE_CHARS is dropped (logged at debug level)."""
    fd = _open_regular(path)
    return _lines_of(path, fd)


def _lines_of(path: Path, fd: int) -> Iterator[str]:
    with os.fdopen(fd, "rb") as handle:
        partial = b""
        skipping = False  # inside an over-long line: drop everything up to its newline
        remaining = MAX_PARSE_BYTES
        while remaining > 0:
            try:
                chunk = handle.read(min(READ_CHUNK_BYTES, remaining))
            except OSError as exc:
                raise ValueError(_why_unreadable(path, exc)) from None
            if not chunk:
                break
            remaining -= len(chunk)
            data = chunk.replace(b"\x00", b"")
            if skipping:
                newline = data.find(b"\n")
                if newline < 0:
                    continue
                data, skipping = data[newline + 1 :], False
            *complete, partial = (partial + data).split(b"\n")
            for raw in complete:
                if len(raw) <= _MAX_LINE_BYTES:
                    yield _decode(raw)
                else:
                    log.debug("%s: %d-byte line skipped", path, len(raw))
            if len(partial) > _MAX_LINE_BYTES:
                log.debug("%s: over-long line skipped", path)
                partial, skipping = b"", True
        if not skipping:
            yield _decode(partial)


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace").rstrip("\r")


def _sample(lines: Iterable[str]) -> list[str]:
    return [line for line in lines if line.strip()][:SNIFF_LINES]


def recognise_app(path: Path, lines: Sequence[str]) -> str:
    """The remote app whose log `lines` (of `path`) are; ValueError when none fits."""
    sample = _sample(lines)
    if teamviewer.looks_like_incoming(sample):
        raise ValueError(
            f"{path}: this is TeamViewer's incoming-connections log (Connections_incoming.txt, "
            "the customer's side); it holds no outgoing sessions"
        )
    if teamviewer.looks_like_connections(sample) or teamviewer.looks_like_live_log(sample):
        return teamviewer.APP
    if anydesk.looks_like_trace(sample):
        return anydesk.APP
    if rustdesk.looks_like_log(sample):
        return rustdesk.APP
    raise ValueError(
        f"{path}: not recognised as a TeamViewer, AnyDesk or RustDesk log "
        "(pass --app to say which it is)"
    )


def _parser(path: Path, app: str, sample: Sequence[str], grace_s: float) -> SessionLogParser:
    if app == teamviewer.APP:
        if teamviewer.looks_like_incoming(sample):
            raise ValueError(
                f"{path}: TeamViewer's incoming-connections log holds no outgoing sessions"
            )
        if teamviewer.looks_like_connections(sample):
            return teamviewer.ConnectionsParser()
        if teamviewer.looks_like_live_log(sample):
            return teamviewer.LiveLogParser()
        by_name = teamviewer.parser_for(path)
        return by_name if by_name is not None else teamviewer.ConnectionsParser()
    if app == anydesk.APP:
        return anydesk.TraceParser()
    if app == rustdesk.APP:
        return rustdesk.LogParser(grace_s)
    raise ValueError(f"unknown remote app {app!r}; known: {', '.join(APPS)}")


def _head(lines: Iterator[str]) -> list[str]:
    """The lines up to and including the SNIFF_LINES-th non-blank one."""
    head: list[str] = []
    useful = 0
    for line in lines:
        head.append(line)
        if line.strip():
            useful += 1
            if useful >= SNIFF_LINES:
                break
    return head


def parse_file_report(
    path: Path, app: str | None = None, *, grace_s: float = rustdesk.DEFAULT_GRACE_S
) -> ParseReport:
    """Parse a whole file; ValueError when the app is unknown or the file is not its log."""
    if app is not None and app not in APPS:
        raise ValueError(f"unknown remote app {app!r}; known: {', '.join(APPS)}")
    stream = read_lines(path)
    head = _head(stream)
    chosen = recognise_app(path, head) if app is None else app
    parser = _parser(path, chosen, _sample(head), grace_s)
    parsed = bad = 0
    for line in chain(head, stream):
        result = feed_safely(parser, line)
        if result is LineResult.BAD:
            bad += 1
        elif result is LineResult.PARSED:
            parsed += 1
    if parsed == 0 and bad > 0:
        raise ValueError(f"{path}: no line has the format of a {chosen} log ({bad} lines tried)")
    parser.finish()
    return ParseReport(path, chosen, parser.sessions(), parsed + bad, bad)


def parse_file(
    path: Path, app: str | None = None, *, grace_s: float = rustdesk.DEFAULT_GRACE_S
) -> list[RemoteSession]:
    """Every session found in one log file, oldest start first."""
    return parse_file_report(path, app, grace_s=grace_s).sessions
