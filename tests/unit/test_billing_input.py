"""Invalid billing input: every problem collected, each naming where (entry, policy, customer)."""

from __future__ import annotations

from typing import Any

import pytest
from billing_docs import at, document, entry

from trayclock.domain.billing import BillingInputError, bill_document, parse_document
from trayclock.domain.model import Concurrency, Period, Rounding


def problems_of(doc: Any) -> list[str]:
    with pytest.raises(BillingInputError) as caught:
        bill_document(doc)
    assert isinstance(caught.value, ValueError)
    return caught.value.problems


def good() -> dict[str, Any]:
    return entry("e1", "acme", "09:00", "09:30")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"start": None}, "entry e1: start: must be an ISO 8601 date-time string, got null"),
        ({"start": "yesterday"}, "entry e1: start: not an ISO 8601 date-time: 'yesterday'"),
        ({"start": "2026-11-02T09:00:00"}, "entry e1: start: needs a UTC offset or Z"),
        ({"end": "2026-11-02"}, "entry e1: end: needs a UTC offset or Z"),
        ({"end": "2026-11-02T08:00:00+01:00"}, "entry e1: end: must be after start"),
        ({"end": "2026-11-02T09:00:00+01:00"}, "entry e1: end: must be after start"),
        ({"customer": {"name": "acme"}}, "entry e1: customer: must be a customer name (string)"),
        ({"customer": ""}, "entry e1: customer: must be a customer name (string)"),
        ({"billable": "yes"}, "entry e1: billable: must be true or false, got 'yes'"),
        ({"approved": 1}, "entry e1: approved: must be true or false, got the number 1"),
        ({"id": 7}, "entry #1: id: must be a non-empty string"),
    ],
)
def test_bad_entry_field(changes: dict[str, Any], expected: str) -> None:
    problems = problems_of(document({**good(), **changes}))
    assert len(problems) == 1
    assert problems[0].startswith(expected)


@pytest.mark.parametrize("field", ["id", "customer", "start", "end"])
def test_missing_entry_field(field: str) -> None:
    raw = good()
    del raw[field]
    where = "entry #1" if field == "id" else "entry e1"
    assert problems_of(document(raw)) == [f"{where}: {field}: missing"]


def test_null_booleans_mean_the_defaults_and_extra_entry_fields_are_ignored() -> None:
    inp = parse_document(document({**good(), "billable": None, "approved": None, "note": "x"}))
    assert (inp.entries[0].billable, inp.entries[0].approved) == (True, False)


def test_duplicate_ids() -> None:
    doc = document(good(), entry("e2", "acme", "10:00", "10:30"), good())
    assert problems_of(doc) == ["entry e1 (#3): id: duplicate (also entry #1)"]


