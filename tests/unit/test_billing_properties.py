"""Property tests of the billing engine: the sweeps agree with brute force, and invariants hold."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from trayclock.domain.billing import bill_document, parse_document, price
from trayclock.domain.model import BillingResult, PricedEntry, Status

# Near a month's end, so `month` contracts see two calendar months.
BASE = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
ONE_MINUTE = timedelta(minutes=1)
MONEY = re.compile(r"\d+\.\d\d")
CUSTOMERS = ("acme", "beta", "cora")


@st.composite
def documents(draw: st.DrawFn, concurrency: str | None = None) -> dict[str, Any]:
    entries = []
    for number in range(draw(st.integers(0, 14))):
        start = BASE + draw(st.integers(0, 8 * 60)) * ONE_MINUTE
        start += timedelta(seconds=draw(st.sampled_from([0, 0, 20, 30])))
        end = start + draw(st.integers(1, 100)) * ONE_MINUTE
        end += timedelta(seconds=draw(st.sampled_from([0, 0, 10, 40])))
        entries.append(
            {
                "id": f"e{number}",
                "customer": draw(st.sampled_from(CUSTOMERS)),
                "start": start.isoformat(),
                "end": end.isoformat(),
                "billable": draw(st.sampled_from([True, True, True, False])),
                "approved": draw(st.booleans()),
            }
        )
    hours = {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "21:00"}
    policy = {
        "concurrency": concurrency or draw(st.sampled_from(["bill_each", "split"])),
        "rounding": draw(st.sampled_from(["up", "nearest", "down"])),
        "increment_minutes": draw(st.sampled_from([1, 6, 15, 30])),
        "free_under_minutes": draw(st.sampled_from([0, 5, 7.5])),
        "minimum_minutes": draw(st.sampled_from([0, 0, 30])),
        "minimum_charge": draw(st.sampled_from(["0.00", "35.00"])),
        "review_over_minutes": draw(st.sampled_from([None, 60, 45.5])),
        "business_hours": draw(st.sampled_from([None, hours])),
        "timezone": draw(st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"])),
    }
    contract = {
        "included_minutes": draw(st.sampled_from([0, 20, 45, 90.5])),
        "period": draw(st.sampled_from(["once", "month"])),
    }
    customers = {
        "acme": {"contract": contract},
        "beta": {"policy": {"rate": "95.50", "after_hours_multiplier": "2"}},
    }
    return {"policy": policy, "customers": customers, "entries": entries}


def span(item: PricedEntry) -> tuple[int, int]:
    """An entry's interval in microseconds since BASE."""
    micro = timedelta(microseconds=1)
    return (item.entry.start - BASE) // micro, (item.entry.end - BASE) // micro


def took_part(result: BillingResult) -> list[PricedEntry]:
    """Entries that were `billed` after step 2 (merged ones too)."""
    return [p for p in result.entries if p.status in (Status.BILLED, Status.MERGED)]


def union_length(intervals: list[tuple[int, int]]) -> int:
    total, reach = 0, None
    for start, end in sorted(intervals):
        if reach is None or start >= reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def brute_force_effective(items: list[PricedEntry], split: bool) -> dict[str, Fraction]:
    """Step 3 read literally: every piece, every active entry."""
    effective = {item.entry.id: Fraction(0) for item in items}
    points = sorted({t for item in items for t in span(item)})
    for low, high in itertools.pairwise(points):
        owners: dict[str, tuple[int, str]] = {}
        for item in items:
            start, end = span(item)
            if start <= low and end >= high:
                key = (start, item.entry.id)
                customer = item.entry.customer
                owners[customer] = min(owners.get(customer, key), key)
        for _, owner_id in owners.values():
            share = Fraction(high - low, len(owners) if split else 1)
            effective[owner_id] += share / 60_000_000
    return effective


def brute_force_overlaps(result: BillingResult) -> list[tuple[str, str, Fraction]]:
    billable = [p for p in result.entries if p.entry.billable]
    found = []
    for a in billable:
        for b in billable:
            (sa, ea), (sb, eb) = span(a), span(b)
            if (sa, a.entry.id) < (sb, b.entry.id) and min(ea, eb) > max(sa, sb):
                found.append((a.entry.id, b.entry.id, Fraction(min(ea, eb) - sb, 60_000_000)))
    return sorted(found)


