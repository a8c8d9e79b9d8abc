"""Tracker benchmark: one detected session's STARTED (event → stored entry) and its ENDED,
in process, on a real store file holding 1,000 or 100,000 entries of history.

    .venv/bin/python bench/bench_tracker.py [--history 1000 100000] [--sessions 60]
                                            [--paused-every N]

The history (written with `entries.insert_many`, like an import) spans the two years before
the measured sessions: detected AnyDesk/TeamViewer/RustDesk sessions and timers, 40
customers, 2,000 partner IDs of which 400 are mapped to a customer, all ended (with
`--paused-every N`, every Nth with a sleep in it: a pause over its middle third). Then
`--sessions` new sessions start one after another (half of them of a mapped partner, so the
customer is attached at once), the tracker ticking every heartbeat as the tray does; each
STARTED and its ENDED ten minutes later are timed with `time.perf_counter()` around
`Tracker.handle` — the whole transaction, its fsync (`synchronous=FULL`) included. A
second, untimed pass counts the SQL statements each event runs
(`sqlite3.Connection.set_trace_callback`).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import customers, db, entries, mappings
from trayclock.tracker import HEARTBEAT_S, Tracker

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # the first measured session starts here
HISTORY_DAYS = 730
CUSTOMERS = 40
PARTNERS = 2_000
MAPPED = 400
APPS = ("anydesk", "teamviewer", "rustdesk")
BEAT = timedelta(seconds=HEARTBEAT_S)
SESSION = timedelta(minutes=10)


def partner(number: int) -> str:
    return str(100_000_000 + number)


def fill(
    conn: sqlite3.Connection, count: int, rng: random.Random, paused_every: int = 0
) -> list[int]:
    """`count` ended entries in the two years before T0 (every `paused_every`th with a pause
    over its middle third); returns the customer ids."""
    ids = [
        customers.upsert(conn, f"c{n:02d}", f"Customer {n}", now=T0).id for n in range(CUSTOMERS)
    ]
    for number in range(MAPPED):
        mappings.remember(
            conn,
            APPS[number % 3],
            partner(number),
            ids[number % CUSTOMERS],
            partner_name=None,
            now=T0,
        )
    history = []
    for number in range(count):
        start = (
            T0
            - timedelta(days=HISTORY_DAYS)
            + timedelta(seconds=rng.randrange(HISTORY_DAYS * 86_400 - 4 * 3600))
        )
        end = start + timedelta(minutes=rng.choice([3, 8, 14, 22, 35, 50, 75, 110]))
        manual = number % 10 == 0
        who = rng.randrange(PARTNERS)
        third = (end - start) / 3
        slept = (
            (EntryPause(start + third, end - third, PauseState.ACCEPTED, PauseOrigin.SLEEP),)
            if paused_every and number % paused_every == 0
            else ()
        )
        history.append(
            Entry(
                uuid=entries.new_uuid(),
                source="manual" if manual else APPS[who % 3],
                session_key=None if manual else f"hist-{number}",
                start=start,
                end=end,
                heartbeat=end,
                end_reason=EndReason.MANUAL if manual else EndReason.ENDED,
                partner_id=None if manual else partner(who),
                customer_id=ids[rng.randrange(CUSTOMERS)] if rng.random() < 0.9 else None,
                pauses=slept,
            )
        )
    entries.insert_many(conn, history, reason="bench history", now=T0)
    return ids


def sessions(count: int, rng: random.Random) -> list[RemoteSession]:
    made = []
    for number in range(count):
        # even: a mapped partner (customer attached at once); odd: a partner never seen
        who = rng.randrange(MAPPED) if number % 2 == 0 else PARTNERS + number
        app = APPS[who % 3] if number % 2 == 0 else APPS[number % 3]
        start = T0 + number * (SESSION + 2 * BEAT)
        made.append(
            RemoteSession(app, f"bench-{number}", partner(who), None, start, None, Outcome.OPEN)
        )
    return made


def tick_until(tracker: Tracker, clock: ManualClock, until: datetime) -> None:
    """Heartbeat every HEARTBEAT_S up to `until`, as the tray does (no gap looks like a sleep)."""
    while clock.now() + BEAT <= until:
        clock.advance(BEAT)
        tracker.tick()
    clock.advance(until - clock.now())


class Recorder:
    """Times each event (wall and CPU seconds) or, with `conn`, counts its SQL statements."""

    def __init__(self, conn: sqlite3.Connection | None = None) -> None:
        self.wall: dict[EventKind, list[float]] = {}
        self.cpu: dict[EventKind, list[float]] = {}
        self.statements: dict[EventKind, list[int]] = {}
        self._seen: list[str] = []
        if conn is not None:
            conn.set_trace_callback(self._seen.append)

    def __call__(self, tracker: Tracker, event: SessionEvent) -> Entry | None:
        self._seen.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        entry = tracker.handle(event)
        self.wall.setdefault(event.kind, []).append(time.perf_counter() - wall)
        self.cpu.setdefault(event.kind, []).append(time.process_time() - cpu)
        self.statements.setdefault(event.kind, []).append(len(self._seen))
        return entry


def run(
    conn: sqlite3.Connection, clock: ManualClock, todo: list[RemoteSession], record: Recorder
) -> None:
    clock.set(todo[0].start)
    tracker = Tracker(conn, clock)
    tracker.recover()
    for session in todo:
        tick_until(tracker, clock, session.start)
        entry = record(tracker, SessionEvent(EventKind.STARTED, session, clock.now()))
        assert entry is not None and entry.running and entry.start == session.start
        tick_until(tracker, clock, session.start + SESSION)
        done = session.with_changes(end=clock.now(), outcome=Outcome.COMPLETED)
        ended = record(tracker, SessionEvent(EventKind.ENDED, done, clock.now()))
        assert ended is not None and ended.uuid == entry.uuid and ended.end == done.end
        assert not ended.discarded


def measure(history: int, count: int, folder: Path, paused_every: int) -> None:
    rng = random.Random(7)
    conn = db.connect(folder / f"h{history}.sqlite3")
    began = time.perf_counter()
    fill(conn, history, rng, paused_every)
    built = time.perf_counter() - began
    clock = ManualClock(T0)
    timed = Recorder()
    run(conn, clock, sessions(count, rng), timed)
    counted = Recorder(conn)
    later = [
        s.with_changes(key=f"again-{s.key}", start=s.start + timedelta(days=30))
        for s in sessions(10, rng)
    ]
    run(conn, clock, later, counted)
    conn.set_trace_callback(None)
    conn.close()
    paused = f", one in {paused_every} paused" if paused_every else ""
    print(f"history {history:,} entries{paused} (written in {built:.1f} s):")
    for kind in (EventKind.STARTED, EventKind.ENDED):
        wall = [s * 1000 for s in timed.wall[kind]]
        cpu = [s * 1000 for s in timed.cpu[kind]]
        print(
            f"  {kind:<8} wall median {statistics.median(wall):6.2f} ms"
            f"  p95 {statistics.quantiles(wall, n=20)[-1]:6.2f}  max {max(wall):6.2f}"
            f"  | CPU median {statistics.median(cpu):6.2f} ms"
            f"  | SQL statements {statistics.median(counted.statements[kind]):.0f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--history", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--paused-every", type=int, default=0, metavar="N")
    options = parser.parse_args()
    print(
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs,"
        f" load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        for history in options.history:
            measure(history, options.sessions, Path(scratch), options.paused_every)
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
