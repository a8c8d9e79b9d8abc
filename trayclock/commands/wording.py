"""How the command line words numbers for people: counts with their plural ("1 customer",
"2 customers") and durations in whole minutes ("13 min", not "12.6 min")."""

from __future__ import annotations

from datetime import timedelta

SECONDS_PER_MINUTE = 60


def count(number: int, singular: str, plural: str | None = None) -> str:
    """'1 entry', '0 entries', '2 entries' (plural: singular + 's' unless given)."""
    word = singular if number == 1 else plural or singular + "s"
    return f"{number} {word}"


def whole_minutes(duration: timedelta) -> int:
    """Minutes rounded half up (12 min 30 s is 13 min), never below 0."""
    seconds = max(0.0, duration.total_seconds())
    return int((seconds + SECONDS_PER_MINUTE / 2) // SECONDS_PER_MINUTE)


def minutes_text(duration: timedelta) -> str:
    """'13 min' or, from an hour on, '1 h 05 min'."""
    minutes = whole_minutes(duration)
    if minutes < SECONDS_PER_MINUTE:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min"
