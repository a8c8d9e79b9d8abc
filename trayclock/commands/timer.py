"""`trayclock timer start|stop|add`: manual entries for work nothing detects (phone calls …).

One manual timer runs at a time: `timer start` while one runs stops it first (as Toggl,
Clockify and Harvest do: a technician starting the next call's timer has finished the last
one) and says so. `timer stop` stops the running timer (with `--id`, only that one; a store
from before this rule may hold several: all are stopped, each named). `--customer` takes a
key or a name (case and accents ignored). Times and text are checked before anything is
written: an end after its start, moments the store can keep, notes it can hold.
"""

from __future__ import annotations

import argparse
import sqlite3

from trayclock.commands._store_cli import (
    CommandError,
    display_zone,
    guarded,
    open_store,
    parse_moment,
    write_lines,
)
from trayclock.commands.arguments import shown, zone_argument
from trayclock.commands.wording import minutes_text
from trayclock.domain.clock import Clock
from trayclock.domain.entry import Customer, Entry
from trayclock.exit_code import ExitCode
from trayclock.store import customers, entries
from trayclock.store.db import transaction
from trayclock.store.text_fields import TEXT_LIMITS, text_problem
from trayclock.tracker import Tracker


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    start = sub.add_parser("start", help="start a timer now (stops the one running, if any)")
    _details(start, customer_required=False)
    stop = sub.add_parser("stop", help="stop the running timer")
    stop.add_argument("--id", help="stop only this timer (uuid)")
    add = sub.add_parser("add", help="add an entry after the fact")
    add.add_argument("--start", required=True, help="ISO date and time; local unless an offset")
    add.add_argument("--end", required=True, help="ISO date and time; local unless an offset")
    add.add_argument("--tz", type=zone_argument, help="IANA time zone for times without an offset")
    _details(add, customer_required=True)


def _details(parser: argparse.ArgumentParser, *, customer_required: bool) -> None:
    parser.add_argument("--customer", required=customer_required, help="customer key or name")
    parser.add_argument("--note", default="", help="what the work was")
    parser.add_argument("--ticket", help="ticket reference")


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    return guarded(lambda: _run(args, clock))


def _run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    if args.action != "stop":
        _check_text(args)
    conn = open_store()
    try:
        tracker = Tracker(conn, clock)
        if args.action == "start":
            _start(conn, tracker, args)
        elif args.action == "stop":
            _stop(conn, tracker, args.id)
        else:
            _add(conn, tracker, args)
    finally:
        conn.close()
    return ExitCode.OK


def _check_text(args: argparse.Namespace) -> None:
    problems = []
    for option, name, value in (
        ("--note", "notes", args.note),
        ("--ticket", "ticket", args.ticket),
    ):
        if value is not None and (problem := text_problem(value, TEXT_LIMITS[name])):
            problems.append(f"{option}: {problem}")
    if problems:
        raise CommandError(problems)


def _customer(conn: sqlite3.Connection, text: str | None) -> Customer | None:
    if text is None:
        return None
    found = customers.matching(conn, text)
    if not found:
        raise CommandError(
            [f"--customer: no customer {shown(text)} (see: trayclock customers list)"]
        )
    if len(found) > 1:
        raise CommandError(
            [
                f"--customer: {shown(text)} matches {len(found)} customers "
                f"({customers.describe(found)}); give the key"
            ]
        )
    return found[0]


def _running_timers(conn: sqlite3.Connection) -> list[Entry]:
    return [e for e in entries.running(conn) if e.manual]


def _start(conn: sqlite3.Connection, tracker: Tracker, args: argparse.Namespace) -> None:
    customer = _customer(conn, args.customer)
    with transaction(conn):
        stopped = tracker.stop_manual() if _running_timers(conn) else []
        entry = tracker.start_manual(
            customer_id=customer.id if customer else None, notes=args.note, ticket=args.ticket
        )
    lines = [_said("stopped", e) + " (only one timer runs at a time)" for e in stopped]
    lines.append(_said("started", entry) + (f" for {customer.name}" if customer else ""))
    write_lines(lines)


def _stop(conn: sqlite3.Connection, tracker: Tracker, entry_uuid: str | None) -> None:
    if not _running_timers(conn):
        raise CommandError(["no timer is running"], status=ExitCode.FAILED)
    write_lines([_said("stopped", entry) for entry in tracker.stop_manual(entry_uuid)])


def _add(conn: sqlite3.Connection, tracker: Tracker, args: argparse.Namespace) -> None:
    zone = display_zone(conn, args.tz)
    start = parse_moment(args.start, zone, "--start")
    end = parse_moment(args.end, zone, "--end")
    if end <= start:
        raise CommandError([f"--end: must be after --start ({start.isoformat()})"])
    customer = _customer(conn, args.customer)
    entry = tracker.add_manual(
        start,
        end,
        customer_id=customer.id if customer else None,
        notes=args.note,
        ticket=args.ticket,
    )
    write_lines([_said("added", entry) + (f" for {customer.name}" if customer else "")])


def _said(verb: str, entry: Entry) -> str:
    duration = f" ({minutes_text(entry.end - entry.start)})" if entry.end else ""
    return f"{verb} {entry.uuid}{duration}"
