"""Checkpointed contract balances price every range as pricing the whole history would.

The invariant, over random histories and random edits of the past: for any range, what
`trayclock export` prices (`price_stored_range`: the range's month back to a quiet moment,
hours banks from the store's checkpoints) and what the review window prices (its snapshot,
read at once or completed on another connection) equal, to the cent and to every minute and
explanation, pricing every entry that starts before the range's end from scratch. The
edits go through the store's real API, between prices, so checkpoints made before an edit
must be forgotten by it: entry times (across months, into long multi-day spans), customers,
billability, approval, discards, new entries in the past, pauses (accepted ones are
priced: an hours bank draws worked time; added, removed, suggested and answered), the company
policy (both concurrency policies, after hours), contracts (once and month) and a customer's
policy overrides.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import Entry
from trayclock.domain.pauses import EntryPause, PauseState
from trayclock.domain.pricing import PricedRange, price_range
from trayclock.services.pricing import price_stored_range
from trayclock.services.review.pricing import price_snapshot
from trayclock.services.review.source import ReviewSource
from trayclock.services.startup import keep_balances_up
from trayclock.store import contract_balances, customers, db, entries, pauses
from trayclock.store import settings as settings_repo
from trayclock.store.db import StoreError

ZONE = ZoneInfo("Europe/Berlin")
FIRST_MONTH = datetime(2026, 9, 1, tzinfo=ZONE)
SPAN_MIN = 153 * 24 * 60  # September 2026 – January 2027 (the clocks change in October)
MONTH_STARTS = [datetime(2026, 10, 1), datetime(2026, 11, 1), datetime(2026, 12, 1),
                datetime(2027, 1, 1)]  # fmt: skip
BOUNDARIES_MIN = [
    int((m.replace(tzinfo=ZONE) - FIRST_MONTH).total_seconds()) // 60 for m in MONTH_STARTS
]
MONTHS = [date(2026, 9, 1), *(m.date() for m in MONTH_STARTS)]
NOW = datetime(2027, 3, 1, tzinfo=UTC)
KEYS = ("bank", "quota", "plain", "small")
# A bank never drawn dry (its balance shows every earlier draw), a quota, none, a small bank.
CONTRACTS: list[dict[str, Any] | None] = [
    {"included_minutes": 100_000, "period": "once"},
    {"included_minutes": 45, "period": "month"},
    None,
    {"included_minutes": 60, "period": "once"},
]
MORE_CONTRACTS = [
    *CONTRACTS,
    {"included_minutes": 300, "period": "once"},
    {"included_minutes": 15, "period": "month"},
]
POLICIES: list[dict[str, Any]] = [
    {},
    {"increment_minutes": 6},
    {"free_under_minutes": 25, "after_hours_multiplier": "3"},
    {"increment_minutes": 1, "minimum_minutes": 40},
]
EARLY = datetime(1, 1, 2, tzinfo=UTC)


def _minute(offset: int) -> datetime:
    return (FIRST_MONTH.astimezone(UTC) + timedelta(minutes=offset)).astimezone(UTC)


# Half the entries near a month's start: what runs across one decides where it is cut.
starts = st.one_of(
    st.integers(0, SPAN_MIN - 1),
    st.builds(
        lambda b, d: max(0, b + d), st.sampled_from(BOUNDARIES_MIN), st.integers(-3_000, 300)
    ),
)
durations = st.one_of(
    st.integers(0, 120), st.integers(120, 1_500), st.integers(1_400, 4_000), st.just(0)
)


@dataclass(frozen=True)
class Spec:
    start: int
    minutes: int
    customer: int | None
    billable: bool
    approved: bool
    discarded: bool
    running: bool
    paused: bool = False  # an accepted pause over its middle third (an ended entry's)


specs = st.builds(
    Spec,
    starts,
    durations,
    st.one_of(st.none(), st.integers(0, len(KEYS) - 1)),
    st.integers(0, 5).map(lambda n: n != 0),
    st.booleans(),
    st.integers(0, 9).map(lambda n: n == 0),
    st.integers(0, 19).map(lambda n: n == 0),
    st.integers(0, 3).map(lambda n: n == 0),
)
days = st.integers(0, SPAN_MIN // (24 * 60) + 10).map(lambda n: date(2026, 9, 1) + timedelta(n))
ranges = st.one_of(
    days.map(lambda d: (d.replace(day=1), _month_end(d))),  # a month
    days.map(lambda d: (d, d)),
    st.tuples(days, st.integers(0, 40)).map(lambda t: (t[0], t[0] + timedelta(t[1]))),
)
company = st.fixed_dictionaries(
    {"timezone": st.just("Europe/Berlin"), "concurrency": st.sampled_from(["bill_each", "split"])},
    optional={
        "increment_minutes": st.sampled_from([1, 6, 15]),
        "business_hours": st.just({"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"}),
        "after_hours_multiplier": st.sampled_from(["1.5", "2"]),
        "after_hours_minimum_minutes": st.sampled_from([0, 60]),
        "review_over_minutes": st.sampled_from([None, 90]),
    },
)
# A pause over [a, b] (in hundredths of the entry): added, suggested then accepted or
# rejected, or the entry's first pause removed.
pause_edits = st.tuples(
    st.just("pause"),
    st.integers(0, 99),
    st.sampled_from(["add", "accept", "reject", "remove"]),
    st.integers(0, 99),
    st.integers(1, 100),
)
entry_edits = st.one_of(
    st.tuples(st.just("times"), st.integers(0, 99), starts, durations),
    st.tuples(st.just("customer"), st.integers(0, 99), st.one_of(st.none(), st.integers(0, 3))),
    st.tuples(st.just("billable"), st.integers(0, 99), st.booleans()),
    st.tuples(st.just("approved"), st.integers(0, 99), st.booleans()),
    st.tuples(st.just("discard"), st.integers(0, 99), st.booleans()),
    st.tuples(st.just("insert"), specs),
    pause_edits,
    pause_edits,  # twice: a pause moves a draw only when it moves the billed minutes
)
# Changes of terms void many months at once: rarer, or they would hide a missed invalidation.
edits = st.one_of(
    entry_edits,
    entry_edits,
    entry_edits,
    st.tuples(st.just("company"), company),
    st.tuples(st.just("contract"), st.integers(0, 3), st.sampled_from(MORE_CONTRACTS)),
    st.tuples(st.just("terms"), st.sampled_from([0, 0, 3, 1, 2]), st.sampled_from(POLICIES)),
    st.tuples(st.just("price"), ranges),
)


def _month_end(day: date) -> date:
    following = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return following - timedelta(days=1)


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    return (
        datetime.combine(first, time(0), ZONE),
        datetime.combine(last + timedelta(days=1), time(0), ZONE),
    )


def from_scratch(conn: sqlite3.Connection, start: datetime, end: datetime) -> PricedRange:
    """The reference: every entry starting before `end` priced together, the range's shown."""
    every = entries.in_range(conn, EARLY, end)
    return price_range(
        [e for e in every if e.start >= start],
        customers.list_all(conn, include_archived=True),
        settings_repo.policy(conn),
        now=NOW,
        history=[e for e in every if e.start < start],
    )


