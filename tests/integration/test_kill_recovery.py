"""SIGKILL the real tracker mid-session, again and again: nothing lost, nothing duplicated.

Each round starts `tracker_child.py` (real store file, real tracker, system clock, 0.2 s
heartbeat), waits until it has reported its session, kills it with SIGKILL at a random
moment, and starts the next round. Some rounds report a new session (the killed one is
gone: the restart must close it at its last heartbeat); others report the same session
again (still running: the restart must continue the same entry). And a kill during a sleep:
the child frozen (SIGSTOP, as a suspend freezes every process), killed, and restarted with
its clock reporting the suspend — one entry, one pause over the sleep, billed once.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trayclock.domain.entry import EndReason
from trayclock.domain.pauses import PauseState
from trayclock.domain.pricing import price_range
from trayclock.store import customers, db, entries, mappings, settings

pytestmark = pytest.mark.integration

CHILD = Path(__file__).with_name("tracker_child.py")
REPO = Path(__file__).resolve().parents[2]
HEARTBEAT_S = 0.2
ROUNDS = 25
READY_DEADLINE_S = 15.0
SLEEP_S = 30 * 60  # the suspend the clock file reports after waking


def _spawn(database: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(database), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )


def _first_line(child: subprocess.Popen[str]) -> str:
    # readline blocks until the child prints; a deadline guards a child that died silently.
    assert child.stdout is not None
    started = time.monotonic()
    line = child.stdout.readline()
    if not line:
        _, err = child.communicate(timeout=READY_DEADLINE_S)
        pytest.fail(f"child exited with {child.returncode} before reporting: {err}")
    assert time.monotonic() - started < READY_DEADLINE_S
    return line.strip()


def test_sigkill_at_random_moments_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    database = tmp_path / "trayclock.sqlite3"
    rng = random.Random(os.environ.get("TRAYCLOCK_KILL_SEED", "issue-3"))
    last_kill: dict[str, datetime] = {}  # session key -> when its child was last killed
    last_beat: dict[str, datetime] = {}  # session key -> the last heartbeat a child committed
    ticks = 0  # heartbeats the children reported, over all rounds
    first_seen: dict[str, datetime] = {}
    uuid_of: dict[str, str] = {}
    key = "s0"
    for round_ in range(ROUNDS):
        if round_ > 0 and rng.random() < 0.6:
            key = f"s{round_}"  # the previous session is gone; a new one starts
        partner = str(100_000_000 + int(key[1:]))  # distinct: no reconnect merge
        before = datetime.now(UTC)
        child = _spawn(
            database, "--key", key, "--partner", partner, "--heartbeat", str(HEARTBEAT_S)
        )
        line = _first_line(child)
        assert line.startswith("running "), line
        uuid = line.split()[1]
        assert uuid_of.setdefault(key, uuid) == uuid, "a resumed session got a second entry"
        first_seen.setdefault(key, before)
        time.sleep(rng.uniform(0.0, 0.6))  # the random moment: mid-tick, mid-commit, idle
        last_kill[key] = datetime.now(UTC)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=READY_DEADLINE_S)
        assert child.returncode == -signal.SIGKILL
        beats = _beats(child)
        assert beats == sorted(set(beats)), f"{key}: a tick did not move the heartbeat: {beats}"
        ticks += max(0, len(beats) - 1)  # the first is the heartbeat it started with
        if beats:  # none when killed before its first report
            last_beat[key] = max(beats[-1], last_beat.get(key, beats[-1]))
        child.stderr.close()  # type: ignore[union-attr]
    assert ticks > 0, "no child lived to its first tick: the rounds proved nothing of heartbeats"

    final = _spawn(database, "--recover-only")
    assert _first_line(final) == "recovered"
    final.communicate(timeout=READY_DEADLINE_S)

    conn = db.connect(database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT session_key, COUNT(*) FROM entries GROUP BY session_key").fetchall()
    assert {row[0]: row[1] for row in rows} == {key: 1 for key in last_kill}, "lost or duplicated"
    for key, killed in last_kill.items():
        entry = entries.get(conn, uuid_of[key])
        assert entry is not None and entry.end is not None, key
        assert entry.end_reason is EndReason.RECOVERED
        assert first_seen[key] <= entry.start <= entry.end <= killed, key
        # Closed at the last heartbeat: none the child committed is lost (a kill between a
        # tick's commit and its report leaves the entry one heartbeat later, still <= killed).
        committed = last_beat.get(key, entry.start)
        assert entry.end >= committed, f"{key}: ended {committed - entry.end} early"
    assert entries.running(conn) == []
    conn.close()


def _beats(child: subprocess.Popen[str]) -> list[datetime]:
    """The heartbeats a killed child reported (whole lines only: it may die mid-line)."""
    assert child.stdout is not None
    lines = child.stdout.read().split("\n")[:-1]
    child.stdout.close()
    return [datetime.fromisoformat(line.split()[1]) for line in lines if line.startswith("beat ")]


def test_a_database_locked_by_a_killed_writer_opens_cleanly(tmp_path: Path) -> None:
    """A kill while a write transaction is open leaves a hot WAL; the next open recovers it."""
    database = tmp_path / "trayclock.sqlite3"
    db.connect(database).close()
    script = (
        "import sqlite3, sys, os, signal\n"
        f"c = sqlite3.connect({str(database)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute(\"INSERT INTO settings VALUES ('ui', '{}', 'x')\")\n"
        "print('locked', flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30
    )
    assert child.returncode == -signal.SIGKILL and child.stdout.strip() == "locked"
    conn = db.connect(database)
    # The uncommitted write is gone, the store is usable.
    assert conn.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0
    with db.transaction(conn):
        conn.execute("INSERT INTO settings VALUES ('ui', '{}', 'x')")
    assert isinstance(conn, sqlite3.Connection)
    conn.close()


def _heartbeat_of(database: Path, uuid: str) -> datetime:
    conn = db.connect(database)
    try:
        entry = entries.get(conn, uuid)
        assert entry is not None
        return entry.heartbeat
    finally:
        conn.close()


def _wait_for_heartbeats(database: Path, uuid: str, count: int) -> datetime:
    """The entry's heartbeat once it moved `count` times (a deadline, never a fixed wait)."""
    seen = {_heartbeat_of(database, uuid)}
    deadline = time.monotonic() + READY_DEADLINE_S
    while len(seen) <= count:
        assert time.monotonic() < deadline, "the child stopped heartbeating"
        seen.add(_heartbeat_of(database, uuid))
    return max(seen)


