"""`trayclock sync` as a real child process, SIGKILLed at random moments while it sends,
started again until a run completes: shared by tests/tryton/test_sync_kill.py (a small
count) and bench/bench_sync.py (1,000 entries).

A kill lands either early (a random moment in the first half second: start-up, the login,
the marker search) or while lines are being recorded (the parent watches the store's
outbox and kills a random moment after the child recorded its next batch), so every step
between "sent" and "recorded as sent" gets its chances."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN_DEADLINE_S = 600.0  # one child run, start to end, on a loaded machine
POLL_S = 0.01
EARLY_KILL_S = 0.5


@dataclass
class KillLog:
    kills: int = 0
    runs: int = 0
    seconds: float = 0.0  # wall time of all runs
    moments: list[str] = field(default_factory=list)


def synced_rows(database: Path) -> int:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        return int(conn.execute("SELECT count(*) FROM outbox WHERE state = 'synced'").fetchone()[0])
    except sqlite3.OperationalError:
        return -1  # busy or not migrated yet: look again
    finally:
        conn.close()


def sync_with_kills(
    database: Path, env: dict[str, str], rng: random.Random, *, kills: int, total: int
) -> KillLog:
    """Run `trayclock sync` until a run ends by itself; kill `kills` runs on the way."""
    log = KillLog()
    started = time.monotonic()
    while True:
        log.runs += 1
        child = subprocess.Popen(
            [sys.executable, "-m", "trayclock", "sync"],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            if log.kills < kills and _kill_at_random(child, database, rng, total, log):
                log.kills += 1
                continue
            out, err = child.communicate(timeout=RUN_DEADLINE_S)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        log.seconds = time.monotonic() - started
        if child.returncode != 0:
            raise AssertionError(f"sync ended with {child.returncode}:\n{out!r}\n{err!r}")
        return log


def _kill_at_random(
    child: subprocess.Popen[bytes], database: Path, rng: random.Random, total: int, log: KillLog
) -> bool:
    """Kill the child at a random moment; False when it ended first."""
    deadline = time.monotonic() + RUN_DEADLINE_S
    if log.kills % 3 == 0:
        target = time.monotonic() + rng.uniform(0.0, EARLY_KILL_S)
        moment = "early"
        while time.monotonic() < target:
            if child.poll() is not None:
                return False
            time.sleep(POLL_S)
    else:
        before = synced_rows(database)
        moment = "recording"
        while synced_rows(database) <= before:
            if child.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(POLL_S)
        time.sleep(rng.uniform(0.0, 0.2))  # a random moment after: mid-request or mid-record
    if child.poll() is not None:
        return False
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    log.moments.append(f"{moment} at {synced_rows(database)}/{total} synced")
    return True
