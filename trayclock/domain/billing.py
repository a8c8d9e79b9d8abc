"""The billing engine of shared/docs/billing-rules.md: BillingInput → BillingResult → output JSON.

Exactness: instants are integer microseconds since the epoch, durations exact `Fraction`s of
minutes, money integer cents (rounded half-up only at step 7) turned into `Decimal` exactly,
so no Decimal context ever rounds an amount. Floats appear only in the JSON output (minutes
as numbers, billing_output.py).

Pauses: an entry's time is its worked time, start–end less its pauses (steps 1–3 and 8);
its pieces come from domain.overlap.worked_pieces, the one definition of worked time.

Scale: concurrency (step 3) and overlaps (step 8) are sweeps over sorted boundaries,
O(n log n) plus the size of the overlap list, never all pairs; the overlap list is counted
first and refused beyond billing_limits.MAX_OVERLAP_PAIRS (it is quadratic when many entries
run at once), and `price_streamed` lets a writer stream it.

Choices the spec leaves open:
- every entry gets its `rate_class`/`multiplier` from its start (useful to the reviewer of a
  held entry); only billed entries get minutes and money;
- a billed entry whose minutes round down to 0 still gets `minimum_minutes` and, when no
  contract covers it, `minimum_charge` (the spec's steps 4 and 7, applied literally);
- "earliest start" (step 3) is the entry's `start`, even when a pause begins there;
- `contract_balance` of a `month` contract is the balance of the latest month in which that
  customer has an entry (any status); the full quota if the month drew nothing;
- ids compare as strings for the tie-breaks ("e10" < "e9");
- `customers` in the output are sorted by name (input order must not change the result).

Why this module is long: steps 1-8 stay in one module, in the spec's order, so the two can
be read side by side; the step 3 sweep (billing_concurrency), the input (billing_input,
billing_fields), the limits (billing_limits) and the output (billing_output) live apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, Rounded
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from trayclock.domain.billing_concurrency import Pieces, share_time
from trayclock.domain.billing_fields import shown
from trayclock.domain.billing_input import BillingInputError, parse_document
from trayclock.domain.billing_limits import output_minutes_problem, overlap_count_problem
from trayclock.domain.billing_output import (
    PRICED_FIELDS,
    money_text,
    multiplier_text,
    result_to_json,
)
from trayclock.domain.model import (
    MICROSECONDS_PER_MINUTE,
    BillingEntry,
    BillingInput,
    BillingResult,
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
from trayclock.domain.overlap import (
    Span,
    count_span_pairs,
    overlap_pairs,
    shared_length,
    worked_pieces,
)

__all__ = [
    "PRICED_FIELDS",
    "BillingInputError",
    "bill_document",
    "overlaps_of",
    "parse_document",
    "price",
    "price_streamed",
    "result_to_json",
    "round_to_increment",
]

MINUTES_PER_HOUR = 60
CENTS_PER_UNIT = 100
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
_ONE = Decimal(1)
_ZERO_MONEY = Decimal("0.00")
# Turning cents into Decimal must never round: any rounding raises instead of mis-pricing.
_EXACT = Context(prec=1_000, traps=[InvalidOperation, Inexact, Rounded, Overflow])
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


def _to_cents(minutes: Fraction, per_minute: Fraction) -> int:
    """minutes × per_minute (both non-negative) in cents, rounded half-up."""
    # floor(product × 100 + ½) in integers: exact, without a Fraction (and its gcd) per entry.
    numerator = minutes.numerator * per_minute.numerator
    denominator = minutes.denominator * per_minute.denominator
    return (2 * CENTS_PER_UNIT * numerator + denominator) // (2 * denominator)


def _money(cents: int) -> Decimal:
    """Cents as a Decimal with 2 places, exactly."""
    return Decimal(cents).scaleb(-2, _EXACT)


def _cents_of(amount: Decimal) -> int:
    """A money value with at most 2 decimals in cents (a minimum charge), exactly."""
    return int(amount.scaleb(2, _EXACT))


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


def overlaps_of(inp: BillingInput) -> Iterator[Overlap]:
    """Step 8: every pair of billable entries whose worked times overlap, with the minutes
    both were worked at once (the one definition, domain.overlap), `a` starting first.

    Counted before any pair is produced (O(n log n)): more than MAX_OVERLAP_PAIRS raises
    BillingInputError at once. The pairs themselves come lazily, so a writer can stream them.
    """
    return _overlaps(inp, _Columns.of(inp))


def _overlaps(inp: BillingInput, columns: _Columns) -> Iterator[Overlap]:
    spans = [
        Span(columns.ids[i], columns.starts[i], columns.ends[i], None, columns.pauses[i])
        for i, entry in enumerate(inp.entries)
        if entry.billable
    ]
    problem = overlap_count_problem(count_span_pairs(spans))
    if problem is not None:
        raise BillingInputError([f"input: entries: {problem}"])
    return (Overlap(a.key, b.key, shared_length(a, b)) for a, b in overlap_pairs(spans))


_Balances = dict[tuple[str, tuple[int, int] | None], Fraction]  # (customer, month or None)


@dataclass(frozen=True, slots=True)
class _Columns:
    """The entries' times as integers, in input order: what every sweep reads."""

    ids: list[str]
    starts: list[int]  # microseconds since the epoch
    ends: list[int]
    pauses: list[tuple[tuple[int, int], ...]]  # sorted, in microseconds
    pieces: list[Pieces]  # worked time: start–end less the pauses

    @classmethod
    def of(cls, inp: BillingInput) -> _Columns:
        entries = inp.entries
        starts = [_microseconds(e.start) for e in entries]
        ends = [_microseconds(e.end) for e in entries]
        pauses = [
            tuple((_microseconds(p.start), _microseconds(p.end)) for p in e.pauses)
            if e.pauses
            else ()
            for e in entries
        ]
        pieces = [
            worked_pieces(Span("", start, end, None, paused)) if paused else [(start, end)]
            for start, end, paused in zip(starts, ends, pauses, strict=True)
        ]
        return cls([e.id for e in entries], starts, ends, pauses, pieces)


