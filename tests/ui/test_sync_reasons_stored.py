"""What an older trayclock stored as English text (schema 5: an outbox row's `last_error`, a
conflict's `message`, a backend's `problem_text`) survives the upgrade to reasons and is
shown as it was written, in a German window too, and on the command line; a column that
holds text which is not a reason (written by hand) is kept as it is, never refused."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.sync_reason import as_stored, from_json
from trayclock.services.sync import SyncService
from trayclock.services.tray import sync_health
from trayclock.store import db, entries, entry_rows, outbox, settings
from trayclock.store.outbox import RowState
from trayclock.sync.config import BackendConfig
from trayclock.ui.i18n import install_translations
from trayclock.ui.sync_words import state_sentence, tray_line

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
BACKEND = BackendConfig("tryton", "https://erp.example.com", "acme", "tech")
REFUSED = 'The value "Alpen" for field "Work" in "Timesheet Line" is not valid.'
CHANGED = "timesheet line 403 was changed in Tryton since trayclock wrote it"
PAUSED = "Tryton at https://erp.example.com has no database 'acme'"
SCHEMA_5 = 5  # the last schema with messages as text
CLI_TIMEOUT_S = 60


def entry(conn: sqlite3.Connection, minutes: int) -> str:
    start = T0 + timedelta(minutes=minutes)
    end = start + timedelta(minutes=20)
    made = Entry(uuid=entries.new_uuid(), source="manual", start=start, end=end,
                 heartbeat=end, end_reason=EndReason.MANUAL)  # fmt: skip
    # The row alone, as schema 5 holds it: today's entries.insert also keeps tables that
    # later migrations made (the checkpoints' running sums).
    with db.transaction(conn):
        conn.execute(entry_rows.INSERT, entry_rows.insert_values(made, db.encode_time(T0)))
    return made.uuid


@pytest.fixture
def upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sqlite3.Connection]:
    """A store as schema 5 left it (the one of TRAYCLOCK_HOME), opened by this trayclock."""
    monkeypatch.setenv("TRAYCLOCK_HOME", str(tmp_path / "home"))
    path = db.default_path()
    assert db.SCHEMA_VERSION > SCHEMA_5
    with pytest.MonkeyPatch.context() as older:
        older.setattr(db, "MIGRATIONS", db.MIGRATIONS[:SCHEMA_5])
        older.setattr(db, "SCHEMA_VERSION", SCHEMA_5)
        write_schema_5(db.connect(path))
    conn = db.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    try:
        yield conn
    finally:
        conn.close()


def write_schema_5(old: sqlite3.Connection) -> None:
    """The rows as that trayclock wrote them: its words as text."""
    settings.put(old, settings.BACKEND, BACKEND.setting(), now=T0)
    refused, conflicted = entry(old, 0), entry(old, 30)
    stamp = db.encode_time(T0)
    gone = {"message": CHANGED, "remote": None}  # deleted there: said from the message
    with db.transaction(old):
        old.executemany(
            "INSERT INTO outbox (backend, entry_uuid, state, revision, last_error, conflict, "
            "updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)",
            [
                (BACKEND.identity, refused, "failed", REFUSED, None, stamp),
                (BACKEND.identity, conflicted, "conflict", CHANGED, json.dumps(gone), stamp),
            ],
        )
        old.execute(
            "INSERT INTO sync_backends (backend, failures, problem, problem_text, updated_at) "
            "VALUES (?, 0, 'settings', ?, ?)",
            (BACKEND.identity, PAUSED, stamp),
        )
    old.close()


def rows(conn: sqlite3.Connection) -> dict[RowState, outbox.OutboxRow]:
    found = outbox.waiting(conn, BACKEND.identity, tuple(RowState))
    return {row.state: row for row in found}


def test_the_upgrade_keeps_each_message_as_the_reason_it_was(upgraded: sqlite3.Connection) -> None:
    by_state = rows(upgraded)
    assert by_state[RowState.FAILED].last_reason == as_stored(REFUSED)
    assert by_state[RowState.CONFLICT].conflict_reason == as_stored(CHANGED)
    status = SyncService(upgraded, ManualClock(T0)).status()
    assert status.problem_reason == as_stored(PAUSED)
    # The command line prints them as they were.
    done = subprocess.run(
        [sys.executable, "-m", "trayclock", "sync", "--dry-run"],
        capture_output=True, text=True, timeout=CLI_TIMEOUT_S, env=dict(os.environ),
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert (
        f"{by_state[RowState.FAILED].entry_uuid} 2026-11-02T08:00+00:00 failed: {REFUSED}" in lines
    )
    changed = f"{by_state[RowState.CONFLICT].entry_uuid} 2026-11-02T08:30+00:00 conflict: {CHANGED}"
    assert changed in lines


def test_a_german_window_shows_the_old_words_as_they_are(
    qapp,  # type: ignore[no-untyped-def]
    upgraded: sqlite3.Connection,
) -> None:
    service = SyncService(upgraded, ManualClock(T0))
    by_state = rows(upgraded)
    failed = service.entry(by_state[RowState.FAILED].entry_uuid)
    conflict = service.entry(by_state[RowState.CONFLICT].entry_uuid)
    installed = install_translations(QCoreApplication.instance(), QLocale("de"))
    try:
        assert state_sentence("failed", failed, "tryton") == f"Tryton hat ihn abgelehnt: {REFUSED}"
        assert state_sentence("conflict", conflict, "tryton").startswith(
            f"Konflikt mit Tryton: {CHANGED}. „Meine behalten“"
        )
        health = sync_health(service.status())
        assert tray_line(health) == (
            f"Sync-Problem: prüfen Sie die Backend-Einstellungen ({PAUSED})"
        )
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def test_text_that_is_not_a_reason_is_kept_as_it_is() -> None:
    for text in ("HTTP 502", "{not json", '{"code": 5}', '{"code": "x", "params": [1]}', "[]"):
        assert from_json(text) == as_stored(text)
    assert from_json(None) is None
