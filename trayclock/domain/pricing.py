"""Stored entries → the billing engine's input → priced rows and totals: the one pricing path.

`trayclock export`, the review window, the tray's "today" and (to come) sync and statements
all price through here, so no two of them can price the same day differently.

The rule for the entries billing-rules.md does not take as they are:

- **Unattached** (no customer yet): priced as a customer of its own under the company
  policy (billing key `UNATTACHED_KEY` + " " + its uuid). The technician sees what the
  session is worth before attaching it, and a day's total never silently lacks its time.
  Each is its own customer because two unattached sessions at once are most likely two
  customers: one must never be merged into the other. Totals add them up under
  `UNATTACHED_KEY`. Attaching a customer re-prices it by that customer's terms.
- **Running** (no end yet): listed with `PriceState.RUNNING` and not priced: its time so far
  counts in the totals' `worked` time and `running` count, never in billed minutes or money,
  and it takes no part in the other entries' concurrency, merging or contract draws until it
  ends. A price for unfinished work is one nobody can bill: it changes every minute, jumps at
  each increment and at the review threshold, and an export or a statement holding it would
  show the payer an amount that is not the one they will be charged. So every priced figure
  is final for the entries as stored, and an export does not depend on the moment it is made.
- **Empty** (ends where it starts, or its accepted pauses cover all of it): the spec refuses
  it; `PriceState.EMPTY`, not priced.
- **Pauses**: an entry's accepted pauses go to the engine (billing-rules.md `pauses`: one
  call, rounded once, one minimum); suggested ones never change a price until accepted.
- **Discarded**: never priced (`PriceState.DISCARDED`); callers normally leave them out.
- A refused attempt is priced as non-billable: kept visible, never billed.

History: a price in a range can depend on earlier entries (an hours bank, a monthly quota,
a session still running when the range starts). Which ones, and the balances that stand in
for the years before, are `trayclock.domain.history`'s rule; `price_range` prices those
entries with the range's but never returns them, and the totals count only the range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from trayclock.domain.billing import parse_document, price
from trayclock.domain.entry import Customer, Entry, customers_by_id
from trayclock.domain.model import (
    BillingEntry,
    BillingInput,
    BillingResult,
    CustomerTotal,
    Overlap,
    Pause,
    PricedEntry,
    Status,
)
from trayclock.domain.pauses import accepted_spans, fit, leaves_worked_time

UNATTACHED_KEY = "(no customer)"  # the totals' line for every entry without a customer
_NO_MONEY = Decimal("0.00")


class PriceState(StrEnum):
    """Whether the engine prices an entry, and if not, why not (see the module docstring)."""

    PRICED = "priced"
    RUNNING = "running"
    EMPTY = "empty"
    DISCARDED = "discarded"


def price_state(entry: Entry) -> PriceState:
    if entry.discarded:
        return PriceState.DISCARDED
    if entry.end is None:
        return PriceState.RUNNING
    if entry.end <= entry.start or not leaves_worked_time(entry.start, entry.end, entry.pauses):
        return PriceState.EMPTY
    return PriceState.PRICED


def billing_key(entry: Entry, customer: Customer | None) -> str:
    """The customer the engine prices the entry for: its own, or one of its own if unattached."""
    return customer.key if customer is not None else f"{UNATTACHED_KEY} {entry.uuid}"


def _customer_of(entry: Entry, by_id: Mapping[int, Customer]) -> Customer | None:
    return by_id.get(entry.customer_id) if entry.customer_id is not None else None


def _terms(customer: Customer) -> dict[str, Any]:
    terms: dict[str, Any] = {}
    if customer.policy:
        terms["policy"] = dict(customer.policy)
    if customer.contract:
        terms["contract"] = dict(customer.contract)
    return terms


def billing_input(
    entries: Iterable[Entry],
    customers: Iterable[Customer] | Mapping[int, Customer],
    policy: Mapping[str, Any],
) -> BillingInput:
    """The engine's input for the entries it prices (`price_state` PRICED), in the order given.

    The company `policy` and the stored terms of the customers these entries bill to are
    checked by the engine's own parser (BillingInputError lists every problem); a customer
    nothing here bills to cannot stop a day from being priced.
    """
    by_id = customers_by_id(customers)
    terms: dict[str, dict[str, Any]] = {}
    billed: list[BillingEntry] = []
    for entry in entries:
        if price_state(entry) is not PriceState.PRICED:
            continue
        assert entry.end is not None
        customer = _customer_of(entry, by_id)
        if customer is not None and customer.key not in terms:
            terms[customer.key] = _terms(customer)
        billed.append(
            BillingEntry(
                id=entry.uuid,
                customer=billing_key(entry, customer),
                start=entry.start,
                end=entry.end,
                billable=entry.billable and not entry.attempt,
                approved=entry.approved,
                pauses=_engine_pauses(entry),
            )
        )
    checked = parse_document({"policy": dict(policy), "customers": terms, "entries": []})
    return replace(checked, entries=tuple(billed))


def _engine_pauses(entry: Entry) -> tuple[Pause, ...]:
    """The entry's accepted pauses as the engine takes them (the store keeps them inside the
    entry; trimmed again here so no hand-edited row can stop a day from being priced)."""
    if not entry.pauses:
        return ()
    return tuple(Pause(*span) for span in accepted_spans(fit(entry.pauses, entry.start, entry.end)))


def with_balances(inp: BillingInput, balances: Mapping[str, Fraction]) -> BillingInput:
    """The input with each named contract starting from `balances[key]` instead of its full
    amount: what earlier entries left (for pricing a range without pricing its history again)."""
    customers = dict(inp.customers)
    for key, left in balances.items():
        terms = customers.get(key)
        if terms is not None and terms.contract is not None:
            customers[key] = replace(terms, contract=replace(terms.contract, included_minutes=left))
    return replace(inp, customers=MappingProxyType(customers))


@dataclass(frozen=True, slots=True)
class PricedRow:
    """One entry of a range, its customer, and its priced result (None unless PRICED and priced)."""

    entry: Entry
    customer: Customer | None
    state: PriceState
    priced: PricedEntry | None

    @property
    def total_key(self) -> str:
        """The totals line it counts in: its customer's key, or UNATTACHED_KEY."""
        return self.customer.key if self.customer is not None else UNATTACHED_KEY


