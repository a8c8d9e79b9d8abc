"""Every session in one log file, offline (`trayclock detect --parse FILE [--app …]`).

API (called by the CLI):
    parse_file(path: Path, app: str | None = None, *, grace_s=60.0) -> list[RemoteSession]
    parse_file_report(path, app=None, *, grace_s=60.0) -> ParseReport   # + line counts
    recognise_app(path: Path, lines: Sequence[str]) -> str               # raises ValueError

Sessions still open at the end of the file come out with end None and outcome `open`; a
RustDesk "Exit io_loop" that nothing follows is taken as the end (the file is all we have).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from trayclock.detect.apps import anydesk, rustdesk, teamviewer
from trayclock.detect.apps.sessionlog import LineResult, SessionLogParser, feed_safely
from trayclock.domain.session import APPS, RemoteSession

# Lines looked at to recognise a file's app.
SNIFF_LINES = 200


@dataclass(frozen=True, slots=True)
class ParseReport:
    path: Path
    app: str
    sessions: list[RemoteSession]
    lines: int
    bad_lines: int


def read_lines(path: Path) -> list[str]:
    """The file's lines: NULs dropped, UTF-8 with replacement, line ends removed."""
    data = path.read_bytes().replace(b"\x00", b"")
    return [line.rstrip("\r") for line in data.decode("utf-8", errors="replace").split("\n")]


def _sample(lines: Sequence[str]) -> list[str]:
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


def parse_file_report(
    path: Path, app: str | None = None, *, grace_s: float = rustdesk.DEFAULT_GRACE_S
) -> ParseReport:
    """Parse a whole file; ValueError when the app is unknown or the file is not its log."""
    lines = read_lines(path)
    chosen = recognise_app(path, lines) if app is None else app
    parser = _parser(path, chosen, _sample(lines), grace_s)
    parsed = bad = 0
    for line in lines:
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
