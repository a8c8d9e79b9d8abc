"""The store as the rules see it while they decide one event: the entries read, as the steps
decided so far change them, and those steps (the plan being made). Pure: nothing is written
until the plan is complete, and it asks nothing the facts were not read for."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from trayclock.domain.entry import (
    EndReason,
    Entry,
    PartnerMapping,
    fitted,
    merging,
    next_piece,
)
from trayclock.store.db import StoreError
from trayclock.tracker import plan as steps
from trayclock.tracker.facts import SessionFacts
from trayclock.tracker.plan import Plan, Reopened


class FactsMissing(LookupError):
    """The rules asked for something the facts were not read for (a bug in `read_facts`)."""


class Draft:
    """One event's view of the store and the plan that changes it."""

    def __init__(
        self,
        facts: SessionFacts,
        reopened: Mapping[str, Reopened],
        new_uuid: Callable[[], str],
    ) -> None:
        self._facts = facts
        self._entries = {e.uuid: e for e in facts.entries()}
        # The order the pieces were recorded in: each piece after the one it carries on.
        self._recorded = {e.uuid: n for n, e in enumerate(facts.pieces)}
        self._new: set[str] = set()
        self._steps: list[steps.Step] = []
        self._reopened = dict(reopened)
        self._reopened_changes: dict[str, Reopened | None] = {}
        self._new_uuid = new_uuid

    # --- reading ---------------------------------------------------------------------------

    def pieces(self, source: str, session_key: str) -> list[Entry]:
        """Every entry of the session (discarded ones too) as it stands now, by start."""
        if (source, session_key) not in self._facts.sessions:
            raise FactsMissing(f"the pieces of {source} session {session_key} were not read")
        found = [
            e for e in self._entries.values() if (e.source, e.session_key) == (source, session_key)
        ]
        return sorted(found, key=lambda e: (e.start, e.uuid))

    def continued(self, entry: Entry) -> Entry | None:
        """The piece of the same detected session recorded just before this one — the one it
        carries on (a session's pieces are a chain) — or None for its first piece. By the
        order recorded, never by start: after the wall clock went back, the piece carrying
        another on starts before it."""
        if entry.session_key is None:
            return None
        pieces = self.pieces(entry.source, entry.session_key)
        order = self._recorded
        if entry.uuid not in order:
            raise FactsMissing(f"when entry {entry.uuid} was recorded was not read")
        before = [p for p in pieces if order.get(p.uuid, len(order)) < order[entry.uuid]]
        return max(before, key=lambda p: order[p.uuid], default=None)

    def has_other_piece(self, entry: Entry) -> bool:
        """Another live entry of the same detected session (the first piece is alone until a
        cut carries it on): it holds after the wall clock went back,
        when the continuation starts before the piece it continues."""
        if entry.session_key is None:
            return False
        return any(
            p.uuid != entry.uuid and not p.discarded
            for p in self.pieces(entry.source, entry.session_key)
        )

    def recovered_sharing_time(self, source: str, start: datetime, end: datetime) -> list[Entry]:
        """Entries of `source` closed by recovery (not discarded) sharing time with
        [start, end), by start."""
        window = self._facts.recovered_window
        if source not in self._facts.recovered_sources or window is None:
            raise FactsMissing(f"no recovered {source} entries were read")
        if start < window[0] or end > window[1]:
            raise FactsMissing(f"recovered entries were read for {window}, not [{start}, {end})")
        found = [
            e
            for e in self._entries.values()
            if e.source == source
            and e.end_reason is EndReason.RECOVERED
            and not e.discarded
            and e.end is not None
            and e.start < end
            and e.end > start
        ]
        return sorted(found, key=lambda e: (e.start, e.uuid))

    def mapping(self, partner_id: str) -> PartnerMapping | None:
        if partner_id != self._facts.partner_id:
            raise FactsMissing(f"the mapping of partner {partner_id} was not read")
        return self._facts.mapping

    def last_attach_reason(self, uuid: str) -> str | None:
        """The audit reason of the entry's latest customer change (None: never attached)."""
        if uuid in self._new:
            return None
        if uuid not in self._facts.attach_reasons:
            raise FactsMissing(f"how entry {uuid} was attached was not read")
        return self._facts.attach_reasons[uuid]

    # --- deciding writes -------------------------------------------------------------------

    def new_uuid(self) -> str:
        return self._new_uuid()

    def insert(self, entry: Entry, *, reason: str) -> Entry:
        self._steps.append(steps.Insert(entry, reason))
        self._entries[entry.uuid] = entry
        self._new.add(entry.uuid)
        self._recorded[entry.uuid] = len(self._recorded)
        return entry

    def change(self, uuid: str, changes: Mapping[str, Any], *, reason: str) -> Entry:
        """The entry with `changes` (a step only when one of them differs)."""
        before = self._entries[uuid]
        after = fitted(before.with_changes(**changes))  # as the store will: pauses in the span
        if after != before:
            self._steps.append(steps.Change(uuid, dict(changes), reason))
            self._entries[uuid] = after
        return after

    def continue_as_piece(self, uuid: str, start: datetime, *, reason: str) -> Entry:
        entry = self._entries[uuid]
        piece = next_piece(entry, self.new_uuid(), start)
        self._steps.append(steps.ContinueAsPiece(entry, piece.uuid, start, reason))
        self._entries[piece.uuid] = piece
        self._new.add(piece.uuid)
        self._recorded[piece.uuid] = len(self._recorded)
        return piece

    def merge(self, *uuids: str) -> Entry:
        """Fold the entries into the earliest (`merging`); the others are discarded."""
        try:
            merge = merging([self._entries[u] for u in uuids])
        except ValueError as error:
            raise StoreError(str(error)) from error
        for other in merge.others:
            self._entries[other.uuid] = other.with_changes(discarded=True)
        kept = self._entries[merge.keep.uuid] = fitted(merge.keep.with_changes(**merge.changes))
        self._steps.append(steps.Merge(uuids))
        return kept

    def link(self, app: str, session_key: str, uuid: str) -> None:
        self._steps.append(steps.Link(app, session_key, uuid))

    def remember_partner(
        self, app: str, partner_id: str, customer_id: int, partner_name: str | None
    ) -> None:
        self._steps.append(steps.RememberPartner(app, partner_id, customer_id, partner_name))

    def note_partner_name(self, app: str, partner_id: str, partner_name: str) -> None:
        self._steps.append(steps.NotePartnerName(app, partner_id, partner_name))

    # --- the tracker's memory of reopened entries ------------------------------------------

    def reopened(self, uuid: str, how: Reopened) -> None:
        self._reopened[uuid] = self._reopened_changes[uuid] = how

    def take_reopened(self, uuid: str) -> Reopened | None:
        """How the entry ended before it was reopened (forgotten from now on)."""
        how = self._reopened.pop(uuid, None)
        if how is not None:
            self._reopened_changes[uuid] = None
        return how

    def plan(self, result: Entry) -> Plan:
        return Plan(tuple(self._steps), result.uuid, dict(self._reopened_changes))
