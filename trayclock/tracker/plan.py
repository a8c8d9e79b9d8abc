"""What the rules decided for one event: typed write steps, applied in order in one transaction
(`trayclock.tracker.write`), and what the tracker remembers afterwards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trayclock.domain.entry import EndReason, Entry


@dataclass(frozen=True, slots=True)
class Reopened:
    """How an entry ended before a reconnect reopened it (restored if the retry is refused).

    Kept in the tracker's memory, not the store: a restart between the reconnect and the
    refusal falls back to treating the refusal as the reopened entry's own."""

    end: datetime
    end_reason: EndReason | None


@dataclass(frozen=True, slots=True)
class Insert:
    """Write a new entry."""

    entry: Entry
    reason: str


@dataclass(frozen=True, slots=True)
class Change:
    """Change fields of a stored entry (each one that differs is audited with `reason`)."""

    uuid: str
    changes: Mapping[str, Any]
    reason: str


@dataclass(frozen=True, slots=True)
class ContinueAsPiece:
    """A new running piece `piece_uuid` carries `entry` on from `start`; its sessions feed it."""

    entry: Entry
    piece_uuid: str
    start: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class Merge:
    """Fold these entries into the earliest (`trayclock.domain.entry.merging`)."""

    uuids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """The detected session `(app, session_key)` feeds `uuid` from now on."""

    app: str
    session_key: str
    uuid: str


@dataclass(frozen=True, slots=True)
class RememberPartner:
    """Map the partner to the customer from now on."""

    app: str
    partner_id: str
    customer_id: int
    partner_name: str | None


@dataclass(frozen=True, slots=True)
class NotePartnerName:
    """Keep the mapped partner's last known display name."""

    app: str
    partner_id: str
    partner_name: str


Step = Insert | Change | ContinueAsPiece | Merge | Link | RememberPartner | NotePartnerName


@dataclass(frozen=True, slots=True)
class Plan:
    """The steps, the entry the event touched (`result`), and how the tracker's memory of
    reopened entries changes once they are written (None: forget that entry)."""

    steps: tuple[Step, ...]
    result: str
    reopened: Mapping[str, Reopened | None]
