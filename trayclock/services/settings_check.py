"""One validator per setting a person types: text in, the value as billing-rules.md (or the
`detection`/`ui` setting) spells it out, and messages that say what is wrong.

Each validator returns a `Checked`: the value (None when there is a problem) and its
problems. A problem's text is an English template marked for Qt translation in the context
`CHECK_CONTEXT` (the window translates it, the command line prints it as it is), with
`{value}`-style placeholders filled from `args`.

These check one field as it is typed; the billing engine's own parser stays the final judge
of a whole policy (`trayclock.services.settings_judge`), so nothing here can let through
what `trayclock bill` would refuse. Number texts accept a decimal comma ("85,50"), as people
in much of Europe type it; the stored value always has a dot.

Why this module is long: about thirty short validators, kept in one module so that
every message a settings field can show lives in one place and one translation context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CHECK_CONTEXT = "SettingsCheck"
MONEY_PLACES = 2
MAX_TEXT_CHARS = 200  # nothing typed into one of these fields is longer
ISO_WEEKDAYS = range(1, 8)

_DECIMAL_TEXT = re.compile(r"\d+(?:\.\d+)?")
_CLOCK_TEXT = re.compile(r"\d\d:\d\d")
_DATE_TEXT = re.compile(r"\d{4}-\d\d-\d\d")
_CURRENCY_TEXT = re.compile(r"[A-Z]{3}")

T = TypeVar("T")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # named as lupdate looks for it
    """Marks `text` for translation in `context`; the window translates it where it is shown."""
    return text


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with a value: a template (translated by the UI) and what fills it."""

    text: str
    args: Mapping[str, str] = field(default_factory=dict)

    def english(self) -> str:
        return self.text.format(**self.args)


@dataclass(frozen=True, slots=True)
class Checked(Generic[T]):
    """A checked value: `value` is set exactly when there is no problem."""

    value: T | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _bad(text: str, **args: str) -> Checked[T]:
    return Checked(None, (Problem(text, args),))


def _shown(text: str) -> str:
    """The typed text as a message quotes it (long input cut short)."""
    return text if len(text) <= 24 else text[:21] + "…"


def _number_text(text: str) -> str | None:
    """The text as a plain non-negative decimal with a dot, or None when it is not one."""
    cleaned = text.strip()
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return cleaned if _DECIMAL_TEXT.fullmatch(cleaned) else None


def _negative(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith("-") and _number_text(stripped[1:]) is not None


# --- money and factors -------------------------------------------------------------------------


def _decimal(
    text: str, *, empty: str, example: str, what: str, places: int | None = None
) -> Checked[str]:
    if not text.strip():
        return _bad(empty)
    if _negative(text):
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "{what} cannot be negative."), what=what)
    number = _number_text(text)
    if number is None or len(number) > MAX_TEXT_CHARS:
        return _bad(
            QT_TRANSLATE_NOOP(
                "SettingsCheck", "“{value}” is not a number; type it like {example}."
            ),
            value=_shown(text.strip()),
            example=example,
        )
    if places is not None and "." in number and len(number.split(".")[1]) > places:
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "{what} has at most {places} decimals."),
            what=what,
            places=str(places),
        )
    return Checked(number)


def rate(text: str) -> Checked[str]:
    """The hourly rate: a decimal string like "85.00", not negative."""
    return _decimal(
        text,
        empty=QT_TRANSLATE_NOOP("SettingsCheck", "Type the hourly rate, like 85.00."),
        example=QT_TRANSLATE_NOOP("SettingsCheck", "85.00"),
        what=QT_TRANSLATE_NOOP("SettingsCheck", "The hourly rate"),
    )


def minimum_charge(text: str) -> Checked[str]:
    """The minimum charge of a billed entry: money, at most two decimals."""
    return _decimal(
        text,
        empty=QT_TRANSLATE_NOOP("SettingsCheck", "Type the minimum charge (0.00 for none)."),
        example=QT_TRANSLATE_NOOP("SettingsCheck", "35.00"),
        what=QT_TRANSLATE_NOOP("SettingsCheck", "The minimum charge"),
        places=MONEY_PLACES,
    )


def after_hours_multiplier(text: str) -> Checked[str]:
    """The factor for after-hours entries: a decimal string like "1.5"."""
    return _decimal(
        text,
        empty=QT_TRANSLATE_NOOP("SettingsCheck", "Type the after-hours factor, like 1.5."),
        example=QT_TRANSLATE_NOOP("SettingsCheck", "1.5"),
        what=QT_TRANSLATE_NOOP("SettingsCheck", "The after-hours factor"),
    )


