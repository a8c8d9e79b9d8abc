"""Billing types: policy, contracts, entries to price and their priced results (frozen, exact).

Durations are `Fraction`s of minutes and money is `Decimal`, so nothing is rounded before the
step of shared/docs/billing-rules.md that says so. Datetimes are timezone-aware.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import NamedTuple

MICROSECONDS_PER_MINUTE = 60_000_000


class Rounding(StrEnum):
    UP = "up"  # every started increment
    NEAREST = "nearest"  # an exact half goes up
    DOWN = "down"


class Concurrency(StrEnum):
    BILL_EACH = "bill_each"  # each customer active in a moment is billed the whole moment
    SPLIT = "split"  # the customers active in a moment share it equally


class Period(StrEnum):
    ONCE = "once"  # a prepaid hours bank: one balance for the whole input
    MONTH = "month"  # a quota that starts full in every calendar month (company timezone)


class Status(StrEnum):
    NON_BILLABLE = "non_billable"
    FREE = "free"
    NEEDS_REVIEW = "needs_review"
    BILLED = "billed"
    MERGED = "merged"  # billed, but fully covered by the same customer's earlier entry


class RateClass(StrEnum):
    BUSINESS = "business"
    AFTER_HOURS = "after_hours"


class AfterHoursCause(StrEnum):
    CLOSED_DAY = "closed_day"  # the weekday is not in business_hours.days
    HOLIDAY = "holiday"
    BEFORE_OPENING = "before_opening"
    AFTER_CLOSING = "after_closing"  # at or after business_hours.end


class Why(StrEnum):
    """Explanation codes of a priced entry: the UI phrases them, the domain never does.

    Each explanation is a tuple `(code, *values)`; the values per code are:
    minutes are exact `Fraction`s, money and multipliers are the output's strings.
    """

    PAUSED = "paused"  # (worked_minutes, paused_minutes): the entry's pauses are not billed
    NON_BILLABLE = "non_billable"  # ()
    FREE_UNDER = "free_under"  # (free_under_minutes,)
    REVIEW_OVER = "review_over"  # (review_over_minutes,): held until approved
    REVIEW_APPROVED = "review_approved"  # (review_over_minutes,): long, but approved
    MERGED_INTO = "merged_into"  # (entry id of the same customer's covering entry,)
    CONCURRENCY_REDUCED = "concurrency_reduced"  # (raw_minutes, effective_minutes)
    ROUNDED_UP = "rounded_up"  # (effective_minutes, rounded_minutes)
    ROUNDED_NEAREST = "rounded_nearest"  # (effective_minutes, rounded_minutes)
    ROUNDED_DOWN = "rounded_down"  # (effective_minutes, rounded_minutes)
    MINIMUM_MINUTES = "minimum_minutes"  # (minimum_minutes,): billed raised to it
    # (after_hours_minimum_minutes,): an after-hours entry's billed minutes raised to it
    AFTER_HOURS_MINIMUM = "after_hours_minimum"
    AFTER_HOURS = "after_hours"  # (multiplier, AfterHoursCause)
    CONTRACT_COVERED = "contract_covered"  # (covered_minutes,)
    CONTRACT_EXHAUSTED = "contract_exhausted"  # (): the contract had no balance left for it
    MINIMUM_CHARGE = "minimum_charge"  # (minimum_charge,): amount raised to it


# One explanation: a Why code followed by its values (see Why).
Explanation = tuple[Why | str | int | Fraction | Decimal, ...]


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """When the business rate applies, in the company timezone. ISO weekdays (Monday = 1)."""

    days: frozenset[int]
    start: time
    end: time
    holidays: frozenset[date] = frozenset()

    def after_hours_cause(self, local_start: datetime) -> AfterHoursCause | None:
        """Why a moment (already in the company timezone) is after hours, or None if it is not."""
        if local_start.date() in self.holidays:
            return AfterHoursCause.HOLIDAY
        if local_start.isoweekday() not in self.days:
            return AfterHoursCause.CLOSED_DAY
        clock = local_start.time()
        if clock < self.start:
            return AfterHoursCause.BEFORE_OPENING
        if clock >= self.end:
            return AfterHoursCause.AFTER_CLOSING
        return None


@dataclass(frozen=True, slots=True)
class Policy:
    """The per-customer pricing fields (company default, overridden field by field per customer).

    `timezone` and `concurrency` are company-level only and live on BillingInput.
    """

    rate: Decimal = Decimal("85.00")  # per hour
    currency: str = "USD"
    increment_minutes: int = 15
    rounding: Rounding = Rounding.UP
    free_under_minutes: Fraction = Fraction(0)
    minimum_minutes: int = 0
    minimum_charge: Decimal = Decimal("0.00")
    review_over_minutes: Fraction | None = Fraction(60)  # None: never held for review
    business_hours: BusinessHours | None = None  # None: always business hours
    after_hours_multiplier: Decimal = Decimal("1.5")
    after_hours_minimum_minutes: int = 0  # an after_hours entry is billed at least this


@dataclass(frozen=True, slots=True)
class Contract:
    included_minutes: Fraction
    period: Period


@dataclass(frozen=True, slots=True)
class CustomerTerms:
    """A customer's effective policy (company policy with its overrides applied) and contract."""

    policy: Policy
    contract: Contract | None = None


