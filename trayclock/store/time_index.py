"""Reading the entries that share time with a window through the index that scans fewer rows.

"Shares time with [lo, hi)" is `start < hi AND end > lo` (a running entry has no end yet and
shares time with every later window). Each half has its index: `entries_start` and
`entries_end_or_open` (migration 2, on `coalesce("end", OPEN_END)`). Neither bounds the scan
on both sides, so the query reads through the one that passes fewer rows: by end for a
window late in the history (the tracker's, today's review), by start for an early one (an
import, an edit of last spring). Which is fewer is estimated from the first and last start
in the store, assuming entries are spread evenly in time: two O(log n) index look-ups.
"""

from __future__ import annotations

import sqlite3

from trayclock.store.db import decode_time

# Sorts after every stored time: a running entry's "end" in the end index. Migration 2
# spells the same text in the index expression; SQLite uses the index only when the query's
# expression matches it exactly, so never change one without the other.
OPEN_END = "9999-12-31T23:59:59.999999Z"
END_OR_OPEN = f"coalesce(\"end\", '{OPEN_END}')"
_BY_START = "entries INDEXED BY entries_start"
_BY_END = "entries INDEXED BY entries_end_or_open"


def sharing_time(conn: sqlite3.Connection, lo: str, hi: str) -> tuple[str, str, tuple[str, str]]:
    """(FROM clause, WHERE condition, its parameters) selecting the entries sharing time
    with [lo, hi) (stored time text), read through the cheaper of the two time indexes."""
    condition = f"start < ? AND {END_OR_OPEN} > ?"
    return _cheaper_index(conn, lo, hi), condition, (hi, lo)


def _cheaper_index(conn: sqlite3.Connection, lo: str, hi: str) -> str:
    first, last = conn.execute(
        "SELECT (SELECT MIN(start) FROM entries), (SELECT MAX(start) FROM entries)"
    ).fetchone()
    if first is None or lo > last:
        return _BY_END  # nothing starts after the window: the end index passes almost nothing
    if hi < first:
        return _BY_START
    # Rows passed: by start, those starting before `hi`; by end, about those starting after `lo`.
    before_hi = decode_time(min(hi, last)) - decode_time(first)
    after_lo = decode_time(last) - decode_time(max(lo, first))
    return _BY_END if after_lo < before_hi else _BY_START
