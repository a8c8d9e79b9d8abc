"""`trayclock customers import FILE.csv` and `trayclock customers list`."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from trayclock.commands._store_cli import CommandError, fail, open_store, read_text
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.store import customers, mappings
from trayclock.store.importing import ImportProblems, import_customers, parse_customers_csv


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    imp = sub.add_parser("import", help="create or update customers from a CSV file")
    imp.add_argument("file", metavar="FILE.csv")
    lst = sub.add_parser("list", help="list customers")
    lst.add_argument("--all", action="store_true", help="include archived customers")
    lst.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    try:
        return _import(args.file, clock) if args.action == "import" else _list(args)
    except CommandError as error:
        return fail(error.lines, error.status)


def _import(name: str, clock: Clock) -> ExitCode:
    label = "<stdin>" if name == "-" else name
    text = read_text(name)
    try:
        rows = parse_customers_csv(text, label=label)
    except ImportProblems as error:
        raise CommandError([*error.problems, f"{label}: nothing was imported"]) from error
    conn = open_store()
    try:
        created, updated = import_customers(conn, rows, now=clock.now())
    finally:
        conn.close()
    sys.stdout.write(f"{label}: {created} customers created, {updated} updated\n")
    return ExitCode.OK


def _list(args: argparse.Namespace) -> ExitCode:
    conn = open_store()
    try:
        found = customers.list_all(conn, include_archived=args.all)
        partners = Counter(m.customer_id for m in mappings.list_all(conn))
    finally:
        conn.close()
    if args.json:
        payload = [
            {
                "key": c.key,
                "name": c.name,
                "external_ids": c.external_ids,
                "policy": c.policy,
                "contract": c.contract,
                "archived": c.archived,
                "partners": partners[c.id],
            }
            for c in found
        ]
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return ExitCode.OK
    if not found:
        sys.stdout.write("no customers yet: trayclock customers import FILE.csv\n")
        return ExitCode.OK
    width = max(len(c.key) for c in found)
    for c in found:
        terms = ", ".join(f"{k}={v}" for k, v in sorted(c.policy.items()))
        if c.contract:
            terms += f"{', ' if terms else ''}contract {c.contract.get('included_minutes')} min"
            terms += f"/{c.contract.get('period')}"
        archived = " (archived)" if c.archived else ""
        sys.stdout.write(
            f"{c.key:<{width}}  {c.name}{archived}  [{partners[c.id]} partners]"
            f"{'  ' + terms if terms else ''}\n"
        )
    return ExitCode.OK
