"""The final word on a whole policy: the billing engine's own parser, and the defaults it uses.

The settings window, the customers window and a rollout import check every field as it is
typed (`trayclock.services.settings_check`); before anything is saved the whole company
policy and each customer's terms go through `trayclock.domain.billing_input.parse_document`,
the parser `trayclock bill` and every price use, so the store can never hold a policy the
engine would refuse. Its problem lines (English, `policy: FIELD: what`) are shown as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from trayclock.domain.billing_input import BillingInputError, parse_document
from trayclock.domain.model import Policy

COMPANY_ONLY_FIELDS = ("timezone", "concurrency")
DEFAULT_TIMEZONE = "UTC"
DEFAULT_CONCURRENCY = "bill_each"
AFTER_HOURS_MINIMUM = "after_hours_minimum_minutes"


def _number(value: Fraction | int) -> int | float:
    fraction = Fraction(value)
    return int(fraction) if fraction.denominator == 1 else float(fraction)


def policy_defaults() -> dict[str, Any]:
    """Every company policy field at the engine's default (billing-rules.md's table)."""
    engine = Policy()
    review = engine.review_over_minutes
    return {
        "rate": str(engine.rate),
        "currency": engine.currency,
        "increment_minutes": engine.increment_minutes,
        "rounding": engine.rounding.value,
        "free_under_minutes": _number(engine.free_under_minutes),
        "minimum_minutes": engine.minimum_minutes,
        "minimum_charge": str(engine.minimum_charge),
        "review_over_minutes": None if review is None else _number(review),
        "business_hours": None,
        "after_hours_multiplier": str(engine.after_hours_multiplier),
        # The engine gains this field with billing-rules.md's after-hours minimum; until then
        # its default is the spec's, 0.
        AFTER_HOURS_MINIMUM: int(getattr(engine, AFTER_HOURS_MINIMUM, 0)),
        "timezone": DEFAULT_TIMEZONE,
        "concurrency": DEFAULT_CONCURRENCY,
    }


def effective_policy(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The company policy in force: the stored fields over the defaults."""
    return {**policy_defaults(), **stored}


def without_idle_after_hours_minimum(policy: Mapping[str, Any]) -> dict[str, Any]:
    """The policy without `after_hours_minimum_minutes` when it is 0, its default.

    Written only when it says something, a store stays readable by a trayclock whose engine
    predates the field (billing-rules.md added it later).
    """
    out = dict(policy)
    if out.get(AFTER_HOURS_MINIMUM) == 0:
        del out[AFTER_HOURS_MINIMUM]
    return out


def judge_policy(policy: Mapping[str, Any]) -> list[str]:
    """The engine's problems with a company policy (empty: `trayclock bill` takes it)."""
    return _problems({"policy": dict(policy), "entries": []})


def judge_terms(company: Mapping[str, Any], key: str, terms: Mapping[str, Any]) -> list[str]:
    """The engine's problems with one customer's terms (`policy` overrides, `contract`) under
    the company policy; the company's own problems are left to `judge_policy`."""
    problems = _problems({"policy": dict(company), "customers": {key: dict(terms)}, "entries": []})
    prefix = f"customer {key}: "
    return [p for p in problems if p.startswith(prefix)]


def _problems(doc: dict[str, Any]) -> list[str]:
    try:
        parse_document(doc)
    except BillingInputError as error:
        return list(error.problems)
    return []
