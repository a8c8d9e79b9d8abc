"""`trayclock export --from DATE --to DATE --format csv|json`: entries with their priced result.

CSV choices, made for spreadsheets:
- UTF-8 **with** a byte-order mark: Excel (the MSP's usual tool) reads a BOM-less CSV in the
  ANSI code page and garbles "Müller GmbH"; LibreOffice, Google Sheets and Python's
  `utf-8-sig` all accept the BOM.
- Times twice: local (the `--tz` zone, else the company timezone, else this computer's)
  with its offset, and UTC; durations and money as plain decimals with a dot.
- Never a formula: a text cell starting with = + - @ (or tab / carriage return, or after
  spaces) gets a leading apostrophe, and so does every part of a cell after a `;`, because
  Excel with a German, French or Dutch list separator splits a CSV on `;`, not `,`: a note
  `fixed;=cmd|…` would otherwise be a formula cell there. Quoting does not help: our quotes
  around a cell start in the middle of a `;` reader's field, so it takes them literally,
  and a line break inside a quoted cell ends its row; so the part after a line break is
  guarded too. Partner names come from the remote side, so this matters.
- `-o FILE` is written whole or not at all (trayclock.commands.output_file).
The store is read through a read-only connection without the whole-file check (its cost
grows with the file: trayclock.store.db.connect_for_reading); only when the contract
checkpoints the prices need are missing is a checked, writable one opened to keep them.
Dates `--from`/`--to` are whole local days, both included. Discarded entries are left out.
Prices come from the one pricing path (trayclock.domain.pricing), the review window's: an
entry without a customer is priced by the company policy (customer `(no customer)`), a
running one is listed with status `running` and no price (an empty one: `empty`).
Pauses: `paused_minutes` in both formats; the JSON lists each entry's accepted `pauses` as
the billing spec spells them (`[{"start", "end", "origin"}]`: `trayclock bill` and
`entries import` read them back) and its unanswered `suggested_pauses` apart (they are not
pauses until accepted).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from datetime import datetime, time, timedelta
from typing import Any

from trayclock.commands._store_cli import (
    CommandError,
    display_zone,
    fail,
    guarded,
    open_store,
)
from trayclock.commands.arguments import day, zone_argument
from trayclock.commands.output_file import write_output
from trayclock.domain.billing import PRICED_FIELDS, BillingInputError
from trayclock.domain.billing_output import entry_row, minutes_json, money_text, overlap_row
from trayclock.domain.clock import Clock
from trayclock.domain.entry import Entry
from trayclock.domain.pauses import PauseState
from trayclock.domain.pricing import PricedRange, PricedRow, RangeTotal
from trayclock.exit_code import ExitCode
from trayclock.services import balances
from trayclock.services.pricing import price_stored_range

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet may take for the start of a formula or a quoted field: after spaces too.
_UNSAFE_STARTS = frozenset((*FORMULA_LEADS, '"'))
EXCEL_LIST_SEPARATOR = ";"  # Excel's in much of Europe, where `,` is the decimal comma
# Where a `;`-reading spreadsheet starts a new field inside one of our cells: at a `;`, and
# after a line break (our quotes around the cell start mid-field for it, so do not count).
_FIELD_BREAK = re.compile(f"([{EXCEL_LIST_SEPARATOR}\r\n])")
CSV_ENCODING = "utf-8-sig"
COLUMNS = (
    "uuid",
    "date",
    "start_local",
    "end_local",
    "start_utc",
    "end_utc",
    "customer",
    "customer_name",
    "source",
    "partner_id",
    "partner_name",
    "ticket",
    "notes",
    "billable",
    "approved",
    "reviewed",
    "overlap",
    "attempt",
    "status",
    *PRICED_FIELDS,
    "currency",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="first",
        required=True,
        type=day,
        metavar="DATE",
        help="first day, YYYY-MM-DD",
    )
    parser.add_argument(
        "--to",
        dest="last",
        required=True,
        type=day,
        metavar="DATE",
        help="last day (included), YYYY-MM-DD",
    )
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--tz", type=zone_argument, help="IANA time zone for days and local times")
    parser.add_argument("--output", "-o", help="write to this file instead of standard output")


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    if args.last < args.first:
        return fail([f"--to {args.last} is before --from {args.first}"])
    return guarded(lambda: _export(args, clock))


def _export(args: argparse.Namespace, clock: Clock) -> ExitCode:
    conn = None
    try:
        conn = open_store(reading=True)
        zone = display_zone(conn, args.tz)
        start = datetime.combine(args.first, time(0), zone)
        end = datetime.combine(args.last + timedelta(days=1), time(0), zone)
        try:
            if not balances.ready(conn, start):
                conn.close()  # first: the writer's close, the last, folds its WAL in
                conn = None
                _keep_checkpoints(start)
                conn = open_store(reading=True)
            priced = price_stored_range(conn, start, end, now=clock.now())
        except BillingInputError as error:
            raise CommandError(
                [f"stored billing terms: {p}" for p in error.problems], status=ExitCode.FAILED
            ) from error
        rows = [_row(row, zone, priced.currency) for row in priced.rows]
        if args.format == "csv":
            data = _csv(rows).encode(CSV_ENCODING)
        else:
            data = (
                json.dumps(_json(args, zone, priced, rows), indent=2, ensure_ascii=False) + "\n"
            ).encode("utf-8")
        if args.output is not None:
            write_output(args.output, data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    finally:
        if conn is not None:
            conn.close()
    return ExitCode.OK


def _keep_checkpoints(start: datetime) -> None:
    """The checkpoints a price from `start` needs, made and kept through a connection that
    may write (so checked whole at its open): only when they are missing (a first export,
    an edit of the past), so the export reads read-only otherwise."""
    writer = open_store()
    try:
        balances.prepare(writer, start)
    finally:
        writer.close()


def _local(moment: datetime | None, zone: Any) -> str:
    return "" if moment is None else moment.astimezone(zone).isoformat(timespec="seconds")


def _utc(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _status(row: PricedRow) -> str:
    if row.priced is not None:
        return str(row.priced.status)
    return str(row.state)  # running or empty: not priced


def _row(row: PricedRow, zone: Any, currency: str) -> dict[str, Any]:
    e = row.entry
    priced = entry_row(row.priced) if row.priced is not None else {}
    out: dict[str, Any] = {
        "uuid": e.uuid,
        "date": e.start.astimezone(zone).date().isoformat(),
        "start_local": _local(e.start, zone),
        "end_local": _local(e.end, zone),
        "start_utc": _utc(e.start),
        "end_utc": _utc(e.end),
        "customer": row.total_key,
        "customer_name": row.customer.name if row.customer else "",
        "source": e.source,
        "partner_id": e.partner_id or "",
        "partner_name": e.partner_name or "",
        "ticket": e.ticket or "",
        "notes": e.notes,
        "billable": e.billable and not e.attempt,
        "approved": e.approved,
        "reviewed": e.reviewed,
        "overlap": e.overlap,
        "attempt": e.attempt,
        "status": _status(row),
        "currency": currency,
    }
    for name in PRICED_FIELDS:
        out[name] = priced.get(name)
    out["pauses"] = _pauses(e, PauseState.ACCEPTED)  # JSON only: the CSV keeps COLUMNS
    out["suggested_pauses"] = _pauses(e, PauseState.SUGGESTED)
    return out


def _pauses(entry: Entry, state: PauseState) -> list[dict[str, str]]:
    return [
        {"start": _utc(p.start), "end": _utc(p.end), "origin": str(p.origin)}
        for p in entry.pauses
        if p.state is state
    ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "yes" if value else "no"
    if type(value) is float:
        return f"{value:.2f}"
    return _neutralised(str(value))


def _neutralised(text: str) -> str:
    """The text with an apostrophe before every start a spreadsheet could run as a formula:
    the cell's own, and each after a `;` or a line break (see the module doc). Linear."""
    guarded = _guarded_segment(text)
    if not _FIELD_BREAK.search(guarded):
        return guarded
    parts = _FIELD_BREAK.split(guarded)  # text, break, text, break, …, text
    parts[2::2] = [_guarded_segment(part) for part in parts[2::2]]
    return "".join(parts)


def _guarded_segment(segment: str) -> str:
    return "'" + segment if segment.lstrip(" ")[:1] in _UNSAFE_STARTS else segment


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in COLUMNS])
    return buffer.getvalue()


def _total(total: RangeTotal) -> dict[str, Any]:
    return {
        "billed_minutes": total.billed_minutes,
        "chargeable_minutes": minutes_json(total.chargeable_minutes),
        "amount": money_text(total.amount),
        "needs_review": total.needs_review,
        "contract_balance": minutes_json(total.contract_balance),
        "running": total.running,  # entries still running: listed, not priced
    }


def _json(
    args: argparse.Namespace, zone: Any, priced: PricedRange, rows: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "from": args.first.isoformat(),
        "to": args.last.isoformat(),
        "timezone": str(zone),
        "currency": priced.currency,
        "entries": rows,
        "overlaps": [overlap_row(o) for o in priced.overlaps],
        "customers": {total.key: _total(total) for total in priced.totals},
    }
