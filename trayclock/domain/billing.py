"""The billing engine of shared/docs/billing-rules.md: BillingInput → BillingResult → output JSON.

Exactness: instants are integer microseconds since the epoch, durations exact `Fraction`s of
minutes, money `Decimal` rounded half-up to cents only at step 7. Floats appear only in the
JSON output (minutes as numbers).

Scale: concurrency (step 3) and overlaps (step 8) are sweeps over sorted boundaries,
O(n log n) plus the size of the overlap list, never all pairs.

Choices the spec leaves open:
- every entry gets its `rate_class`/`multiplier` from its start (useful to the reviewer of a
  held entry); only billed entries get minutes and money;
- a billed entry whose minutes round down to 0 still gets `minimum_minutes` and, when no
  contract covers it, `minimum_charge` (the spec's steps 4 and 7, applied literally);
- `contract_balance` of a `month` contract is the balance of the latest month in which that
  customer has an entry (any status); the full quota if the month drew nothing;
- ids compare as strings for the tie-breaks ("e10" < "e9");
- `customers` in the output are sorted by name (input order must not change the result).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from trayclock.domain.billing_input import BillingInputError, parse_document
from trayclock.domain.model import (
    MICROSECONDS_PER_MINUTE,
    BillingEntry,
    BillingInput,
    BillingResult,
    Concurrency,
    CustomerTerms,
    CustomerTotal,
    Explanation,
    Overlap,
    Period,
    Policy,
    PricedEntry,
    RateClass,
    Rounding,
    Status,
    Why,
)
from trayclock.domain.overlap import Span, overlap_pairs, shared_length

__all__ = [
    "BillingInputError",
    "bill_document",
    "minutes_json",
    "overlap_json",
    "parse_document",
    "price",
    "priced_entry_json",
    "result_to_json",
    "round_to_increment",
]

MINUTES_PER_HOUR = 60
CENTS_PER_UNIT = 100
_US_PER_MINUTE = MICROSECONDS_PER_MINUTE
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
_ONE = Decimal(1)
_ZERO_MONEY = Decimal("0.00")
_ROUNDED_WHY = {
    Rounding.UP: Why.ROUNDED_UP,
    Rounding.NEAREST: Why.ROUNDED_NEAREST,
    Rounding.DOWN: Why.ROUNDED_DOWN,
}


def bill_document(doc: dict[str, Any]) -> dict[str, Any]:
    """The whole spec: input document (parsed JSON) → output document. Raises BillingInputError."""
    return result_to_json(price(parse_document(doc)))


# --- pricing -------------------------------------------------------------------------------


def _microseconds(moment: datetime) -> int:
    return (moment - _EPOCH) // _ONE_US


def round_to_increment(minutes: Fraction, increment: int, mode: Rounding) -> int:
    """`minutes` rounded to a multiple of `increment` (nearest: an exact half goes up)."""
    # Integer arithmetic on the Fraction's parts: exact, and no Fraction objects per entry.
    numerator, step = minutes.numerator, minutes.denominator * increment
    if mode is Rounding.UP:
        whole = -(-numerator // step)
    elif mode is Rounding.NEAREST:
        whole = (2 * numerator + step) // (2 * step)  # floor(x + ½)
    else:
        whole = numerator // step
    return whole * increment


def _to_cents(minutes: Fraction, per_minute: Fraction) -> Decimal:
    """minutes × per_minute (both non-negative), rounded half-up to cents."""
    # floor(product × 100 + ½) in integers: exact, without a Fraction (and its gcd) per entry.
    numerator = minutes.numerator * per_minute.numerator
    denominator = minutes.denominator * per_minute.denominator
    cents = (2 * CENTS_PER_UNIT * numerator + denominator) // (2 * denominator)
    return Decimal(cents).scaleb(-2)


def multiplier_text(multiplier: Decimal) -> str:
    """A multiplier as the output writes it: "1", "1.5" (no exponent, no trailing zeros)."""
    return format(multiplier.normalize(), "f")


def money_text(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _status(
    entry: BillingEntry, raw: Fraction, policy_free: Fraction, review: Fraction | None
) -> tuple[Status, list[Explanation]]:
    """Step 2: the first matching status, with why."""
    if not entry.billable:
        return Status.NON_BILLABLE, [(Why.NON_BILLABLE,)]
    if raw < policy_free:
        return Status.FREE, [(Why.FREE_UNDER, policy_free)]
    if review is not None and raw > review:
        if not entry.approved:
            return Status.NEEDS_REVIEW, [(Why.REVIEW_OVER, review)]
        return Status.BILLED, [(Why.REVIEW_APPROVED, review)]
    return Status.BILLED, []


def _share_time(
    billed: list[int],
    starts: list[int],
    ends: list[int],
    ids: list[str],
    customers: list[str],
    concurrency: Concurrency,
) -> tuple[dict[int, Fraction | int], dict[int, str]]:
    """Step 3 as one sweep: effective microseconds per billed entry, and merged-into ids.

    Between two consecutive boundaries the active set is constant. Each active customer's
    owning entry is the top of a per-customer heap keyed (start, id). Instead of visiting every
    (piece, customer), a running `clock` integrates what one owner earns per microsecond
    (1 under bill_each, 1/k under split); an owner is credited `clock` at the end of its
    tenure minus `clock` at its beginning. Cost: O(n log n). The clock stays an int (exact
    and fast) until a split piece has k > 1 customers; only then does it become a Fraction.
    """
    events = sorted([(starts[i], i) for i in billed] + [(ends[i], i) for i in billed])
    split = concurrency is Concurrency.SPLIT
    credit: dict[int, Fraction | int] = dict.fromkeys(billed, 0)
    active: dict[str, list[tuple[int, str, int]]] = {}  # customer → heap of (start, id, index)
    ended: set[int] = set()
    owner: dict[str, int] = {}
    since: dict[str, Fraction | int] = {}
    first_owner: dict[int, str] = {}
    clock: Fraction | int = 0
    previous = 0
    position = 0
    while position < len(events):
        moment = events[position][0]
        k = len(active)
        if k:
            elapsed = moment - previous
            clock += Fraction(elapsed, k) if split and k > 1 else elapsed
        previous = moment
        touched: set[str] = set()
        started: list[int] = []
        while position < len(events) and events[position][0] == moment:
            index = events[position][1]
            position += 1
            customer = customers[index]
            touched.add(customer)
            if starts[index] == moment:
                heapq.heappush(active.setdefault(customer, []), (moment, ids[index], index))
                started.append(index)
            else:
                ended.add(index)
        for customer in touched:
            previous_owner = owner.pop(customer, None)
            if previous_owner is not None:
                credit[previous_owner] += clock - since[customer]
            heap = active[customer]
            while heap and heap[0][2] in ended:
                heapq.heappop(heap)
            if heap:
                owner[customer] = heap[0][2]
                since[customer] = clock
            else:
                del active[customer]
        for index in started:
            holder = owner[customers[index]]
            if holder != index:
                first_owner[index] = ids[holder]
    return credit, first_owner


def _overlaps(
    candidates: list[int], starts: list[int], ends: list[int], ids: list[str]
) -> list[Overlap]:
    """Step 8: every pair of candidates sharing time (the one definition, domain.overlap)."""
    spans = [Span(ids[i], starts[i], ends[i]) for i in candidates]
    return [Overlap(a.key, b.key, shared_length(a, b)) for a, b in overlap_pairs(spans)]


_Balances = dict[tuple[str, tuple[int, int] | None], Fraction]  # (customer, month or None)


@dataclass(slots=True)
class _Ledger:
    """The engine's working columns while pricing: one slot per entry, in input order."""

    inp: BillingInput
    starts: list[int]  # microseconds since the epoch
    ends: list[int]
    ids: list[str]
    names: list[str]  # customer of each entry
    terms: dict[str, CustomerTerms]
    raw: list[Fraction]
    status: list[Status]
    why: list[list[Explanation]]
    effective: list[Fraction] = field(default_factory=list)
    billed_minutes: list[int] = field(default_factory=list)
    weighted: list[Fraction] = field(default_factory=list)
    rate_class: list[RateClass] = field(default_factory=list)
    multiplier: list[Decimal] = field(default_factory=list)
    covered: list[Fraction] = field(default_factory=list)
    chargeable: list[Fraction] = field(default_factory=list)
    amounts: list[Decimal] = field(default_factory=list)
    balances: _Balances = field(default_factory=dict)

    def __post_init__(self) -> None:
        count = len(self.ids)
        zero = Fraction(0)
        self.effective = [zero] * count
        self.billed_minutes = [0] * count
        self.weighted = [zero] * count
        self.rate_class = [RateClass.BUSINESS] * count
        self.multiplier = [_ONE] * count
        self.covered = [zero] * count
        self.chargeable = [zero] * count
        self.amounts = [_ZERO_MONEY] * count

    def billed(self) -> list[int]:
        return [i for i, status in enumerate(self.status) if status is Status.BILLED]

    def policy(self, i: int) -> Policy:
        return self.terms[self.names[i]].policy


