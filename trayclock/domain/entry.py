"""What the store keeps about work: entries, customers, partner mappings (pure dataclasses).

Times are aware UTC datetimes. An entry with `end is None` is running. Nothing here does
I/O or reads the clock: the store and the tracker build and persist these values.
"""

from __future__ import annotations

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


def intervals_overlap(
    a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime
) -> bool:
    """Half-open intervals [start, end) share some time."""
    return a_start < b_end and b_start < a_end
