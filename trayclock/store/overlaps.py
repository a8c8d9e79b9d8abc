"""The stored overlap flag: set while an entry shares time with a billable entry of another
customer, or with an unattached one (`trayclock.domain.overlap`, the one definition).

Every change that moves an entry's time, customer or billability refreshes the flags around
the entry's old and new span (`refresh_around`); an import refreshes its whole range once
(`refresh_between`). A flag that flips is audited. Times are compared as the stored UTC
text (fixed width, so text order is time order), never decoded. Worked time is what counts:
an entry's accepted pauses keep it apart from what runs meanwhile.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from trayclock.domain.entry import Entry
from trayclock.domain.overlap import Span, flag_concurrent
from trayclock.store import audit, pause_rows
from trayclock.store.db import encode_time, transaction
from trayclock.store.time_index import sharing_time

# A running entry is still open at `now`: two sessions both running right now overlap,
# even when one began this very moment.
OPEN_AT_NOW = timedelta(microseconds=1)


class _Stored(NamedTuple):
    """What the refresh needs of an entry: its span as stored text, whether it takes part."""

    span: Span
    counts: bool
    overlap: bool


def refresh_around(conn: sqlite3.Connection, touched: Iterable[Entry], *, now: datetime) -> None:
    """Re-evaluate the flags wherever these entries lie (give both old and new images)."""
    spans = list(touched)
    if spans:
        until = max(
            e.end if e.end is not None else max(now, e.heartbeat) + OPEN_AT_NOW for e in spans
        )
        refresh_between(conn, min(e.start for e in spans), until, now=now)


def refresh_between(
    conn: sqlite3.Connection, start: datetime, end: datetime, *, now: datetime
) -> None:
    """Set the flag right for every entry sharing time with [start, end]; audited when it flips."""
    open_until = encode_time(now + OPEN_AT_NOW)
    with transaction(conn):
        window = (encode_time(start), encode_time(end + OPEN_AT_NOW))
        targets = _read(conn, *window, open_until)
        if not targets:
            return
        # The partners of an entry lie within the hull of the targets: read that once
        # (unless the window already covers it, as for an import).
        hull = (min(t.span.start for t in targets), max(t.span.end for t in targets))
        inside = hull[0] >= window[0] and hull[1] <= window[1]
        pool = targets if inside else _read(conn, *hull, open_until)
        flagged = flag_concurrent(t.span for t in pool if t.counts)
        flips = [t for t in targets if t.overlap != (t.span.key in flagged)]
        if not flips:
            return
        conn.executemany(
            "UPDATE entries SET overlap = ? WHERE uuid = ?",
            [(int(not t.overlap), t.span.key) for t in flips],
        )
        audit.record_many(
            conn,
            [(t.span.key, "overlap", t.overlap, not t.overlap, "overlap") for t in flips],
            at=now,
        )


def _read(conn: sqlite3.Connection, lo: str, hi: str, open_until: str) -> list[_Stored]:
    source, condition, params = sharing_time(conn, lo, hi)
    # The sixth column is `counts_for_overlap` (trayclock.domain.overlap), in SQL.
    rows = conn.execute(
        'SELECT uuid, start, "end", heartbeat, customer_id, '
        f"billable AND NOT attempt AND NOT discarded, overlap FROM {source} WHERE {condition}",
        params,
    )
    found = [
        _Stored(
            Span(uuid, begin, finish or max(open_until, beat), customer), bool(counts), bool(flag)
        )
        for uuid, begin, finish, beat, customer, counts, flag in rows
    ]
    paused = pause_rows.accepted_text_spans(conn, [s.span.key for s in found if s.counts])
    if not paused:
        return found
    return [
        s._replace(span=s.span._replace(pauses=paused[s.span.key])) if s.span.key in paused else s
        for s in found
    ]