def check_range(conn: sqlite3.Connection, first: date, last: date, *, review: bool = True) -> None:
    start, end = _bounds(first, last)
    want = from_scratch(conn, start, end)
    got = price_stored_range(conn, start, end, now=NOW)
    assert got.rows == want.rows, (first, last)
    assert got.totals == want.totals, (first, last)
    assert got.overlaps == want.overlaps, (first, last)
    if not review:
        return
    wanted = {row.entry.uuid: row.priced for row in want.rows}
    source = ReviewSource(conn, ManualClock(NOW))
    for snap in (
        source.snapshot(first, last),
        source.with_history_elsewhere(source.snapshot(first, last, history=False)),
    ):
        result = price_snapshot(snap)
        shown = {e.uuid for e in snap.shown}
        priced = {p.entry.id: p for p in result.entries if p.entry.id in shown}
        assert priced == {k: v for k, v in wanted.items() if v is not None}, (first, last)


def _entry(number: int, spec: Spec, ids: list[int]) -> Entry:
    start = _minute(spec.start)
    end = None if spec.running else start + timedelta(minutes=spec.minutes)
    third = timedelta(minutes=spec.minutes) / 3
    paused = spec.paused and end is not None and spec.minutes >= 3
    return Entry(
        uuid=f"e{number:03d}",
        source="anydesk",
        start=start,
        end=end,
        heartbeat=end or start,
        customer_id=None if spec.customer is None else ids[spec.customer],
        billable=spec.billable,
        approved=spec.approved,
        discarded=spec.discarded,
        pauses=(EntryPause(start + third, end - third),) if paused and end else (),
    )


