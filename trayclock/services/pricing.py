"""A stored range priced by the one pricing path: what `trayclock export` (and, to come, sync
and statements) read from the store, with the history the prices depend on."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from trayclock.domain.history import relevant_history
from trayclock.domain.pricing import PricedRange, price_range
from trayclock.services.balances import prepare, range_history
from trayclock.store import customers, entries, settings
from trayclock.store.db import one_read


def price_stored_range(
    conn: sqlite3.Connection, start: datetime, end: datetime, *, now: datetime
) -> PricedRange:
    """The entries starting in [start, end) (discarded ones left out), priced by the stored
    policy and terms in the light of their history (trayclock.domain.history): the entries
    from the quiet moment before the range (or its month) on, and the hours banks' balances
    there from the checkpoints — never the years before. Raises billing's BillingInputError
    when the stored policy or a billed customer's terms are bad."""
    prepare(conn, start)  # a first build of the checkpoints, kept a year at a time
    with one_read(conn):
        policy = settings.policy(conn)
        terms = customers.list_all(conn, include_archived=True)
        history = range_history(conn, start, policy, terms)
        assert history is not None  # built when missing
        read = entries.in_range(conn, min(history.start, start), end)
    earlier = relevant_history(
        [e for e in read if e.start < start],
        start,
        terms,
        split=policy.get("concurrency", "bill_each") == "split",
    )
    shown = [e for e in read if e.start >= start]
    return price_range(shown, terms, policy, now=now, history=earlier, balances=history.balances)
