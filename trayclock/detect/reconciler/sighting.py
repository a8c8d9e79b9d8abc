"""What the monitor hands the reconciler besides log sessions: window sightings and line times."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

# When the logs last showed a line of a log session (by its key); None: no log knows.
LastLineAt = Callable[[str], datetime | None]

# (app, window id, partner label): one session's window, see `WindowSighting.identity`.
WindowIdentity = tuple[str, int, str]


@dataclass(frozen=True, slots=True)
class WindowSighting:
    """A window that the app's rule calls an outgoing session window, seen in this poll."""

    app: str
    handle: int
    partner_id: str | None
    partner_name: str | None
    title: str = ""

    @property
    def identity(self) -> WindowIdentity:
        # A tabbed window (RustDesk) shows one partner at a time: a title naming another
        # partner is another session's sighting, not a rename of this one.
        label = self.partner_id or (self.partner_name or "").casefold()
        return (self.app, self.handle, label)