def currency(text: str) -> Checked[str]:
    """An ISO currency code; lower case is taken as upper case."""
    code = text.strip().upper()
    if not code:
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "Type a three-letter currency code, like EUR.")
        )
    if not _CURRENCY_TEXT.fullmatch(code):
        return _bad(
            QT_TRANSLATE_NOOP(
                "SettingsCheck", "“{value}” is not a currency code: three letters, like EUR or USD."
            ),
            value=_shown(text.strip()),
        )
    return Checked(code)


# --- minutes -----------------------------------------------------------------------------------


def _quantity(
    text: str,
    *,
    empty: str,
    whole: bool,
    least: int = 0,
    negative: str = QT_TRANSLATE_NOOP("SettingsCheck", "Minutes cannot be negative."),
    not_number: str = QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not a number of minutes."),
) -> Checked[int | float]:
    """A non-negative number (minutes unless the messages say otherwise)."""
    if not text.strip():
        return _bad(empty)
    if _negative(text):
        return _bad(negative)
    number = _number_text(text)
    if number is None or len(number) > MAX_TEXT_CHARS:
        return _bad(not_number, value=_shown(text.strip()))
    value = Decimal(number)
    if whole and value != value.to_integral_value():
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Whole minutes only, like 15."))
    if value < least:
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "At least {least} minute."), least=str(least)
        )
    # JSON numbers as the spec spells them: whole ones as integers, others as decimals.
    return Checked(int(value) if value == value.to_integral_value() else float(number))


_minutes = _quantity


def increment_minutes(text: str) -> Checked[int | float]:
    return _minutes(
        text,
        empty=QT_TRANSLATE_NOOP("SettingsCheck", "Type the billing increment in minutes, like 15."),
        whole=True,
        least=1,
    )


def free_under_minutes(text: str) -> Checked[int | float]:
    return _minutes(
        text,
        empty=QT_TRANSLATE_NOOP("SettingsCheck", "Type a number of minutes (0: nothing is free)."),
        whole=False,
    )


def minimum_minutes(text: str) -> Checked[int | float]:
    return _minutes(
        text,
        empty=QT_TRANSLATE_NOOP("SettingsCheck", "Type whole minutes (0: no minimum)."),
        whole=True,
    )


def after_hours_minimum_minutes(text: str) -> Checked[int | float]:
    return _minutes(
        text,
        empty=QT_TRANSLATE_NOOP("SettingsCheck", "Type whole minutes (0: no minimum)."),
        whole=True,
    )


def review_over_minutes(text: str) -> Checked[int | float]:
    return _minutes(
        text,
        empty=QT_TRANSLATE_NOOP(
            "SettingsCheck", "Type after how many minutes an entry is held for review."
        ),
        whole=False,
    )


def grace_seconds(text: str) -> Checked[int | float]:
    """The detection grace period in seconds (the `detection` setting's `grace_s`)."""
    return _quantity(
        text,
        empty=QT_TRANSLATE_NOOP("SettingsCheck", "Type the grace period in seconds, like 60."),
        whole=False,
        negative=QT_TRANSLATE_NOOP("SettingsCheck", "Seconds cannot be negative."),
        not_number=QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not a number of seconds."),
    )


def contract_hours(text: str) -> Checked[int]:
    """A contract's included time typed as hours ("10", "7.5", "7:30") → whole minutes."""
    stripped = text.strip()
    if not stripped:
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Type the included hours, like 10 or 7:30."))
    if _negative(stripped):
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Hours cannot be negative."))
    hours, colon, mins = stripped.partition(":")
    if colon:
        if not (hours.isdigit() and len(mins) == 2 and mins.isdigit() and int(mins) < 60):
            return _bad(
                QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not hours like 7:30."),
                value=_shown(stripped),
            )
        return Checked(int(hours) * 60 + int(mins))
    number = _number_text(stripped)
    if number is None or len(number) > MAX_TEXT_CHARS:
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not a number of hours."),
            value=_shown(stripped),
        )
    minutes = Decimal(number) * 60
    if minutes != minutes.to_integral_value():
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "That is not a whole number of minutes; try 7:30.")
        )
    return Checked(int(minutes))


# --- times, days, dates, zones -----------------------------------------------------------------