class Pause(NamedTuple):
    """A stretch inside an entry that was not worked (the laptop slept, the tech stepped away)."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class BillingEntry:
    """One time entry to price. `start` and `end` are aware datetimes, `end` after `start`.

    `pauses` (default none) lie within start–end, each ending after it starts, not overlapping
    each other (touching is fine) and leaving some worked time; they are kept sorted by start
    (any iterable of (start, end) pairs is accepted and normalised to a tuple of Pause).
    """

    id: str
    customer: str
    start: datetime
    end: datetime
    billable: bool = True
    approved: bool = False
    pauses: tuple[Pause, ...] = ()

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError(f"entry {self.id}: times must be timezone-aware")
        if self.end <= self.start:
            raise ValueError(f"entry {self.id}: end must be after start")
        if self.pauses:
            pauses = tuple(sorted(Pause(start, end) for start, end in self.pauses))
            object.__setattr__(self, "pauses", pauses)  # frozen: normalised once, here
            self._check_pauses()

    def _check_pauses(self) -> None:
        reach = self.start
        for pause in self.pauses:
            if pause.start.tzinfo is None or pause.end.tzinfo is None:
                raise ValueError(f"entry {self.id}: pause times must be timezone-aware")
            if pause.end <= pause.start:
                raise ValueError(f"entry {self.id}: a pause must end after it starts")
            if pause.start < reach:
                raise ValueError(f"entry {self.id}: pauses must lie inside it, not overlapping")
            reach = pause.end
        if reach > self.end:
            raise ValueError(f"entry {self.id}: pauses must lie inside it")
        if sum((p.end - p.start for p in self.pauses), timedelta()) >= self.end - self.start:
            raise ValueError(f"entry {self.id}: pauses must leave some worked time")


def _no_customers() -> Mapping[str, CustomerTerms]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class BillingInput:
    """Everything the engine prices: company settings, customer terms, entries in input order."""

    entries: tuple[BillingEntry, ...]
    policy: Policy = Policy()
    customers: Mapping[str, CustomerTerms] = field(default_factory=_no_customers)
    timezone: tzinfo = UTC  # business hours, holidays and contract months
    concurrency: Concurrency = Concurrency.BILL_EACH

    def terms_for(self, customer: str) -> CustomerTerms:
        """A customer's terms; unknown customers get the company policy and no contract."""
        terms = self.customers.get(customer)
        return terms if terms is not None else CustomerTerms(self.policy)


@dataclass(frozen=True, slots=True)
class PricedEntry:
    entry: BillingEntry
    status: Status
    raw_minutes: Fraction  # worked: end − start − paused
    effective_minutes: Fraction
    billed_minutes: int
    rate_class: RateClass
    multiplier: Decimal
    weighted_minutes: Fraction
    covered_minutes: Fraction
    chargeable_minutes: Fraction
    amount: Decimal
    why: tuple[Explanation, ...] = ()
    paused_minutes: Fraction = Fraction(0)  # total length of the entry's pauses

    def codes(self) -> list[str]:
        """Just the explanation codes, in the order the steps produced them."""
        return [str(explanation[0]) for explanation in self.why]


class Overlap(NamedTuple):
    """Two billable entries whose worked times overlap; `a` starts first (tie: smaller id).

    A NamedTuple, not a frozen dataclass: a team's month lists tens of thousands of these and
    a frozen dataclass's __init__ costs several times more.
    """

    a: str
    b: str
    microseconds: int  # both worked at once; exact (a long list, so no Fraction per pair)

    @property
    def minutes(self) -> Fraction:
        return Fraction(self.microseconds, MICROSECONDS_PER_MINUTE)


@dataclass(frozen=True, slots=True)
class CustomerTotal:
    customer: str
    billed_minutes: int
    chargeable_minutes: Fraction
    amount: Decimal
    needs_review: int
    contract_balance: Fraction | None  # None: no contract


@dataclass(frozen=True, slots=True)
class BillingResult:
    """Priced entries in input order, overlaps, and per-customer totals (sorted by name)."""

    currency: str
    entries: tuple[PricedEntry, ...]
    overlaps: tuple[Overlap, ...]
    customers: Mapping[str, CustomerTotal]

    def entry(self, entry_id: str) -> PricedEntry:
        """The priced entry with this id (KeyError if there is none)."""
        for priced in self.entries:
            if priced.entry.id == entry_id:
                return priced
        raise KeyError(entry_id)
