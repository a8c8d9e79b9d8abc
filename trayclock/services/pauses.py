"""Pauses for the tray and the review window (no Qt): the unanswered idle suggestions
("Idle 42 min during ACME — keep / pause / split"), accepting or rejecting one, adding or
removing a pause, turning a pause into a split, and joining two pieces of one call into one
entry with a pause between them.

Every change is one transaction of the store (`trayclock.store.pauses`), audited (field
`pause`) with who decided: `by`, "technician" unless the caller says more ("technician
(tray)", "technician (review)"). A suggestion never changes a price until it is accepted;
after any of these the entry prices by the one pricing path as stored
(`trayclock.domain.pricing`), so the caller re-prices what it shows.

What the UI calls:
    Pauses(conn, clock)
    .suggestions(since=None) -> list[Suggestion]    unanswered, oldest first
    .keep(pause_id, by=…) -> Entry                  "keep": the time stays worked (rejected)
    .accept(pause_id, by=…) -> Entry                "pause": priced without the stretch
    .split(pause_id, by=…) -> tuple[Entry, Entry]   "split": two entries, the stretch between
    .add(entry_uuid, start, end, by=…) -> Entry     a pause the technician adds (from–to)
    .remove(pause_id, by=…) -> Entry                any pause taken away
    .join(entry_uuids, by=…) -> Entry               "Join as one call": the gaps become pauses
    .answer(pause_id, Answer, by=…)                 keep / pause / split, as the question asks
    .pending(pause_id) -> bool                      still unanswered (a late click is ignored)
StoreError (its message says why) when a change breaks the rules of `domain.pauses`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from trayclock.domain.clock import Clock
from trayclock.domain.entry import Entry
from trayclock.domain.pauses import PauseState
from trayclock.store import customers
from trayclock.store import pauses as store_pauses
from trayclock.store.db import StoreError

TECHNICIAN = "technician"  # who decides when the caller does not say more


class Answer(StrEnum):
    """The three answers to "Idle 42 min during ACME — keep / pause / split"."""

    KEEP = "keep"  # the stretch stays worked time (the suggestion is rejected)
    PAUSE = "pause"  # the suggestion is accepted: not billed
    SPLIT = "split"  # two entries, the stretch between them


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An idle stretch proposed as a pause and not answered yet, with what the question
    names: the customer (None: not attached yet), the app and partner, whether the session
    still runs."""

    pause_id: int
    entry_uuid: str
    start: datetime
    end: datetime
    customer: str | None
    app: str
    partner: str
    running: bool

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    @property
    def minutes(self) -> int:
        """Whole minutes idle (what "Idle 42 min" says)."""
        return int(self.length.total_seconds() // 60)


class Pauses:
    """The pause commands over one store connection (the caller's thread)."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock

    def suggestions(self, since: datetime | None = None) -> list[Suggestion]:
        """The unanswered suggestions (starting at or after `since`), oldest first."""
        found = store_pauses.unanswered(self.conn, since)
        names = {c.id: c.name for c in customers.list_all(self.conn, include_archived=True)}
        out = []
        for entry, pause in found:
            assert pause.id is not None  # stored pauses have their row id
            out.append(
                Suggestion(
                    pause_id=pause.id,
                    entry_uuid=entry.uuid,
                    start=pause.start,
                    end=pause.end,
                    customer=names.get(entry.customer_id) if entry.customer_id else None,
                    app=entry.source,
                    partner=entry.partner_name or entry.partner_id or "",
                    running=entry.running,
                )
            )
        return out

    def accept(self, pause_id: int, *, by: str = TECHNICIAN) -> Entry:
        """The suggestion becomes a real pause: the entry is priced without the stretch."""
        return self._answer(pause_id, True, f"suggestion accepted by {by}")

    def keep(self, pause_id: int, *, by: str = TECHNICIAN) -> Entry:
        """Reject the suggestion: the stretch stays worked time, and is never asked again."""
        return self._answer(pause_id, False, f"suggestion rejected by {by}: kept as worked time")

    reject = keep

    def split(self, pause_id: int, *, by: str = TECHNICIAN) -> tuple[Entry, Entry]:
        """Turn a pause (or a suggestion) into a split: two entries, the stretch between."""
        return store_pauses.split_at(
            self.conn, pause_id, reason=f"pause turned into a split by {by}", now=self.clock.now()
        )

    def add(
        self, entry_uuid: str, start: datetime, end: datetime, *, by: str = TECHNICIAN
    ) -> Entry:
        """A pause the technician adds to an entry (accepted at once)."""
        return store_pauses.add(
            self.conn, entry_uuid, start, end, reason=f"pause added by {by}", now=self.clock.now()
        )

    def remove(self, pause_id: int, *, by: str = TECHNICIAN) -> Entry:
        """Take a pause (of any state) away: its time is worked time again."""
        return store_pauses.remove(
            self.conn, pause_id, reason=f"pause removed by {by}", now=self.clock.now()
        )

    def answer(self, pause_id: int, answer: Answer, *, by: str = TECHNICIAN) -> None:
        """One of the question's three answers (StoreError when it was answered already)."""
        if answer is Answer.PAUSE:
            self.accept(pause_id, by=by)
        elif answer is Answer.KEEP:
            self.keep(pause_id, by=by)
        else:
            self.split(pause_id, by=by)

    def pending(self, pause_id: int) -> bool:
        """Whether this pause is still an unanswered suggestion (of an entry not discarded)."""
        try:
            entry, pause = store_pauses.find(self.conn, pause_id)
        except StoreError:
            return False
        return pause.state is PauseState.SUGGESTED and not entry.discarded

    def _answer(self, pause_id: int, accept: bool, reason: str) -> Entry:
        return store_pauses.answer(
            self.conn, pause_id, accept=accept, reason=reason, now=self.clock.now()
        )

    def join(self, entry_uuids: Sequence[str], *, by: str = TECHNICIAN) -> Entry:
        """Join pieces of one call (one customer, or none yet) into the earliest: the time
        between them becomes pauses; the others are discarded (recoverable)."""
        return store_pauses.join(
            self.conn, entry_uuids, reason=f"as one call by {by}", now=self.clock.now()
        )
