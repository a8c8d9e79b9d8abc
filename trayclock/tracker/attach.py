"""Customers: attaching one to an entry, and the rule "one session, one customer" — the
unattached pieces of the same session (cut at a sleep) get the customer too."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from trayclock.domain.entry import Entry
from trayclock.domain.session import APPS
from trayclock.store import entries, mappings
from trayclock.store.db import transaction

# Attach reasons in the audit trail: the second says "do not remember the partner".
ATTACHED = "attached"
ATTACHED_ONLY = "attached (partner not remembered)"


def unattached_pieces(entry: Entry, pieces: Iterable[Entry]) -> list[Entry]:
    """The other pieces of `entry`'s session that have no customer yet (not discarded)."""
    if entry.session_key is None:
        return []
    session = (entry.source, entry.session_key)
    return [
        p
        for p in pieces
        if p.uuid != entry.uuid
        and p.customer_id is None
        and not p.discarded
        and (p.source, p.session_key) == session
    ]


def attach(
    conn: sqlite3.Connection, entry_uuid: str, customer_id: int, *, remember: bool, now: datetime
) -> Entry:
    """Set the entry's customer, and that of the unattached pieces of its session (their
    partner is not remembered from them); remember the partner → customer mapping if asked."""
    with transaction(conn):
        entry = entries.update(
            conn,
            entry_uuid,
            {"customer_id": customer_id},
            reason=ATTACHED if remember else ATTACHED_ONLY,
            now=now,
        )
        if remember and entry.partner_id and entry.source in APPS:
            mappings.remember(
                conn,
                entry.source,
                entry.partner_id,
                customer_id,
                partner_name=entry.partner_name,
                now=now,
            )
        if entry.session_key is None:
            return entry
        pieces = entries.pieces_of_session(conn, entry.source, entry.session_key)
        others = unattached_pieces(entry, pieces)
        for piece in others:
            entries.update(
                conn, piece.uuid, {"customer_id": customer_id}, reason=ATTACHED_ONLY, now=now
            )
        if not others:
            return entry
        found = entries.get(conn, entry_uuid)  # its overlap flag may have moved with theirs
        assert found is not None
        return found
