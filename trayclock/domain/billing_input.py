"""The billing input document: JSON-shaped dict → validated BillingInput, every problem collected.

Each problem is one line `WHERE: FIELD: what is wrong`, WHERE being `input`, `policy`,
`customer NAME` or `entry ID` (`entry #N`, 1-based, when the id itself is unusable); a
pause's fields are `pauses[I].start` / `pauses[I].end` (I 0-based, in the input's order).
The field parsers and the engine's limits they check live in billing_fields.py and
billing_limits.py.

Choices the spec leaves open, made strict because they decide money:
- unknown fields in the top level, a policy, a contract or business_hours are errors
  (a typo like `increment_minute` must not silently bill with the default); entries and
  pauses may carry extra fields (notes, uuids), which are ignored;
- `timezone` and `concurrency` in a customer policy are errors (company-level only), and so
  is a customer `currency` different from the company's (the output has one currency);
- money and multipliers are decimal strings (or integers), never JSON floats, which cannot
  hold cents exactly; `increment_minutes`, `minimum_minutes` and
  `after_hours_minimum_minutes` are whole minutes;
- `billable`/`approved`/`pauses` given as null mean their defaults;
- a pause may start at the entry's start or end at its end ("within" includes the ends).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from trayclock.domain.billing_error import BillingInputError as BillingInputError  # re-exported
from trayclock.domain.billing_fields import (
    INVALID,
    Problems,
    _Invalid,
    boolean,
    business_hours,
    choice,
    decimal,
    describe,
    json_object,
    minutes,
    moment,
    nonempty_text,
    shown,
    timezone,
    unknown_fields,
    whole_minutes,
)
from trayclock.domain.billing_limits import money_problem, multiplier_problem, unicode_problem
from trayclock.domain.model import (
    BillingEntry,
    BillingInput,
    Concurrency,
    Contract,
    CustomerTerms,
    Pause,
    Period,
    Policy,
    Rounding,
)

TOP_LEVEL_FIELDS = ("policy", "customers", "entries")
COMPANY_ONLY_FIELDS = ("timezone", "concurrency")
POLICY_FIELDS = (
    "rate",
    "currency",
    "increment_minutes",
    "rounding",
    "free_under_minutes",
    "minimum_minutes",
    "minimum_charge",
    "review_over_minutes",
    "business_hours",
    "after_hours_multiplier",
    "after_hours_minimum_minutes",
)
# Policy fields that are whole minutes (a customers CSV reads these as numbers too).
WHOLE_MINUTE_POLICY_FIELDS = ("increment_minutes", "minimum_minutes", "after_hours_minimum_minutes")
CUSTOMER_FIELDS = ("policy", "contract")
CONTRACT_FIELDS = ("included_minutes", "period")

_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
_MONEY_PLACES = 2


def _policy_field(name: str, value: object, where: str, field: str, problems: Problems) -> object:
    """One policy field's value, INVALID (problem recorded) or None for an unknown name."""
    if name in WHOLE_MINUTE_POLICY_FIELDS:
        return whole_minutes(value, where, field, problems, positive=name == "increment_minutes")
    if name == "rate":
        return decimal(value, where, field, problems, limit=money_problem)
    if name == "currency":
        if isinstance(value, str) and _CURRENCY_CODE.fullmatch(value):
            return value
        return problems.add(
            where, field, f'must be an ISO currency code like "USD", got {describe(value)}'
        )
    if name == "rounding":
        return choice(Rounding, value, where, field, problems)
    if name == "free_under_minutes":
        return minutes(value, where, field, problems)
    if name == "minimum_charge":
        return decimal(value, where, field, problems, max_places=_MONEY_PLACES, limit=money_problem)
    if name == "review_over_minutes":
        return _NULL if value is None else minutes(value, where, field, problems)
    if name == "business_hours":
        hours = business_hours(value, where, field, problems)
        return _NULL if hours is None else hours
    if name == "after_hours_multiplier":
        return decimal(value, where, field, problems, limit=multiplier_problem)
    return None  # unknown and company-level fields are reported by the caller


_NULL = object()  # a policy field explicitly set to null (review_over_minutes, business_hours)


def _policy_fields(
    raw: Mapping[str, Any], where: str, prefix: str, problems: Problems
) -> dict[str, Any]:
    """The valid policy fields present in `raw` (the rest are recorded as problems)."""
    parsed: dict[str, Any] = {}
    for name, value in raw.items():
        result = _policy_field(name, value, where, f"{prefix}{name}", problems)
        if result is _NULL:
            parsed[name] = None
        elif result is not None and result is not INVALID:
            parsed[name] = result
    return parsed


