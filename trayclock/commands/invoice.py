"""`trayclock invoice --month YYYY-MM [--customer KEY]`: per customer, the month's draft
invoice in Tryton whose total is `trayclock export`'s for that customer and month, to the
cent (services/invoicing.py). Run again, it brings the same draft up to date."""

from __future__ import annotations

import argparse
import sys

from trayclock.commands._store_cli import CommandError, fail, open_store
from trayclock.commands._sync_cli import configured, keyring, parse_month
from trayclock.domain.billing import BillingInputError
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.services import invoicing
from trayclock.sync.backend import SyncError
from trayclock.sync.config import open_backend
from trayclock.sync.tryton import TrytonBackend


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", required=True, metavar="YYYY-MM", help="the month to invoice")
    parser.add_argument("--customer", metavar="KEY", help="only this customer (its billing key)")


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    try:
        return _invoice(args, clock)
    except CommandError as error:
        return fail(error.lines, error.status)


def _invoice(args: argparse.Namespace, clock: Clock) -> ExitCode:
    month = parse_month(args.month, "--month")
    conn = open_store()
    try:
        config = configured(conn)
        if config.kind != "tryton":
            raise CommandError([f"invoice: makes Tryton invoices; the backend is {config.kind}"])
        try:
            adapter = open_backend(config, keyring(), clock)
            assert isinstance(adapter, TrytonBackend)
            made = invoicing.invoice(
                conn, adapter, config.identity, month, clock=clock, customer_key=args.customer
            )
        except BillingInputError as error:
            raise CommandError(
                [f"stored billing terms: {p}" for p in error.problems], ExitCode.FAILED
            ) from error
        except SyncError as error:
            raise CommandError([f"invoice {month:%Y-%m}: {error}"], ExitCode.FAILED) from error
    finally:
        conn.close()
    if not made:
        sys.stdout.write(f"{month:%Y-%m}: no priced entries of any customer\n")
    for one in made:
        result = one.result
        how = "created" if result.created else "brought up to date"
        same = "=" if result.total == one.export_total else "≠"
        sys.stdout.write(
            f"{one.key}: draft invoice {result.invoice_id} {how}, total {result.total} "
            f"{same} trayclock export's {one.export_total}; {result.lines} lines, "
            f"{result.linked} timesheet lines linked\n"
        )
    return ExitCode.OK
