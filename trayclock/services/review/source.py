"""What the review window reads and changes in the store: one small facade, no Qt.

Reads give plain snapshots (frozen entries and customers) that a pricing worker may take to
another thread; every change goes through `trayclock.store.entries`, which writes the audit
trail in the same transaction.

History: a snapshot carries what its prices need from before its range — the entries from
the quiet moment before it (or before its month, with a contract) and the hours banks'
balances there (`trayclock.services.balances`, from the store's checkpoints) — never the
years before, and nothing is kept between reads. When that is more than a frame's worth of
reading, or months still have to be checkpointed, the snapshot comes without it and the
pricer completes it off the GUI thread on a connection of its own (`with_history_elsewhere`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from fractions import Fraction
from typing import Any

from trayclock.domain.clock import Clock
from trayclock.domain.entry import Customer, Entry
from trayclock.domain.history import relevant_history
from trayclock.services import ui_prefs
from trayclock.services.balances import RangeHistory, prepare, range_history
from trayclock.services.customers import find_or_create
from trayclock.services.review.unreviewed import has_unreviewed
from trayclock.services.store_events import StoreEvents
from trayclock.services.zones import company_zone
from trayclock.store import customers as customers_repo
from trayclock.store import db, submission
from trayclock.store import entries as entries_repo
from trayclock.store import settings as settings_repo
from trayclock.store.db import StoreError, one_read, transaction

log = logging.getLogger(__name__)

# Up to this many earlier entries are read with the shown ones, on the caller's thread.
INLINE_HISTORY_ENTRIES = 300
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
    context: tuple[Entry, ...]  # earlier entries the prices depend on (domain.history)
    complete: bool = True  # False: `context` and `balances` not read yet (`with_history`)
    balances: Mapping[str, Fraction] = field(default_factory=dict)  # hours banks at `context`

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
        self._file = db.file_of(conn)  # where another thread opens the store again
        self._data_version = -1

    @property
    def reads_elsewhere(self) -> bool:
        """Whether `with_history_elsewhere` can run on another thread (not in memory)."""
        return self._file is not None

    def forget(self) -> None:
        """Nothing read is kept between snapshots (the checkpoints live in the store): kept
        for the window, which calls it when opened again."""

    def changed_elsewhere(self) -> bool:
        """Whether another connection (the CLI, another process) committed since the last
        look: SQLite's `PRAGMA data_version`, one cheap query."""
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        if version == self._data_version:
            return False
        first_look = self._data_version < 0
        self._data_version = version
        return not first_look

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
        """The viewed days plus (unless `history` is False) what their prices need from
        before them.

        With `history=False` that part is read too when it is quick (checkpoints in place,
        at most INLINE_HISTORY_ENTRIES earlier entries); otherwise the snapshot comes
        without it (`complete` False) and `with_history` or `with_history_elsewhere` adds it.
        """
        self.changed_elsewhere()  # before reading: what is read now is what was seen
        with one_read(self.conn):
            policy = self.policy()
            zone = company_zone(policy)
            customers = tuple(customers_repo.list_all(self.conn, include_archived=True))
            start = datetime.combine(first_day, time(0), zone)
            end = datetime.combine(last_day + timedelta(days=1), time(0), zone)
            shown = entries_repo.in_range(
                self.conn, start, end, include_discarded=include_discarded
            )
            snap = Snapshot(
                first_day, last_day, zone, self.clock.now(), policy, customers, tuple(shown),
                (), complete=False,
            )  # fmt: skip
            found = range_history(self.conn, start, policy, customers, build=history)
            if found is None:
                return snap  # checkpoints to make: not on this thread
            many = found.start < start and (
                _count_between(self.conn, found.start, start) > INLINE_HISTORY_ENTRIES
            )
            return snap if many and not history else _completed(self.conn, snap, found)

    def with_history(self, snap: Snapshot) -> Snapshot:
        """The snapshot completed with what its prices need from before it, read here (the
        GUI thread's connection): checkpoints still missing are made on the way."""
        if snap.complete:
            return snap
        with one_read(self.conn):
            return _read_history(self.conn, snap)

    def with_history_elsewhere(self, snap: Snapshot) -> Snapshot:
        """`with_history` on a connection of its own, for another thread (the pricer's
        worker), when `reads_elsewhere`."""
        if snap.complete:
            return snap
        if self._file is None:
            raise StoreError("an in-memory store cannot be read from another thread")
        other = db.open_again(self._file)
        try:
            prepare(other, datetime.combine(snap.first_day, time(0), snap.zone))
            with one_read(other):
                return _read_history(other, snap)
        finally:
            other.close()

    def day_of(self, uuid: str) -> date | None:
        """The company's calendar day an entry starts on (None: no such entry)."""
        entry = entries_repo.get(self.conn, uuid)
        return None if entry is None else entry.start.astimezone(self.zone()).date()

    def has_unreviewed(self, day: date) -> bool:
        """Whether the day has ended entries nobody has reviewed (for the reminder)."""
        return has_unreviewed(self.conn, day, self.zone())

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


def _count_between(conn: sqlite3.Connection, lo: datetime, hi: datetime) -> int:
    row = conn.execute(
        "SELECT count(*) FROM entries WHERE start >= ? AND start < ?",
        (db.encode_time(lo), db.encode_time(hi)),
    ).fetchone()
    return int(row[0])


def _read_history(conn: sqlite3.Connection, snap: Snapshot) -> Snapshot:
    """`snap` completed from `conn` (inside the caller's `one_read`), checkpoints made."""
    start = datetime.combine(snap.first_day, time(0), snap.zone)
    found = range_history(conn, start, snap.policy, snap.customers)
    assert found is not None  # made when missing
    return _completed(conn, snap, found)


def _completed(conn: sqlite3.Connection, snap: Snapshot, found: RangeHistory) -> Snapshot:
    """`snap` with the earlier entries from `found.start` on, and the balances there."""
    start = datetime.combine(snap.first_day, time(0), snap.zone)
    earlier = entries_repo.in_range(conn, found.start, start) if found.start < start else []
    split = snap.policy.get("concurrency", "bill_each") == "split"
    context = tuple(relevant_history(earlier, start, snap.customers, split=split))
    return replace(snap, context=context, balances=found.balances, complete=True)


__all__ = ["ReviewSource", "Snapshot", "StoreError"]
