"""The review window's data without Qt: rows and lanes, overlap partners, the priced day view,
and pricing a range from its month and the checkpointed balances (moved here from tests/ui)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from tests.services.review_support import DAY, FIXTURE, at, row
from trayclock.domain.billing import price
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import Entry
from trayclock.domain.overlap import overlap_partners, spans_of
from trayclock.domain.pricing import billing_input
from trayclock.services.review.demo import fill_demo_store, fill_history, fill_store
from trayclock.services.review.pricing import (
    MAX_PARTNERS,
    build_view,
    price_snapshot,
    unpriced_view,
)
from trayclock.services.review.rows import RowStatus, assign_lanes
from trayclock.services.review.source import ReviewSource
from trayclock.store import db
from trayclock.store import entries as entries_repo


def test_lanes_are_as_many_as_sessions_at_once() -> None:
    rows = [
        row("a", "09:00", "10:00"),
        row("b", "09:30", "09:45"),
        row("c", "09:40", "11:00"),
        row("d", "10:00", "10:30"),  # starts as a ends: a's lane is free again
        row("e", "12:00", "12:10"),
    ]
    lanes = assign_lanes(rows)
    assert lanes == {"a": 0, "b": 1, "c": 2, "d": 0, "e": 0}
    for first in rows:
        for second in rows:
            if first.id < second.id and lanes[first.id] == lanes[second.id]:
                assert first.end <= second.start or second.end <= first.start


def test_overlaps_are_counted_exactly_and_named_up_to_a_cap() -> None:
    start = at("09:00")
    crowd = [
        Entry(uuid=f"e{n:02d}", source="teamviewer", start=start + timedelta(minutes=n),
              end=start + timedelta(hours=2), heartbeat=start)
        for n in range(12)
    ]  # fmt: skip
    alone = Entry(
        uuid="late", source="anydesk", start=at("12:00"), end=at("12:30"), heartbeat=start
    )
    partners, pairs = overlap_partners(spans_of([*crowd, alone], at("19:00")), MAX_PARTNERS)
    assert pairs == 12 * 11 // 2
    assert all(0 < len(partners[e.uuid]) <= MAX_PARTNERS for e in crowd)
    assert partners["e00"][:3] == ["e01", "e02", "e03"] and partners["e11"][0] == "e00"
    assert not partners.get("late")


def test_the_shown_days_are_priced_as_the_whole_history_would_from_their_month_alone(
    tmp_path: Path,
) -> None:
    conn = db.connect(tmp_path / "carry.sqlite3")
    fill_demo_store(conn, DAY)  # an hours bank (once, 600 min) and a monthly quota (120 min)
    fill_history(conn, date(2026, 9, 20), 63, per_day=12, seed=3)  # every customer, overlaps
    source = ReviewSource(conn, ManualClock(at("19:00")))
    ranges = [
        (DAY, DAY),
        (date(2026, 11, 10), date(2026, 11, 10)),
        (date(2026, 11, 16), date(2026, 11, 22)),
        (date(2026, 11, 1), date(2026, 11, 30)),
        (date(2026, 10, 1), date(2026, 10, 31)),
        (date(2026, 10, 26), date(2026, 11, 1)),  # a week across two months
    ]
    for first, last in ranges:
        snap = source.snapshot(first, last)
        month = at("00:00", first.replace(day=1))
        # the range's month back to a quiet moment, never the months before
        assert all(e.start >= month - timedelta(days=1) for e in snap.context), (first, last)
        end = at("00:00", last + timedelta(days=1))
        every = entries_repo.in_range(conn, at("00:00", date(2026, 1, 1)), end)
        full = price(billing_input(every, snap.customers, snap.policy))
        result = price_snapshot(snap)
        shown = {e.uuid for e in snap.shown}
        assert {p.entry.id: p for p in full.entries if p.entry.id in shown} == {
            p.entry.id: p for p in result.entries if p.entry.id in shown
        }, (first, last)
        for key, total in result.customers.items():
            assert total.contract_balance == full.customers[key].contract_balance, (first, last)
    conn.close()


def test_unattached_rows_are_priced_by_the_company_policy_and_keep_their_status(
    conn: sqlite3.Connection,
) -> None:
    clock = ManualClock(at("19:00"))
    fill_store(conn, json.loads(FIXTURE.read_text()), clock.now())
    snap = ReviewSource(conn, clock).snapshot(DAY, DAY)
    view = build_view(snap, price_snapshot(snap), generation=1)
    loose = view.row("loose")
    assert loose is not None and loose.status is RowStatus.UNATTACHED and loose.unattached
    # 12:00–12:20 at the company's 90.00/h, every started quarter: 30 min, 45.00 EUR
    assert (loose.billed_minutes, loose.amount) == (30, Decimal("45.00"))
    lines = {(t.customer, t.unattached): t for t in view.totals}
    assert lines[("", True)].amount == Decimal("45.00") and lines[("", True)].entries == 1
    assert view.totals[-1].unattached  # after the customers, by name
    # before the next pricing, the unattached row keeps its last price (no flicker to 0.00)
    again = unpriced_view(snap, generation=2, previous=view)
    assert again.row("loose") is loose


def test_a_running_or_empty_entry_is_shown_without_a_price(conn: sqlite3.Connection) -> None:
    clock = ManualClock(at("19:00"))
    ids = fill_store(conn, json.loads(FIXTURE.read_text()), clock.now())
    acme1 = entries_repo.get(conn, "acme1")
    assert acme1 is not None
    for uuid, start, end in (("going", at("18:30"), None), ("empty", at("18:40"), at("18:40"))):
        entry = acme1.with_changes(uuid=uuid, start=start, end=end, customer_id=ids["beta"])
        entries_repo.insert(conn, entry, reason="test", now=clock.now())
    snap = ReviewSource(conn, clock).snapshot(DAY, DAY)
    view = build_view(snap, price_snapshot(snap), generation=1)
    going, empty = view.row("going"), view.row("empty")
    assert going is not None and going.status is RowStatus.RUNNING and going.amount == 0
    assert going.end == clock.now()  # drawn up to now
    assert empty is not None and empty.status is RowStatus.EMPTY and empty.amount == 0
    beta = next(t for t in view.totals if t.customer == "Beta Bau")
    assert beta.amount == Decimal("112.50")  # as without them
