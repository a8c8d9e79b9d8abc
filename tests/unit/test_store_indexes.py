"""Migration 2 (the time, partner and session indexes): a version-1 store migrates, copied
aside first; what a session's events read goes through an index, never the whole history."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import db, entries, entry_rows
from trayclock.store.time_index import sharing_time
from trayclock.tracker import Tracker

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
INDEXES = {"entries_end_or_open", "entries_partner", "entries_session"}


def history(count: int, *, days: int = 400) -> list[Entry]:
    """Ended sessions, one every `days / count` days, before T0."""
    step = timedelta(days=days) / count
    made = []
    for number in range(count):
        start = T0 - timedelta(days=days) + number * step
        made.append(
            Entry(
                uuid=f"h-{number:05d}",
                source="anydesk",
                session_key=f"old-{number}",
                partner_id=str(100 + number % 50),
                start=start,
                end=start + timedelta(minutes=20),
                heartbeat=start + timedelta(minutes=20),
                end_reason=EndReason.ENDED,
            )
        )
    return made


def indexes(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_version_1_store_migrates_to_2_and_keeps_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.sqlite3"
    monkeypatch.setattr(db, "MIGRATIONS", db.MIGRATIONS[:1])
    monkeypatch.setattr(db, "SCHEMA_VERSION", 1)
    old = db.connect(path)
    kept = history(30)
    # Written as a version-1 trayclock wrote them: the rows alone (today's store code reads
    # and writes tables later migrations add).
    with db.transaction(old):
        old.executemany(
            entry_rows.INSERT, [entry_rows.insert_values(e, db.encode_time(T0)) for e in kept]
        )
    assert not INDEXES & indexes(old)
    old.close()
    monkeypatch.undo()

    conn = db.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert indexes(conn) >= INDEXES
    assert entries.in_range(conn, T0 - timedelta(days=500), T0) == kept
    conn.close()
    (backup,) = tmp_path.glob("t.sqlite3.v1.*.bak")
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT count(*) FROM entries").fetchone()[0] == len(kept)
    copy.close()


def plans(conn: sqlite3.Connection, statements: list[str]) -> list[str]:
    """Each SELECT's query plan, one line per step."""
    return [
        " / ".join(str(row[3]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
    ]


def test_a_sessions_events_never_scan_the_history(conn: sqlite3.Connection) -> None:
    entries.insert_many(conn, history(2_000), reason="history", now=T0)
    clock = ManualClock(T0)
    tracker = Tracker(conn, clock)
    tracker.recover()
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    s = RemoteSession("anydesk", "k1", "101", None, T0, None, Outcome.OPEN)
    tracker.handle(SessionEvent(EventKind.STARTED, s, T0))
    clock.advance(timedelta(seconds=30))
    tracker.tick()
    done = s.with_changes(end=clock.now(), outcome=Outcome.COMPLETED)
    tracker.handle(SessionEvent(EventKind.ENDED, done, clock.now()))
    conn.set_trace_callback(None)
    found = plans(conn, seen)
    assert len(found) > 10
    # A full scan, or a range open towards the past (all entries starting before now).
    # (entries_long holds only the entries longer than about a day: open to the past is fine)
    scans = [
        plan
        for plan in found
        if "SCAN entries" in plan or ("(start<?)" in plan and "entries_long" not in plan)
    ]
    assert scans == [], "\n".join(scans)
    assert any("entries_partner" in plan for plan in found)
    assert any("entries_session" in plan for plan in found)
    assert any("entries_running" in plan for plan in found)


def test_sharing_time_reads_through_indexes_bounded_on_both_sides(
    conn: sqlite3.Connection,
) -> None:
    made = history(400)
    middle = made[200].start
    made += [
        Entry("long", "manual", middle - timedelta(days=5), middle + timedelta(hours=1), middle),
        Entry("open", "manual", middle - timedelta(days=9), None, middle),
        Entry("day", "manual", middle - timedelta(hours=23), middle + timedelta(hours=2), middle),
    ]
    entries.insert_many(conn, made, reason="history", now=T0)
    windows = [
        ("2025-10-01T00:00:00.000000Z", "2025-10-02T00:00:00.000000Z"),
        ("2026-11-01T00:00:00.000000Z", "2026-11-02T00:00:00.000000Z"),
        (db.encode_time(middle), db.encode_time(middle + timedelta(minutes=10))),
        ("0001-01-01T00:00:00.000000Z", "0001-01-02T00:00:00.000000Z"),
    ]
    for lo, hi in windows:
        source, condition, params = sharing_time(conn, lo, hi)
        sql = f"SELECT uuid FROM {source} WHERE {condition}"
        rows = sorted(r[0] for r in conn.execute(sql, params))
        wanted = conn.execute(
            'SELECT uuid FROM entries WHERE start < ? AND ("end" IS NULL OR "end" > ?)', (hi, lo)
        )
        assert rows == sorted(r[0] for r in wanted), (lo, hi)
        plan = " / ".join(str(r[3]) for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "SCAN" not in plan and "entries_start (start>? AND start<?)" in plan, plan
    lo, hi = windows[2]
    found = {r[0] for r in conn.execute(f"SELECT uuid FROM entries WHERE {_sharing(lo, hi)}")}
    assert {"long", "open", "day"} <= found


def _sharing(lo: str, hi: str) -> str:
    _, condition, params = sharing_time(sqlite3.connect(":memory:"), lo, hi)
    for value in params:
        condition = condition.replace("?", f"'{value}'", 1)
    return condition
