"""The tray's port implemented over the real store and tracker (one SQLite connection, GUI thread).

This is the one place that knows how the tray's wishes map onto `trayclock.tracker` and
`trayclock.store`: the widgets only know `TrayBackend`.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from trayclock.domain.clock import Clock
from trayclock.domain.entry import Customer, EndReason, Entry, PartnerMapping
from trayclock.domain.session import SessionEvent
from trayclock.store import customers, entries, mappings, settings
from trayclock.store.db import transaction
from trayclock.tracker import Tracker
from trayclock.ui.ports import AttachRequest, SessionRow, SyncHealth, TraySnapshot

log = logging.getLogger(__name__)

RECENT_WINDOW = timedelta(days=30)  # how far back "recent customers" look
UNATTACHED_WINDOW = timedelta(
    days=7
)  # ended sessions without a customer stay in the tray this long


def customer_key(name: str, taken: Callable[[str], bool]) -> str:
    """A billing key from a display name: lower-case ASCII words joined by '-', made unique."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "customer"
    key, n = base, 2
    while taken(key):
        key, n = f"{base}-{n}", n + 1
    return key


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


class StoreBackend:
    """TrayBackend over a Tracker and its connection. Call from the GUI thread only."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        tracker: Tracker,
        clock: Clock,
        *,
        local_tz: tzinfo | None = None,
        sync_health: Callable[[], SyncHealth] | None = None,
        sync_now: Callable[[], None] | None = None,
        on_detection_paused: Callable[[bool], None] | None = None,
    ) -> None:
        self.conn = conn
        self.tracker = tracker
        self.clock = clock
        self.local_tz = local_tz
        self._sync_health = sync_health
        self._sync_now = sync_now
        self._on_detection_paused = on_detection_paused
        self.detection_paused = False

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
        return TraySnapshot(
            now=now,
            running=rows,
            unattached=unattached,
            today=self.today_total(now),
            sync=self._sync_health() if self._sync_health else SyncHealth(),
            detection_paused=self.detection_paused,
            concurrency=str(policy.get("concurrency", "bill_each")),
        )

    def _customer(
        self, customer_id: int | None, cache: dict[int, Customer | None]
    ) -> Customer | None:
        if customer_id is None:
            return None
        if customer_id not in cache:
            cache[customer_id] = customers.get(self.conn, customer_id)
        return cache[customer_id]

    def today_total(self, now: datetime) -> timedelta:
        """Worked time today (local calendar day), attempts and discarded entries left out."""
        local_now = now.astimezone(self.local_tz)
        total = timedelta(0)
        for entry in entries.of_day(self.conn, local_now.date(), local_now.tzinfo or now.tzinfo):
            if entry.attempt:
                continue
            total += max(timedelta(0), entry.duration(now))
        return total

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
            and entries.linked_entry(self.conn, event.session.app, event.session.key) is None
        ):
            # Paused: new sessions are not recorded; ones already recorded still end properly.
            return
        self.tracker.handle(event)

    def heartbeat(self) -> None:
        self.tracker.tick()

    # -- commands
    def attach(self, request: AttachRequest) -> Entry:
        now = self.clock.now()
        with transaction(self.conn):
            customer_id = request.customer.customer_id
            if customer_id is None:
                name = request.customer.name.strip()
                existing = customers.find(self.conn, name)
                if existing is not None:
                    customer_id = existing.id
                else:
                    key = customer_key(name, lambda k: customers.by_key(self.conn, k) is not None)
                    customer_id = customers.upsert(self.conn, key, name, now=now).id
            self.tracker.attach(request.entry_uuid, customer_id, remember=request.remember_partner)
            entry = entries.edit(
                self.conn,
                request.entry_uuid,
                {"ticket": request.ticket, "notes": request.notes, "billable": request.billable},
                now=now,
                reason="attach prompt",
            )
            for piece in self._other_pieces(entry):
                self.tracker.attach(piece.uuid, customer_id, remember=False)
        return entry

    def _other_pieces(self, entry: Entry) -> list[Entry]:
        """Unattached pieces of the same session (cut at a sleep): one session, one customer."""
        if entry.session_key is None:
            return []
        nearby = entries.in_range(
            self.conn, entry.start - UNATTACHED_WINDOW, entry.start + UNATTACHED_WINDOW
        )
        return [
            e
            for e in nearby
            if e.uuid != entry.uuid
            and e.customer_id is None
            and (e.source, e.session_key) == (entry.source, entry.session_key)
        ]

    def set_notes(self, entry_uuid: str, notes: str) -> None:
        entries.edit(self.conn, entry_uuid, {"notes": notes}, now=self.clock.now(), reason="tray")

    def set_ticket(self, entry_uuid: str, ticket: str | None) -> None:
        entries.edit(self.conn, entry_uuid, {"ticket": ticket}, now=self.clock.now(), reason="tray")

    def set_billable(self, entry_uuid: str, billable: bool) -> None:
        entries.edit(
            self.conn, entry_uuid, {"billable": billable}, now=self.clock.now(), reason="tray"
        )

    def stop(self, entry_uuid: str) -> None:
        entry = entries.get(self.conn, entry_uuid)
        if entry is None or entry.end is not None:
            return
        if entry.manual:
            self.tracker.stop_manual(entry_uuid)
            return
        # A detected session the tech says is over (e.g. left open for lunch): end the entry now.
        now = self.clock.now()
        entries.close(
            self.conn, entry_uuid, now, EndReason.MANUAL, now=now, reason="stopped from the tray"
        )

    def start_timer(self, customer_id: int | None) -> Entry:
        return self.tracker.start_manual(customer_id=customer_id)

    def sync_now(self) -> None:
        if self._sync_now is not None:
            self._sync_now()

    def set_detection_paused(self, paused: bool) -> None:
        self.detection_paused = paused
        if self._on_detection_paused is not None:
            self._on_detection_paused(paused)


class CustomerBook:
    """The customers window's reads and changes (GUI thread, the tray's connection)."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock

    def customers(self) -> list[Customer]:
        return customers.list_all(self.conn)

    def partners(self, customer_id: int) -> list[PartnerMapping]:
        return [m for m in mappings.list_all(self.conn) if m.customer_id == customer_id]

    def add(self, name: str) -> Customer:
        name = name.strip()
        if not name:
            raise ValueError("a customer needs a name")
        if customers.find(self.conn, name) is not None:
            raise ValueError(f"there is already a customer named {name!r}")
        key = customer_key(name, lambda k: customers.by_key(self.conn, k) is not None)
        return customers.upsert(self.conn, key, name, now=self.clock.now())

    def rename(self, customer_id: int, name: str) -> Customer:
        """A new display name; the billing key (and so every entry's link) stays."""
        current = customers.get(self.conn, customer_id)
        if current is None:
            raise ValueError(f"no customer {customer_id}")
        if not name.strip():
            raise ValueError("a customer needs a name")
        return customers.upsert(
            self.conn,
            current.key,
            name.strip(),
            now=self.clock.now(),
            external_ids=current.external_ids,
            policy=current.policy,
            contract=current.contract,
        )

    def archive(self, customer_id: int) -> None:
        customers.archive(self.conn, customer_id, now=self.clock.now())

    def forget(self, app: str, partner_id: str) -> None:
        mappings.forget(self.conn, app, partner_id)
