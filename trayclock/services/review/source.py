"""What the review window reads and changes in the store: one small facade, no Qt.

Reads give plain snapshots (frozen entries and customers) that a pricing worker may take to
another thread; every change goes through `trayclock.store.entries`, which writes the audit
trail in the same transaction.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from fractions import Fraction
from typing import Any

from trayclock.domain.clock import Clock
from trayclock.domain.entry import Customer, Entry
from trayclock.domain.pricing import HISTORY_LOOKBACK, history_start, relevant_history
from trayclock.services import ui_prefs
from trayclock.services.customers import find_or_create
from trayclock.services.store_events import StoreEvents
from trayclock.services.zones import company_zone
from trayclock.store import customers as customers_repo
from trayclock.store import entries as entries_repo
from trayclock.store import settings as settings_repo
from trayclock.store import submission
from trayclock.store.db import StoreError, transaction

log = logging.getLogger(__name__)

# History this short is read at once, not a frame after the shown entries.
LOOKBACK = HISTORY_LOOKBACK
SUBMIT_REASON = "review: day submitted"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything needed to price and show a range of days, read at one moment."""

    first_day: date
    last_day: date
    zone: tzinfo
    now: datetime
    policy: dict[str, Any]
    customers: tuple[Customer, ...]
    shown: tuple[Entry, ...]  # the entries of the viewed days (discarded ones when asked)
    context: tuple[Entry, ...]  # earlier entries that decide contract balances
    complete: bool = True  # False: `context` not read yet (see ReviewSource.with_history)

    def customer_by_id(self) -> dict[int, Customer]:
        return {c.id: c for c in self.customers}


