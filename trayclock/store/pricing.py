"""Stored entries → the billing document of billing-rules.md → priced rows (export, review).

The document is built from the store exactly as the spec shapes it: the company policy from
the settings, each customer's policy overrides and contract, and one billing entry per
stored entry (id = entry uuid, customer = the customer's key, ISO times with offset,
billable, approved). Entries that cannot be priced yet are kept as rows with a status
instead: `running` (no end; priced up to `now` when the caller gives one) and `empty`
(zero length, which the billing spec does not accept).

Context: a row's price can depend on entries outside the rows asked for — an hours bank
(`once`) is drawn down by all earlier entries, a monthly quota by the month's earlier
entries, and a session reaching in from the day before can cover (merge) a later one. The
caller reads those with `context_start` and passes them as `context`: they are priced with
the rows but not returned, and the totals count only the rows (the contract balance is the
one left after everything priced).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from trayclock.domain.billing import bill_document
from trayclock.domain.entry import Customer, Entry
from trayclock.store import customers, settings

UNASSIGNED_KEY = "(no customer)"  # billed by the company policy until a customer is attached
STATUS_RUNNING = "running"
STATUS_EMPTY = "empty"
CONTEXT_LOOKBACK = timedelta(days=1)  # a session reaching into a range from the day before
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def context_start(range_start: datetime, zone: tzinfo, terms: Sequence[Customer]) -> datetime:
    """Where the history that prices entries from `range_start` on begins (see module doc)."""
    periods = {str((c.contract or {}).get("period")) for c in terms if c.contract}
    if "once" in periods:
        return _EPOCH
    start = range_start - CONTEXT_LOOKBACK
    if "month" in periods:
        local = range_start.astimezone(zone)
        start = min(start, datetime.combine(local.date().replace(day=1), time(0), zone))
    return start


@dataclass(frozen=True, slots=True)
class PricedRow:
    """One entry with its customer and its priced result (`priced` is billing's output row)."""

    entry: Entry
    customer: Customer | None
    customer_key: str
    status: str
    priced: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PricedSet:
    rows: list[PricedRow]
    currency: str
    overlaps: list[dict[str, Any]]
    totals: dict[str, Any]


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def price_entries(
    conn: sqlite3.Connection,
    rows: Sequence[Entry],
    *,
    now: datetime | None = None,
    context: Sequence[Entry] = (),
) -> PricedSet:
    """Price these entries by the stored policy, in the light of `context` (earlier entries
    that draw on the same contracts; see `context_start`). Raises billing's
    BillingInputError if the stored policy or a customer's terms are invalid."""
    by_id = {c.id: c for c in customers.list_all(conn, include_archived=True)}
    doc_entries: list[dict[str, Any]] = []
    doc_customers: dict[str, dict[str, Any]] = {}
    statuses: dict[str, str] = {}
    wanted = {entry.uuid for entry in rows}
    for entry in [*(e for e in context if e.uuid not in wanted), *rows]:
        customer = by_id.get(entry.customer_id) if entry.customer_id is not None else None
        # Each unattached entry is its own billing customer: two unattached sessions at once
        # are most likely two customers, never one "merged" into the other.
        key = customer.key if customer else f"{UNASSIGNED_KEY} {entry.uuid}"
        end = entry.end if entry.end is not None else now
        if end is None:
            statuses[entry.uuid] = STATUS_RUNNING
            continue
        if end <= entry.start:
            statuses[entry.uuid] = STATUS_EMPTY
            continue
        if customer is not None and customer.key not in doc_customers:
            terms: dict[str, Any] = {"policy": customer.policy}
            if customer.contract is not None:
                terms["contract"] = customer.contract
            doc_customers[customer.key] = terms
        doc_entries.append(
            {
                "id": entry.uuid,
                "customer": key,
                "start": _iso(entry.start),
                "end": _iso(end),
                "billable": entry.billable and not entry.attempt,
                "approved": entry.approved,
            }
        )
    doc = {"policy": settings.policy(conn), "customers": doc_customers, "entries": doc_entries}
    result = bill_document(doc)  # also with no entries: the stored terms are checked anyway
    priced_by_id = {row["id"]: row for row in result["entries"]}
    out = []
    for entry in rows:
        customer = by_id.get(entry.customer_id) if entry.customer_id is not None else None
        priced = priced_by_id.get(entry.uuid, {})
        status = statuses.get(entry.uuid) or str(priced.get("status", ""))
        if entry.end is None and priced:
            status = STATUS_RUNNING  # priced so far, still running
        out.append(
            PricedRow(entry, customer, customer.key if customer else UNASSIGNED_KEY, status, priced)
        )
    overlaps = [o for o in result["overlaps"] if o["a"] in wanted or o["b"] in wanted]
    return PricedSet(out, str(result["currency"]), overlaps, _totals(out, result["customers"]))


def _totals(rows: Sequence[PricedRow], engine: dict[str, Any]) -> dict[str, Any]:
    """Per-customer totals of the rows alone, with the contract balance left after all."""
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        if not row.priced:
            continue
        total = totals.setdefault(
            row.customer_key,
            {"billed_minutes": 0, "chargeable_minutes": 0.0, "amount": Decimal("0.00"),
             "needs_review": 0,
             "contract_balance": engine.get(row.customer_key, {}).get("contract_balance")},
        )  # fmt: skip
        total["billed_minutes"] += row.priced["billed_minutes"]
        total["chargeable_minutes"] += row.priced["chargeable_minutes"]
        total["amount"] += Decimal(row.priced["amount"])
        total["needs_review"] += row.priced["status"] == "needs_review"
    return {
        key: {**total, "amount": f"{total['amount']:.2f}"} for key, total in sorted(totals.items())
    }
