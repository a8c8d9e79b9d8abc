"""What one pass of the sync worker keeps between its units: the adapter (opened on the
first unit, so a pass with nothing to send logs in nowhere), the customers' remote refs,
and each month's prices from the one pricing path (priced once per pass unless another
process changed the store meanwhile)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, time, tzinfo
from typing import Protocol

from trayclock.domain.clock import Clock
from trayclock.domain.entry import Customer, Entry
from trayclock.domain.pricing import PricedRange, PricedRow
from trayclock.domain.sync_reason import SyncReason
from trayclock.store import outbox
from trayclock.store.outbox import RowState
from trayclock.sync import remote_ids
from trayclock.sync.backend import Backend, LineValues, RefusedError
from trayclock.sync.config import BackendConfig
from trayclock.sync.reasons import Code, reason
from trayclock.sync.units import Action, Unit
from trayclock.sync.values import line_values

STILL_RUNNING = reason(Code.STILL_RUNNING)  # it waits; not the backend's refusal


class Pricing(Protocol):
    """The one pricing path as the worker needs it (services/sync.py gives
    services/pricing.py's price_stored_range and the company zone)."""

    def zone(self, conn: sqlite3.Connection) -> tzinfo: ...

    def priced(
        self, conn: sqlite3.Connection, start: datetime, end: datetime, now: datetime
    ) -> PricedRange: ...


Connect = Callable[[BackendConfig], Backend]


def month_of(moment: datetime, zone: tzinfo) -> tuple[datetime, datetime]:
    """The company-local month holding `moment`: [first day 00:00, next month's first)."""
    local = moment.astimezone(zone).date().replace(day=1)
    after = local.replace(year=local.year + local.month // 12, month=local.month % 12 + 1)
    return datetime.combine(local, time(0), zone), datetime.combine(after, time(0), zone)


class PassContext:
    def __init__(
        self,
        conn: sqlite3.Connection,
        config: BackendConfig,
        connect: Connect,
        pricing: Pricing,
        clock: Clock,
    ) -> None:
        self.conn = conn
        self.config = config
        self._connect = connect
        self._pricing = pricing
        self._clock = clock
        self._adapter: Backend | None = None
        self._refs: dict[int, str] = {}
        self._months: dict[datetime, tuple[int, str, dict[str, PricedRow]]] = {}

    def adapter(self) -> Backend:
        if self._adapter is None:
            self._adapter = self._connect(self.config)
        return self._adapter

    @property
    def opened(self) -> bool:
        return self._adapter is not None

    def values(
        self, unit: Unit, entries: Mapping[str, Entry]
    ) -> tuple[dict[str, LineValues], list[tuple[str, SyncReason]]]:
        """The lines the unit's present entries should be, and (entry, why not) for those
        that cannot be sent as they are (the backend is never asked about them)."""
        zone = self._pricing.zone(self.conn)
        if unit.action in (Action.DELETE, Action.FORGET):
            for row in unit.rows:  # its month is priced again after: its neighbours' prices
                self._month(entries[row.entry_uuid], zone)
            return {}, []
        values: dict[str, LineValues] = {}
        problems: list[tuple[str, SyncReason]] = []
        for row in unit.rows:
            entry = entries[row.entry_uuid]
            if entry.end is None:
                problems.append((entry.uuid, STILL_RUNNING))
                continue
            if entry.customer_id is None:
                problems.append((entry.uuid, reason(Code.NO_CUSTOMER)))
                continue
            currency, priced = self._priced(entry, zone)
            customer = priced.customer
            assert customer is not None
            try:
                ref = self._ref(customer)
            except RefusedError as error:
                problems.append((entry.uuid, error.reason))
                continue
            values[entry.uuid] = line_values(
                priced, revision=row.revision, zone=zone, currency=currency, customer_ref=ref
            )
        return values, problems

    def _priced(self, entry: Entry, zone: tzinfo) -> tuple[str, PricedRow]:
        currency, rows = self._month(entry, zone)
        return currency, rows[entry.uuid]

    def _month(self, entry: Entry, zone: tzinfo) -> tuple[str, dict[str, PricedRow]]:
        """The priced rows of the entry's month (priced again when another process wrote)."""
        start, end = month_of(entry.start, zone)
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        cached = self._months.get(start)
        if cached is None or cached[0] != version:
            priced = self._pricing.priced(self.conn, start, end, self._clock.now())
            cached = (version, priced.currency, {r.entry.uuid: r for r in priced.rows})
            self._months[start] = cached
        return cached[1], cached[2]

    def _ref(self, customer: Customer) -> str | None:
        if customer.id not in self._refs:
            kind = self.config.kind
            known = remote_ids.known_remote(customer, kind)
            remote = self.adapter().ensure_customer(customer.key, customer.name, known)
            remote_ids.link(self.conn, customer, kind, remote, now=self._clock.now())
            self._refs[customer.id] = remote.ref or remote.customer_id
        return self._refs[customer.id]

    def rippled(self, digest: Callable[[LineValues], str]) -> list[str]:
        """Synced entries of the months priced in this pass whose values, as priced now,
        differ from what the backend confirmed (a price moved by another entry's change:
        an hours bank's draw, an overlap); invoiced ones stay as they were billed."""
        zone = self._pricing.zone(self.conn)
        changed: list[str] = []
        for _, currency, priced in self._months.values():
            for row in outbox.rows_of(self.conn, self.config.identity, list(priced)):
                item = priced[row.entry_uuid]
                if (
                    row.state is not RowState.SYNCED or row.sent_digest is None
                    or row.remote is None or row.remote.invoiced
                    or item.customer is None or item.entry.end is None or item.entry.discarded
                ):  # fmt: skip
                    continue
                try:
                    ref = self._ref(item.customer)
                except RefusedError:
                    continue
                values = line_values(
                    item, revision=row.revision, zone=zone, currency=currency, customer_ref=ref
                )
                if digest(values) != row.sent_digest:
                    changed.append(row.entry_uuid)
        return changed

    def forget_customers(self, ids: Sequence[int] = ()) -> None:
        """After customers changed on the backend (the exchange): look their refs up again."""
        for customer_id in ids or list(self._refs):
            self._refs.pop(customer_id, None)
