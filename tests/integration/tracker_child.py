"""Child process for the kill-recovery test: the real store and tracker on the system clock.

    python tests/integration/tracker_child.py DB --key K --partner P [--heartbeat S]
                                                 [--clock-file F]
    python tests/integration/tracker_child.py DB --recover-only [--clock-file F]

Recovers what a previous (killed) run left, reports the session K as started, prints
`running <uuid>` and heartbeats until it is killed; `beat <ISO time>` is the entry's stored
heartbeat, printed once at the start and again after every tick has committed its own.

`--clock-file F`: the system clock shifted by what F says (JSON `{"slept_s": N}`, read at
every look): the wall clock N seconds ahead and N seconds more asleep — how the computer's
clocks look after a suspend of N seconds, which a test cannot really make.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from trayclock.clock import SystemClock
from trayclock.domain.clock import Clock, Uptime
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import db, entries
from trayclock.tracker import Tracker

# A stall of the test machine must not look like a sleep here: sleeps have their own tests.
SLEEP_GAP_S = 30.0


class SleptClock:
    """The system clock after the suspends a file says happened."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._real = SystemClock()

    def _slept(self) -> timedelta:
        return timedelta(seconds=float(json.loads(self._path.read_text())["slept_s"]))

    def now(self) -> datetime:
        return self._real.now() + self._slept()

    def uptime(self) -> Uptime:
        real = self._real.uptime()
        return Uptime(real.awake, real.asleep + self._slept())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--key")
    parser.add_argument("--partner")
    parser.add_argument("--heartbeat", type=float, default=0.2)
    parser.add_argument("--recover-only", action="store_true")
    parser.add_argument("--clock-file", type=Path)
    args = parser.parse_args()

    clock: Clock = SleptClock(args.clock_file) if args.clock_file else SystemClock()
    conn = db.connect(args.db)
    tracker = Tracker(conn, clock, heartbeat_s=args.heartbeat, sleep_gap_s=SLEEP_GAP_S)
    tracker.recover()
    if args.recover_only:
        print("recovered", flush=True)
        return 0
    session = RemoteSession(
        app="anydesk",
        key=args.key,
        partner_id=args.partner,
        partner_name=f"Partner {args.partner}",
        start=clock.now(),
        end=None,
        outcome=Outcome.OPEN,
    )
    entry = tracker.handle(SessionEvent(EventKind.STARTED, session, clock.now()))
    assert entry is not None
    print(f"running {entry.uuid}", flush=True)
    print_heartbeat(conn, entry.uuid)
    # Fixed-rate ticks (no drift), so the last heartbeat is never more than one interval old.
    next_tick = time.monotonic()
    while True:
        next_tick += args.heartbeat
        time.sleep(max(0.0, next_tick - time.monotonic()))
        tracker.tick()
        print_heartbeat(conn, entry.uuid)


def print_heartbeat(conn: sqlite3.Connection, uuid: str) -> None:
    """The heartbeat the store holds now: committed, whatever a kill does next."""
    stored = entries.get(conn, uuid)
    assert stored is not None
    print(f"beat {stored.heartbeat.isoformat()}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
