"""Repositories: entries (edit, split, merge, discard, approve, overlap), audit, customers,
partner mappings, settings — on a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from trayclock.domain.entry import EndReason, Entry, SyncState
from trayclock.store import audit, customers, db, entries, mappings, outbox, settings, submission
from trayclock.store.outbox import RemoteState

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


def _entry(
    start: datetime, minutes: int | None, customer_id: int | None = None, **kw: object
) -> Entry:
    end = None if minutes is None else start + minutes * MIN
    return Entry(
        uuid=entries.new_uuid(),
        source="manual",
        start=start,
        end=end,
        heartbeat=end or start,
        customer_id=customer_id,
        **kw,  # type: ignore[arg-type]
    )


def _add(conn: sqlite3.Connection, *args: object, **kw: object) -> Entry:
    return entries.insert(conn, _entry(*args, **kw), reason="test", now=T0)  # type: ignore[arg-type]


def _customer(conn: sqlite3.Connection, key: str) -> int:
    return customers.upsert(conn, key, key.title(), now=T0).id


def test_insert_and_every_edit_are_in_the_audit_trail(conn: sqlite3.Connection) -> None:
    acme = _customer(conn, "acme")
    entry = _add(conn, T0, 30)
    later = T0 + timedelta(days=40)
    entries.edit(conn, entry.uuid, {"customer_id": acme, "notes": "printer"}, now=later)
    entries.edit(conn, entry.uuid, {"end": T0 + 25 * MIN}, now=later, reason="tech corrected")
    trail = audit.history(conn, entry.uuid)
    assert [(r.field, r.old, r.new) for r in trail] == [
        (
            audit.CREATED_FIELD,
            None,
            "manual 2026-11-02T08:00:00.000000Z → 2026-11-02T08:30:00.000000Z",
        ),
        ("customer_id", None, str(acme)),
        ("notes", "", "printer"),
        ("end", "2026-11-02T08:30:00.000000Z", "2026-11-02T08:25:00.000000Z"),
        ("end_reason", None, "manual"),
    ]
    assert trail[-1].reason == "tech corrected" and trail[-1].at == later


def test_edit_refuses_derived_fields_and_bad_times(conn: sqlite3.Connection) -> None:
    entry = _add(conn, T0, 30)
    with pytest.raises(db.StoreError, match="overlap"):
        entries.edit(conn, entry.uuid, {"overlap": True}, now=T0)
    with pytest.raises(db.StoreError, match="before start"):
        entries.edit(conn, entry.uuid, {"end": T0 - MIN}, now=T0)
    assert entries.get(conn, entry.uuid) == entry
    assert len(audit.history(conn, entry.uuid)) == 1


def test_editing_a_synced_entry_marks_it_changed(conn: sqlite3.Connection) -> None:
    entry = _add(conn, T0, 30)
    settings.put(conn, settings.BACKEND, {"name": "webhook", "url": "https://x.test"}, now=T0)
    backend = outbox.configured_backend(conn)
    assert backend is not None
    submission.submit(conn, [entry.uuid], now=T0, reason="submitted")
    revision = outbox.entry_revision(conn, entry.uuid)
    submission.sent(conn, backend, [(entry.uuid, revision, RemoteState("1"))], now=T0)
    assert entries.get(conn, entry.uuid).sync_state is SyncState.SYNCED  # type: ignore[union-attr]
    edited = entries.edit(conn, entry.uuid, {"ticket": "T-1"}, now=T0)
    assert edited.sync_state is SyncState.CHANGED
    row = outbox.get(conn, backend, entry.uuid)
    assert row is not None and row.revision == revision + 1 and row.sent_revision == revision


def test_split_makes_two_audited_halves(conn: sqlite3.Connection) -> None:
    entry = _add(conn, T0, 60, notes="two jobs")
    first, second = entries.split(conn, entry.uuid, T0 + 20 * MIN, now=T0)
    assert (first.start, first.end) == (T0, T0 + 20 * MIN)
    assert (second.start, second.end) == (T0 + 20 * MIN, T0 + 60 * MIN)
    assert second.notes == "two jobs" and second.uuid != first.uuid
    assert any("split" in r.reason for r in audit.history(conn, first.uuid))
    with pytest.raises(db.StoreError, match="not inside"):
        entries.split(conn, first.uuid, T0 + 30 * MIN, now=T0)


def test_merge_keeps_the_earliest_and_discards_the_rest(conn: sqlite3.Connection) -> None:
    acme = _customer(conn, "acme")
    a = _add(conn, T0, 10, acme, notes="call")
    b = _add(conn, T0 + 15 * MIN, 20, acme, notes="follow-up")
    merged = entries.merge(conn, [b.uuid, a.uuid], now=T0)
    assert merged.uuid == a.uuid
    assert (merged.start, merged.end) == (T0, T0 + 35 * MIN)
    assert merged.notes == "call\nfollow-up"
    gone = entries.get(conn, b.uuid)
    assert gone is not None and gone.discarded
    assert audit.history(conn, b.uuid)[-1].reason == f"merged into {a.uuid}"
    beta = _customer(conn, "beta")
    c = _add(conn, T0 + 2 * timedelta(hours=1), 5, beta)
    with pytest.raises(db.StoreError, match="different customers"):
        entries.merge(conn, [a.uuid, c.uuid], now=T0)


def test_discard_is_soft_and_restorable(conn: sqlite3.Connection) -> None:
    entry = _add(conn, T0, 30)
    entries.discard(conn, entry.uuid, now=T0)
    assert entries.in_range(conn, T0, T0 + timedelta(days=1)) == []
    assert len(entries.in_range(conn, T0, T0 + timedelta(days=1), include_discarded=True)) == 1
    restored = entries.restore(conn, entry.uuid, now=T0)
    assert not restored.discarded
    assert [r.field for r in audit.history(conn, entry.uuid)][1:] == ["discarded", "discarded"]


def test_approve_marks_reviewed(conn: sqlite3.Connection) -> None:
    entry = _add(conn, T0, 90)
    approved = entries.approve(conn, entry.uuid, now=T0)
    assert approved.approved and approved.reviewed
    assert not entries.approve(conn, entry.uuid, now=T0, approved=False).approved


def test_of_day_uses_the_local_calendar_day(conn: sqlite3.Connection) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    late = _add(conn, datetime(2026, 11, 2, 23, 30, tzinfo=berlin), 10)  # 22:30 UTC
    _add(conn, datetime(2026, 11, 3, 0, 30, tzinfo=berlin), 10)  # 23:30 UTC on the 2nd
    day = entries.of_day(conn, date(2026, 11, 2), berlin)
    assert [e.uuid for e in day] == [late.uuid]
    assert len(entries.of_day(conn, date(2026, 11, 2), UTC)) == 2


def test_overlap_flags_different_or_unattached_customers_only(conn: sqlite3.Connection) -> None:
    acme, beta = _customer(conn, "acme"), _customer(conn, "beta")
    a = _add(conn, T0, 30, acme)
    same = _add(conn, T0 + 10 * MIN, 10, acme)
    assert not entries.get(conn, a.uuid).overlap  # type: ignore[union-attr]
    assert not same.overlap
    b = _add(conn, T0 + 20 * MIN, 30, beta)
    assert b.overlap and entries.get(conn, a.uuid).overlap  # type: ignore[union-attr]
    assert not entries.get(conn, same.uuid).overlap  # type: ignore[union-attr]
    # Moving b away clears both; an unattached entry flags again.
    entries.edit(conn, b.uuid, {"start": T0 + 40 * MIN}, now=T0)
    assert not entries.get(conn, a.uuid).overlap  # type: ignore[union-attr]
    loose = _add(conn, T0 + 5 * MIN, 2)
    assert loose.overlap and entries.get(conn, a.uuid).overlap  # type: ignore[union-attr]
    entries.edit(conn, loose.uuid, {"customer_id": acme}, now=T0)
    assert not entries.get(conn, a.uuid).overlap  # type: ignore[union-attr]
    assert not entries.get(conn, loose.uuid).overlap  # type: ignore[union-attr]


def test_attempts_and_non_billable_entries_never_flag(conn: sqlite3.Connection) -> None:
    acme, beta = _customer(conn, "acme"), _customer(conn, "beta")
    a = _add(conn, T0, 30, acme)
    _add(conn, T0, 30, beta, attempt=True, billable=False)
    _add(conn, T0, 30, beta, billable=False)
    assert not entries.get(conn, a.uuid).overlap  # type: ignore[union-attr]


def test_a_running_entry_overlaps_up_to_now(conn: sqlite3.Connection) -> None:
    acme, beta = _customer(conn, "acme"), _customer(conn, "beta")
    running = entries.insert(conn, _entry(T0, None, acme), reason="t", now=T0 + 30 * MIN)
    other = entries.insert(conn, _entry(T0 + 20 * MIN, 5, beta), reason="t", now=T0 + 30 * MIN)
    assert other.overlap and entries.get(conn, running.uuid).overlap  # type: ignore[union-attr]


def test_heartbeat_never_goes_back_and_is_not_audited(conn: sqlite3.Connection) -> None:
    entry = entries.insert(conn, _entry(T0, None), reason="t", now=T0)
    entries.heartbeat(conn, [entry.uuid], T0 + 10 * MIN)
    entries.heartbeat(conn, [entry.uuid], T0 + 5 * MIN)
    assert entries.get(conn, entry.uuid).heartbeat == T0 + 10 * MIN  # type: ignore[union-attr]
    assert len(audit.history(conn, entry.uuid)) == 1


def test_close_clamps_to_start(conn: sqlite3.Connection) -> None:
    entry = entries.insert(conn, _entry(T0, None), reason="t", now=T0)
    closed = entries.close(conn, entry.uuid, T0 - MIN, EndReason.ENDED, now=T0)
    assert closed.end == T0 and closed.end_reason is EndReason.ENDED


def test_customer_upsert_keeps_its_id(conn: sqlite3.Connection) -> None:
    first = customers.upsert(conn, "acme", "ACME", now=T0, policy={"rate": "95.00"})
    second = customers.upsert(
        conn, "acme", "ACME Inc.", now=T0, contract={"included_minutes": 60, "period": "month"}
    )
    assert second.id == first.id and second.name == "ACME Inc." and second.policy == {}
    assert customers.find(conn, "acme inc.") == second
    customers.archive(conn, second.id, now=T0)
    assert customers.list_all(conn) == []
    assert customers.list_all(conn, include_archived=True)[0].archived


def test_mapping_remembers_last_known_name(conn: sqlite3.Connection) -> None:
    acme = _customer(conn, "acme")
    mappings.remember(conn, "anydesk", "123456789", acme, partner_name="Front desk", now=T0)
    mappings.note_name(conn, "anydesk", "123456789", "Reception", now=T0 + MIN)
    found = mappings.lookup(conn, "anydesk", "123456789")
    assert found is not None and found.customer_id == acme and found.partner_name == "Reception"
    assert mappings.lookup(conn, "teamviewer", "123456789") is None
    mappings.forget(conn, "anydesk", "123456789")
    assert mappings.list_all(conn) == []


def test_settings_refuse_secrets_and_unknown_keys(conn: sqlite3.Connection) -> None:
    settings.set_policy(conn, {"rate": "90.00", "timezone": "Europe/Berlin"}, now=T0)
    assert settings.policy(conn)["timezone"] == "Europe/Berlin"
    with pytest.raises(db.StoreError, match="keyring"):
        settings.put(conn, "backend", {"name": "kimai", "auth": {"api_token": "s3cr3t"}}, now=T0)
    with pytest.raises(db.StoreError, match="unknown setting"):
        settings.put(conn, "password", "x", now=T0)
    assert settings.get(conn, "backend") is None


def test_pieces_of_a_session_and_recovered_entries_overlapping(conn: sqlite3.Connection) -> None:
    def detected(start: datetime, key: str, reason: EndReason) -> Entry:
        entry = _entry(start, 10, end_reason=reason, session_key=key)
        return entries.insert(conn, entry.with_changes(source="teamviewer"), reason="test", now=T0)

    first = detected(T0, "w1", EndReason.RECOVERED)
    second = detected(T0 + 30 * MIN, "w1", EndReason.ENDED)
    detected(T0, "w2", EndReason.RECOVERED)
    entries.discard(conn, second.uuid, now=T0)
    pieces = entries.pieces_of_session(conn, "teamviewer", "w1")
    assert [p.uuid for p in pieces] == [first.uuid, second.uuid]  # discarded ones too
    found = entries.ended_by_overlapping(
        conn, "teamviewer", EndReason.RECOVERED, T0 + 5 * MIN, T0 + 40 * MIN
    )
    assert len(found) == 2 and first.uuid in {e.uuid for e in found}
    touching = entries.ended_by_overlapping(
        conn, "teamviewer", EndReason.RECOVERED, T0 + 10 * MIN, T0 + 40 * MIN
    )
    assert touching == []  # half-open: ending exactly at the start shares no time
    assert entries.ended_by_overlapping(conn, "anydesk", EndReason.RECOVERED, T0, T0 + MIN) == []


def test_last_heartbeat_is_the_newest_in_the_range_discarded_too(conn: sqlite3.Connection) -> None:
    assert entries.last_heartbeat(conn, T0 - MIN * 60, T0 + MIN * 60) is None
    early = _add(conn, T0, 10)
    late = _add(conn, T0 + MIN * 20, 5)
    entries.discard(conn, late.uuid, now=T0 + MIN * 30)
    _add(conn, T0 + MIN * 24 * 60, 5)  # starts after the range: not counted
    found = entries.last_heartbeat(conn, T0 - MIN, T0 + MIN * 60)
    assert found == late.heartbeat and found > early.heartbeat
