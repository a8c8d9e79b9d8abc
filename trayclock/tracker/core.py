"""The Tracker: the one doorway for detection events, heartbeats, recovery, attaching
customers and manual timers. It owns the tracker's memory (what was reopened, the clock it
last saw, the held events) and hands each job to the module that does it."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

from trayclock.domain.clock import Clock
from trayclock.domain.entry import Entry
from trayclock.domain.session import SessionEvent
from trayclock.store import entries
from trayclock.store.db import TransientStoreError, transaction
from trayclock.tracker import attach, cuts, manual
from trayclock.tracker.facts import read_facts
from trayclock.tracker.plan import Reopened
from trayclock.tracker.queue import EventQueue
from trayclock.tracker.rules import decide
from trayclock.tracker.timing import GRACE_S, HEARTBEAT_S, ClockWatch, Timing
from trayclock.tracker.write import write

log = logging.getLogger(__name__)


class Tracker:
    """Turns session events into stored entries; see `trayclock.tracker` for the rules.

    One Tracker per connection, used from the thread that opened it."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        clock: Clock,
        *,
        heartbeat_s: float = HEARTBEAT_S,
        grace_s: float = GRACE_S,
        sleep_gap_s: float | None = None,
    ) -> None:
        self._conn = conn
        self._clock = clock
        self.timing = Timing.of(heartbeat_s, grace_s, sleep_gap_s)
        self._watch = ClockWatch(self.timing)
        self._queue = EventQueue()
        self._reopened: dict[str, Reopened] = {}

    # --- reading -------------------------------------------------------------------------------

    def running(self) -> list[Entry]:
        return entries.running(self._conn)

    @property
    def pending_events(self) -> int:
        """Events waiting for disk space."""
        return self._queue.pending

    @property
    def dropped_events(self) -> list[SessionEvent]:
        """Queued events set aside because replaying them failed for good (the latest ones)."""
        return self._queue.dropped

    @property
    def dropped_count(self) -> int:
        """How many queued events were set aside since this tracker started."""
        return self._queue.dropped_count

    # --- life cycle ----------------------------------------------------------------------------

    def recover(self) -> list[Entry]:
        """After a crash or kill: close detected entries at their last heartbeat; cut a timer
        silent for longer than the sleep gap (it keeps running as a new piece)."""
        now = self._clock.now()
        closed, timers = cuts.recover(self._conn, now, self.timing.sleep_gap)
        self._forget_reopened(timers)
        self._watch.started(now)
        return closed

    def tick(self) -> list[Entry]:
        """Heartbeat the running entries; after a clock jump (sleep), cut them at the gap."""
        now = self._clock.now()
        self._queue.replay(self._apply)
        self._watch.look(now)
        woke = self._watch.cut_due
        try:
            if woke is None:
                entries.heartbeat(self._conn, [e.uuid for e in entries.running(self._conn)], now)
                return []
            done = cuts.cut_at_sleep(self._conn, woke, now)
        except TransientStoreError as error:
            # An unsaved cut stays due and is retried, never forgotten.
            log.warning("heartbeat not saved, retrying at the next tick: %s", error)
            return []
        self._watch.cut_saved()
        self._forget_reopened(done)
        return [c.piece for c in done]

    def _forget_reopened(self, done: list[cuts.Cut]) -> None:
        for cut in done:
            self._reopened.pop(cut.uuid, None)

    # --- detected sessions ---------------------------------------------------------------------

    def handle(self, event: SessionEvent) -> Entry | None:
        """Apply one detection event; None when the store cannot take it now (queued)."""
        if self._watch.cut_due is not None or self._watch.jumped(self._clock.now()):
            self.tick()  # a sleep must be cut before this event touches the entry
        self._queue.replay(self._apply)
        try:
            if self._queue.pending:  # keep the order: never apply an END before its queued START
                raise TransientStoreError("earlier events are still waiting")
            if self._watch.cut_due is not None:
                raise TransientStoreError("the cut at a clock jump is not saved yet")
            return self._apply(event)
        except TransientStoreError as error:
            self._queue.hold(event, error)
            return None

    def _apply(self, event: SessionEvent) -> Entry:
        """Read what the event needs, decide (pure), write the plan: one transaction."""
        now = self._clock.now()
        with transaction(self._conn):
            facts = read_facts(self._conn, event, now)
            plan = decide(event, facts, self._reopened, now, self.timing, entries.new_uuid)
            entry = write(self._conn, plan, now)
        for uuid, how in plan.reopened.items():
            if how is None:
                self._reopened.pop(uuid, None)
            else:
                self._reopened[uuid] = how
        return entry

    # --- customers -----------------------------------------------------------------------------

    def attach(self, entry_uuid: str, customer_id: int, *, remember: bool = True) -> Entry:
        """Set the entry's customer (and its session's unattached pieces'); remember the
        partner → customer mapping for next time unless `remember` is False."""
        now = self._clock.now()
        return attach.attach(self._conn, entry_uuid, customer_id, remember=remember, now=now)

    # --- manual timers -------------------------------------------------------------------------

    def start_manual(
        self, *, customer_id: int | None = None, notes: str = "", ticket: str | None = None
    ) -> Entry:
        """Start a timer for work nothing detects (a phone call …)."""
        now = self._clock.now()
        return manual.start_timer(
            self._conn, now, customer_id=customer_id, notes=notes, ticket=ticket
        )

    def stop_manual(self, entry_uuid: str | None = None) -> list[Entry]:
        """Stop one running timer, or all of them when no uuid is given."""
        return manual.stop_timers(self._conn, self._clock.now(), entry_uuid)

    def add_manual(
        self,
        start: datetime,
        end: datetime,
        *,
        customer_id: int | None = None,
        notes: str = "",
        ticket: str | None = None,
    ) -> Entry:
        """Record work after the fact."""
        return manual.add_work(
            self._conn,
            start,
            end,
            self._clock.now(),
            customer_id=customer_id,
            notes=notes,
            ticket=ticket,
        )
