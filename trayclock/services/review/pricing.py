"""Snapshot → priced DayView: the review window's use of the one pricing path (no Qt).

Pure data in, pure data out, so it can run on a worker thread: it touches neither widgets
nor the database. The billing input, the rule for unattached and running entries and the
totals are `trayclock.domain.pricing`'s, the same as `trayclock export` prices by; this
module adds only what the window needs on top: rows to show and overlap partners to name.
The snapshot brings its history as `trayclock.services.balances` reads it for the export too:
the entries since the quiet moment before the range and the hours banks' balances there.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Sequence
from dataclasses import replace
from datetime import datetime, time
from decimal import Decimal
from fractions import Fraction

from trayclock.domain.billing import price
from trayclock.domain.entry import Entry
from trayclock.domain.model import BillingInput, BillingResult, Status
from trayclock.domain.overlap import overlap_partners, spans_of
from trayclock.domain.pricing import (
    UNATTACHED_KEY,
    PricedRow,
    PriceState,
    RangeTotal,
    billing_input,
    priced_rows,
    range_totals,
    with_balances,
)
from trayclock.services.review.rows import (
    BusinessHours,
    CustomerTotal,
    DayView,
    ReviewRow,
    RowStatus,
)
from trayclock.services.review.source import Snapshot

MAX_PARTNERS = 8  # overlapping sessions a row names (the count of pairs stays exact)
_NO_AMOUNT = Decimal("0.00")  # shared: made once, not once per unpriced row
_STATUS = {
    Status.BILLED: RowStatus.BILLED,
    Status.FREE: RowStatus.FREE,
    Status.NEEDS_REVIEW: RowStatus.NEEDS_REVIEW,
    Status.MERGED: RowStatus.MERGED,
    Status.NON_BILLABLE: RowStatus.NON_BILLABLE,
}
# Rows whose old price is kept while the day is priced again, when the entry did not change.
_AWAITING_PRICE = (RowStatus.PRICING, RowStatus.UNATTACHED)


def snapshot_input(snapshot: Snapshot) -> BillingInput:
    """The engine's input for the snapshot: its history first, then the shown days, each
    hours bank starting from the balance the snapshot carries."""
    entries: Sequence[Entry] = (*snapshot.context, *snapshot.shown)
    inp = billing_input(entries, snapshot.customer_by_id(), snapshot.policy)
    return with_balances(inp, snapshot.balances) if snapshot.balances else inp


def price_snapshot(snapshot: Snapshot) -> BillingResult:
    """Run the billing engine over the (complete) snapshot; raises BillingInputError on a bad
    policy. The same prices as pricing every earlier entry with the shown ones."""
    return price(snapshot_input(snapshot))


def carry_key(snapshot: Snapshot) -> Hashable | None:
    """What `carried_balances` of the snapshot depend on (None: its history cannot be
    carried): once worked out, an edit of the shown days prices only them.

    The earlier entries touch the shown ones only through contract balances when none of
    them runs into the range (concurrency and merging look only at entries sharing time)
    and the range lies in one month (a monthly quota starts afresh with each)."""
    if not snapshot.context or (snapshot.first_day.year, snapshot.first_day.month) != (
        snapshot.last_day.year,
        snapshot.last_day.month,
    ):
        return None
    start = datetime.combine(snapshot.first_day, time(0), snapshot.zone)
    if any(e.end is not None and e.end > start for e in snapshot.context):
        return None
    terms = [(c.id, c.key, c.policy, c.contract) for c in snapshot.customers]
    basis = json.dumps([snapshot.policy, terms], sort_keys=True, default=str)
    return (start, basis, snapshot.context, tuple(sorted(snapshot.balances.items())))


def carried_balances(snapshot: Snapshot) -> dict[str, Fraction]:
    """What each contract has left when the shown range starts: its earlier entries priced
    alone (from the balances the snapshot carries). A monthly quota carries over only from
    the range's own month: a customer whose last earlier entry is in another starts full."""
    result = price(snapshot_input(replace(snapshot, shown=())))
    month = (snapshot.first_day.year, snapshot.first_day.month)
    latest: dict[str, tuple[int, int]] = {}  # the month of each customer's last priced entry
    for priced_entry in result.entries:
        local = priced_entry.entry.start.astimezone(snapshot.zone)
        key = priced_entry.entry.customer
        latest[key] = max(latest.get(key, (0, 0)), (local.year, local.month))
    balances = dict(snapshot.balances)
    for customer in snapshot.customers:
        total = result.customers.get(customer.key)
        if not customer.contract or total is None or total.contract_balance is None:
            continue
        if customer.contract.get("period") == "month" and latest.get(customer.key) != month:
            continue
        balances[customer.key] = total.contract_balance
    return balances