class ReviewSource:
    """The store as the review window sees it (one connection, used from the UI thread only).

    Its changes are announced on `events` with itself as the origin (the tray follows them;
    the window that made them has already re-read).
    """

    def __init__(
        self, conn: sqlite3.Connection, clock: Clock, events: StoreEvents | None = None
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.events = events if events is not None else StoreEvents()
        # Earlier history (before the shown range) only changes when someone else writes: the
        # window edits shown entries, the tracker writes running ones. Keep it between reloads.
        self._context: dict[tuple[datetime, datetime, bool], tuple[Entry, ...]] = {}
        # What that history leaves in each contract (see pricing.contract_balances).
        self._balances: dict[tuple[object, ...], dict[str, Fraction]] = {}
        self._data_version = -1

    def forget(self) -> None:
        """Drop the cached history (the window calls this when it is opened again)."""
        self._context.clear()
        self._balances.clear()

    def _balances_key(self, snap: Snapshot) -> tuple[object, ...] | None:
        history = self._history_key(snap)
        if history is None:
            return None
        terms = [(c.key, c.contract, c.policy) for c in snap.customers]
        return (*history, json.dumps([snap.policy, terms], sort_keys=True, default=str))

    def balances_for(self, snap: Snapshot) -> dict[str, Fraction] | None:
        """The contract balances at the start of the snapshot's range, when known."""
        key = self._balances_key(snap)
        return None if key is None else self._balances.get(key)

    def remember_balances(self, snap: Snapshot, balances: dict[str, Fraction]) -> None:
        key = self._balances_key(snap)
        if key is not None:
            self._balances[key] = dict(balances)

    def changed_elsewhere(self) -> bool:
        """Whether another connection (the CLI, another process) committed since the last
        look: SQLite's `PRAGMA data_version`, one cheap query. Forgets the cached history then."""
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        if version == self._data_version:
            return False
        first_look = self._data_version < 0
        self._data_version = version
        self.forget()
        return not first_look

    def _check_outside_writes(self) -> None:
        self.changed_elsewhere()

    # ---- reading -----------------------------------------------------------------------------

    def policy(self) -> dict[str, Any]:
        return settings_repo.policy(self.conn)

    def zone(self) -> tzinfo:
        return company_zone(self.policy())

    def today(self) -> date:
        return self.clock.now().astimezone(self.zone()).date()

    def snapshot(
        self,
        first_day: date,
        last_day: date,
        *,
        include_discarded: bool = False,
        history: bool = True,
    ) -> Snapshot:
        """The viewed days plus (unless `history` is False) the history their prices need.

        With `history=False` a long history (an hours bank's, a month's) that is not cached
        yet is left out (`complete` False): the window shows the entries first and reads it
        with `with_history` a frame later.
        """
        self._check_outside_writes()  # before reading: what is read now is what was seen
        policy = self.policy()
        zone = company_zone(policy)
        customers = tuple(customers_repo.list_all(self.conn, include_archived=True))
        start = datetime.combine(first_day, time(0), zone)
        end = datetime.combine(last_day + timedelta(days=1), time(0), zone)
        shown = entries_repo.in_range(self.conn, start, end, include_discarded=include_discarded)
        snap = Snapshot(
            first_day, last_day, zone, self.clock.now(), policy, customers, tuple(shown), (),
            complete=False,
        )  # fmt: skip
        key = self._history_key(snap)
        if key is None:
            return replace(snap, complete=True)
        short = key[1] - key[0] <= LOOKBACK
        if history or short or key in self._context:
            return self.with_history(snap)
        return snap

    def _history_key(self, snap: Snapshot) -> tuple[datetime, datetime, bool] | None:
        start = datetime.combine(snap.first_day, time(0), snap.zone)
        history_from = history_start(start, snap.zone, snap.customers)
        if history_from >= start:
            return None
        return history_from, start, snap.policy.get("concurrency", "bill_each") == "split"

    def with_history(self, snap: Snapshot) -> Snapshot:
        """The snapshot completed with the history its prices depend on (cached between reads):
        trayclock.domain.pricing's `history_start` and `relevant_history`, as the export's."""
        if snap.complete:
            return snap
        key = self._history_key(snap)
        if key is None:
            return replace(snap, complete=True)
        self._check_outside_writes()
        cached = self._context.get(key)
        if cached is None:
            cached = tuple(entries_repo.in_range(self.conn, key[0], key[1]))
            self._context[key] = cached
        context = tuple(relevant_history(cached, key[1], snap.customers, split=key[2]))
        return replace(snap, context=context, complete=True)

    def day_of(self, uuid: str) -> date | None:
        """The company's calendar day an entry starts on (None: no such entry)."""
        entry = entries_repo.get(self.conn, uuid)
        return None if entry is None else entry.start.astimezone(self.zone()).date()

    def has_unreviewed(self, day: date) -> bool:
        """Whether the day has ended entries nobody has reviewed (for the reminder)."""
        zone = self.zone()
        return any(
            not e.reviewed and e.end is not None for e in entries_repo.of_day(self.conn, day, zone)
        )

    def reminder_time(self) -> time | None:
        return ui_prefs.reminder_time(self.conn)

    # ---- changing ----------------------------------------------------------------------------

    def edit(self, uuids: Sequence[str], changes: dict[str, Any], reason: str) -> None:
        """The same change to several entries, in one transaction (all or nothing)."""
        now = self.clock.now()
        if "start" in changes:
            self.forget()
        with transaction(self.conn):
            for uuid in uuids:
                entries_repo.edit(self.conn, uuid, changes, now=now, reason=reason)
        self.events.data_changed(self)

    def customer_id_for(self, name: str) -> int:
        """The id of the customer called `name` (or keyed so); a new customer otherwise."""
        return find_or_create(self.conn, name, now=self.clock.now()).id

    def split(self, uuid: str, at: datetime) -> tuple[str, str]:
        first, second = entries_repo.split(self.conn, uuid, at, now=self.clock.now())
        self.events.data_changed(self)
        return first.uuid, second.uuid

    def merge(self, uuids: Sequence[str]) -> str:
        merged = entries_repo.merge(self.conn, uuids, now=self.clock.now()).uuid
        self.events.data_changed(self)
        return merged

    def discard(self, uuids: Sequence[str]) -> None:
        now = self.clock.now()
        with transaction(self.conn):
            for uuid in uuids:
                entries_repo.discard(self.conn, uuid, now=now, reason="review: discarded")
        self.events.data_changed(self)

    def restore(self, uuids: Sequence[str]) -> None:
        now = self.clock.now()
        with transaction(self.conn):
            for uuid in uuids:
                entries_repo.restore(self.conn, uuid, now=now)
        self.events.data_changed(self)

    def approve(self, uuids: Sequence[str], approved: bool = True) -> None:
        now = self.clock.now()
        with transaction(self.conn):
            for uuid in uuids:
                entries_repo.approve(self.conn, uuid, now=now, approved=approved)
        self.events.data_changed(self)

    def submit(self, uuids: Sequence[str]) -> int:
        """Mark the entries reviewed and queue them for sync (trayclock.store.submission:
        the outbox row and the sync_state in one transaction); returns how many changed.
        An entry the backend holds as it is stays synced; a failed one is tried again."""
        changed = submission.submit(self.conn, uuids, now=self.clock.now(), reason=SUBMIT_REASON)
        self.events.data_changed(self)
        return changed


__all__ = ["ReviewSource", "Snapshot", "StoreError"]
