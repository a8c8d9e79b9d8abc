"""Every worked example of billing-rules.md, and its output example, through bill_document."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from billing_docs import MON_FRI_8_TO_17, SATURDAY, at, by_id, document, entry

from trayclock.domain.billing import PRICED_FIELDS, bill_document, parse_document, price
from trayclock.domain.model import Why

SPEC = Path(__file__).resolve().parents[2] / "docs" / "billing-rules.md"


def test_output_example_shape_is_exact() -> None:
    doc = document(
        {
            "id": "e1",
            "customer": "acme",
            "start": "2026-11-02T09:00:00+01:00",
            "end": "2026-11-02T09:22:00+01:00",
            "billable": True,
            "approved": False,
        }
    )
    assert bill_document(doc) == {
        "currency": "USD",
        "entries": [
            {
                "id": "e1",
                "customer": "acme",
                "status": "billed",
                "raw_minutes": 22.0,
                "paused_minutes": 0.0,
                "effective_minutes": 22.0,
                "billed_minutes": 30,
                "rate_class": "business",
                "multiplier": "1",
                "weighted_minutes": 30.0,
                "covered_minutes": 0.0,
                "chargeable_minutes": 30.0,
                "amount": "42.50",
            }
        ],
        "overlaps": [],
        "customers": {
            "acme": {
                "billed_minutes": 30,
                "chargeable_minutes": 30.0,
                "amount": "42.50",
                "needs_review": 0,
                "contract_balance": None,
            }
        },
    }


def spec_output_example() -> Any:
    """docs/billing-rules.md's output example, read from the document itself."""
    blocks = re.findall(r"```json\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)
    return json.loads(blocks[1])


def test_output_keys_come_in_the_spec_order() -> None:
    out = bill_document(
        document(entry("e1", "acme", "09:00", "09:30"), entry("e2", "acme", "09:23", "09:40"))
    )
    example = spec_output_example()
    assert list(out) == list(example)
    assert list(out["entries"][0]) == list(example["entries"][0])
    # The export builds its columns from PRICED_FIELDS: it must be exactly the spec's tail.
    assert tuple(out["entries"][0])[3:] == PRICED_FIELDS
    assert out["overlaps"] == [{"a": "e1", "b": "e2", "minutes": 7.0}]
    assert list(out["overlaps"][0]) == list(example["overlaps"][0])
    assert list(out["customers"]["acme"]) == list(example["customers"]["acme"])
    assert isinstance(out["entries"][0]["billed_minutes"], int)
    assert isinstance(out["entries"][0]["raw_minutes"], float)
    assert isinstance(out["entries"][0]["paused_minutes"], float)


def test_quick_fix_is_free() -> None:
    out = bill_document(
        document(entry("e1", "acme", "09:00", "09:04"), policy={"free_under_minutes": 5})
    )
    e1 = out["entries"][0]
    assert e1["status"] == "free"
    assert e1["raw_minutes"] == 4.0
    assert (e1["billed_minutes"], e1["amount"]) == (0, "0.00")


def test_started_quarter_is_billed_whole() -> None:
    e1 = bill_document(document(entry("e1", "acme", "09:00", "09:16")))["entries"][0]
    assert (e1["effective_minutes"], e1["billed_minutes"], e1["amount"]) == (16.0, 30, "42.50")


def test_minimum_charge_raises_a_small_amount() -> None:
    out = bill_document(
        document(entry("e1", "acme", "09:00", "09:06"), policy={"minimum_charge": "35.00"})
    )
    e1 = out["entries"][0]
    assert (e1["billed_minutes"], e1["amount"]) == (15, "35.00")  # 21.25 raised to 35.00


def test_long_session_waits_for_review_then_bills_when_approved() -> None:
    held = bill_document(document(entry("e1", "acme", "09:00", "10:30")))
    e1 = held["entries"][0]
    assert (e1["status"], e1["billed_minutes"], e1["amount"]) == ("needs_review", 0, "0.00")
    assert held["customers"]["acme"]["needs_review"] == 1

    approved = bill_document(document(entry("e1", "acme", "09:00", "10:30", approved=True)))
    e1 = approved["entries"][0]
    assert (e1["status"], e1["billed_minutes"], e1["amount"]) == ("billed", 90, "127.50")
    assert approved["customers"]["acme"]["needs_review"] == 0


def test_two_customers_at_once_bill_each() -> None:
    out = bill_document(
        document(entry("e1", "acme", "09:00", "09:30"), entry("e2", "beta", "09:15", "09:45"))
    )
    entries = by_id(out)
    for entry_id in ("e1", "e2"):
        assert entries[entry_id]["effective_minutes"] == 30.0
        assert entries[entry_id]["amount"] == "42.50"
    assert out["overlaps"] == [{"a": "e1", "b": "e2", "minutes": 15.0}]


def test_two_customers_at_once_split() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "09:00", "09:30"),
            entry("e2", "beta", "09:15", "09:45"),
            policy={"concurrency": "split"},
        )
    )
    entries = by_id(out)
    for entry_id in ("e1", "e2"):
        assert entries[entry_id]["effective_minutes"] == 22.5  # 15 + 7.5 and 7.5 + 15
        assert entries[entry_id]["billed_minutes"] == 30
        assert entries[entry_id]["amount"] == "42.50"
    assert out["overlaps"] == [{"a": "e1", "b": "e2", "minutes": 15.0}]


