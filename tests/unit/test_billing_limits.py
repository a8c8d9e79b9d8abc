"""The engine's real limits (domain.billing_limits): values that passed validation and then
crashed or priced wrong are refused at the door, naming the field; what passes prices exactly."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from billing_docs import MON_FRI_8_TO_17, SATURDAY, document, entry

from trayclock.domain import billing_limits
from trayclock.domain.billing import BillingInputError, bill_document, parse_document, price
from trayclock.domain.billing_limits import (
    MAX_MINUTES,
    MAX_NUMBER_CHARS,
    OversizedNumber,
    load_json,
    moment_problem,
    unicode_problem,
)
from trayclock.domain.model import BillingEntry, BillingInput, CustomerTerms, Policy


def problems_of(doc: Any) -> list[str]:
    with pytest.raises(BillingInputError) as caught:
        bill_document(doc)
    return caught.value.problems


def good(**extra: Any) -> dict[str, Any]:
    return entry("e1", "acme", "09:00", "09:30", **extra)


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            {"minimum_charge": "1" * 27 + ".00"},
            "policy: minimum_charge: must be at most 999,999,999,999.99, "
            "got 111111111111111111111111111.00",
        ),
        ({"rate": "1000000000000"}, "policy: rate: must be at most 999,999,999,999.99"),
        (
            {"rate": "1" * 200_000 + ".5"},
            "policy: rate: a number of 200,002 characters; at most 32 are read",
        ),
        ({"after_hours_multiplier": "1000.01"}, "policy: after_hours_multiplier: must be at most"),
        ({"minimum_minutes": 10**400}, "policy: minimum_minutes: too long: a number of about 401"),
        (
            {"increment_minutes": OversizedNumber(5_001)},
            "policy: increment_minutes: too long: a number of 5,001 characters",
        ),
        (
            {"minimum_minutes": MAX_MINUTES + 1},
            "policy: minimum_minutes: must be at most 10,000,000,000 minutes, got 10000000001",
        ),
        ({"after_hours_minimum_minutes": 1e300}, "policy: after_hours_minimum_minutes: must be at"),
        ({"free_under_minutes": 1e11}, "policy: free_under_minutes: must be at most"),
        ({"review_over_minutes": 10**40}, "policy: review_over_minutes: too long"),
        ({"free_under_minutes": float("inf")}, "policy: free_under_minutes: must be a finite"),
        ({"timezone": "Europe/" + "x" * 100}, "policy: timezone: unknown IANA time zone"),
        ({"timezone": "Europe/\ud800"}, "policy: timezone: unknown IANA time zone"),
    ],
)
def test_values_beyond_the_engine_are_refused_naming_the_field(
    policy: dict[str, Any], expected: str
) -> None:
    problems = problems_of(document(good(), policy=policy))
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems[0]


def test_contract_minutes_are_bounded_too() -> None:
    customers = {"acme": {"contract": {"included_minutes": 10**11, "period": "once"}}}
    assert problems_of(document(good(), customers=customers)) == [
        "customer acme: contract.included_minutes: must be at most 10,000,000,000 minutes, "
        "got 100000000000"
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start", "0001-01-01T00:30:00+01:00"),  # before year 1 in UTC
        ("start", "0001-01-01T23:59:59Z"),  # no zone west of UTC could show it
        ("end", "9999-12-31T23:00:00-05:00"),  # year 10000 in UTC
        ("end", "9999-12-31T00:00:01Z"),
    ],
)
def test_moments_at_the_ends_of_the_calendar_are_refused(field: str, value: str) -> None:
    raw = {
        **good(),
        "start": "0001-01-03T00:00:00Z",
        "end": "9999-12-30T00:00:00Z",
        field: value,
        "approved": True,
    }
    problems = problems_of(document(raw))
    assert problems == [
        f"entry e1: {field}: must be between 0001-01-02 and 9999-12-31 (UTC), "
        f"got {datetime.fromisoformat(value).isoformat()}"
    ]


def test_a_pause_at_the_end_of_the_calendar_is_refused_like_the_entry() -> None:
    raw = {
        **good(),
        "end": "9999-12-30T00:00:00Z",
        "pauses": [{"start": "9999-12-29T00:00:00Z", "end": "9999-12-31T12:00:00+11:00"}],
    }
    problems = problems_of(document(raw))
    assert len(problems) == 1
    assert problems[0].startswith("entry e1: pauses[0].end: must be between 0001-01-02")


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12", "America/Adak", "UTC"])
def test_the_first_and_last_moments_price_in_any_zone(zone: str) -> None:
    """The extremes that pass are priced with business hours and monthly quotas in the
    zones furthest from UTC: no OverflowError from astimezone."""
    doc = document(
        {
            "id": "first",
            "customer": "acme",
            "start": "0001-01-02T00:00:00Z",
            "end": "0001-01-02T01:00:00Z",
        },
        {
            "id": "last",
            "customer": "acme",
            "start": "9999-12-30T23:00:00Z",
            "end": "9999-12-31T00:00:00+00:00",
        },
        {
            "id": "all",
            "customer": "beta",
            "start": "0001-01-02T00:00:00Z",
            "end": "9999-12-31T00:00:00Z",
            "approved": True,
        },
        policy={"timezone": zone, "business_hours": MON_FRI_8_TO_17},
        customers={"acme": {"contract": {"included_minutes": 30, "period": "month"}}},
    )
    out = bill_document(doc)
    assert [row["status"] for row in out["entries"]] == ["billed", "billed", "billed"]
    calendar = datetime(9999, 12, 31, tzinfo=UTC) - datetime(1, 1, 2, tzinfo=UTC)
    assert out["entries"][2]["raw_minutes"] == calendar.total_seconds() / 60


def test_moment_problem_does_not_overflow_at_the_very_ends() -> None:
    assert moment_problem(datetime.fromisoformat("0001-01-01T00:00:00+23:59")) is not None
    assert moment_problem(datetime.fromisoformat("9999-12-31T23:59:59-23:59")) is not None
    assert moment_problem(datetime(5000, 1, 1, tzinfo=UTC)) is None


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"id": "e\ud8001"},
            "entry #1: id: not valid Unicode text: a lone surrogate \\ud800 at character 2",
        ),
        ({"customer": "\udfffacme"}, "entry e1: customer: not valid Unicode text: a lone"),
    ],
)
def test_lone_surrogates_are_refused(changes: dict[str, Any], expected: str) -> None:
    problems = problems_of(document({**good(), **changes}))
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_a_customer_name_with_a_lone_surrogate_is_refused() -> None:
    problems = problems_of(document(good(), customers={"a\ud800": {}}))
    assert problems == [
        "input: customers: 'a\\ud800': not valid Unicode text: a lone surrogate \\ud800 at "
        "character 2"
    ]
    assert unicode_problem("Müller 🎉") is None


def test_json_numbers_too_long_to_read_are_kept_unconverted() -> None:
    doc = load_json('{"a": ' + "9" * 5_001 + ', "b": 1' + "0" * 400 + ', "c": 12, "d": 0.5}')
    assert doc == {
        "a": OversizedNumber(5_001),
        "b": OversizedNumber(401),
        "c": 12,
        "d": 0.5,
    }
    assert load_json("1" * MAX_NUMBER_CHARS) == int("1" * MAX_NUMBER_CHARS)


def test_too_many_overlap_pairs_are_refused_before_any_is_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(billing_limits, "MAX_OVERLAP_PAIRS", 10)
    five = document(*(entry(f"e{i}", "acme", "09:00", "09:30") for i in range(5)))
    assert len(bill_document(five)["overlaps"]) == 10
    six = document(*(entry(f"e{i}", "acme", "09:00", "09:30") for i in range(6)))
    assert problems_of(six) == [
        "input: entries: 15 pairs of billable entries overlap (start to end); a bill lists at "
        "most 10 (the list grows with the square of the entries running at once): price "
        "fewer entries at a time, e.g. one technician or one week"
    ]
    not_billable = {**entry("e9", "acme", "09:00", "09:30"), "billable": False}
    assert len(bill_document({**five, "entries": [*five["entries"], not_billable]})["overlaps"])


def test_sums_too_large_to_write_exactly_are_refused_naming_the_customer() -> None:
    # Each entry passes (10^10 min × 1000 = 10^13 weighted), their sum does not (2 × 10^13).
    doc = document(
        entry("e1", "acme", "10:00", "10:20", day=SATURDAY),
        entry("e2", "acme", "11:00", "11:20", day=SATURDAY),
        policy={
            "business_hours": MON_FRI_8_TO_17,
            "after_hours_minimum_minutes": MAX_MINUTES,
            "after_hours_multiplier": "1000",
        },
    )
    assert problems_of(doc) == [
        "customer acme: chargeable_minutes: 20000000000000 minutes in all is more than a bill "
        "can write exactly (under 17,592,186,044,416)"
    ]
    one = bill_document({**doc, "entries": doc["entries"][:1]})
    assert one["entries"][0]["weighted_minutes"] == 10**13


def test_the_largest_values_that_pass_are_priced_exactly() -> None:
    """Rate 999,999,999,999.99 on an entry as long as the calendar: 26 significant digits,
    beyond what a float holds; compared with the spec's formula in Fractions."""
    rate = "999999999999.99"
    doc = document(
        {
            "id": "e1",
            "customer": "acme",
            "start": "0001-01-02T00:00:00Z",
            "end": "9999-12-30T23:59:59.999999Z",
            "approved": True,
        },
        {
            "id": "e2",
            "customer": "acme",
            "start": "9999-12-30T23:59:59.999999Z",
            "end": "9999-12-31T00:00:00Z",
        },
        policy={"rate": rate, "increment_minutes": 1, "minimum_charge": "999999999999.99"},
    )
    out = bill_document(doc)
    e1, e2 = out["entries"]
    expected = (Fraction(e1["billed_minutes"]) / 60 * Fraction(rate) * 100 + Fraction(1, 2)) // 1
    assert Decimal(e1["amount"]) == Decimal(expected) / 100
    assert len(e1["amount"].replace(".", "")) >= 22
    assert e2["amount"] == "999999999999.99"  # 1 min = 16,666,666,666.67 raised to the minimum
    total = Decimal(e1["amount"]) + Decimal("999999999999.99")
    assert out["customers"]["acme"]["amount"] == str(total)


