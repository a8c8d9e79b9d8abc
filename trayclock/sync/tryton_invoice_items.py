"""What a customer reads on trayclock's draft invoice: the priced entries of a month
(`InvoiceItem`, as the engine priced them) and the words of one invoice line each — date,
start–end, ticket, billed time, after-hours, contract draws, why nothing is charged.

English for now: the customer's invoice is Tryton's document, not trayclock's UI, and has no
Qt to translate it here.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal

from trayclock.domain.billing_output import multiplier_text
from trayclock.domain.pricing import PricedRow
from trayclock.sync.tryton_lines import SEPARATOR

INVOICE_MARKER_PREFIX = "[trayclock-invoice:"

_STATUS_TEXT = {
    "free": "no charge (short session)",
    "merged": "no charge (within an earlier session)",
    "non_billable": "not billable",
    "needs_review": "awaiting approval, not charged",
}


def invoice_marker(customer_key: str, month: date) -> str:
    return f"{INVOICE_MARKER_PREFIX}{customer_key}:{month:%Y-%m}]"


@dataclass(frozen=True, slots=True)
class InvoiceItem:
    """One priced entry of the month, as the engine priced it."""

    entry_uuid: str
    start: datetime  # aware
    end: datetime
    status: str
    billed_minutes: int
    amount: Decimal
    ticket: str | None = None
    covered_minutes: float = 0.0  # drawn from the contract
    rate_class: str = "business"
    multiplier: str = "1"

    @classmethod
    def from_priced(cls, row: PricedRow) -> InvoiceItem:
        """From the one pricing path's row (domain/pricing.py: what `trayclock export` shows)."""
        priced = row.priced
        if row.entry.end is None or priced is None:
            raise ValueError(f"entry {row.entry.uuid} is not priced yet ({row.state})")
        return cls(
            entry_uuid=row.entry.uuid,
            start=row.entry.start,
            end=row.entry.end,
            status=str(priced.status),
            billed_minutes=priced.billed_minutes,
            amount=priced.amount,
            ticket=row.entry.ticket,
            covered_minutes=float(priced.covered_minutes),
            rate_class=str(priced.rate_class),
            multiplier=multiplier_text(priced.multiplier),
        )


@dataclass(frozen=True, slots=True)
class InvoiceResult:
    invoice_id: int
    created: bool  # False: the month's draft was there and brought up to date
    total: Decimal  # Tryton's total of the draft
    trayclock_total: Decimal  # the items' amounts: equals `total` unless someone added lines
    lines: int  # readable lines, one per item
    linked: int  # timesheet lines linked to the draft
    unlinked: tuple[str, ...] = ()  # entries too short for Tryton to link (< 0.01 h in all)
    linked_entries: tuple[str, ...] = ()  # entries whose lines are on the invoice: locked


def _hours(minutes: float) -> str:
    whole = round(minutes)
    return f"{whole // 60}:{whole % 60:02d} h"


def item_text(item: InvoiceItem, zone: tzinfo) -> str:
    """What the customer reads for one entry."""
    start, end = item.start.astimezone(zone), item.end.astimezone(zone)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    parts = [f"{start:%Y-%m-%d %H:%M}–{end_text}"]
    if item.ticket:
        parts.append(f"Ticket {' '.join(item.ticket.split())}")
    if item.status in _STATUS_TEXT:
        parts.append(_STATUS_TEXT[item.status])
    else:
        parts.append(f"billed {_hours(item.billed_minutes)}")
        if item.rate_class == "after_hours":
            parts.append(f"after hours ×{item.multiplier}")
        if item.covered_minutes > 0:
            parts.append(f"{_hours(item.covered_minutes)} from the contract")
    return SEPARATOR.join(parts)


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
