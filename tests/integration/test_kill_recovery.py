"""SIGKILL the real tracker mid-session, again and again: nothing lost, nothing duplicated.

Each round starts `tracker_child.py` (real store file, real tracker, system clock, 0.2 s
heartbeat), waits until it has reported its session, kills it with SIGKILL at a random
moment, and starts the next round. Some rounds report a new session (the killed one is
gone: the restart must close it at its last heartbeat); others report the same session
again (still running: the restart must continue the same entry).
"""

from __future__ import annotations

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
from trayclock.store import db, entries

pytestmark = pytest.mark.integration

CHILD = Path(__file__).with_name("tracker_child.py")
REPO = Path(__file__).resolve().parents[2]
HEARTBEAT_S = 0.2
ROUNDS = 25
# A heartbeat is written by a tick that itself takes a few ms (an fsync); on a loaded 2-core
# VM the child can also be scheduled late. This slack is the scheduler's, not the store's.
SCHEDULING_SLACK_S = 0.15
READY_DEADLINE_S = 15.0


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
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]

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
        assert killed - entry.end <= timedelta(seconds=HEARTBEAT_S + SCHEDULING_SLACK_S), (
            f"{key}: ended {killed - entry.end} before the kill"
        )
    assert entries.running(conn) == []
    conn.close()


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
