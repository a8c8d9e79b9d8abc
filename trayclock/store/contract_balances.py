"""Contract balance checkpoints: per month, what each customer's billed entries drew, between
two quiet moments; and the invalidation that keeps them true when the past is edited.

A **quiet moment** is one no priced entry (ended, not discarded) runs across: entries before
it and entries after it share no time, so neither changes the other's price (concurrency and
merging only look at entries sharing time; contract draws go in order of start). Each month
(in the company zone) is checkpointed between the quiet moment at or before its first
instant (`cut_start`) and the one at or before the next month's (`cut_end`): the entries
starting in [cut_start, cut_end) are priced alone, and what each customer's billed ones
weigh (weighted minutes: what they would draw from a contract, however large) is stored.
An hours bank's balance at a month's `cut_start` is then its amount less the sum of the
earlier months' draws (`trayclock.domain.pricing.opening_balances`); the draws do not
depend on the contracts' amounts, so changing one needs no invalidation. Whose draws are
kept does depend on the contracts: under `bill_each` only the hours banks' (their entries
alone are priced: `trayclock.domain.history.drawing_customers`), so a customer becoming an
hours bank or ceasing to be one forgets its months (`trayclock.store.customers.upsert`).

Invalidation (in the transaction of the change; `trayclock.store.entries` calls it): a
change of an entry whose old or new image lies within [cut_start, next month's start] of a
month deletes that month. That covers every way a month's figures can move: an entry of its
own (or, under `split`, one sharing time with one of them), and a change that moves either
of its cuts (a cut can only move when an entry reaches into (cut, the month's start]). A
customer's policy overrides change the draws of every month that customer has entries in;
the company policy is the months' `basis` (a fingerprint): rows of another basis are void.
An entry's accepted pauses are priced too (worked time: billing-rules.md step 1): adding,
removing, accepting or trimming one forgets the entry's months like any priced field; a
suggestion or a rejected one changes no price and forgets nothing.

Each month also keeps, once summed, its **running sum** (`drawn_through`): what every month
from the first entry's to it drew, per customer. A price then reads the row of the month
before it, not one row per month of the years before (8 years: 96 months × the customers,
as many Fractions parsed and added). An invalidation from a moment on forgets the running
sums of every month ending after it (each includes a forgotten month's draws, or may);
the months' own draws stay, so a sum is made again from the latest one kept before, adding
the months after it (`trayclock.services.balances`).

Draws are exact: a `Fraction` of minutes stored as "numerator/denominator" (running sums:
a JSON object of customer id → that text).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from trayclock.domain.entry import Entry
from trayclock.domain.pauses import accepted_spans
from trayclock.store.db import decode_time, encode_time
from trayclock.store.entry_rows import PAUSES
from trayclock.store.time_index import LONG_ENTRY, SHORT_SPAN

# Every write of an entry asks this module what to forget; the draws' Fractions (fractions
# brings decimal and numbers, ~200 KiB traced) are read only where a store keeps draws.
if TYPE_CHECKING:
    from fractions import Fraction

# Fields of an entry whose change can move what a month draws (see the module docstring).
PRICED_FIELDS = frozenset(
    {"start", "end", "customer_id", "billable", "approved", "attempt", "discarded"}
)
# The entries running across a moment: those shorter than SHORT_SPAN through the start index
# over the last SHORT_SPAN, longer ones through `entries_long` (see store/time_index.py).
_ACROSS = 'start < ? AND "end" > ? AND discarded = 0'
_SHORT_ACROSS = (
    f"SELECT min(start) FROM entries INDEXED BY entries_start WHERE start >= ? AND {_ACROSS}"
)
_LONG_ACROSS = (
    f"SELECT min(start) FROM entries INDEXED BY entries_long WHERE {LONG_ENTRY} AND {_ACROSS}"
)


@dataclass(frozen=True, slots=True)
class MonthDraws:
    """One checkpointed month: its quiet bounds and each customer's draws in between."""

    month: str  # "YYYY-MM" in the company zone
    cut_start: datetime
    cut_end: datetime
    month_end: datetime  # the next month's first instant
    drawn: Mapping[int, Fraction]  # customer id → weighted minutes of its billed entries


