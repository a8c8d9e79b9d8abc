"""Export prices a range in the light of earlier entries (hours banks, quotas, the day before)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trayclock.cli import main


def _entry(entry_id: str, start: str, end: str) -> dict[str, str]:
    return {"id": entry_id, "customer": "acme", "start": start, "end": end}


def _import(tmp_path: Path, doc: dict[str, Any]) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["entries", "import", str(path)]) == 0


def _export(tmp_path: Path, first: str, last: str) -> dict[str, Any]:
    out = tmp_path / "out.json"
    assert main(["export", "--from", first, "--to", last, "--tz", "UTC", "--format", "json",
                 "-o", str(out)]) == 0  # fmt: skip
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def test_an_hours_bank_drawn_last_month_is_not_drawn_again(tmp_path: Path) -> None:
    _import(tmp_path, {
        "customers": {"acme": {"contract": {"included_minutes": 60, "period": "once"}}},
        "entries": [
            _entry("oct", "2026-10-01T09:00:00Z", "2026-10-01T09:45:00Z"),
            _entry("nov", "2026-11-02T09:00:00Z", "2026-11-02T09:30:00Z"),
        ],
    })  # fmt: skip
    november = _export(tmp_path, "2026-11-01", "2026-11-30")
    (row,) = november["entries"]
    # 45 of the 60 prepaid minutes went in October: 15 are left for November's 30.
    assert row["covered_minutes"] == 15.0
    assert row["chargeable_minutes"] == 15.0
    assert row["amount"] == "21.25"
    acme = november["customers"]["acme"]
    assert acme["billed_minutes"] == 30 and acme["amount"] == "21.25"
    assert acme["contract_balance"] == 0.0


def test_a_monthly_quota_counts_the_month_before_the_range(tmp_path: Path) -> None:
    _import(tmp_path, {
        "customers": {"acme": {"contract": {"included_minutes": 30, "period": "month"}}},
        "entries": [
            _entry("a", "2026-11-02T09:00:00Z", "2026-11-02T09:30:00Z"),
            _entry("b", "2026-11-20T09:00:00Z", "2026-11-20T09:15:00Z"),
        ],
    })  # fmt: skip
    (row,) = _export(tmp_path, "2026-11-20", "2026-11-20")["entries"]
    assert row["covered_minutes"] == 0.0 and row["amount"] == "21.25"


def test_a_session_from_the_day_before_still_covers_a_same_customer_one(tmp_path: Path) -> None:
    _import(tmp_path, {
        "entries": [
            _entry("late", "2026-11-02T23:30:00Z", "2026-11-03T00:30:00Z"),
            _entry("inner", "2026-11-03T00:05:00Z", "2026-11-03T00:20:00Z"),
        ],
    })  # fmt: skip
    exported = _export(tmp_path, "2026-11-03", "2026-11-03")
    (row,) = exported["entries"]
    assert row["status"] == "merged" and row["amount"] == "0.00"
    assert exported["customers"]["acme"]["billed_minutes"] == 0


def test_two_unattached_sessions_at_once_are_priced_apart(tmp_path: Path) -> None:
    from trayclock.domain.clock import ManualClock
    from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
    from trayclock.store import db
    from trayclock.tracker import Tracker

    conn = db.connect()
    clock = ManualClock(datetime(2026, 11, 3, 9, 0, tzinfo=UTC))
    tracker = Tracker(conn, clock)
    for key, partner, start, end in (
        ("a", "111111111", (9, 0), (9, 40)),
        ("b", "222222222", (9, 5), (9, 35)),
    ):
        session = RemoteSession(
            "anydesk", key, partner, None, datetime(2026, 11, 3, *start, tzinfo=UTC),
            datetime(2026, 11, 3, *end, tzinfo=UTC), Outcome.COMPLETED,
        )  # fmt: skip
        clock.set(session.start)
        tracker.handle(SessionEvent(EventKind.STARTED, session.with_changes(end=None,
                                                                           outcome=Outcome.OPEN),
                                    session.start))  # fmt: skip
    clock.set(datetime(2026, 11, 3, 9, 40, tzinfo=UTC))
    for key, start, end in (("a", (9, 0), (9, 40)), ("b", (9, 5), (9, 35))):
        session = RemoteSession(
            "anydesk", key, None, None, datetime(2026, 11, 3, *start, tzinfo=UTC),
            datetime(2026, 11, 3, *end, tzinfo=UTC), Outcome.COMPLETED,
        )  # fmt: skip
        tracker.handle(SessionEvent(EventKind.ENDED, session, clock.now()))
    conn.close()

    exported = _export(tmp_path, "2026-11-03", "2026-11-03")
    rows = sorted(exported["entries"], key=lambda row: row["start_utc"])
    assert [row["status"] for row in rows] == ["billed", "billed"]
    assert [row["billed_minutes"] for row in rows] == [45, 30]
    assert exported["customers"]["(no customer)"]["billed_minutes"] == 75
