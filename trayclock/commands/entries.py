"""`trayclock entries import FILE`: load a billing-spec JSON document (policy, customers,
entries) into the store, in one transaction, idempotently; `entries list` shows a day.

The document is read by the one input reader (a regular file or stdin, bounded, UTF-8) and
as `trayclock bill` reads it (billing_limits.load_json: a number of thousands of digits is
not converted but refused by the engine, naming its field); JSON nested too deeply is
refused in one line. A company policy in the file that differs from the stored one is
refused unless `--replace-policy` (trayclock.store.importing says why). After the import's
transaction, the contract checkpoints a price of this month (or any before) needs are made
(the months the import touched, and any never made; services.balances.keep_ahead), a year
at a time in short transactions of their own: a first export after importing years does not
make them.
`entries list` reads the store read-only (no whole-file check: it changes nothing).

`entries list` prints a header, one line per entry (start, end, whole minutes, flags,
source, customer, partner, uuid), says which time zone the times are in, and explains the
flags it used.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from datetime import date, datetime, tzinfo
from typing import Any

from trayclock.commands import entries_state
from trayclock.commands._store_cli import (
    CommandError,
    display_zone,
    guarded,
    import_refusals,
    input_label,
    open_store,
    read_text,
    write_lines,
    zone_label,
)
from trayclock.commands.arguments import day, zone_argument
from trayclock.commands.wording import count, whole_minutes
from trayclock.domain.billing_limits import load_json
from trayclock.domain.clock import Clock
from trayclock.domain.entry import Entry
from trayclock.domain.partner_id import group_id
from trayclock.exit_code import ExitCode
from trayclock.services import balances
from trayclock.store import customers, entries, settings
from trayclock.store.importing import import_document

# (mark, what it means), in the order the flags column shows them.
FLAGS = (
    ("!", "overlaps another customer's entry"),
    ("x", "discarded"),
    ("a", "a refused connection attempt (not billed)"),
)
CUSTOMER_WIDTH = 24
SOURCE_WIDTH = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    imp = sub.add_parser("import", help="import a billing-spec JSON document (or - for stdin)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--replace-policy",
        action="store_true",
        help="where the file's company policy differs from the stored one, take the file's "
        "values (for the fields it names); without it such a file is refused",
    )
    listing = sub.add_parser("list", help="list the entries of a day")
    listing.add_argument("--date", type=day, help="YYYY-MM-DD (default: today)")
    listing.add_argument("--tz", type=zone_argument, help="IANA time zone to show times in")
    listing.add_argument("--all", action="store_true", help="include discarded entries")
    entries_state.add_subcommands(sub)


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    if args.action in entries_state.ACTIONS:
        return guarded(lambda: entries_state.run(args, clock))
    if args.action == "import":
        return guarded(lambda: _import(args, clock))
    return guarded(lambda: _list(args, clock))


def load_document(text: str, label: str) -> Any:
    """The JSON document, numbers too long to read left for the engine to refuse
    (billing_limits.load_json); CommandError (one line) when it is not JSON Python can hold."""
    try:
        return load_json(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            [f"{label}: line {error.lineno}, column {error.colno}: invalid JSON: {error.msg}"]
        ) from error
    except RecursionError as error:
        raise CommandError([f"{label}: invalid JSON: nested too deeply"]) from error


def _import(args: argparse.Namespace, clock: Clock) -> ExitCode:
    label = input_label(args.file)
    doc = load_document(read_text(args.file), label)
    with import_refusals(label):
        conn = open_store()
        try:
            summary = import_document(
                conn, doc, label=label, now=clock.now(), replace_policy=args.replace_policy
            )
            if summary.created or summary.updated:
                # After the import's commit, in short transactions of their own: the first
                # export or review after importing years needs them, and finds them.
                balances.keep_ahead(conn, clock.now())
        finally:
            conn.close()
    policy = ""
    if summary.policy_fields:
        policy = f"; company policy: {', '.join(summary.policy_fields)} set"
    sys.stdout.write(
        f"{label}: {count(summary.created, 'entry', 'entries')} created, {summary.updated} "
        f"updated, {summary.unchanged} unchanged; "
        f"{count(summary.customers_created, 'customer')} created{policy}\n"
    )
    return ExitCode.OK


def _zone_words(conn: sqlite3.Connection, tz_arg: tzinfo | None, zone: tzinfo) -> str:
    if tz_arg is not None:
        return f"times in {zone_label(zone)}"
    if settings.policy(conn).get("timezone"):
        return f"times in {zone_label(zone)}, the company's time zone (--tz to change)"
    return f"times in this computer's time zone, {zone_label(zone)} (--tz to change)"


def _partner(entry: Entry) -> str:
    if entry.partner_id and entry.partner_name and entry.partner_name != entry.partner_id:
        return f"{entry.partner_name} ({group_id(entry.partner_id)})"
    if entry.partner_id:
        return group_id(entry.partner_id)
    return entry.partner_name or ""


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _line(entry: Entry, zone: tzinfo, day_shown: date, name: str, now: datetime) -> str:
    start = entry.start.astimezone(zone)
    if entry.end is None:
        end, minutes = "running", whole_minutes(now - entry.start)
    else:
        local_end = entry.end.astimezone(zone)
        later = (local_end.date() - day_shown).days
        end = f"{local_end:%H:%M}" + (f"+{later}" if later else "")
        minutes = whole_minutes(entry.end - entry.start)
    flags = "".join(mark for (mark, _), on in zip(FLAGS, _flags(entry), strict=True) if on)
    return (
        f"{start:%H:%M}  {end:<7} {minutes:>5}  {flags:<5}  {entry.source:<{SOURCE_WIDTH}}  "
        f"{_cut(name, CUSTOMER_WIDTH):<{CUSTOMER_WIDTH}}  {_partner(entry)}  {entry.uuid}"
    )


def _flags(entry: Entry) -> tuple[bool, bool, bool]:
    return entry.overlap, entry.discarded, entry.attempt


def _list(args: argparse.Namespace, clock: Clock) -> ExitCode:
    conn = open_store(reading=True)
    try:
        zone = display_zone(conn, args.tz)
        shown = args.date or clock.now().astimezone(zone).date()
        names = {c.id: c.name for c in customers.list_all(conn, include_archived=True)}
        found = entries.of_day(conn, shown, zone, include_discarded=args.all)
        words = _zone_words(conn, args.tz, zone)
    finally:
        conn.close()
    now = clock.now()
    out = [f"{shown:%A} {shown}: {count(len(found), 'entry', 'entries')}, {words}"]
    if found:
        out.append(
            f"{'start':<5}  {'end':<7} {'min':>5}  {'flags':<5}  {'source':<{SOURCE_WIDTH}}  "
            f"{'customer':<{CUSTOMER_WIDTH}}  partner  entry"
        )
        out += [_line(e, zone, shown, names.get(e.customer_id or -1, "-"), now) for e in found]
        used = {mark for e in found for (mark, _), on in zip(FLAGS, _flags(e), strict=True) if on}
        if used:
            legend = ", ".join(f"{mark} {what}" for mark, what in FLAGS if mark in used)
            out.append(f"flags: {legend}")
    write_lines(out)
    return ExitCode.OK
