"""The tracker's times: heartbeat, grace and sleep gap, and noticing when the computer slept
or the wall clock jumped — never taking a stall of our own process for either (issue 12)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from trayclock.domain.clock import Uptime
from trayclock.domain.pauses import PauseOrigin

log = logging.getLogger(__name__)

HEARTBEAT_S = 30.0
GRACE_S = 60.0


@dataclass(frozen=True, slots=True)
class Timing:
    """`heartbeat`: how often running entries are marked alive. `grace`: how long a session
    may be gone and still continue the same entry. `sleep_gap`: the shortest sleep (or
    forward wall-clock jump) cut out of the running entries as a pause, and the longest a
    timer may go without a heartbeat before a restart counts the silence as a pause (default
    two heartbeats)."""

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


class JumpKind(StrEnum):
    SLEEP = "sleep"  # the computer was suspended: a pause in every running entry
    FORWARD = "forward"  # the wall clock jumped ahead without a sleep: a pause too
    BACK = "back"  # the wall clock went back: running entries are cut (no pause runs back)


# The pause a forward jump leaves in the running entries.
PAUSE_ORIGIN = {JumpKind.SLEEP: PauseOrigin.SLEEP, JumpKind.FORWARD: PauseOrigin.CLOCK}
_PAUSED_WHY = {
    PauseOrigin.SLEEP: "the computer slept",
    PauseOrigin.CLOCK: "the wall clock jumped forward",
    PauseOrigin.RESTART: "trayclock was not running",
}


def pause_reason(origin: PauseOrigin) -> str:
    """The audit reason of a pause the tracker adds (who decided: the tracker)."""
    return f"pause added by the tracker: {_PAUSED_WHY[origin]}"


NO_TIME = timedelta(0)


@dataclass(frozen=True, slots=True)
class Jump:
    """A jump seen at `at` (the wall clock then): what kind, and for a sleep or a step forward
    how much wall-clock time it took that the computer did not run (`lost`)."""

    kind: JumpKind
    at: datetime
    lost: timedelta = NO_TIME


@dataclass(frozen=True, slots=True)
class _Look:
    wall: datetime
    uptime: Uptime


class ClockWatch:
    """Tells, between two looks at the clock, whether the computer slept, the wall clock
    jumped, or the time simply passed.

    The wall clock alone cannot tell: when our process stalls (a 90 s regex holding the GIL)
    the wall clock moves as far as in a sleep. The uptime can (`domain.clock.Uptime`): a
    sleep grows the asleep time; a stall moves the awake time as far as the wall clock; a
    wall-clock step moves the wall clock beyond both. So:
    - asleep grew by more than the sleep gap → SLEEP;
    - the wall clock fell behind awake + asleep by more than a heartbeat → BACK (an NTP/RTC
      step back);
    - the wall clock moved more than the sleep gap beyond awake + asleep → FORWARD;
    - anything else, however long, is time passing (a stall included): nothing is cut.
    A jump seen makes its handling due until `handled` says it is written.
    """

    def __init__(self, timing: Timing) -> None:
        self._timing = timing
        # The tracker's last look at the clock: only for noticing a jump, so it moves on even
        # when a write fails (a full disk is not a sleep).
        self._last: _Look | None = None
        self.due: Jump | None = None  # a jump seen whose handling is not saved yet

    def classify(self, now: datetime, uptime: Uptime) -> JumpKind | None:
        """What happened since the last look (None: time passed)."""
        last = self._last
        if last is None:
            return None
        slept = uptime.asleep - last.uptime.asleep
        ran = uptime.awake - last.uptime.awake
        moved = now - last.wall
        if slept > self._timing.sleep_gap:
            return JumpKind.SLEEP
        # Against the awake time, not zero: a step back during a stall of our own process
        # leaves the wall clock moving on, only less than the computer ran.
        if moved - ran - slept < -self._timing.heartbeat:
            return JumpKind.BACK
        if moved - ran - slept > self._timing.sleep_gap:
            return JumpKind.FORWARD
        return None

    def look(self, now: datetime, uptime: Uptime) -> Jump | None:
        """The tracker looks at the clock (a tick): a jump since the last look is due."""
        kind = self.classify(now, uptime)
        if self.due is None and kind is not None:
            last = self._last
            assert last is not None
            log.info(
                "%s between %s and %s (asleep %s): running entries %s",
                kind,
                last.wall,
                now,
                uptime.asleep - last.uptime.asleep,
                "cut" if kind is JumpKind.BACK else "paused",
            )
            slept = uptime.asleep - last.uptime.asleep
            ran = uptime.awake - last.uptime.awake
            # A sleep: the time asleep, exactly (the heartbeat before it and the tick after it
            # are late by up to a heartbeat, and more on a loaded machine); a step forward: the
            # wall clock's move beyond what the computer ran.
            lost = slept if kind is JumpKind.SLEEP else max(now - last.wall - ran - slept, NO_TIME)
            self.due = Jump(kind, now, lost)
        self._last = _Look(now, uptime)
        return self.due

    def started(self, now: datetime, uptime: Uptime) -> None:
        """The first look, at recovery: nothing before it counts as a jump."""
        self._last = _Look(now, uptime)

    def handled(self) -> None:
        self.due = None
