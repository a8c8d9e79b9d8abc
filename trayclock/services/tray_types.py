"""What the tray and the prompt need from the rest of trayclock: one small interface, no Qt.

The widgets are built over `TrayPort` so a test can hand them a fake, and the real
application hands them `trayclock.services.tray.TrayService` (real store and tracker).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol

from trayclock.domain.entry import Customer, Entry
from trayclock.domain.overlap import (
    Span,
    counts_for_overlap,
    for_different_customers,
    overlap_pairs,
)
from trayclock.domain.session import SessionEvent
from trayclock.domain.sync_reason import SyncReason
from trayclock.services.pauses import Answer, Suggestion
from trayclock.services.store_events import StoreEvents

SYNC_OK = "ok"
SYNC_PENDING = "pending"
SYNC_FAILING = "failing"
SYNC_OFF = "off"  # no sync server (backend) configured
# A running entry is open at `now` itself: two sessions running now overlap, however new.
_OPEN_NOW = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A running entry with its customer (None while it waits for one)."""

    entry: Entry
    customer: Customer | None

    @property
    def waiting(self) -> bool:
        return self.customer is None and not self.entry.attempt


@dataclass(frozen=True, slots=True)
class SyncHealth:
    """Sync as the tray shows it: `state` one of SYNC_*, how many entries wait to be sent,
    and why it is paused (`problem`: store.sync_backends.Problem's value; `reason`: what the
    last failure was, trayclock.domain.sync_reason, worded by the UI)."""

    state: str = SYNC_OFF
    pending: int = 0
    reason: SyncReason | None = None
    kind: str = ""  # "tryton", "kimai", "webhook"
    problem: str | None = None
    failed: int = 0  # entries the backend refused
    conflicts: int = 0  # entries changed there too: a person decides
    last_success_at: datetime | None = None
    retry_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TraySnapshot:
    """Everything the tray shows, read in one go so the menu, tooltip and icon agree."""

    now: datetime
    running: tuple[SessionRow, ...] = ()
    unattached: tuple[SessionRow, ...] = ()  # ended, still without a customer: not forgotten
    today: timedelta = timedelta(0)
    sync: SyncHealth = field(default_factory=SyncHealth)
    detection_paused: bool = False
    concurrency: str = "bill_each"
    # Idle stretches suggested as pauses, not answered yet (oldest first): the tray asks.
    suggestions: tuple[Suggestion, ...] = ()
    zone: tzinfo = UTC  # the company's: whose calendar day "today" is, the times it shows

    def row(self, uuid: str) -> SessionRow | None:
        rows = (*self.running, *self.unattached)
        return next((row for row in rows if row.entry.uuid == uuid), None)


@dataclass(frozen=True, slots=True)
class CustomerChoice:
    """A customer picked in the prompt: an existing one (`customer_id`) or a new `name`."""

    customer_id: int | None
    name: str


@dataclass(frozen=True, slots=True)
class AttachRequest:
    entry_uuid: str
    customer: CustomerChoice
    ticket: str | None = None
    notes: str = ""
    billable: bool = True
    remember_partner: bool = True


class TrayPort(Protocol):
    """Reads and commands of the tray. All calls run on the GUI thread (see ui.doorway)."""

    # Where its writes are announced, and where the tray hears of the review's.
    events: StoreEvents

    def snapshot(self) -> TraySnapshot: ...

    def handle(self, event: SessionEvent) -> None:
        """A detection event, delivered on the GUI thread."""

    def heartbeat(self) -> None: ...

    def suggest_customers(self, entry_uuid: str | None, text: str, limit: int) -> list[Customer]:
        """Customers matching `text`, recent and likely (for that entry's partner) first."""

    def attach(self, request: AttachRequest) -> Entry: ...

    def set_notes(self, entry_uuid: str, notes: str) -> None: ...

    def set_ticket(self, entry_uuid: str, ticket: str | None) -> None: ...

    def set_billable(self, entry_uuid: str, billable: bool) -> None: ...

    def stop(self, entry_uuid: str) -> None: ...

    def start_timer(self, customer_id: int | None) -> Entry: ...

    def sync_now(self) -> None: ...

    def set_detection_paused(self, paused: bool) -> None: ...

    def answer_suggestion(self, pause_id: int, answer: Answer) -> None:
        """Keep, pause or split at an idle suggestion (`services.pauses`), audited as the
        technician's decision in the tray; StoreError when it is no longer a suggestion."""


def overlapping_pairs(
    snapshot: TraySnapshot, *, distinct_customers_only: bool
) -> list[tuple[SessionRow, SessionRow]]:
    """Pairs of running, attached entries that count for overlaps (older first): all of them
    run at this moment, so every two share time (domain.overlap, the one definition)."""
    rows = {
        row.entry.uuid: row
        for row in snapshot.running
        if row.customer is not None and counts_for_overlap(row.entry)
    }
    spans = [
        Span(uuid, row.entry.start, max(snapshot.now, row.entry.start) + _OPEN_NOW, row.customer.id)
        for uuid, row in rows.items()
        if row.customer is not None
    ]
    return [
        (rows[a.key], rows[b.key])
        for a, b in overlap_pairs(spans)
        if not distinct_customers_only or for_different_customers(a.customer, b.customer)
    ]
