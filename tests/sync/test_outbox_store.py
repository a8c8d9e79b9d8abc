"""The outbox in the real store: one row per (backend, entry) updated in place; a change to a
submitted entry queues it again in the same transaction, other changes do not; the entry's
sync_state follows its row; a newly configured backend takes every submitted entry."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trayclock.domain.entry import EndReason, Entry, SyncState
from trayclock.store import audit, db, entries, outbox, outbox_records, settings, submission
from trayclock.store.outbox import InvoicedEntryError, RemoteState, RowState
from trayclock.sync.reasons import Code, reason

NO_WORK = reason(Code.BACKEND_SAID, said="no such work")
CHANGED = reason(Code.LINE_CHANGED, line="r1")

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
HOOK = {"name": "webhook", "url": "https://hooks.example.com/in"}


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = db.connect(tmp_path / "t.sqlite3")
    yield connection
    connection.close()


def add(conn: sqlite3.Connection, minutes: int = 30, start: datetime = T0) -> Entry:
    end = start + timedelta(minutes=minutes)
    entry = Entry(uuid=entries.new_uuid(), source="manual", start=start, end=end,
                  heartbeat=end, end_reason=EndReason.MANUAL)  # fmt: skip
    return entries.insert(conn, entry, reason="test", now=T0)


def configured(conn: sqlite3.Connection) -> str:
    settings.put(conn, settings.BACKEND, HOOK, now=T0)
    backend = outbox.configured_backend(conn)
    assert backend == "webhook:https://hooks.example.com/in"
    return backend


def rows(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])


def test_a_change_to_a_submitted_entry_bumps_its_one_row_in_the_same_transaction(
    conn: sqlite3.Connection,
) -> None:
    backend = configured(conn)
    entry = add(conn)
    entries.edit(conn, entry.uuid, {"notes": "before submitting"}, now=T0)
    assert rows(conn) == 0  # not submitted: nothing queued
    submission.submit(conn, [entry.uuid], now=T0, reason="submitted")
    first = outbox.get(conn, backend, entry.uuid)
    assert first is not None and first.state is RowState.PENDING
    assert first.revision == outbox.entry_revision(conn, entry.uuid) == 1
    for n in range(3):
        entries.edit(conn, entry.uuid, {"notes": f"edit {n}"}, now=T0)
    row = outbox.get(conn, backend, entry.uuid)
    assert row is not None and row.revision == 4 and rows(conn) == 1  # in place
    # A change that fails rolls the bump back with it.
    with pytest.raises(db.StoreError), db.transaction(conn):
        entries.edit(conn, entry.uuid, {"notes": "lost"}, now=T0)
        raise db.StoreError("the caller's transaction fails")
    row = outbox.get(conn, backend, entry.uuid)
    assert row is not None and row.revision == 4 == outbox.entry_revision(conn, entry.uuid)


def test_changes_the_backend_never_sees_queue_nothing(conn: sqlite3.Connection) -> None:
    backend = configured(conn)
    entry = add(conn)
    submission.submit(conn, [entry.uuid], now=T0, reason="submitted")
    submission.sent(conn, backend, [(entry.uuid, 0, RemoteState("r1", "v1"))], now=T0)
    entries.update(conn, entry.uuid, {"overlap": True, "reviewed": False}, reason="x", now=T0)
    row = outbox.get(conn, backend, entry.uuid)
    assert row is not None and row.state is RowState.SYNCED and row.revision == 0
    assert outbox.entry_revision(conn, entry.uuid) == 0
    assert entries.get(conn, entry.uuid).sync_state is SyncState.SYNCED  # type: ignore[union-attr]


def test_the_entry_sync_state_follows_its_row(conn: sqlite3.Connection) -> None:
    backend = configured(conn)
    entry = add(conn)

    def state() -> SyncState:
        found = entries.get(conn, entry.uuid)
        assert found is not None
        return found.sync_state

    submission.submit(conn, [entry.uuid], now=T0, reason="submitted")
    assert state() is SyncState.QUEUED
    submission.sent(conn, backend, [(entry.uuid, 0, RemoteState("r1", "v1", "o1"))], now=T0)
    assert state() is SyncState.SYNCED
    entries.edit(conn, entry.uuid, {"ticket": "T-1"}, now=T0)
    assert state() is SyncState.CHANGED
    submission.failed(conn, backend, entry.uuid, 1, NO_WORK, said="no such work", now=T0)
    assert state() is SyncState.FAILED
    submission.submit(conn, [entry.uuid], now=T0, reason="again")  # a failed one: tried again
    assert state() is SyncState.CHANGED
    submission.conflicted(conn, backend, entry.uuid, CHANGED,
                          {"remote_id": "r1", "version": "v9", "owned": "o9"},
                          said="changed in Tryton", now=T0)  # fmt: skip
    row = outbox.get(conn, backend, entry.uuid)
    assert row is not None and row.conflict_reason == CHANGED  # what happened, not words
    assert state() is SyncState.CONFLICT
    entries.edit(conn, entry.uuid, {"ticket": "T-2"}, now=T0)  # still one: newest revision
    row = outbox.get(conn, backend, entry.uuid)
    assert row is not None and row.state is RowState.CONFLICT and row.revision == 2
    submission.keep_mine(conn, backend, entry.uuid, said="changed in Tryton", now=T0)
    row = outbox.get(conn, backend, entry.uuid)
    assert row is not None and row.state is RowState.PENDING and row.remote is not None
    assert row.remote.version == "v9"  # written over the server's line as it is now
    assert any(r.field == submission.CONFLICT_FIELD for r in audit.history(conn, entry.uuid))
    submission.sent(conn, backend, [(entry.uuid, 2, RemoteState("r1", "v10", "o3", True))],
                    now=T0)  # fmt: skip
    assert state() is SyncState.INVOICED
    with pytest.raises(InvoicedEntryError, match="its end, start can no longer change"):
        entries.edit(conn, entry.uuid, {"start": T0 - timedelta(hours=1),
                                        "end": T0 + timedelta(hours=1)}, now=T0)  # fmt: skip
    with pytest.raises(InvoicedEntryError, match="existence"):
        entries.discard(conn, entry.uuid, now=T0)
    entries.edit(conn, entry.uuid, {"notes": "the description still changes"}, now=T0)
    assert state() is SyncState.CHANGED


def test_an_edit_while_a_send_was_in_flight_is_sent_next(conn: sqlite3.Connection) -> None:
    backend = configured(conn)
    entry = add(conn)
    submission.submit(conn, [entry.uuid], now=T0, reason="submitted")
    outbox_records.mark_sending(conn, backend, [(entry.uuid, 0, "o1")], now=T0)
    entries.edit(conn, entry.uuid, {"notes": "typed meanwhile"}, now=T0)
    submission.sent(conn, backend, [(entry.uuid, 0, RemoteState("r1", "v1"))], now=T0)
    row = outbox.get(conn, backend, entry.uuid)
    assert row is not None and row.state is RowState.PENDING
    assert (row.sent_revision, row.revision, row.maybe_sent) == (0, 1, False)
    # A refusal of the old revision does not fail the newer one either.
    submission.failed(conn, backend, entry.uuid, 0, NO_WORK, said="no such work", now=T0)
    row = outbox.get(conn, backend, entry.uuid)
    assert row is not None and row.state is RowState.PENDING and row.last_reason == NO_WORK


def test_a_backend_configured_later_takes_every_submitted_entry(
    conn: sqlite3.Connection,
) -> None:
    kept, dropped, local = add(conn), add(conn), add(conn)
    submission.submit(conn, [kept.uuid, dropped.uuid], now=T0, reason="submitted")
    entries.discard(conn, dropped.uuid, now=T0)
    assert rows(conn) == 0 and entries.get(conn, kept.uuid).sync_state is SyncState.QUEUED  # type: ignore[union-attr]
    backend = configured(conn)
    assert submission.seed(conn, backend, now=T0) == 1
    assert submission.seed(conn, backend, now=T0) == 0  # once
    assert outbox.get(conn, backend, kept.uuid) is not None
    assert outbox.get(conn, backend, local.uuid) is None


def test_a_submitted_entry_split_in_two_submits_both_halves(conn: sqlite3.Connection) -> None:
    backend = configured(conn)
    entry = add(conn, minutes=60)
    submission.submit(conn, [entry.uuid], now=T0, reason="submitted")
    first, second = entries.split(conn, entry.uuid, T0 + timedelta(minutes=20), now=T0)
    assert second.sync_state is SyncState.QUEUED
    found = [outbox.get(conn, backend, e.uuid) for e in (first, second)]
    assert all(r is not None and r.state is RowState.PENDING for r in found)