def test_money_beyond_28_digits_is_never_rounded_even_past_the_door() -> None:
    """A BillingInput built in code skips the door: the engine itself must still be exact
    (it computes in integer cents) instead of Decimal's 28-digit default context."""
    huge = Decimal("123456789012345678901234567890.00")
    policy = Policy(rate=huge, minimum_charge=Decimal("1" * 27 + ".00"))
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    inp = BillingInput(
        entries=(
            BillingEntry("e1", "acme", start, start.replace(minute=15)),
            BillingEntry("e2", "acme", start.replace(hour=10), start.replace(hour=10, minute=15)),
        ),
        customers={"acme": CustomerTerms(policy)},
    )
    result = price(inp)
    # 15 min of 123456789012345678901234567890.00 per hour = a quarter of it, exactly.
    assert result.entry("e1").amount == Decimal("30864197253086419725308641972.50")
    assert result.customers["acme"].amount == Decimal("61728394506172839450617283945.00")


def test_the_limits_are_the_ones_documented() -> None:
    # Other commands (entries import, timer add, export) check the same values: keep them
    # importable and consistent with the float precision argument of billing_limits.
    assert billing_limits.MAX_OUTPUT_MINUTES == 2**44
    per_entry = (5.26e9 + MAX_MINUTES) * float(billing_limits.MAX_MULTIPLIER)
    assert per_entry < billing_limits.MAX_OUTPUT_MINUTES
    assert parse_document(document(good(), policy={"minimum_minutes": MAX_MINUTES}))
