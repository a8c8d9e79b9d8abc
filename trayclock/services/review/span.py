"""How much the review shows at once (a day, a week, a month): its dates and its steps (no Qt)."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

DAYS_PER_WEEK = 7
DAYS_PAST_ANY_MONTH_START = 32  # the first of a month plus this is always in the next month


class Span(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def parse_span(text: str) -> Span:
    """The span named `text`; ValueError names the choices."""
    try:
        return Span(text)
    except ValueError:
        choices = ", ".join(Span)
        raise ValueError(f"span must be one of {choices}, not {text!r}") from None


def range_of(day: date, span: Span) -> tuple[date, date]:
    """The first and last day shown for `day` in this span (a week starts on Monday)."""
    if span is Span.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=DAYS_PER_WEEK - 1)
    if span is Span.MONTH:
        first = day.replace(day=1)
        following = (first + timedelta(days=DAYS_PAST_ANY_MONTH_START)).replace(day=1)
        return first, following - timedelta(days=1)
    return day, day


def step_from(day: date, span: Span, direction: int) -> date:
    """The day to show after one step forward (`direction` > 0) or back from `day`."""
    if span is Span.MONTH:
        first, last = range_of(day, span)
        return last + timedelta(days=1) if direction > 0 else first - timedelta(days=1)
    return day + timedelta(days=direction * (DAYS_PER_WEEK if span is Span.WEEK else 1))


def range_title(first: date, last: date) -> str:
    """The range as the window's title says it: one day in full, a range by its ends."""
    if first == last:
        return f"{first:%A %d %B %Y}"
    return f"{first:%d %b} – {last:%d %b %Y}"
