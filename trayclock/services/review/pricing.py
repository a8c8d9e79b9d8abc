"""Snapshot → priced DayView: the review window's use of the one pricing path (no Qt).

Pure data in, pure data out, so it can run on a worker thread: it touches neither widgets
nor the database. The billing input, the rule for unattached and running entries and the
totals are `trayclock.domain.pricing`'s, the same as `trayclock export` prices by; this
module adds only what the window needs on top: rows to show, overlap partners to name, and
pricing a range from carried contract balances instead of its whole history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def snapshot_input(snapshot: Snapshot, *, history: bool = True) -> BillingInput:
    """The engine's input for the snapshot: its history first (unless `history` is False),
    then the shown days."""
    entries: Sequence[Entry] = (*snapshot.context, *snapshot.shown) if history else snapshot.shown
    return billing_input(entries, snapshot.customer_by_id(), snapshot.policy)


def price_snapshot(
    snapshot: Snapshot, balances: Mapping[str, Fraction] | None = None
) -> BillingResult:
    """Run the billing engine over the snapshot (raises BillingInputError on a bad policy).

    With `balances` (from `contract_balances`, for a snapshot where `can_carry_balances`),
    only the shown entries are priced, each contract starting from what the history left:
    the same result for them as pricing the whole history again, in a fraction of the time.
    """
    if balances is None:
        return price(snapshot_input(snapshot))
    return price(with_balances(snapshot_input(snapshot, history=False), balances))


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
    result = price(billing_input(snapshot.context, snapshot.customer_by_id(), snapshot.policy))
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
        _customer_totals(range_totals(priced, result, snapshot.now)) if result is not None else ()
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
