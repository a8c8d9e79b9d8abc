"""`trayclock submit --from DATE --to DATE [--force]`: the review window's "Submit day" for
scripts. Ended, kept entries are marked reviewed and queued for sync; while any entry still
needs a decision (no customer, or a long session to approve) it refuses and lists them,
unless `--force`, which submits the others and leaves those open (as the window's
confirmation does)."""

from __future__ import annotations

import argparse
import sys

from trayclock.commands._store_cli import CommandError, fail, open_store
from trayclock.commands._sync_cli import parse_day
from trayclock.domain.billing import BillingInputError
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.services.review.edits import ReviewEdits, submit_plan
from trayclock.services.review.pricing import build_view, price_snapshot
from trayclock.services.review.rows import ReviewRow
from trayclock.services.review.source import ReviewSource


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", required=True, metavar="DATE",
                        help="first day, YYYY-MM-DD (the company's calendar days)")  # fmt: skip
    parser.add_argument("--to", dest="last", required=True, metavar="DATE",
                        help="last day (included), YYYY-MM-DD")  # fmt: skip
    parser.add_argument(
        "--force", action="store_true",
        help="submit what is ready even while entries await a customer or an approval",
    )  # fmt: skip


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    try:
        return _submit(args, clock)
    except CommandError as error:
        return fail(error.lines, error.status)


def _open_row(row: ReviewRow) -> str:
    why = "no customer" if row.unattached else "a long session to approve"
    return f"{row.id} {row.start.isoformat(timespec='minutes')} {row.app}: {why}"


def _submit(args: argparse.Namespace, clock: Clock) -> ExitCode:
    first, last = parse_day(args.first, "--from"), parse_day(args.last, "--to")
    if last < first:
        raise CommandError([f"--to: {last} is before --from {first}"])
    conn = open_store()
    try:
        source = ReviewSource(conn, clock)
        snap = source.snapshot(first, last)
        try:
            view = build_view(snap, price_snapshot(snap), 0)
        except BillingInputError as error:
            raise CommandError(
                [f"stored billing terms: {p}" for p in error.problems], ExitCode.FAILED
            ) from error
        plan = submit_plan(view)
        still_open = [
            r for r in view.rows
            if not r.discarded and not r.running and not r.submitted and r.awaiting
        ]  # fmt: skip
        if still_open and not args.force:
            raise CommandError(
                [f"not submitted: {len(still_open)} entries still need a decision "
                 "(attach a customer, approve, or discard them; --force submits the rest):",
                 *(_open_row(r) for r in still_open)],
                ExitCode.FAILED,
            )  # fmt: skip
        submitted = ReviewEdits(source).submit(plan)
    finally:
        conn.close()
    sys.stdout.write(f"submitted {submitted} entries from {first} to {last}\n")
    if still_open:
        sys.stdout.write("".join(f"left open: {_open_row(r)}\n" for r in still_open))
    return ExitCode.OK