def test_all_problems_are_collected_not_just_the_first() -> None:
    doc = {
        "policy": {"rate": -5, "rounding": "sideways", "timezone": "Mars/Olympus"},
        "customers": {"acme": {"contract": {"period": "weekly"}}},
        "entries": [
            {"id": "e1", "customer": "acme", "start": "2026-11-02T09:00:00"},
            {"customer": "beta", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00Z"},
            "not an entry",
            {**good(), "id": "e4", "end": "2026-11-02T08:00:00+01:00"},
        ],
    }
    assert problems_of(doc) == [
        "policy: timezone: unknown IANA time zone 'Mars/Olympus'",
        "policy: rate: must not be negative, got '-5'",
        "policy: rounding: must be one of up, nearest, down, got 'sideways'",
        "customer acme: contract.included_minutes: missing",
        "customer acme: contract.period: must be one of once, month, got 'weekly'",
        "entry e1: end: missing",
        "entry e1: start: needs a UTC offset or Z (e.g. +01:00), got '2026-11-02T09:00:00'",
        "entry #2: id: missing",
        "entry #3: entry: must be an object, got 'not an entry'",
        "entry e4: end: must be after start",
    ]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            {"rate": 85.5},
            'policy: rate: must be a decimal string like "85.00", got the number 85.5',
        ),
        ({"rate": "eighty"}, "policy: rate: must be a decimal string"),
        ({"rate": "-1.00"}, "policy: rate: must not be negative"),
        ({"currency": "dollars"}, "policy: currency: must be an ISO currency code"),
        ({"increment_minutes": 0}, "policy: increment_minutes: must be more than 0, got 0"),
        ({"increment_minutes": 7.5}, "policy: increment_minutes: must be whole minutes"),
        ({"increment_minutes": True}, "policy: increment_minutes: must be whole minutes"),
        ({"rounding": "UP"}, "policy: rounding: must be one of up, nearest, down"),
        ({"free_under_minutes": -1}, "policy: free_under_minutes: must not be negative, got -1"),
        ({"free_under_minutes": "5"}, "policy: free_under_minutes: must be a number of minutes"),
        ({"free_under_minutes": float("nan")}, "policy: free_under_minutes: must be a finite"),
        ({"minimum_minutes": -15}, "policy: minimum_minutes: must not be negative, got -15"),
        ({"minimum_charge": "35.005"}, "policy: minimum_charge: must have at most 2 decimals"),
        ({"minimum_charge": "-1"}, "policy: minimum_charge: must not be negative"),
        ({"review_over_minutes": -60}, "policy: review_over_minutes: must not be negative"),
        ({"after_hours_multiplier": 1.5}, "policy: after_hours_multiplier: must be a decimal"),
        ({"concurrency": "both"}, "policy: concurrency: must be one of bill_each, split"),
        ({"timezone": "Europe/Nowhere"}, "policy: timezone: unknown IANA time zone"),
        ({"timezone": 1}, "policy: timezone: must be an IANA zone name"),
        ({"increment_minute": 10}, "policy: increment_minute: unknown field"),
        ({"business_hours": "9-5"}, "policy: business_hours: must be an object"),
    ],
)
def test_bad_company_policy(policy: dict[str, Any], expected: str) -> None:
    problems = problems_of(document(good(), policy=policy))
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems[0]


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ({"days": [0, 1], "start": "08:00", "end": "17:00"}, "business_hours.days: must be a list"),
        ({"days": "weekdays", "start": "08:00", "end": "17:00"}, "business_hours.days: must be"),
        ({"days": [1], "start": "8am", "end": "17:00"}, "business_hours.start: must be a time"),
        ({"days": [1], "start": "08:00", "end": "25:00"}, "business_hours.end: must be a time"),
        ({"days": [1], "start": "17:00", "end": "08:00"}, "business_hours.end: must be after"),
        ({"days": [1], "start": "08:00"}, "business_hours.end: must be a time like"),
        (
            {"days": [1], "start": "08:00", "end": "17:00", "holidays": ["25.12.2026"]},
            "business_hours.holidays: not a date: '25.12.2026'",
        ),
        (
            {"days": [1], "start": "08:00", "end": "17:00", "lunch": "12:00"},
            "business_hours.lunch: unknown field",
        ),
    ],
)
def test_bad_business_hours(hours: dict[str, Any], expected: str) -> None:
    problems = problems_of(document(good(), policy={"business_hours": hours}))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"policy: {expected}"), problems[0]


@pytest.mark.parametrize(
    ("customers", "expected"),
    [
        ([], "input: customers: must be an object, got a list"),
        ({"acme": "gold"}, "customer acme: terms: must be an object, got 'gold'"),
        ({"acme": {"rate": "95.00"}}, "customer acme: rate: unknown field"),
        ({"acme": {"policy": {"rate": "x"}}}, "customer acme: policy.rate: must be a decimal"),
        (
            {"acme": {"policy": {"timezone": "UTC"}}},
            "customer acme: policy.timezone: company-level",
        ),
        (
            {"acme": {"policy": {"concurrency": "split"}}},
            "customer acme: policy.concurrency: company-level only",
        ),
        ({"acme": {"policy": {"currency": "EUR"}}}, "customer acme: policy.currency: must match"),
        (
            {"acme": {"contract": {"included_minutes": -10, "period": "once"}}},
            "customer acme: contract.included_minutes: must not be negative",
        ),
        (
            {"acme": {"contract": {"included_minutes": 10}}},
            "customer acme: contract.period: missing",
        ),
        (
            {"acme": {"contract": {"included_minutes": 10, "period": "once", "rollover": True}}},
            "customer acme: contract.rollover: unknown field",
        ),
        ({"acme": {"contract": 600}}, "customer acme: contract: must be an object"),
    ],
)
def test_bad_customers(customers: Any, expected: str) -> None:
    problems = problems_of(document(good(), customers=customers))
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems[0]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ([], "input: top level: must be an object, got a list"),
        ({}, "input: entries: missing"),
        ({"entries": {"e1": {}}}, "input: entries: must be a list, got an object"),
        ({"entries": [], "policies": {}}, "input: policies: unknown field"),
        ({"entries": [], "policy": []}, "input: policy: must be an object"),
    ],
)
def test_bad_top_level(doc: Any, expected: str) -> None:
    problems = problems_of(doc)
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems[0]


