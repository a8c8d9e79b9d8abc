"""A technician's real store synced to the live Tryton: entries made, submitted, edited and
discarded through the store's own functions, the real worker, and what Tryton holds read
back over JSON-RPC."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.tryton.server import TrytonServer
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry
from trayclock.services import invoicing
from trayclock.services.invoicing import CustomerInvoice
from trayclock.services.sync import StoredPricing, exchange_customers
from trayclock.store import customers as customers_repo
from trayclock.store import db, entries, outbox, settings, submission
from trayclock.sync import tryton_lines as lines
from trayclock.sync.backend import Backend
from trayclock.sync.config import BackendConfig
from trayclock.sync.tryton import TrytonBackend
from trayclock.sync.tryton_rpc import TrytonRPC
from trayclock.sync.worker import RunReport, SyncWorker

BERLIN = ZoneInfo("Europe/Berlin")
POLICY = {
    "rate": "85.00",
    "currency": "EUR",
    "timezone": "Europe/Berlin",
    "increment_minutes": 15,
    "business_hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"},
}
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=BERLIN)


def tryton_config(url: str, server: TrytonServer) -> BackendConfig:
    return BackendConfig("tryton", url, server.database, server.user)


def tryton_adapter(url: str, server: TrytonServer, timeout_s: float = 30.0) -> TrytonBackend:
    return TrytonBackend(
        TrytonRPC(url, server.database, server.user, server.password, timeout_s=timeout_s)
    )


@dataclass
class SyncWorld:
    path: Path
    conn: sqlite3.Connection
    clock: ManualClock
    server: TrytonServer
    url: str  # where the worker reaches Tryton (the server, or a proxy in front of it)
    rpc: TrytonRPC  # straight to the server: what Tryton holds
    timeout_s: float = 30.0
    made: list[str] = field(default_factory=list)
    wrap: Callable[[Backend], Backend] | None = None  # e.g. an adapter that crashes

    def connect(self, config: BackendConfig) -> Backend:
        adapter = tryton_adapter(self.url, self.server, self.timeout_s)
        return adapter if self.wrap is None else self.wrap(adapter)

    def backend_id(self) -> str:
        found = outbox.configured_backend(self.conn)
        assert found is not None
        return found

    def invoice(self, month: date, customer_key: str | None = None) -> list[CustomerInvoice]:
        adapter = tryton_adapter(self.server.url, self.server)
        return invoicing.invoice(
            self.conn, adapter, self.backend_id(), month, clock=self.clock,
            customer_key=customer_key,
        )  # fmt: skip

    def worker(self, **options: Any) -> SyncWorker:
        options.setdefault("sleep", lambda s: self.clock.advance(timedelta(seconds=s)))
        return SyncWorker(
            self.path, clock=self.clock, connect=self.connect, pricing=StoredPricing(),
            exchange=exchange_customers, **options,
        )  # fmt: skip

    def sync(self, **options: Any) -> RunReport:
        patience = options.pop("patience_s", 3600.0)
        return self.worker(**options).run(patience_s=patience)

    def customer(self, name: str) -> int:
        return customers_repo.upsert(self.conn, name.lower().replace(" ", "-"), name,
                                     now=self.clock.now()).id  # fmt: skip

    def add(self, customer_id: int | None, start: datetime, minutes: float, **fields: Any) -> Entry:
        entry = Entry(
            uuid=entries.new_uuid(), source="manual", start=start,
            end=start + timedelta(minutes=minutes), heartbeat=start + timedelta(minutes=minutes),
            end_reason=EndReason.MANUAL, customer_id=customer_id, **fields,
        )  # fmt: skip
        self.made.append(entry.uuid)
        return entries.insert(self.conn, entry, reason="test", now=self.clock.now())

    def submit(self, uuids: list[str] | None = None) -> int:
        return submission.submit(
            self.conn, uuids or self.made, now=self.clock.now(), reason="test: submitted"
        )

    def lines_of(self, uuid: str) -> list[dict[str, Any]]:
        """Every timesheet line carrying the entry's marker (exactly once means one)."""
        return self.rpc.search_read(
            lines.MODEL, lines.marker_domain([uuid]), ["id", *lines.LINE_FIELDS]
        )

    def stored(self, uuid: str) -> Entry:
        found = entries.get(self.conn, uuid)
        assert found is not None
        return found


def make_world(
    tmp: Path,
    server: TrytonServer,
    rpc: TrytonRPC,
    url: str | None = None,
    name: str = "store",
    path: Path | None = None,
) -> SyncWorld:
    path = path or tmp / f"{name}.sqlite3"
    conn = db.connect(path)
    clock = ManualClock(T0 + timedelta(days=40))
    settings.set_policy(conn, POLICY, now=clock.now())
    config = tryton_config(server.url, server)
    settings.put(conn, settings.BACKEND, config.setting(), now=clock.now())
    return SyncWorld(path, conn, clock, server, url or server.url, rpc)


WorldFactory = Callable[..., SyncWorld]
