"""Imports into the store: the billing-spec JSON document (policy, customers, entries) and a
customers CSV. Each import is one transaction — all or nothing — and idempotent.

Entries: the document is validated by the billing engine's own parser (the same rules that
will price it), so every problem names the entry id and the field. An entry `id` becomes the
entry's uuid: a UUID id is kept as it is, any other id maps to a stable uuid5, so importing
the same file twice changes nothing and a corrected file updates the entries (audited).
Besides the billing fields an entry may carry `source` (teamviewer, anydesk, rustdesk,
manual, import), `partner_id`, `partner_name`, `ticket` and `notes`. Its `pauses`, as the
billing spec spells them (validated by the same parser), become accepted pauses (origin
`import`); a re-import with other pauses replaces the accepted ones (suggestions that still
fit are kept), one with the same ones changes nothing.

Customers CSV: UTF-8 (a BOM is fine), comma, semicolon or tab separated, a header row.
Columns: `name` (required), `key` (default: derived from the name), the policy fields of
billing-rules.md (`rate`, `currency`, `increment_minutes`, `rounding`, `free_under_minutes`,
`minimum_minutes`, `minimum_charge`, `review_over_minutes`, `after_hours_multiplier`),
`contract_minutes` + `contract_period`, `id:<backend>` for external ids (e.g. `id:kimai`),
and `partners` (`anydesk:123456789 teamviewer:987654321`) to seed partner mappings.
Empty cells mean "not set". Problems name the file, the line and the column.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from trayclock.domain.billing import BillingInputError
from trayclock.domain.billing_input import POLICY_FIELDS, parse_document
from trayclock.domain.customer_key import customer_key
from trayclock.domain.entry import IMPORT_SOURCE, MANUAL_SOURCE, EndReason, Entry
from trayclock.domain.model import Pause
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState, accepted_spans, fit
from trayclock.domain.session import APPS
from trayclock.store import customers, entries, mappings, settings
from trayclock.store.db import StoreError, transaction

# Fixed forever: the same import id must always map to the same entry uuid.
IMPORT_NAMESPACE = uuidlib.UUID("6f1c7e2a-3b0d-4c55-9a7e-1d2b3c4d5e6f")
SOURCES = frozenset({*APPS, MANUAL_SOURCE, IMPORT_SOURCE})
TEXT_EXTRAS = ("partner_id", "partner_name", "ticket", "notes")
WHOLE_MINUTE_FIELDS = frozenset({"increment_minutes", "minimum_minutes"})
MINUTE_FIELDS = frozenset({"free_under_minutes", "review_over_minutes"})
EXTERNAL_ID_PREFIX = "id:"
CSV_DELIMITERS = ",;\t"
_UUID_SHAPE = re.compile(r"\{?[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}\}?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


class ImportProblems(StoreError):
    """The file is invalid; `.problems` has one line per problem. Nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    customers_created: int = 0
    policy_replaced: bool = False
    notes: list[str] = field(default_factory=list)


def entry_uuid_for(import_id: str) -> str:
    """A UUID id is kept (canonical form); any other id maps to a stable uuid5."""
    if _UUID_SHAPE.fullmatch(import_id):  # checked first: a failed UUID() parse is slow
        return str(uuidlib.UUID(import_id))
    return str(uuidlib.uuid5(IMPORT_NAMESPACE, import_id))


# --- entries (billing-spec JSON) -------------------------------------------------------------


def import_document(
    conn: sqlite3.Connection, doc: object, *, label: str, now: datetime
) -> ImportSummary:
    """Validate and import a billing input document; ImportProblems lists every problem."""
    raw_entries: list[dict[str, Any]] = []
    if isinstance(doc, dict) and isinstance(doc.get("entries"), list):
        raw_entries = doc["entries"]
    problems = [p for raw in raw_entries if isinstance(raw, dict) for p in _extra_problems(raw)]
    try:
        parsed = parse_document(doc)
    except BillingInputError as error:
        problems = error.problems + problems
    if problems:
        raise ImportProblems([f"{label}: {problem}" for problem in problems])
    assert isinstance(doc, dict)

    with transaction(conn):
        policy_replaced = False
        if doc.get("policy") and doc["policy"] != settings.policy(conn):
            settings.set_policy(conn, doc["policy"], now=now)
            policy_replaced = True
        terms: dict[str, Any] = doc.get("customers") or {}
        wanted = {e.customer for e in parsed.entries} | set(terms)
        existing = {c.key: c for c in customers.list_all(conn, include_archived=True)}
        created_customers = 0
        ids: dict[str, int] = {}
        for key in sorted(wanted):
            known = existing.get(key)
            if key in terms or known is None:
                spec = terms.get(key, {})
                customer = customers.upsert(
                    conn,
                    key,
                    known.name if known else key,
                    now=now,
                    external_ids=known.external_ids if known else None,
                    policy=spec.get("policy", known.policy if known else None),
                    contract=spec.get("contract", known.contract if known else None),
                )
                created_customers += known is None
                ids[key] = customer.id
            else:
                ids[key] = known.id
        uuids = [entry_uuid_for(e.id) for e in parsed.entries]
        stored = entries.get_many(conn, uuids)
        fresh: list[Entry] = []
        updated = unchanged = 0
        for raw, billing_entry, uuid in zip(raw_entries, parsed.entries, uuids, strict=True):
            entry = Entry(
                uuid=uuid,
                source=str(raw.get("source") or IMPORT_SOURCE),
                start=billing_entry.start,
                end=billing_entry.end,
                heartbeat=billing_entry.end,
                end_reason=EndReason.MANUAL,
                customer_id=ids[billing_entry.customer],
                billable=billing_entry.billable,
                approved=billing_entry.approved,
                reviewed=billing_entry.approved,
                partner_id=raw.get("partner_id"),
                partner_name=raw.get("partner_name"),
                ticket=raw.get("ticket"),
                notes=raw.get("notes") or "",
                pauses=_imported(billing_entry.pauses),
            )
            if entry.uuid not in stored:
                fresh.append(entry)
                continue
            changes = _changes(stored[entry.uuid], entry)
            if changes:
                entries.update(conn, entry.uuid, changes, reason=f"import {label}", now=now)
                updated += 1
            else:
                unchanged += 1
        entries.insert_many(conn, fresh, reason=f"import {label}", now=now)
    return ImportSummary(len(fresh), updated, unchanged, created_customers, policy_replaced)