@dataclass(frozen=True, slots=True)
class RangeTotal:
    """One customer's figures over a range (or every unattached entry's, key UNATTACHED_KEY).

    `worked` is the worked time of its entries (`Entry.counted_work`: their accepted pauses
    left out, refused attempts left out, running ones up to the `now` the totals were made
    at; the tray's "today so far" is the same sum over a day's entries); the priced
    figures count priced entries only.
    `contract_balance` is the engine's: what the contract has left after everything priced.
    """

    key: str
    customer: Customer | None
    entries: int
    running: int
    worked: timedelta
    billed_minutes: int
    chargeable_minutes: Fraction
    covered_minutes: Fraction
    amount: Decimal
    needs_review: int
    contract_balance: Fraction | None


@dataclass(frozen=True, slots=True)
class PricedRange:
    """A range priced: its rows in the order asked for, the overlaps touching them, totals."""

    currency: str
    rows: tuple[PricedRow, ...]
    overlaps: tuple[Overlap, ...]
    totals: tuple[RangeTotal, ...]
    result: BillingResult
    carried: Mapping[str, Fraction] = field(default_factory=dict)  # the balances it began with

    def balance_after(self, key: str) -> Fraction | None:
        """What `key`'s contract has left after the range (and its history): the engine's
        figure if the customer was priced, else the balance it was carried in with."""
        total = self.result.customers.get(key)
        if total is not None and total.contract_balance is not None:
            return total.contract_balance
        return self.carried.get(key)


