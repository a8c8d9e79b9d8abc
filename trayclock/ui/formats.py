"""Numbers, money, dates and times as the UI's language writes them: the one place for each.

The locale is the default QLocale, which `trayclock.ui.i18n.install_translations` sets to the
language the UI speaks (the desktop's or the one chosen in the settings): "1.234,50 EUR" and
"Montag, 23. November 2026" in German, "1234.50 EUR" and "Monday 23 November 2026" in
English. The date patterns are QLocale patterns marked for translation, so each language
orders day, month and weekday its own way; the names come from QLocale. Times are always
24-hour "HH:mm" (what the billing rules and the settings use), the same in both languages.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale

if TYPE_CHECKING:
    from decimal import Decimal
    from fractions import Fraction

CLOCK_FORMAT = "%H:%M"


def picker_pattern() -> str:
    """The review's day picker (a QDateEdit display format), as a holiday in a list."""
    return QCoreApplication.translate("formats", "ddd d MMM yyyy", "a QLocale date format")


def _with(pattern: str, day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def day_text(day: date) -> str:
    """A day in full, as a window title says it: "Monday 23 November 2026", "Montag, 23.
    November 2026"."""
    pattern = QCoreApplication.translate("formats", "dddd d MMMM yyyy", "a QLocale date format")
    return _with(pattern, day)


def day_month_text(day: date) -> str:
    """A day of this year (the end-of-day reminder): "Monday 23 November", "Montag, 23.
    November"."""
    return _with(QCoreApplication.translate("formats", "dddd d MMMM", "a QLocale date format"), day)


def date_text(day: date) -> str:
    """A date in a list (the holidays): "Thu 24 Dec 2026", "Do., 24. Dez. 2026"."""
    return _with(picker_pattern(), day)


def weekday_day_text(day: date) -> str:
    """A day in a week or month view: "Mon 23", "Mo., 23."."""
    return _with(QCoreApplication.translate("formats", "ddd d", "a QLocale date format"), day)


def range_text(first: date, last: date) -> str:
    """A range of days as a title says it: one day in full, a longer range by its ends (the
    year once, with the last)."""
    if first == last:
        return day_text(first)
    start = QCoreApplication.translate("formats", "d MMM", "a QLocale date format")
    end = QCoreApplication.translate("formats", "d MMM yyyy", "a QLocale date format")
    return f"{_with(start, first)} – {_with(end, last)}"


def clock_text(moment: datetime | time) -> str:
    """A wall time, 24-hour: "09:05"."""
    return moment.strftime(CLOCK_FORMAT)


def span_text(start: datetime, end: datetime) -> str:
    """ "10:20–10:52"."""
    return f"{clock_text(start)}–{clock_text(end)}"


def decimal_text(value: Decimal | Fraction | float | int | str, places: int | None = None) -> str:
    """A number with the locale's decimal sign and digit groups ("1.234,5" in German).

    Exact for Decimal amounts (no float in between); `places` rounds to that many decimals,
    None keeps the digits the value has (trailing zeros of a Decimal too: "0.50").
    """
    # decimal and fractions (~200 KiB traced) at the first number shown: the idle tray shows
    # only dates and times.
    from decimal import Decimal, InvalidOperation
    from fractions import Fraction

    try:
        number = Decimal(str(value)) if not isinstance(value, Fraction) else None
    except InvalidOperation:
        return str(value)
    if number is None:  # a Fraction: to the places asked, else one decimal at most
        assert isinstance(value, Fraction)
        number = Decimal(value.numerator) / Decimal(value.denominator)
        if places is None:
            places = 0 if value.denominator == 1 else 1
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    text = format(number, "f")
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    locale = QLocale()
    out = locale.toString(int(whole)) if whole else "0"
    if fraction:
        out += locale.decimalPoint() + fraction
    if negative and any(ch not in "0.," for ch in text.lstrip("-")):
        out = locale.negativeSign() + out
    return out


def factor_text(value: Decimal | Fraction | float | int | str) -> str:
    """A multiplier as few digits as it needs: "1,5", "2"."""
    from decimal import Decimal, InvalidOperation  # as decimal_text's

    try:
        number = Decimal(str(value)).normalize()
    except InvalidOperation:
        return str(value)
    return decimal_text(format(number, "f"))


def money_text(amount: Decimal | str, currency: str | None = None) -> str:
    """An amount with two decimals, and its currency when given: "1.234,50 EUR"."""
    text = decimal_text(amount, 2)
    return f"{text} {currency}" if currency else text
