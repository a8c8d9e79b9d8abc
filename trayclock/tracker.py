"""The tracker: detected session events and manual timers become entries that survive anything.

Rules (issue 3):
- An entry is written the moment a session starts, heartbeats while it runs (`tick`), and is
  closed when it ends. Each detected session `(app, key)` is linked to exactly one entry at
  a time (table `session_links`), so a replayed or re-detected event never duplicates one.
- A known partner ID attaches the customer at once; `partner_id` arriving later (UPDATED)
  triggers the lookup then. The partner's last known display name is kept in the mapping.
- `Outcome.REFUSED`: the entry stays visible as an attempt (`attempt=True`,
  `billable=False`) and is never billable time.
- Reconnects to the same partner within `grace_s` continue the same entry (reopened).
  An entry whose end was set by hand (review edit) or that was discarded is never reopened:
  the person's decision wins over detection.
- After a crash or kill, `recover()` closes every detected entry at its last heartbeat
  (`EndReason.RECOVERED`). If detection then reports the session still running within
  `grace_s` of that heartbeat, the same entry continues; after longer, a new piece starts.
  Manual timers are the technician's explicit claim: recovery leaves them running.
- A wall-clock jump (`tick` finds more than `sleep_gap_s` since the previous tick;
  default 2 × heartbeat, i.e. a jump larger than one heartbeat interval) means the
  computer slept: every running entry ends at its last heartbeat (`EndReason.SLEPT`) and,
  as its session or timer is still on, a new piece starts now. Time asleep is never billed.
- A full disk (or a lock held by another process) never loses an event: a write that fails
  with a `TransientStoreError` is queued in memory and retried on the next `tick`; a
  heartbeat that cannot be written is simply skipped.
- Overlap: a session starting while another customer's (or an unattached) entry runs
  flags both; `attach` re-evaluates (the store does this on every relevant change).

One Tracker per connection, used from the thread that opened it (the GUI thread: detection
hands its events over through the one doorway of the UI runner).

Public API (tray, prompt and review window):
    Tracker(conn, clock, *, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S, sleep_gap_s=None)
    .recover() -> list[Entry]                    closed entries
    .handle(event: SessionEvent) -> Entry | None the entry the event touched (None if queued)
    .tick() -> list[Entry]                       pieces started after a sleep
    .attach(entry_uuid, customer_id, *, remember=True) -> Entry
    .start_manual(*, customer_id=None, notes="", ticket=None) -> Entry
    .stop_manual(entry_uuid=None) -> list[Entry]
    .add_manual(start, end, *, customer_id=None, notes="", ticket=None) -> Entry
    .running() -> list[Entry]
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta

from trayclock.domain.clock import Clock
from trayclock.domain.entry import MANUAL_SOURCE, EndReason, Entry
from trayclock.domain.session import APPS, EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import entries, mappings
from trayclock.store.db import StoreError, TransientStoreError, transaction

log = logging.getLogger(__name__)

HEARTBEAT_S = 30.0
GRACE_S = 60.0
PENDING_LIMIT = 10_000  # events kept in memory while the disk is full


# Ended by detection or by a crash: a session reported running again may continue it. An end
# set by hand (timer stopped, edited in review) or a discarded entry is never reopened.
_RESUMABLE = frozenset({EndReason.ENDED, EndReason.RECOVERED})


def _resumable(entry: Entry) -> bool:
    return entry.end_reason in _RESUMABLE and not entry.discarded and not entry.manual


class Tracker:
    """Turns session events into stored entries; see the module docstring for the rules."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        clock: Clock,
        *,
        heartbeat_s: float = HEARTBEAT_S,
        grace_s: float = GRACE_S,
        sleep_gap_s: float | None = None,
    ) -> None:
        if heartbeat_s <= 0 or grace_s < 0:
            raise ValueError("heartbeat_s must be positive and grace_s not negative")
        self._conn = conn
        self._clock = clock
        self.heartbeat = timedelta(seconds=heartbeat_s)
        self.grace = timedelta(seconds=grace_s)
        self.sleep_gap = timedelta(seconds=sleep_gap_s if sleep_gap_s else 2 * heartbeat_s)
        self._last_tick: datetime | None = None
        self._pending: list[SessionEvent] = []

    # --- reading -------------------------------------------------------------------------------

    def running(self) -> list[Entry]:
        return entries.running(self._conn)

    @property
    def pending_events(self) -> int:
        """Events waiting for disk space."""
        return len(self._pending)

    # --- life cycle ----------------------------------------------------------------------------

    def recover(self) -> list[Entry]:
        """After a crash or kill: close detected entries at their last heartbeat."""
        now = self._clock.now()
        closed = []
        with transaction(self._conn):
            for entry in entries.running(self._conn):
                if entry.manual:
                    continue
                closed.append(
                    entries.close(
                        self._conn,
                        entry.uuid,
                        entry.heartbeat,
                        EndReason.RECOVERED,
                        now=now,
                        reason="recovered after restart: closed at last heartbeat",
                    )
                )
        if closed:
            log.info("recovered %d entries left running by a previous run", len(closed))
        self._last_tick = now
        return closed

    def tick(self) -> list[Entry]:
        """Heartbeat the running entries; after a clock jump (sleep), cut them at the gap."""
        now = self._clock.now()
        self._replay_pending()
        last = self._last_tick
        try:
            if last is not None and now - last > self.sleep_gap:
                log.info("clock jumped %s (sleep?): cutting running entries", now - last)
                resumed = self._cut_at_sleep(now)
            else:
                entries.heartbeat(self._conn, [e.uuid for e in entries.running(self._conn)], now)
                resumed = []
        except TransientStoreError as error:
            # `_last_tick` stays put, so an unsaved sleep cut is retried, never forgotten.
            log.warning("heartbeat not saved, retrying at the next tick: %s", error)
            return []
        self._last_tick = now
        return resumed

    def _cut_at_sleep(self, now: datetime) -> list[Entry]:
        resumed = []
        with transaction(self._conn):
            for entry in entries.running(self._conn):
                entries.close(
                    self._conn,
                    entry.uuid,
                    entry.heartbeat,
                    EndReason.SLEPT,
                    now=now,
                    reason="computer slept: closed at last heartbeat",
                )
                piece = entries.continue_as_piece(
                    self._conn,
                    entry,
                    now,
                    reason=f"resumed after sleep (continues {entry.uuid})",
                    now=now,
                )
                resumed.append(piece)
        return resumed

    # --- detected sessions ---------------------------------------------------------------------

    def handle(self, event: SessionEvent) -> Entry | None:
        """Apply one detection event; None when the store cannot take it now (queued)."""
        last = self._last_tick
        if last is not None and self._clock.now() - last > self.sleep_gap:
            self.tick()  # a sleep must be cut before this event touches the entry
        self._replay_pending()
        try:
            if self._pending:  # keep the order: never apply an END before its queued START
                raise TransientStoreError("earlier events are still waiting")
            return self._apply(event)
        except TransientStoreError as error:
            if len(self._pending) >= PENDING_LIMIT:
                log.error("queue full: %s event for %s dropped", event.kind, event.session.key)
                return None
            self._pending.append(event)
            log.warning("%s event for %s queued: %s", event.kind, event.session.key, error)
            return None

    def _replay_pending(self) -> None:
        while self._pending:
            try:
                self._apply(self._pending[0])
            except TransientStoreError:
                return
            self._pending.pop(0)

    def _apply(self, event: SessionEvent) -> Entry:
        session = event.session
        now = self._clock.now()
        with transaction(self._conn):
            linked = entries.linked_entry(self._conn, session.app, session.key)
            entry = None if linked is None else entries.get(self._conn, linked)
            if entry is None:
                entry = self._reconnected(session, now) or self._create(session, now)
                entries.link_session(self._conn, session.app, session.key, entry.uuid)
            elif entry.end is not None and event.kind is not EventKind.ENDED and _resumable(entry):
                entry = self._resume(entry, now)
            entry = self._learn(entry, session, now)
            if event.kind is EventKind.ENDED or session.outcome is not Outcome.OPEN:
                entry = self._end(entry, session, event, now)
        return entry

    def _create(self, session: RemoteSession, now: datetime) -> Entry:
        start = min(session.start, now)
        entry = Entry(
            uuid=entries.new_uuid(),
            source=session.app,
            session_key=session.key,
            start=start,
            end=None,
            heartbeat=now,
            partner_id=session.partner_id,
            partner_name=session.partner_name,
        )
        return entries.insert(self._conn, entry, reason=f"detected {session.app} session", now=now)

    def _reconnected(self, session: RemoteSession, now: datetime) -> Entry | None:
        """A new session key for a partner whose entry ended within the grace period."""
        if session.partner_id is None:
            return None
        earlier = entries.latest_of_partner(
            self._conn,
            session.app,
            session.partner_id,
            ended_since=min(session.start, now) - self.grace,
        )
        if earlier is None or earlier.attempt or not _resumable(earlier):
            return None
        return entries.reopen(
            self._conn, earlier.uuid, now=now, reason=f"reconnect within grace ({session.key})"
        )

    def _resume(self, entry: Entry, now: datetime) -> Entry:
        """The session of an ended entry is reported running: continue it, or start a piece."""
        assert entry.end is not None
        if now - entry.end <= self.grace:
            return entries.reopen(self._conn, entry.uuid, now=now, reason="session still running")
        return entries.continue_as_piece(
            self._conn,
            entry,
            now,
            reason=f"session still running after a gap (continues {entry.uuid})",
            now=now,
        )

    def _learn(self, entry: Entry, session: RemoteSession, now: datetime) -> Entry:
        """Take what detection newly knows: partner ID and name, and the customer they imply."""
        changes: dict[str, object] = {}
        if session.partner_id and session.partner_id != entry.partner_id:
            changes["partner_id"] = session.partner_id
        if session.partner_name and session.partner_name != entry.partner_name:
            changes["partner_name"] = session.partner_name
        if (
            session.start < entry.start  # a later start would cut billed time off
            and entry.session_key == session.key  # not a reconnect folded into this entry
            and entry.end is None
            and self._first_piece(entry)
        ):
            # The log knows the exact start, before the window was first seen. Detection only
            # ever moves a start earlier; a later one is the same session seen again after a
            # restart (its window key can repeat within the second), never a correction.
            changes["start"] = session.start
        partner_id = session.partner_id or entry.partner_id
        if partner_id:
            mapping = mappings.lookup(self._conn, session.app, partner_id)
            if mapping is not None:
                if entry.customer_id is None:
                    changes["customer_id"] = mapping.customer_id
                if session.partner_name and session.partner_name != mapping.partner_name:
                    mappings.note_name(
                        self._conn, session.app, partner_id, session.partner_name, now=now
                    )
        if not changes:
            return entry
        return entries.update(self._conn, entry.uuid, changes, reason="detected", now=now)

    def _end(
        self, entry: Entry, session: RemoteSession, event: SessionEvent, now: datetime
    ) -> Entry:
        refused = session.outcome is Outcome.REFUSED
        if refused and not entry.attempt:
            entry = entries.update(
                self._conn,
                entry.uuid,
                {"attempt": True, "billable": False},
                reason="session refused before it ran: an attempt, not billable",
                now=now,
            )
        if entry.end is not None:
            return entry
        end = min(session.end or event.at, now)
        if end <= entry.start and not self._first_piece(entry):
            # This piece began after the session really ended (it ended during a sleep).
            return entries.discard(
                self._conn, entry.uuid, now=now, reason="session ended before this piece began"
            )
        return entries.close(self._conn, entry.uuid, end, EndReason.ENDED, now=now)

    def _first_piece(self, entry: Entry) -> bool:
        """Not a piece started after a sleep or a long gap of the same session."""
        if entry.session_key is None:
            return True
        return not entries.has_earlier_piece(self._conn, entry)

    # --- customers -----------------------------------------------------------------------------

    def attach(self, entry_uuid: str, customer_id: int, *, remember: bool = True) -> Entry:
        """Set the entry's customer; remember the partner → customer mapping for next time."""
        now = self._clock.now()
        with transaction(self._conn):
            entry = entries.update(
                self._conn, entry_uuid, {"customer_id": customer_id}, reason="attached", now=now
            )
            if remember and entry.partner_id and entry.source in APPS:
                mappings.remember(
                    self._conn,
                    entry.source,
                    entry.partner_id,
                    customer_id,
                    partner_name=entry.partner_name,
                    now=now,
                )
        return entry

    # --- manual timers -------------------------------------------------------------------------

    def start_manual(
        self, *, customer_id: int | None = None, notes: str = "", ticket: str | None = None
    ) -> Entry:
        """Start a timer for work nothing detects (a phone call …)."""
        now = self._clock.now()
        entry = _manual_entry(now, None, customer_id, notes, ticket)
        return entries.insert(self._conn, entry, reason="timer started", now=now)

    def stop_manual(self, entry_uuid: str | None = None) -> list[Entry]:
        """Stop one running timer, or all of them when no uuid is given."""
        now = self._clock.now()
        with transaction(self._conn):
            targets = [
                e
                for e in entries.running(self._conn)
                if e.manual and (entry_uuid is None or e.uuid == entry_uuid)
            ]
            if entry_uuid is not None and not targets:
                raise StoreError(f"no running timer {entry_uuid}")
            return [
                entries.close(
                    self._conn, e.uuid, now, EndReason.ENDED, now=now, reason="timer stopped"
                )
                for e in targets
            ]

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
        if end <= start:
            raise StoreError("a manual entry needs its end after its start")
        entry = _manual_entry(start, end, customer_id, notes, ticket)
        return entries.insert(self._conn, entry, reason="added by hand", now=self._clock.now())


def _manual_entry(
    start: datetime, end: datetime | None, customer_id: int | None, notes: str, ticket: str | None
) -> Entry:
    """A timer (running while `end` is None) or work recorded after the fact."""
    return Entry(
        uuid=entries.new_uuid(),
        source=MANUAL_SOURCE,
        start=start,
        end=end,
        heartbeat=end or start,
        end_reason=None if end is None else EndReason.MANUAL,
        customer_id=customer_id,
        notes=notes,
        ticket=ticket,
    )
