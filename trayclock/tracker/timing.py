"""The tracker's times: heartbeat, grace and sleep gap, and noticing when the wall clock jumps."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

log = logging.getLogger(__name__)

HEARTBEAT_S = 30.0
GRACE_S = 60.0


@dataclass(frozen=True, slots=True)
class Timing:
    """`heartbeat`: how often running entries are marked alive. `grace`: how long a session
    may be gone and still continue the same entry. `sleep_gap`: a longer silence between two
    looks at the clock is a sleep (default two heartbeats)."""

    heartbeat: timedelta
    grace: timedelta
    sleep_gap: timedelta

    @classmethod
    def of(cls, heartbeat_s: float, grace_s: float, sleep_gap_s: float | None = None) -> Timing:
        if heartbeat_s <= 0 or grace_s < 0:
            raise ValueError("heartbeat_s must be positive and grace_s not negative")
        return cls(
            timedelta(seconds=heartbeat_s),
            timedelta(seconds=grace_s),
            timedelta(seconds=sleep_gap_s if sleep_gap_s else 2 * heartbeat_s),
        )


class ClockWatch:
    """Notices a wall-clock jump between two looks at the clock: forward past the sleep gap
    (a sleep), or back by more than a heartbeat (an NTP/RTC step). A jump seen makes a cut
    due at that moment until `cut_saved` says it is written."""

    def __init__(self, timing: Timing) -> None:
        self._timing = timing
        # When the tracker last looked at the clock: only for noticing a jump, so it moves
        # on even when a write fails (a full disk is not a sleep).
        self._last_seen: datetime | None = None
        self.cut_due: datetime | None = None  # a jump seen whose cut is not saved yet

    def jumped(self, now: datetime) -> bool:
        last = self._last_seen
        if last is None:
            return False
        return now - last > self._timing.sleep_gap or now < last - self._timing.heartbeat

    def look(self, now: datetime) -> None:
        """The tracker looks at the clock (a tick): a jump since the last look makes a cut due."""
        if self.cut_due is None and self.jumped(now):
            log.info(
                "clock jumped from %s to %s (sleep?): cutting running entries", self._last_seen, now
            )
            self.cut_due = now
        self._last_seen = now

    def started(self, now: datetime) -> None:
        """The first look, at recovery: nothing before it counts as a jump."""
        self._last_seen = now

    def cut_saved(self) -> None:
        self.cut_due = None
