"""How the windows name the policy fields and their choices (one wording for settings,
first-start setup and customers)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "PolicyLabels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def field_label(name: str) -> str:
    labels = {
        "rate": _tr("Hourly rate"),
        "currency": _tr("Currency"),
        "increment_minutes": _tr("Billing increment (min)"),
        "rounding": _tr("Rounding"),
        "free_under_minutes": _tr("Free when shorter than (min)"),
        "minimum_minutes": _tr("Bill at least (min)"),
        "minimum_charge": _tr("Minimum charge"),
        "review_over_minutes": _tr("Hold for review when longer than (min)"),
        "after_hours_multiplier": _tr("After-hours factor"),
        "after_hours_minimum_minutes": _tr("After hours, bill at least (min)"),
        "concurrency": _tr("Two customers at once"),
        "timezone": _tr("Time zone"),
    }
    return labels.get(name, name)


def rounding_label(code: str) -> str:
    return {
        "up": _tr("every started increment (up)"),
        "nearest": _tr("to the nearest increment"),
        "down": _tr("down to the increment"),
    }.get(code, code)


def concurrency_label(code: str) -> str:
    return {
        "bill_each": _tr("bill each customer the full shared time"),
        "split": _tr("split the shared time between them"),
    }.get(code, code)


def weekday_short(day: int) -> str:
    """ISO weekday (Monday = 1) as a short name."""
    names = (_tr("Mon"), _tr("Tue"), _tr("Wed"), _tr("Thu"), _tr("Fri"), _tr("Sat"), _tr("Sun"))
    return names[day - 1]


def weekday_long(day: int) -> str:
    names = (
        _tr("Monday"),
        _tr("Tuesday"),
        _tr("Wednesday"),
        _tr("Thursday"),
        _tr("Friday"),
        _tr("Saturday"),
        _tr("Sunday"),
    )
    return names[day - 1]
