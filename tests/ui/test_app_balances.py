"""The tray brings the contract checkpoints up after start-up, off the GUI thread: a first
review after an upgrade or an import does not wait for every month to be priced."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from trayclock import app as app_module
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import Entry
from trayclock.store import customers, db, entries, settings

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 2, 10, 12, 0, tzinfo=ZONE)


def test_the_tray_makes_the_checkpoints_after_start_up(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = db.connect()
    settings.set_policy(conn, {"timezone": "Europe/Berlin"}, now=NOW)
    bank = {"included_minutes": 6_000, "period": "once"}
    customer = customers.upsert(conn, "bank", "Bank", now=NOW, contract=bank).id
    made = [
        Entry(f"e{k}", "anydesk", start, start + timedelta(minutes=30), start, customer_id=customer)
        for k, start in enumerate(
            datetime(2026, 9, 2, 10, tzinfo=ZONE) + timedelta(days=7 * n) for n in range(22)
        )
    ]
    entries.insert_many(conn, made, reason="test", now=NOW)
    conn.close()
    monkeypatch.setattr(app_module, "BALANCES_DELAY_S", 0.0)
    qt = app_module.make_qapplication()
    built = app_module.build(qt, clock=ManualClock(NOW), detection=None, tray_wait_s=0)
    path = db.file_of(built.conn)
    assert path is not None
    other = sqlite3.connect(path)
    try:
        app_module.start(built)
        kept = lambda: other.execute("SELECT count(*) FROM balance_months").fetchone()[0]  # noqa: E731
        qtbot.waitUntil(lambda: kept() == 5, timeout=20_000)  # September – January
    finally:
        other.close()
        built.shutdown()
