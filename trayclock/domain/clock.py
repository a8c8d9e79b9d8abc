"""The clock as a parameter: the domain and the tracker never read the time themselves.

A clock tells two things: the wall-clock time (`now`), and how long the computer has been
running and suspended (`uptime`). The second is what tells a sleep from a stall of our own
process (issue 12): when the process freezes (a long regex on the GUI thread) the wall clock
and the awake time advance together; when the computer sleeps the wall clock jumps while
the awake time stands still and the suspended time grows by the sleep.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple, Protocol


class Uptime(NamedTuple):
    """Two running totals, each from an origin fixed for the life of the process: `awake`
    grows only while the computer runs (CLOCK_MONOTONIC on Linux), `asleep` only while it is
    suspended (CLOCK_BOOTTIME − CLOCK_MONOTONIC). Only their changes mean anything."""

    awake: timedelta
    asleep: timedelta


class Clock(Protocol):
    """Anything that tells the current time as an aware UTC datetime, and the uptime."""

    def now(self) -> datetime: ...

    def uptime(self) -> Uptime: ...


class ManualClock:
    """A clock that moves only when told to: for tests and simulations.

    `advance` (or `stall`): time passes with the computer running — the wall clock and the
    awake time move together (a stall of our process looks exactly like this). `sleep`: the
    computer is suspended — the wall clock and the asleep time move, the awake time does not.
    `step` / `set`: the wall clock alone is set (NTP, the user), the computer's times stay.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._awake = timedelta(0)
        self._asleep = timedelta(0)

    def now(self) -> datetime:
        return self._now

    def uptime(self) -> Uptime:
        return Uptime(self._awake, self._asleep)

    def advance(self, delta: timedelta) -> None:
        """`delta` passes with the computer running (a negative one is a `step` back)."""
        self._now += delta
        if delta > timedelta(0):
            self._awake += delta

    def stall(self, delta: timedelta) -> None:
        """Our process froze for `delta` while the computer ran on (a long regex …)."""
        self.advance(delta)

    def sleep(self, delta: timedelta) -> None:
        """The computer was suspended for `delta` (the lid closed)."""
        if delta < timedelta(0):
            raise ValueError("a sleep lasts a while")
        self._now += delta
        self._asleep += delta

    def step(self, delta: timedelta) -> None:
        """The wall clock alone jumps by `delta` (an NTP step; negative: back)."""
        self._now += delta

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)
