"""What detection tells the tracker: one remote session, and the events of its life.

This is the contract between `trayclock.detect` (which produces it) and `trayclock.tracker`
(which turns it into entries). Times are aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

APPS = ("teamviewer", "anydesk", "rustdesk")


class Outcome(StrEnum):
    OPEN = "open"  # still running
    COMPLETED = "completed"  # ran and ended
    REFUSED = "refused"  # closed before the session really ran: an attempt, never billable time


class EventKind(StrEnum):
    STARTED = "started"
    UPDATED = "updated"
    ENDED = "ended"


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class RemoteSession:
    """One outgoing remote session as detection knows it at a moment.

    `key` is the session's stable identity: it never changes between the events of one
    session (TeamViewer's GUID when that is all we know, otherwise derived from the first
    source that saw it). `partner_id` is digits only (grouped IDs are joined), or the peer
    address for RustDesk; None while only an alias is known.
    """

    app: str
    key: str
    partner_id: str | None
    partner_name: str | None
    start: datetime
    end: datetime | None
    outcome: Outcome

    def __post_init__(self) -> None:
        if self.app not in APPS:
            raise ValueError(f"unknown remote app {self.app!r}")
        if self.start.tzinfo is None or (self.end is not None and self.end.tzinfo is None):
            raise ValueError("session times must be timezone-aware")

    def with_changes(self, **changes: Any) -> RemoteSession:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The session object of `trayclock detect` (ISO 8601 UTC, `end` null while open)."""
        return {
            "app": self.app,
            "partner_id": self.partner_id,
            "partner_name": self.partner_name,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "key": self.key,
            "outcome": str(self.outcome),
        }


@dataclass(frozen=True, slots=True)
class SessionEvent:
    """started / updated / ended, as emitted by the monitor; `at` is when it was observed."""

    kind: EventKind
    session: RemoteSession
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"event": str(self.kind), "at": _iso(self.at), "session": self.session.to_json()}