def price(inp: BillingInput) -> BillingResult:
    """Price every entry by the billing rules (steps 1–8); entries come back in input order."""
    ledger = _classify(inp)
    _share_concurrent_time(ledger)
    _round_and_weigh(ledger)
    _draw_contracts(ledger)
    _charge(ledger)
    return _result(ledger)


def _classify(inp: BillingInput) -> _Ledger:
    """Steps 1–2: wall duration and status (first match wins)."""
    entries = inp.entries
    starts = [_microseconds(e.start) for e in entries]
    ends = [_microseconds(e.end) for e in entries]
    names = [e.customer for e in entries]
    terms = {name: inp.terms_for(name) for name in set(names)}
    raw = [
        Fraction(end - start, MICROSECONDS_PER_MINUTE)
        for start, end in zip(starts, ends, strict=True)
    ]
    status: list[Status] = []
    why: list[list[Explanation]] = []
    for entry, minutes in zip(entries, raw, strict=True):
        policy = terms[entry.customer].policy
        entry_status, reasons = _status(
            entry, minutes, policy.free_under_minutes, policy.review_over_minutes
        )
        status.append(entry_status)
        why.append(reasons)
    ids = [e.id for e in entries]
    return _Ledger(inp, starts, ends, ids, names, terms, raw, status, why)