@dataclass(slots=True)
class _Ledger:
    """The engine's working columns while pricing: one slot per entry, in input order."""

    inp: BillingInput
    columns: _Columns
    names: list[str]  # customer of each entry
    terms: dict[str, CustomerTerms]
    raw: list[Fraction]  # worked minutes
    paused: list[Fraction]
    status: list[Status]
    why: list[list[Explanation]]
    effective: list[Fraction] = field(default_factory=list)
    billed_minutes: list[int] = field(default_factory=list)
    weighted: list[Fraction] = field(default_factory=list)
    rate_class: list[RateClass] = field(default_factory=list)
    multiplier: list[Decimal] = field(default_factory=list)
    covered: list[Fraction] = field(default_factory=list)
    chargeable: list[Fraction] = field(default_factory=list)
    cents: list[int] = field(default_factory=list)
    balances: _Balances = field(default_factory=dict)

    def __post_init__(self) -> None:
        count = len(self.names)
        zero = Fraction(0)
        self.effective = [zero] * count
        self.billed_minutes = [0] * count
        self.weighted = [zero] * count
        self.rate_class = [RateClass.BUSINESS] * count
        self.multiplier = [_ONE] * count
        self.covered = [zero] * count
        self.chargeable = [zero] * count
        self.cents = [0] * count

    def billed(self) -> list[int]:
        return [i for i, status in enumerate(self.status) if status is Status.BILLED]

    def policy(self, i: int) -> Policy:
        return self.terms[self.names[i]].policy


def price(inp: BillingInput) -> BillingResult:
    """Price every entry by the billing rules (steps 1–8); entries come back in input order.

    Raises BillingInputError when the overlaps are too many to list or a total is too large
    to write exactly (billing_limits).
    """
    result, overlaps = price_streamed(inp)
    return replace(result, overlaps=tuple(overlaps))


def price_streamed(inp: BillingInput) -> tuple[BillingResult, Iterator[Overlap]]:
    """`price` with step 8 left lazy, for a writer that streams a long overlap list instead
    of holding it: the result's `overlaps` is empty, the pairs come from the iterator. The
    pairs are counted (and refused beyond the limit) before anything is priced."""
    columns = _Columns.of(inp)
    overlaps = _overlaps(inp, columns)
    ledger = _classify(inp, columns)
    _share_concurrent_time(ledger)
    _round_and_weigh(ledger)
    _draw_contracts(ledger)
    _charge(ledger)
    return _result(ledger, ()), overlaps


def _classify(inp: BillingInput, columns: _Columns) -> _Ledger:
    """Steps 1–2: worked duration (less the pauses) and status (first match wins)."""
    entries = inp.entries
    names = [e.customer for e in entries]
    terms = {name: inp.terms_for(name) for name in set(names)}
    raw: list[Fraction] = []
    paused: list[Fraction] = []
    status: list[Status] = []
    why: list[list[Explanation]] = []
    for i, entry in enumerate(entries):
        wall = columns.ends[i] - columns.starts[i]
        pause_us = sum(high - low for low, high in columns.pauses[i])
        minutes = Fraction(wall - pause_us, MICROSECONDS_PER_MINUTE)
        raw.append(minutes)
        paused.append(Fraction(pause_us, MICROSECONDS_PER_MINUTE))
        reasons: list[Explanation] = [(Why.PAUSED, minutes, paused[-1])] if pause_us else []
        policy = terms[entry.customer].policy
        entry_status, found = _status(
            entry, minutes, policy.free_under_minutes, policy.review_over_minutes
        )
        status.append(entry_status)
        why.append(reasons + found)
    return _Ledger(inp, columns, names, terms, raw, paused, status, why)