def clock_time(text: str) -> Checked[str]:
    """A time of day "HH:MM" (24 h), as business hours and the reminder store it."""
    stripped = text.strip()
    if len(stripped) == 4 and stripped[1] == ":":
        stripped = "0" + stripped  # "8:00" is what many people type
    if _CLOCK_TEXT.fullmatch(stripped):
        hours, minutes = int(stripped[:2]), int(stripped[3:])
        if hours < 24 and minutes < 60:
            return Checked(stripped)
    if not stripped:
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Type a time like 08:00."))
    return _bad(
        QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not a time like 08:00 (24 hours)."),
        value=_shown(text.strip()),
    )


def opening_span(start: str, end: str) -> Checked[tuple[str, str]]:
    """Business hours' one span: both times valid and the end after the start."""
    opening, closing = clock_time(start), clock_time(end)
    if not (opening.ok and closing.ok):
        return Checked(None, opening.problems + closing.problems)
    assert opening.value is not None and closing.value is not None
    if closing.value <= opening.value:
        return _bad(
            QT_TRANSLATE_NOOP(
                "SettingsCheck", "Closing time must be after opening time ({start})."
            ),
            start=opening.value,
        )
    return Checked((opening.value, closing.value))


def weekdays(days: Iterable[int]) -> Checked[list[int]]:
    chosen = sorted(set(days))
    if not chosen:
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Choose at least one business day."))
    if any(day not in ISO_WEEKDAYS for day in chosen):
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Days are ISO weekdays 1–7 (Monday = 1)."))
    return Checked(chosen)


def holiday(text: str) -> Checked[str]:
    """One holiday: a date "YYYY-MM-DD"."""
    stripped = text.strip()
    if _DATE_TEXT.fullmatch(stripped):
        try:
            return Checked(date.fromisoformat(stripped).isoformat())
        except ValueError:
            pass
    if not stripped:
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Type a date like 2026-12-25."))
    return _bad(
        QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not a date like 2026-12-25."),
        value=_shown(stripped),
    )


def timezone(text: str) -> Checked[str]:
    """An IANA zone name (the engine's `timezone`), e.g. Europe/Berlin."""
    name = text.strip()
    if not name:
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Choose a time zone, like Europe/Berlin."))
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return _bad(
            QT_TRANSLATE_NOOP(
                "SettingsCheck", "“{value}” is not a time zone; pick one like Europe/Berlin."
            ),
            value=_shown(name),
        )
    return Checked(name)


# --- detection and partners --------------------------------------------------------------------


def detected_apps(apps: Iterable[str], known: Iterable[str]) -> Checked[list[str]]:
    known_list = list(known)
    chosen = [app for app in known_list if app in set(apps)]
    if not chosen:
        return _bad(
            QT_TRANSLATE_NOOP(
                "SettingsCheck",
                "Choose at least one remote app (pause detection from the tray to stop it).",
            )
        )
    return Checked(chosen)


def log_path_lines(text: str) -> Checked[list[str]]:
    """Log paths, one per line (globs allowed); blank lines are dropped."""
    paths = [line.strip() for line in text.splitlines() if line.strip()]
    for path in paths:
        if "\x00" in path:
            return _bad(
                QT_TRANSLATE_NOOP("SettingsCheck", "A path cannot contain a NUL character.")
            )
    return Checked(paths)


def partner_id(text: str) -> Checked[str]:
    """A remote app's partner ID as the tools show it; the spaces of "123 456 789" go."""
    cleaned = "".join(text.split())
    if not cleaned:
        return _bad(QT_TRANSLATE_NOOP("SettingsCheck", "Type the partner ID, like 123 456 789."))
    if len(cleaned) > MAX_TEXT_CHARS or not cleaned.isprintable():
        return _bad(
            QT_TRANSLATE_NOOP("SettingsCheck", "“{value}” is not a partner ID."),
            value=_shown(cleaned),
        )
    return Checked(cleaned)


# The policy fields typed as text, each with its validator (the window builds one field each).
POLICY_TEXT_FIELDS: Mapping[str, Callable[[str], Checked[int | float] | Checked[str]]] = {
    "rate": rate,
    "currency": currency,
    "increment_minutes": increment_minutes,
    "free_under_minutes": free_under_minutes,
    "minimum_minutes": minimum_minutes,
    "minimum_charge": minimum_charge,
    "review_over_minutes": review_over_minutes,
    "after_hours_multiplier": after_hours_multiplier,
    "after_hours_minimum_minutes": after_hours_minimum_minutes,
}
ROUNDING_CHOICES = ("up", "nearest", "down")
CONCURRENCY_CHOICES = ("bill_each", "split")
