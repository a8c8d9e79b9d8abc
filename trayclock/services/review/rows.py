"""The review window's plain data: one priced row per entry, and the day it belongs to (no Qt)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any

from trayclock.domain.pauses import EntryPause


class RowStatus(StrEnum):
    """What the review window shows for an entry: the billing status, or why it has none yet."""

    BILLED = "billed"
    FREE = "free"
    NEEDS_REVIEW = "needs_review"
    MERGED = "merged"
    NON_BILLABLE = "non_billable"
    UNATTACHED = "unattached"  # no customer yet: priced by the company policy until attached
    RUNNING = "running"  # still going: priced once it ends
    EMPTY = "empty"  # ends where it starts: nothing to price
    DISCARDED = "discarded"  # soft-deleted: shown only on request, recoverable
    PRICING = "pricing"  # a price is being computed off the UI thread


# Not frozen: a frozen dataclass sets each of these 24 fields through object.__setattr__, and
# building a 5,000-entry view took 22 ms of the window's opening that way (5 ms plain). Rows are
# still treated as values: a view is replaced whole, never patched in place.
@dataclass(slots=True)
class ReviewRow:
    """One entry as the review window shows it: the stored fields plus its priced result."""

    id: str
    start: datetime
    end: datetime
    app: str
    partner: str
    customer: str | None
    ticket: str
    notes: str
    billable: bool
    approved: bool
    reviewed: bool
    sync_state: str
    status: RowStatus
    billed_minutes: int = 0
    amount: Decimal = Decimal("0.00")
    covered_minutes: float = 0.0
    explanation: tuple[tuple[Any, ...], ...] = ()
    overlaps_with: tuple[str, ...] = ()  # ids of other billable entries whose time overlaps
    currency: str = "USD"
    customer_key: str | None = None  # the billing key (colours, pricing); `customer` is the name
    customer_id: int | None = None
    contract_period: str | None = None  # "once" (hours bank), "month" (quota) or None
    discarded: bool = False
    running: bool = False
    # Its accepted pauses' length (the engine's, once priced) and every pause it has
    # (accepted, suggested, rejected: `domain.pauses`), for the bar's gaps and the questions.
    paused_minutes: float = 0.0
    pauses: tuple[EntryPause, ...] = ()

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def minutes(self) -> float:
        return self.duration.total_seconds() / 60.0

    @property
    def worked_minutes(self) -> float:
        """Its length less its accepted pauses (suggested ones count as worked until accepted)."""
        return max(0.0, self.minutes - self.paused_minutes)

    @property
    def unattached(self) -> bool:
        return self.customer is None

    @property
    def submitted(self) -> bool:
        """Reviewed and handed to sync (queued, sent, or a pending update)."""
        return self.reviewed and self.sync_state not in ("local", "failed")

    @property
    def awaiting(self) -> bool:
        """Something the tech still has to decide: no customer, or a long session to approve."""
        return self.unattached or self.status is RowStatus.NEEDS_REVIEW


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """The company's business-hours span (local wall times) and the days it applies."""

    start: time
    end: time
    days: frozenset[int] = frozenset({1, 2, 3, 4, 5})  # ISO weekdays, Monday = 1
    holidays: frozenset[date] = frozenset()

    def span_on(self, day: date) -> tuple[time, time] | None:
        if day.isoweekday() not in self.days or day in self.holidays:
            return None
        return self.start, self.end

    @classmethod
    def from_policy(cls, value: dict[str, Any] | None) -> BusinessHours | None:
        """From the billing policy's `business_hours` object; None means always business hours."""
        if not value:
            return None
        return cls(
            start=time.fromisoformat(value.get("start", "08:00")),
            end=time.fromisoformat(value.get("end", "17:00")),
            days=frozenset(int(d) for d in value.get("days", [1, 2, 3, 4, 5])),
            holidays=frozenset(date.fromisoformat(h) for h in value.get("holidays", [])),
        )


@dataclass(frozen=True, slots=True)
class CustomerTotal:
    """One customer's figures for the shown day (contract remaining: after the day, in minutes).

    Made from the one totals function's `RangeTotal` (trayclock.domain.pricing); `unattached`
    marks the line of every entry without a customer (its `customer` is then empty: the
    window words it).
    """

    customer: str
    billed_minutes: int = 0
    amount: Decimal = Decimal("0.00")
    covered_minutes: float = 0.0
    contract_remaining: float | None = None
    needs_review: int = 0
    entries: int = 0
    unattached: bool = False


@dataclass(frozen=True, slots=True)
class DayView:
    """Everything the window shows for one day (or a range of days) at one moment."""

    first_day: date
    last_day: date
    zone: tzinfo
    rows: tuple[ReviewRow, ...]
    totals: tuple[CustomerTotal, ...] = ()
    business_hours: BusinessHours | None = None
    currency: str = "USD"
    generation: int = 0
    priced: bool = True
    overlap_pairs: int = 0  # how many pairs of shown entries share time
    index: dict[str, int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.index:
            self.index.update({row.id: i for i, row in enumerate(self.rows)})

    def row(self, entry_id: str) -> ReviewRow | None:
        i = self.index.get(entry_id)
        return None if i is None else self.rows[i]

    @property
    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(count)]

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The local day's [start, end) as aware datetimes in the view's zone."""
        start = datetime.combine(day, time(0), tzinfo=self.zone)
        return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)


def assign_lanes(rows: list[ReviewRow] | tuple[ReviewRow, ...]) -> dict[str, int]:
    """Lane per entry so that no two entries in one lane overlap (greedy interval partitioning).

    Entries are taken by start; each goes to the lowest-numbered lane free by then, so the
    number of lanes is the largest number of sessions running at once. Heaps keep it
    O(n log n) even for a dense range.
    """
    busy: list[tuple[datetime, int]] = []  # (end, lane) of lanes in use
    free: list[int] = []
    lanes: dict[str, int] = {}
    count = 0
    for row in sorted(rows, key=lambda r: (r.start, r.end, r.id)):
        while busy and busy[0][0] <= row.start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, count = count, count + 1
        lanes[row.id] = lane
        heapq.heappush(busy, (row.end, lane))
    return lanes