@dataclass(frozen=True, slots=True)
class DrawnThrough:
    """A month's running sum: what the months from the first entry's to `month` drew."""

    month: str
    cut_end: datetime  # the month's `cut_end`: where pricing the next month starts reading
    drawn: Mapping[int, Fraction]  # customer id → weighted minutes, all those months


def quiet_moment(conn: sqlite3.Connection, moment: datetime) -> datetime:
    """The latest quiet moment at or before `moment` (see the module docstring).

    Walks back over the entries running across it: each step is two index searches, one
    over the last day (start index) and one over the few longer entries (`entries_long`).
    """
    at = encode_time(moment)
    while True:
        params = (at, at)
        # Within a day of year 1's start, every entry is "the last day's" (none earlier).
        since = encode_time(decode_time(at) - SHORT_SPAN) if at > "0001-01-02" else ""
        found = [
            conn.execute(_SHORT_ACROSS, (since, *params)).fetchone()[0],
            conn.execute(_LONG_ACROSS, params).fetchone()[0],
        ]
        earliest = min((f for f in found if f is not None), default=None)
        if earliest is None:
            return decode_time(at)
        at = earliest


def start_bounds(conn: sqlite3.Connection) -> tuple[datetime, datetime] | None:
    """The first and last start of any entry (None: no entries): two index look-ups."""
    first, last = conn.execute(
        "SELECT (SELECT min(start) FROM entries), (SELECT max(start) FROM entries)"
    ).fetchone()
    return None if first is None else (decode_time(first), decode_time(last))


def stored(conn: sqlite3.Connection, basis: str, months: Sequence[str]) -> dict[str, MonthDraws]:
    """The checkpointed months among `months` made under `basis`, by month."""
    if not months:
        return {}
    from fractions import Fraction  # see the imports

    rows = conn.execute(
        "SELECT month, cut_start, cut_end, month_end FROM balance_months "
        "WHERE basis = ? AND month >= ? AND month <= ?",
        (basis, min(months), max(months)),
    ).fetchall()
    drawn: dict[str, dict[int, Fraction]] = {str(row[0]): {} for row in rows}
    for month, customer_id, minutes in conn.execute(
        "SELECT d.month, d.customer_id, d.minutes FROM balance_draws d "
        "JOIN balance_months m ON m.month = d.month "
        "WHERE m.basis = ? AND d.month >= ? AND d.month <= ?",
        (basis, min(months), max(months)),
    ):
        drawn[month][int(customer_id)] = Fraction(minutes)
    wanted = set(months)
    return {
        str(month): MonthDraws(
            str(month), decode_time(lo), decode_time(hi), decode_time(end), drawn[str(month)]
        )
        for month, lo, hi, end in rows
        if month in wanted
    }


def drawn_through(conn: sqlite3.Connection, basis: str, month: str) -> DrawnThrough | None:
    """The running sum kept for `month` under `basis`, if any (one row)."""
    row = conn.execute(
        "SELECT month, cut_end, drawn_through FROM balance_months "
        "WHERE month = ? AND basis = ? AND drawn_through IS NOT NULL",
        (month, basis),
    ).fetchone()
    return None if row is None else _running_sum(row)


def latest_drawn_through(conn: sqlite3.Connection, basis: str, month: str) -> DrawnThrough | None:
    """The running sum of the latest month at or before `month` that has one (under `basis`):
    a search back from `month` over the months whose sums were forgotten."""
    row = conn.execute(
        "SELECT month, cut_end, drawn_through FROM balance_months "
        "WHERE month <= ? AND basis = ? AND drawn_through IS NOT NULL "
        "ORDER BY month DESC LIMIT 1",
        (month, basis),
    ).fetchone()
    return None if row is None else _running_sum(row)


