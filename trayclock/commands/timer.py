"""`trayclock timer start|stop|add`: manual entries for work nothing detects (phone calls …)."""

from __future__ import annotations

import argparse
import sqlite3
import sys

from trayclock.commands._store_cli import (
    CommandError,
    display_zone,
    fail,
    open_store,
    parse_moment,
)
from trayclock.domain.clock import Clock
from trayclock.domain.entry import Entry
from trayclock.exit_code import ExitCode
from trayclock.store import customers
from trayclock.store.db import StoreError
from trayclock.tracker import Tracker


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    start = sub.add_parser("start", help="start a timer now")
    _details(start, customer_required=False)
    stop = sub.add_parser("stop", help="stop the running timer(s)")
    stop.add_argument("--id", help="stop only this timer (uuid)")
    add = sub.add_parser("add", help="add an entry after the fact")
    add.add_argument("--start", required=True, help="ISO date and time; local unless an offset")
    add.add_argument("--end", required=True, help="ISO date and time; local unless an offset")
    add.add_argument("--tz", help="IANA time zone for times without an offset")
    _details(add, customer_required=True)


def _details(parser: argparse.ArgumentParser, *, customer_required: bool) -> None:
    parser.add_argument("--customer", required=customer_required, help="customer key or name")
    parser.add_argument("--note", default="", help="what the work was")
    parser.add_argument("--ticket", help="ticket reference")


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    conn = None
    try:
        conn = open_store()
        tracker = Tracker(conn, clock)
        if args.action == "start":
            entry = tracker.start_manual(
                customer_id=_customer(conn, args.customer), notes=args.note, ticket=args.ticket
            )
            _show("started", entry)
        elif args.action == "stop":
            stopped = tracker.stop_manual(args.id)
            if not stopped:
                raise CommandError(["no timer is running"], status=ExitCode.FAILED)
            for entry in stopped:
                _show("stopped", entry)
        else:
            zone = display_zone(conn, args.tz)
            entry = tracker.add_manual(
                parse_moment(args.start, zone, "--start"),
                parse_moment(args.end, zone, "--end"),
                customer_id=_customer(conn, args.customer),
                notes=args.note,
                ticket=args.ticket,
            )
            _show("added", entry)
    except StoreError as error:
        return fail([str(error)])
    except CommandError as error:
        return fail(error.lines, error.status)
    finally:
        if conn is not None:
            conn.close()
    return ExitCode.OK


def _customer(conn: sqlite3.Connection, text: str | None) -> int | None:
    if text is None:
        return None
    found = customers.find(conn, text)
    if found is None:
        raise CommandError([f"--customer: no customer {text!r} (see: trayclock customers list)"])
    return found.id


def _show(verb: str, entry: Entry) -> None:
    minutes = f" ({(entry.end - entry.start).total_seconds() / 60:.1f} min)" if entry.end else ""
    sys.stdout.write(f"{verb} {entry.uuid}{minutes}\n")