def _share_concurrent_time(ledger: _Ledger) -> None:
    """Step 3: effective minutes; an entry left with none is merged into its customer's other."""
    billed = ledger.billed()
    credit, first_owner = _share_time(
        billed, ledger.starts, ledger.ends, ledger.ids, ledger.names, ledger.inp.concurrency
    )
    for i in billed:
        effective = Fraction(credit[i], MICROSECONDS_PER_MINUTE)
        if effective == 0:
            ledger.status[i] = Status.MERGED
            ledger.why[i].append((Why.MERGED_INTO, first_owner.get(i, "")))
            continue
        if effective != ledger.raw[i]:
            ledger.why[i].append((Why.CONCURRENCY_REDUCED, ledger.raw[i], effective))
        ledger.effective[i] = effective


def _round_and_weigh(ledger: _Ledger) -> None:
    """Steps 4–5: billed minutes, rate class and weighted minutes.

    Every entry gets its rate class (from its start); only billed entries get minutes.
    """
    zone = ledger.inp.timezone
    factor = {name: Fraction(t.policy.after_hours_multiplier) for name, t in ledger.terms.items()}
    for i, entry in enumerate(ledger.inp.entries):
        policy = ledger.policy(i)
        hours = policy.business_hours
        cause = None if hours is None else hours.after_hours_cause(entry.start.astimezone(zone))
        if cause is not None:
            ledger.rate_class[i] = RateClass.AFTER_HOURS
            ledger.multiplier[i] = policy.after_hours_multiplier
        if ledger.status[i] is not Status.BILLED:
            continue
        effective = ledger.effective[i]
        rounded = round_to_increment(effective, policy.increment_minutes, policy.rounding)
        if rounded != effective:
            ledger.why[i].append((_ROUNDED_WHY[policy.rounding], effective, Fraction(rounded)))
        if rounded < policy.minimum_minutes:
            rounded = policy.minimum_minutes
            ledger.why[i].append((Why.MINIMUM_MINUTES, Fraction(rounded)))
        ledger.billed_minutes[i] = rounded
        ledger.weighted[i] = Fraction(rounded) * (factor[entry.customer] if cause else 1)
        if cause is not None:
            ledger.why[i].append((Why.AFTER_HOURS, multiplier_text(ledger.multiplier[i]), cause))