def test_a_sigkill_during_a_sleep_leaves_one_entry_with_one_pause(tmp_path: Path) -> None:
    """The laptop sleeps mid-session (the tray is frozen, as every process is in a suspend);
    the tray is killed while it sleeps. On restart after waking, the session is seen again:
    one entry, one pause over the sleep, billed once."""
    database = tmp_path / "trayclock.sqlite3"
    clock_file = tmp_path / "clock.json"
    clock_file.write_text(json.dumps({"slept_s": 0}))
    conn = db.connect(database)
    now = datetime.now(UTC)
    settings.set_policy(conn, {"increment_minutes": 1, "minimum_charge": "20.00"}, now=now)
    acme = customers.upsert(conn, "acme", "ACME", now=now)
    mappings.remember(conn, "anydesk", "123456789", acme.id, partner_name=None, now=now)
    conn.close()
    session = ("--key", "s1", "--partner", "123456789", "--heartbeat", str(HEARTBEAT_S))
    first = _spawn(database, *session, "--clock-file", str(clock_file))
    line = _first_line(first)
    assert line.startswith("running "), line
    uuid = line.split()[1]
    _wait_for_heartbeats(database, uuid, 3)

    os.kill(first.pid, signal.SIGSTOP)  # the computer suspends: the tray stops mid-tick
    fell_asleep = _heartbeat_of(database, uuid)
    clock_file.write_text(json.dumps({"slept_s": SLEEP_S}))  # asleep for half an hour …
    os.kill(first.pid, signal.SIGKILL)  # … and the tray is killed during the sleep
    first.wait(timeout=READY_DEADLINE_S)
    assert first.returncode == -signal.SIGKILL
    first.stdout.close()  # type: ignore[union-attr]
    first.stderr.close()  # type: ignore[union-attr]

    second = _spawn(database, *session, "--clock-file", str(clock_file))  # awake again
    assert _first_line(second) == f"running {uuid}", "the session after the sleep is a new entry"
    _wait_for_heartbeats(database, uuid, 3)
    os.kill(second.pid, signal.SIGKILL)
    second.communicate(timeout=READY_DEADLINE_S)
    final = _spawn(database, "--recover-only", "--clock-file", str(clock_file))
    assert _first_line(final) == "recovered"
    final.communicate(timeout=READY_DEADLINE_S)

    conn = db.connect(database)
    (entry,) = entries.in_range(
        conn,
        fell_asleep - timedelta(hours=1),
        fell_asleep + timedelta(hours=2),
        include_discarded=True,
    )
    assert entry.uuid == uuid and entry.end is not None
    (pause,) = entry.pauses
    assert pause.state is PauseState.ACCEPTED and pause.start == fell_asleep
    slept = timedelta(seconds=SLEEP_S)
    # From the last heartbeat before the sleep to the restart after it: the sleep, and the
    # moments the kill and the restart took.
    assert slept <= pause.end - pause.start <= slept + timedelta(seconds=READY_DEADLINE_S)
    worked = entry.worked(entry.end)
    assert timedelta(0) < worked < timedelta(seconds=2 * READY_DEADLINE_S)
    priced = (
        price_range([entry], customers.list_all(conn), settings.policy(conn), now=entry.end)
        .rows[0]
        .priced
    )
    assert priced is not None and priced.billed_minutes == 1  # one call of seconds: rounded once
    assert priced.codes().count("minimum_charge") == 1 and str(priced.amount) == "20.00"
    conn.close()
