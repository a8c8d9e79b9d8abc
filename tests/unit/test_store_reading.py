"""A command that only reads (`export`, `entries list`, `customers list`) opens the store
read-only, without the whole-file integrity check (it is O(file size)), and changes nothing;
a damaged page it meets is one "corrupted" line and exit 1, and the next writer's checked
open refuses the file; every refusal of `connect` holds. `entries import` makes the contract
checkpoints after its commit, so the first export after it finds them; when they are missing,
`export` keeps them through a checked, writable connection.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from trayclock.cli import main
from trayclock.config import paths
from trayclock.domain.clock import ManualClock
from trayclock.store import db, settings

# An hours bank of 600 minutes drawn in September, October and November (15-minute
# increments, rounded up, business hours): 30 + 45 + 15 = 90 before December, 30 in it.
BANK = {"included_minutes": 600, "period": "once"}
DRAWS = [
    ("2026-09-08T09:00:00+02:00", "2026-09-08T09:20:00+02:00"),  # 20 → 30
    ("2026-10-06T09:00:00+02:00", "2026-10-06T09:40:00+02:00"),  # 40 → 45
    ("2026-11-03T09:00:00+01:00", "2026-11-03T09:15:00+01:00"),  # 15 → 15
    ("2026-12-01T09:00:00+01:00", "2026-12-01T09:25:00+01:00"),  # 25 → 30 (December's own)
]
LEFT_AFTER_DECEMBER = 600 - 30 - 45 - 15 - 30
CLOCK = ManualClock(datetime(2027, 1, 15, 12, 0, tzinfo=UTC))  # the months before: kept


@contextlib.contextmanager
def _raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection, committed and closed after (an open one would keep the WAL)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            yield conn
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _document(contract: dict[str, Any] | None = BANK, extra: int = 0) -> dict[str, Any]:
    made = [
        {"id": f"d{n}", "customer": "bank", "start": start, "end": end, "approved": True}
        for n, (start, end) in enumerate(DRAWS)
    ]
    made += [  # filler: more pages to damage
        {
            "id": f"f{n}",
            "customer": "bank",
            "start": f"2026-10-{1 + n % 28:02d}T1{n % 6}:00:00+02:00",
            "end": f"2026-10-{1 + n % 28:02d}T1{n % 6}:05:00+02:00",
            "notes": "x" * 300,
        }
        for n in range(extra)
    ]
    terms = {"bank": {"contract": contract}} if contract else {"bank": {}}
    return {
        "policy": {"timezone": "Europe/Berlin", "increment_minutes": 15},
        "customers": terms,
        "entries": made,
    }


def _import(tmp_path: Path, doc: dict[str, Any]) -> None:
    source = tmp_path / "history.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["entries", "import", str(source)], clock=CLOCK) == 0


def _export_december(tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "december.json"
    args = ["export", "--from", "2026-12-01", "--to", "2026-12-31", "--format", "json"]
    assert main([*args, "-o", str(out)], clock=CLOCK) == 0
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The files the whole-file integrity check (quick_check) read, in order."""
    seen: list[Path] = []
    real = db._check_readable

    def counted(conn: sqlite3.Connection, where: Path) -> None:
        seen.append(where)
        real(conn, where)

    monkeypatch.setattr(db, "_check_readable", counted)
    yield seen


def _store() -> Path:
    return paths().ensure().database


def test_an_import_makes_the_checkpoints_and_export_reads_without_the_whole_file_check(
    tmp_path: Path, checks: list[Path]
) -> None:
    _import(tmp_path, _document())
    assert checks == [_store()]  # the import wrote: checked at its open
    with _raw(_store()) as raw:
        kept = raw.execute("SELECT month, drawn_through IS NOT NULL FROM balance_months").fetchall()
    assert sorted(kept) == [("2026-09", 1), ("2026-10", 1), ("2026-11", 1), ("2026-12", 1)]
    before = _digest(_store())
    checks.clear()
    result = _export_december(tmp_path)
    assert checks == []  # nothing to keep: read-only, no whole-file check
    assert result["customers"]["bank"]["contract_balance"] == LEFT_AFTER_DECEMBER
    assert _digest(_store()) == before


