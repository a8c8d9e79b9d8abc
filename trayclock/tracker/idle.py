"""Idle time as suggested pauses (issue 11, item 6): the desktop's input idle time, read on
the heartbeat (no polling of its own), becomes idle stretches, and each stretch a suggested
pause on the detected sessions it lay in.

A stretch starts at the last input (`now − idle`) once the idle time passes the threshold,
and ends at the next input seen: a later reading whose last input is later. Readings come
once a heartbeat, so the end is the last input before that heartbeat (at most one heartbeat
late; the start is exact). Last inputs are compared on the awake clock, as the desktop
counts its idle time (X11: the server's monotonic time): the wall clock's slewing over an
hour of idle never looks like input, and a sleep (neither clock counts it) never does
either.

Only detected sessions get suggestions: a manual timer is the technician's own claim, and
the usual one — a phone call — has no keyboard input at all.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from trayclock.domain.entry import Entry
from trayclock.domain.session import APPS
from trayclock.store import pauses
from trayclock.store.db import transaction

log = logging.getLogger(__name__)

IDLE_THRESHOLD_S = 600.0  # ten minutes without input while a session runs: ask
# A later last input by less than this is the same input read twice (the reading and the
# clock are not taken at the same instant); input resets the idle time to about zero.
INPUT_JITTER = timedelta(seconds=1)


class IdleReader(Protocol):
    """What the tracker needs of an idle source (`trayclock.detect.signals.idle_source`)."""

    def idle_seconds(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class Stretch:
    """No input from `start` (the last input) to `end` (input again)."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start


class IdleWatch:
    """Idle readings → finished idle stretches longer than the threshold."""

    def __init__(self, threshold: timedelta) -> None:
        self.threshold = threshold
        self._since: tuple[datetime, timedelta] | None = None  # last input: (wall, awake)

    @property
    def idle_since(self) -> datetime | None:
        """When the stretch going on now began (None: no input missing that long)."""
        return self._since[0] if self._since is not None else None

    def look(self, now: datetime, awake: timedelta, idle_s: float | None) -> Stretch | None:
        """One reading (`idle_s` None: unknown now — the stretch stays as it is). A stretch
        that ended since the last reading, or None."""
        if idle_s is None or not idle_s >= 0:
            return None
        idle = timedelta(seconds=idle_s)
        last_wall, last_awake = now - idle, awake - idle
        done = None
        if self._since is not None and last_awake - self._since[1] > INPUT_JITTER:
            done = Stretch(self._since[0], last_wall)
            self._since = None
        if self._since is None and idle >= self.threshold:
            self._since = (last_wall, last_awake)
        return done


def reason(stretch: Stretch) -> str:
    """The audit reason of an idle suggestion (who: idle detection)."""
    minutes = int(stretch.length.total_seconds() // 60)
    return f"suggested by idle detection: no keyboard or mouse input for {minutes} min"


def wants_suggestions(entry: Entry) -> bool:
    """A detected, billable session (not a refused attempt, not discarded)."""
    return entry.source in APPS and entry.billable and not entry.attempt and not entry.discarded


def suggest(
    conn: sqlite3.Connection, stretch: Stretch, minimum: timedelta, now: datetime
) -> list[Entry]:
    """The stretch suggested as a pause on every detected session it lay in (the part of it
    each one ran, when that lasts at least `minimum`); the entries that got one."""
    touched = []
    with transaction(conn):
        for entry in pauses.sessions_during(conn, stretch.start, stretch.end):
            if not wants_suggestions(entry):
                continue
            found = pauses.suggest(
                conn,
                entry.uuid,
                stretch.start,
                stretch.end,
                minimum=minimum,
                reason=reason(stretch),
                now=now,
            )
            if found is not None:
                touched.append(found)
    if touched:
        log.info(
            "idle %s from %s: suggested a pause on %d session(s)",
            stretch.length,
            stretch.start,
            len(touched),
        )
    return touched
