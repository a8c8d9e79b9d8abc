"""An entry's `LineValues` from the one pricing path's row (domain/pricing.py's `PricedRow`:
what `trayclock export` shows for it): its times, worked time, customer, words and the
engine's priced figures. No second formula: every figure is the engine's."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta, tzinfo
from decimal import Decimal
from fractions import Fraction

from trayclock.domain.billing_output import multiplier_text
from trayclock.domain.model import PricedEntry, Why
from trayclock.domain.pricing import PricedRow
from trayclock.sync.backend import LineValues, Partner

NO_MONEY = Decimal("0.00")


def _hours(minutes: Fraction | int) -> str:
    whole = round(minutes)
    return f"{whole // 60}:{whole % 60:02d} h"


def explanation(priced: PricedEntry) -> tuple[str, ...]:
    """ "Why this amount", in a few English words for the backend's line (the customer's
    document, not trayclock's UI: it is not translated here)."""
    words: list[str] = []
    for why in priced.why:
        code = why[0]
        if code == Why.AFTER_HOURS:
            words.append(f"after hours ×{multiplier_text(priced.multiplier)}")
        elif code == Why.CONTRACT_COVERED:
            words.append(f"{_hours(priced.covered_minutes)} from the contract")
        elif code == Why.MINIMUM_CHARGE:
            words.append(f"minimum charge {why[1]}")
        elif code == Why.FREE_UNDER:
            words.append("no charge (short session)")
        elif code == Why.MERGED_INTO:
            words.append("no charge (within an earlier session)")
        elif code == Why.NON_BILLABLE:
            words.append("not billable")
        elif code == Why.REVIEW_OVER:
            words.append("awaiting approval, not charged")
    return tuple(dict.fromkeys(words))


def line_values(
    row: PricedRow,
    *,
    revision: int,
    zone: tzinfo,
    currency: str,
    customer_ref: str | None,
) -> LineValues:
    """The line of an ended, attached entry as the backend should hold it."""
    entry, customer = row.entry, row.customer
    if entry.end is None:
        raise ValueError(f"entry {entry.uuid} is still running")
    if customer is None:
        raise ValueError(f"entry {entry.uuid} has no customer")
    priced = row.priced
    worked = entry.end - entry.start
    if priced is not None:  # the engine's worked time: pauses left out
        worked = timedelta(minutes=float(priced.raw_minutes))
    partner = None
    if entry.partner_id and entry.source not in ("manual", "import"):
        partner = Partner(entry.source, entry.partner_id, entry.partner_name)
    return LineValues(
        entry_uuid=entry.uuid,
        customer_key=customer.key,
        customer_name=customer.name,
        customer_ref=customer_ref,
        start=entry.start,
        end=entry.end,
        zone=zone,
        worked=worked,
        billable=entry.billable and not entry.attempt,
        status=str(priced.status) if priced is not None else str(row.state),
        billed_minutes=priced.billed_minutes if priced is not None else 0,
        amount=priced.amount if priced is not None else NO_MONEY,
        currency=currency,
        ticket=entry.ticket,
        notes=entry.notes,
        partner=partner,
        explanation=explanation(priced) if priced is not None else (),
        revision=revision,
    )


def digest(values: LineValues) -> str:
    """What a backend holds of an entry, digested: every field but the revision (so a
    price that changes without an edit, after another entry's, shows)."""
    partner = values.partner
    parts = [
        values.entry_uuid, values.customer_key, values.customer_name, values.customer_ref,
        values.start.isoformat(), values.end.isoformat(), str(values.zone),
        values.worked.total_seconds(), values.billable, values.status, values.billed_minutes,
        str(values.amount), values.currency, values.ticket, values.notes,
        None if partner is None else [partner.app, partner.partner_id, partner.name],
        list(values.explanation),
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]
