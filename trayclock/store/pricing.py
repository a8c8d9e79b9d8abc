"""Stored entries → the billing document of billing-rules.md → priced rows (export, review).

The document is built from the store exactly as the spec shapes it: the company policy from
the settings, each customer's policy overrides and contract, and one billing entry per
stored entry (id = entry uuid, customer = the customer's key, ISO times with offset,
billable, approved). Entries that cannot be priced yet are kept as rows with a status
instead: `running` (no end; priced up to `now` when the caller gives one) and `empty`
(zero length, which the billing spec does not accept).

Contract note: a `once` contract (hours bank) is priced from the balance at the start of
the rows given, as the billing engine defines it; the store does not carry a balance
forward from earlier periods.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trayclock.domain.billing import bill_document
from trayclock.domain.entry import Customer, Entry
from trayclock.store import customers, settings

UNASSIGNED_KEY = "(no customer)"  # billed by the company policy until a customer is attached
STATUS_RUNNING = "running"
STATUS_EMPTY = "empty"


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
    conn: sqlite3.Connection, rows: Sequence[Entry], *, now: datetime | None = None
) -> PricedSet:
    """Price these entries by the stored policy; raises billing's BillingInputError if the
    stored policy or a customer's terms are invalid."""
    by_id = {c.id: c for c in customers.list_all(conn, include_archived=True)}
    doc_entries: list[dict[str, Any]] = []
    doc_customers: dict[str, dict[str, Any]] = {}
    statuses: dict[str, str] = {}
    for entry in rows:
        customer = by_id.get(entry.customer_id) if entry.customer_id is not None else None
        key = customer.key if customer else UNASSIGNED_KEY
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
    return PricedSet(out, str(result["currency"]), list(result["overlaps"]), result["customers"])
