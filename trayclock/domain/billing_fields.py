"""Field parsers of the billing input: one JSON value → a typed value, or a recorded problem.

Each parser returns the parsed value or INVALID after recording one problem line
`WHERE: FIELD: what is wrong` (billing_input.py says what WHERE and FIELD are). Every value is
checked against the engine's limits (billing_limits.py) before it is converted, so nothing
that passes can crash the engine or be priced wrong, and each check is linear in the text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trayclock.domain.billing_limits import (
    OversizedNumber,
    describe_number,
    int_too_long,
    minutes_problem,
    moment_problem,
    number_text_problem,
    unicode_problem,
)
from trayclock.domain.model import BusinessHours

_DECIMAL_TEXT = re.compile(r"-?\d+(\.\d+)?")
_CLOCK_TEXT = re.compile(r"\d\d:\d\d")
_DATE_TEXT = re.compile(r"\d{4}-\d\d-\d\d")
BUSINESS_HOURS_FIELDS = ("days", "start", "end", "holidays")
_MAX_SHOWN_CHARS = 40
_MAX_NAME_CHARS = 80  # an id, customer or field name in a problem line
_MAX_ZONE_CHARS = 64  # the longest IANA name is 32 characters
_E = TypeVar("_E", bound=StrEnum)


class _Invalid:
    """Marks a value that failed validation (its problem is already recorded)."""


INVALID = _Invalid()


def _printable(text: str) -> str:
    """Control characters, line breaks and lone surrogates escaped: one line stays one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown(name: str) -> str:
    """An id, customer or field name as a problem line shows it: printable, not too long."""
    cut = name if len(name) <= _MAX_NAME_CHARS else name[: _MAX_NAME_CHARS - 1] + "…"
    return _printable(cut)


