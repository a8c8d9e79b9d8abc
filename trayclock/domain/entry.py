"""What the store keeps about work: entries, customers, partner mappings (pure dataclasses),
and how an entry changes when it is closed, reopened, carried on as a new piece or merged.

Times are aware UTC datetimes. An entry with `end is None` is running. Nothing here does
I/O or reads the clock: the store and the tracker build and persist these values (the
tracker decides on them before the store writes them, so both use these functions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

MANUAL_SOURCE = "manual"
IMPORT_SOURCE = "import"


class SyncState(StrEnum):
    """Where an entry stands with the backend; the outbox moves it forward."""

    LOCAL = "local"  # not sent yet
    QUEUED = "queued"  # in the outbox
    SYNCED = "synced"  # the backend has this version
    CHANGED = "changed"  # edited after it was synced: must be sent again
    FAILED = "failed"  # the backend refused it; see the outbox for why
    CONFLICT = "conflict"  # changed on the backend too: a person keeps theirs or ours
    INVOICED = "invoiced"  # the backend invoiced it: its billed fields are locked


class EndReason(StrEnum):
    """Why a piece of work ended: kept so a disputed line can be explained months later."""

    ENDED = "ended"  # the session ended (detection said so) or the timer was stopped
    RECOVERED = "recovered"  # the tracker died; closed at its last heartbeat
    SLEPT = "slept"  # the computer slept; closed at the last heartbeat before the gap
    MANUAL = "manual"  # set by hand (added after the fact, edited, imported)


@dataclass(frozen=True, slots=True)
class Customer:
    """Someone who pays. `key` is the billing key (the JSON `customers` key of billing-rules.md).

    `policy` holds per-customer overrides of the company policy and `contract` the optional
    contract, both exactly as billing-rules.md spells them. `external_ids` maps a backend
    name (`tryton`, `kimai` …) to the customer's id there.
    """

    id: int
    key: str
    name: str
    external_ids: dict[str, str] = field(default_factory=dict)
    policy: dict[str, Any] = field(default_factory=dict)
    contract: dict[str, Any] | None = None
    archived: bool = False


@dataclass(frozen=True, slots=True)
class PartnerMapping:
    """A remote app's partner ID known to belong to a customer (the partner's last seen name)."""

    app: str
    partner_id: str
    customer_id: int
    partner_name: str | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of work: a detected session (or a piece of it), a manual timer, an import.

    `source` is the remote app (`teamviewer`, `anydesk`, `rustdesk`), `manual` or `import`.
    `attempt` marks a refused session (`Outcome.REFUSED`): kept visible, never billable.
    `overlap` is set while the entry runs at the same time as another customer's (or an
    unattached) billable entry. `discarded` is a soft delete: the row stays, recoverable.
    """

    uuid: str
    source: str
    start: datetime
    end: datetime | None
    heartbeat: datetime
    partner_id: str | None = None
    partner_name: str | None = None
    session_key: str | None = None
    customer_id: int | None = None
    ticket: str | None = None
    notes: str = ""
    billable: bool = True
    approved: bool = False
    reviewed: bool = False
    attempt: bool = False
    overlap: bool = False
    discarded: bool = False
    sync_state: SyncState = SyncState.LOCAL
    end_reason: EndReason | None = None

    @property
    def running(self) -> bool:
        return self.end is None

    @property
    def manual(self) -> bool:
        return self.source == MANUAL_SOURCE

    def duration(self, now: datetime) -> timedelta:
        """Length so far: up to `end`, or up to `now` while running."""
        return (self.end or now) - self.start

    def with_changes(self, **changes: Any) -> Entry:
        return replace(self, **changes)


# Fields a person (review window, CLI, import) may change; every change is audited.
EDITABLE_FIELDS = frozenset(
    {
        "start",
        "end",
        "customer_id",
        "ticket",
        "notes",
        "billable",
        "approved",
        "reviewed",
        "partner_name",
    }
)


def closing(entry: Entry, end: datetime, end_reason: EndReason) -> dict[str, Any]:
    """The changes that end `entry` at `end`: never before its start, and its heartbeat never
    moved back."""
    end = max(end, entry.start)
    return {"end": end, "end_reason": end_reason, "heartbeat": max(entry.heartbeat, end)}


def reopening(now: datetime) -> dict[str, Any]:
    """The changes that make an ended entry run again from `now` (its heartbeat)."""
    return {"end": None, "end_reason": None, "heartbeat": now}


def next_piece(entry: Entry, uuid: str, start: datetime) -> Entry:
    """A new running entry carrying `entry` on from `start` (same customer, partner, notes).
    Review state starts afresh: it is new time."""
    return entry.with_changes(
        uuid=uuid,
        start=start,
        end=None,
        end_reason=None,
        heartbeat=start,
        overlap=False,
        approved=False,
        reviewed=False,
        sync_state=SyncState.LOCAL,
    )


@dataclass(frozen=True, slots=True)
class Merge:
    """Entries folded into the earliest (`keep`, changed by `changes`); `others` are discarded."""

    keep: Entry
    others: tuple[Entry, ...]
    changes: dict[str, Any]


def merging(entries: Sequence[Entry]) -> Merge:
    """Fold entries into the earliest one: span = earliest start → latest end (running if any
    runs), notes joined, the one customer kept. ValueError for entries of different customers."""
    ordered = sorted({e.uuid: e for e in entries}.values(), key=lambda e: (e.start, e.uuid))
    if len(ordered) < 2:
        raise ValueError("merge needs at least two different entries")
    customers = {e.customer_id for e in ordered if e.customer_id is not None}
    if len(customers) > 1:
        raise ValueError("cannot merge entries of different customers")
    ends = [e.end for e in ordered if e.end is not None]
    end = max(ends) if len(ends) == len(ordered) else None
    changes: dict[str, Any] = {
        "end": end,
        "notes": "\n".join(dict.fromkeys(e.notes for e in ordered if e.notes)),
    }
    if end is None:
        changes["end_reason"] = None
    if customers:
        changes["customer_id"] = customers.pop()
    return Merge(ordered[0], tuple(ordered[1:]), changes)
