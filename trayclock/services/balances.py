"""What a stored range's prices need from before it, read from checkpoints: where to start
reading (a quiet moment) and each hours bank's balance there (no Qt).

The rule is `trayclock.domain.history`'s; the checkpoints (per month, what each customer's
billed entries drew) are `trayclock.store.contract_balances`'s. Months not checkpointed yet
are priced here, one at a time (memory stays that of a month), through the one pricing path,
and kept — in the transaction that read them, so a change committed meanwhile can never be
overwritten by figures made before it. Keeping them is a courtesy: when the store is busy
(another process writing) they are used for this price and made again next time.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from fractions import Fraction
from typing import Any

from trayclock.domain.billing import BillingInputError
from trayclock.domain.entry import Customer
from trayclock.domain.history import (
    drawn_minutes,
    draws_basis,
    history_anchor,
    needs_balances,
    next_month,
    opening_balances,
)
from trayclock.services.zones import company_zone
from trayclock.store import contract_balances, db, entries, settings
from trayclock.store import customers as customers_repo
from trayclock.store.contract_balances import MonthDraws
from trayclock.store.db import one_read

log = logging.getLogger(__name__)

STORE_WAIT_MS = 200  # how long keeping checkpoints may wait for another writer
BATCH_MONTHS = 12  # months checkpointed in one transaction by `prepare`


@dataclass(frozen=True, slots=True)
class RangeHistory:
    """Pricing a range from `start` on (a quiet moment at or before it), each hours bank
    starting from `balances` there, gives what pricing every earlier entry would."""

    start: datetime
    balances: dict[str, Fraction] = field(default_factory=dict)


def month_key(first: date) -> str:
    return f"{first.year:04d}-{first.month:02d}"


def _first_instant(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), zone)


def _months(first: date, stop: date) -> list[date]:
    """The first days of the months from `first`'s to the one before `stop`'s."""
    months = []
    month = first.replace(day=1)
    while month < stop:
        months.append(month)
        month = next_month(month)
    return months


@dataclass(frozen=True, slots=True)
class _Plan:
    """The months a price from `anchor` needs checkpointed (those before it, from the first
    entry's to the last entry's: later ones draw nothing)."""

    zone: tzinfo
    anchor: datetime
    month: date  # the anchor's month
    wanted: list[date]
    basis: str


def _plan(
    conn: sqlite3.Connection,
    range_start: datetime,
    policy: dict[str, Any],
    customers: Sequence[Customer],
) -> _Plan | RangeHistory:
    """What pricing from `range_start` needs of the checkpoints, or, when it needs none (no
    hours bank, no entries), the history itself."""
    zone = company_zone(policy)
    anchor = history_anchor(range_start, zone, customers)
    bounds = contract_balances.start_bounds(conn)
    if not needs_balances(customers) or bounds is None:
        return RangeHistory(contract_balances.quiet_moment(conn, anchor))
    month = anchor.astimezone(zone).date()
    first, last = (moment.astimezone(zone).date() for moment in bounds)
    wanted = _months(first, min(month, next_month(last)))
    return _Plan(zone, anchor, month, wanted, draws_basis(policy))


def range_history(
    conn: sqlite3.Connection,
    range_start: datetime,
    policy: dict[str, Any],
    customers: Sequence[Customer],
    *,
    build: bool = True,
) -> RangeHistory | None:
    """Where pricing from `range_start` must start reading, and the hours banks' balances
    there. With `build` False, None when months still have to be checkpointed (the caller
    may do that off its thread); with it, they are priced and kept (see the module)."""
    plan = _plan(conn, range_start, policy, customers)
    if isinstance(plan, RangeHistory):
        return plan
    wanted = plan.wanted
    kept = contract_balances.stored(conn, plan.basis, [month_key(m) for m in wanted])
    missing = [m for m in wanted if month_key(m) not in kept]
    if missing and not build:
        return None
    if missing:
        made = _checkpoint(conn, missing, plan.zone, policy, customers)
        _keep(conn, plan.basis, made)
        kept.update({item.month: item for item in made})
    drawn: dict[int, Fraction] = {}
    for item in kept.values():
        for customer_id, minutes in item.drawn.items():
            drawn[customer_id] = drawn.get(customer_id, Fraction(0)) + minutes
    if wanted and next_month(wanted[-1]) == plan.month:  # the month before is checkpointed
        start = kept[month_key(wanted[-1])].cut_end
    else:
        start = contract_balances.quiet_moment(conn, plan.anchor)
    return RangeHistory(start, opening_balances(customers, drawn))


def prepare(conn: sqlite3.Connection, range_start: datetime) -> None:
    """Checkpoint the months a price from `range_start` needs, BATCH_MONTHS at a time, each
    batch in a read (and transaction) of its own: a long first build (after an import or an
    upgrade) is kept as it goes, whatever other connections commit meanwhile. Inside a
    caller's transaction it does nothing: the price's own read makes what is missing."""
    if conn.in_transaction:
        return
    while True:
        with one_read(conn):
            policy = settings.policy(conn)
            customers = customers_repo.list_all(conn, include_archived=True)
            plan = _plan(conn, range_start, policy, customers)
            if isinstance(plan, RangeHistory):
                return
            months = [month_key(m) for m in plan.wanted]
            kept = contract_balances.stored(conn, plan.basis, months)
            missing = [m for m in plan.wanted if month_key(m) not in kept][:BATCH_MONTHS]
            if not missing:
                return
            made = _checkpoint(conn, missing, plan.zone, policy, customers)
            if not _keep(conn, plan.basis, made):
                return  # the store is busy: the price's own read makes them


def _checkpoint(
    conn: sqlite3.Connection,
    months: Sequence[date],
    zone: tzinfo,
    policy: dict[str, Any],
    customers: Sequence[Customer],
) -> list[MonthDraws]:
    """Each month priced alone, from the quiet moment before it to the one before the next."""
    cuts: dict[date, datetime] = {}

    def cut(first: date) -> datetime:
        if first not in cuts:
            cuts[first] = contract_balances.quiet_moment(conn, _first_instant(first, zone))
        return cuts[first]

    made = []
    for first in months:
        following = next_month(first)
        lo, hi = cut(first), cut(following)
        drawn = drawn_minutes(entries.in_range(conn, lo, hi), customers, policy)
        end = _first_instant(following, zone)
        made.append(MonthDraws(month_key(first), lo, hi, end, drawn))
    return made


def _keep(conn: sqlite3.Connection, basis: str, made: Sequence[MonthDraws]) -> bool:
    """Store the checkpoints in the open read, or not at all if the store is busy (False)."""
    waited = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    conn.execute(f"PRAGMA busy_timeout = {min(waited, STORE_WAIT_MS)}")
    try:
        conn.execute("SAVEPOINT checkpoints")
        try:
            contract_balances.store(conn, basis, made)
        except sqlite3.OperationalError as error:
            conn.execute("ROLLBACK TO checkpoints")
            log.info("contract balance checkpoints not kept this time: %s", error)
            return False
        finally:
            conn.execute("RELEASE checkpoints")
        return True
    finally:
        conn.execute(f"PRAGMA busy_timeout = {waited}")


def keep_up(path: str, now: datetime) -> None:
    """Checkpoint what a price of `now`'s month needs, on a connection of its own (the tray
    runs this on a thread of its own after start-up, so a first review after an upgrade or
    an import does not wait for it). Problems are logged: the prices make what is missing."""
    try:
        conn = db.open_again(path)
    except sqlite3.Error as error:
        log.warning("contract balance checkpoints: cannot open %s: %s", path, error)
        return
    try:
        prepare(conn, now)
    except (sqlite3.Error, db.StoreError, BillingInputError) as error:
        log.warning("contract balance checkpoints not made: %s", error)
    finally:
        conn.close()