def carried(snapshot: Snapshot, balances: dict[str, Fraction]) -> Snapshot:
    """The snapshot priced from `balances` (`carried_balances`) instead of its history."""
    return replace(snapshot, context=(), balances=balances)


def unpriced_view(snapshot: Snapshot, generation: int, previous: DayView | None = None) -> DayView:
    """The rows before pricing: last known prices kept where the entry did not change."""
    return build_view(snapshot, None, generation, previous)


def build_view(
    snapshot: Snapshot,
    result: BillingResult | None,
    generation: int,
    previous: DayView | None = None,
) -> DayView:
    currency = (
        result.currency if result is not None else str(snapshot.policy.get("currency", "USD"))
    )
    priced = priced_rows(snapshot.shown, snapshot.customer_by_id(), result)
    overlaps, pair_count = overlap_partners(spans_of(snapshot.shown, snapshot.now), MAX_PARTNERS)
    rows = []
    for item in priced:
        row = _row(item, overlaps, snapshot.now, currency)
        if result is None and previous is not None and row.status in _AWAITING_PRICE:
            old = previous.row(row.id)
            if old is not None and _same_entry(old, row):
                row = old
        rows.append(row)
    totals = (
        _customer_totals(range_totals(priced, result, snapshot.now, snapshot.balances))
        if result is not None
        else ()
    )
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


def with_running_times(view: DayView, now: datetime) -> DayView | None:
    """The view with its running entries' time "so far" moved to `now`, and nothing priced
    again: running entries get no price until they end, so no other figure changes. None when
    nothing shown is running."""
    if not any(row.running for row in view.rows):
        return None
    rows = tuple(replace(row, end=max(now, row.start)) if row.running else row for row in view.rows)
    return replace(view, rows=rows)


def _same_entry(old: ReviewRow, new: ReviewRow) -> bool:
    return (old.start, old.end, old.customer_id, old.billable, old.approved, old.pauses) == (
        new.start,
        new.end,
        new.customer_id,
        new.billable,
        new.approved,
        new.pauses,
    )


def _status(item: PricedRow) -> RowStatus:
    if item.state is PriceState.DISCARDED:
        return RowStatus.DISCARDED
    if item.state is PriceState.RUNNING:
        return RowStatus.RUNNING
    if item.state is PriceState.EMPTY:
        return RowStatus.EMPTY
    if item.customer is None:
        return RowStatus.UNATTACHED  # priced by the company policy, still to be attached
    if item.priced is None:
        return RowStatus.PRICING
    return _STATUS[item.priced.status]


def _row(
    item: PricedRow, overlaps: dict[str, list[str]], now: datetime, currency: str
) -> ReviewRow:
    entry, customer, priced = item.entry, item.customer, item.priced
    contract = (customer.contract or {}) if customer is not None else {}
    partners = overlaps.get(entry.uuid)
    return ReviewRow(
        id=entry.uuid,
        start=entry.start,
        end=entry.end or max(now, entry.start),
        app=entry.source,
        partner=entry.partner_name or entry.partner_id or "",
        customer=customer.name if customer is not None else None,
        ticket=entry.ticket or "",
        notes=entry.notes,
        billable=entry.billable and not entry.attempt,
        approved=entry.approved,
        reviewed=entry.reviewed,
        sync_state=str(entry.sync_state),
        status=_status(item),
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
        paused_minutes=float(priced.paused_minutes)
        if priced is not None
        else entry.paused(now).total_seconds() / 60,
        pauses=entry.pauses,
    )


def _customer_totals(totals: Sequence[RangeTotal]) -> tuple[CustomerTotal, ...]:
    """The one totals function's lines as the window shows them: customers by name, then the
    line of every entry without a customer."""
    lines = [
        CustomerTotal(
            customer=total.customer.name if total.customer is not None else "",
            billed_minutes=total.billed_minutes,
            amount=total.amount,
            covered_minutes=float(total.covered_minutes),
            contract_remaining=None
            if total.contract_balance is None
            else float(total.contract_balance),
            needs_review=total.needs_review,
            entries=total.entries,
            unattached=total.key == UNATTACHED_KEY,
        )
        for total in totals
    ]
    return tuple(sorted(lines, key=lambda t: (t.unattached, t.customer.lower())))
