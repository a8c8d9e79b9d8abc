"""What the store's commands (entries, export, customers, timer) share: open, read, fail."""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trayclock.exit_code import ExitCode
from trayclock.store import db, settings


class CommandError(Exception):
    """A problem to show the user (one line each) and the exit status to leave with."""

    def __init__(self, lines: list[str], status: ExitCode = ExitCode.INVALID_INPUT) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.status = status


def fail(lines: list[str], status: ExitCode = ExitCode.INVALID_INPUT) -> ExitCode:
    sys.stderr.write("".join(line + "\n" for line in lines))
    return status


def open_store() -> sqlite3.Connection:
    try:
        return db.connect()
    except db.StoreError as error:
        raise CommandError([f"trayclock: {error}"], ExitCode.FAILED) from error


def read_text(name: str) -> str:
    """The file as text (UTF-8, a BOM tolerated); `-` is standard input."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError as error:
        raise CommandError([f"{name}: no such file"]) from error
    except IsADirectoryError as error:
        raise CommandError([f"{name}: is a directory"]) from error
    except OSError as error:
        raise CommandError([f"{name}: cannot read: {error.strerror or error}"]) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            [f"{name}: not UTF-8 text (byte {error.start}): {error.reason}"]
        ) from error


def display_zone(conn: sqlite3.Connection, name: str | None) -> tzinfo:
    """`--tz` if given, else the company timezone if set, else this computer's zone."""
    name = name or settings.policy(conn).get("timezone")
    if not name:
        local = datetime.now().astimezone().tzinfo
        assert local is not None
        return local
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise CommandError([f"unknown time zone {name!r}"]) from error


def parse_moment(text: str, zone: tzinfo, what: str) -> datetime:
    """ISO 8601; without an offset the time is read in `zone` (the user's local time)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise CommandError(
            [f"{what}: {text!r} is not a date and time (2026-11-02T09:00)"]
        ) from error
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
