"""Many new entries written at once (an import) in bounded memory and near-linear time.

They go in by start, a chunk at a time, each chunk through `entries.insert_many` (its rows,
its audit lines, the overlap flags around it, the contract checkpoints it touches), all in
the caller's one transaction: what is built at a time is a chunk's rows, not the whole
file's, and each overlap refresh reads the time of its chunk, not the whole import's hull.
A chunk ends only where none of the new entries runs across (so new entries of two chunks
never share time, and each chunk's refresh sees every new entry that touches it): 20,000
entries all at once are one chunk, as they must be, eight years of them a thousand.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime

from trayclock.domain.entry import Entry
from trayclock.store import entries
from trayclock.store.db import transaction

CHUNK_ENTRIES = 2_000  # a chunk is at least this long, unless it is the last one


def insert_in_chunks(
    conn: sqlite3.Connection, new: Sequence[Entry], *, reason: str, now: datetime
) -> None:
    """Write these new entries, all or nothing (one transaction, the caller's if open)."""
    ordered = sorted(new, key=lambda e: (e.start, e.uuid))
    with transaction(conn):
        for chunk in _chunks(ordered, now):
            entries.insert_many(conn, chunk, reason=reason, now=now)


def _chunks(ordered: Sequence[Entry], now: datetime) -> Iterator[Sequence[Entry]]:
    """`ordered` (by start) cut after at least CHUNK_ENTRIES where no entry runs across."""
    first = 0
    reach: datetime | None = None  # the latest end so far (a running entry: `now`)
    for index, entry in enumerate(ordered):
        if index - first >= CHUNK_ENTRIES and reach is not None and reach <= entry.start:
            yield ordered[first:index]
            first = index
        end = entry.end if entry.end is not None else now
        reach = end if reach is None else max(reach, end)
    if first < len(ordered):
        yield ordered[first:]
