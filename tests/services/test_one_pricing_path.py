"""`trayclock export` and the review window price the same range to the same amounts.

One store, priced both ways, under both concurrency policies, for ranges that need history
(an hours bank drawn last month, a monthly quota drawn earlier in the month, a session from
the day before covering a later one), with unattached sessions at once, a refused attempt, a
running session and overlaps between customers. The review is asked both ways it prices: the
history read at once, and completed later on another connection.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from trayclock.cli import main
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import Entry
from trayclock.services.review.demo import fill_store
from trayclock.services.review.pricing import build_view, price_snapshot
from trayclock.services.review.rows import DayView, RowStatus
from trayclock.services.review.source import ReviewSource
from trayclock.store import db
from trayclock.store import entries as entries_repo

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 2, 19, 0, tzinfo=BERLIN)  # while "going" still runs


def _e(entry_id: str, customer: str | None, start: str, end: str, **more: Any) -> dict[str, Any]:
    item = {"id": entry_id, "start": start, "end": end, "app": "anydesk", **more}
    if customer:
        item["customer"] = customer
    return item


DOC: dict[str, Any] = {
    "policy": {
        "rate": "90.00", "currency": "EUR", "increment_minutes": 15, "free_under_minutes": 5,
        "review_over_minutes": 60, "minimum_charge": "20.00", "after_hours_multiplier": "1.5",
        "business_hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"},
        "timezone": "Europe/Berlin",
    },
    "customers": [
        {"key": "acme", "name": "Acme", "contract": {"included_minutes": 60, "period": "once"}},
        {"key": "beta", "name": "Beta Bau", "policy": {"rate": "120.00"}},
        {"key": "gamma", "name": "Gamma", "contract": {"included_minutes": 30, "period": "month"}},
    ],
    "entries": [
        # history
        _e("oct-acme", "acme", "2026-10-05T09:00:00+02:00", "2026-10-05T09:45:00+02:00"),
        _e("oct-gamma", "gamma", "2026-10-30T10:00:00+01:00", "2026-10-30T10:25:00+01:00"),
        _e("late-beta", "beta", "2026-10-31T23:30:00+01:00", "2026-11-01T00:25:00+01:00"),
        # Sunday 1 November
        _e("inner-beta", "beta", "2026-11-01T00:05:00+01:00", "2026-11-01T00:20:00+01:00"),
        _e("sun-gamma", "gamma", "2026-11-01T10:00:00+01:00", "2026-11-01T10:20:00+01:00"),
        # Monday 2 November
        _e("acme1", "acme", "2026-11-02T09:00:00+01:00", "2026-11-02T09:40:00+01:00"),
        _e("beta1", "beta", "2026-11-02T09:20:00+01:00", "2026-11-02T09:50:00+01:00"),
        _e("loose1", None, "2026-11-02T11:00:00+01:00", "2026-11-02T11:25:00+01:00"),
        _e("loose2", None, "2026-11-02T11:10:00+01:00", "2026-11-02T11:20:00+01:00"),
        _e("gamma1", "gamma", "2026-11-02T13:00:00+01:00", "2026-11-02T13:16:00+01:00"),
        _e("long", "beta", "2026-11-02T14:00:00+01:00", "2026-11-02T15:30:00+01:00"),
        _e("tried", None, "2026-11-02T16:00:00+01:00", "2026-11-02T16:02:00+01:00",
           attempt=True, billable=False),
        _e("acme2", "acme", "2026-11-02T16:40:00+01:00", "2026-11-02T16:55:00+01:00"),
        _e("late", "beta", "2026-11-02T18:00:00+01:00", "2026-11-02T18:20:00+01:00"),
        # Tuesday 3 November
        _e("tue-beta", "beta", "2026-11-03T10:00:00+01:00", "2026-11-03T10:10:00+01:00"),
    ],
}  # fmt: skip
RANGES = [
    (date(2026, 11, 2), date(2026, 11, 2)),
    (date(2026, 11, 1), date(2026, 11, 1)),  # the 1st: a monthly quota, the day before
    (date(2026, 11, 1), date(2026, 11, 7)),
    (date(2026, 10, 26), date(2026, 11, 8)),  # across two months: no carrying
]


@pytest.fixture(params=["bill_each", "split"])
def store(request: pytest.FixtureRequest, private_home: Path) -> Iterator[sqlite3.Connection]:
    conn = db.connect()  # the store `trayclock export` opens (TRAYCLOCK_HOME is private)
    doc = {**DOC, "policy": {**DOC["policy"], "concurrency": request.param}}
    ids = fill_store(conn, doc, NOW)
    acme2 = entries_repo.get(conn, "acme2")
    assert acme2 is not None
    going = Entry(  # Beta, still running: acme2 runs inside it
        uuid="going", source="teamviewer", start=acme2.start - timedelta(minutes=10), end=None,
        heartbeat=NOW, customer_id=ids["beta"],
    )  # fmt: skip
    entries_repo.insert(conn, going, reason="test: running", now=NOW)
    yield conn
    conn.close()


def _export(tmp_path: Path, first: date, last: date) -> dict[str, Any]:
    out = tmp_path / f"{first}-{last}.json"
    argv = ["export", "--from", str(first), "--to", str(last), "--format", "json", "-o", str(out)]
    assert main(argv, clock=ManualClock(NOW)) == 0
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _reviews(conn: sqlite3.Connection, first: date, last: date) -> list[DayView]:
    """The review's view of the range both ways the window reads it: with its history at once,
    and completed afterwards on a connection of its own (as the pricer's worker does)."""
    source = ReviewSource(conn, ManualClock(NOW))
    at_once = source.snapshot(first, last)
    later = source.with_history_elsewhere(source.snapshot(first, last, history=False))
    assert at_once.complete and later == at_once
    return [build_view(snap, price_snapshot(snap), generation=1) for snap in (at_once, later)]


def _money(text: str | None) -> Decimal:
    return Decimal(text or "0.00")


@pytest.mark.parametrize(("first", "last"), RANGES)
def test_export_and_review_give_the_same_amounts(
    store: sqlite3.Connection, tmp_path: Path, first: date, last: date
) -> None:
    exported = _export(tmp_path, first, last)
    rows = {row["uuid"]: row for row in exported["entries"]}
    assert rows, "the range has entries"
    for view in _reviews(store, first, last):
        assert {r.id for r in view.rows} == set(rows)
        for shown in view.rows:
            row = rows[shown.id]
            assert (shown.billed_minutes, shown.amount) == (
                row["billed_minutes"] or 0,
                _money(row["amount"]),
            ), shown.id
            if shown.status not in (RowStatus.UNATTACHED, RowStatus.PRICING):
                assert str(shown.status) == row["status"], shown.id
        names = {t.customer if not t.unattached else "(no customer)": t for t in view.totals}
        by_key = {"Acme": "acme", "Beta Bau": "beta", "Gamma": "gamma"}
        assert {by_key.get(name, name) for name in names} == set(exported["customers"])
        for name, total in names.items():
            exported_total = exported["customers"][by_key.get(name, name)]
            assert total.amount == _money(exported_total["amount"]), name
            assert total.billed_minutes == exported_total["billed_minutes"], name
            assert total.needs_review == exported_total["needs_review"], name
            assert total.contract_remaining == exported_total["contract_balance"], name


def test_the_rule_for_unattached_and_running_entries_holds_in_both(
    store: sqlite3.Connection, tmp_path: Path
) -> None:
    day = date(2026, 11, 2)
    rows = {row["uuid"]: row for row in _export(tmp_path, day, day)["entries"]}
    # each unattached session is priced by the company policy, apart from the other
    assert rows["loose1"]["customer"] == rows["loose2"]["customer"] == "(no customer)"
    assert rows["loose1"]["status"] == rows["loose2"]["status"] == "billed"
    assert rows["tried"]["status"] == "non_billable"
    # the running one is listed without a price, and prices nothing around it
    assert rows["going"]["status"] == "running" and rows["going"]["amount"] is None
    assert rows["acme2"]["effective_minutes"] == 15.0
    (view, *_) = _reviews(store, day, day)
    going = view.row("going")
    assert going is not None and going.status is RowStatus.RUNNING and going.amount == 0
    loose = view.row("loose1")
    assert loose is not None and loose.status is RowStatus.UNATTACHED and loose.amount > 0


def test_a_session_from_the_day_before_covers_one_on_the_first_of_the_month(
    store: sqlite3.Connection, tmp_path: Path
) -> None:
    # The review used to read no history at all for a range starting on the 1st when a
    # customer had a monthly quota, and billed this entry the export merges.
    day = date(2026, 11, 1)
    rows = {row["uuid"]: row for row in _export(tmp_path, day, day)["entries"]}
    assert rows["inner-beta"]["status"] == "merged"
    (view, *_) = _reviews(store, day, day)
    inner = view.row("inner-beta")
    assert inner is not None and inner.status is RowStatus.MERGED
