"""Child process for the kill-recovery test: the real store and tracker on the system clock.

    python tests/integration/tracker_child.py DB --key K --partner P [--heartbeat S]
    python tests/integration/tracker_child.py DB --recover-only

Recovers what a previous (killed) run left, reports the session K as started, prints
`running <uuid>` and heartbeats until it is killed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from trayclock.clock import SystemClock
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import db
from trayclock.tracker import Tracker

# A stall of the test machine must not look like a sleep here: sleeps have their own tests.
SLEEP_GAP_S = 30.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--key")
    parser.add_argument("--partner")
    parser.add_argument("--heartbeat", type=float, default=0.2)
    parser.add_argument("--recover-only", action="store_true")
    args = parser.parse_args()

    clock = SystemClock()
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
    # Fixed-rate ticks (no drift), so the last heartbeat is never more than one interval old.
    next_tick = time.monotonic()
    while True:
        next_tick += args.heartbeat
        time.sleep(max(0.0, next_tick - time.monotonic()))
        tracker.tick()


if __name__ == "__main__":
    sys.exit(main())
