"""Random lives of sessions (starts, updates, ends, ticks, sleeps, stalls, crashes) against
invariants: nothing lost, nothing counted twice, one session one entry (a sleep or a crash
is a pause, never a second piece), no time asleep ever in an entry's worked time."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import Entry
from trayclock.domain.overlap import Span, worked_pieces
from trayclock.domain.pauses import accepted_spans
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import db, entries, session_links
from trayclock.tracker import Tracker

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
HEARTBEAT = timedelta(seconds=30)
SESSIONS = 3

Step = tuple[str, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(
            ["start", "update", "end", "tick", "tick", "tick", "sleep", "stall", "crash"]
        ),
        st.integers(0, SESSIONS - 1),
    ),
    min_size=1,
    max_size=40,
)


def _run(script: list[Step], folder: Path) -> None:
    conn = db.connect(folder / "t.sqlite3")
    clock = ManualClock(T0)
    tracker = Tracker(conn, clock, heartbeat_s=HEARTBEAT.total_seconds(), grace_s=60)
    tracker.recover()
    alive: dict[int, RemoteSession] = {}
    seen: set[str] = set()
    asleep: list[tuple[datetime, datetime]] = []
    ended_gone: list[str] = []

    def send(kind: EventKind, s: RemoteSession) -> None:
        tracker.handle(SessionEvent(kind, s, clock.now()))

    for action, number in script:
        key = f"s{number}-{len(seen)}" if number not in alive else alive[number].key
        if action == "start" and number not in alive:
            alive[number] = RemoteSession(
                "anydesk", key, f"10000000{number}", None, clock.now(), None, Outcome.OPEN
            )
            seen.add(key)
            send(EventKind.STARTED, alive[number])
        elif action == "update" and number in alive:
            send(EventKind.UPDATED, alive[number].with_changes(partner_name=f"name {number}"))
        elif action == "end" and number in alive:
            s = alive.pop(number)
            send(EventKind.ENDED, s.with_changes(end=clock.now(), outcome=Outcome.COMPLETED))
            ended_gone.append(s.key)
        elif action == "tick":
            clock.advance(HEARTBEAT)
            tracker.tick()
        elif action == "sleep":
            fell_asleep = clock.now()
            clock.sleep(timedelta(hours=2))
            asleep.append((fell_asleep, clock.now()))
            tracker.tick()
        elif action == "stall":  # our process froze: every session ran on, all of it billed
            clock.stall(timedelta(seconds=95))
            tracker.tick()
        elif action == "crash":
            clock.advance(HEARTBEAT / 2)
            tracker = Tracker(conn, clock, heartbeat_s=HEARTBEAT.total_seconds(), grace_s=60)
            tracker.recover()
            for s in alive.values():  # detection reports what still runs after the restart
                send(EventKind.STARTED, s)
    for s in list(alive.values()):
        clock.advance(HEARTBEAT)
        tracker.tick()
        send(EventKind.ENDED, s.with_changes(end=clock.now(), outcome=Outcome.COMPLETED))

    stored = [e for e in entries.in_range(conn, T0, clock.now() + HEARTBEAT) if not e.discarded]
    by_key: dict[str, list[Entry]] = {}
    for entry in stored:
        assert entry.session_key is not None
        by_key.setdefault(entry.session_key, []).append(entry)
    for key in seen:  # a reconnect within grace may fold a key into an earlier entry
        linked = session_links.linked_entry(conn, "anydesk", key)
        assert linked is not None and entries.get(conn, linked) is not None, f"{key} lost"
    for key, pieces in by_key.items():
        pieces.sort(key=lambda e: e.start)
        for earlier, later in itertools.pairwise(pieces):
            assert earlier.end is not None and earlier.end <= later.start, f"{key} counted twice"
        assert len(pieces) == 1, f"{key}: one session became {len(pieces)} entries"
    for entry in stored:
        assert entry.end is not None, "still running after every session ended"
        assert entry.start <= entry.end <= clock.now()
        worked = worked_pieces(
            Span(entry.uuid, entry.start, entry.end, None, accepted_spans(entry.pauses))
        )
        for slept, woke in asleep:
            assert not any(low < woke and slept < high for low, high in worked), (
                "time asleep was billed"
            )
    conn.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=steps)
def test_random_session_lives_keep_every_invariant(script: list[Step]) -> None:
    with TemporaryDirectory() as folder:
        _run(script, Path(folder))
