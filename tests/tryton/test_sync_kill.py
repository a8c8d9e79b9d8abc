"""`trayclock sync` SIGKILLed at random moments (a real child process, a real keyring, the
real Tryton): afterwards every entry is in Tryton exactly once with the right values. CI
runs a small count; bench/bench_sync.py runs 1,000."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from tests.keyring_service import SecretServiceSession
from tests.tryton.server import TrytonServer
from tests.tryton.sync_kills import ROOT, sync_with_kills
from tests.tryton.sync_support import POLICY, T0
from trayclock.config import paths
from trayclock.domain.entry import EndReason, Entry
from trayclock.store import customers, db, entries, settings, submission
from trayclock.sync import tryton_lines as lines
from trayclock.sync.tryton_rpc import TrytonRPC

pytestmark = pytest.mark.integration

ENTRIES = 240  # CI's count: several batches of 50, so kills land between them too
KILLS = 6
SEED = 13


def fill(database: Path, name: str, count: int) -> dict[str, timedelta]:
    """`count` submitted entries of one customer; their worked time by uuid."""
    conn = db.connect(database)
    settings.set_policy(conn, POLICY, now=T0)
    customer = customers.upsert(conn, "kill-test", name, now=T0).id
    made = []
    for i in range(count):
        start = T0 + timedelta(days=i % 20, minutes=7 * (i // 20))
        end = start + timedelta(minutes=5 + i % 40)
        made.append(Entry(uuid=entries.new_uuid(), source="manual", start=start, end=end,
                          heartbeat=end, end_reason=EndReason.MANUAL, customer_id=customer,
                          notes=f"job {i}"))  # fmt: skip
    entries.insert_many(conn, made, reason="test", now=T0)
    submission.submit(conn, [e.uuid for e in made], now=T0, reason="test: submitted")
    conn.close()
    return {e.uuid: e.end - e.start for e in made if e.end is not None}


def configure(server: TrytonServer) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "trayclock", "backend", "configure", "tryton", "--url", server.url,
         "--database", server.database, "--user", server.user, "--password-stdin"],
        input=server.password + "\n", capture_output=True, text=True, cwd=ROOT, check=False,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def lines_by_entry(rpc: TrytonRPC, uuids: list[str]) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {u: [] for u in uuids}
    for i in range(0, len(uuids), 100):
        chunk = uuids[i : i + 100]
        for row in rpc.search_read(
            lines.MODEL, lines.marker_domain(chunk), ["id", "duration", "description"]
        ):
            uuid = lines.entry_uuid_of(str(row.get("description") or "")) or ""
            if uuid in found:
                found[uuid].append(row)
    return found


def check_exactly_once(rpc: TrytonRPC, worked: dict[str, timedelta]) -> None:
    found = lines_by_entry(rpc, list(worked))
    counts = Counter(len(v) for v in found.values())
    assert counts == Counter({1: len(worked)}), f"lines per entry: {dict(counts)}"
    wrong = [u for u, (row,) in found.items() if row["duration"] != worked[u]]
    assert not wrong, f"{len(wrong)} lines with other values"


def test_sigkilled_syncs_leave_every_entry_in_tryton_exactly_once(
    secret_service: SecretServiceSession,
    tryton_server: TrytonServer,
    rpc: TrytonRPC,
    unique_name: Callable[[str], str],
) -> None:
    database = paths().ensure().database
    configure(tryton_server)
    worked = fill(database, unique_name("Killed Ltd"), ENTRIES)
    log = sync_with_kills(
        database, dict(os.environ), random.Random(SEED), kills=KILLS, total=ENTRIES
    )
    assert log.kills >= 2, log.moments  # some runs really were killed on the way
    check_exactly_once(rpc, worked)
