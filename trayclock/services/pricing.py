"""A stored range priced by the one pricing path: what `trayclock export` (and, to come, sync
and statements) read from the store, with the history the prices depend on."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from trayclock.domain.pricing import PricedRange, history_start, price_range, relevant_history
from trayclock.services.zones import company_zone
from trayclock.store import customers, entries, settings


def price_stored_range(
    conn: sqlite3.Connection, start: datetime, end: datetime, *, now: datetime
) -> PricedRange:
    """The entries starting in [start, end) (discarded ones left out), priced by the stored
    policy and terms in the light of their history (trayclock.domain.pricing). Raises
    billing's BillingInputError when the stored policy or a billed customer's terms are bad."""
    policy = settings.policy(conn)
    terms = customers.list_all(conn, include_archived=True)
    earlier = entries.in_range(conn, history_start(start, company_zone(policy), terms), start)
    history = relevant_history(
        earlier, start, terms, split=policy.get("concurrency", "bill_each") == "split"
    )
    shown = entries.in_range(conn, start, end)
    return price_range(shown, terms, policy, now=now, history=history)