def _share_concurrent_time(ledger: _Ledger) -> None:
    """Step 3: effective minutes; an entry left with none is merged into its customer's other."""
    billed = ledger.billed()
    columns = ledger.columns
    credit, first_owner = share_time(
        billed, columns.starts, columns.pieces, columns.ids, ledger.names, ledger.inp.concurrency
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

    Every entry gets its rate class (from its start); only billed entries get minutes. The
    after-hours minimum comes after rounding and `minimum_minutes`, before the multiplier.
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
        why = ledger.why[i]
        effective = ledger.effective[i]
        rounded = round_to_increment(effective, policy.increment_minutes, policy.rounding)
        if rounded != effective:
            why.append((_ROUNDED_WHY[policy.rounding], effective, Fraction(rounded)))
        if rounded < policy.minimum_minutes:
            rounded = policy.minimum_minutes
            why.append((Why.MINIMUM_MINUTES, Fraction(rounded)))
        if cause is not None and rounded < policy.after_hours_minimum_minutes:
            rounded = policy.after_hours_minimum_minutes
            why.append((Why.AFTER_HOURS_MINIMUM, Fraction(rounded)))
        ledger.billed_minutes[i] = rounded
        ledger.weighted[i] = Fraction(rounded) * (factor[entry.customer] if cause else 1)
        if cause is not None:
            why.append((Why.AFTER_HOURS, multiplier_text(ledger.multiplier[i]), cause))


def _draw_contracts(ledger: _Ledger) -> None:
    """Step 6: per customer, in order of start (tie: id), from the balance of the period."""
    inp = ledger.inp
    starts, ids = ledger.columns.starts, ledger.columns.ids
    drawing = sorted(
        (i for i in ledger.billed() if ledger.terms[ledger.names[i]].contract is not None),
        key=lambda i: (starts[i], ids[i]),
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
    minimum = {name: _cents_of(t.policy.minimum_charge) for name, t in ledger.terms.items()}
    for i in ledger.billed():
        covered, weighted = ledger.covered[i], ledger.weighted[i]
        chargeable = weighted - covered if covered else weighted
        cents = _to_cents(chargeable, per_minute[ledger.names[i]])
        floor = minimum[ledger.names[i]]
        if covered == 0 and cents < floor:
            cents = floor
            ledger.why[i].append((Why.MINIMUM_CHARGE, money_text(_money(cents))))
        ledger.chargeable[i] = chargeable
        ledger.cents[i] = cents


def _result(ledger: _Ledger, overlaps: tuple[Overlap, ...]) -> BillingResult:
    """The priced entries, step 8's overlaps and the per-customer totals."""
    inp = ledger.inp
    problems = [
        f"entry {shown(ledger.columns.ids[i])}: weighted_minutes: {problem}"
        for i in ledger.billed()
        if (problem := output_minutes_problem(ledger.weighted[i]))
    ]
    if problems:
        raise BillingInputError(problems)
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
            amount=_money(ledger.cents[i]),
            why=tuple(ledger.why[i]),
            paused_minutes=ledger.paused[i],
        )
        for i, entry in enumerate(inp.entries)
    )
    return BillingResult(
        currency=inp.policy.currency,
        entries=priced,
        overlaps=overlaps,
        customers=MappingProxyType(_totals(ledger)),
    )


def _period_key(start: datetime, period: Period, inp: BillingInput) -> tuple[int, int] | None:
    """Which balance an entry draws from: one bank (`once`) or its calendar month (`month`)."""
    if period is Period.ONCE:
        return None
    local = start.astimezone(inp.timezone)
    return (local.year, local.month)


def _totals(ledger: _Ledger) -> dict[str, CustomerTotal]:
    """Per customer (sorted by name): sums of their entries, and the contract balance left.

    Money is summed in integer cents: a Decimal sum would round beyond 28 digits.
    """
    inp = ledger.inp
    by_customer: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(ledger.names):
        by_customer[name].append(i)
    totals: dict[str, CustomerTotal] = {}
    problems: list[str] = []
    for name in sorted(by_customer):
        items = by_customer[name]
        contract = inp.terms_for(name).contract
        balance: Fraction | None = None
        if contract is not None:
            latest = max(
                _period_key(inp.entries[i].start, contract.period, inp) or (0, 0) for i in items
            )
            key = (name, None if contract.period is Period.ONCE else latest)
            balance = ledger.balances.get(key, contract.included_minutes)
        chargeable = sum((ledger.chargeable[i] for i in items), Fraction(0))
        for field_name, minutes in (
            ("chargeable_minutes", chargeable),
            ("contract_balance", balance),
        ):
            if minutes is not None and (problem := output_minutes_problem(minutes)):
                problems.append(f"customer {shown(name)}: {field_name}: {problem}")
        totals[name] = CustomerTotal(
            customer=name,
            billed_minutes=sum(ledger.billed_minutes[i] for i in items),
            chargeable_minutes=chargeable,
            amount=_money(sum(ledger.cents[i] for i in items)),
            needs_review=sum(1 for i in items if ledger.status[i] is Status.NEEDS_REVIEW),
            contract_balance=balance,
        )
    if problems:
        raise BillingInputError(problems)
    return totals
