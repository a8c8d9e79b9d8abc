"""The tray's service: its read model and commands over the real store and tracker (no Qt).

This is the one place that knows how the tray's wishes map onto `trayclock.tracker` and
`trayclock.store`: the widgets only know `TrayPort` (`services.tray_types`). One SQLite
connection, used from the GUI thread only.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from trayclock.domain.clock import Clock
from trayclock.domain.entry import Customer, EndReason, Entry
from trayclock.domain.session import SessionEvent
from trayclock.services.pauses import Answer, Pauses
from trayclock.services.store_events import StoreEvents
from trayclock.services.sync import SyncStatus
from trayclock.services.tray_types import (
    SYNC_FAILING,
    SYNC_OK,
    SYNC_PENDING,
    AttachRequest,
    SessionRow,
    SyncHealth,
    TraySnapshot,
)
from trayclock.services.zones import company_zone
from trayclock.store import customers, entries, mappings, pause_rows, session_links, settings
from trayclock.store.db import transaction
from trayclock.store.sync_backends import Problem
from trayclock.tracker import Tracker

log = logging.getLogger(__name__)

RECENT_WINDOW = timedelta(days=30)  # how far back "recent customers" look
UNATTACHED_WINDOW = timedelta(
    days=7
)  # ended sessions without a customer stay in the tray this long
TRAY_DECIDER = "technician (tray)"  # who decided, in the audit trail, for answers given here


def match_rank(customer: Customer, text: str) -> int | None:
    """0 name starts with it, 1 a word starts with it, 2 contains it; None: no match."""
    if not text:
        return 0
    needle = text.casefold()
    name = customer.name.casefold()
    if name.startswith(needle) or customer.key.startswith(needle):
        return 0
    if any(word.startswith(needle) for word in re.split(r"[\s\-_.,&/]+", name)):
        return 1
    if needle in name:
        return 2
    return None


# Problems that need the technician (a password, the settings, the keyring unlocked): the
# icon says "sync problem". A backend out of reach or asking to slow down only waits.
NEEDS_A_PERSON = frozenset({Problem.NEEDS_PASSWORD, Problem.SETTINGS, Problem.KEYRING})


def sync_health(status: SyncStatus) -> SyncHealth:
    """The tray's sync state from services/sync.py's status: failing when something waits
    for the technician (a paused login, refused entries, conflicts), pending while entries
    wait to be sent, ok when nothing does; off without a backend."""
    if status.configured is None:
        return SyncHealth()
    if status.problem in NEEDS_A_PERSON or status.failed or status.conflicts:
        state = SYNC_FAILING
    elif status.waiting:
        state = SYNC_PENDING
    else:
        state = SYNC_OK
    return SyncHealth(
        state,
        status.waiting,
        status.problem_reason,
        kind=status.kind or "",
        problem=None if status.problem is None else str(status.problem),
        failed=status.failed,
        conflicts=status.conflicts,
        last_success_at=status.last_success_at,
        retry_at=status.retry_at,
    )


class TrayService:
    """TrayPort over a Tracker and its connection. Call from the GUI thread only.

    `zone` decides which calendar day "today" is; None: the company zone of the stored policy
    (read at each snapshot, so a changed setting moves it), the same day the review window
    opens on, whatever zone the computer is set to.

    Every write it makes is announced on `events` (see `services.store_events`): an open
    review window follows it; the heartbeat announces only that running times moved.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        tracker: Tracker,
        clock: Clock,
        *,
        zone: tzinfo | None = None,
        sync_health: Callable[[], SyncHealth] | None = None,
        sync_now: Callable[[], None] | None = None,
        on_detection_paused: Callable[[bool], None] | None = None,
        events: StoreEvents | None = None,
    ) -> None:
        self.conn = conn
        self.events = events if events is not None else StoreEvents()
        self.tracker = tracker
        self.clock = clock
        self._zone = zone
        self._sync_health = sync_health
        self._sync_now = sync_now
        self._on_detection_paused = on_detection_paused
        self.detection_paused = False
        self.pauses = Pauses(conn, clock)

    # -- reads
    def snapshot(self) -> TraySnapshot:
        now = self.clock.now()
        cache: dict[int, Customer | None] = {}
        rows = tuple(
            SessionRow(entry, self._customer(entry.customer_id, cache))
            for entry in self.tracker.running()
        )
        window = entries.in_range(self.conn, now - UNATTACHED_WINDOW, now + timedelta(days=1))
        unattached = tuple(
            SessionRow(entry, None)
            for entry in window
            if entry.end is not None and entry.customer_id is None and not entry.attempt
        )
        policy = settings.policy(self.conn)
        zone = self._zone if self._zone is not None else company_zone(policy)
        return TraySnapshot(
            now=now,
            running=rows,
            unattached=unattached,
            today=self.today_total(now, zone),
            sync=self._sync_health() if self._sync_health else SyncHealth(),
            detection_paused=self.detection_paused,
            concurrency=str(policy.get("concurrency", "bill_each")),
            suggestions=tuple(self.pauses.suggestions()),
            zone=zone,
        )

    def _customer(
        self, customer_id: int | None, cache: dict[int, Customer | None]
    ) -> Customer | None:
        if customer_id is None:
            return None
        if customer_id not in cache:
            cache[customer_id] = customers.get(self.conn, customer_id)
        return cache[customer_id]

    def zone(self) -> tzinfo:
        """The zone whose calendar day is "today" (see the class docstring)."""
        return self._zone if self._zone is not None else company_zone(settings.policy(self.conn))

    def today_total(self, now: datetime, zone: tzinfo | None = None) -> timedelta:
        """Worked time on `now`'s calendar day in `zone` (default: `self.zone()`), running
        entries up to `now`, attempts and discarded entries left out: what the totals of the
        one pricing path count as worked (`Entry.counted_work`), summed over customers; no
        price, so the tray never loads the billing engine for it."""
        zone = zone if zone is not None else self.zone()
        day = entries.of_day(self.conn, now.astimezone(zone).date(), zone)
        return sum((entry.counted_work(now) for entry in day), timedelta(0))

    def suggest_customers(self, entry_uuid: str | None, text: str, limit: int) -> list[Customer]:
        """Matching customers: best text match, then likely for the partner, then most recent."""
        entry = entries.get(self.conn, entry_uuid) if entry_uuid else None
        now = self.clock.now()
        last_seen: dict[int, datetime] = {}
        for recent in entries.in_range(self.conn, now - RECENT_WINDOW, now + timedelta(days=1)):
            if recent.customer_id is not None:
                last_seen[recent.customer_id] = max(
                    recent.start, last_seen.get(recent.customer_id, recent.start)
                )
        likely = self._likely(entry)
        ranked = []
        for customer in customers.list_all(self.conn):
            rank = match_rank(customer, text.strip())
            if rank is None:
                continue
            seen = last_seen.get(customer.id)
            ranked.append(
                (
                    rank,
                    customer.id not in likely,
                    seen is None,
                    -(seen.timestamp() if seen else 0),
                    customer.name.casefold(),
                    customer,
                )
            )
        ranked.sort(key=lambda item: item[:5])
        return [item[5] for item in ranked[:limit]]

    def _likely(self, entry: Entry | None) -> set[int]:
        """Customers the partner points at: the same ID mapped in another app, or a name match."""
        if entry is None:
            return set()
        found: set[int] = set()
        if entry.partner_id:
            found |= {
                m.customer_id
                for m in mappings.list_all(self.conn)
                if m.partner_id == entry.partner_id
            }
        if entry.partner_name:
            words = {w for w in re.split(r"\W+", entry.partner_name.casefold()) if len(w) > 2}
            for customer in customers.list_all(self.conn):
                if words & set(re.split(r"\W+", customer.name.casefold())):
                    found.add(customer.id)
        return found

    # -- detection
    def handle(self, event: SessionEvent) -> None:
        if (
            self.detection_paused
            and session_links.linked_entry(self.conn, event.session.app, event.session.key) is None
        ):
            # Paused: new sessions are not recorded; ones already recorded still end properly.
            return
        try:
            self.tracker.handle(event)
        finally:
            self.events.data_changed(self)

    def heartbeat(self) -> None:
        """The tracker's heartbeat; announced as "running times moved" unless it did more
        (cut entries at a sleep, replayed events that waited for disk space, suggested an
        idle stretch as a pause: a new pause row)."""
        before = {e.uuid for e in self.tracker.running()}
        pending = self.tracker.pending_events
        newest_pause = pause_rows.newest_id(self.conn)
        try:
            resumed = self.tracker.tick()
        except Exception:
            self.events.data_changed(self)
            raise
        after = {e.uuid for e in self.tracker.running()}
        changed = pending != self.tracker.pending_events
        if resumed or before != after or changed or newest_pause != pause_rows.newest_id(self.conn):
            self.events.data_changed(self)
        else:
            self.events.running_times_moved(self)

    # -- commands
    def attach(self, request: AttachRequest) -> Entry:
        now = self.clock.now()
        with transaction(self.conn):
            customer_id = request.customer.customer_id
            if customer_id is None:
                # Here, not at start-up: the customers service brings the CSV importer along.
                from trayclock.services.customers import find_or_create

                customer_id = find_or_create(self.conn, request.customer.name, now=now).id
            self.tracker.attach(request.entry_uuid, customer_id, remember=request.remember_partner)
            entry = entries.edit(
                self.conn,
                request.entry_uuid,
                {"ticket": request.ticket, "notes": request.notes, "billable": request.billable},
                now=now,
                reason="attach prompt",
            )
        self.events.data_changed(self)
        return entry

    def set_notes(self, entry_uuid: str, notes: str) -> None:
        self._edit(entry_uuid, {"notes": notes})

    def set_ticket(self, entry_uuid: str, ticket: str | None) -> None:
        self._edit(entry_uuid, {"ticket": ticket})

    def set_billable(self, entry_uuid: str, billable: bool) -> None:
        self._edit(entry_uuid, {"billable": billable})

    def _edit(self, entry_uuid: str, changes: dict[str, object]) -> None:
        entries.edit(self.conn, entry_uuid, changes, now=self.clock.now(), reason="tray")
        self.events.data_changed(self)

    def stop(self, entry_uuid: str) -> None:
        entry = entries.get(self.conn, entry_uuid)
        if entry is None or entry.end is not None:
            return
        if entry.manual:
            self.tracker.stop_manual(entry_uuid)
        else:
            # A detected session the tech says is over (e.g. left open for lunch): end it now.
            now = self.clock.now()
            entries.close(
                self.conn,
                entry_uuid,
                now,
                EndReason.MANUAL,
                now=now,
                reason="stopped from the tray",
            )
        self.events.data_changed(self)

    def start_timer(self, customer_id: int | None) -> Entry:
        entry = self.tracker.start_manual(customer_id=customer_id)
        self.events.data_changed(self)
        return entry

    def sync_now(self) -> None:
        if self._sync_now is not None:
            self._sync_now()

    def answer_suggestion(self, pause_id: int, answer: Answer) -> None:
        try:
            self.pauses.answer(pause_id, answer, by=TRAY_DECIDER)
        finally:
            self.events.data_changed(self)

    def set_detection_paused(self, paused: bool) -> None:
        self.detection_paused = paused
        if self._on_detection_paused is not None:
            self._on_detection_paused(paused)