def _company(value: object, problems: Problems) -> tuple[Policy, tzinfo | None, Concurrency | None]:
    where = "policy"
    raw = {} if value is None else json_object(value, "input", "policy", problems)
    if raw is None:
        return Policy(), None, None
    unknown_fields(raw, POLICY_FIELDS + COMPANY_ONLY_FIELDS, where, "", problems)
    zone = timezone(raw["timezone"], where, "timezone", problems) if "timezone" in raw else None
    concurrency = (
        choice(Concurrency, raw["concurrency"], where, "concurrency", problems)
        if "concurrency" in raw
        else None
    )
    policy = Policy(**_policy_fields(raw, where, "", problems))
    return (
        policy,
        None if isinstance(zone, _Invalid) else zone,
        None if isinstance(concurrency, _Invalid) else concurrency,
    )


def _customer(
    name: str, value: object, company: Policy, problems: Problems
) -> CustomerTerms | None:
    where = f"customer {shown(name)}"
    raw = {} if value is None else json_object(value, where, "terms", problems)
    if raw is None:
        return None
    unknown_fields(raw, CUSTOMER_FIELDS, where, "", problems)
    policy = company
    raw_policy = raw.get("policy")
    if raw_policy is not None:
        overrides = json_object(raw_policy, where, "policy", problems)
        if overrides is not None:
            unknown_fields(
                overrides, POLICY_FIELDS + COMPANY_ONLY_FIELDS, where, "policy.", problems
            )
            for company_only in COMPANY_ONLY_FIELDS:
                if company_only in overrides:
                    problems.add(
                        where,
                        f"policy.{company_only}",
                        "company-level only: set it in the top-level policy",
                    )
            fields = _policy_fields(overrides, where, "policy.", problems)
            if "currency" in fields and fields["currency"] != company.currency:
                problems.add(
                    where,
                    "policy.currency",
                    f"must match the company currency {company.currency} (one currency per bill)",
                )
            policy = replace(company, **fields)
    contract = None
    raw_contract = raw.get("contract")
    if raw_contract is not None:
        contract_raw = json_object(raw_contract, where, "contract", problems)
        if contract_raw is not None:
            contract = _contract(contract_raw, where, problems)
    return CustomerTerms(policy, contract)


def _contract(raw: Mapping[str, Any], where: str, problems: Problems) -> Contract | None:
    unknown_fields(raw, CONTRACT_FIELDS, where, "contract.", problems)
    if "included_minutes" not in raw:
        included: object = problems.add(where, "contract.included_minutes", "missing")
    else:
        included = minutes(raw["included_minutes"], where, "contract.included_minutes", problems)
    if "period" not in raw:
        period: object = problems.add(where, "contract.period", "missing (once or month)")
    else:
        period = choice(Period, raw["period"], where, "contract.period", problems)
    if isinstance(included, Fraction) and isinstance(period, Period):
        return Contract(included, period)
    return None


def _entry(
    position: int, value: object, seen: dict[str, int], problems: Problems
) -> BillingEntry | None:
    where = f"entry #{position}"
    if not isinstance(value, dict):
        problems.add(where, "entry", f"must be an object, got {describe(value)}")
        return None
    raw_id = value.get("id")
    entry_id = None
    if raw_id is None:
        problems.add(where, "id", "missing")
    else:
        checked = nonempty_text(raw_id, where, "id", problems, "a non-empty string")
        if isinstance(checked, str):
            entry_id = checked
            where = f"entry {shown(entry_id)}"
            if entry_id in seen:
                # Later problems of this entry must not be mistaken for the first one's.
                where = f"entry {shown(entry_id)} (#{position})"
                problems.add(where, "id", f"duplicate (also entry #{seen[entry_id]})")
            else:
                seen[entry_id] = position
    before = len(problems.lines)
    for field in ("customer", "start", "end"):
        if field not in value:
            problems.add(where, field, "missing")
    customer: object = INVALID
    if "customer" in value:
        customer = nonempty_text(
            value["customer"], where, "customer", problems, "a customer name (string)"
        )
    start = moment(value["start"], where, "start", problems) if "start" in value else INVALID
    end = moment(value["end"], where, "end", problems) if "end" in value else INVALID
    if isinstance(start, datetime) and isinstance(end, datetime) and end <= start:
        problems.add(where, "end", "must be after start")
        end = INVALID
    billable = boolean(value.get("billable"), True, where, "billable", problems)
    approved = boolean(value.get("approved"), False, where, "approved", problems)
    pauses = _pauses(value.get("pauses"), start, end, where, problems)
    if len(problems.lines) > before or entry_id is None:
        return None
    assert isinstance(start, datetime) and isinstance(end, datetime) and isinstance(customer, str)
    return BillingEntry(entry_id, customer, start, end, billable, approved, pauses)


