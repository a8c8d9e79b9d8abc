"""A month's price reads the month, not the years before it: every query goes through an
index bounded on both sides (checked by its query plan), and the rows read are the month's
plus the few that share time with it (counted where rows become entries)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.unit.test_store_indexes import plans
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import Entry
from trayclock.services.pricing import price_stored_range
from trayclock.services.review.source import ReviewSource
from trayclock.store import customers, entries, entry_rows, settings

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
MONTHS = 24  # December 2024 – November 2026
PER_MONTH = 60


def _month(offset: int) -> date:
    """The first of the month `offset` months after December 2024."""
    return date(2024 + (11 + offset) // 12, (11 + offset) % 12 + 1, 1)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(0), ZONE)


def _fill(conn: sqlite3.Connection) -> None:
    settings.set_policy(conn, {"timezone": "Europe/Berlin", "concurrency": "split"}, now=NOW)
    bank = {"included_minutes": 100_000, "period": "once"}
    quota = {"included_minutes": 60, "period": "month"}
    ids = [
        customers.upsert(conn, f"c{n}", f"C{n}", now=NOW, contract=c).id
        for n, c in enumerate([bank, quota, None])
    ]
    rng = random.Random(5)
    made = []
    for offset in range(MONTHS):
        first = _at(_month(offset))
        for number in range(PER_MONTH):
            start = first + timedelta(
                days=rng.randrange(28), minutes=rng.randrange(8 * 60, 18 * 60)
            )
            made.append(
                Entry(
                    uuid=f"m{offset:02d}-{number:03d}",
                    source="anydesk",
                    start=start,
                    end=start + timedelta(minutes=rng.randrange(5, 90)),
                    heartbeat=start,
                    customer_id=rng.choice(ids),
                )
            )
        # one across the month's end, one of three days (the long-entry index)
        late = _at(_month(offset + 1)) - timedelta(minutes=30)
        made.append(Entry(f"x{offset:02d}", "manual", late, late + timedelta(hours=1), late,
                          customer_id=ids[0]))  # fmt: skip
    long = _at(_month(10)) + timedelta(days=3)
    made.append(Entry("long", "manual", long, long + timedelta(days=3), long, customer_id=ids[1]))
    entries.insert_many(conn, made, reason="history", now=NOW)


@contextmanager
def reading(conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """What runs inside: every SQL statement, and how many entry rows became entries."""
    seen: dict[str, Any] = {"sql": [], "rows": 0}
    decode = entry_rows.from_row

    def counted(row: Any) -> Entry:
        seen["rows"] += 1
        return decode(row)

    monkeypatch.setattr(entry_rows, "from_row", counted)
    conn.set_trace_callback(seen["sql"].append)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)
        monkeypatch.undo()


def _unbounded(found: list[str]) -> list[str]:
    """Plans that pass the whole history (a scan of entries or audit) or all of it before a
    moment (a search open towards the past), but for the long-entry index, which holds only
    entries over a day. (Customers and the checkpoints are a few rows a month at most.)"""
    return [
        plan
        for plan in found
        if "SCAN entries" in plan
        or "SCAN audit" in plan
        or ("(start<?)" in plan and "entries_long" not in plan)
    ]


def _month_size(conn: sqlite3.Connection, first: date, following: date) -> int:
    lo, hi = _at(first) - timedelta(days=1), _at(following)
    return len(entries.in_range(conn, lo, hi))


def test_a_months_price_reads_only_that_month(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(conn)
    first, following = _month(23), _month(24)  # November 2026
    price_stored_range(conn, _at(first), _at(following), now=NOW)  # the checkpoints are made
    assert conn.execute("SELECT count(*) FROM balance_months").fetchone()[0] == MONTHS - 1
    wanted = _month_size(conn, first, following)
    with reading(conn, monkeypatch) as seen:
        priced = price_stored_range(conn, _at(first), _at(following), now=NOW)
    assert len(priced.rows) >= PER_MONTH
    assert seen["rows"] <= wanted, (seen["rows"], wanted)  # the month and the day before it
    assert _unbounded(plans(conn, seen["sql"])) == []

    # The review window: a day late in the month, and the month; the same reads at most.
    source = ReviewSource(conn, ManualClock(NOW))
    last = following - timedelta(days=1)
    for day_first, day_last in ((date(2026, 11, 27), date(2026, 11, 27)), (first, last)):
        with reading(conn, monkeypatch) as seen:
            snap = source.snapshot(day_first, day_last)
        assert snap.complete and seen["rows"] <= wanted + PER_MONTH
        assert _unbounded(plans(conn, seen["sql"])) == []


def test_an_edit_of_last_year_makes_again_only_the_months_it_touches(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(conn)
    first, following = _month(23), _month(24)
    before = price_stored_range(conn, _at(first), _at(following), now=NOW)
    old = next(
        e for e in entries.in_range(conn, _at(_month(5)), _at(_month(6))) if e.customer_id == 1
    )
    entries.edit(conn, old.uuid, {"end": old.start + timedelta(hours=5)}, now=NOW)
    entries.approve(conn, old.uuid, now=NOW)  # five hours, approved: billed
    assert conn.execute("SELECT count(*) FROM balance_months").fetchone()[0] == MONTHS - 2
    with reading(conn, monkeypatch) as seen:
        after = price_stored_range(conn, _at(first), _at(following), now=NOW)
    remade = _month_size(conn, _month(5), _month(6))
    assert seen["rows"] <= _month_size(conn, first, following) + remade
    assert _unbounded(plans(conn, seen["sql"])) == []
    bank = next(t for t in after.totals if t.key == "c0")
    was = next(t for t in before.totals if t.key == "c0")
    assert was.contract_balance is not None and bank.contract_balance is not None
    assert bank.contract_balance < was.contract_balance  # the longer entry drew more
