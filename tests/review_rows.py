"""Review rows on plain data for a Monday in Berlin, shared by the review window's tests."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from trayclock.ui.review.rows import ReviewRow, RowStatus

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 23)  # a Monday


def at(clock: str, day: date = DAY) -> datetime:
    """ "HH:MM" on `day` in Berlin."""
    return datetime.combine(day, time.fromisoformat(clock), BERLIN)


def row(
    entry_id: str, start: str, end: str, customer: str | None = "Acme", **more: Any
) -> ReviewRow:
    """A billed row of `customer` (None: unattached) from `start` to `end` on DAY."""
    fields: dict[str, Any] = {
        "app": "teamviewer",
        "partner": "",
        "ticket": "",
        "notes": "",
        "billable": True,
        "approved": False,
        "reviewed": False,
        "sync_state": "local",
        "status": RowStatus.BILLED if customer else RowStatus.UNATTACHED,
    }
    fields.update(more)
    return ReviewRow(id=entry_id, start=at(start), end=at(end), customer=customer, **fields)
