"""`trayclock customers import FILE.csv` and `trayclock customers list`.

The import is all or nothing (trayclock.store.customers_csv): rows update the customer
their key or name names (ignoring case and accents), and a partner already known for
another customer is moved only with `--move-partners`, each move listed. The list shows
each customer's key, name, terms, backend ids and known partners.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict

from trayclock.commands._store_cli import (
    guarded,
    import_refusals,
    input_label,
    open_store,
    read_text,
    write_lines,
)
from trayclock.commands.wording import count
from trayclock.domain.clock import Clock
from trayclock.domain.entry import Customer, PartnerMapping
from trayclock.domain.partner_id import group_id
from trayclock.exit_code import ExitCode
from trayclock.services.customers import MAX_CSV_BYTES
from trayclock.store import customers, mappings
from trayclock.store.customers_csv import import_customers, parse_customers_csv


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    imp = sub.add_parser("import", help="create or update customers from a CSV file")
    imp.add_argument("file", metavar="FILE.csv")
    imp.add_argument(
        "--move-partners",
        action="store_true",
        help="move a partner the file lists to its customer even when it is known for "
        "another one (without it the import is refused, naming each)",
    )
    lst = sub.add_parser("list", help="list customers")
    lst.add_argument("--all", action="store_true", help="include archived customers")
    lst.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    if args.action == "import":
        return guarded(lambda: _import(args, clock))
    return guarded(lambda: _list(args))


def _import(args: argparse.Namespace, clock: Clock) -> ExitCode:
    label = input_label(args.file)
    text = read_text(args.file, MAX_CSV_BYTES)
    with import_refusals(label):
        rows = parse_customers_csv(text, label=label)
        conn = open_store()
        try:
            done = import_customers(
                conn, rows, now=clock.now(), move_partners=args.move_partners, label=label
            )
        finally:
            conn.close()
    lines = [f"{label}: {count(done.created, 'customer')} created, {done.updated} updated"]
    lines += [f"{label}: moved partner {move.describe()}" for move in done.moved]
    write_lines(lines)
    return ExitCode.OK


def _partners_text(found: list[PartnerMapping]) -> str:
    return ", ".join(f"{m.app} {group_id(m.partner_id)}" for m in found)


def _terms(customer: Customer) -> str:
    terms = ", ".join(f"{k}={v}" for k, v in sorted(customer.policy.items()))
    if customer.contract:
        contract = customer.contract
        period = f"/{contract.get('period')}"
        terms += f"{', ' if terms else ''}contract {contract.get('included_minutes')} min{period}"
    return terms


def _list(args: argparse.Namespace) -> ExitCode:
    conn = open_store(reading=True)
    try:
        found = customers.list_all(conn, include_archived=args.all)
        partners: dict[int, list[PartnerMapping]] = defaultdict(list)
        for mapping in mappings.list_all(conn):
            partners[mapping.customer_id].append(mapping)
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
                "partners": [
                    {"app": m.app, "partner_id": m.partner_id, "partner_name": m.partner_name}
                    for m in partners[c.id]
                ],
            }
            for c in found
        ]
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return ExitCode.OK
    if not found:
        write_lines(["no customers yet: trayclock customers import FILE.csv"])
        return ExitCode.OK
    width = max(len(c.key) for c in found)
    lines = []
    for c in found:
        archived = " (archived)" if c.archived else ""
        mine = partners[c.id]
        parts = [f"{c.key:<{width}}  {c.name}{archived}  [{count(len(mine), 'partner')}]"]
        if terms := _terms(c):
            parts.append(terms)
        if c.external_ids:
            ids = ", ".join(f"{k}={v}" for k, v in sorted(c.external_ids.items()))
            parts.append(f"backend ids: {ids}")
        if mine:
            parts.append(f"partners: {_partners_text(mine)}")
        lines.append("  ".join(parts))
    write_lines(lines)
    return ExitCode.OK
