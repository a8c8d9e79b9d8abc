"""Sample values the sync tests share: one entry's line as the worker hands it to an adapter,
and Kimai's documented answer to an overlapping entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from trayclock.sync.backend import LineValues, Partner

ENTRY_UUID = "0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a090"
BERLIN = ZoneInfo("Europe/Berlin")

_SAMPLE = LineValues(
    entry_uuid=ENTRY_UUID,
    customer_key="acme",
    customer_name="ACME GmbH",
    customer_ref="7",
    start=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),  # 10:00 in Berlin (CET)
    end=datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
    zone=BERLIN,
    worked=timedelta(minutes=90),
    billable=True,
    status="billed",
    billed_minutes=90,
    amount=Decimal("135.00"),
    currency="EUR",
    ticket="T-1042",
    notes="Printer driver reinstalled",
    partner=Partner("anydesk", "123456789", "Reception PC"),
    revision=3,
)


def sample_line(**changes: Any) -> LineValues:
    """A priced line: ACME, 2026-03-02 10:00–11:30 Berlin time, 135.00 EUR; override any field."""
    return replace(_SAMPLE, **changes)


def kimai_validation_failed(field: str, message: str) -> dict[str, Any]:
    """Kimai's 400 answer to an invalid timesheet form (its FOS REST form-error shape)."""
    children: dict[str, Any] = {name: {} for name in ("begin", "end", "project", "activity")}
    children[field] = {"errors": [message]}
    return {"code": 400, "message": "Validation Failed", "errors": {"children": children}}


KIMAI_OVERLAP = kimai_validation_failed("begin", "You already have an entry for this time.")
