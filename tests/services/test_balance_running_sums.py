"""Each checkpointed month's running sum: a price reads the sum of the month before its own,
not every month of the years before; an edit of the past forgets the sums from its month on
and they are made again from the latest one kept, pricing only the month it touched; under
`bill_each` a checkpoint prices the hours banks' entries alone, and a customer that becomes
an hours bank has its months made again. Every balance is checked against one computed by
hand and against pricing all history from scratch (check_range).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest

from tests.services.test_balance_checkpoints import NOW, ZONE, check_range
from trayclock.domain.entry import Customer, Entry
from trayclock.services import balances
from trayclock.services.pricing import price_stored_range
from trayclock.store import contract_balances, customers, entries
from trayclock.store import settings as settings_repo

BANK_MINUTES = 10_000
MONTHS = [date(2026, m, 1) for m in range(1, 13)]  # January – December 2026
DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def _entry(uuid: str, day: date, minutes: int, customer_id: int) -> Entry:
    start = _at(day, 10)  # a weekday morning: business hours, no multiplier
    end = start + timedelta(minutes=minutes)
    return Entry(uuid, "anydesk", start, end, end, customer_id=customer_id, approved=True)


def _tuesday(first: date) -> date:
    return first + timedelta(days=(1 - first.weekday()) % 7 + 7)  # the month's second Tuesday


def _fill(conn: sqlite3.Connection) -> tuple[int, int]:
    """A bank and a customer without contract, one entry each a month (approved, in business
    hours: no multiplier), of `k` × 10 and `k` × 5 minutes in month k (1-based), billed in
    6-minute increments rounded up (`_billed`)."""
    settings_repo.set_policy(conn, {"timezone": "Europe/Berlin", "increment_minutes": 6}, now=NOW)
    contract = {"included_minutes": BANK_MINUTES, "period": "once"}
    bank = customers.upsert(conn, "bank", "Bank", now=NOW, contract=contract).id
    plain = customers.upsert(conn, "plain", "Plain", now=NOW).id
    for k, first in enumerate(MONTHS, start=1):
        day = _tuesday(first)
        entries.insert(conn, _entry(f"b{k:02d}", day, 10 * k, bank), reason="test", now=NOW)
        entries.insert(conn, _entry(f"p{k:02d}", day, 5 * k, plain), reason="test", now=NOW)
    return bank, plain


def _billed(minutes: int) -> int:
    """Rounded up to 6 minutes (the company's increment, rounding `up` by default)."""
    return -(-minutes // 6) * 6


def _balance(conn: sqlite3.Connection, key: str) -> Fraction | None:
    """The customer's contract balance after December's entries, as `export` prices it."""
    start, end = _at(DECEMBER[0], 0), _at(DECEMBER[1] + timedelta(days=1), 0)
    priced = price_stored_range(conn, start, end, now=NOW)
    (total,) = [t for t in priced.totals if t.key == key]
    return total.contract_balance


def _sums(conn: sqlite3.Connection) -> dict[str, bool]:
    """Each kept month: whether its running sum is kept."""
    rows = conn.execute("SELECT month, drawn_through IS NOT NULL FROM balance_months ORDER BY 1")
    return {str(month): bool(kept) for month, kept in rows}


class _Priced:
    """The entries each checkpointed month is priced from (drawn_minutes' input)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.months: list[list[Entry]] = []
        real = balances.drawn_minutes

        def recorded(
            found: Iterable[Entry], terms: Sequence[Customer], policy: dict[str, Any]
        ) -> dict[int, Fraction]:
            listed = list(found)
            self.months.append(listed)
            return real(listed, terms, policy)

        monkeypatch.setattr(balances, "drawn_minutes", recorded)


def test_a_price_reads_one_running_sum_not_every_month(conn: sqlite3.Connection) -> None:
    _fill(conn)
    # 10k minutes in month k, rounded up to 6: 12, 24, 30, 42, 54, 60, 72, 84, 90, 102, 114, 120.
    by_hand = BANK_MINUTES - sum(_billed(10 * k) for k in range(1, 13))
    assert by_hand == BANK_MINUTES - 804
    assert _balance(conn, "bank") == by_hand  # the checkpoints and their sums are made
    assert _sums(conn) == {f"2026-{m:02d}": True for m in range(1, 12)}
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        assert _balance(conn, "bank") == by_hand
    finally:
        conn.set_trace_callback(None)
    assert not any("balance_draws" in sql for sql in seen), seen  # no month's draws read
    read = [sql for sql in seen if "drawn_through" in sql]
    assert read and all("month = '2026-11'" in sql for sql in read)  # November's row alone
    check_range(conn, *DECEMBER)


def test_an_edit_of_the_past_makes_the_sums_again_from_the_last_one_kept(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(conn)
    _balance(conn, "bank")
    # April's bank entry: 40 → 100 minutes (billed 42 → 102).
    april = entries.get(conn, "b04")
    assert april is not None
    entries.edit(conn, "b04", {"end": april.start + timedelta(minutes=100)}, now=NOW)
    kept = _sums(conn)
    assert "2026-04" not in kept  # April forgotten, its sum with it
    assert kept == {
        **{f"2026-{m:02d}": True for m in (1, 2, 3)},  # before April: their sums hold
        **{f"2026-{m:02d}": False for m in range(5, 12)},  # after: draws kept, sums forgotten
    }
    priced = _Priced(monkeypatch)
    by_hand = BANK_MINUTES - sum(_billed(10 * k) for k in range(1, 13)) - (102 - 42)
    assert _balance(conn, "bank") == by_hand
    (remade,) = priced.months  # only April priced again
    assert [e.uuid for e in remade] == ["b04"]  # … and of its entries only the bank's
    assert _sums(conn) == {f"2026-{m:02d}": True for m in range(1, 12)}
    check_range(conn, *DECEMBER)


def test_history_before_every_checkpoint_forgets_every_sum(conn: sqlite3.Connection) -> None:
    bank, _ = _fill(conn)
    _balance(conn, "bank")
    december_2025 = _tuesday(date(2025, 12, 1))
    entries.insert(conn, _entry("old", december_2025, 60, bank), reason="import", now=NOW)
    assert not any(_sums(conn).values())  # each sum began after it: all forgotten
    by_hand = BANK_MINUTES - 60 - sum(_billed(10 * k) for k in range(1, 13))
    assert _balance(conn, "bank") == by_hand
    check_range(conn, *DECEMBER)


def test_under_bill_each_a_checkpoint_prices_the_banks_entries_alone(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank, plain = _fill(conn)
    priced = _Priced(monkeypatch)
    _balance(conn, "bank")
    assert len(priced.months) == 11
    assert all({e.customer_id for e in month} == {bank} for month in priced.months)
    check_range(conn, *DECEMBER)
    # Under split, time shared with anyone counts: every entry is priced.
    settings_repo.set_policy(
        conn, {"timezone": "Europe/Berlin", "increment_minutes": 6, "concurrency": "split"},
        now=NOW,
    )  # fmt: skip
    priced.months.clear()
    _balance(conn, "bank")
    assert all({e.customer_id for e in month} == {bank, plain} for month in priced.months)
    check_range(conn, *DECEMBER)


@pytest.mark.parametrize("contract", [None, {"included_minutes": 60, "period": "month"}])
def test_a_customer_that_becomes_an_hours_bank_has_its_months_made_again(
    conn: sqlite3.Connection, contract: dict[str, Any] | None
) -> None:
    _fill(conn)
    customers.upsert(conn, "plain", "Plain", now=NOW, contract=contract)
    _balance(conn, "bank")  # checkpoints made: under bill_each without plain's draws
    assert _sums(conn) == {f"2026-{m:02d}": True for m in range(1, 12)}
    bank = {"included_minutes": 600, "period": "once"}
    customers.upsert(conn, "plain", "Plain", now=NOW, contract=bank)
    assert _sums(conn) == {}  # plain has entries from January on: every month forgotten
    # 5k minutes in month k, rounded up to 6: 6, 12, 18, 24, 30, 30, 36, 42, 48, 54, 60, 60.
    by_hand = 600 - sum(_billed(5 * k) for k in range(1, 13))
    assert by_hand == 600 - 420
    assert _balance(conn, "plain") == by_hand
    check_range(conn, *DECEMBER)
    # And back: no hours bank (none, or December's quota of 60 drawn by its 60 minutes).
    customers.upsert(conn, "plain", "Plain", now=NOW, contract=contract)
    assert _balance(conn, "plain") == (None if contract is None else 0)
    check_range(conn, *DECEMBER)


def test_ready_says_whether_a_price_finds_everything_kept(conn: sqlite3.Connection) -> None:
    bank, _ = _fill(conn)
    december = _at(DECEMBER[0], 0)
    assert not balances.ready(conn, december)
    balances.keep_ahead(conn, _at(date(2027, 1, 20), 12))  # as `entries import` in January
    assert _sums(conn) == {f"2026-{m:02d}": True for m in range(1, 13)}
    assert balances.ready(conn, december)
    entries.discard(conn, "b11", now=NOW)
    assert not balances.ready(conn, december)
    found = contract_balances.latest_drawn_through(conn, _basis(conn), "2026-11")
    assert found is not None and found.month == "2026-10"  # the latest kept before November
    assert found.drawn[bank] == sum(_billed(10 * k) for k in range(1, 11))


def _basis(conn: sqlite3.Connection) -> str:
    from trayclock.domain.history import draws_basis

    return draws_basis(settings_repo.policy(conn))


def test_a_first_build_in_batches_goes_on_from_each_batchs_sums(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(conn)
    monkeypatch.setattr(balances, "BATCH_ENTRIES", 2)  # two months a batch (a bank entry each)
    kept: list[list[str]] = []
    real = contract_balances.store

    def recorded(conn: sqlite3.Connection, basis: str, months: Any, sums: Any = ()) -> None:
        kept.append([item.month for item in sums])
        real(conn, basis, months, sums)

    monkeypatch.setattr(contract_balances, "store", recorded)
    balances.keep_ahead(conn, _at(DECEMBER[0], 0))
    assert kept == [[f"2026-{m:02d}", f"2026-{m + 1:02d}"] for m in (1, 3, 5, 7, 9)] + [
        ["2026-11"]
    ]  # each batch's sums, from the one before's: no month summed twice
    assert _sums(conn) == {f"2026-{m:02d}": True for m in range(1, 12)}
    assert _balance(conn, "bank") == BANK_MINUTES - 804
    check_range(conn, *DECEMBER)
