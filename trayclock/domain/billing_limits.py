"""The billing engine's real limits: what it reads, computes exactly and writes, at the door.

Each check returns None or what is wrong (no "WHERE: FIELD:" prefix, so every caller names its
own field): billing_input.py applies them to `trayclock bill`'s input, and the commands that
store what billing later prices (`entries import`, `timer add`, settings and customers) call
the same ones, so a value that would crash or mis-price a bill is refused before it is stored.

Why these numbers:
- Input: 16 MiB. Parsed JSON takes 10 (a list of entries) to 25 (a list of empty lists)
  times its text in memory, so this bounds `trayclock bill` near 400 MiB whatever comes in,
  and still holds ~95,000 entries (a 10-person team's month is 1.7 MB).
- Moments: every instant must be showable in any time zone (offsets stay under a day), or
  business hours, contract months and the local times of an export overflow the calendar.
  So one day of margin at each end: 0001-01-02 to 9999-12-31 in UTC.
- Minutes and money are exact inside (integers, Fractions; cents in integers), but minutes
  leave as JSON numbers (binary floats) with "at least 2 decimals of precision": under
  2**44 a float's spacing is at most 1/256 of a minute, finer than half a hundredth. Every
  policy minute field is capped at MAX_MINUTES, the multiplier at MAX_MULTIPLIER, which keeps
  each entry's minutes ((5.3e9 calendar minutes + 1e10 increment) × 1,000 ≈ 1.5e13) under
  that; sums over many entries are checked once priced (`output_minutes_problem`).
- Money: twelve digits before the point; amounts are computed in integer cents, so no
  Decimal context (28 digits by default) ever rounds one.
- Numbers are short: 32 characters at most, refused before any conversion, so reading one
  is cheap whatever the input (int() of a 4,000-digit string is quadratic; Python refuses
  5,000 digits with an exception of its own).
- Overlaps: `overlaps` lists every pair of entries working at once, which is quadratic in
  entries that all overlap each other (2,000 at once: 2 million pairs). A bill with more
  than MAX_OVERLAP_PAIRS is refused, counted in O(n log n) before any pair is produced.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

MAX_INPUT_BYTES = 16 * 1024 * 1024  # a billing document: ~95,000 entries (a month of 10: 1.7 MB)
MAX_NUMBER_CHARS = 32  # a number's text: digits, sign, point, exponent
MAX_MINUTES = 10**10  # any policy or contract minutes (the calendar holds 5.3e9 minutes)
MAX_MONEY = Decimal("999999999999.99")  # a rate per hour or a minimum charge
MAX_MULTIPLIER = Decimal(1000)
MAX_OUTPUT_MINUTES = 2**44  # minutes written as a float keep 2 decimals below this
MAX_OVERLAP_PAIRS = 1_000_000
EARLIEST_MOMENT = datetime(1, 1, 2, tzinfo=UTC)
LATEST_MOMENT = datetime(9999, 12, 31, tzinfo=UTC)
_ZERO = timedelta(0)
_LOG10_2 = 0.30103
# An int with more bits than this has more than MAX_NUMBER_CHARS digits, sign included.
_MAX_INT_BITS = int((MAX_NUMBER_CHARS - 1) / _LOG10_2)


class OversizedNumber(NamedTuple):
    """A JSON number too long to read, kept as its length (`load_json`); validators refuse it."""

    characters: int


def _number_hook(convert: Any) -> Any:
    def parse(text: str) -> Any:
        return OversizedNumber(len(text)) if len(text) > MAX_NUMBER_CHARS else convert(text)

    return parse


_PARSE_INT = _number_hook(int)
_PARSE_FLOAT = _number_hook(float)


def load_json(text: str) -> Any:
    """json.loads, with numbers longer than MAX_NUMBER_CHARS left unconverted (OversizedNumber).

    Raises what json.loads raises: json.JSONDecodeError, and RecursionError for deep nesting.
    """
    return json.loads(text, parse_int=_PARSE_INT, parse_float=_PARSE_FLOAT)


def describe_number(value: int | float | Fraction | Decimal | OversizedNumber) -> str:
    """A number for an error message, short whatever its size (str() of a huge int raises)."""
    if isinstance(value, OversizedNumber):
        return f"a number of {value.characters:,} characters"
    if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
        return f"a number of about {int(value.bit_length() * _LOG10_2) + 1:,} digits"
    text = str(value)
    return text if len(text) <= MAX_NUMBER_CHARS else text[:12] + "…" + text[-6:]


def number_text_problem(text: str) -> str | None:
    """A number written as text (a decimal string) too long to read."""
    if len(text) > MAX_NUMBER_CHARS:
        return f"a number of {len(text):,} characters; at most {MAX_NUMBER_CHARS} are read"
    return None


def int_too_long(value: int) -> bool:
    """An integer with more digits than a number's text may have (checked without str())."""
    return value.bit_length() > _MAX_INT_BITS


def minutes_problem(minutes: int | Fraction) -> str | None:
    """Policy or contract minutes beyond what the engine prices exactly."""
    if minutes > MAX_MINUTES:
        return f"must be at most {MAX_MINUTES:,} minutes, got {describe_number(minutes)}"
    return None


def money_problem(amount: Decimal) -> str | None:
    if amount > MAX_MONEY:
        return f"must be at most {MAX_MONEY:,}, got {describe_number(amount)}"
    return None


def multiplier_problem(multiplier: Decimal) -> str | None:
    if multiplier > MAX_MULTIPLIER:
        return f"must be at most {MAX_MULTIPLIER}, got {describe_number(multiplier)}"
    return None


def moment_problem(moment: datetime) -> str | None:
    """An aware instant outside what every time zone can show (see the module doc)."""
    # Aware subtraction is computed in timedelta, which cannot overflow here; astimezone can.
    if moment - EARLIEST_MOMENT < _ZERO or LATEST_MOMENT - moment < _ZERO:
        return (
            f"must be between {EARLIEST_MOMENT.date()} and {LATEST_MOMENT.date()} (UTC), "
            f"got {moment.isoformat()}"
        )
    return None


def unicode_problem(text: str) -> str | None:
    """Text that is not valid Unicode: a lone surrogate (JSON can spell one, "\\ud800"), which
    no UTF-8 file, database or terminal can hold."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return (
            f"not valid Unicode text: a lone surrogate "
            f"\\u{ord(text[error.start]):04x} at character {error.start + 1}"
        )
    return None


def overlap_count_problem(pairs: int) -> str | None:
    """Too many overlapping pairs to list (`pairs` counted start to end, see count_span_pairs)."""
    if pairs > MAX_OVERLAP_PAIRS:
        return (
            f"{pairs:,} pairs of billable entries overlap (start to end); a bill lists at most "
            f"{MAX_OVERLAP_PAIRS:,} (the list grows with the square of the entries running at "
            f"once): price fewer entries at a time, e.g. one technician or one week"
        )
    return None


def output_minutes_problem(minutes: Fraction) -> str | None:
    """Minutes too large to write as a JSON number with 2 decimals of precision."""
    if minutes >= MAX_OUTPUT_MINUTES:
        return (
            f"{describe_number(round(minutes))} minutes in all is more than a bill can write "
            f"exactly (under {MAX_OUTPUT_MINUTES:,})"
        )
    return None
