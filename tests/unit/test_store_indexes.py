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
    scans = [plan for plan in found if "SCAN entries" in plan or "(start<?)" in plan]
    assert scans == [], "\n".join(scans)
    assert any("entries_partner" in plan for plan in found)
    assert any("entries_session" in plan for plan in found)
    assert any("entries_end_or_open" in plan for plan in found)


def test_sharing_time_reads_through_the_index_that_passes_fewer_rows(
    conn: sqlite3.Connection,
) -> None:
    entries.insert_many(conn, history(400), reason="history", now=T0)
    early = sharing_time(conn, "2025-10-01T00:00:00.000000Z", "2025-10-02T00:00:00.000000Z")
    late = sharing_time(conn, "2026-11-01T00:00:00.000000Z", "2026-11-02T00:00:00.000000Z")
    assert "entries_start" in early[0] and "entries_end_or_open" in late[0]
    for source, condition, params in (early, late):
        rows = conn.execute(f"SELECT uuid FROM {source} WHERE {condition}", params).fetchall()
        lo, hi = params[1], params[0]
        wanted = conn.execute(
            'SELECT uuid FROM entries WHERE start < ? AND ("end" IS NULL OR "end" > ?)', (hi, lo)
        ).fetchall()
        assert sorted(rows) == sorted(wanted) and wanted
