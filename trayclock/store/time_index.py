"""Reading the entries that share time with a window through indexes bounded on both sides.

"Shares time with [lo, hi)" is `start < hi AND end > lo` (a running entry has no end yet and
shares time with every later window). No one index bounds that on both sides, but three
do together, whatever the window's place in the history: the entries starting in the
window or the day before it (`entries_start`; one that starts earlier and still reaches in
is longer than a day), those longer than about a day (`entries_long`, a partial index: a
few), and the running ones (`entries_running`). So the tracker's window (today), an edit of
last spring and an import read what lies there, never half the history.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from trayclock.store.db import decode_time, encode_time

# Sorts after every stored time: a running entry's "end" in the end index. Migration 2
# spells the same text in the index expression; SQLite uses the index only when the query's
# expression matches it exactly, so never change one without the other.
OPEN_END = "9999-12-31T23:59:59.999999Z"
END_OR_OPEN = f"coalesce(\"end\", '{OPEN_END}')"
# Entries shorter than this that share time with a window start within it before the window.
SHORT_SPAN = timedelta(days=1)
# Migration 5's partial index `entries_long`, spelled exactly as there (see OPEN_END): 0.99
# days, so an entry of about a day is in both parts, never in neither.
LONG_ENTRY = 'julianday("end") - julianday(start) > 0.99'
_SHARING = (
    "rowid IN ("
    f"SELECT rowid FROM entries INDEXED BY entries_start WHERE start >= ? AND start < ? "
    f"AND {END_OR_OPEN} > ? "
    f"UNION ALL SELECT rowid FROM entries INDEXED BY entries_long WHERE {LONG_ENTRY} "
    'AND start < ? AND "end" > ? '
    'UNION ALL SELECT rowid FROM entries INDEXED BY entries_running WHERE "end" IS NULL '
    "AND start < ?)"
)


def sharing_time(conn: sqlite3.Connection, lo: str, hi: str) -> tuple[str, str, tuple[str, ...]]:
    """(FROM clause, WHERE condition, its parameters) selecting the entries sharing time
    with [lo, hi) (stored time text), through the three bounded index searches."""
    since = encode_time(decode_time(lo) - SHORT_SPAN) if lo > "0001-01-02" else lo
    # NOT INDEXED: by the rowids the three searches found (the rowid still serves), never
    # through another index a caller's condition offers (the partner index, by app).
    return "entries NOT INDEXED", _SHARING, (since, hi, lo, hi, lo, hi)
