"""A refused store stays byte for byte as it was, WAL included; SQLite's error codes map right."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from trayclock.store import db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_newer_store_with_an_unflushed_wal_is_refused_without_a_checkpoint(
    tmp_path: Path,
) -> None:
    path = tmp_path / "trayclock.sqlite3"
    # A newer trayclock killed mid-run: its last writes live only in the -wal file.
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute('CREATE TABLE entries(x)'); c.execute('PRAGMA user_version=99')\n"
        "c.execute(\"INSERT INTO entries VALUES ('written by trayclock 99')\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    wal = tmp_path / "trayclock.sqlite3-wal"
    assert wal.stat().st_size > 0
    before = (_digest(path), _digest(wal))

    with pytest.raises(db.StoreError, match="schema version 99"):
        db.connect(path)

    assert wal.exists(), "the refused store's WAL was checkpointed away"
    assert (_digest(path), _digest(wal)) == before


def test_a_lock_held_past_the_busy_timeout_is_a_retryable_busy_error(tmp_path: Path) -> None:
    path = tmp_path / "trayclock.sqlite3"
    db.connect(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiter = db.connect(path)
    waiter.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(db.StoreBusyError) as caught, db.transaction(waiter):
            pass
        assert isinstance(caught.value, db.TransientStoreError)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        waiter.close()


def test_a_constraint_refusal_is_a_plain_store_error(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "trayclock.sqlite3")
    conn.execute("CREATE TABLE t(k TEXT UNIQUE)")
    conn.execute("INSERT INTO t VALUES ('a')")
    with pytest.raises(db.StoreError) as caught, db.transaction(conn):
        conn.execute("INSERT INTO t VALUES ('a')")
    assert not isinstance(caught.value, db.TransientStoreError)
    conn.close()