def _running_sum(row: Sequence[str]) -> DrawnThrough:
    from fractions import Fraction  # see the imports

    month, cut_end, text = row
    drawn = {int(cid): Fraction(minutes) for cid, minutes in json.loads(text).items()}
    return DrawnThrough(str(month), decode_time(cut_end), drawn)


def store(
    conn: sqlite3.Connection,
    basis: str,
    months: Sequence[MonthDraws],
    sums: Sequence[DrawnThrough] = (),
) -> None:
    """Keep these months (replacing what was kept for them, and any row of another basis),
    then these running sums (each of a month kept under `basis`, this call's or earlier).

    Call inside the transaction that read what they were computed from."""
    conn.execute("DELETE FROM balance_months WHERE basis != ?", (basis,))
    if months:  # a month replaced: the sums from it on may be of its old draws
        conn.execute(
            "UPDATE balance_months SET drawn_through = NULL WHERE month >= ?",
            (min(item.month for item in months),),
        )
    for item in months:
        conn.execute("DELETE FROM balance_months WHERE month = ?", (item.month,))
        conn.execute(
            "INSERT INTO balance_months (month, basis, cut_start, cut_end, month_end) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                item.month,
                basis,
                encode_time(item.cut_start),
                encode_time(item.cut_end),
                encode_time(item.month_end),
            ),
        )
        conn.executemany(
            "INSERT INTO balance_draws (month, customer_id, minutes) VALUES (?, ?, ?)",
            [(item.month, cid, str(minutes)) for cid, minutes in sorted(item.drawn.items())],
        )
    conn.executemany(
        "UPDATE balance_months SET drawn_through = ? WHERE month = ? AND basis = ?",
        [(_sum_text(item.drawn), item.month, basis) for item in sums],
    )


def _sum_text(drawn: Mapping[int, Fraction]) -> str:
    return json.dumps({str(cid): str(minutes) for cid, minutes in sorted(drawn.items())})


# --- invalidation (called in the transaction of the change) ----------------------------------


def invalidate_span(conn: sqlite3.Connection, start: datetime, end: datetime) -> None:
    """Forget every month whose figures an entry lying in [start, end] can move, and the
    running sums of every month after the first of them (they add its draws)."""
    since = encode_time(start)
    conn.execute(
        "UPDATE balance_months SET drawn_through = NULL "
        "WHERE month_end >= ? AND drawn_through IS NOT NULL",
        (since,),
    )
    conn.execute(
        "DELETE FROM balance_months WHERE month_end >= ? AND cut_start <= ?",
        (since, encode_time(max(start, end))),
    )


def invalidate_entries(conn: sqlite3.Connection, images: Iterable[Entry]) -> None:
    """Forget the months these entry images (give the old and the new one) lie in."""
    for image in images:
        invalidate_span(conn, image.start, image.end if image.end is not None else image.start)


def invalidate_hull(conn: sqlite3.Connection, images: Sequence[Entry]) -> None:
    """Many new entries at once (an import): forget the months from the first to the last."""
    if images:
        last = max(e.end if e.end is not None else e.start for e in images)
        invalidate_span(conn, min(e.start for e in images), last)


def invalidate_changed(
    conn: sqlite3.Connection, before: Entry, after: Entry, changed: Iterable[str]
) -> None:
    """An entry's update: forget what it can move, if a changed field is a priced one (its
    accepted pauses among them)."""
    fields = set(changed)
    paused_differently = PAUSES in fields and accepted_spans(before.pauses) != (
        accepted_spans(after.pauses)
    )
    if paused_differently or PRICED_FIELDS.intersection(fields):
        invalidate_entries(conn, (before, after))


def invalidate_customer(conn: sqlite3.Connection, customer_id: int) -> None:
    """A customer's policy changed: forget the months from its first entry to its last."""
    first, last = conn.execute(
        'SELECT min(start), max(coalesce("end", start)) FROM entries WHERE customer_id = ?',
        (customer_id,),
    ).fetchone()
    if first is not None:
        invalidate_span(conn, decode_time(first), decode_time(last))