def _extra_problems(raw: dict[str, Any]) -> list[str]:
    where = f"entry {raw.get('id')}"
    problems = []
    source = raw.get("source")
    if source is not None and source not in SOURCES:
        problems.append(f"{where}: source: must be one of {', '.join(sorted(SOURCES))}")
    for name in TEXT_EXTRAS:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            problems.append(f"{where}: {name}: must be text, got {type(value).__name__}")
    return problems


_IMPORTED_FIELDS = (
    "start",
    "end",
    "customer_id",
    "billable",
    "approved",
    "partner_id",
    "partner_name",
    "ticket",
    "notes",
    "discarded",
)


def _imported(pauses: tuple[Pause, ...]) -> tuple[EntryPause, ...]:
    return tuple(
        EntryPause(p.start, p.end, PauseState.ACCEPTED, PauseOrigin.IMPORT) for p in pauses
    )


def _changes(before: Entry, after: Entry) -> dict[str, Any]:
    after = after.with_changes(discarded=False)  # re-importing a line brings it back
    changes = {
        name: getattr(after, name)
        for name in _IMPORTED_FIELDS
        if getattr(before, name) != getattr(after, name)
    }
    if accepted_spans(before.pauses) != accepted_spans(after.pauses):
        # The file says which stretches were not worked; the stored suggestions and answers
        # that still fit beside them stay.
        taken = accepted_spans(after.pauses)
        others = [
            p
            for p in before.pauses
            if not p.accepted
            and not (p.live and any(p.start < high and low < p.end for low, high in taken))
        ]
        changes["pauses"] = fit((*after.pauses, *others), after.start, after.end)
    return changes


# --- customers (CSV) -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CustomerRow:
    line: int
    key: str
    name: str
    policy: dict[str, Any]
    contract: dict[str, Any] | None
    external_ids: dict[str, str]
    partners: list[tuple[str, str]]


def parse_customers_csv(text: str, *, label: str) -> list[CustomerRow]:
    """Parse and validate the whole file; ImportProblems names file, line and column."""
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    if "name" not in header:
        raise ImportProblems([f"{label}: line 1: the header has no 'name' column"])
    reader.fieldnames = header
    problems: list[str] = []
    rows: list[CustomerRow] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record:
            problems.append(f"{label}: line {line}: more cells than header columns")
        cells = {k: (v or "").strip() for k, v in record.items() if isinstance(k, str)}
        if not any(cells.values()):
            continue
        row = _customer_row(cells, line, label, problems)
        if row is None:
            continue
        if row.key in seen:
            problems.append(
                f"{label}: line {line}: key: {row.key!r} already on line {seen[row.key]}"
            )
        seen[row.key] = line
        rows.append(row)
    problems.extend(_terms_problems(rows, label))
    if problems:
        raise ImportProblems(problems)
    return rows


def _customer_row(
    cells: dict[str, str], line: int, label: str, problems: list[str]
) -> CustomerRow | None:
    where = f"{label}: line {line}"
    name = cells.get("name", "")
    if not name:
        problems.append(f"{where}: name: missing")
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
                problems.append(f"{where}: {column}: must be a number of minutes, got {value!r}")
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
            problems.append(f"{where}: contract_minutes: must be a number, got {minutes!r}")
        else:
            contract = {"included_minutes": number, "period": period or "once"}
    external = {
        column[len(EXTERNAL_ID_PREFIX) :]: value
        for column, value in cells.items()
        if column.startswith(EXTERNAL_ID_PREFIX) and value
    }
    partners = []
    for token in cells.get("partners", "").split():
        app, _, partner_id = token.partition(":")
        if app not in APPS or not partner_id:
            problems.append(f"{where}: partners: {token!r} is not app:ID (apps: {', '.join(APPS)})")
            continue
        partners.append((app, partner_id.replace(" ", "")))
    return CustomerRow(line, key, name, policy, contract, external, partners)


def _number(text: str) -> int | float | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def _terms_problems(rows: list[CustomerRow], label: str) -> list[str]:
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
        out = []
        for problem in error.problems:
            where, _, rest = problem.partition(": ")
            line = lines.get(where)
            out.append(f"{label}: line {line}: {rest}" if line else f"{label}: {problem}")
        return out
    return []


def import_customers(
    conn: sqlite3.Connection, rows: list[CustomerRow], *, now: datetime
) -> tuple[int, int]:
    """Create or update the customers (by key) and their partner mappings: (created, updated)."""
    created = updated = 0
    with transaction(conn):
        for row in rows:
            known = customers.by_key(conn, row.key)
            customer = customers.upsert(
                conn,
                row.key,
                row.name,
                now=now,
                external_ids={**(known.external_ids if known else {}), **row.external_ids},
                policy=row.policy,
                contract=row.contract,
            )
            created += known is None
            updated += known is not None
            for app, partner_id in row.partners:
                mappings.remember(conn, app, partner_id, customer.id, partner_name=None, now=now)
    return created, updated
