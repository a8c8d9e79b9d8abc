"""The tracker: detected session events and manual timers become entries that survive anything.

Rules (issue 3):
- An entry is written the moment a session starts, heartbeats while it runs (`tick`), and is
  closed when it ends. Each detected session `(app, key)` is linked to exactly one entry at
  a time (table `session_links`), so a replayed or re-detected event never duplicates one.
- A known partner ID attaches the customer at once; `partner_id` arriving later (UPDATED)
  triggers the lookup then. The partner's last known display name is kept in the mapping.
- `Outcome.REFUSED`: the entry stays visible as an attempt (`attempt=True`,
  `billable=False`) and is never billable time. A refused retry that had reopened an earlier
  entry (a reconnect of another session key, or a session that really ran) gives that entry
  its previous end back and is recorded as its own attempt entry. (What was reopened is
  kept in memory: a restart between the reconnect and the refusal falls back to the rule above.)
- Reconnects to the same partner within `grace_s` continue the same entry (reopened).
  An entry whose end was set by hand (review edit) or that was discarded is never reopened:
  the person's decision wins over detection.
- A customer found through the partner mapping is attached to the current piece and to every
  unattached earlier piece of the same session. A partner ID learned after the tech attached
  the entry (remember asked, audit reason `attached`) saves the missing partner mapping.
- After a crash or kill, `recover()` closes every detected entry at its last heartbeat
  (`EndReason.RECOVERED`). If detection then reports the session still running within
  `grace_s` of that heartbeat, the same entry continues; after longer, a new piece starts.
  When the log later reports when such a session really ended (an ENDED/UPDATED/STARTED with
  `session.end` after the recovered end), the end is extended to it (audited): the log is
  authoritative about when the session ended. A STARTED whose session already has an end
  (work that ended while trayclock was down) is stored closed, never running, and once.
  Manual timers are the technician's explicit claim: recovery leaves them running, but one
  whose last heartbeat is older than the sleep gap is cut there (`RECOVERED`) and continues
  as a new running piece from now: the downtime is in no entry. (A timer never heartbeated,
  started by `trayclock timer` with no tray running, is left as it is.)
- A window session seen before and after a restart gets two keys. When an event moves an
  entry's start earlier or brings its partner ID, an overlapping RECOVERED entry of the same
  app and partner (ID, or name when either lacks the ID) is merged into it (`entries.merge`:
  the later-starting one is discarded, audited): one session, one entry.
- A wall-clock jump (`tick` finds more than `sleep_gap_s` since the tracker last looked at
  the clock, default 2 × heartbeat; or the clock is more than one heartbeat BEHIND it, an
  NTP/RTC step back) cuts every running entry at its last heartbeat (`EndReason.SLEPT`) and,
  as its session or timer is still on, a new piece starts at the moment the jump was seen.
  Time asleep is never billed. An end is never clamped to before the last heartbeat. A later
  piece that ends within `grace_s` of starting after a sleep is an "after-sleep remnant" (the
  session was over before the sleep; its close was logged just after waking): it is closed
  and discarded (audited, recoverable), not billed as a call of its own.
- A full disk (or a lock held by another process) never loses an event: a write that fails
  with a `TransientStoreError` is queued in memory and retried on the next `tick`; a
  heartbeat that cannot be written is simply skipped, and is not taken for a sleep (the time
  last seen moves on regardless). A queued event whose replay fails for any other reason is
  logged and set aside (`dropped_events`, `dropped_count`) so later events still apply.
- Overlap: a session starting while another customer's (or an unattached) entry runs
  flags both; `attach` re-evaluates (the store does this on every relevant change).

One Tracker per connection, used from the thread that opened it (the GUI thread: detection
hands its events over through the one doorway of the UI runner).

Public API (tray, prompt and review window):
    Tracker(conn, clock, *, heartbeat_s=HEARTBEAT_S, grace_s=GRACE_S, sleep_gap_s=None)
    .recover() -> list[Entry]                    closed detected entries (cut timers run on)
    .handle(event: SessionEvent) -> Entry | None the entry the event touched (None if queued)
    .tick() -> list[Entry]                       pieces started after a sleep
    .attach(entry_uuid, customer_id, *, remember=True) -> Entry
    .start_manual(*, customer_id=None, notes="", ticket=None) -> Entry
    .stop_manual(entry_uuid=None) -> list[Entry]
    .add_manual(start, end, *, customer_id=None, notes="", ticket=None) -> Entry
    .running() -> list[Entry]
    .pending_events -> int; .dropped_events -> list[SessionEvent]; .dropped_count -> int
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from trayclock.domain.clock import Clock
from trayclock.domain.entry import MANUAL_SOURCE, EndReason, Entry
from trayclock.domain.session import APPS, EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import audit, entries, mappings
from trayclock.store.db import StoreError, TransientStoreError, transaction

log = logging.getLogger(__name__)

HEARTBEAT_S = 30.0
GRACE_S = 60.0
PENDING_LIMIT = 10_000  # events kept in memory while the disk is full
DROPPED_KEPT = 100  # events set aside after a permanent failure, kept for a look
# Attach reasons in the audit trail: the second says "do not remember the partner".
ATTACHED = "attached"
ATTACHED_ONLY = "attached (partner not remembered)"
REFUSED_REASON = "session refused before it ran: an attempt, not billable"


# Ended by detection or by a crash: a session reported running again may continue it. An end
# set by hand (timer stopped, edited in review) or a discarded entry is never reopened.
_RESUMABLE = frozenset({EndReason.ENDED, EndReason.RECOVERED})


def _resumable(entry: Entry) -> bool:
    return entry.end_reason in _RESUMABLE and not entry.discarded and not entry.manual


def _is_open(session: RemoteSession) -> bool:
    return session.outcome is Outcome.OPEN and session.end is None


def _same_partner(a: Entry, b: Entry) -> bool:
    """The same remote partner: by ID when both know it, else by display name."""
    if a.partner_id and b.partner_id:
        return a.partner_id == b.partner_id
    return bool(a.partner_name and b.partner_name) and (
        str(a.partner_name).casefold() == str(b.partner_name).casefold()
    )


@dataclass(frozen=True, slots=True)
class _Reopened:
    """How an entry ended before a reconnect reopened it (restored if the retry is refused)."""

    end: datetime
    end_reason: EndReason | None


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
        # When the tracker last looked at the clock: only for noticing a clock jump, so it
        # moves on even when a write fails (a full disk is not a sleep).
        self._last_seen: datetime | None = None
        self._cut_due: datetime | None = None  # a clock jump seen whose cut is not saved yet
        self._pending: list[SessionEvent] = []
        self._dropped: list[SessionEvent] = []
        self._dropped_count = 0
        self._reopened: dict[str, _Reopened] = {}

    # --- reading -------------------------------------------------------------------------------

    def running(self) -> list[Entry]:
        return entries.running(self._conn)

    @property
    def pending_events(self) -> int:
        """Events waiting for disk space."""
        return len(self._pending)

    @property
    def dropped_events(self) -> list[SessionEvent]:
        """Queued events set aside because replaying them failed for good (the latest ones)."""
        return list(self._dropped)

    @property
    def dropped_count(self) -> int:
        """How many queued events were set aside since this tracker started."""
        return self._dropped_count

    # --- life cycle ----------------------------------------------------------------------------

    def recover(self) -> list[Entry]:
        """After a crash or kill: close detected entries at their last heartbeat; cut a timer
        silent for longer than the sleep gap (it keeps running as a new piece)."""
        now = self._clock.now()
        closed = []
        with transaction(self._conn):
            for entry in entries.running(self._conn):
                if entry.manual:
                    # A timer never heartbeated was started with no tray watching it (the
                    # `timer` command): nothing says when work paused, so it runs on untouched.
                    if entry.start < entry.heartbeat and now - entry.heartbeat > self.sleep_gap:
                        # The timer is the tech's claim that work goes on, but not through
                        # the downtime: it runs on from now, the downtime in no entry.
                        self._cut(entry, entry.heartbeat, now, EndReason.RECOVERED, "restart")
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
        self._last_seen = now
        return closed

    def _jumped(self, now: datetime) -> bool:
        """The wall clock jumped: forward past the sleep gap, or back by more than a beat."""
        last = self._last_seen
        if last is None:
            return False
        return now - last > self.sleep_gap or now < last - self.heartbeat

    def tick(self) -> list[Entry]:
        """Heartbeat the running entries; after a clock jump (sleep), cut them at the gap."""
        now = self._clock.now()
        self._replay_pending()
        if self._cut_due is None and self._jumped(now):
            log.info(
                "clock jumped from %s to %s (sleep?): cutting running entries", self._last_seen, now
            )
            self._cut_due = now
        self._last_seen = now
        try:
            if self._cut_due is not None:
                resumed = self._cut_at_sleep(self._cut_due, now)
                self._cut_due = None
            else:
                entries.heartbeat(self._conn, [e.uuid for e in entries.running(self._conn)], now)
                resumed = []
        except TransientStoreError as error:
            # An unsaved cut stays due (`_cut_due`) and is retried, never forgotten.
            log.warning("heartbeat not saved, retrying at the next tick: %s", error)
            return []
        return resumed

    def _cut_at_sleep(self, woke: datetime, now: datetime) -> list[Entry]:
        with transaction(self._conn):
            return [
                self._cut(entry, entry.heartbeat, woke, EndReason.SLEPT, "clock jump", now=now)
                for entry in entries.running(self._conn)
            ]

    def _cut(
        self,
        entry: Entry,
        end: datetime,
        resume: datetime,
        end_reason: EndReason,
        why: str,
        *,
        now: datetime | None = None,
    ) -> Entry:
        """Close `entry` at `end` and carry it on as a new running piece from `resume`."""
        now = now or resume
        self._reopened.pop(entry.uuid, None)
        entries.close(
            self._conn,
            entry.uuid,
            end,
            end_reason,
            now=now,
            reason=f"{why}: closed at last heartbeat",
        )
        return entries.continue_as_piece(
            self._conn,
            entry,
            resume,
            reason=f"resumed after {why} (continues {entry.uuid})",
            now=now,
        )

    # --- detected sessions ---------------------------------------------------------------------

    def handle(self, event: SessionEvent) -> Entry | None:
        """Apply one detection event; None when the store cannot take it now (queued)."""
        if self._cut_due is not None or self._jumped(self._clock.now()):
            self.tick()  # a sleep must be cut before this event touches the entry
        self._replay_pending()
        try:
            if self._pending:  # keep the order: never apply an END before its queued START
                raise TransientStoreError("earlier events are still waiting")
            if self._cut_due is not None:
                raise TransientStoreError("the cut at a clock jump is not saved yet")
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
            event = self._pending[0]
            try:
                self._apply(event)
            except TransientStoreError:
                return
            except Exception:
                # Not a passing condition: retrying would fail forever and hold every later
                # event back. Set it aside (visible as `dropped_events`) and go on.
                log.exception("%s event for %s set aside", event.kind, event.session.key)
                self._dropped_count += 1
                self._dropped = [*self._dropped, event][-DROPPED_KEPT:]
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
            elif (
                entry.end is not None
                and event.kind is not EventKind.ENDED
                and _is_open(session)
                and _resumable(entry)
            ):
                entry = self._resume(entry, now)
            before = entry
            entry = self._learn(entry, session, now)
            if entry.start < before.start or (entry.partner_id and not before.partner_id):
                entry = self._fold_recovered_duplicate(entry, now)
            if event.kind is EventKind.ENDED or not _is_open(session):
                entry = self._end(entry, session, event, now)
        return entry

    def _create(self, session: RemoteSession, now: datetime) -> Entry:
        entry = _session_entry(session, min(session.start, now), None, now)
        # A session that already ended (seen in the log after a restart) is closed in the
        # same transaction by `_end`: it is never stored running.
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
        return self._reopen(earlier, now, reason=f"reconnect within grace ({session.key})")

    def _reopen(self, entry: Entry, now: datetime, *, reason: str) -> Entry:
        assert entry.end is not None
        self._reopened[entry.uuid] = _Reopened(entry.end, entry.end_reason)
        return entries.reopen(self._conn, entry.uuid, now=now, reason=reason)

    def _resume(self, entry: Entry, now: datetime) -> Entry:
        """The session of an ended entry is reported running: continue it, or start a piece."""
        assert entry.end is not None
        if now - entry.end <= self.grace:
            return self._reopen(entry, now, reason="session still running")
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
        found_customer: int | None = None
        if partner_id:
            mapping = mappings.lookup(self._conn, session.app, partner_id)
            if mapping is not None:
                if entry.customer_id is None:
                    changes["customer_id"] = found_customer = mapping.customer_id
                if session.partner_name and session.partner_name != mapping.partner_name:
                    mappings.note_name(
                        self._conn, session.app, partner_id, session.partner_name, now=now
                    )
            elif entry.customer_id is not None and "partner_id" in changes:
                self._remember_late(entry, partner_id, session.partner_name, now)
        if not changes:
            return entry
        entry = entries.update(self._conn, entry.uuid, changes, reason="detected", now=now)
        if found_customer is not None:
            self._attach_earlier_pieces(entry, found_customer, now)
        return entry

    def _remember_late(
        self, entry: Entry, partner_id: str, partner_name: str | None, now: datetime
    ) -> None:
        """The entry was attached (remember asked) before its partner ID was known."""
        assert entry.customer_id is not None
        attaches = [r for r in audit.history(self._conn, entry.uuid) if r.field == "customer_id"]
        if attaches and attaches[-1].reason == ATTACHED:
            mappings.remember(
                self._conn,
                entry.source,
                partner_id,
                entry.customer_id,
                partner_name=partner_name or entry.partner_name,
                now=now,
            )

    def _attach_earlier_pieces(self, entry: Entry, customer_id: int, now: datetime) -> None:
        """One session, one customer: pieces cut before the partner was known get it too."""
        if entry.session_key is None:
            return
        for piece in entries.pieces_of_session(self._conn, entry.source, entry.session_key):
            if piece.uuid == entry.uuid or piece.customer_id is not None or piece.discarded:
                continue
            entries.update(
                self._conn,
                piece.uuid,
                {"customer_id": customer_id, "partner_id": piece.partner_id or entry.partner_id},
                reason=f"detected: same session as {entry.uuid}",
                now=now,
            )

    def _fold_recovered_duplicate(self, entry: Entry, now: datetime) -> Entry:
        """The same session recorded before a restart under another key (a window key is new
        after each start): once the log's start or the partner ID shows they are one session,
        the two entries are merged (the other discarded, audited), never counted twice."""
        for other in entries.ended_by_overlapping(
            self._conn, entry.source, EndReason.RECOVERED, entry.start, entry.end or now
        ):
            if other.uuid == entry.uuid or other.manual or not _same_partner(other, entry):
                continue
            if other.customer_id and entry.customer_id and other.customer_id != entry.customer_id:
                continue  # the tech said otherwise: leave both for review
            merged = entries.merge(self._conn, [entry.uuid, other.uuid], now=now)
            fill = {
                "partner_id": merged.partner_id or entry.partner_id,
                "partner_name": merged.partner_name or entry.partner_name,
                "heartbeat": max(merged.heartbeat, entry.heartbeat),
            }
            if merged.end is not None:
                fill["end_reason"] = entry.end_reason or merged.end_reason
            log.info("%s continues %s (one session across a restart)", merged.uuid, other.uuid)
            return entries.update(
                self._conn, merged.uuid, fill, reason="same session across a restart", now=now
            )
        return entry

    def _end(
        self, entry: Entry, session: RemoteSession, event: SessionEvent, now: datetime
    ) -> Entry:
        refused = session.outcome is Outcome.REFUSED
        reopened = self._reopened.pop(entry.uuid, None)
        if (
            refused
            and reopened is not None
            and entry.end is None
            and not entry.attempt
            # reopened for another session key, or it was a session that really ran
            and (entry.session_key != session.key or reopened.end_reason is EndReason.ENDED)
        ):
            return self._refused_retry(entry, reopened, session, event, now)
        if refused and not entry.attempt:
            entry = entries.update(
                self._conn,
                entry.uuid,
                {"attempt": True, "billable": False},
                reason=REFUSED_REASON,
                now=now,
            )
        end = min(session.end or event.at, max(now, entry.heartbeat))
        if entry.end is not None:
            if (
                entry.end_reason is EndReason.RECOVERED
                and not entry.discarded
                and session.end is not None
                and end > entry.end
            ):
                # Closed by recovery at the last heartbeat, but the log says the session went
                # on while trayclock was down: the log is authoritative about the end.
                return entries.update(
                    self._conn,
                    entry.uuid,
                    {"end": end, "heartbeat": max(entry.heartbeat, end)},
                    reason="the log says the session ended later (trayclock was down)",
                    now=now,
                )
            return entry
        if not self._first_piece(entry):
            why = self._remnant(entry, end)
            if why:
                entries.close(self._conn, entry.uuid, end, EndReason.ENDED, now=now)
                return entries.discard(self._conn, entry.uuid, now=now, reason=why)
        return entries.close(self._conn, entry.uuid, end, EndReason.ENDED, now=now)

    def _remnant(self, piece: Entry, end: datetime) -> str | None:
        """Why this later piece of a session is no work of its own, or None when it is."""
        if end <= piece.start:
            # This piece began after the session really ended (it ended during a sleep).
            return "session ended before this piece began"
        assert piece.session_key is not None
        slept = any(
            p.end_reason is EndReason.SLEPT and p.end is not None and p.end <= piece.start
            for p in entries.pieces_of_session(self._conn, piece.source, piece.session_key)
        )
        if slept and end - piece.start <= self.grace:
            # The session was over before the sleep; its close line came just after waking.
            return "after-sleep remnant: ended within the grace period of waking"
        return None

    def _refused_retry(
        self,
        entry: Entry,
        reopened: _Reopened,
        session: RemoteSession,
        event: SessionEvent,
        now: datetime,
    ) -> Entry:
        """A reconnect that was refused: the earlier, real session keeps its end, and the
        retry is its own visible, non-billable attempt."""
        entries.update(
            self._conn,
            entry.uuid,
            {"end": reopened.end, "end_reason": reopened.end_reason},
            reason=f"reconnect {session.key} was refused: previous end restored",
            now=now,
        )
        start = min(session.start, now)
        end = max(start, min(session.end or event.at, now))
        attempt = entries.insert(
            self._conn,
            _session_entry(session, start, end, end).with_changes(
                end_reason=EndReason.ENDED,
                partner_id=session.partner_id or entry.partner_id,
                partner_name=session.partner_name or entry.partner_name,
                customer_id=entry.customer_id,
                attempt=True,
                billable=False,
            ),
            reason=REFUSED_REASON,
            now=now,
        )
        entries.link_session(self._conn, session.app, session.key, attempt.uuid)
        return attempt

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
                self._conn,
                entry_uuid,
                {"customer_id": customer_id},
                reason=ATTACHED if remember else ATTACHED_ONLY,
                now=now,
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


def _session_entry(
    session: RemoteSession, start: datetime, end: datetime | None, heartbeat: datetime
) -> Entry:
    """A new entry for a detected session (running while `end` is None)."""
    return Entry(
        uuid=entries.new_uuid(),
        source=session.app,
        session_key=session.key,
        start=start,
        end=end,
        heartbeat=heartbeat,
        partner_id=session.partner_id,
        partner_name=session.partner_name,
    )


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
