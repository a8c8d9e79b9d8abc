"""`trayclock customers import FILE.csv`: a customers CSV read, judged and imported, all or
nothing, idempotently.

The file: UTF-8 (a BOM is fine), comma, semicolon or tab separated, a header row whose
column names ignore case (`Name` = `name`). Columns: `name` (required), `key` (default:
derived from the name, trayclock.domain.customer_key), the policy fields of
billing-rules.md (`rate`, `currency`, `increment_minutes`, `rounding`,
`free_under_minutes`, `minimum_minutes`, `minimum_charge`, `review_over_minutes`,
`after_hours_multiplier`), `contract_minutes` + `contract_period`, `id:<backend>` for
external ids (e.g. `id:kimai`), and `partners` (`anydesk:123 456 789 teamviewer:987654321`,
grouped digits joined) to seed partner mappings. Empty cells mean "not set". Problems name
the file and the line, in file order; the reading itself is trayclock.store.csv_table's.

Which customer a row is: the one its `key` names; without a key, the customer its name
names ignoring case and accents (trayclock.store.customers), so "ACME Industries" updates
the "Acme Industries" already there instead of adding a second one; a name matching
several customers is refused (add a key). A new row creates a customer.

A partner already mapped to another customer is not moved silently: the import is refused,
naming it, unless `move_partners` is given; moves are listed in the summary.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from trayclock.domain.billing import BillingInputError
from trayclock.domain.billing_input import POLICY_FIELDS, parse_document
from trayclock.domain.customer_key import customer_key
from trayclock.domain.entry import Customer
from trayclock.domain.partner_id import group_id, parse_partner_list
from trayclock.domain.session import APPS
from trayclock.store import customers, mappings
from trayclock.store.csv_table import read_table
from trayclock.store.db import transaction
from trayclock.store.importing import ImportProblems

WHOLE_MINUTE_FIELDS = frozenset({"increment_minutes", "minimum_minutes"})
MINUTE_FIELDS = frozenset({"free_under_minutes", "review_over_minutes"})
EXTERNAL_ID_PREFIX = "id:"
MAX_NUMBER_CHARS = 32  # a number's text, as the billing engine reads it
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


@dataclass(frozen=True, slots=True)
class CustomerRow:
    line: int
    key: str
    name: str
    policy: dict[str, Any]
    contract: dict[str, Any] | None
    external_ids: dict[str, str]
    partners: list[tuple[str, str]]
    keyed: bool = False  # the key came from the file's `key` column, not from the name


class PartnerMove(NamedTuple):
    app: str
    partner_id: str
    before: Customer
    after_name: str

    def describe(self) -> str:
        return (
            f"{self.app} {group_id(self.partner_id)} from {self.before.name} [{self.before.key}] "
            f"to {self.after_name}"
        )


class CustomersImported(NamedTuple):
    created: int
    updated: int
    moved: tuple[PartnerMove, ...] = ()


class _Problems:
    """Problems with the line they are on, given out in file order."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.found: list[tuple[int, int, str]] = []

    def add(self, line: int, text: str) -> None:
        self.found.append((line, len(self.found), f"{self.label}: line {line}: {text}"))

    def lines(self) -> list[str]:
        return [text for _, _, text in sorted(self.found)]


def parse_customers_csv(text: str, *, label: str) -> list[CustomerRow]:
    """Parse and validate the whole file; ImportProblems names file, line and column."""
    table = read_table(text)
    if table.problems:
        raise ImportProblems([f"{label}: {problem}" for problem in table.problems])
    if "name" not in table.header:
        raise ImportProblems([f"{label}: line 1: the header has no 'name' column"])
    problems = _Problems(label)
    rows: list[CustomerRow] = []
    seen: dict[str, int] = {}
    for record in table.rows:
        row = _customer_row(record.cells, record.line, problems)
        if row is None:
            continue
        same = customers.folded(row.key if row.keyed else row.name)
        if row.key in seen or same in seen:
            earlier = seen.get(row.key, seen.get(same))
            problems.add(row.line, f"key: {row.key!r} already on line {earlier}")
        seen.setdefault(row.key, row.line)
        seen.setdefault(same, row.line)
        rows.append(row)
    _terms_problems(rows, problems)
    if problems.found:
        raise ImportProblems(problems.lines())
    return rows


