"""The one pricing path on plain entries: the builder, the rule for unattached, running and
empty entries, the history rule (trayclock.domain.history), and the one totals function
(trayclock.domain.pricing)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from trayclock.domain.billing import BillingInputError, price
from trayclock.domain.entry import Customer, Entry
from trayclock.domain.history import (
    decides_minutes,
    drawn_minutes,
    draws_basis,
    history_anchor,
    opening_balances,
    relevant_history,
)
from trayclock.domain.model import Status
from trayclock.domain.pricing import (
    UNATTACHED_KEY,
    PriceState,
    billing_input,
    price_range,
    priced_rows,
    range_totals,
    with_balances,
)

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
ACME = Customer(1, "acme", "Acme", policy={"rate": "120.00"})
BANK = Customer(2, "bank", "Bank", contract={"included_minutes": 60, "period": "once"})
QUOTA = Customer(3, "quota", "Quota", contract={"included_minutes": 30, "period": "month"})
CUSTOMERS = [ACME, BANK, QUOTA]


def entry(
    uuid: str, start: int, end: int | None, customer: Customer | None = None, **more
) -> Entry:  # type: ignore[no-untyped-def]
    return Entry(
        uuid=uuid, source="anydesk", start=T0 + start * MIN,
        end=None if end is None else T0 + end * MIN, heartbeat=T0,
        customer_id=customer.id if customer else None, **more,
    )  # fmt: skip


def test_the_builder_gives_the_engine_its_typed_input() -> None:
    entries = [entry("a", 0, 22, ACME), entry("b", 30, 40, ACME, approved=True)]
    inp = billing_input(entries, CUSTOMERS, {"rate": "90.00", "currency": "EUR"})
    assert [(e.id, e.customer, e.start, e.end) for e in inp.entries] == [
        ("a", "acme", T0, T0 + 22 * MIN),
        ("b", "acme", T0 + 30 * MIN, T0 + 40 * MIN),
    ]
    assert inp.entries[1].approved and inp.policy.currency == "EUR"
    assert inp.customers["acme"].policy.rate == Decimal("120.00")  # overrides on the company's
    assert set(inp.customers) == {"acme"}  # only the customers billed here


def test_unattached_entries_are_priced_apart_by_the_company_policy() -> None:
    both = [entry("u1", 0, 40), entry("u2", 10, 30)]  # at once: two customers, not one
    priced = price_range(both, CUSTOMERS, {"rate": "90.00"}, now=T0 + 60 * MIN)
    assert [r.state for r in priced.rows] == [PriceState.PRICED, PriceState.PRICED]
    assert [r.priced.entry.customer for r in priced.rows if r.priced] == [
        f"{UNATTACHED_KEY} u1",
        f"{UNATTACHED_KEY} u2",
    ]
    assert [r.priced.status for r in priced.rows if r.priced] == [Status.BILLED] * 2
    (total,) = priced.totals
    assert total.key == UNATTACHED_KEY and total.customer is None and total.entries == 2
    assert total.billed_minutes == 45 + 30 and total.amount == Decimal("112.50")


def test_a_running_entry_is_listed_unpriced_and_prices_nothing_around_it() -> None:
    running = entry("run", 0, None, ACME)
    inside = entry("in", 10, 20, ACME)  # would be merged into the running one if it counted
    priced = price_range([running, inside], CUSTOMERS, {}, now=T0 + 45 * MIN)
    assert [(r.state, r.priced is None) for r in priced.rows] == [
        (PriceState.RUNNING, True),
        (PriceState.PRICED, False),
    ]
    assert priced.rows[1].priced is not None and priced.rows[1].priced.status is Status.BILLED
    (acme,) = priced.totals
    assert (acme.running, acme.entries, acme.billed_minutes) == (1, 2, 15)
    assert acme.worked == 45 * MIN + 10 * MIN  # the running one up to now


def test_empty_and_discarded_entries_are_not_priced_and_attempts_are_no_work() -> None:
    rows = [
        entry("empty", 5, 5, ACME),
        entry("gone", 0, 30, ACME, discarded=True),
        entry("tried", 0, 2, attempt=True, billable=False),
    ]
    priced = price_range(rows, CUSTOMERS, {}, now=T0 + 60 * MIN)
    states = {r.entry.uuid: r.state for r in priced.rows}
    assert states == {
        "empty": PriceState.EMPTY,
        "gone": PriceState.DISCARDED,
        "tried": PriceState.PRICED,
    }
    tried = priced.rows[2].priced
    assert tried is not None and tried.status is Status.NON_BILLABLE
    totals = {t.key: t for t in priced.totals}
    assert totals["acme"].entries == 1  # the discarded one counts nowhere
    assert totals[UNATTACHED_KEY].worked == timedelta(0)


def test_only_the_terms_of_customers_billed_are_checked() -> None:
    broken = Customer(9, "broken", "Broken", policy={"rate": "lots"})
    inp = billing_input([entry("a", 0, 10, ACME)], [*CUSTOMERS, broken], {})
    assert [e.customer for e in inp.entries] == ["acme"]
    with pytest.raises(BillingInputError, match=r"customer broken: policy\.rate"):
        billing_input([entry("b", 0, 10, broken)], [broken], {})
    with pytest.raises(BillingInputError, match=r"policy: rate"):
        billing_input([], [], {"rate": 85.5})  # a float: refused, even with no entries


def test_carried_balances_replace_a_contracts_starting_amount() -> None:
    inp = billing_input([entry("b", 0, 30, BANK)], CUSTOMERS, {})
    carried = with_balances(inp, {"bank": Fraction(15), "unknown": Fraction(5)})
    assert (b := carried.customers["bank"].contract) is not None and b.included_minutes == 15
    (priced,) = price(carried).entries
    assert priced.covered_minutes == 15 and priced.chargeable_minutes == 15


@pytest.mark.parametrize(
    ("customers", "start", "expected"),
    [
        ([ACME], "2026-11-10T09:30:00+01:00", "2026-11-10T09:30:00+01:00"),  # no contract
        ([QUOTA], "2026-11-10T00:00:00+01:00", "2026-11-01T00:00:00+01:00"),
        ([ACME, BANK], "2026-11-01T00:00:00+01:00", "2026-11-01T00:00:00+01:00"),
        ([BANK], "2026-11-01T00:30:00+00:00", "2026-11-01T00:00:00+01:00"),  # in Berlin's month
    ],
)
def test_where_the_history_of_a_range_is_anchored(
    customers: list[Customer], start: str, expected: str
) -> None:
    zone = ZoneInfo("Europe/Berlin")
    found = history_anchor(datetime.fromisoformat(start), zone, customers)
    assert found == datetime.fromisoformat(expected)


def test_what_entries_draw_and_what_a_bank_opens_with() -> None:
    policy = {"after_hours_multiplier": "2", "business_hours": {"days": [1, 2, 3, 4, 5],
              "start": "08:00", "end": "17:00"}, "concurrency": "split"}  # fmt: skip
    made = [
        entry("b1", 0, 20, BANK),  # 09:00 UTC, split with u1 and a1: 5 + 10/3 → 15 min
        entry("a1", 10, 25, ACME),  # 10/3 + 5/2 → 15 min
        entry("b2", 60 * 10, 60 * 10 + 20, BANK),  # 19:00, after hours: 30 × 2 = 60
        entry("u1", 0, 50),  # unattached: weighs nothing for anyone's contract
        entry("b3", 0, 20, BANK, billable=False),
    ]
    drawn = drawn_minutes(made, CUSTOMERS, policy)
    assert drawn == {BANK.id: Fraction(75), ACME.id: Fraction(15)}
    assert opening_balances(CUSTOMERS, drawn) == {"bank": Fraction(0)}  # 60 − 75: none left
    assert opening_balances(CUSTOMERS, {BANK.id: Fraction(45, 2)}) == {"bank": Fraction(75, 2)}


def test_only_minute_deciding_terms_void_checkpoints() -> None:
    assert draws_basis({"rate": "90.00"}) == draws_basis({"rate": "120.00", "currency": "EUR"})
    assert draws_basis({}) != draws_basis({"increment_minutes": 6})
    assert not decides_minutes({"rate": "90.00"}, {"rate": "95.00", "minimum_charge": "10.00"})
    assert decides_minutes({"rate": "90.00"}, {"rate": "90.00", "free_under_minutes": 5})


def test_which_earlier_entries_matter() -> None:
    range_start = T0 + 60 * MIN
    history = [
        entry("acme-done", 0, 30, ACME),  # no contract, ended before: nothing to change
        entry("acme-reaching", 30, 90, ACME),  # can cover a same-customer entry in the range
        entry("bank-done", 0, 30, BANK),  # drew the hours bank
        entry("loose-done", 0, 30),
        entry("bank-gone", 0, 30, BANK, discarded=True),
    ]
    kept = relevant_history(history, range_start, CUSTOMERS, split=False)
    assert [e.uuid for e in kept] == ["acme-reaching", "bank-done"]
    shared = relevant_history(history, range_start, CUSTOMERS, split=True)
    assert [e.uuid for e in shared] == ["acme-done", "acme-reaching", "bank-done", "loose-done"]


def test_totals_without_a_result_count_time_and_no_money() -> None:
    rows = priced_rows([entry("a", 0, 20, ACME), entry("r", 30, None)], CUSTOMERS, None)
    totals = {t.key: t for t in range_totals(rows, None, T0 + 40 * MIN)}
    assert totals["acme"].worked == 20 * MIN and totals["acme"].amount == 0
    assert totals[UNATTACHED_KEY].worked == 10 * MIN and totals[UNATTACHED_KEY].running == 1
    assert totals["acme"].contract_balance is None


def test_history_is_priced_with_the_range_but_not_returned() -> None:
    earlier = entry("oct", -60 * 24 * 30, -60 * 24 * 30 + 45, BANK)
    now = entry("nov", 0, 30, BANK)
    priced = price_range([now], CUSTOMERS, {}, now=T0 + 60 * MIN, history=[earlier])
    assert [r.entry.uuid for r in priced.rows] == ["nov"]
    assert priced.rows[0].priced is not None and priced.rows[0].priced.covered_minutes == 15
    (bank,) = priced.totals
    assert bank.covered_minutes == 15 and bank.contract_balance == 0
