"""`trayclock sync [--dry-run]`: run the outbox once to the end, now.

Exit status 0 when nothing waits afterwards; 1 with one line per entry still waiting,
failed or in conflict (and why), and the backend's pause if any. Safe while the tray runs:
one worker at a time, by the store's sync lock. `--dry-run` lists what would be sent and
sends nothing.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from trayclock.commands._store_cli import CommandError, fail, open_store
from trayclock.commands._sync_cli import configured, keyring
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.services.sync import SyncService, make_worker
from trayclock.store import db, entries
from trayclock.store.outbox import OutboxRow, RowState
from trayclock.sync.lock import LockBusy
from trayclock.sync.reasons import english
from trayclock.sync.units import action_of


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="list what would be sent; send nothing"
    )


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    try:
        return _run(args.dry_run, clock)
    except CommandError as error:
        return fail(error.lines, error.status)


def _run(dry_run: bool, clock: Clock) -> ExitCode:
    conn = open_store()
    try:
        config = configured(conn)
        if dry_run:
            rows = SyncService(conn, clock).waiting_rows()
            for line in _lines(conn, rows, dry_run=True):
                sys.stdout.write(line + "\n")
            return ExitCode.FAILED if rows else ExitCode.OK
    finally:
        conn.close()
    keyring()  # a missing or locked keyring is said here, before anything is sent
    try:
        report = make_worker(db.default_path(), clock).run()
    except LockBusy as error:
        return fail([f"trayclock sync: {error}; try again when it is done"], ExitCode.FAILED)
    conn = open_store()
    try:
        rows = SyncService(conn, clock).waiting_rows()
        lines = _lines(conn, rows, dry_run=False)
    finally:
        conn.close()
    sys.stdout.write(
        f"{config.kind}: {report.sent} sent, {report.failed} refused, "
        f"{report.conflicts} in conflict; {len(rows)} not in sync\n"
    )
    problems = list(lines)
    if report.problem is not None:
        why = "" if report.problem_reason is None else english(report.problem_reason)
        problems.append(f"{config.kind} is paused ({report.problem}): {why}")
    if problems:
        sys.stderr.write("".join(line + "\n" for line in problems))
    return ExitCode.FAILED if rows else ExitCode.OK


def _lines(conn: sqlite3.Connection, rows: list[OutboxRow], *, dry_run: bool) -> list[str]:
    found = entries.get_many(conn, [r.entry_uuid for r in rows])
    lines = []
    for row in rows:
        entry = found.get(row.entry_uuid)
        when = "" if entry is None else entry.start.isoformat(timespec="minutes")
        discarded = entry is not None and entry.discarded
        if dry_run:
            if row.state is RowState.PENDING:
                lines.append(f"{row.entry_uuid} {when} would {action_of(row, discarded)}")
            else:
                lines.append(f"{row.entry_uuid} {when} {row.state}: {_why(row)}")
            continue
        lines.append(f"{row.entry_uuid} {when} {_state_word(row)}: {_why(row)}")
    return lines


def _state_word(row: OutboxRow) -> str:
    return "waiting" if row.state is RowState.PENDING else str(row.state)


def _why(row: OutboxRow) -> str:
    """The row's reason in English, on one line."""
    if row.conflict is not None:
        found = row.conflict_reason
        return "changed on the backend" if found is None else " ".join(english(found).split())
    if row.last_reason is None:
        return "not sent yet"
    return " ".join(english(row.last_reason).split())
