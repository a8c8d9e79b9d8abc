"""What the store keeps about work: entries, customers, partner mappings (pure dataclasses),
and how an entry changes when it is closed, reopened, carried on as a new piece or merged.

An entry carries its pauses (`trayclock.domain.pauses`: the rules for them); every change
of its span here keeps them inside it (`fitted`).

Times are aware UTC datetimes. An entry with `end is None` is running. Nothing here does
I/O or reads the clock: the store and the tracker build and persist these values (the
tracker decides on them before the store writes them, so both use these functions).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from trayclock.domain.pauses import EntryPause, PauseOrigin, combined, ending_pause, fit
from trayclock.domain.pauses import paused as paused_time

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
    # the computer slept and the session did not come back (or the clock stepped back):
    # closed at the last heartbeat before the gap
    SLEPT = "slept"
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


def customers_by_id(
    customers: Iterable[Customer] | Mapping[int, Customer],
) -> Mapping[int, Customer]:
    """The customers by id (a mapping already is one)."""
    if isinstance(customers, Mapping):
        return customers
    return {c.id: c for c in customers}


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
    `pauses`: its pauses, accepted, suggested and rejected, in order (`domain.pauses`).
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
    pauses: tuple[EntryPause, ...] = ()

    @property
    def running(self) -> bool:
        return self.end is None

    @property
    def manual(self) -> bool:
        return self.source == MANUAL_SOURCE

    def duration(self, now: datetime) -> timedelta:
        """Length so far: up to `end`, or up to `now` while running."""
        return (self.end or now) - self.start

    def paused(self, now: datetime) -> timedelta:
        """How long its accepted pauses last (so far, while running)."""
        return paused_time(self.pauses, None if self.end is not None else now)

    def worked(self, now: datetime) -> timedelta:
        """Its length less its accepted pauses."""
        return self.duration(now) - self.paused(now)

    def counted_work(self, now: datetime) -> timedelta:
        """The worked time every total counts it for: `worked` (up to `now` while running,
        never below zero); a refused attempt is no work, and a discarded entry counts for none."""
        if self.attempt or self.discarded:
            return timedelta(0)
        return max(timedelta(0), self.worked(now))

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


def fitted(entry: Entry) -> Entry:
    """The entry with its pauses trimmed to its span (after a change of start or end)."""
    pauses = fit(entry.pauses, entry.start, entry.end)
    return entry if pauses == entry.pauses else replace(entry, pauses=pauses)


# How an entry reported ended within the grace period after an interruption of trayclock's
# watch ended: the session did not come back.
_ENDED_IN = {
    PauseOrigin.SLEEP: EndReason.SLEPT,
    PauseOrigin.CLOCK: EndReason.SLEPT,
    PauseOrigin.RESTART: EndReason.RECOVERED,
}


def closing(
    entry: Entry,
    end: datetime,
    end_reason: EndReason,
    *,
    after_interruption: timedelta | None = None,
) -> dict[str, Any]:
    """The changes that end `entry` at `end`: never before its start, and its heartbeat never
    moved back. An end inside an accepted pause is moved to the pause's start (a trailing
    pause is no work) and the pause goes.

    `after_interruption` (the grace period; for an end detection reported): an end inside a
    sleep's or a restart's pause, or within this long after it, means the session did not
    come back — it ends at the last heartbeat before the interruption (`SLEPT`,
    `RECOVERED`)."""
    end = max(end, entry.start)
    within = ending_pause(entry.pauses, end, after_interruption)
    if within is not None and after_interruption is not None:
        end_reason = _ENDED_IN.get(within.origin, end_reason)
    while within is not None:  # a pause touching the one it ended in trails the work too
        end = within.start
        within = ending_pause(entry.pauses, end)
    changes: dict[str, Any] = {
        "end": end,
        "end_reason": end_reason,
        "heartbeat": max(entry.heartbeat, end),
    }
    pauses = fit(entry.pauses, entry.start, end)
    if pauses != entry.pauses:
        changes["pauses"] = pauses
    return changes


def reopening(now: datetime) -> dict[str, Any]:
    """The changes that make an ended entry run again from `now` (its heartbeat)."""
    return {"end": None, "end_reason": None, "heartbeat": now}


def next_piece(entry: Entry, uuid: str, start: datetime) -> Entry:
    """A new running entry carrying `entry` on from `start` (same customer, partner, notes).
    Review state starts afresh: it is new time, with no pauses yet."""
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
        pauses=(),
    )


@dataclass(frozen=True, slots=True)
class Merge:
    """Entries folded into the earliest (`keep`, changed by `changes`); `others` are discarded."""

    keep: Entry
    others: tuple[Entry, ...]
    changes: dict[str, Any]


def merging(entries: Sequence[Entry], *, join: bool = False) -> Merge:
    """Fold entries into the earliest one: span = earliest start → latest end (running if any
    runs), notes joined, the one customer kept. ValueError for entries of different customers.

    Pauses (`domain.pauses.combined`): the time none of them worked stays paused; with
    `join` the gaps between them become pauses too (one call, a pause between its pieces),
    else they become worked time."""
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
    pauses = combined([(e.start, e.end, e.pauses) for e in ordered], join=join)
    keep = ordered[0]
    own_rejected = tuple(p for p in keep.pauses if not p.live)
    changes["pauses"] = fit((*pauses, *own_rejected), keep.start, end)
    return Merge(keep, tuple(ordered[1:]), changes)
