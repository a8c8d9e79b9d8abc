"""Writing a plan: its steps in order, through the store's audited functions, inside the
caller's transaction (the one the facts were read in)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from typing import assert_never

from trayclock.domain.entry import Entry
from trayclock.store import entries, mappings, session_links
from trayclock.store.db import StoreError
from trayclock.tracker import plan as steps
from trayclock.tracker.plan import Plan

log = logging.getLogger(__name__)


def write(conn: sqlite3.Connection, plan: Plan, now: datetime) -> Entry:
    """Apply the plan's steps; the entry the event touched, as stored afterwards."""
    for step in plan.steps:
        _apply(conn, step, now)
    entry = entries.get(conn, plan.result)
    if entry is None:
        raise StoreError(f"no entry {plan.result}")
    return entry


def _apply(conn: sqlite3.Connection, step: steps.Step, now: datetime) -> None:
    match step:
        case steps.Insert(entry, reason):
            entries.insert(conn, entry, reason=reason, now=now)
        case steps.Change(uuid, changes, reason):
            entries.update(conn, uuid, dict(changes), reason=reason, now=now)
        case steps.ContinueAsPiece(entry, piece_uuid, start, reason):
            entries.continue_as_piece(conn, entry, start, reason=reason, now=now, uuid=piece_uuid)
        case steps.Merge(uuids):
            kept = entries.merge(conn, uuids, now=now).uuid
            folded = ", ".join(u for u in uuids if u != kept)
            log.info("%s continues %s (one session across a restart)", kept, folded)
        case steps.Link(app, session_key, uuid):
            session_links.link(conn, app, session_key, uuid)
        case steps.RememberPartner(app, partner_id, customer_id, partner_name):
            mappings.remember(
                conn, app, partner_id, customer_id, partner_name=partner_name, now=now
            )
        case steps.NotePartnerName(app, partner_id, partner_name):
            mappings.note_name(conn, app, partner_id, partner_name, now=now)
        case _:
            assert_never(step)
