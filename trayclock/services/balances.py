"""What a stored range's prices need from before it, read from checkpoints: where to start
reading (a quiet moment) and each hours bank's balance there (no Qt).

The rule is `trayclock.domain.history`'s; the checkpoints (per month, what each customer's
billed entries drew, and each month's running sum of them) are
`trayclock.store.contract_balances`'s. A price reads the running sum of the month before
its own: one row, however many years came before. When that sum is not kept (a first
price, or the past was edited), it is made from the latest sum kept before it, adding the
months after that one; months not checkpointed yet are priced here, one at a time (memory
stays that of a month), through the one pricing path. What is made is kept — in the
transaction that read it, so a change committed meanwhile can never be overwritten by
figures made before it. Keeping is a courtesy: when the store is busy (another process
writing) or read-only (a command that only reads), the figures are used for this price and
made again next time. `entries import` and the tray make them ahead (`prepare`,
`keep_ahead`; the tray's thread is services.startup.keep_balances_up), so a price after an
import finds them.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from fractions import Fraction
from typing import Any

from trayclock.domain.billing_error import BillingInputError  # not the engine: see its module
from trayclock.domain.entry import Customer
from trayclock.domain.history import (
    drawing_customers,
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
from trayclock.store.contract_balances import DrawnThrough, MonthDraws
from trayclock.store.db import one_read

log = logging.getLogger(__name__)

STORE_WAIT_MS = 200  # how long keeping checkpoints may wait for another writer
# Entries priced into checkpoints in one transaction by `prepare` (~0.3 s; a year of 1,000
# entries a month): months without entries cost a few index look-ups, never a commit each.
BATCH_ENTRIES = 12_000


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
    # Up to the last entry's month (later ones draw nothing); next_month only when it is
    # before the anchor's, so an entry in December 9999 asks for no month after it.
    wanted = _months(first, month if last >= month else next_month(last))
    return _Plan(zone, anchor, month, wanted, draws_basis(policy))


@dataclass(slots=True)
class _Sums:
    """What a price's running sum is made from: the latest one kept before it (None: from
    the first month), the wanted months after that, and those of them checkpointed."""

    base: DrawnThrough | None
    months: list[date]
    kept: dict[str, MonthDraws]

    def missing(self) -> list[date]:
        return [m for m in self.months if month_key(m) not in self.kept]

    def summed(self, upto: date | None = None) -> list[DrawnThrough]:
        """The running sum of each of `months` (up to `upto`; all of those checkpointed)."""
        running = dict(self.base.drawn) if self.base is not None else {}
        sums = []
        for first in self.months:
            if upto is not None and first > upto:
                break
            item = self.kept[month_key(first)]
            for customer_id, minutes in item.drawn.items():
                running[customer_id] = running.get(customer_id, Fraction(0)) + minutes
            sums.append(DrawnThrough(item.month, item.cut_end, dict(running)))
        return sums


def _sums(conn: sqlite3.Connection, plan: _Plan) -> DrawnThrough | _Sums:
    """The running sum through the plan's last wanted month if kept (one row), else what it
    is made from (see _Sums)."""
    target, first = month_key(plan.wanted[-1]), month_key(plan.wanted[0])
    done = contract_balances.drawn_through(conn, plan.basis, target)
    if done is not None:
        return done
    base = contract_balances.latest_drawn_through(conn, plan.basis, target)
    if base is not None and base.month < first:
        base = None  # a month before the history's first: it adds nothing
    months = [m for m in plan.wanted if base is None or month_key(m) > base.month]
    kept = contract_balances.stored(conn, plan.basis, [month_key(m) for m in months])
    return _Sums(base, months, kept)


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
    may do that off its thread), and nothing is written (a running sum missing over kept
    months is added up, not kept); with it, they are priced and kept (see the module)."""
    plan = _plan(conn, range_start, policy, customers)
    if isinstance(plan, RangeHistory):
        return plan
    if not plan.wanted:  # nothing before the anchor's month
        return RangeHistory(contract_balances.quiet_moment(conn, plan.anchor))
    through = _sums(conn, plan)
    if isinstance(through, _Sums):
        missing = through.missing()
        if missing and not build:
            return None
        made = _checkpoint(conn, missing, plan.zone, policy, customers)
        through.kept.update({item.month: item for item in made})
        sums = through.summed()
        if build:
            _keep(conn, plan.basis, made, sums)
        through = sums[-1]
    if next_month(plan.wanted[-1]) == plan.month:  # the month before is checkpointed
        start = through.cut_end
    else:
        start = contract_balances.quiet_moment(conn, plan.anchor)
    return RangeHistory(start, opening_balances(customers, through.drawn))