def test_export_keeps_missing_checkpoints_through_a_checked_writer(
    tmp_path: Path, checks: list[Path]
) -> None:
    _import(tmp_path, _document())
    with _raw(_store()) as raw:
        raw.execute("DELETE FROM balance_draws")  # as after an upgrade (no months kept)
        raw.execute("DELETE FROM balance_months")
    checks.clear()
    assert _export_december(tmp_path)["customers"]["bank"]["contract_balance"] == (
        LEFT_AFTER_DECEMBER
    )
    assert checks == [_store()]  # the writer that kept them, checked at its open
    with _raw(_store()) as raw:
        assert raw.execute("SELECT count(drawn_through) FROM balance_months").fetchone()[0] == 3
    checks.clear()
    _export_december(tmp_path)
    assert checks == []
    wal = _store().with_name("trayclock.sqlite3-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # the writer's changes folded in


def test_a_damaged_page_met_while_reading_is_called_corrupted_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(tmp_path, _document(contract=None, extra=400))  # no bank: no checkpoints needed
    path = _store()
    with _raw(path) as raw:
        (root,) = raw.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'entries'"
        ).fetchone()
        page = int(raw.execute("PRAGMA page_size").fetchone()[0])
        raw.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to damage
    data = bytearray(path.read_bytes())
    data[(root - 1) * page : root * page] = b"\xa5" * page  # the entries table's root page
    path.write_bytes(bytes(data))
    before = _digest(path)
    capsys.readouterr()
    assert main(["customers", "list"], clock=CLOCK) == 0  # what it reads is whole: it lists
    assert "bank" in capsys.readouterr().out
    for command in (
        ["export", "--from", "2026-10-01", "--to", "2026-10-31"],
        ["entries", "list", "--date", "2026-10-06"],
    ):
        assert main(command, clock=CLOCK) == 1, command
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(f"trayclock: {path}: the database is corrupted"), line
        assert "did not change it" in line
        assert _digest(path) == before
    # A writer checks the whole file at its open: refused before it writes anything.
    assert main(["entries", "import", str(tmp_path / "history.json")], clock=CLOCK) == 1
    assert "corrupted" in capsys.readouterr().err
    assert _digest(path) == before


def test_a_reading_connection_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    db.connect(path).close()
    conn = db.connect_for_reading(path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("INSERT INTO settings VALUES ('k', '{}', 'now')")
        assert settings.get(conn, "k") is None
    finally:
        conn.close()


def test_a_reading_open_refuses_what_connect_refuses(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    db.connect(newer).close()
    with _raw(newer) as raw:
        raw.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
    foreign = tmp_path / "foreign.sqlite3"
    with _raw(foreign) as raw:
        raw.execute("CREATE TABLE moz_places (id INTEGER)")
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    for path, words in (
        (newer, "newer than"),
        (foreign, "not a trayclock store"),
        (empty, "empty"),
    ):
        before = _digest(path)
        with pytest.raises(db.StoreError, match=words):
            db.connect_for_reading(path)
        assert _digest(path) == before


def test_a_reading_open_of_an_older_store_migrates_it_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: list[Path]
) -> None:
    path = tmp_path / "old.sqlite3"
    with monkeypatch.context() as older:
        older.setattr(db, "MIGRATIONS", db.MIGRATIONS[:-1])
        older.setattr(db, "SCHEMA_VERSION", len(db.MIGRATIONS) - 1)
        db.connect(path).close()
    checks.clear()
    conn = db.connect_for_reading(path)  # a migration writes: the checked open runs it
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
        assert checks == [path]
    finally:
        conn.close()
    new = tmp_path / "new.sqlite3"
    db.connect_for_reading(new).close()  # none yet: made (a new store is written)
    assert new.is_file()
