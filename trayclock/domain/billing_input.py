"""The billing input document: JSON-shaped dict → validated BillingInput, every problem collected.

Each problem is one line `WHERE: FIELD: what is wrong`, WHERE being `input`, `policy`,
`customer NAME` or `entry ID` (`entry #N`, 1-based, when the id itself is unusable).

Choices the spec leaves open, made strict because they decide money:
- unknown fields in the top level, a policy, a contract or business_hours are errors
  (a typo like `increment_minute` must not silently bill with the default); entries may
  carry extra fields (notes, uuids), which are ignored;
- `timezone` and `concurrency` in a customer policy are errors (company-level only), and so
  is a customer `currency` different from the company's (the output has one currency);
- money and multipliers are decimal strings (or integers), never JSON floats, which cannot
  hold cents exactly; `increment_minutes` and `minimum_minutes` are whole minutes;
- `billable`/`approved` given as null mean their defaults.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trayclock.domain.model import (
    BillingEntry,
    BillingInput,
    BusinessHours,
    Concurrency,
    Contract,
    CustomerTerms,
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
)
BUSINESS_HOURS_FIELDS = ("days", "start", "end", "holidays")
CUSTOMER_FIELDS = ("policy", "contract")
CONTRACT_FIELDS = ("included_minutes", "period")

_DECIMAL_TEXT = re.compile(r"-?\d+(\.\d+)?")
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
_CLOCK_TEXT = re.compile(r"\d\d:\d\d")
_DATE_TEXT = re.compile(r"\d{4}-\d\d-\d\d")
_MONEY_PLACES = 2
_E = TypeVar("_E", Rounding, Concurrency, Period)


class BillingInputError(ValueError):
    """The input document is invalid; `.problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class _Invalid:
    """Marks a value that failed validation (its problem is already recorded)."""


INVALID = _Invalid()


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, field: str, message: str) -> _Invalid:
        self.lines.append(f"{where}: {field}: {message}")
        return INVALID


def _describe(value: object) -> str:
    """A short rendering of a bad value for an error message."""
    text = repr(value) if isinstance(value, str) else _json_type(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --- field parsers: each returns the parsed value or INVALID (after recording the problem) ---


def _minutes(value: object, where: str, field: str, problems: _Problems) -> Fraction | _Invalid:
    """A non-negative number of minutes, kept exact (7.5 stays 15/2)."""
    if not _is_number(value):
        return problems.add(where, field, f"must be a number of minutes, got {_describe(value)}")
    assert isinstance(value, (int, float))
    if not math.isfinite(value):
        return problems.add(where, field, "must be a finite number")
    if value < 0:
        return problems.add(where, field, f"must not be negative, got {value}")
    # str() of a float is its shortest exact decimal: 0.1 becomes 1/10, not the binary value.
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def _whole_minutes(
    value: object, where: str, field: str, problems: _Problems, *, positive: bool
) -> int | _Invalid:
    if not _is_number(value) or (isinstance(value, float) and not value.is_integer()):
        return problems.add(where, field, f"must be whole minutes, got {_describe(value)}")
    assert isinstance(value, (int, float))
    minutes = int(value)
    if positive and minutes <= 0:
        return problems.add(where, field, f"must be more than 0, got {minutes}")
    if minutes < 0:
        return problems.add(where, field, f"must not be negative, got {minutes}")
    return minutes


def _decimal(
    value: object, where: str, field: str, problems: _Problems, *, max_places: int | None = None
) -> Decimal | _Invalid:
    """A non-negative decimal string such as "85.00" (an integer is accepted too)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _DECIMAL_TEXT.fullmatch(value.strip()):
        return problems.add(
            where, field, f'must be a decimal string like "85.00", got {_describe(value)}'
        )
    number = Decimal(value.strip())
    if number < 0:
        return problems.add(where, field, f"must not be negative, got {value!r}")
    if max_places is not None and -number.as_tuple().exponent > max_places:  # type: ignore[operator]
        return problems.add(where, field, f"must have at most {max_places} decimals, got {value!r}")
    return number


def _choice(
    kind: type[_E], value: object, where: str, field: str, problems: _Problems
) -> _E | _Invalid:
    names = [member.value for member in kind]
    if isinstance(value, str) and value in names:
        return kind(value)
    return problems.add(where, field, f"must be one of {', '.join(names)}, got {_describe(value)}")


def _boolean(value: object, default: bool, where: str, field: str, problems: _Problems) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        problems.add(where, field, f"must be true or false, got {_describe(value)}")
        return default
    return value


def _text(value: object, where: str, field: str, problems: _Problems) -> str | _Invalid:
    if not isinstance(value, str) or not value.strip():
        return problems.add(where, field, f"must be a non-empty string, got {_describe(value)}")
    return value


def _moment(value: object, where: str, field: str, problems: _Problems) -> datetime | _Invalid:
    """An ISO 8601 date-time with a UTC offset or Z."""
    if not isinstance(value, str):
        return problems.add(
            where, field, f"must be an ISO 8601 date-time string, got {_describe(value)}"
        )
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return problems.add(where, field, f"not an ISO 8601 date-time: {_describe(value)}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        return problems.add(
            where, field, f"needs a UTC offset or Z (e.g. +01:00), got {_describe(value)}"
        )
    return moment


def _timezone(value: object, where: str, field: str, problems: _Problems) -> tzinfo | _Invalid:
    if not isinstance(value, str) or not value:
        return problems.add(where, field, f"must be an IANA zone name, got {_describe(value)}")
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return problems.add(where, field, f"unknown IANA time zone {value!r}")


def _object(value: object, where: str, field: str, problems: _Problems) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        problems.add(where, field, f"must be an object, got {_describe(value)}")
        return None
    return value


def _unknown_fields(
    raw: Mapping[str, Any], known: tuple[str, ...], where: str, prefix: str, problems: _Problems
) -> None:
    for name in raw:
        if name not in known:
            problems.add(where, f"{prefix}{name}", f"unknown field (known: {', '.join(known)})")


def _business_hours(
    value: object, where: str, field: str, problems: _Problems
) -> BusinessHours | _Invalid | None:
    if value is None:
        return None
    raw = _object(value, where, field, problems)
    if raw is None:
        return INVALID
    before = len(problems.lines)
    _unknown_fields(raw, BUSINESS_HOURS_FIELDS, where, f"{field}.", problems)
    days = raw.get("days")
    day_set: set[int] = set()
    if not isinstance(days, list) or not all(
        isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 7 for d in days
    ):
        problems.add(where, f"{field}.days", "must be a list of ISO weekdays 1-7 (Monday = 1)")
    else:
        day_set = set(days)
    opening = _clock(raw.get("start"), where, f"{field}.start", problems)
    closing = _clock(raw.get("end"), where, f"{field}.end", problems)
    if isinstance(opening, time) and isinstance(closing, time) and closing <= opening:
        problems.add(where, f"{field}.end", "must be after business_hours.start")
    holidays: set[date] = set()
    raw_holidays = raw.get("holidays", [])
    if not isinstance(raw_holidays, list):
        problems.add(where, f"{field}.holidays", 'must be a list of dates like "2026-12-25"')
    else:
        for item in raw_holidays:
            try:
                if not isinstance(item, str) or not _DATE_TEXT.fullmatch(item):
                    raise ValueError
                holidays.add(date.fromisoformat(item))
            except ValueError:
                problems.add(where, f"{field}.holidays", f"not a date: {_describe(item)}")
    if len(problems.lines) > before:
        return INVALID
    assert isinstance(opening, time) and isinstance(closing, time)
    return BusinessHours(frozenset(day_set), opening, closing, frozenset(holidays))


def _clock(value: object, where: str, field: str, problems: _Problems) -> time | _Invalid:
    if isinstance(value, str) and _CLOCK_TEXT.fullmatch(value):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    return problems.add(where, field, f'must be a time like "08:00", got {_describe(value)}')


def _policy_fields(
    raw: Mapping[str, Any], where: str, prefix: str, problems: _Problems
) -> dict[str, Any]:
    """The valid policy fields present in `raw` (the rest are recorded as problems)."""
    parsed: dict[str, Any] = {}
    for name, value in raw.items():
        field = f"{prefix}{name}"
        result: object
        if name == "rate":
            result = _decimal(value, where, field, problems)
        elif name == "currency":
            if isinstance(value, str) and _CURRENCY_CODE.fullmatch(value):
                result = value
            else:
                result = problems.add(
                    where, field, f'must be an ISO currency code like "USD", got {_describe(value)}'
                )
        elif name == "increment_minutes":
            result = _whole_minutes(value, where, field, problems, positive=True)
        elif name == "minimum_minutes":
            result = _whole_minutes(value, where, field, problems, positive=False)
        elif name == "rounding":
            result = _choice(Rounding, value, where, field, problems)
        elif name == "free_under_minutes":
            result = _minutes(value, where, field, problems)
        elif name == "minimum_charge":
            result = _decimal(value, where, field, problems, max_places=_MONEY_PLACES)
        elif name == "review_over_minutes":
            result = None if value is None else _minutes(value, where, field, problems)
        elif name == "business_hours":
            result = _business_hours(value, where, field, problems)
        elif name == "after_hours_multiplier":
            result = _decimal(value, where, field, problems)
        else:
            continue  # unknown and company-level fields are reported by the caller
        if result is not INVALID:
            parsed[name] = result
    return parsed


def _company(
    value: object, problems: _Problems
) -> tuple[Policy, tzinfo | None, Concurrency | None]:
    where = "policy"
    raw = {} if value is None else _object(value, "input", "policy", problems)
    if raw is None:
        return Policy(), None, None
    _unknown_fields(raw, POLICY_FIELDS + COMPANY_ONLY_FIELDS, where, "", problems)
    zone = _timezone(raw["timezone"], where, "timezone", problems) if "timezone" in raw else None
    concurrency = (
        _choice(Concurrency, raw["concurrency"], where, "concurrency", problems)
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
    name: str, value: object, company: Policy, problems: _Problems
) -> CustomerTerms | None:
    where = f"customer {name}"
    raw = {} if value is None else _object(value, where, "terms", problems)
    if raw is None:
        return None
    _unknown_fields(raw, CUSTOMER_FIELDS, where, "", problems)
    policy = company
    raw_policy = raw.get("policy")
    if raw_policy is not None:
        overrides = _object(raw_policy, where, "policy", problems)
        if overrides is not None:
            _unknown_fields(
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
        contract_raw = _object(raw_contract, where, "contract", problems)
        if contract_raw is not None:
            contract = _contract(contract_raw, where, problems)
    return CustomerTerms(policy, contract)


def _contract(raw: Mapping[str, Any], where: str, problems: _Problems) -> Contract | None:
    _unknown_fields(raw, CONTRACT_FIELDS, where, "contract.", problems)
    if "included_minutes" not in raw:
        included: object = problems.add(where, "contract.included_minutes", "missing")
    else:
        included = _minutes(raw["included_minutes"], where, "contract.included_minutes", problems)
    if "period" not in raw:
        period: object = problems.add(where, "contract.period", "missing (once or month)")
    else:
        period = _choice(Period, raw["period"], where, "contract.period", problems)
    if isinstance(included, Fraction) and isinstance(period, Period):
        return Contract(included, period)
    return None


def _entry(
    position: int, value: object, seen: dict[str, int], problems: _Problems
) -> BillingEntry | None:
    where = f"entry #{position}"
    if not isinstance(value, dict):
        problems.add(where, "entry", f"must be an object, got {_describe(value)}")
        return None
    raw_id = value.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        where = f"entry {raw_id}"
        if raw_id in seen:
            # Later problems of this entry must not be mistaken for the first one's.
            where = f"entry {raw_id} (#{position})"
            problems.add(where, "id", f"duplicate (also entry #{seen[raw_id]})")
        else:
            seen[raw_id] = position
    else:
        problems.add(where, "id", "missing" if raw_id is None else "must be a non-empty string")
    before = len(problems.lines)
    fields: dict[str, object] = {}
    for name in ("customer", "start", "end"):
        if name not in value:
            problems.add(where, name, "missing")
    if "customer" in value:
        raw_customer = value["customer"]
        if isinstance(raw_customer, str) and raw_customer.strip():
            fields["customer"] = raw_customer
        else:
            problems.add(
                where,
                "customer",
                f"must be a customer name (string), got {_describe(raw_customer)}",
            )
    for name in ("start", "end"):
        if name in value:
            fields[name] = _moment(value[name], where, name, problems)
    start, end = fields.get("start"), fields.get("end")
    if isinstance(start, datetime) and isinstance(end, datetime) and end <= start:
        problems.add(where, "end", "must be after start")
    billable = _boolean(value.get("billable"), True, where, "billable", problems)
    approved = _boolean(value.get("approved"), False, where, "approved", problems)
    if len(problems.lines) > before or not isinstance(raw_id, str):
        return None
    assert isinstance(start, datetime) and isinstance(end, datetime)
    return BillingEntry(raw_id, str(fields["customer"]), start, end, billable, approved)


def parse_document(doc: object) -> BillingInput:
    """Validate a billing input document (parsed JSON); BillingInputError lists every problem."""
    problems = _Problems()
    if not isinstance(doc, dict):
        raise BillingInputError([f"input: top level: must be an object, got {_describe(doc)}"])
    _unknown_fields(doc, TOP_LEVEL_FIELDS, "input", "", problems)
    policy, zone, concurrency = _company(doc.get("policy"), problems)

    customers: dict[str, CustomerTerms] = {}
    raw_customers = doc.get("customers")
    if raw_customers is not None:
        mapping = _object(raw_customers, "input", "customers", problems)
        for name, terms_raw in (mapping or {}).items():
            if not name.strip():
                problems.add("input", "customers", "a customer name must not be empty")
                continue
            terms = _customer(name, terms_raw, policy, problems)
            if terms is not None:
                customers[name] = terms

    entries: list[BillingEntry] = []
    raw_entries = doc.get("entries")
    if raw_entries is None:
        problems.add("input", "entries", "missing (a list of entries)")
    elif not isinstance(raw_entries, list):
        problems.add("input", "entries", f"must be a list, got {_describe(raw_entries)}")
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
