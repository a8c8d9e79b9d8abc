"""The settings window's live example: one call priced by the engine under an unsaved policy.

"A 22-minute call at 19:30 on a Saturday costs …": the manager sees what a rule does before
saving it. The call is priced by `trayclock.domain.billing` exactly as a real entry would be
(the same parser, the same steps), never by a formula of the window's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from trayclock.domain.billing import parse_document, price
from trayclock.domain.model import PricedEntry, Status
from trayclock.services.zones import company_zone

EXAMPLE_ID = "example"
EXAMPLE_CUSTOMER = "example"
DAYS_PER_WEEK = 7


@dataclass(frozen=True, slots=True)
class ExampleCall:
    """The example: how long, when in the day, which ISO weekday (Monday = 1)."""

    minutes: int
    start: time
    weekday: int


@dataclass(frozen=True, slots=True)
class ExamplePrice:
    """The example priced: on `day` (the next such weekday), as billed; when the policy holds
    it for review, `approved` is what it costs once approved."""

    day: date
    currency: str
    priced: PricedEntry
    approved: PricedEntry | None

    @property
    def final(self) -> PricedEntry:
        """What the customer pays in the end (after an approval, when one is needed)."""
        return self.approved if self.approved is not None else self.priced


def example_day(today: date, weekday: int) -> date:
    """The first day from `today` on that falls on `weekday`."""
    return today + timedelta(days=(weekday - today.isoweekday()) % DAYS_PER_WEEK)


def price_example(
    policy: Mapping[str, Any],
    call: ExampleCall,
    today: date,
    customer_terms: Mapping[str, Any] | None = None,
) -> ExamplePrice:
    """Price the example call under `policy` (and a customer's terms, when given).

    Raises the engine's BillingInputError when the policy or the terms are invalid.
    """
    day = example_day(today, call.weekday)
    start = datetime.combine(day, call.start, company_zone(policy))
    end = start + timedelta(minutes=call.minutes)
    entry = {
        "id": EXAMPLE_ID,
        "customer": EXAMPLE_CUSTOMER,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    customers = {EXAMPLE_CUSTOMER: dict(customer_terms)} if customer_terms else {}
    doc: dict[str, Any] = {"policy": dict(policy), "customers": customers, "entries": [entry]}
    result = price(parse_document(doc))
    priced = result.entry(EXAMPLE_ID)
    approved = None
    if priced.status is Status.NEEDS_REVIEW:
        doc["entries"] = [{**entry, "approved": True}]
        approved = price(parse_document(doc)).entry(EXAMPLE_ID)
    return ExamplePrice(day, result.currency, priced, approved)