def priced_rows(
    entries: Iterable[Entry],
    customers: Iterable[Customer] | Mapping[int, Customer],
    result: BillingResult | None,
) -> tuple[PricedRow, ...]:
    """The entries as rows with their price from `result` (None: not priced yet)."""
    by_id = customers_by_id(customers)
    priced = {} if result is None else {p.entry.id: p for p in result.entries}
    return tuple(
        PricedRow(entry, _customer_of(entry, by_id), price_state(entry), priced.get(entry.uuid))
        for entry in entries
    )


def range_totals(
    rows: Iterable[PricedRow],
    result: BillingResult | None,
    now: datetime,
    carried: Mapping[str, Fraction] | None = None,
) -> tuple[RangeTotal, ...]:
    """The one totals function: per customer over `rows` (discarded ones left out), sorted by
    key. With `result` None nothing is priced yet: the time counts, the money is zero.
    `carried`: the hours banks' balances the pricing began with (`_balance`)."""
    grouped: dict[str, list[PricedRow]] = {}
    for row in rows:
        if row.state is not PriceState.DISCARDED:
            grouped.setdefault(row.total_key, []).append(row)
    totals = []
    for key in sorted(grouped):
        items = grouped[key]
        priced = [r.priced for r in items if r.priced is not None]
        engine = result.customers.get(key) if result is not None else None
        totals.append(
            RangeTotal(
                key=key,
                customer=items[0].customer,
                entries=len(items),
                running=sum(1 for r in items if r.state is PriceState.RUNNING),
                worked=sum((r.entry.counted_work(now) for r in items), timedelta(0)),
                billed_minutes=sum(p.billed_minutes for p in priced),
                chargeable_minutes=sum((p.chargeable_minutes for p in priced), Fraction(0)),
                covered_minutes=sum((p.covered_minutes for p in priced), Fraction(0)),
                amount=sum((p.amount for p in priced), _NO_MONEY),
                needs_review=sum(1 for p in priced if p.status is Status.NEEDS_REVIEW),
                contract_balance=_balance(items, engine, (carried or {}).get(key)),
            )
        )
    return tuple(totals)


def _balance(
    items: Sequence[PricedRow], engine: CustomerTotal | None, carried: Fraction | None
) -> Fraction | None:
    """A totals line's contract balance: the engine's, after everything priced. For a customer
    with nothing priced in the range (only running or empty entries) an hours bank shows what
    earlier entries left, and a monthly quota nothing: the engine's figure would be that of
    an earlier month, however far back its last priced entry lies."""
    balance = engine.contract_balance if engine is not None else None
    if any(r.priced is not None for r in items):
        return balance
    customer = items[0].customer
    if customer is None or str((customer.contract or {}).get("period")) != "once":
        return None
    return balance if balance is not None else carried


def price_range(
    entries: Sequence[Entry],
    customers: Iterable[Customer] | Mapping[int, Customer],
    policy: Mapping[str, Any],
    *,
    now: datetime,
    history: Iterable[Entry] = (),
    balances: Mapping[str, Fraction] | None = None,
) -> PricedRange:
    """Price `entries` in the light of `history` (earlier entries; see `relevant_history`),
    each hours bank named in `balances` starting from that instead of its amount (what the
    entries before `history` left: `opening_balances`). Raises BillingInputError when the
    stored policy or a billed customer's terms are invalid."""
    by_id = customers_by_id(customers)
    wanted = {e.uuid for e in entries}
    inp = billing_input([*(e for e in history if e.uuid not in wanted), *entries], by_id, policy)
    if balances:
        inp = with_balances(inp, balances)
    result = price(inp)
    rows = priced_rows(entries, by_id, result)
    overlaps = tuple(o for o in result.overlaps if o.a in wanted or o.b in wanted)
    totals = range_totals(rows, result, now, balances)
    return PricedRange(result.currency, rows, overlaps, totals, result, dict(balances or {}))