def test_valid_document_parses_into_the_typed_layer() -> None:
    inp = parse_document(
        {
            "policy": {
                "concurrency": "split",
                "timezone": "Europe/Vienna",
                "rounding": "nearest",
                "free_under_minutes": 2.5,
                "review_over_minutes": None,
                "rate": 90,
            },
            "customers": {
                "acme": {
                    "policy": {"rate": "95.00", "currency": "USD"},
                    "contract": {"included_minutes": 600, "period": "month"},
                },
                "beta": None,
            },
            "entries": [good(), {**good(), "id": "e2", "start": "2026-11-02T08:00:00Z"}],
        }
    )
    assert inp.concurrency is Concurrency.SPLIT
    assert str(inp.timezone) == "Europe/Vienna"
    assert inp.policy.rounding is Rounding.NEAREST
    assert inp.policy.review_over_minutes is None
    assert str(inp.policy.free_under_minutes) == "5/2"
    acme = inp.terms_for("acme")
    assert str(acme.policy.rate) == "95.00"
    assert acme.policy.rounding is Rounding.NEAREST  # inherited from the company
    assert acme.contract is not None and acme.contract.period is Period.MONTH
    assert inp.terms_for("beta").contract is None
    assert [e.id for e in inp.entries] == ["e1", "e2"]


def pause(start: str, end: str) -> dict[str, str]:
    return {"start": at(start), "end": at(end)}


@pytest.mark.parametrize(
    ("pauses", "expected"),
    [
        ("09:10-09:20", 'entry e1: pauses: must be a list of {"start": …, "end": …}, got'),
        (["09:10"], "entry e1: pauses[0]: must be an object, got '09:10'"),
        ([{"end": at("09:20")}], "entry e1: pauses[0].start: missing"),
        ([{"start": at("09:10")}], "entry e1: pauses[0].end: missing"),
        (
            [{"start": "soon", "end": at("09:20")}],
            "entry e1: pauses[0].start: not an ISO 8601 date-time: 'soon'",
        ),
        (
            [{"start": at("09:10"), "end": "2026-11-02T09:20:00"}],
            "entry e1: pauses[0].end: needs a UTC offset or Z",
        ),
        ([pause("09:20", "09:10")], "entry e1: pauses[0].end: must be after pauses[0].start"),
        ([pause("09:10", "09:10")], "entry e1: pauses[0].end: must be after pauses[0].start"),
        ([pause("08:50", "09:10")], "entry e1: pauses[0].start: must not be before the entry's"),
        ([pause("09:20", "09:31")], "entry e1: pauses[0].end: must not be after the entry's end"),
        (
            [pause("09:05", "09:10"), pause("09:20", "09:25"), pause("09:15", "09:21")],
            "entry e1: pauses[1].start: overlaps pauses[2] (pauses must not overlap; "
            "touching is fine)",
        ),
        (
            [pause("09:00", "09:25"), pause("09:10", "09:15")],
            "entry e1: pauses[1].start: overlaps pauses[0]",
        ),
        (
            [pause("09:00", "09:15"), pause("09:15", "09:30")],
            "entry e1: pauses: leave no worked time: they cover the whole entry",
        ),
    ],
)
def test_bad_pauses(pauses: Any, expected: str) -> None:
    problems = problems_of(document({**good(), "pauses": pauses}))  # e1 is 09:00–09:30
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems[0]


