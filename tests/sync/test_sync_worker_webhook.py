"""The worker to a real local HTTP receiver through the fault proxy, as the webhook backend:
every change goes out with a higher revision in its Idempotency-Key, a discard as a
tombstone; 401 pauses the backend ("needs password") until it is configured again; 429
pauses it until Retry-After; a refused entry fails alone; the secret comes from a real
Secret Service through `backend configure`'s service."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.keyring_service import SecretServiceSession
from tests.sync.fault_proxy import FaultProxy, rate_limited, status
from tests.sync.recording_server import RecordingServer
from trayclock.config import paths
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry, SyncState
from trayclock.services import sync as sync_service
from trayclock.services.sync import SyncService, make_worker
from trayclock.store import customers, db, entries, settings, submission
from trayclock.store.outbox import RowState
from trayclock.store.sync_backends import Problem
from trayclock.sync.background import BackgroundSync
from trayclock.sync.config import BackendConfig
from trayclock.sync.secrets import Secret, open_store
from trayclock.sync.worker import SyncWorker

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
SECRET = "hook-key-R2d7-never-shown"
WAIT_S = 20.0  # a deadline for the background thread, on a loaded machine


@pytest.fixture
def store(private_home: Path) -> Iterator[sqlite3.Connection]:
    conn = db.connect(paths().ensure().database)
    settings.set_policy(conn, {"rate": "90.00", "currency": "EUR", "timezone": "Europe/Berlin"},
                        now=T0)  # fmt: skip
    yield conn
    conn.close()


@dataclass
class Hook:
    """A store, a real receiver, the fault proxy in front of it, a real keyring."""

    store: sqlite3.Connection
    server: RecordingServer
    proxy: FaultProxy

    def configured(self) -> tuple[ManualClock, int]:
        """The webhook configured (its secret in the keyring); a clock, a customer's id."""
        clock = ManualClock(T0 + timedelta(days=1))
        acme = customers.upsert(self.store, "acme", "ACME", now=T0).id
        config = BackendConfig("webhook", f"{self.proxy.url}/hook")
        sync_service.configure(self.store, config, Secret(SECRET), keyring=open_store(),
                               now=clock.now())  # fmt: skip
        return clock, acme


@pytest.fixture
def hook(
    secret_service: SecretServiceSession,
    store: sqlite3.Connection,
    server: RecordingServer,
    proxy: FaultProxy,
) -> Hook:
    return Hook(store, server, proxy)


def worker(clock: ManualClock) -> SyncWorker:
    return make_worker(
        paths().ensure().database, clock,
        sleep=lambda s: clock.advance(timedelta(seconds=s)),
    )  # fmt: skip


def add(conn: sqlite3.Connection, customer: int | None, start: datetime) -> Entry:
    end = start + timedelta(minutes=40)
    entry = Entry(uuid=entries.new_uuid(), source="manual", start=start, end=end, heartbeat=end,
                  end_reason=EndReason.MANUAL, customer_id=customer, notes="job")  # fmt: skip
    return entries.insert(conn, entry, reason="test", now=T0)


def events(server: RecordingServer) -> list[tuple[str, str]]:
    seen = []
    for commit in server.commits():
        body = json.loads(commit.body)
        seen.append((body["event"], commit.headers["idempotency-key"]))
    return seen


def test_the_worker_delivers_each_revision_and_pauses_on_401_and_429(hook: Hook) -> None:
    store, server, proxy = hook.store, hook.server, hook.proxy
    clock = ManualClock(T0 + timedelta(days=1))
    acme = customers.upsert(store, "acme", "ACME", now=T0).id
    one, two = add(store, acme, T0), add(store, acme, T0 + timedelta(hours=1))
    config = BackendConfig("webhook", f"{proxy.url}/hook")
    keyring = open_store()
    sync_service.configure(store, config, Secret(SECRET), keyring=keyring, now=clock.now())
    submission.submit(store, [one.uuid, two.uuid], now=clock.now(), reason="submitted")

    assert worker(clock).run().sent == 2
    assert events(server) == [("entry.upserted", f"{one.uuid}:0"),
                              ("entry.upserted", f"{two.uuid}:0")]  # fmt: skip
    assert all(SECRET.encode() not in c.body for c in server.commits())

    entries.edit(store, one.uuid, {"notes": "more"}, now=clock.now())
    entries.discard(store, two.uuid, now=clock.now())
    proxy.script(status(401, body=b'{"message": "bad signature"}'))
    report = worker(clock).run()
    assert report.problem is Problem.NEEDS_PASSWORD and report.waiting == 2
    assert worker(clock).run().sent == 0  # paused: nothing is tried until configured again
    service = SyncService(store, clock)
    assert service.status().problem is Problem.NEEDS_PASSWORD
    assert store.execute("SELECT count(*) FROM outbox").fetchone()[0] == 2  # rows kept

    sync_service.configure(store, config, Secret(SECRET), keyring=keyring, now=clock.now())
    proxy.script(rate_limited("120"))
    report = worker(clock).run(patience_s=30)  # 120 s is past its patience: it stops
    assert report.problem is Problem.RATE_LIMITED and report.waiting == 2
    assert report.next_try_at == clock.now() + timedelta(seconds=120)
    report = worker(clock).run(patience_s=300)  # waits the pause out, then delivers
    assert report.waiting == 0 and report.problem is None
    assert events(server)[2:] == [("entry.upserted", f"{one.uuid}:1"),
                                  ("entry.discarded", f"{two.uuid}:0:discarded")]  # fmt: skip
    assert entries.get(store, one.uuid).sync_state is SyncState.SYNCED  # type: ignore[union-attr]

    # A refusal (any other 4xx) fails that one entry with the receiver's words.
    three = add(store, acme, T0 + timedelta(hours=3))
    four = add(store, acme, T0 + timedelta(hours=4))
    submission.submit(store, [three.uuid, four.uuid], now=clock.now(), reason="submitted")
    refusal = status(422, body=b'{"message": "unknown customer acme"}')
    about_three = refusal.when(lambda request: three.uuid.encode() in request.body)
    proxy.script(about_three, about_three)  # the receiver refuses that entry, every time
    report = worker(clock).run()
    assert (report.sent, report.failed, report.waiting) == (1, 1, 0)
    refused = service.entry(three.uuid)
    assert refused is not None and refused.state is RowState.FAILED
    assert refused.reason is not None and refused.reason.code == "http_failed"
    assert refused.reason.params["status"] == "422"  # what happened, as data
    assert refused.reason.params["said"] == "unknown customer acme"  # the receiver's own words


