"""What the review tests share, with Qt (tests/ui) and without (tests/services): the fixture
day in Europe/Berlin and plain rows on it."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from trayclock.services.review.rows import ReviewRow, RowStatus

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 23)  # tests/fixtures/review/day.json, a Monday
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "review" / "day.json"


def at(clock: str, day: date = DAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), BERLIN)


def row(
    entry_id: str, start: str, end: str, customer: str | None = "Acme", **more: Any
) -> ReviewRow:
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