def test_same_customer_two_sites_merges_the_second() -> None:
    out = bill_document(
        document(entry("e1", "acme", "09:00", "09:30"), entry("e2", "acme", "09:10", "09:20"))
    )
    e1, e2 = out["entries"]
    assert (e1["status"], e1["billed_minutes"], e1["amount"]) == ("billed", 30, "42.50")
    assert e2["status"] == "merged"
    assert (e2["effective_minutes"], e2["billed_minutes"], e2["amount"]) == (0.0, 0, "0.00")
    assert out["overlaps"] == [{"a": "e1", "b": "e2", "minutes": 10.0}]
    assert out["customers"]["acme"]["billed_minutes"] == 30


def test_after_hours_on_saturday() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "10:00", "10:20", day=SATURDAY),
            policy={"business_hours": MON_FRI_8_TO_17},
        )
    )
    e1 = out["entries"][0]
    assert (e1["rate_class"], e1["multiplier"]) == ("after_hours", "1.5")
    assert (e1["billed_minutes"], e1["weighted_minutes"], e1["amount"]) == (30, 45.0, "63.75")


def test_hours_bank_is_drawn_in_order() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "09:00", "09:30"),
            entry("e2", "acme", "10:00", "10:15"),
            customers={"acme": {"contract": {"included_minutes": 20, "period": "once"}}},
        )
    )
    e1, e2 = out["entries"]
    assert (e1["covered_minutes"], e1["chargeable_minutes"], e1["amount"]) == (20.0, 10.0, "14.17")
    assert (e2["covered_minutes"], e2["chargeable_minutes"], e2["amount"]) == (0.0, 15.0, "21.25")
    assert out["customers"]["acme"] == {
        "billed_minutes": 45,
        "chargeable_minutes": 25.0,
        "amount": "35.42",
        "needs_review": 0,
        "contract_balance": 0.0,
    }


def test_the_spec_output_example_is_what_we_write() -> None:
    example = spec_output_example()
    out = bill_document(
        document(entry("e1", "acme", "09:00", "09:22"), entry("e2", "beta", "09:15", "09:30"))
    )
    assert out["entries"][0] == example["entries"][0]
    assert out["customers"]["acme"] == example["customers"]["acme"]


def pause(start: str, end: str, day: str | None = None) -> dict[str, str]:
    return {"start": at(start, day) if day else at(start), "end": at(end, day) if day else at(end)}


