"""The output document of billing-rules.md: BillingResult → JSON rows, keys in the spec's order.

Minutes leave as JSON numbers (floats: the spec asks for at least 2 decimals of precision,
which billing_limits.MAX_OUTPUT_MINUTES guarantees), money as strings with 2 decimals. Rows
are built one at a time (`entry_row`, `overlap_row`, `customer_row`) so a writer can stream
a long overlap list without holding its JSON form; `result_to_json` builds the whole document.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from trayclock.domain.model import (
    MICROSECONDS_PER_MINUTE,
    BillingResult,
    CustomerTotal,
    Overlap,
    PricedEntry,
)

# The priced fields of one output entry, after id, customer and status, in the spec's order
# (entry_row below writes them; the export's columns are built from this).
PRICED_FIELDS = (
    "raw_minutes",
    "paused_minutes",
    "effective_minutes",
    "billed_minutes",
    "rate_class",
    "multiplier",
    "weighted_minutes",
    "covered_minutes",
    "chargeable_minutes",
    "amount",
)
DOCUMENT_KEYS = ("currency", "entries", "overlaps", "customers")


def multiplier_text(multiplier: Decimal) -> str:
    """A multiplier as the output writes it: "1", "1.5" (no exponent, no trailing zeros)."""
    return format(multiplier.normalize(), "f")


def money_text(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _minutes_json(minutes: Fraction) -> float:
    return float(minutes)


def minutes_json(minutes: Fraction | None) -> float | None:
    """Minutes as the output writes them (a JSON number); None stays null."""
    return None if minutes is None else _minutes_json(minutes)


def entry_row(item: PricedEntry) -> dict[str, Any]:
    return {
        "id": item.entry.id,
        "customer": item.entry.customer,
        "status": str(item.status),
        "raw_minutes": _minutes_json(item.raw_minutes),
        "paused_minutes": _minutes_json(item.paused_minutes),
        "effective_minutes": _minutes_json(item.effective_minutes),
        "billed_minutes": item.billed_minutes,
        "rate_class": str(item.rate_class),
        "multiplier": multiplier_text(item.multiplier),
        "weighted_minutes": _minutes_json(item.weighted_minutes),
        "covered_minutes": _minutes_json(item.covered_minutes),
        "chargeable_minutes": _minutes_json(item.chargeable_minutes),
        "amount": money_text(item.amount),
    }


def overlap_row(overlap: Overlap) -> dict[str, Any]:
    # int / int is correctly rounded, like float(Fraction), without a Fraction per pair.
    return {
        "a": overlap.a,
        "b": overlap.b,
        "minutes": overlap.microseconds / MICROSECONDS_PER_MINUTE,
    }


def customer_row(total: CustomerTotal) -> dict[str, Any]:
    balance = total.contract_balance
    return {
        "billed_minutes": total.billed_minutes,
        "chargeable_minutes": _minutes_json(total.chargeable_minutes),
        "amount": money_text(total.amount),
        "needs_review": total.needs_review,
        "contract_balance": None if balance is None else _minutes_json(balance),
    }


def result_to_json(
    result: BillingResult, overlaps: Iterable[Overlap] | None = None
) -> dict[str, Any]:
    """The output document of the spec, keys in the spec's order (explanations left out).

    `overlaps`: the pairs to write instead of `result.overlaps` (see billing.price).
    """
    return {
        "currency": result.currency,
        "entries": [entry_row(item) for item in result.entries],
        "overlaps": [
            overlap_row(overlap) for overlap in (result.overlaps if overlaps is None else overlaps)
        ],
        "customers": {name: customer_row(total) for name, total in result.customers.items()},
    }