def test_every_bad_pause_is_reported_with_its_index() -> None:
    problems = problems_of(
        document({**good(), "pauses": [pause("09:20", "09:10"), 7, pause("08:00", "08:10")]})
    )
    assert problems == [
        "entry e1: pauses[0].end: must be after pauses[0].start",
        "entry e1: pauses[1]: must be an object, got the number 7",
        "entry e1: pauses[2].start: must not be before the entry's start",
    ]


def test_pauses_may_touch_each_other_and_the_entry_ends_in_any_order() -> None:
    raw = {
        **good(),
        "pauses": [pause("09:25", "09:30"), pause("09:00", "09:05"), pause("09:05", "09:10")],
    }
    entry_ = parse_document(document(raw)).entries[0]
    assert [(p.start.minute, p.end.minute) for p in entry_.pauses] == [(0, 5), (5, 10), (25, 30)]
    assert parse_document(document({**good(), "pauses": None})).entries[0].pauses == ()
    assert parse_document(document({**good(), "pauses": []})).entries[0].pauses == ()
    extra = {**pause("09:10", "09:12"), "reason": "slept"}  # extra fields, as on entries
    assert len(parse_document(document({**good(), "pauses": [extra]})).entries[0].pauses) == 1


def test_a_bad_pause_does_not_hide_the_entry_s_other_problems() -> None:
    problems = problems_of(
        document({**good(), "billable": "yes", "pauses": [pause("09:20", "09:10")]})
    )
    assert problems == [
        "entry e1: billable: must be true or false, got 'yes'",
        "entry e1: pauses[0].end: must be after pauses[0].start",
    ]


def test_pauses_inside_an_entry_whose_end_is_wrong_are_not_judged_against_it() -> None:
    raw = {**good(), "end": at("08:00"), "pauses": [pause("09:10", "09:20")]}
    assert problems_of(document(raw)) == ["entry e1: end: must be after start"]


@pytest.mark.parametrize("minutes", [0, 15, 60])
def test_after_hours_minimum_is_whole_minutes(minutes: int) -> None:
    policy = parse_document(
        document(good(), policy={"after_hours_minimum_minutes": minutes})
    ).policy
    assert policy.after_hours_minimum_minutes == minutes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7.5, "policy: after_hours_minimum_minutes: must be whole minutes, got the number 7.5"),
        (-60, "policy: after_hours_minimum_minutes: must not be negative, got -60"),
        ("60", "policy: after_hours_minimum_minutes: must be whole minutes, got '60'"),
    ],
)
def test_bad_after_hours_minimum(value: Any, expected: str) -> None:
    assert problems_of(document(good(), policy={"after_hours_minimum_minutes": value})) == [
        expected
    ]


def test_customer_overrides_the_after_hours_minimum() -> None:
    inp = parse_document(
        document(
            good(),
            policy={"after_hours_minimum_minutes": 30},
            customers={"acme": {"policy": {"after_hours_minimum_minutes": 60}}},
        )
    )
    assert inp.policy.after_hours_minimum_minutes == 30
    assert inp.terms_for("acme").policy.after_hours_minimum_minutes == 60
    assert inp.terms_for("beta").policy.after_hours_minimum_minutes == 30


def test_every_problem_is_one_printable_line_whatever_the_names() -> None:
    """Found by fuzzing: a field name or id with a line break split a problem over lines."""
    doc = document(
        {**good(), "id": "a\nb", "billable": "no"},
        {**good(), "id": "x" * 500, "end": "late"},
        customers={"acme\r\n": {"rate\u2028": 1}},
    )
    doc["\n"] = None
    problems = problems_of(doc)
    assert problems == [
        "input: \\n: unknown field (known: policy, customers, entries)",
        "customer acme\\r\\n: rate\\u2028: unknown field (known: policy, contract)",
        "entry a\\nb: billable: must be true or false, got 'no'",
        f"entry {'x' * 79}…: end: not an ISO 8601 date-time: 'late'",
    ]
    assert all(line.isprintable() for line in problems)
