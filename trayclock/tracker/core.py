"""The Tracker: the one doorway for detection events, heartbeats, recovery, attaching
customers and manual timers. It owns the tracker's memory (what was reopened, the clock it
last saw, the held events, the idle stretch going on) and hands each job to the module that
does it."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta

from trayclock.domain.clock import Clock
from trayclock.domain.entry import Entry
from trayclock.domain.session import SessionEvent
from trayclock.store import entries
from trayclock.store.db import TransientStoreError, transaction
from trayclock.tracker import attach, cuts, idle, manual
from trayclock.tracker.facts import read_facts
from trayclock.tracker.plan import Reopened
from trayclock.tracker.queue import EventQueue
from trayclock.tracker.rules import decide
from trayclock.tracker.timing import (
    GRACE_S,
    HEARTBEAT_S,
    PAUSE_ORIGIN,
    ClockWatch,
    Jump,
    JumpKind,
    Timing,
)
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
        idle_source: idle.IdleReader | None = None,
        idle_threshold_s: float = idle.IDLE_THRESHOLD_S,
    ) -> None:
        self._conn = conn
        self._clock = clock
        self.timing = Timing.of(heartbeat_s, grace_s, sleep_gap_s)
        self._watch = ClockWatch(self.timing)
        self._queue = EventQueue()
        self._reopened: dict[str, Reopened] = {}
        # Idle time read on the heartbeat; a threshold of 0 (or no source) asks nothing.
        self._idle = idle_source if idle_threshold_s > 0 else None
        self._idle_watch = idle.IdleWatch(timedelta(seconds=max(idle_threshold_s, 0)))
        self._idle_unsaved: list[idle.Stretch] = []  # stretches the store refused for now

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

    @property
    def idle_since(self) -> datetime | None:
        """When the input idle stretch going on now began (None: none that long)."""
        return self._idle_watch.idle_since

    # --- life cycle ----------------------------------------------------------------------------

    def recover(self) -> list[Entry]:
        """After a crash or kill: close detected entries at their last heartbeat; a timer
        silent for longer than the sleep gap runs on with the silence as a pause."""
        now = self._clock.now()
        closed = cuts.recover(self._conn, now, self.timing.sleep_gap)
        self._watch.started(now, self._clock.uptime())
        return closed

    def tick(self) -> list[Entry]:
        """Heartbeat the running entries. After a sleep (or a forward clock jump) each gets
        the gap as a pause; after the clock went back, each is cut there. A stall of our own
        process is neither: the entries just run on. Idle time becomes suggested pauses.
        The entries a jump touched (paused, or the new pieces after a cut)."""
        now = self._clock.now()
        uptime = self._clock.uptime()
        self._queue.replay(self._apply)
        jump = self._watch.look(now, uptime)
        touched: list[Entry] = []
        try:
            if jump is not None:
                touched = self._handle_jump(jump, now)
                self._watch.handled()
            entries.heartbeat(self._conn, [e.uuid for e in entries.running(self._conn)], now)
        except TransientStoreError as error:
            # An unsaved pause or cut stays due and is retried, never forgotten.
            log.warning("heartbeat not saved, retrying at the next tick: %s", error)
            return touched
        self._suggest_idle(now, uptime.awake)
        return touched

    def _handle_jump(self, jump: Jump, now: datetime) -> list[Entry]:
        if jump.kind is JumpKind.BACK:
            done = cuts.cut_running(self._conn, jump.at, now)
            for cut in done:
                self._reopened.pop(cut.uuid, None)
            return [c.piece for c in done]
        return cuts.pause_running(self._conn, jump.at, jump.lost, PAUSE_ORIGIN[jump.kind], now)

    def _suggest_idle(self, now: datetime, awake: timedelta) -> None:
        """Read the idle time (once a heartbeat) and suggest the stretches that ended."""
        if self._idle is None:
            return
        try:
            seconds = self._idle.idle_seconds()
        except Exception:  # a desktop gone away must never stop the heartbeat
            log.exception("idle time unreadable")
            seconds = None
        stretch = self._idle_watch.look(now, awake, seconds)
        if stretch is not None:
            self._idle_unsaved.append(stretch)
        while self._idle_unsaved:
            try:
                idle.suggest(self._conn, self._idle_unsaved[0], self._idle_watch.threshold, now)
            except TransientStoreError as error:
                log.warning("idle suggestion not saved, retrying at the next tick: %s", error)
                return
            self._idle_unsaved.pop(0)

    # --- detected sessions ---------------------------------------------------------------------

    def handle(self, event: SessionEvent) -> Entry | None:
        """Apply one detection event; None when the store cannot take it now (queued)."""
        jumped = self._watch.classify(self._clock.now(), self._clock.uptime())
        if self._watch.due is not None or jumped is not None:
            self.tick()  # a sleep must be paused before this event touches the entry
        self._queue.replay(self._apply)
        try:
            if self._queue.pending:  # keep the order: never apply an END before its queued START
                raise TransientStoreError("earlier events are still waiting")
            if self._watch.due is not None:
                raise TransientStoreError("the pause at a clock jump is not saved yet")
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
