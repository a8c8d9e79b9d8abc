"""The SQLite file: private, WAL, foreign keys, migrations, refusals that change nothing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trayclock.store import db, settings

NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
SHIPPED = db.SCHEMA_VERSION  # the version a new store gets, before a test adds a migration


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_path_lives_under_trayclock_home(private_home: Path) -> None:
    conn = db.connect()
    conn.close()
    assert (private_home / "data" / "trayclock.sqlite3").is_file()


def test_new_store_is_wal_private_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    conn = db.connect(path)
    settings.put(conn, "ui", {"x": 1}, now=NOW)  # a write, so -wal and -shm exist
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS
    for name in ("t.sqlite3", "t.sqlite3-wal", "t.sqlite3-shm"):
        assert _mode(tmp_path / name) == 0o600, name
    conn.close()


def test_files_are_private_even_under_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        conn = db.connect(tmp_path / "t.sqlite3")
        settings.put(conn, "ui", {}, now=NOW)
        conn.close()
    finally:
        os.umask(old)
    assert {_mode(p) for p in tmp_path.iterdir()} == {0o600}
    assert os.umask(old) == old  # connect put the caller's umask back


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "t.sqlite3")
    with pytest.raises(db.StoreError, match="FOREIGN KEY"), db.transaction(conn):
        conn.execute(
            "INSERT INTO partner_mappings VALUES ('anydesk', '1', 999, NULL, '2026-01-01')"
        )


def _make_version(path: Path, version: int) -> None:
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    raw.execute(f"PRAGMA user_version = {version}")
    raw.commit()
    raw.close()


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    _make_version(path, db.SCHEMA_VERSION + 1)
    before = _digest(path)
    with pytest.raises(db.StoreError) as caught:
        db.connect(path)
    message = str(caught.value)
    assert str(path) in message and "newer" in message and "not changed" in message
    assert _digest(path) == before
    assert not list(tmp_path.glob("*.bak"))


def test_random_bytes_are_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    path.write_bytes(b"these are the technician's notes, not a database\n" * 50)
    before = _digest(path)
    with pytest.raises(db.StoreError, match="not an SQLite database") as caught:
        db.connect(path)
    assert str(path) in str(caught.value)
    assert _digest(path) == before


def test_corrupted_pages_are_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    conn = db.connect(path)
    for number in range(300):
        settings.put(conn, "ui", {"n": number, "pad": "x" * 500}, now=NOW)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to damage
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 1 : page * 3] = b"\xa5" * (page * 2)  # garble pages 2 and 3 (schema b-trees)
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(db.StoreError, match="corrupted") as caught:
        db.connect(path)
    assert str(path) in str(caught.value)
    assert _digest(path) == before


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE moz_places (id INTEGER)")
    raw.commit()
    raw.close()
    before = _digest(path)
    with pytest.raises(db.StoreError, match="not a trayclock store"):
        db.connect(path)
    assert _digest(path) == before


def test_migration_copies_the_file_aside_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.sqlite3"
    conn = db.connect(path)
    settings.put(conn, "ui", {"kept": True}, now=NOW)
    conn.close()
    extra = ("CREATE TABLE later_feature (id INTEGER PRIMARY KEY)",)
    monkeypatch.setattr(db, "MIGRATIONS", (*db.MIGRATIONS, extra))
    monkeypatch.setattr(db, "SCHEMA_VERSION", len(db.MIGRATIONS))
    conn = db.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    conn.execute("SELECT * FROM later_feature")
    conn.close()
    (backup,) = tmp_path.glob(f"t.sqlite3.v{SHIPPED}.*.bak")
    assert _mode(backup) == 0o600
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == SHIPPED
    assert old.execute("SELECT value FROM settings").fetchone()[0] == '{"kept": true}'
    old.close()


def test_a_failing_migration_rolls_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.sqlite3"
    conn = db.connect(path)
    settings.put(conn, "ui", {"kept": True}, now=NOW)
    conn.close()
    broken = ("CREATE TABLE half_done (id INTEGER)", "THIS IS NOT SQL")
    monkeypatch.setattr(db, "MIGRATIONS", (*db.MIGRATIONS, broken))
    monkeypatch.setattr(db, "SCHEMA_VERSION", len(db.MIGRATIONS))
    with pytest.raises(db.StoreError):
        db.connect(path)
    monkeypatch.undo()
    conn = db.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SHIPPED
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert settings.get(conn, "ui") == {"kept": True}
    conn.close()


def test_transaction_rolls_back_on_error_and_nests(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "t.sqlite3")
    with pytest.raises(RuntimeError), db.transaction(conn):
        settings.put(conn, "ui", {"a": 1}, now=NOW)  # joins the outer transaction
        raise RuntimeError("boom")
    assert settings.get(conn, "ui") is None
    with db.transaction(conn):
        settings.put(conn, "ui", {"a": 2}, now=NOW)
    assert settings.get(conn, "ui") == {"a": 2}


def test_a_full_disk_is_a_store_full_error_and_keeps_what_was_saved(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "t.sqlite3")
    settings.put(conn, "ui", {"saved": True}, now=NOW)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the "disk" has no room left
    with pytest.raises(db.StoreFullError, match="full"):
        settings.put(conn, "backend", {"name": "kimai", "pad": "x" * 100_000}, now=NOW)
    assert settings.get(conn, "ui") == {"saved": True}
    assert settings.get(conn, "backend") is None


def test_times_round_trip_in_utc_text() -> None:
    moment = datetime(2026, 11, 2, 9, 0, 0, 123456, tzinfo=UTC)
    assert db.encode_time(moment) == "2026-11-02T09:00:00.123456Z"
    assert db.decode_time(db.encode_time(moment)) == moment
    with pytest.raises(ValueError):
        db.encode_time(datetime(2026, 11, 2, 9, 0))


def test_no_migration_runs_when_the_copy_aside_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.sqlite3"
    db.connect(path).close()
    blocker = tmp_path / "blocked"
    blocker.mkdir()
    monkeypatch.setattr(
        db, "MIGRATIONS", (*db.MIGRATIONS, ("CREATE TABLE later_feature (id INTEGER PRIMARY KEY)",))
    )
    monkeypatch.setattr(db, "SCHEMA_VERSION", len(db.MIGRATIONS))
    # The copy lands where a directory already stands: the backup cannot be written.
    monkeypatch.setattr(Path, "with_name", lambda self, name: blocker)
    with pytest.raises(db.StoreError, match="could not copy the database aside"):
        db.connect(path)
    monkeypatch.undo()
    conn = db.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SHIPPED
    conn.close()


def test_an_existing_store_is_checked_once_per_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.sqlite3"
    db.connect(path).close()
    checked: list[Path] = []
    real = db._check_readable
    monkeypatch.setattr(db, "_check_readable", lambda c, p: (checked.append(p), real(c, p)))
    db.connect(path).close()
    assert checked == [path]  # quick_check reads the whole file: not twice
