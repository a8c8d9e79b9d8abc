"""Checkpointed hours banks with pauses and after-hours entries, and every way the past moves.

An hours bank draws an entry's weighted minutes: its worked time (paused time left out),
rounded, after hours raised to the after-hours minimum and multiplied (billing-rules.md
steps 1, 4-6). The checkpoints must price exactly so: a checkpointed balance equals the one
pricing every earlier entry from scratch (`check_range`, domain/pricing), and equals the
figure worked out by hand from the rules. Each change of what a month draws — a pause added,
removed or accepted, an edit, an import, a discard taken from the backend — forgets the
checkpoints it moves; a store migrated by the trayclock before the checkpoints (schema 4:
pauses and the outbox) upgrades with its data and prices the same.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tests.services.test_balance_checkpoints import NOW, ZONE, check_range
from trayclock.domain.entry import Entry
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState
from trayclock.services.pricing import price_stored_range
from trayclock.store import (
    customers,
    db,
    entries,
    entry_rows,
    outbox,
    outbox_records,
    pause_rows,
    pauses,
    submission,
)
from trayclock.store import settings as settings_repo
from trayclock.store.importing import import_document
from trayclock.sync.theirs import changes_from_remote

POLICY: dict[str, Any] = {
    "timezone": "Europe/Berlin",
    "business_hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"},
    "after_hours_multiplier": "2",
    "after_hours_minimum_minutes": 60,
}
BANK_MINUTES = 1_000
JANUARY = (date(2027, 1, 1), date(2027, 1, 31))
BACKEND = {"name": "webhook", "url": "https://billing.example/hook"}


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def made(
    uuid: str, start: datetime, end: datetime, customer_id: int, *gaps: tuple[datetime, datetime]
) -> Entry:
    return Entry(
        uuid, "anydesk", start, end, end, customer_id=customer_id, approved=True,
        pauses=tuple(EntryPause(lo, hi, PauseState.ACCEPTED, PauseOrigin.SLEEP) for lo, hi in gaps),
    )  # fmt: skip


TUESDAY, SATURDAY, OCTOBER_SATURDAY = date(2026, 9, 8), date(2026, 9, 12), date(2026, 10, 10)


def history(bank: int) -> list[Entry]:
    """What the bank draws, by hand (15-minute increments, rounded up):
    - Tue 09:00-10:00 less a 30-minute pause: worked 30, billed 30, business: draws 30;
    - Sat 10:00-10:20: worked 20, billed 30, after hours so at least 60, x2: draws 120;
    - Sat 10:00-12:00 less an hour's pause: worked 60, billed 60, after hours, x2: draws 120.
    270 in all (wall time would draw 60 + 120 + 240 = 420)."""
    return [
        made("tue", at(TUESDAY, 9), at(TUESDAY, 10), bank,
             (at(TUESDAY, 9, 20), at(TUESDAY, 9, 50))),
        made("sat", at(SATURDAY, 10), at(SATURDAY, 10, 20), bank),
        made("oct", at(OCTOBER_SATURDAY, 10), at(OCTOBER_SATURDAY, 12), bank,
             (at(OCTOBER_SATURDAY, 10, 30), at(OCTOBER_SATURDAY, 11, 30))),
        # In January: its total shows the balance the earlier months left.
        made("jan", at(date(2027, 1, 12), 9), at(date(2027, 1, 12), 9, 15), bank),
    ]  # fmt: skip


def bank_left(conn: sqlite3.Connection) -> Fraction | None:
    """The bank's balance after January, as `export` prices it (from the checkpoints)."""
    start, end = at(JANUARY[0], 0), at(JANUARY[1] + timedelta(days=1), 0)
    (total,) = [t for t in price_stored_range(conn, start, end, now=NOW).totals if t.key == "bank"]
    return total.contract_balance


def kept_months(conn: sqlite3.Connection) -> list[str]:
    return [str(row[0]) for row in conn.execute("SELECT month FROM balance_months ORDER BY month")]


@pytest.fixture
def bank(conn: sqlite3.Connection) -> int:
    settings_repo.set_policy(conn, POLICY, now=NOW)
    contract = {"included_minutes": BANK_MINUTES, "period": "once"}
    bank_id = customers.upsert(conn, "bank", "Bank", now=NOW, contract=contract).id
    for entry in history(bank_id):
        entries.insert(conn, entry, reason="test", now=NOW)
    check_range(conn, *JANUARY)  # the months before January checkpointed
    assert kept_months(conn) == ["2026-09", "2026-10", "2026-11", "2026-12"]
    return bank_id


def test_a_checkpointed_bank_draws_worked_time_after_hours_weighted(
    conn: sqlite3.Connection, bank: int
) -> None:
    assert bank_left(conn) == BANK_MINUTES - 270 - 15  # January's own 15 minutes too
    check_range(conn, *JANUARY)  # now from the checkpoints alone: the same as from scratch


