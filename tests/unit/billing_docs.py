"""Builders for billing input documents in tests (shared by the tests/unit/test_bill*.py files)."""

from __future__ import annotations

from typing import Any

MONDAY = "2026-11-02"  # a Monday in November (CET, +01:00)
SATURDAY = "2026-11-07"
MON_FRI_8_TO_17 = {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"}


def at(clock: str, day: str = MONDAY, offset: str = "+01:00") -> str:
    """An ISO timestamp: `at("09:15")` → 2026-11-02T09:15:00+01:00 (seconds allowed: "09:15:30")."""
    if clock.count(":") == 1:
        clock += ":00"
    return f"{day}T{clock}{offset}"


def entry(
    entry_id: str, customer: str, start: str, end: str, day: str = MONDAY, **extra: Any
) -> dict[str, Any]:
    """An entry on `day` from clock `start` to clock `end` (+01:00)."""
    return {
        "id": entry_id,
        "customer": customer,
        "start": at(start, day),
        "end": at(end, day),
        **extra,
    }


def document(
    *entries: dict[str, Any],
    policy: dict[str, Any] | None = None,
    customers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    doc: dict[str, Any] = {"entries": list(entries)}
    if policy is not None:
        doc["policy"] = policy
    if customers is not None:
        doc["customers"] = customers
    return doc


def by_id(output: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The output's entries keyed by id."""
    return {item["id"]: item for item in output["entries"]}