def test_slept_mid_call_is_one_call() -> None:
    one = bill_document(
        document(entry("e1", "acme", "09:00", "10:00", pauses=[pause("09:20", "09:50")]))
    )
    e1 = one["entries"][0]
    assert (e1["raw_minutes"], e1["paused_minutes"]) == (30.0, 30.0)
    assert (e1["billed_minutes"], e1["amount"]) == (30, "42.50")
    two = bill_document(
        document(entry("e1", "acme", "09:00", "09:20"), entry("e2", "acme", "09:50", "10:00"))
    )
    assert [row["billed_minutes"] for row in two["entries"]] == [30, 15]
    assert two["customers"]["acme"]["amount"] == "63.75"


def test_pause_during_an_overlap() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "09:00", "10:00", pauses=[pause("09:30", "10:00")]),
            entry("e2", "beta", "09:15", "09:45"),
        )
    )
    assert out["overlaps"] == [{"a": "e1", "b": "e2", "minutes": 15.0}]  # 09:15–09:30
    acme = by_id(out)["e1"]
    assert (acme["effective_minutes"], acme["billed_minutes"], acme["amount"]) == (
        30.0,
        30,
        "42.50",
    )


def test_after_hours_minimum() -> None:
    out = bill_document(
        document(
            entry("e1", "acme", "10:00", "10:20", day=SATURDAY),
            policy={"business_hours": MON_FRI_8_TO_17, "after_hours_minimum_minutes": 60},
        )
    )
    e1 = out["entries"][0]
    assert (e1["billed_minutes"], e1["weighted_minutes"], e1["amount"]) == (60, 90.0, "127.50")


def test_after_hours_minimum_is_per_customer_and_only_after_hours() -> None:
    out = bill_document(
        document(
            entry("sat", "acme", "10:00", "10:20", day=SATURDAY),
            entry("mon", "acme", "10:00", "10:20"),
            entry("other", "beta", "11:00", "11:20", day=SATURDAY),
            policy={"business_hours": MON_FRI_8_TO_17},
            customers={"acme": {"policy": {"after_hours_minimum_minutes": 60}}},
        )
    )
    rows = by_id(out)
    assert rows["sat"]["billed_minutes"] == 60
    assert rows["mon"]["billed_minutes"] == 30  # business hours: no after-hours minimum
    assert rows["other"]["billed_minutes"] == 30  # beta keeps the company default, 0


def test_after_hours_minimum_comes_after_rounding_and_minimum_minutes() -> None:
    # 20 min → rounded 30 → minimum_minutes 45 → after-hours minimum 40 does nothing more.
    doc = document(
        entry("e1", "acme", "10:00", "10:20", day=SATURDAY),
        policy={
            "business_hours": MON_FRI_8_TO_17,
            "minimum_minutes": 45,
            "after_hours_minimum_minutes": 40,
        },
    )
    result = price(parse_document(doc))
    assert result.entries[0].billed_minutes == 45
    assert result.entries[0].codes() == ["rounded_up", "minimum_minutes", "after_hours"]


def test_pauses_and_the_after_hours_minimum_explain_themselves() -> None:
    doc = document(
        entry("e1", "acme", "09:00", "10:00", pauses=[pause("09:20", "09:40")]),
        entry("e2", "acme", "10:00", "10:20", day=SATURDAY),
        policy={"business_hours": MON_FRI_8_TO_17, "after_hours_minimum_minutes": 60},
    )
    result = price(parse_document(doc))
    # "40 min worked (20 min paused), rounded up to 45 min"
    assert result.entry("e1").why == (
        (Why.PAUSED, Fraction(40), Fraction(20)),
        (Why.ROUNDED_UP, Fraction(40), Fraction(45)),
    )
    # "after hours: at least 1 h", then the multiplier
    assert result.entry("e2").why == (
        (Why.ROUNDED_UP, Fraction(20), Fraction(30)),
        (Why.AFTER_HOURS_MINIMUM, Fraction(60)),
        (Why.AFTER_HOURS, "1.5", "closed_day"),
    )
    assert (Why.PAUSED.value, Why.AFTER_HOURS_MINIMUM.value) == ("paused", "after_hours_minimum")
