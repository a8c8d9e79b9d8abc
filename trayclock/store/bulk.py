"""Many new entries written at once (an import) in bounded memory and near-linear time.

They go in by start, a chunk at a time, each chunk through `entries.insert_many` (its rows,
its audit lines, the overlap flags around it, the contract checkpoints it touches), all in
the caller's one transaction: what is built at a time is a chunk's rows, not the whole
file's, and each overlap refresh reads the time of its chunk, not the whole import's hull.
Entries of a later chunk that share time with an earlier one flag it when they go in (a
refresh reads every entry sharing time with its chunk), so the flags end up as one refresh
of everything would leave them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from trayclock.domain.entry import Entry
from trayclock.store import entries
from trayclock.store.db import transaction

CHUNK_ENTRIES = 2_000


def insert_in_chunks(
    conn: sqlite3.Connection, new: Sequence[Entry], *, reason: str, now: datetime
) -> None:
    """Write these new entries, all or nothing (one transaction, the caller's if open)."""
    ordered = sorted(new, key=lambda e: (e.start, e.uuid))
    with transaction(conn):
        for offset in range(0, len(ordered), CHUNK_ENTRIES):
            chunk = ordered[offset : offset + CHUNK_ENTRIES]
            entries.insert_many(conn, chunk, reason=reason, now=now)
