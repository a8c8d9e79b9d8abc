"""What the store's commands (entries, export, customers, timer) share: open the store, read
the one input file, and turn every failure into clear lines and an exit status.

Exit statuses: 2 (INVALID_INPUT) for a bad file or argument, the lines naming the file,
line, entry or field; 1 (FAILED) when the store could not do it (full disk, read-only,
busy, damaged), the line saying the true cause and what to do. Nothing escapes as a
traceback: `guarded` runs each command.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo

from trayclock.commands.arguments import shown, zone
from trayclock.commands.input_file import STDIN_NAME, InputFileError
from trayclock.commands.input_file import read_text as read_input_text
from trayclock.domain.billing_limits import MAX_INPUT_BYTES, moment_problem
from trayclock.exit_code import ExitCode
from trayclock.store import db, settings
from trayclock.store.importing import ImportProblems

# The largest entries document read is the billing engine's for a document
# (billing_limits.MAX_INPUT_BYTES, 16 MiB: parsed JSON takes 10-25 times its text); a
# customers CSV has the customers window's cap (services.customers.MAX_CSV_BYTES).


class CommandError(Exception):
    """A problem to show the user (one line each) and the exit status to leave with."""

    def __init__(self, lines: list[str], status: ExitCode = ExitCode.INVALID_INPUT) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.status = status


def _one_line(text: str) -> str:
    """A message line as a terminal shows it: no line break inside, nothing unencodable."""
    flat = text.replace("\r", "\\r").replace("\n", "\\n")
    return flat.encode("utf-8", "backslashreplace").decode("utf-8")


def fail(lines: list[str], status: ExitCode = ExitCode.INVALID_INPUT) -> ExitCode:
    sys.stderr.write("".join(_one_line(line) + "\n" for line in lines))
    sys.stderr.flush()
    return status


def write_lines(lines: list[str]) -> None:
    """Lines to stdout; text the terminal cannot encode (a lone surrogate stored long ago)
    is escaped rather than stopping the listing."""
    sys.stdout.write(
        "".join(line + "\n" for line in lines).encode("utf-8", "backslashreplace").decode("utf-8")
    )
    sys.stdout.flush()


def _silence_stdout() -> None:
    """The reader of stdout left (`| head`): point stdout at devnull, so the interpreter's
    last flush does not fail again with a second BrokenPipeError on stderr."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def guarded(action: Callable[[], ExitCode]) -> ExitCode:
    """Run a command: every refusal and failure becomes lines on stderr and a status."""
    try:
        return action()
    except CommandError as error:
        return fail(error.lines, error.status)
    except db.TransientStoreError as error:  # full, busy, read-only: the store could not
        return fail([f"trayclock: {error}"], ExitCode.FAILED)
    except db.StoreError as error:  # a request the store refuses (no such timer …)
        return fail([f"trayclock: {error}"], ExitCode.INVALID_INPUT)
    except BrokenPipeError:  # `trayclock entries list | head`: the reader has what it wanted
        _silence_stdout()
        return ExitCode.OK
    except (sqlite3.ProgrammingError, sqlite3.IntegrityError):
        raise  # our mistake, not the store's state
    except sqlite3.DatabaseError as error:  # a read met a damaged page, a disk error …
        failure = db.reading_error(db.default_path(), error)
        return fail([f"trayclock: {failure}"], ExitCode.FAILED)


def open_store(*, reading: bool = False) -> sqlite3.Connection:
    """The store, checked whole and writable; `reading`: for a command that changes nothing,
    read-only and without the whole-file check (trayclock.store.db.connect_for_reading)."""
    try:
        return db.connect_for_reading() if reading else db.connect()
    except db.StoreError as error:
        raise CommandError([f"trayclock: {error}"], ExitCode.FAILED) from error


@contextlib.contextmanager
def import_refusals(label: str) -> Iterator[None]:
    """An import's refusals as lines that end with 'LABEL: nothing was imported': the file's
    problems (status 2) or the store's failure (full, busy, read-only: status 1)."""
    nothing = f"{label}: nothing was imported"
    try:
        yield
    except ImportProblems as error:
        raise CommandError([*error.problems, nothing]) from error
    except db.TransientStoreError as error:
        raise CommandError([f"trayclock: {error}", nothing], ExitCode.FAILED) from error


def input_label(name: str) -> str:
    return "<stdin>" if name == STDIN_NAME else name


def read_text(name: str, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """The input file as text: a regular file (or `-`, stdin) of at most `max_bytes`,
    UTF-8 (a BOM tolerated). A device, a FIFO, a folder or a too-big file is refused before
    it is read (trayclock.commands.input_file, the reader every command shares)."""
    try:
        return read_input_text(name, max_bytes)
    except InputFileError as error:
        raise CommandError([f"{input_label(name)}: {error}"]) from error


def display_zone(conn: sqlite3.Connection, given: tzinfo | None) -> tzinfo:
    """`--tz` if given, else the company timezone if set, else this computer's zone."""
    if given is not None:
        return given
    stored = settings.policy(conn).get("timezone")
    if not stored:
        local = datetime.now().astimezone().tzinfo
        assert local is not None
        return local
    try:
        return zone(str(stored))
    except ValueError as error:
        raise CommandError([f"company policy: timezone: {error}"]) from error


def zone_label(zone: tzinfo) -> str:
    """The zone's name as a technician knows it (Europe/Berlin; else its abbreviation)."""
    return str(getattr(zone, "key", None) or datetime.now(zone).tzname() or zone)


def parse_moment(text: str, zone: tzinfo, what: str) -> datetime:
    """ISO 8601; without an offset the time is read in `zone` (the user's local time)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise CommandError(
            [f"{what}: {shown(text)} is not a date and time (2026-11-02T09:00)"]
        ) from error
    try:
        moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
        problem = moment_problem(moment)
    except OverflowError:  # a zone's offset pushed it past the calendar's ends
        problem = f"must be between years 1 and 9999 in every zone, got {shown(text)}"
    if problem:
        raise CommandError([f"{what}: {problem}"])
    return moment