def _customer_row(cells: dict[str, str], line: int, problems: _Problems) -> CustomerRow | None:
    name = cells.get("name", "")
    if not name:
        problems.add(line, "name: missing")
        return None
    key = cells.get("key") or customer_key(name)
    policy: dict[str, Any] = {}
    for column in POLICY_FIELDS:
        value = cells.get(column, "")
        if not value or column == "business_hours":
            continue
        if column in WHOLE_MINUTE_FIELDS or column in MINUTE_FIELDS:
            number = _number(value)
            if number is None:
                problems.add(line, f"{column}: must be a number of minutes, got {value[:40]!r}")
                continue
            policy[column] = number
        else:
            # Tolerate a decimal comma ("80,00"), as spreadsheets in much of Europe write it.
            policy[column] = value.replace(",", ".") if _DECIMAL_COMMA.fullmatch(value) else value
    contract = None
    minutes, period = cells.get("contract_minutes", ""), cells.get("contract_period", "")
    if minutes or period:
        number = _number(minutes) if minutes else None
        if number is None:
            problems.add(line, f"contract_minutes: must be a number, got {minutes[:40]!r}")
        else:
            contract = {"included_minutes": number, "period": period or "once"}
    external = {
        column[len(EXTERNAL_ID_PREFIX) :]: value
        for column, value in cells.items()
        if column.startswith(EXTERNAL_ID_PREFIX) and value
    }
    listed = parse_partner_list(cells.get("partners", ""), APPS)
    for problem in listed.problems:
        problems.add(line, f"partners: {problem}")
    keyed = bool(cells.get("key"))
    return CustomerRow(line, key, name, policy, contract, external, listed.partners, keyed)


def _number(text: str) -> int | float | None:
    if len(text) > MAX_NUMBER_CHARS:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def _terms_problems(rows: list[CustomerRow], problems: _Problems) -> None:
    """Let the billing parser judge each row's policy and contract; map problems to lines."""
    doc: dict[str, Any] = {"customers": {}, "entries": []}
    for row in rows:
        terms: dict[str, Any] = {"policy": row.policy}
        if row.contract is not None:
            terms["contract"] = row.contract
        doc["customers"][row.key] = terms
    try:
        parse_document(doc)
    except BillingInputError as error:
        lines = {f"customer {row.key}": row.line for row in rows}
        for problem in error.problems:
            where, _, rest = problem.partition(": ")
            line = lines.get(where)
            if line is None:
                problems.add(1, problem)
            else:
                problems.add(line, rest)


def _target(known: list[Customer], row: CustomerRow, problems: _Problems) -> Customer | None:
    """The stored customer the row updates (None: a new one); ambiguity is a problem."""
    by_key = [c for c in known if c.key == row.key]
    if by_key or row.keyed:
        return by_key[0] if by_key else None
    named = customers.matching_in(known, row.name)
    if len(named) > 1:
        problems.add(
            row.line,
            f"name: {row.name[:40]!r} matches {len(named)} customers "
            f"({customers.describe(named)}); add a key column to say which",
        )
        return None
    return named[0] if named else None


def import_customers(
    conn: sqlite3.Connection,
    rows: list[CustomerRow],
    *,
    now: datetime,
    move_partners: bool = False,
    label: str = "<customers>",
) -> CustomersImported:
    """Create or update the customers and their partner mappings, all or nothing."""
    created = updated = 0
    moved: list[PartnerMove] = []
    problems = _Problems(label)
    with transaction(conn):
        known = customers.list_all(conn, include_archived=True)
        by_id = {c.id: c for c in known}
        listed: dict[tuple[str, str], int] = {}
        for row in rows:
            target = _target(known, row, problems)
            key = target.key if target else row.key
            customer = customers.upsert(
                conn,
                key,
                row.name,
                now=now,
                external_ids={**(target.external_ids if target else {}), **row.external_ids},
                policy=row.policy,
                contract=row.contract,
            )
            created += target is None
            updated += target is not None
            for app, partner_id in row.partners:
                shown = f"{app} {group_id(partner_id)}"
                if (app, partner_id) in listed:
                    problems.add(
                        row.line, f"partners: {shown} is on line {listed[app, partner_id]} too"
                    )
                listed[app, partner_id] = row.line
                mapping = mappings.lookup(conn, app, partner_id)
                before = by_id.get(mapping.customer_id) if mapping else None
                if before is not None and before.id != customer.id:
                    move = PartnerMove(app, partner_id, before, f"{row.name} [{key}]")
                    if not move_partners:
                        problems.add(
                            row.line,
                            f"partners: {shown} is {before.name}'s [{before.key}]; moving it "
                            f"to {row.name} needs --move-partners",
                        )
                        continue
                    moved.append(move)
                mappings.remember(conn, app, partner_id, customer.id, partner_name=None, now=now)
        if problems.found:
            raise ImportProblems(problems.lines())  # rolls the whole import back
    return CustomersImported(created, updated, tuple(moved))