class Problems:
    """The problem lines found so far, in the order found; each is one printable line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, field: str, message: str) -> _Invalid:
        self.lines.append(_printable(f"{where}: {field}: {message}"))
        return INVALID


def describe(value: object) -> str:
    """A short rendering of a bad value for an error message (cheap whatever its size)."""
    if isinstance(value, str):
        text = repr(value[: _MAX_SHOWN_CHARS + 1])
        return text if len(text) <= _MAX_SHOWN_CHARS else text[: _MAX_SHOWN_CHARS - 3] + "..."
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, OversizedNumber) or (isinstance(value, int) and int_too_long(value)):
        return describe_number(value)  # "a number of N characters"
    if isinstance(value, (int, float)):
        return f"the number {describe_number(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _too_long(value: object) -> bool:
    return isinstance(value, OversizedNumber) or (
        isinstance(value, int) and not isinstance(value, bool) and int_too_long(value)
    )


def minutes(value: object, where: str, field: str, problems: Problems) -> Fraction | _Invalid:
    """A non-negative number of minutes, kept exact (7.5 stays 15/2), within the limits."""
    if _too_long(value):
        return problems.add(where, field, f"too long: {describe(value)}")
    if not _is_number(value):
        return problems.add(where, field, f"must be a number of minutes, got {describe(value)}")
    assert isinstance(value, (int, float))
    if not math.isfinite(value):
        return problems.add(where, field, "must be a finite number")
    if value < 0:
        return problems.add(where, field, f"must not be negative, got {describe_number(value)}")
    # str() of a float is its shortest exact decimal: 0.1 becomes 1/10, not the binary value.
    exact = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    problem = minutes_problem(exact)
    return exact if problem is None else problems.add(where, field, problem)


def whole_minutes(
    value: object, where: str, field: str, problems: Problems, *, positive: bool
) -> int | _Invalid:
    if _too_long(value):
        return problems.add(where, field, f"too long: {describe(value)}")
    if not _is_number(value) or (isinstance(value, float) and not value.is_integer()):
        return problems.add(where, field, f"must be whole minutes, got {describe(value)}")
    assert isinstance(value, (int, float))
    count = int(value)
    if positive and count <= 0:
        return problems.add(where, field, f"must be more than 0, got {count}")
    if count < 0:
        return problems.add(where, field, f"must not be negative, got {describe_number(count)}")
    problem = minutes_problem(count)
    return count if problem is None else problems.add(where, field, problem)


def decimal(
    value: object,
    where: str,
    field: str,
    problems: Problems,
    *,
    max_places: int | None = None,
    limit: Any = None,
) -> Decimal | _Invalid:
    """A non-negative decimal string such as "85.00" (an integer is accepted too).

    `limit`: a check from billing_limits (money_problem, multiplier_problem).
    """
    if _too_long(value):
        return problems.add(where, field, f"too long: {describe(value)}")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and (problem := number_text_problem(value.strip())):
        return problems.add(where, field, problem)
    if not isinstance(value, str) or not _DECIMAL_TEXT.fullmatch(value.strip()):
        return problems.add(
            where, field, f'must be a decimal string like "85.00", got {describe(value)}'
        )
    number = Decimal(value.strip())
    if number < 0:
        return problems.add(where, field, f"must not be negative, got {value!r}")
    if max_places is not None and -number.as_tuple().exponent > max_places:  # type: ignore[operator]
        return problems.add(where, field, f"must have at most {max_places} decimals, got {value!r}")
    problem = None if limit is None else limit(number)
    return number if problem is None else problems.add(where, field, problem)


def choice(
    kind: type[_E], value: object, where: str, field: str, problems: Problems
) -> _E | _Invalid:
    names = [member.value for member in kind]
    if isinstance(value, str) and value in names:
        return kind(value)
    return problems.add(where, field, f"must be one of {', '.join(names)}, got {describe(value)}")


def boolean(value: object, default: bool, where: str, field: str, problems: Problems) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        problems.add(where, field, f"must be true or false, got {describe(value)}")
        return default
    return value


def nonempty_text(
    value: object, where: str, field: str, problems: Problems, kind: str
) -> str | _Invalid:
    """A non-empty name or id, valid Unicode (it is written to the output and stored)."""
    if not isinstance(value, str) or not value.strip():
        return problems.add(where, field, f"must be {kind}, got {describe(value)}")
    problem = unicode_problem(value)
    return value if problem is None else problems.add(where, field, problem)


def moment(value: object, where: str, field: str, problems: Problems) -> datetime | _Invalid:
    """An ISO 8601 date-time with a UTC offset or Z, inside the calendar every zone can show."""
    if not isinstance(value, str):
        return problems.add(
            where, field, f"must be an ISO 8601 date-time string, got {describe(value)}"
        )
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return problems.add(where, field, f"not an ISO 8601 date-time: {describe(value)}")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return problems.add(
            where, field, f"needs a UTC offset or Z (e.g. +01:00), got {describe(value)}"
        )
    problem = moment_problem(parsed)
    return parsed if problem is None else problems.add(where, field, problem)


def timezone(value: object, where: str, field: str, problems: Problems) -> tzinfo | _Invalid:
    if not isinstance(value, str) or not value:
        return problems.add(where, field, f"must be an IANA zone name, got {describe(value)}")
    if len(value) > _MAX_ZONE_CHARS or unicode_problem(value):
        return problems.add(where, field, f"unknown IANA time zone {describe(value)}")
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return problems.add(where, field, f"unknown IANA time zone {value!r}")


def clock(value: object, where: str, field: str, problems: Problems) -> time | _Invalid:
    if isinstance(value, str) and _CLOCK_TEXT.fullmatch(value):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    return problems.add(where, field, f'must be a time like "08:00", got {describe(value)}')


def json_object(value: object, where: str, field: str, problems: Problems) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        problems.add(where, field, f"must be an object, got {describe(value)}")
        return None
    return value


def unknown_fields(
    raw: Mapping[str, Any], known: tuple[str, ...], where: str, prefix: str, problems: Problems
) -> None:
    for key in raw:
        if key not in known:
            problems.add(
                where, f"{prefix}{shown(key)}", f"unknown field (known: {', '.join(known)})"
            )


def business_hours(
    value: object, where: str, field: str, problems: Problems
) -> BusinessHours | _Invalid | None:
    if value is None:
        return None
    raw = json_object(value, where, field, problems)
    if raw is None:
        return INVALID
    before = len(problems.lines)
    unknown_fields(raw, BUSINESS_HOURS_FIELDS, where, f"{field}.", problems)
    days = raw.get("days")
    day_set: set[int] = set()
    if not isinstance(days, list) or not all(
        isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 7 for d in days
    ):
        problems.add(where, f"{field}.days", "must be a list of ISO weekdays 1-7 (Monday = 1)")
    else:
        day_set = set(days)
    opening = clock(raw.get("start"), where, f"{field}.start", problems)
    closing = clock(raw.get("end"), where, f"{field}.end", problems)
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
                problems.add(where, f"{field}.holidays", f"not a date: {describe(item)}")
    if len(problems.lines) > before:
        return INVALID
    assert isinstance(opening, time) and isinstance(closing, time)
    return BusinessHours(frozenset(day_set), opening, closing, frozenset(holidays))
