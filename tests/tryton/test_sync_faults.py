"""The fault-injecting proxy between the worker and the real Tryton: connection resets,
500/503, 429 with and without Retry-After, answers lost after Tryton committed, answers
slower than the client's timeout — and afterwards every entry is in Tryton exactly once,
with its latest values; the discarded ones are gone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.sync.fault_proxy import (
    Fault,
    FaultProxy,
    Request,
    lost_after_commit,
    rate_limited,
    reset,
    slow,
    status,
)
from tests.tryton.server import TrytonServer
from tests.tryton.sync_support import T0, SyncWorld, make_world
from trayclock.domain.entry import SyncState
from trayclock.store import entries, outbox
from trayclock.store.sync_backends import backend_state
from trayclock.sync.tryton_rpc import TrytonRPC

pytestmark = pytest.mark.integration

CLIENT_TIMEOUT_S = 3.0  # the worker's read timeout here; `slow` holds answers longer
SLOW_S = 8.0
ENTRIES = 24


def method(name: str) -> Callable[[Request], bool]:
    return lambda request: f'"method":"{name}"'.encode() in request.body


CREATE = method("model.timesheet.line.create")
WRITE = method("model.timesheet.line.write")
DELETE = method("model.timesheet.line.delete")
SEARCH = method("model.timesheet.line.search_read")


@pytest.fixture
def world(tmp_path: Path, tryton_server: TrytonServer, rpc: TrytonRPC) -> Iterator[SyncWorld]:
    host, port = tryton_server.url.removeprefix("http://").split(":")
    with FaultProxy(host, int(port)) as proxy:
        made = make_world(tmp_path, tryton_server, rpc, url=proxy.url)
        made.timeout_s = CLIENT_TIMEOUT_S
        made.proxy = proxy  # type: ignore[attr-defined]
        yield made
        made.conn.close()


def faults(world: SyncWorld) -> FaultProxy:
    proxy: FaultProxy = world.proxy  # type: ignore[attr-defined]
    return proxy


def sync_until_done(world: SyncWorld, script: list[Fault]) -> None:
    """One `run` (its backoffs and pauses waited out on the test's clock) through the faults."""
    proxy = faults(world)
    proxy.script(*script)
    report = world.sync(batch_size=8)
    assert report.waiting == 0 and report.failed == 0 and report.conflicts == 0, report
    assert proxy.pending() == [], "some faults were never met"


def test_every_entry_ends_in_tryton_exactly_once_through_every_fault(
    world: SyncWorld, unique_name: Callable[[str], str]
) -> None:
    customers = [world.customer(unique_name(n)) for n in ("ACME", "Beta")]
    made = [
        world.add(customers[i % 2], T0 + timedelta(days=i // 6, hours=i % 6), 20 + i,
                  notes=f"job {i}")
        for i in range(ENTRIES)
    ]  # fmt: skip
    world.submit()
    sync_until_done(
        world,
        [
            reset().when(CREATE),
            status(500, body=b"Internal Server Error").when(CREATE),
            status(503).when(CREATE),
            rate_limited("2").when(CREATE),
            rate_limited(None).when(CREATE),
            lost_after_commit().when(CREATE),
            slow(SLOW_S).when(CREATE),  # committed, but the answer comes too late
            status(503, (("Retry-After", "1"),)).when(SEARCH),
        ],
    )
    kinds = {e.fault for e in faults(world).history()}
    assert {"reset", "status 500", "status 503", "status 429", "lost", "slow"} <= kinds

    # Edits and discards through the same faults (the lost and the slow one after the
    # write or delete was committed in Tryton).
    now = world.clock.now()
    for entry in made[:6]:
        entries.edit(world.conn, entry.uuid, {"notes": f"edited {entry.uuid[:8]}",
                                              "end": entry.start + timedelta(minutes=70)},
                     now=now)  # fmt: skip
    for entry in made[6:10]:
        entries.discard(world.conn, entry.uuid, now=now)
    sync_until_done(
        world,
        [
            lost_after_commit().when(WRITE),
            reset().when(WRITE),
            status(502).when(DELETE),
            lost_after_commit().when(DELETE),
            slow(SLOW_S).when(WRITE),
            rate_limited(None).when(WRITE),
        ],
    )

    backend = world.backend_id()
    for i, entry in enumerate(made):
        found = world.lines_of(entry.uuid)
        if 6 <= i < 10:
            assert found == [], f"entry {i} is still in Tryton"
            continue
        assert len(found) == 1, f"entry {i}: {len(found)} lines"
        (line,) = found
        minutes = 70 if i < 6 else 20 + i
        assert line["duration"] == timedelta(minutes=minutes), i
        words = f"edited {entry.uuid[:8]}" if i < 6 else f"job {i}"
        assert words in str(line["description"]), i
        assert world.stored(entry.uuid).sync_state is SyncState.SYNCED
        row = outbox.get(world.conn, backend, entry.uuid)
        assert row is not None and row.remote is not None
        assert row.remote.remote_id == str(line["id"])
    state = backend_state(world.conn, backend)
    assert state.problem is None and state.failures == 0