def _edit(conn: sqlite3.Connection, edit: tuple[Any, ...], ids: list[int]) -> None:
    kind = edit[0]
    made = [e.uuid for e in entries.in_range(conn, EARLY, NOW, include_discarded=True)]
    target = made[edit[1] % len(made)] if made and isinstance(edit[1], int) else None
    if kind == "times" and target is not None:
        start = _minute(edit[2])
        current = entries.get(conn, target)
        assert current is not None
        end = None if current.end is None else start + timedelta(minutes=edit[3])
        with contextlib.suppress(StoreError):  # refused: all of it inside a pause
            entries.update(conn, target, {"start": start, "end": end}, reason="test", now=NOW)
    elif kind == "customer" and target is not None:
        cid = None if edit[2] is None else ids[edit[2]]
        entries.edit(conn, target, {"customer_id": cid}, now=NOW)
    elif kind in ("billable", "approved", "discard") and target is not None:
        field = {"discard": "discarded"}.get(kind, kind)
        entries.update(conn, target, {field: edit[2]}, reason="test", now=NOW)
    elif kind == "pause" and target is not None:
        _pause(conn, target, *edit[2:])
    elif kind == "insert":
        entries.insert(conn, _entry(len(made), edit[1], ids), reason="test", now=NOW)
    elif kind == "company":
        settings_repo.set_policy(conn, edit[1], now=NOW)
    elif kind in ("contract", "terms"):
        known = customers.get(conn, ids[edit[1]])
        assert known is not None
        customers.upsert(
            conn,
            known.key,
            known.name,
            now=NOW,
            policy=edit[2] if kind == "terms" else known.policy,
            contract=edit[2] if kind == "contract" else known.contract,
        )
    elif kind == "price":
        check_range(conn, *edit[1])