def test_a_price_moved_by_another_entry_goes_out_again(hook: Hook) -> None:
    store, server, proxy = hook.store, hook.server, hook.proxy
    clock = ManualClock(T0 + timedelta(days=1))
    bank = customers.upsert(store, "bank", "Bank", now=T0,
                            contract={"included_minutes": 60, "period": "once"}).id  # fmt: skip
    first, second = add(store, bank, T0), add(store, bank, T0 + timedelta(hours=2))
    config = BackendConfig("webhook", f"{proxy.url}/hook")
    sync_service.configure(store, config, Secret(SECRET), keyring=open_store(), now=clock.now())
    submission.submit(store, [first.uuid, second.uuid], now=clock.now(), reason="submitted")
    assert worker(clock).run().sent == 2

    def price_of(uuid: str) -> str:
        sent = [json.loads(c.body) for c in server.commits()]
        upserts = [b for b in sent if b["event"] == "entry.upserted" and b["entry"]["uuid"] == uuid]
        return str(upserts[-1]["price"]["amount"])

    partly_covered = price_of(second.uuid)  # 40 min of the bank went to the first
    entries.discard(store, first.uuid, now=clock.now())  # the bank covers the second now
    report = worker(clock).run()
    assert report.waiting == 0 and report.sent == 2  # the tombstone, and the second again
    assert events(server)[2:] == [("entry.discarded", f"{first.uuid}:0:discarded"),
                                  ("entry.upserted", f"{second.uuid}:1")]  # fmt: skip
    assert price_of(second.uuid) == "0.00" != partly_covered
    assert worker(clock).run().sent == 0  # settled: nothing moves any more


def test_the_background_worker_wakes_for_what_was_queued_and_stops(hook: Hook) -> None:
    store, server = hook.store, hook.server
    clock, acme = hook.configured()
    background = BackgroundSync(worker(clock), idle_s=3600.0)  # only a wake-up starts a pass
    background.start()
    try:
        entry = add(store, acme, T0)
        submission.submit(store, [entry.uuid], now=clock.now(), reason="submitted")
        background.wake()
        deadline = time.monotonic() + WAIT_S
        while entries.get(store, entry.uuid).sync_state is not SyncState.SYNCED:  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the woken worker did not send it"
            time.sleep(0.02)
        assert [e for e, _ in events(server)] == ["entry.upserted"]
    finally:
        assert background.stop(wait_s=WAIT_S)
    assert not background.running


def test_a_submitted_entry_running_again_waits_for_its_end(hook: Hook) -> None:
    store, server = hook.store, hook.server
    clock, acme = hook.configured()
    entry = add(store, acme, T0)
    submission.submit(store, [entry.uuid], now=clock.now(), reason="submitted")
    assert worker(clock).run().sent == 1
    entries.reopen(store, entry.uuid, now=T0 + timedelta(minutes=41), reason="reconnected")
    report = worker(clock).run()
    assert (report.sent, report.failed, report.waiting) == (0, 0, 1)  # waits, never failed
    assert entries.get(store, entry.uuid).sync_state is SyncState.CHANGED  # type: ignore[union-attr]
    entries.close(store, entry.uuid, T0 + timedelta(minutes=55), EndReason.ENDED,
                  now=T0 + timedelta(minutes=55))  # fmt: skip
    assert worker(clock).run().sent == 1
    assert [key for _, key in events(server)] == [f"{entry.uuid}:0", f"{entry.uuid}:2"]