@settings(max_examples=80, deadline=None)
@given(documents())
def test_concurrency_sweep_matches_brute_force(doc: dict[str, Any]) -> None:
    result = price(parse_document(doc))
    split = doc["policy"]["concurrency"] == "split"
    expected = brute_force_effective(took_part(result), split)
    assert {p.entry.id: p.effective_minutes for p in took_part(result)} == expected


@settings(max_examples=80, deadline=None)
@given(documents())
def test_overlap_sweep_matches_all_pairs(doc: dict[str, Any]) -> None:
    result = price(parse_document(doc))
    got = sorted((o.a, o.b, o.minutes) for o in result.overlaps)
    assert got == brute_force_overlaps(result)


@settings(max_examples=50, deadline=None)
@given(documents(concurrency="split"))
def test_split_never_bills_a_moment_more_than_once(doc: dict[str, Any]) -> None:
    result = price(parse_document(doc))
    items = took_part(result)
    total = sum((p.effective_minutes for p in items), Fraction(0))
    # Every moment with a billed entry is shared out exactly once, no more.
    assert total == Fraction(union_length([span(p) for p in items]), 60_000_000)


@settings(max_examples=50, deadline=None)
@given(documents(concurrency="bill_each"))
def test_bill_each_never_exceeds_wall_time(doc: dict[str, Any]) -> None:
    result = price(parse_document(doc))
    per_customer: dict[str, list[PricedEntry]] = defaultdict(list)
    for item in took_part(result):
        assert item.effective_minutes <= item.raw_minutes
        per_customer[item.entry.customer].append(item)
    for items in per_customer.values():
        total = sum((p.effective_minutes for p in items), Fraction(0))
        assert total == Fraction(union_length([span(p) for p in items]), 60_000_000)


@settings(max_examples=80, deadline=None)
@given(documents())
def test_amounts_contracts_and_money_format(doc: dict[str, Any]) -> None:
    result = price(parse_document(doc))
    drawn: dict[tuple[str, object], Fraction] = defaultdict(Fraction)
    zone = parse_document(doc).timezone
    for item in result.entries:
        assert item.amount >= 0
        assert 0 <= item.covered_minutes <= item.weighted_minutes
        assert item.chargeable_minutes == item.weighted_minutes - item.covered_minutes
        if item.status is not Status.BILLED:
            assert (item.billed_minutes, item.amount, item.covered_minutes) == (
                0,
                Decimal(0),
                Fraction(0),
            )
        local = item.entry.start.astimezone(zone)
        period = doc["customers"]["acme"]["contract"]["period"]
        drawn[(item.entry.customer, (local.year, local.month) if period == "month" else None)] += (
            item.covered_minutes
        )
    included = Fraction(str(doc["customers"]["acme"]["contract"]["included_minutes"]))
    for (customer, _), covered in drawn.items():
        assert covered <= (included if customer == "acme" else 0)
    out = bill_document(doc)
    for row in out["entries"]:
        assert MONEY.fullmatch(row["amount"]), row
    for total in out["customers"].values():
        assert MONEY.fullmatch(total["amount"]), total
        balance = total["contract_balance"]
        assert balance is None or 0 <= balance <= float(included)


@settings(max_examples=50, deadline=None)
@given(documents(), st.randoms(use_true_random=False))
def test_input_order_changes_no_result(doc: dict[str, Any], rng: Any) -> None:
    shuffled = {**doc, "entries": list(doc["entries"])}
    rng.shuffle(shuffled["entries"])
    before, after = bill_document(doc), bill_document(shuffled)
    rows = {row["id"]: row for row in before["entries"]}
    assert {row["id"]: row for row in after["entries"]} == rows
    assert [row["id"] for row in after["entries"]] == [e["id"] for e in shuffled["entries"]]
    assert after["overlaps"] == before["overlaps"]
    assert after["customers"] == before["customers"]


@settings(max_examples=50, deadline=None)
@given(documents())
def test_customer_totals_are_the_sum_of_their_entries(doc: dict[str, Any]) -> None:
    result = price(parse_document(doc))
    for name, total in result.customers.items():
        items = [p for p in result.entries if p.entry.customer == name]
        assert total.billed_minutes == sum(p.billed_minutes for p in items)
        assert total.amount == sum(p.amount for p in items)
        assert total.needs_review == sum(p.status is Status.NEEDS_REVIEW for p in items)