def _pause(conn: sqlite3.Connection, uuid: str, how: str, low: int, high: int) -> None:
    """One pause edit through the store's pause commands; a refused one changes nothing."""
    entry = entries.get(conn, uuid)
    assert entry is not None
    if entry.end is None or entry.end <= entry.start:
        return
    span = entry.end - entry.start
    lo, hi = entry.start + span * min(low, high - 1) / 100, entry.start + span * high / 100
    with contextlib.suppress(StoreError):  # over another pause, leaving no worked time
        if how == "remove" and entry.pauses:
            pauses.remove(conn, entry.pauses[0].id or 0, reason="test", now=NOW)
        elif how == "add":
            pauses.add(conn, uuid, lo, hi, reason="test", now=NOW)
        elif how in ("accept", "reject"):
            found = pauses.suggest(
                conn, uuid, lo, hi, minimum=timedelta(seconds=1), reason="idle", now=NOW
            )
            for pause in found.pauses if found is not None else ():
                if pause.state is PauseState.SUGGESTED:
                    accept = how == "accept"
                    pauses.answer(conn, pause.id or 0, accept=accept, reason="test", now=NOW)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    history=st.lists(specs, max_size=30),
    policy=company,
    steps=st.lists(edits, min_size=1, max_size=15),
    last=ranges,
)
def test_checkpointed_prices_equal_pricing_all_history(
    history: list[Spec], policy: dict[str, Any], steps: list[tuple[Any, ...]], last: Any
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        conn = db.connect(Path(folder) / "t.sqlite3")
        try:
            settings_repo.set_policy(conn, policy, now=NOW)
            ids = [
                customers.upsert(conn, key, key.title(), now=NOW, contract=contract,
                                 policy=POLICIES[n % len(POLICIES)]).id
                for n, (key, contract) in enumerate(zip(KEYS, CONTRACTS, strict=True))
            ]  # fmt: skip
            # Every month, an entry of each customer: each month's totals show the banks'
            # balances, also of a customer that became a bank (its months must be made again).
            steady = [Spec(m + 14 * 24 * 60 + 600, 22, c, True, True, False, False)
                      for m in [0, *BOUNDARIES_MIN] for c in range(len(KEYS))]  # fmt: skip
            for number, spec in enumerate([*history, *steady]):
                entries.insert(conn, _entry(number, spec, ids), reason="test", now=NOW)
            for first in MONTHS:  # every month priced: the checkpoints are made
                check_range(conn, first, _month_end(first))
            for step in steps:
                _edit(conn, step, ids)
                # January's banks show every earlier month's draws: a stale one shows at once
                check_range(conn, date(2027, 1, 1), date(2027, 1, 31), review=False)
            check_range(conn, *last)
            for first in MONTHS:
                check_range(conn, first, _month_end(first))
        finally:
            conn.close()


def _plain(uuid: str, start: datetime, end: datetime, customer_id: int | None) -> Entry:
    return Entry(uuid, "anydesk", start, end, end, customer_id=customer_id, approved=True)


def test_the_quiet_moment_walks_back_over_entries_long_and_short(
    conn: sqlite3.Connection,
) -> None:
    start = datetime(2026, 11, 1, tzinfo=ZONE)
    made = [
        _plain("long", start - timedelta(days=3), start + timedelta(hours=2), None),  # 3 days
        _plain("chain", start - timedelta(days=3, hours=1), start - timedelta(days=2), None),
        _plain("gone", start - timedelta(days=9), start + timedelta(hours=1), None),
        _plain("touch", start - timedelta(days=4), start - timedelta(days=3, hours=1), None),
    ]
    for entry in made:
        entries.insert(conn, entry, reason="test", now=NOW)
    entries.discard(conn, "gone", now=NOW)  # a discarded entry runs across nothing
    assert contract_balances.quiet_moment(conn, start) == start - timedelta(days=3, hours=1)
    assert contract_balances.quiet_moment(conn, start - timedelta(days=3, hours=1)) == (
        start - timedelta(days=3, hours=1)  # "touch" ends there: touching is not sharing time
    )
    running = _plain("running", start - timedelta(days=20), start, None)
    entries.insert(conn, running.with_changes(end=None), reason="test", now=NOW)
    assert contract_balances.quiet_moment(conn, start) == start - timedelta(days=3, hours=1)


def test_an_entry_that_bridged_to_the_next_month_is_forgotten_by_both_months(
    conn: sqlite3.Connection,
) -> None:
    # Y and X share time; X runs into March, so March's cut was Y's start and Y's draw
    # was March's. Without X, March starts quiet at its first instant and Y is February's.
    settings_repo.set_policy(conn, {"timezone": "Europe/Berlin"}, now=NOW)
    bank = customers.upsert(conn, "bank", "Bank", now=NOW, contract=CONTRACTS[0]).id
    feb20 = datetime(2027, 2, 20, 9, 0, tzinfo=ZONE)
    march = datetime(2027, 3, 1, tzinfo=ZONE)
    for entry in (
        _plain("y", feb20, feb20 + timedelta(minutes=50), bank),
        _plain("x", feb20 + timedelta(minutes=30), march + timedelta(hours=1), bank),
        _plain("apr", datetime(2027, 4, 6, 9, 0, tzinfo=ZONE), datetime(2027, 4, 6, 9, 20,
               tzinfo=ZONE), bank),
    ):  # fmt: skip
        entries.insert(conn, entry, reason="test", now=NOW)
    april = (date(2027, 4, 1), date(2027, 4, 30))
    check_range(conn, *april)  # February and March checkpointed
    entries.discard(conn, "x", now=NOW)
    check_range(conn, *april)


def test_the_tray_brings_the_checkpoints_up_on_a_connection_of_its_own(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    settings_repo.set_policy(conn, {"timezone": "Europe/Berlin"}, now=NOW)
    bank = customers.upsert(conn, "bank", "Bank", now=NOW, contract=CONTRACTS[0]).id
    for k in range(6):
        start = datetime(2026, 9, 3, 10, tzinfo=ZONE) + timedelta(days=30 * k)
        entries.insert(conn, _plain(f"k{k}", start, start + timedelta(minutes=20), bank),
                       reason="test", now=NOW)  # fmt: skip
    path = db.file_of(conn)
    assert path is not None
    keep_balances_up(path, datetime(2027, 1, 20, tzinfo=ZONE))
    kept = [row[0] for row in conn.execute("SELECT month FROM balance_months ORDER BY month")]
    assert kept == ["2026-09", "2026-10", "2026-11", "2026-12"]  # all before January
    check_range(conn, date(2027, 1, 1), date(2027, 1, 31))
