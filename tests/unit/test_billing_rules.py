"""Hand-computed cases beyond the spec's examples: each rule, its edges, and the typed layer."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from billing_docs import MON_FRI_8_TO_17, SATURDAY, by_id, document, entry

from trayclock.domain.billing import bill_document, parse_document, price, round_to_increment
from trayclock.domain.model import (
    AfterHoursCause,
    BillingEntry,
    BillingInput,
    BusinessHours,
    Concurrency,
    Contract,
    CustomerTerms,
    Period,
    Policy,
    RateClass,
    Rounding,
    Status,
    Why,
)

MON_FRI_HOURS = BusinessHours(frozenset({1, 2, 3, 4, 5}), time(8), time(17))


def one(doc: dict[str, Any]) -> dict[str, Any]:
    """The single priced entry of a one-entry document."""
    entries: list[dict[str, Any]] = bill_document(doc)["entries"]
    assert len(entries) == 1
    return entries[0]


# --- rounding and minimum minutes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "mode", "expected"),
    [
        (Fraction(22), Rounding.NEAREST, 15),  # 1.47 increments
        (Fraction(45, 2), Rounding.NEAREST, 30),  # exactly 1.5: the half goes up
        (Fraction(2249, 100), Rounding.NEAREST, 15),  # just under the half
        (Fraction(15, 2), Rounding.NEAREST, 15),  # 0.5 increments: up, not to 0
        (Fraction(7), Rounding.NEAREST, 0),
        (Fraction(29), Rounding.DOWN, 15),
        (Fraction(30), Rounding.DOWN, 30),
        (Fraction(14), Rounding.DOWN, 0),
        (Fraction(15), Rounding.UP, 15),
        (Fraction(15 * 60_000_000 + 1, 60_000_000), Rounding.UP, 30),  # one microsecond over
    ],
)
def test_round_to_increment(minutes: Fraction, mode: Rounding, expected: int) -> None:
    assert round_to_increment(minutes, 15, mode) == expected


def test_nearest_rounding_with_an_exact_half_through_the_engine() -> None:
    e1 = one(document(entry("e1", "acme", "09:00:00", "09:07:30"), policy={"rounding": "nearest"}))
    assert (e1["raw_minutes"], e1["billed_minutes"], e1["amount"]) == (7.5, 15, "21.25")


def test_down_rounding_can_bill_nothing_but_minimum_minutes_lifts_it() -> None:
    plain = one(document(entry("e1", "acme", "09:00", "09:10"), policy={"rounding": "down"}))
    assert (plain["status"], plain["billed_minutes"], plain["amount"]) == ("billed", 0, "0.00")
    lifted = one(
        document(
            entry("e1", "acme", "09:00", "09:10"),
            policy={"rounding": "down", "minimum_minutes": 30},
        )
    )
    assert (lifted["billed_minutes"], lifted["amount"]) == (30, "42.50")


def test_minimum_minutes_after_rounding_up() -> None:
    e1 = one(document(entry("e1", "acme", "09:00", "09:10"), policy={"minimum_minutes": 20}))
    assert e1["billed_minutes"] == 20  # 10 → 15 by rounding, then raised to 20
    assert e1["amount"] == "28.33"  # 20/60 × 85 = 28.333…


def test_amount_rounds_an_exact_half_cent_up() -> None:
    e1 = one(
        document(
            entry("e1", "acme", "09:00", "09:01"), policy={"rate": "0.30", "increment_minutes": 1}
        )
    )
    assert e1["amount"] == "0.01"  # 1/60 × 0.30 = 0.005 exactly


# --- statuses ---------------------------------------------------------------------------------


def test_free_boundary_is_strict_and_minimum_charge_never_applies_to_free() -> None:
    policy = {"free_under_minutes": 5, "minimum_charge": "35.00"}
    free = one(document(entry("e1", "acme", "09:00", "09:04:59"), policy=policy))
    assert (free["status"], free["amount"]) == ("free", "0.00")
    billed = one(document(entry("e1", "acme", "09:00", "09:05"), policy=policy))
    assert (billed["status"], billed["billed_minutes"], billed["amount"]) == (
        "billed",
        15,
        "35.00",
    )


def test_review_threshold_is_strict_and_null_disables_it() -> None:
    exactly = one(document(entry("e1", "acme", "09:00", "10:00")))
    assert exactly["status"] == "billed"
    long = entry("e1", "acme", "08:00", "16:20")
    assert one(document(long))["status"] == "needs_review"
    unreviewed = one(document(long, policy={"review_over_minutes": None}))
    assert (unreviewed["status"], unreviewed["billed_minutes"]) == ("billed", 510)
    assert unreviewed["amount"] == "722.50"


def test_non_billable_wins_over_everything_and_is_not_an_overlap() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "09:00", "12:00", billable=False),
            entry("e2", "beta", "09:30", "10:00"),
        )
    )
    e1, e2 = out["entries"]
    assert (e1["status"], e1["raw_minutes"], e1["amount"]) == ("non_billable", 180.0, "0.00")
    assert e2["effective_minutes"] == 30.0
    assert out["overlaps"] == []


def test_held_entry_is_listed_as_overlap_but_takes_no_share_of_time() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "09:00", "11:00"),  # held for review
            entry("e2", "beta", "09:30", "10:00"),
            policy={"concurrency": "split"},
        )
    )
    e1, e2 = out["entries"]
    assert e1["status"] == "needs_review"
    assert e2["effective_minutes"] == 30.0  # alone among billed entries: no split
    assert out["overlaps"] == [{"a": "e1", "b": "e2", "minutes": 30.0}]


# --- concurrency ------------------------------------------------------------------------------


def test_split_between_three_customers_stays_exact() -> None:
    doc = document(
        entry("a1", "acme", "09:00", "10:00"),
        entry("b1", "beta", "09:00", "10:00"),
        entry("c1", "cora", "09:40", "10:00"),
        policy={"concurrency": "split"},
    )
    result = price(parse_document(doc))
    # 09:00–09:40 split by 2 (20 each), 09:40–10:00 split by 3 (20/3 each).
    assert result.entry("a1").effective_minutes == Fraction(80, 3)
    assert result.entry("b1").effective_minutes == Fraction(80, 3)
    assert result.entry("c1").effective_minutes == Fraction(20, 3)
    out = by_id(bill_document(doc))
    assert out["a1"]["effective_minutes"] == pytest.approx(26.6667, abs=1e-4)
    assert [out[i]["billed_minutes"] for i in ("a1", "b1", "c1")] == [30, 30, 15]


@pytest.mark.parametrize(
    ("concurrency", "expected"),
    [
        ("bill_each", {"acme1": 60.0, "acme2": 30.0, "beta": 30.0}),
        # 09:00–09:45 acme1 alone (acme2 is the same customer); 09:45–10:00 acme1|beta;
        # 10:00–10:15 acme2|beta; 10:15–10:30 acme2 alone.
        ("split", {"acme1": 52.5, "acme2": 22.5, "beta": 15.0}),
    ],
)
def test_same_customer_and_other_customer_mix(concurrency: str, expected: dict[str, float]) -> None:
    out = bill_document(
        document(
            entry("acme1", "acme", "09:00", "10:00"),
            entry("acme2", "acme", "09:30", "10:30"),
            entry("beta", "beta", "09:45", "10:15"),
            policy={"concurrency": concurrency},
        )
    )
    assert {k: v["effective_minutes"] for k, v in by_id(out).items()} == expected
    assert out["overlaps"] == [
        {"a": "acme1", "b": "acme2", "minutes": 30.0},
        {"a": "acme1", "b": "beta", "minutes": 15.0},
        {"a": "acme2", "b": "beta", "minutes": 30.0},
    ]


def test_same_start_goes_to_the_smallest_id() -> None:
    out = bill_document(
        document(entry("e2", "acme", "09:00", "09:30"), entry("e1", "acme", "09:00", "09:20"))
    )
    entries = by_id(out)
    # e1 owns 09:00–09:20, then e2 takes over for 09:20–09:30.
    assert entries["e1"]["effective_minutes"] == 20.0
    assert entries["e2"]["effective_minutes"] == 10.0
    assert out["overlaps"] == [{"a": "e1", "b": "e2", "minutes": 20.0}]


def test_touching_entries_do_not_overlap() -> None:
    out = bill_document(
        document(entry("e1", "acme", "09:00", "09:30"), entry("e2", "beta", "09:30", "09:45"))
    )
    assert out["overlaps"] == []


def test_ids_tie_break_as_strings() -> None:
    out = bill_document(
        document(entry("e9", "acme", "09:00", "09:30"), entry("e10", "beta", "09:00", "09:30"))
    )
    assert out["overlaps"] == [{"a": "e10", "b": "e9", "minutes": 30.0}]


# --- rate class, holidays, timezones ----------------------------------------------------------


def hours_doc(start: str, end: str, day: str, **policy: Any) -> dict[str, Any]:
    hours = {**MON_FRI_8_TO_17, "holidays": ["2026-12-25"]}
    return document(
        {
            "id": "e1",
            "customer": "acme",
            "start": f"{day}T{start}",
            "end": f"{day}T{end}",
        },
        policy={"business_hours": hours, **policy},
    )


@pytest.mark.parametrize(
    ("start", "day", "expected"),
    [
        ("08:00:00Z", "2026-11-02", "business"),  # opening minute
        ("07:59:59Z", "2026-11-02", "after_hours"),
        ("16:59:59Z", "2026-11-02", "business"),
        ("17:00:00Z", "2026-11-02", "after_hours"),  # at end is after hours
        ("10:00:00Z", "2026-12-25", "after_hours"),  # holiday, a Friday
        ("10:00:00Z", "2026-12-24", "business"),
        ("10:00:00Z", "2026-11-08", "after_hours"),  # Sunday
        # In UTC (the default company zone) 07:30+00:00 is before opening even though
        # the same instant is 08:30 at +01:00: the company zone decides, not the entry's offset.
        ("08:30:00+01:00", "2026-11-02", "after_hours"),
    ],
)
def test_rate_class_by_start_in_the_company_zone(start: str, day: str, expected: str) -> None:
    end = "23:59:59+01:00"
    assert one(hours_doc(start, end, day, review_over_minutes=None))["rate_class"] == expected


def test_entry_start_decides_even_when_it_runs_into_business_hours() -> None:
    e1 = one(hours_doc("07:50:00+00:00", "08:20:00+00:00", "2026-11-02"))
    assert (e1["rate_class"], e1["weighted_minutes"], e1["amount"]) == (
        "after_hours",
        45.0,
        "63.75",
    )


def test_business_hours_follow_daylight_saving_time_in_the_company_zone() -> None:
    berlin = {"timezone": "Europe/Berlin"}
    # 06:30Z: 07:30 CET on Friday 27 March (before opening), 08:30 CEST on Monday 30 March.
    winter = one(hours_doc("06:30:00Z", "06:45:00Z", "2026-03-27", **berlin))
    summer = one(hours_doc("06:30:00Z", "06:45:00Z", "2026-03-30", **berlin))
    assert (winter["rate_class"], summer["rate_class"]) == ("after_hours", "business")


def test_wall_duration_across_the_dst_switch_is_real_elapsed_time() -> None:
    e1 = one(
        document(
            {
                "id": "e1",
                "customer": "acme",
                "start": "2026-03-29T01:30:00+01:00",
                "end": "2026-03-29T03:30:00+02:00",  # clocks jumped 02:00 → 03:00
            },
            policy={"timezone": "Europe/Berlin"},
        )
    )
    assert e1["raw_minutes"] == 60.0


def test_customer_after_hours_multiplier_overrides_the_company_one() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "10:00", "10:20", day=SATURDAY),
            entry("e2", "beta", "11:00", "11:20", day=SATURDAY),
            policy={"business_hours": MON_FRI_8_TO_17},
            customers={"beta": {"policy": {"after_hours_multiplier": "2.00", "rate": "100"}}},
        )
    )
    e1, e2 = out["entries"]
    assert (e1["multiplier"], e1["amount"]) == ("1.5", "63.75")
    assert (e2["multiplier"], e2["weighted_minutes"], e2["amount"]) == ("2", 60.0, "100.00")


# --- contracts ---------------------------------------------------------------------------------


def utc(entry_id: str, start: str, end: str) -> dict[str, Any]:
    return {"id": entry_id, "customer": "acme", "start": start + "Z", "end": end + "Z"}


def test_monthly_quota_refills_each_calendar_month_in_the_company_zone() -> None:
    doc = document(
        utc("n1", "2026-11-30T08:00", "2026-11-30T08:45"),
        utc("n2", "2026-11-30T10:00", "2026-11-30T10:30"),
        # 23:30Z on 30 Nov is 00:30 on 1 Dec in Berlin: December's quota.
        utc("d1", "2026-11-30T23:30", "2026-12-01T00:00"),
        utc("d2", "2026-12-02T09:00", "2026-12-02T09:15"),
        policy={"timezone": "Europe/Berlin", "business_hours": None},
        customers={"acme": {"contract": {"included_minutes": 60, "period": "month"}}},
    )
    out = bill_document(doc)
    got = {k: (v["covered_minutes"], v["chargeable_minutes"]) for k, v in by_id(out).items()}
    assert got == {"n1": (45.0, 0.0), "n2": (15.0, 15.0), "d1": (30.0, 0.0), "d2": (15.0, 0.0)}
    assert out["customers"]["acme"]["contract_balance"] == 15.0  # December: 60 − 30 − 15
    assert out["customers"]["acme"]["amount"] == "21.25"  # only n2's 15 minutes


def test_contract_is_drawn_in_start_order_not_input_order() -> None:
    out = bill_document(
        document(
            entry("late", "acme", "11:00", "11:30"),
            entry("early", "acme", "09:00", "09:15"),
            customers={"acme": {"contract": {"included_minutes": 20, "period": "once"}}},
        )
    )
    entries = by_id(out)
    assert entries["early"]["covered_minutes"] == 15.0
    assert entries["late"]["covered_minutes"] == 5.0
    assert out["customers"]["acme"]["contract_balance"] == 0.0


def test_contract_draws_after_hours_weighted_minutes() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "10:00", "10:20", day=SATURDAY),
            policy={"business_hours": MON_FRI_8_TO_17},
            customers={"acme": {"contract": {"included_minutes": 30, "period": "once"}}},
        )
    )
    e1 = out["entries"][0]
    assert (e1["weighted_minutes"], e1["covered_minutes"], e1["chargeable_minutes"]) == (
        45.0,
        30.0,
        15.0,
    )
    assert e1["amount"] == "21.25"
    assert out["customers"]["acme"]["contract_balance"] == 0.0


def test_minimum_charge_is_skipped_when_the_contract_covers_part() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "09:00", "09:15"),
            entry("e2", "acme", "10:00", "10:15"),
            policy={"minimum_charge": "35.00"},
            customers={"acme": {"contract": {"included_minutes": 10, "period": "once"}}},
        )
    )
    e1, e2 = out["entries"]
    assert (e1["covered_minutes"], e1["amount"]) == (10.0, "7.08")  # 5/60 × 85 = 7.083…
    assert (e2["covered_minutes"], e2["amount"]) == (0.0, "35.00")


def test_fully_covered_entry_costs_nothing_and_balance_carries_over() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "09:00", "09:15"),
            customers={"acme": {"contract": {"included_minutes": 600, "period": "once"}}},
        )
    )
    assert out["entries"][0]["amount"] == "0.00"
    assert out["customers"]["acme"]["contract_balance"] == 585.0


# --- policies and totals -----------------------------------------------------------------------


def test_customer_policy_overrides_field_by_field() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "09:00", "09:20"),
            entry("e2", "beta", "10:00", "10:20"),
            entry("e3", "unknown", "11:00", "11:20"),
            policy={"increment_minutes": 30, "rate": "60.00"},
            customers={"acme": {"policy": {"rate": "90.00"}}, "beta": {}},
        )
    )
    e1, e2, e3 = out["entries"]
    assert (e1["billed_minutes"], e1["amount"]) == (30, "45.00")  # acme's rate, company increment
    assert (e2["billed_minutes"], e2["amount"]) == (30, "30.00")
    assert (e3["billed_minutes"], e3["amount"]) == (30, "30.00")  # unknown: company policy
    assert list(out["customers"]) == ["acme", "beta", "unknown"]


def test_totals_add_up_per_customer() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "09:00", "09:20"),
            entry("e2", "acme", "10:00", "11:30"),  # held for review
            entry("e3", "acme", "12:00", "12:03", billable=False),
            entry("e4", "acme", "13:00", "13:40"),
            policy={"currency": "EUR"},
        )
    )
    assert out["currency"] == "EUR"
    assert out["customers"]["acme"] == {
        "billed_minutes": 75,
        "chargeable_minutes": 75.0,
        "amount": "106.25",
        "needs_review": 1,
        "contract_balance": None,
    }


# --- the typed layer and its explanation codes --------------------------------------------------


def test_typed_layer_explains_each_amount() -> None:
    acme = CustomerTerms(
        Policy(
            minimum_charge=Decimal("35.00"),
            free_under_minutes=Fraction(5),
            business_hours=MON_FRI_HOURS,
        ),
        Contract(Fraction(20), Period.ONCE),
    )
    beta = CustomerTerms(Policy(minimum_charge=Decimal("35.00"), business_hours=MON_FRI_HOURS))

    def moment(day: int, hour: int, minute: int) -> datetime:
        return datetime(2026, 11, day, hour, minute, tzinfo=UTC)

    inp = BillingInput(
        entries=(
            BillingEntry("quick", "acme", moment(2, 9, 0), moment(2, 9, 3)),
            BillingEntry("bank", "acme", moment(2, 10, 0), moment(2, 10, 16)),
            BillingEntry("site2", "acme", moment(2, 10, 5), moment(2, 10, 10)),
            BillingEntry("sat", "beta", moment(7, 10, 0), moment(7, 10, 6)),
            BillingEntry("long", "beta", moment(3, 9, 0), moment(3, 11, 0), approved=True),
            BillingEntry("held", "beta", moment(4, 9, 0), moment(4, 11, 0)),
            BillingEntry("off", "beta", moment(5, 9, 0), moment(5, 9, 30), billable=False),
        ),
        customers={"acme": acme, "beta": beta},
        concurrency=Concurrency.BILL_EACH,
    )
    result = price(inp)
    assert result.entry("quick").why == ((Why.FREE_UNDER, Fraction(5)),)
    assert result.entry("bank").why == (
        (Why.ROUNDED_UP, Fraction(16), Fraction(30)),
        (Why.CONTRACT_COVERED, Fraction(20)),
        (Why.CONTRACT_EXHAUSTED,),
    )
    assert result.entry("bank").amount == Decimal("14.17")  # covered, so no minimum charge
    assert result.entry("site2").status is Status.MERGED
    assert result.entry("site2").why == ((Why.MERGED_INTO, "bank"),)
    sat = result.entry("sat")
    assert sat.rate_class is RateClass.AFTER_HOURS
    assert sat.why == (
        (Why.ROUNDED_UP, Fraction(6), Fraction(15)),
        (Why.AFTER_HOURS, "1.5", AfterHoursCause.CLOSED_DAY),
        (Why.MINIMUM_CHARGE, "35.00"),
    )
    assert sat.amount == Decimal("35.00")  # 22.5/60 × 85 = 31.88, raised
    assert result.entry("long").codes() == ["review_approved"]
    assert result.entry("held").why == ((Why.REVIEW_OVER, Fraction(60)),)
    assert result.entry("off").why == ((Why.NON_BILLABLE,),)


def test_concurrency_reduction_is_explained() -> None:
    result = price(
        parse_document(
            document(
                entry("e1", "acme", "09:00", "09:30"),
                entry("e2", "beta", "09:15", "09:45"),
                policy={"concurrency": "split", "increment_minutes": 1},
            )
        )
    )
    e1 = result.entry("e1")
    assert e1.why[0] == (Why.CONCURRENCY_REDUCED, Fraction(30), Fraction(45, 2))
    assert e1.why[1] == (Why.ROUNDED_UP, Fraction(45, 2), Fraction(23))
