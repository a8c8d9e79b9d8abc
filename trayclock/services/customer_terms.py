"""A customer's own terms as the customers window edits them: policy overrides (only the fields
that differ from the company's), the contract, and where the contract stands now.

Overrides and contracts are judged by the billing engine's parser before they are stored;
a contract's balance and this month's draw come from the one pricing path
(`trayclock.services.pricing.price_stored_range`, i.e. domain/pricing), never from a
formula of the window's own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from fractions import Fraction
from typing import Any

from trayclock.domain.entry import Customer
from trayclock.services.pricing import price_stored_range
from trayclock.services.settings_book import SettingsRefused
from trayclock.services.settings_check import POLICY_TEXT_FIELDS
from trayclock.services.settings_judge import judge_terms
from trayclock.services.zones import company_zone
from trayclock.store import customers, settings

# The policy fields a customer may override in the window: those typed in, and the rounding
# (currency must match the company's; time zone and concurrency are company-level only).
OVERRIDABLE_FIELDS = tuple(name for name in (*POLICY_TEXT_FIELDS, "rounding") if name != "currency")
PERIODS = ("once", "month")


@dataclass(frozen=True, slots=True)
class ContractStatus:
    """Where a customer's contract stands at `at`: `balance` minutes left now (for a monthly
    quota: of this month) and `drawn_this_month` (covered minutes of this month's entries)."""

    included_minutes: Fraction
    period: str
    balance: Fraction
    drawn_this_month: Fraction
    at: datetime


class _Inherit:
    def __repr__(self) -> str:
        return "INHERIT"


INHERIT: Any = _Inherit()  # an edited field the customer takes from the company again


def merged_overrides(current: Mapping[str, Any], edited: Mapping[str, Any]) -> dict[str, Any]:
    """The customer's policy after an edit: each of the window's fields as `edited` (INHERIT:
    no override; None for review_over_minutes: never held), every other stored override
    (e.g. own business hours from a company file) kept as it was."""
    out = dict(current)
    for name, value in edited.items():
        if name not in OVERRIDABLE_FIELDS:
            raise ValueError(f"{name} is not a field a customer overrides here")
        if value is INHERIT:
            out.pop(name, None)
        else:
            out[name] = value
    return out


def save_terms(
    conn: sqlite3.Connection,
    customer_id: int,
    *,
    name: str,
    policy: Mapping[str, Any],
    contract: Mapping[str, Any] | None,
    now: datetime,
) -> Customer:
    """Store a customer's name, policy overrides and contract, judged by the engine first."""
    current = customers.get(conn, customer_id)
    if current is None:
        raise SettingsRefused([f"no customer {customer_id}"])
    if not name.strip():
        raise SettingsRefused(["a customer needs a name"])
    terms: dict[str, Any] = {"policy": dict(policy)}
    if contract is not None:
        terms["contract"] = dict(contract)
    problems = judge_terms(settings.policy(conn), current.key, terms)
    if problems:
        raise SettingsRefused(problems)
    return customers.upsert(
        conn,
        current.key,
        name.strip(),
        now=now,
        external_ids=current.external_ids,
        policy=dict(policy),
        contract=None if contract is None else dict(contract),
        archived=current.archived,
    )


def contract_status(
    conn: sqlite3.Connection, customer: Customer, now: datetime
) -> ContractStatus | None:
    """The contract's balance now and this month's draw (None: the customer has none).

    Priced through the one pricing path: this month's entries up to `now`, in the light of
    the history the contract depends on. Raises the engine's BillingInputError when the
    stored policy or a billed customer's terms are invalid.
    """
    contract = customer.contract
    if not contract:
        return None
    included = Fraction(str(contract.get("included_minutes", 0)))
    period = str(contract.get("period"))
    zone = company_zone(settings.policy(conn))
    local = now.astimezone(zone)
    month_start = datetime.combine(local.date().replace(day=1), time(0), zone)
    priced = price_stored_range(conn, month_start, now, now=now)
    total = next((t for t in priced.totals if t.key == customer.key), None)
    if total is not None and total.contract_balance is not None:
        return ContractStatus(included, period, total.contract_balance, total.covered_minutes, now)
    # Nothing of this customer's this month: a quota is full, a bank holds what history left.
    left = priced.balance_after(customer.key)
    balance = left if period == "once" and left is not None else included
    return ContractStatus(included, period, balance, Fraction(0), now)