def ready(conn: sqlite3.Connection, range_start: datetime) -> bool:
    """Whether a price from `range_start` finds everything it needs kept (a read-only
    connection then prices it as fast as any): a few index look-ups."""
    with one_read(conn):
        policy = settings.policy(conn)
        customers = customers_repo.list_all(conn, include_archived=True)
        plan = _plan(conn, range_start, policy, customers)
        if isinstance(plan, RangeHistory) or not plan.wanted:
            return True
        target = month_key(plan.wanted[-1])
        return contract_balances.drawn_through(conn, plan.basis, target) is not None


def prepare(conn: sqlite3.Connection, range_start: datetime) -> None:
    """Checkpoint the months a price from `range_start` needs, BATCH_ENTRIES entries at a
    time, each batch with its running sums in a read (and transaction) of its own: a long
    first build (after an import or an upgrade) is kept as it goes, whatever other
    connections commit meanwhile, and each batch goes on from the last one's sums. Inside
    a caller's transaction it does nothing: the price's own read makes what is missing."""
    if conn.in_transaction:
        return
    while True:
        with one_read(conn):
            policy = settings.policy(conn)
            customers = customers_repo.list_all(conn, include_archived=True)
            plan = _plan(conn, range_start, policy, customers)
            if isinstance(plan, RangeHistory) or not plan.wanted:
                return
            through = _sums(conn, plan)
            if not isinstance(through, _Sums):
                return
            missing = through.missing()
            made = _checkpoint(
                conn, missing, plan.zone, policy, customers, entries_budget=BATCH_ENTRIES
            )
            through.kept.update({item.month: item for item in made})
            # Every month up to the batch's last is kept now: their sums too, so the next
            # batch starts from them (and reads none of these months again).
            sums = through.summed(upto=missing[len(made) - 1] if made else None)
            if not _keep(conn, plan.basis, made, sums):
                return  # the store is busy: the price's own read makes them
            if len(made) == len(missing):
                return


def _checkpoint(
    conn: sqlite3.Connection,
    months: Sequence[date],
    zone: tzinfo,
    policy: dict[str, Any],
    customers: Sequence[Customer],
    *,
    entries_budget: int | None = None,
) -> list[MonthDraws]:
    """Each month priced alone, from the quiet moment before it to the one before the next;
    with `entries_budget`, the first months only, up to the one that makes the entries
    priced reach it (at least one month)."""
    cuts: dict[date, datetime] = {}

    def cut(first: date) -> datetime:
        if first not in cuts:
            cuts[first] = contract_balances.quiet_moment(conn, _first_instant(first, zone))
        return cuts[first]

    made = []
    priced = 0
    drawing = drawing_customers(customers, policy)  # bill_each: the banks' entries alone
    for first in months:
        following = next_month(first)
        lo, hi = cut(first), cut(following)
        read = entries.in_range(conn, lo, hi, customer_ids=drawing)
        drawn = drawn_minutes(read, customers, policy) if read else {}
        end = _first_instant(following, zone)
        made.append(MonthDraws(month_key(first), lo, hi, end, drawn))
        priced += len(read)
        if entries_budget is not None and priced >= entries_budget:
            break
    return made


def _keep(
    conn: sqlite3.Connection,
    basis: str,
    made: Sequence[MonthDraws],
    sums: Sequence[DrawnThrough] = (),
) -> bool:
    """Store the checkpoints and running sums in the open read, or not at all if the store
    is busy or cannot be written here (False)."""
    if not made and not sums:
        return True
    waited = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    conn.execute(f"PRAGMA busy_timeout = {min(waited, STORE_WAIT_MS)}")
    try:
        conn.execute("SAVEPOINT checkpoints")
        try:
            contract_balances.store(conn, basis, made, sums)
        except sqlite3.OperationalError as error:
            conn.execute("ROLLBACK TO checkpoints")
            log.info("contract balance checkpoints not kept this time: %s", error)
            return False
        finally:
            conn.execute("RELEASE checkpoints")
        return True
    finally:
        conn.execute(f"PRAGMA busy_timeout = {waited}")


def keep_ahead(conn: sqlite3.Connection, now: datetime) -> None:
    """What a price of `now`'s month (or any before it) needs, checkpointed (`prepare`:
    `entries import` runs it after its transaction), its problems logged, not raised: a
    price makes what is missing, and says what is wrong with the stored terms itself."""
    try:
        prepare(conn, now)
    except (sqlite3.Error, db.StoreError, BillingInputError) as error:
        log.warning("contract balance checkpoints not made: %s", error)