def _draw_contracts(ledger: _Ledger) -> None:
    """Step 6: per customer, in order of start (tie: id), from the balance of the period."""
    inp = ledger.inp
    drawing = sorted(
        (i for i in ledger.billed() if ledger.terms[ledger.names[i]].contract is not None),
        key=lambda i: (ledger.starts[i], ledger.ids[i]),
    )
    for i in drawing:
        contract = ledger.terms[ledger.names[i]].contract
        assert contract is not None
        key = (ledger.names[i], _period_key(inp.entries[i].start, contract.period, inp))
        balance = ledger.balances.get(key, contract.included_minutes)
        covered = min(ledger.weighted[i], balance)
        ledger.balances[key] = balance - covered
        ledger.covered[i] = covered
        if covered > 0:
            ledger.why[i].append((Why.CONTRACT_COVERED, covered))
        if covered < ledger.weighted[i]:
            ledger.why[i].append((Why.CONTRACT_EXHAUSTED,))


def _charge(ledger: _Ledger) -> None:
    """Step 7: amount of the chargeable minutes, at least the minimum charge when uncovered."""
    # Decimal → Fraction once per customer, not once per entry.
    per_minute = {
        name: Fraction(t.policy.rate) / MINUTES_PER_HOUR for name, t in ledger.terms.items()
    }
    for i in ledger.billed():
        covered, weighted = ledger.covered[i], ledger.weighted[i]
        chargeable = weighted - covered if covered else weighted
        amount = _to_cents(chargeable, per_minute[ledger.names[i]])
        minimum_charge = ledger.policy(i).minimum_charge
        if covered == 0 and amount < minimum_charge:
            amount = minimum_charge.quantize(_ZERO_MONEY)
            ledger.why[i].append((Why.MINIMUM_CHARGE, money_text(amount)))
        ledger.chargeable[i] = chargeable
        ledger.amounts[i] = amount


def _result(ledger: _Ledger) -> BillingResult:
    """The priced entries, step 8's overlaps and the per-customer totals."""
    inp = ledger.inp
    priced = tuple(
        PricedEntry(
            entry=entry,
            status=ledger.status[i],
            raw_minutes=ledger.raw[i],
            effective_minutes=ledger.effective[i],
            billed_minutes=ledger.billed_minutes[i],
            rate_class=ledger.rate_class[i],
            multiplier=ledger.multiplier[i],
            weighted_minutes=ledger.weighted[i],
            covered_minutes=ledger.covered[i],
            chargeable_minutes=ledger.chargeable[i],
            amount=ledger.amounts[i],
            why=tuple(ledger.why[i]),
        )
        for i, entry in enumerate(inp.entries)
    )
    billable = [i for i, entry in enumerate(inp.entries) if entry.billable]
    overlaps = _overlaps(billable, ledger.starts, ledger.ends, ledger.ids)
    return BillingResult(
        currency=inp.policy.currency,
        entries=priced,
        overlaps=tuple(overlaps),
        customers=MappingProxyType(_totals(priced, inp, ledger.balances)),
    )


