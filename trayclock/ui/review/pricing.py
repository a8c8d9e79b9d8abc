"""Snapshot → priced DayView: the billing document, the engine's result, rows and totals (no Qt).

Pure data in, pure data out, so it can run on a worker thread: it touches neither widgets
nor the database.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, time
from decimal import Decimal
from fractions import Fraction
from itertools import islice
from types import MappingProxyType
from typing import Any

from trayclock.domain.billing import parse_document, price
from trayclock.domain.entry import Customer, Entry
from trayclock.domain.model import BillingResult, PricedEntry, Status
from trayclock.ui.review.rows import BusinessHours, CustomerTotal, DayView, ReviewRow, RowStatus
from trayclock.ui.review.source import Snapshot

MAX_PARTNERS = 8  # overlapping sessions a row names (the count of pairs stays exact)
_NO_AMOUNT = Decimal("0.00")  # shared: made once, not once per unpriced row
_STATUS = {
    Status.BILLED: RowStatus.BILLED,
    Status.FREE: RowStatus.FREE,
    Status.NEEDS_REVIEW: RowStatus.NEEDS_REVIEW,
    Status.MERGED: RowStatus.MERGED,
    Status.NON_BILLABLE: RowStatus.NON_BILLABLE,
}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def priceable(entry: Entry) -> bool:
    """The engine prices ended, kept entries that have a customer."""
    return entry.end is not None and not entry.discarded and entry.customer_id is not None


def billing_document(snapshot: Snapshot) -> dict[str, Any]:
    """The billing-rules.md input for the snapshot: context history first, then the shown days."""
    by_id = snapshot.customer_by_id()
    entries = []
    for entry in (*snapshot.context, *snapshot.shown):
        if not priceable(entry):
            continue
        assert entry.end is not None and entry.customer_id is not None
        entries.append(
            {
                "id": entry.uuid,
                "customer": by_id[entry.customer_id].key,
                "start": _iso(entry.start),
                "end": _iso(entry.end),
                # a refused attempt is kept visible but never billed
                "billable": entry.billable and not entry.attempt,
                "approved": entry.approved,
            }
        )
    customers: dict[str, Any] = {}
    for customer in snapshot.customers:
        terms: dict[str, Any] = {}
        if customer.policy:
            terms["policy"] = dict(customer.policy)
        if customer.contract:
            terms["contract"] = dict(customer.contract)
        if terms:
            customers[customer.key] = terms
    return {"policy": dict(snapshot.policy), "customers": customers, "entries": entries}


def price_snapshot(
    snapshot: Snapshot, balances: Mapping[str, Fraction] | None = None
) -> BillingResult:
    """Run the billing engine over the snapshot (raises BillingInputError on a bad policy).

    With `balances` (from `contract_balances`, for a snapshot where `can_carry_balances`),
    only the shown entries are priced, each contract starting from what the history left:
    the same result for them as pricing the whole history again, in a fraction of the time.
    """
    if balances is None:
        return price(parse_document(billing_document(snapshot)))
    inp = parse_document(billing_document(replace(snapshot, context=())))
    customers = dict(inp.customers)
    for key, left in balances.items():
        terms = customers.get(key)
        if terms is not None and terms.contract is not None:
            customers[key] = replace(terms, contract=replace(terms.contract, included_minutes=left))
    return price(replace(inp, customers=MappingProxyType(customers)))


def can_carry_balances(snapshot: Snapshot) -> bool:
    """Whether the history touches the shown entries only through contract balances.

    It does when no earlier entry is still running at the start of the range (concurrency
    and merging only look at entries that share time) and a monthly quota does not start
    afresh inside the range. Earlier entries draw from contracts first (order of start), so
    their draws do not depend on the shown entries.
    """
    range_start = datetime.combine(snapshot.first_day, time(0), snapshot.zone)
    if any(e.end is None or e.end > range_start for e in snapshot.context if not e.discarded):
        return False
    monthly = any((c.contract or {}).get("period") == "month" for c in snapshot.customers)
    spans_months = (snapshot.first_day.year, snapshot.first_day.month) != (
        snapshot.last_day.year,
        snapshot.last_day.month,
    )
    return not (monthly and spans_months)


def contract_balances(snapshot: Snapshot) -> dict[str, Fraction]:
    """What each contract has left when the shown range starts: the history priced alone.

    A monthly quota carries over only within the range's month; a customer whose last
    earlier entry is in another month starts the range's month with the full quota.
    """
    result = price(parse_document(billing_document(replace(snapshot, shown=()))))
    by_id = snapshot.customer_by_id()
    month = (snapshot.first_day.year, snapshot.first_day.month)
    latest: dict[str, tuple[int, int]] = {}
    for entry in snapshot.context:
        if entry.customer_id is None or entry.customer_id not in by_id:
            continue
        local = entry.start.astimezone(snapshot.zone)
        key = by_id[entry.customer_id].key
        latest[key] = max(latest.get(key, (0, 0)), (local.year, local.month))
    balances: dict[str, Fraction] = {}
    for customer in snapshot.customers:
        total = result.customers.get(customer.key)
        if not customer.contract or total is None or total.contract_balance is None:
            continue
        if customer.contract.get("period") == "month" and latest.get(customer.key) != month:
            continue
        balances[customer.key] = total.contract_balance
    return balances


def overlap_pairs(entries: list[Entry], now: datetime) -> tuple[dict[str, list[str]], int]:
    """Who shares time with whom (counted entries, any customer, attached or not), and how many
    pairs there are. A sweep by start; each entry names at most MAX_PARTNERS others, so a
    dense range (dozens of sessions at once) costs O(n log n), not one step per pair."""
    counted = sorted(
        (e for e in entries if e.billable and not e.attempt and not e.discarded),
        key=lambda e: (e.start, e.uuid),
    )
    partners: dict[str, list[str]] = defaultdict(list)
    ends: list[tuple[datetime, str]] = []  # heap of (end, uuid) of the entries still running
    active: dict[str, None] = {}  # running entries, earliest start first
    open_slots: dict[str, None] = {}  # running entries that name fewer than MAX_PARTNERS
    pairs = 0
    for entry in counted:
        while ends and ends[0][0] <= entry.start:
            ended = heapq.heappop(ends)[1]
            active.pop(ended, None)
            open_slots.pop(ended, None)
        pairs += len(active)
        mine = partners[entry.uuid]
        mine.extend(islice(active, MAX_PARTNERS))
        for other in list(open_slots):
            theirs = partners[other]
            theirs.append(entry.uuid)
            if len(theirs) >= MAX_PARTNERS:
                del open_slots[other]
        active[entry.uuid] = None
        if len(mine) < MAX_PARTNERS:
            open_slots[entry.uuid] = None
        heapq.heappush(ends, (entry.end or now, entry.uuid))
    return partners, pairs


def unpriced_view(snapshot: Snapshot, generation: int, previous: DayView | None = None) -> DayView:
    """The rows before pricing: last known prices kept where the entry did not change."""
    return build_view(snapshot, None, generation, previous)


def build_view(
    snapshot: Snapshot,
    result: BillingResult | None,
    generation: int,
    previous: DayView | None = None,
) -> DayView:
    by_id = snapshot.customer_by_id()
    priced: dict[str, PricedEntry] = (
        {} if result is None else {p.entry.id: p for p in result.entries}
    )
    currency = (
        result.currency if result is not None else str(snapshot.policy.get("currency", "USD"))
    )
    overlaps, pair_count = overlap_pairs(list(snapshot.shown), snapshot.now)
    rows = []
    for entry in snapshot.shown:
        customer = by_id.get(entry.customer_id) if entry.customer_id is not None else None
        row = _row(entry, customer, priced.get(entry.uuid), overlaps, snapshot.now, currency)
        if result is None and previous is not None and row.status is RowStatus.PRICING:
            old = previous.row(entry.uuid)
            if old is not None and _same_entry(old, row):
                row = old
        rows.append(row)
    totals = _totals(rows, result, by_id) if result is not None else ()
    return DayView(
        first_day=snapshot.first_day,
        last_day=snapshot.last_day,
        zone=snapshot.zone,
        rows=tuple(rows),
        totals=totals,
        business_hours=BusinessHours.from_policy(snapshot.policy.get("business_hours")),
        currency=currency,
        generation=generation,
        priced=result is not None,
        overlap_pairs=pair_count,
    )


def _same_entry(old: ReviewRow, new: ReviewRow) -> bool:
    return (old.start, old.end, old.customer_id, old.billable, old.approved) == (
        new.start,
        new.end,
        new.customer_id,
        new.billable,
        new.approved,
    )


def _row(
    entry: Entry,
    customer: Customer | None,
    priced: PricedEntry | None,
    overlaps: dict[str, list[str]],
    now: datetime,
    currency: str,
) -> ReviewRow:
    end = entry.end or max(now, entry.start)
    if entry.discarded:
        status = RowStatus.DISCARDED
    elif entry.end is None:
        status = RowStatus.RUNNING
    elif customer is None:
        status = RowStatus.UNATTACHED
    elif priced is None:
        status = RowStatus.PRICING
    else:
        status = _STATUS[priced.status]
    contract = (customer.contract or {}) if customer is not None else {}
    partners = overlaps.get(entry.uuid)
    return ReviewRow(
        id=entry.uuid,
        start=entry.start,
        end=end,
        app=entry.source,
        partner=entry.partner_name or entry.partner_id or "",
        customer=customer.name if customer is not None else None,
        ticket=entry.ticket or "",
        notes=entry.notes,
        billable=entry.billable and not entry.attempt,
        approved=entry.approved,
        reviewed=entry.reviewed,
        sync_state=str(entry.sync_state),
        status=status,
        billed_minutes=priced.billed_minutes if priced is not None else 0,
        amount=priced.amount if priced is not None else _NO_AMOUNT,
        covered_minutes=float(priced.covered_minutes) if priced is not None else 0.0,
        explanation=tuple(priced.why) if priced is not None else (),
        overlaps_with=tuple(sorted(partners)) if partners else (),
        currency=currency,
        customer_key=customer.key if customer is not None else None,
        customer_id=customer.id if customer is not None else None,
        contract_period=str(contract.get("period")) if contract else None,
        discarded=entry.discarded,
        running=entry.end is None,
    )


def _totals(
    rows: list[ReviewRow], result: BillingResult, by_id: dict[int, Customer]
) -> tuple[CustomerTotal, ...]:
    """Per customer over the shown rows; the contract balance is the engine's, after the range."""
    grouped: dict[str, list[ReviewRow]] = defaultdict(list)
    for row in rows:
        if row.customer_key is not None and not row.discarded:
            grouped[row.customer_key].append(row)
    totals = []
    for key, items in grouped.items():
        engine = result.customers.get(key)
        balance: Fraction | None = engine.contract_balance if engine is not None else None
        totals.append(
            CustomerTotal(
                customer=items[0].customer or key,
                billed_minutes=sum(r.billed_minutes for r in items),
                amount=sum((r.amount for r in items), Decimal("0.00")),
                covered_minutes=sum(r.covered_minutes for r in items),
                contract_remaining=None if balance is None else float(balance),
                needs_review=sum(1 for r in items if r.status is RowStatus.NEEDS_REVIEW),
                entries=len(items),
            )
        )
    return tuple(sorted(totals, key=lambda t: t.customer.lower()))
