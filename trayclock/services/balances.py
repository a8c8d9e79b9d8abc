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

import contextlib
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from fractions import Fraction
from typing import Any

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
from trayclock.store import contract_balances, entries
from trayclock.store.contract_balances import MonthDraws

log = logging.getLogger(__name__)

STORE_WAIT_MS = 200  # how long keeping checkpoints may wait for another writer


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
    zone = company_zone(policy)
    anchor = history_anchor(range_start, zone, customers)
    bounds = contract_balances.start_bounds(conn)
    if not needs_balances(customers) or bounds is None:
        return RangeHistory(contract_balances.quiet_moment(conn, anchor))
    month = anchor.astimezone(zone).date()
    first, last = (moment.astimezone(zone).date() for moment in bounds)
    # Months after the last entry's draw nothing: only those up to it are checkpointed.
    wanted = _months(first, min(month, next_month(last)))
    basis = draws_basis(policy)
    kept = contract_balances.stored(conn, basis, [month_key(m) for m in wanted])
    missing = [m for m in wanted if month_key(m) not in kept]
    if missing and not build:
        return None
    if missing:
        made = _checkpoint(conn, missing, zone, policy, customers)
        _keep(conn, basis, made)
        kept.update({item.month: item for item in made})
    drawn: dict[int, Fraction] = {}
    for item in kept.values():
        for customer_id, minutes in item.drawn.items():
            drawn[customer_id] = drawn.get(customer_id, Fraction(0)) + minutes
    if wanted and next_month(wanted[-1]) == month:  # the month before is checkpointed
        start = kept[month_key(wanted[-1])].cut_end
    else:
        start = contract_balances.quiet_moment(conn, anchor)
    return RangeHistory(start, opening_balances(customers, drawn))


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


def _keep(conn: sqlite3.Connection, basis: str, made: Sequence[MonthDraws]) -> None:
    """Store the checkpoints in the open read, or not at all if the store is busy."""
    waited = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    conn.execute(f"PRAGMA busy_timeout = {min(waited, STORE_WAIT_MS)}")
    try:
        conn.execute("SAVEPOINT checkpoints")
        try:
            contract_balances.store(conn, basis, made)
        except sqlite3.OperationalError as error:
            conn.execute("ROLLBACK TO checkpoints")
            log.info("contract balance checkpoints not kept this time: %s", error)
        conn.execute("RELEASE checkpoints")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {waited}")


@contextlib.contextmanager
def one_read(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Everything read inside sees one moment of the store (a deferred transaction; inside a
    caller's transaction, that one). Checkpoints kept meanwhile commit at the end."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if conn.in_transaction:
        conn.execute("COMMIT")