def _period_key(start: datetime, period: Period, inp: BillingInput) -> tuple[int, int] | None:
    """Which balance an entry draws from: one bank (`once`) or its calendar month (`month`)."""
    if period is Period.ONCE:
        return None
    local = start.astimezone(inp.timezone)
    return (local.year, local.month)


def _totals(
    priced: tuple[PricedEntry, ...],
    inp: BillingInput,
    balances: Mapping[tuple[str, tuple[int, int] | None], Fraction],
) -> dict[str, CustomerTotal]:
    """Per customer (sorted by name): sums of their entries, and the contract balance left."""
    by_customer: dict[str, list[PricedEntry]] = defaultdict(list)
    for item in priced:
        by_customer[item.entry.customer].append(item)
    totals: dict[str, CustomerTotal] = {}
    for name in sorted(by_customer):
        items = by_customer[name]
        contract = inp.terms_for(name).contract
        balance: Fraction | None = None
        if contract is not None:
            latest = max(
                _period_key(item.entry.start, contract.period, inp) or (0, 0) for item in items
            )
            key = (name, None if contract.period is Period.ONCE else latest)
            balance = balances.get(key, contract.included_minutes)
        totals[name] = CustomerTotal(
            customer=name,
            billed_minutes=sum(item.billed_minutes for item in items),
            chargeable_minutes=sum((item.chargeable_minutes for item in items), Fraction(0)),
            amount=sum((item.amount for item in items), _ZERO_MONEY),
            needs_review=sum(1 for item in items if item.status is Status.NEEDS_REVIEW),
            contract_balance=balance,
        )
    return totals


# --- output --------------------------------------------------------------------------------


def _minutes_json(minutes: Fraction) -> float:
    return float(minutes)


# The priced fields of one output entry, after id, customer and status, in the spec's order
# (priced_entry_json below writes them; the export's columns are built from this).
PRICED_FIELDS = (
    "raw_minutes",
    "effective_minutes",
    "billed_minutes",
    "rate_class",
    "multiplier",
    "weighted_minutes",
    "covered_minutes",
    "chargeable_minutes",
    "amount",
)


def priced_entry_json(item: PricedEntry) -> dict[str, Any]:
    """One output entry of the spec: id, customer, status and PRICED_FIELDS, in that order."""
    return {
        "id": item.entry.id,
        "customer": item.entry.customer,
        "status": str(item.status),
        "raw_minutes": _minutes_json(item.raw_minutes),
        "effective_minutes": _minutes_json(item.effective_minutes),
        "billed_minutes": item.billed_minutes,
        "rate_class": str(item.rate_class),
        "multiplier": multiplier_text(item.multiplier),
        "weighted_minutes": _minutes_json(item.weighted_minutes),
        "covered_minutes": _minutes_json(item.covered_minutes),
        "chargeable_minutes": _minutes_json(item.chargeable_minutes),
        "amount": money_text(item.amount),
    }


def overlap_json(overlap: Overlap) -> dict[str, Any]:
    """One output overlap of the spec."""
    # int / int is correctly rounded, like float(Fraction), without a Fraction per pair.
    return {"a": overlap.a, "b": overlap.b, "minutes": overlap.microseconds / _US_PER_MINUTE}


def minutes_json(minutes: Fraction | None) -> float | None:
    """Minutes as the output writes them (a JSON number); None stays null."""
    return None if minutes is None else _minutes_json(minutes)


def result_to_json(result: BillingResult) -> dict[str, Any]:
    """The output document of the spec, keys in the spec's order (explanations left out)."""
    return {
        "currency": result.currency,
        "entries": [priced_entry_json(item) for item in result.entries],
        "overlaps": [overlap_json(overlap) for overlap in result.overlaps],
        "customers": {
            name: {
                "billed_minutes": total.billed_minutes,
                "chargeable_minutes": _minutes_json(total.chargeable_minutes),
                "amount": money_text(total.amount),
                "needs_review": total.needs_review,
                "contract_balance": minutes_json(total.contract_balance),
            }
            for name, total in result.customers.items()
        },
    }
