"""`trayclock entries import FILE`: load a billing-spec JSON document (policy, customers,
entries) into the store, in one transaction, idempotently; `entries list` shows a day."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from trayclock.commands import entries_state
from trayclock.commands._store_cli import (
    CommandError,
    display_zone,
    fail,
    open_store,
    read_text,
)
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.store import customers, entries
from trayclock.store.importing import ImportProblems, import_document


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    imp = sub.add_parser("import", help="import a billing-spec JSON document (or - for stdin)")
    imp.add_argument("file", metavar="FILE")
    day = sub.add_parser("list", help="list the entries of a day")
    day.add_argument("--date", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")
    day.add_argument("--tz", help="IANA time zone to show times in")
    day.add_argument("--all", action="store_true", help="include discarded entries")
    entries_state.add_subcommands(sub)


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    try:
        if args.action in entries_state.ACTIONS:
            return entries_state.run(args, clock)
        return _import(args.file, clock) if args.action == "import" else _list(args, clock)
    except CommandError as error:
        return fail(error.lines, error.status)


def _import(name: str, clock: Clock) -> ExitCode:
    label = "<stdin>" if name == "-" else name
    text = read_text(name)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            [f"{label}: line {error.lineno}, column {error.colno}: invalid JSON: {error.msg}"]
        ) from error
    conn = open_store()
    try:
        summary = import_document(conn, doc, label=label, now=clock.now())
    except ImportProblems as error:
        raise CommandError([*error.problems, f"{label}: nothing was imported"]) from error
    finally:
        conn.close()
    sys.stdout.write(
        f"{label}: {summary.created} entries created, {summary.updated} updated, "
        f"{summary.unchanged} unchanged; {summary.customers_created} customers created"
        + ("; company policy replaced" if summary.policy_replaced else "")
        + "\n"
    )
    return ExitCode.OK


def _list(args: argparse.Namespace, clock: Clock) -> ExitCode:
    conn = open_store()
    try:
        zone = display_zone(conn, args.tz)
        day = args.date or clock.now().astimezone(zone).date()
        names = {c.id: c.name for c in customers.list_all(conn, include_archived=True)}
        for entry in entries.of_day(conn, day, zone, include_discarded=args.all):
            end = entry.end.astimezone(zone).strftime("%H:%M") if entry.end else "running"
            flags = "".join(
                mark
                for mark, on in (("!", entry.overlap), ("x", entry.discarded), ("a", entry.attempt))
                if on
            )
            sys.stdout.write(
                f"{entry.start.astimezone(zone):%H:%M}-{end:<7} {flags:<3} {entry.source:<10} "
                f"{names.get(entry.customer_id or -1, '-'):<24} "
                f"{entry.partner_name or entry.partner_id or ''}  {entry.uuid}\n"
            )
    finally:
        conn.close()
    return ExitCode.OK