def test_a_pause_added_removed_or_accepted_forgets_its_month(
    conn: sqlite3.Connection, bank: int
) -> None:
    # Sat 10:00-10:20 with 10:05-10:15 off: worked 10, billed 15, still raised to 60: no change.
    pauses.add(conn, "sat", at(SATURDAY, 10, 5), at(SATURDAY, 10, 15), reason="test", now=NOW)
    assert kept_months(conn) == ["2026-10", "2026-11", "2026-12"]
    check_range(conn, *JANUARY)
    # Tue 09:00-10:00: another 10 minutes off, worked 20, billed 30: no change either.
    pauses.add(conn, "tue", at(TUESDAY, 9, 50), at(TUESDAY, 10), reason="test", now=NOW)
    check_range(conn, *JANUARY)
    # The October pause taken away: worked 120, billed 120, x2: draws 240 instead of 120.
    (october,) = entries.get_many(conn, ["oct"]).values()
    pauses.remove(conn, october.pauses[0].id or 0, reason="test", now=NOW)
    assert "2026-10" not in kept_months(conn)
    check_range(conn, *JANUARY)
    assert bank_left(conn) == BANK_MINUTES - 30 - 120 - 240 - 15
    # Idle suggested: no price moves until it is answered; accepted, the hour is off again.
    suggested = pauses.suggest(
        conn, "oct", at(OCTOBER_SATURDAY, 10, 30), at(OCTOBER_SATURDAY, 11, 30),
        minimum=timedelta(minutes=1), reason="idle", now=NOW,
    )  # fmt: skip
    assert suggested is not None
    check_range(conn, *JANUARY)
    assert "2026-10" in kept_months(conn)  # a suggestion changes no price
    (idle,) = [p for p in suggested.pauses if p.state is PauseState.SUGGESTED]
    pauses.answer(conn, idle.id or 0, accept=True, reason="test", now=NOW)
    assert "2026-10" not in kept_months(conn)
    check_range(conn, *JANUARY)
    assert bank_left(conn) == BANK_MINUTES - 270 - 15


def test_an_edit_an_import_and_a_discard_from_the_backend_forget_their_months(
    conn: sqlite3.Connection, bank: int
) -> None:
    # The Saturday moved to Monday: business hours, billed 30 instead of 120.
    monday = date(2026, 9, 14)
    entries.edit(conn, "sat", {"start": at(monday, 10), "end": at(monday, 10, 20)}, now=NOW)
    assert "2026-09" not in kept_months(conn)
    check_range(conn, *JANUARY)
    assert bank_left(conn) == BANK_MINUTES - 30 - 30 - 120 - 15
    # An import of a November Sunday with a pause: worked 45, billed 45 (at least 60) x2.
    sunday = date(2026, 11, 15)
    doc = {"entries": [{
        "id": "nov", "customer": "bank", "start": at(sunday, 9).isoformat(),
        "end": at(sunday, 10, 15).isoformat(), "approved": True,
        "pauses": [{"start": at(sunday, 9, 30).isoformat(), "end": at(sunday, 10).isoformat()}],
    }]}  # fmt: skip
    import_document(conn, doc, label="nov.json", now=NOW)
    assert "2026-11" not in kept_months(conn)
    check_range(conn, *JANUARY)
    assert bank_left(conn) == BANK_MINUTES - 30 - 30 - 120 - 120 - 15
    # The October line deleted in the backend, "take theirs": the entry is discarded.
    settings_repo.put(conn, settings_repo.BACKEND, BACKEND, now=NOW)
    backend = outbox.configured_backend(conn)
    assert backend is not None
    submission.submit(conn, ["oct"], now=NOW, reason="test")
    outbox_records.record_conflict(conn, backend, "oct", "deleted there", None, now=NOW)
    october = entries.get(conn, "oct")
    assert october is not None
    changes = changes_from_remote(october, None, ZONE)
    submission.take_theirs(conn, backend, "oct", changes, now=NOW)
    assert "2026-10" not in kept_months(conn)
    check_range(conn, *JANUARY)
    assert bank_left(conn) == BANK_MINUTES - 30 - 30 - 120 - 15


def test_a_store_of_schema_4_upgrades_with_its_pauses_and_outbox_and_prices_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = next(
        number
        for number, statements in enumerate(db.MIGRATIONS)
        if any("CREATE TABLE balance_months" in sql for sql in statements)
    )
    assert mine == 4 and db.SCHEMA_VERSION >= 5  # after main's pauses (3) and outbox (4)
    path = tmp_path / "older.sqlite3"
    monkeypatch.setattr(db, "MIGRATIONS", db.MIGRATIONS[:mine])
    monkeypatch.setattr(db, "SCHEMA_VERSION", mine)
    old = db.connect(path)
    settings_repo.set_policy(old, POLICY, now=NOW)
    settings_repo.put(old, settings_repo.BACKEND, BACKEND, now=NOW)
    contract = {"included_minutes": BANK_MINUTES, "period": "once"}
    bank = customers.upsert(old, "bank", "Bank", now=NOW, contract=contract).id
    written = history(bank)
    # As that trayclock wrote them: the rows, their pauses and an outbox row (today's insert
    # also forgets checkpoints, in a table that store does not have).
    with db.transaction(old):
        old.executemany(
            entry_rows.INSERT, [entry_rows.insert_values(e, db.encode_time(NOW)) for e in written]
        )
        pause_rows.insert(old, written, reason="test", now=NOW)
    backend = outbox.configured_backend(old)
    assert backend is not None
    with db.transaction(old):
        outbox.enqueue(old, backend, "tue", now=NOW)
    old.close()
    monkeypatch.undo()

    conn = db.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
        (copy,) = tmp_path.glob("older.sqlite3.v4.*.bak")
        assert copy.stat().st_size > 0
        kept = entries.get_many(conn, [e.uuid for e in written])
        assert [kept[e.uuid].pauses for e in written] == [e.pauses for e in written]
        assert [kept[e.uuid].with_changes(pauses=()) for e in written] == [
            e.with_changes(pauses=()) for e in written
        ]
        row = outbox.get(conn, backend, "tue")
        assert row is not None and row.entry_uuid == "tue"
        assert kept_months(conn) == []
        assert bank_left(conn) == BANK_MINUTES - 270 - 15
        assert kept_months(conn) == ["2026-09", "2026-10", "2026-11", "2026-12"]
        check_range(conn, *JANUARY)
    finally:
        conn.close()
