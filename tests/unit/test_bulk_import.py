"""Many new entries in chunks (store/bulk.py) leave the store as one insert of them all:
the same rows, the same overlap flags and the same audit lines; a chunk never ends where a
new entry runs across, so entries all at once stay one chunk."""

from __future__ import annotations

import itertools
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trayclock.domain.entry import Entry
from trayclock.store import bulk, db, entries

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def _made(seed: int) -> list[Entry]:
    rng = random.Random(seed)
    made = []
    for number in range(120):
        start = T0 + timedelta(minutes=rng.randrange(0, 20 * 24 * 60))
        if number % 40 == 0:  # a crowd: twenty entries all at once
            made += [
                Entry(f"c{number}-{k}", "anydesk", start, start + timedelta(hours=3), start,
                      customer_id=None)
                for k in range(20)
            ]  # fmt: skip
        end = start + timedelta(minutes=rng.randrange(1, 300))
        made.append(Entry(f"e{number:03d}", "anydesk", start, end, end, customer_id=None))
    return made


def _state(conn: sqlite3.Connection) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    rows = conn.execute("SELECT uuid, overlap FROM entries ORDER BY uuid").fetchall()
    trail = conn.execute("SELECT field, count(*) FROM audit GROUP BY field ORDER BY field")
    return [tuple(r) for r in rows], [tuple(r) for r in trail.fetchall()]


def test_chunks_leave_the_store_as_one_insert_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "CHUNK_ENTRIES", 7)
    made = _made(4)
    existing = [Entry("old", "rustdesk", T0, T0 + timedelta(days=30), T0)]  # under them all
    states = []
    for name, write in (
        ("whole", lambda c: entries.insert_many(c, made, reason="import", now=T0)),
        ("chunks", lambda c: bulk.insert_in_chunks(c, made, reason="import", now=T0)),
    ):
        conn = db.connect(tmp_path / f"{name}.sqlite3")
        entries.insert_many(conn, existing, reason="before", now=T0)
        write(conn)
        states.append(_state(conn))
        conn.close()
    assert states[0] == states[1]
    assert any(flag for _, flag in states[0][0])


def test_a_chunk_never_ends_inside_an_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "CHUNK_ENTRIES", 7)
    made = sorted(_made(9), key=lambda e: (e.start, e.uuid))
    chunks = list(bulk._chunks(made, T0))
    assert sum(len(c) for c in chunks) == len(made) and len(chunks) > 1
    for before, after in itertools.pairwise(chunks):
        assert max(e.end or T0 for e in before) <= after[0].start
    crowd = [Entry(f"x{k}", "anydesk", T0, T0 + timedelta(hours=1), T0) for k in range(5_000)]
    assert len(list(bulk._chunks(crowd, T0))) == 1  # all at once: one chunk
