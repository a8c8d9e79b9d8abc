"""What one session event needs to know from the store, read at once before the rules decide.

`read_facts` runs a handful of indexed queries — the entry the session's key feeds, the
partner's last ended entry, the pieces of the sessions involved, the recovered entries near
the event, the partner mapping and, for an attached entry, how it was attached — and hands
the rules (`trayclock.tracker.rules`) one typed value. The rules never query: what they
may ask for is exactly what was read here (the draft refuses anything else).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from trayclock.domain.entry import EndReason, Entry, PartnerMapping
from trayclock.domain.session import SessionEvent
from trayclock.store import audit, entries, mappings, session_links


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """The store as one event's rules need it.

    `linked`: the entry the session's key feeds now. `partner_latest` (only when the key
    feeds nothing yet): the latest piece of the partner's session that ended last (see
    `_latest_piece`). `pieces`: every entry of the sessions `(source, key)` in `sessions`,
    discarded ones too, in the order they were recorded. `recovered`: the entries of
    `recovered_sources` closed by recovery that share time with `recovered_window` (read
    only when an earlier entry is involved: a new one is never folded). `mapping`: the
    partner mapping of `partner_id`. `attach_reasons`: for the attached entries read, the
    audit reason of their latest customer change (None: never attached by a person).
    """

    linked: Entry | None = None
    partner_latest: Entry | None = None
    pieces: tuple[Entry, ...] = ()
    sessions: frozenset[tuple[str, str]] = frozenset()
    recovered: tuple[Entry, ...] = ()
    recovered_sources: frozenset[str] = frozenset()
    recovered_window: tuple[datetime, datetime] | None = None
    partner_id: str | None = None
    mapping: PartnerMapping | None = None
    attach_reasons: Mapping[str, str | None] = field(default_factory=dict)

    def entries(self) -> Iterator[Entry]:
        """Every entry read (one entry may come by several ways: all are the same row)."""
        if self.linked is not None:
            yield self.linked
        if self.partner_latest is not None:
            yield self.partner_latest
        yield from self.pieces
        yield from self.recovered


def _latest_piece(conn: sqlite3.Connection, entry: Entry | None) -> Entry | None:
    """The piece of `entry`'s session that its key feeds now (the last of the chain a wall-clock
    step back cuts), or `entry` itself when that is discarded. Ended last on the wall clock is
    not the latest piece: after the clock went back, the piece cut at the step ends later
    than the one carrying it on, and a reconnect continues the session, not its past."""
    if entry is None or entry.session_key is None:
        return entry
    uuid = session_links.linked_entry(conn, entry.source, entry.session_key)
    piece = None if uuid is None or uuid == entry.uuid else entries.get(conn, uuid)
    return entry if piece is None or piece.discarded else piece


def read_facts(conn: sqlite3.Connection, event: SessionEvent, now: datetime) -> SessionFacts:
    """Read what `event` needs (call inside the transaction that writes its outcome)."""
    session = event.session
    linked_uuid = session_links.linked_entry(conn, session.app, session.key)
    linked = None if linked_uuid is None else entries.get(conn, linked_uuid)
    latest = None
    if linked is None and session.partner_id is not None:
        latest = _latest_piece(
            conn, entries.latest_ended_of_partner(conn, session.app, session.partner_id)
        )
    earlier = [e for e in (linked, latest) if e is not None]
    recovered: list[Entry] = []
    sources: frozenset[str] = frozenset()
    window = None
    if earlier:
        # An earlier entry may be folded with a recovered one sharing its time; cover every
        # span it can have by then: from the earliest start known to its end (or now).
        window = (
            min(session.start, now, *(e.start for e in earlier)),
            max([now, *(e.end for e in earlier if e.end is not None)]),
        )
        sources = frozenset(e.source for e in earlier)
        for source in sorted(sources):
            recovered += entries.ended_by_overlapping(conn, source, EndReason.RECOVERED, *window)
    sessions = {(session.app, session.key)} | {
        (e.source, e.session_key) for e in (*earlier, *recovered) if e.session_key is not None
    }
    partner_id = session.partner_id or (linked.partner_id if linked is not None else None)
    attached = [e.uuid for e in earlier if e.customer_id is not None]
    reasons = audit.latest_reasons(conn, attached, "customer_id") if attached else {}
    return SessionFacts(
        linked=linked,
        partner_latest=latest,
        pieces=tuple(entries.pieces_of_sessions(conn, sessions)),
        sessions=frozenset(sessions),
        recovered=tuple(recovered),
        recovered_sources=sources,
        recovered_window=window,
        partner_id=partner_id,
        mapping=None if partner_id is None else mappings.lookup(conn, session.app, partner_id),
        attach_reasons={uuid: reasons.get(uuid) for uuid in attached},
    )