def _pauses(
    value: object, start: object, end: object, where: str, problems: Problems
) -> tuple[Pause, ...]:
    """An entry's pauses, each checked against the entry and the others (see the spec)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(
            where, "pauses", f'must be a list of {{"start": …, "end": …}}, got {describe(value)}'
        )
        return ()
    found: list[tuple[Pause, int]] = []
    for index, raw in enumerate(value):
        pause = _pause(index, raw, start, end, where, problems)
        if pause is not None:
            found.append((pause, index))
    if len(found) < len(value) or not isinstance(start, datetime) or not isinstance(end, datetime):
        return ()
    found.sort()
    overlapping = False
    reach, reacher = found[0] if found else (None, 0)  # the latest-ending pause so far
    for pause, index in found[1:]:
        assert reach is not None
        if pause.start < reach.end:
            overlapping = True
            problems.add(
                where,
                f"pauses[{index}].start",
                f"overlaps pauses[{reacher}] (pauses must not overlap; touching is fine)",
            )
        if pause.end > reach.end:
            reach, reacher = pause, index
    paused = sum((pause.end - pause.start for pause, _ in found), end - end)
    if not overlapping and paused >= end - start:
        problems.add(where, "pauses", "leave no worked time: they cover the whole entry")
    return tuple(pause for pause, _ in found)


def _pause(
    index: int, raw: object, start: object, end: object, where: str, problems: Problems
) -> Pause | None:
    field = f"pauses[{index}]"
    shape = json_object(raw, where, field, problems)
    if shape is None:
        return None
    begins: datetime | _Invalid = INVALID
    ends: datetime | _Invalid = INVALID
    for part in ("start", "end"):
        if part not in shape:
            problems.add(where, f"{field}.{part}", "missing")
    if "start" in shape:
        begins = moment(shape["start"], where, f"{field}.start", problems)
    if "end" in shape:
        ends = moment(shape["end"], where, f"{field}.end", problems)
    if not isinstance(begins, datetime) or not isinstance(ends, datetime):
        return None
    problem = False
    if ends <= begins:
        problems.add(where, f"{field}.end", f"must be after {field}.start")
        problem = True
    if isinstance(start, datetime) and begins < start:
        problems.add(where, f"{field}.start", "must not be before the entry's start")
        problem = True
    if isinstance(end, datetime) and ends > end:
        problems.add(where, f"{field}.end", "must not be after the entry's end")
        problem = True
    return None if problem else Pause(begins, ends)


def parse_document(doc: object) -> BillingInput:
    """Validate a billing input document (parsed JSON); BillingInputError lists every problem."""
    problems = Problems()
    if not isinstance(doc, dict):
        raise BillingInputError([f"input: top level: must be an object, got {describe(doc)}"])
    unknown_fields(doc, TOP_LEVEL_FIELDS, "input", "", problems)
    policy, zone, concurrency = _company(doc.get("policy"), problems)

    customers: dict[str, CustomerTerms] = {}
    raw_customers = doc.get("customers")
    if raw_customers is not None:
        mapping = json_object(raw_customers, "input", "customers", problems)
        for name, terms_raw in (mapping or {}).items():
            if not name.strip():
                problems.add("input", "customers", "a customer name must not be empty")
                continue
            if surrogate := unicode_problem(name):
                problems.add("input", "customers", f"{describe(name)}: {surrogate}")
                continue
            terms = _customer(name, terms_raw, policy, problems)
            if terms is not None:
                customers[name] = terms

    entries: list[BillingEntry] = []
    raw_entries = doc.get("entries")
    if raw_entries is None:
        problems.add("input", "entries", "missing (a list of entries)")
    elif not isinstance(raw_entries, list):
        problems.add("input", "entries", f"must be a list, got {describe(raw_entries)}")
    else:
        seen: dict[str, int] = {}
        for position, raw_entry in enumerate(raw_entries, start=1):
            entry = _entry(position, raw_entry, seen, problems)
            if entry is not None:
                entries.append(entry)

    if problems.lines:
        raise BillingInputError(problems.lines)
    return BillingInput(
        entries=tuple(entries),
        policy=policy,
        customers=MappingProxyType(customers),
        timezone=zone if zone is not None else UTC,
        concurrency=concurrency if concurrency is not None else Concurrency.BILL_EACH,
    )
