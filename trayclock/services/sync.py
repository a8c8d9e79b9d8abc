"""Sync as the windows and the command line see it (no Qt): configure and test the backend,
the worker wired to the one pricing path and to the customers' rule, the state to show
(waiting, last success, the problem), each entry's sync state, and a conflict's two choices.

Team knowledge: `exchange_customers` fills the customer list from the backend's (matched by
id once linked, else by name: case, accents and spacing ignored, else made by
`services.customers.find_or_create`) with the partner IDs the team mapped there, and writes
the partner IDs this technician learned where the backend can hold them.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trayclock.domain.clock import Clock
from trayclock.domain.customer_key import name_match_key
from trayclock.domain.entry import Customer, Entry
from trayclock.domain.sync_reason import SyncReason
from trayclock.services.zones import company_zone
from trayclock.store import customers, entries, mappings, outbox, settings
from trayclock.store import sync_backends as backends_repo
from trayclock.store.db import StoreError
from trayclock.store.outbox import OutboxRow, RowState
from trayclock.store.sync_backends import BackendState, Problem
from trayclock.sync import config as backend_config
from trayclock.sync.config import BackendConfig

# The idle tray reads only `SyncService.status()` (the `backend` setting, the outbox's
# counts). The worker, the adapters' protocol, the keyring, the pricing path and the
# submission rules are imported where they are used: without a backend they never are,
# and together they are ~100 modules and 5 MiB of the tray (bench/RESULTS.md, "Idle
# memory, broken down").
if TYPE_CHECKING:
    from trayclock.domain.pricing import PricedRange
    from trayclock.sync.backend import Backend, RemoteCustomer
    from trayclock.sync.secrets import Secret, SecretStore
    from trayclock.sync.worker import SyncWorker

log = logging.getLogger(__name__)

SecretStoreFactory = Callable[[], "SecretStore"]


def open_store() -> SecretStore:
    """The OS keyring (sync/secrets.py's open_store), imported when a secret is first needed."""
    from trayclock.sync.secrets import open_store as open_keyring

    return open_keyring()


# --- the worker, wired ----------------------------------------------------------------------


class StoredPricing:
    """The worker's prices: services/pricing.py's price_stored_range, what `export` shows."""

    def zone(self, conn: sqlite3.Connection) -> tzinfo:
        return company_zone(settings.policy(conn))

    def priced(
        self, conn: sqlite3.Connection, start: datetime, end: datetime, now: datetime
    ) -> PricedRange:
        from trayclock.services.pricing import price_stored_range

        return price_stored_range(conn, start, end, now=now)


def make_worker(
    database: Path,
    clock: Clock,
    *,
    keyring: SecretStoreFactory = open_store,
    **options: Any,
) -> SyncWorker:
    """The sync worker of the store at `database` (secrets from the OS keyring)."""
    from trayclock.sync.worker import SyncWorker

    def connect(config: BackendConfig) -> Backend:
        return backend_config.open_backend(config, keyring(), clock)

    return SyncWorker(
        database, clock=clock, connect=connect, pricing=StoredPricing(),
        exchange=exchange_customers, **options,
    )  # fmt: skip


# --- team knowledge -------------------------------------------------------------------------


def _match(conn: sqlite3.Connection, remote: RemoteCustomer, kind: str, now: datetime) -> Customer:
    every = customers.list_all(conn, include_archived=True)
    for customer in every:
        if customer.external_ids.get(kind) == remote.customer_id:
            return customer
    wanted = name_match_key(remote.name)
    alike = [c for c in every if name_match_key(c.name) == wanted and not c.external_ids.get(kind)]
    if len(alike) == 1:
        return alike[0]
    # The customers' rule (and its CSV importer) loads at the first exchange, not with the tray.
    from trayclock.services.customers import find_or_create

    return find_or_create(conn, remote.name, now=now)


def exchange_customers(
    conn: sqlite3.Connection, adapter: Backend, config: BackendConfig, now: datetime
) -> None:
    """Customers and partner IDs both ways (see the module doc). A partner this store maps
    already keeps its customer: a technician's own knowledge wins over the team's."""
    from trayclock.sync import remote_ids
    from trayclock.sync.backend import Partner, RefusedError

    kind = config.kind
    remote_all = adapter.list_customers()
    held: set[tuple[str, str]] = set()
    linked: dict[int, RemoteCustomer] = {}
    for remote in remote_all:
        if not remote.name.strip():
            continue
        local = remote_ids.link(conn, _match(conn, remote, kind, now), kind, remote, now=now)
        linked[local.id] = remote
        for partner in remote.partners:
            held.add((partner.app, partner.partner_id))
            if mappings.lookup(conn, partner.app, partner.partner_id) is None:
                mappings.remember(
                    conn, partner.app, partner.partner_id, local.id,
                    partner_name=partner.name, now=now,
                )  # fmt: skip
    for mapping in mappings.list_all(conn):
        if (mapping.app, mapping.partner_id) in held:
            continue
        customer = customers.get(conn, mapping.customer_id)
        if customer is None:
            continue
        remote_c = linked.get(customer.id)
        if remote_c is None:
            known = remote_ids.known_remote(customer, kind)
            remote_c = adapter.ensure_customer(customer.key, customer.name, known)
            remote_ids.link(conn, customer, kind, remote_c, now=now)
            linked[customer.id] = remote_c
        try:
            adapter.remember_partner(
                remote_c, Partner(mapping.app, mapping.partner_id, mapping.partner_name)
            )
        except RefusedError as error:  # e.g. Kimai without the custom field: say it once
            log.warning("partner IDs cannot be shared through %s: %s", kind, error)
            return


# --- configuring -----------------------------------------------------------------------------


def configure(
    conn: sqlite3.Connection,
    config: BackendConfig,
    secret: Secret,
    *,
    keyring: SecretStore,
    now: datetime,
) -> int:
    """Store the secret in the keyring (replacing one stored before), the rest in the
    `backend` setting; lift a login or settings pause; queue every submitted entry for it.
    Returns how many entries were queued anew."""
    from trayclock.store import submission

    keyring.set(*config.secret_account(), secret)
    settings.put(conn, settings.BACKEND, config.setting(), now=now)
    backend = config.identity
    state = backends_repo.backend_state(conn, backend)
    backends_repo.save_backend_state(
        conn,
        BackendState(
            backend, last_success_at=state.last_success_at, customers_at=None,
            last_attempt_at=state.last_attempt_at,
        ),
        now=now,
    )  # fmt: skip
    return submission.seed(conn, backend, now=now)


def test_connection(config: BackendConfig, *, keyring: SecretStore, clock: Clock) -> str:
    """Log in and read something harmless; what answered, in one line (raises the
    sync errors of sync/backend.py, KeyringUnavailable)."""
    return backend_config.open_backend(config, keyring, clock).test_connection()


def try_backend(
    config: BackendConfig,
    secret: Secret | None,
    *,
    keyring: SecretStoreFactory = open_store,
    clock: Clock,
) -> str:
    """`test_connection` with the secret typed (None: the one in the keyring), before it
    is stored: the settings window's "Test connection", run off the GUI thread."""
    if secret is None:
        return test_connection(config, keyring=keyring(), clock=clock)
    return backend_config.adapter(config, secret, clock).test_connection()


# --- what the UI shows ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """The tray's line about sync."""

    configured: str | None  # "tryton at …, database …, user …"; None: no backend
    waiting: int  # entries still to send
    failed: int
    conflicts: int
    last_success_at: datetime | None
    problem: Problem | None
    problem_reason: SyncReason | None  # what the last failure was (the UI words it)
    retry_at: datetime | None
    kind: str | None = None  # "tryton", "kimai", "webhook"; None: no backend


@dataclass(frozen=True, slots=True)
class EntrySync:
    """One entry's line with the backend, for the review window."""

    state: RowState
    reason: SyncReason | None  # why it failed or waits, or the conflict (the UI words it)
    remote_id: str | None
    invoiced: bool  # billed fields locked
    conflict: dict[str, Any] | None


class SyncService:
    """What the windows read and ask (GUI thread, the tray's connection)."""

    def __init__(
        self, conn: sqlite3.Connection, clock: Clock, *, keyring: SecretStoreFactory = open_store
    ) -> None:
        self.conn = conn
        self.clock = clock
        self._keyring = keyring

    def config(self) -> BackendConfig | None:
        return backend_config.configured(self.conn)

    def status(self) -> SyncStatus:
        config = self.config()
        if config is None:
            return SyncStatus(None, 0, 0, 0, None, None, None, None)
        backend = config.identity
        counts = outbox.counts(self.conn, backend)
        state = backends_repo.backend_state(self.conn, backend)
        return SyncStatus(
            configured=config.describe(),
            waiting=counts[RowState.PENDING],
            failed=counts[RowState.FAILED],
            conflicts=counts[RowState.CONFLICT],
            last_success_at=state.last_success_at,
            problem=state.problem,
            problem_reason=state.problem_reason,
            retry_at=state.retry_at,
            kind=config.kind,
        )

    def entry(self, uuid: str) -> EntrySync | None:
        row = self._row(uuid)
        return None if row is None else _entry_sync(row)

    def entries(self, uuids: Sequence[str]) -> dict[str, EntrySync]:
        """The sync lines of these entries that have one with the configured backend."""
        config = self.config()
        if config is None or not uuids:
            return {}
        rows = outbox.rows_of(self.conn, config.identity, uuids)
        return {row.entry_uuid: _entry_sync(row) for row in rows}

    def renew_secret(self, text: str) -> int:
        """The password (token, key) typed again after a refused login: stored in the
        keyring, the pause lifted (`configure` with the backend as it is)."""
        config = self.config()
        if config is None:
            raise StoreError("no backend is configured")
        from trayclock.sync.secrets import Secret

        return configure(
            self.conn, config, Secret(text), keyring=self._keyring(), now=self.clock.now()
        )

    def waiting_rows(self) -> list[OutboxRow]:
        """Every row not synced (pending, failed, conflict), for `trayclock sync`'s summary."""
        config = self.config()
        if config is None:
            return []
        states = (RowState.PENDING, RowState.FAILED, RowState.CONFLICT)
        return outbox.waiting(self.conn, config.identity, states)

    def keep_mine(self, uuid: str) -> Entry:
        """The conflict decided for trayclock's values (audited); sent at the next pass."""
        from trayclock.store import submission

        return submission.keep_mine(
            self.conn, self._backend(), uuid, said=self._conflict_words(uuid), now=self.clock.now()
        )

    def take_theirs(self, uuid: str) -> Entry:
        """The conflict decided for the backend's line (audited): the entry becomes it."""
        from trayclock.store import submission
        from trayclock.sync.theirs import changes_from_remote

        backend = self._backend()
        row = self._row(uuid)
        entry = entries.get(self.conn, uuid)
        if row is None or row.conflict is None or entry is None:
            raise StoreError(f"entry {uuid} has no sync conflict")
        zone = company_zone(settings.policy(self.conn))
        changes = changes_from_remote(entry, row.conflict.get("remote"), zone)
        return submission.take_theirs(
            self.conn, backend, uuid, changes, said=self._conflict_words(uuid), now=self.clock.now()
        )

    def _conflict_words(self, uuid: str) -> str:
        """The conflict's reason in English, for the audit trail."""
        from trayclock.sync.reasons import english

        row = self._row(uuid)
        found = None if row is None else row.conflict_reason
        return "" if found is None else english(found)

    def _backend(self) -> str:
        config = self.config()
        if config is None:
            raise StoreError("no backend is configured")
        return config.identity

    def _row(self, uuid: str) -> OutboxRow | None:
        config = self.config()
        return None if config is None else outbox.get(self.conn, config.identity, uuid)


def _entry_sync(row: OutboxRow) -> EntrySync:
    found = row.conflict_reason if row.conflict is not None else row.last_reason
    return EntrySync(
        row.state,
        found,
        None if row.remote is None else row.remote.remote_id,
        row.remote is not None and row.remote.invoiced,
        row.conflict,
    )
