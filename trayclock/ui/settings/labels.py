"""How the windows name the policy fields and their choices (one wording for settings,
first-start setup and customers)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "PolicyLabels"  # literal in each translate() below: lupdate reads them


def field_label(name: str) -> str:
    labels = {
        "rate": QCoreApplication.translate("PolicyLabels", "Hourly rate"),
        "currency": QCoreApplication.translate("PolicyLabels", "Currency"),
        "increment_minutes": QCoreApplication.translate("PolicyLabels", "Billing increment (min)"),
        "rounding": QCoreApplication.translate("PolicyLabels", "Rounding"),
        "free_under_minutes": QCoreApplication.translate(
            "PolicyLabels", "Free when shorter than (min)"
        ),
        "minimum_minutes": QCoreApplication.translate("PolicyLabels", "Bill at least (min)"),
        "minimum_charge": QCoreApplication.translate("PolicyLabels", "Minimum charge"),
        "review_over_minutes": QCoreApplication.translate(
            "PolicyLabels", "Hold for review when longer than (min)"
        ),
        "after_hours_multiplier": QCoreApplication.translate("PolicyLabels", "After-hours factor"),
        "after_hours_minimum_minutes": QCoreApplication.translate(
            "PolicyLabels", "After hours, bill at least (min)"
        ),
        "concurrency": QCoreApplication.translate("PolicyLabels", "Two customers at once"),
        "timezone": QCoreApplication.translate("PolicyLabels", "Time zone"),
    }
    return labels.get(name, name)


def rounding_label(code: str) -> str:
    return {
        "up": QCoreApplication.translate("PolicyLabels", "every started increment (up)"),
        "nearest": QCoreApplication.translate("PolicyLabels", "to the nearest increment"),
        "down": QCoreApplication.translate("PolicyLabels", "down to the increment"),
    }.get(code, code)


def concurrency_label(code: str) -> str:
    return {
        "bill_each": QCoreApplication.translate(
            "PolicyLabels", "bill each customer the full shared time"
        ),
        "split": QCoreApplication.translate("PolicyLabels", "split the shared time between them"),
    }.get(code, code)


def weekday_short(day: int) -> str:
    """ISO weekday (Monday = 1) as a short name."""
    names = (
        QCoreApplication.translate("PolicyLabels", "Mon"),
        QCoreApplication.translate("PolicyLabels", "Tue"),
        QCoreApplication.translate("PolicyLabels", "Wed"),
        QCoreApplication.translate("PolicyLabels", "Thu"),
        QCoreApplication.translate("PolicyLabels", "Fri"),
        QCoreApplication.translate("PolicyLabels", "Sat"),
        QCoreApplication.translate("PolicyLabels", "Sun"),
    )
    return names[day - 1]


def weekday_long(day: int) -> str:
    names = (
        QCoreApplication.translate("PolicyLabels", "Monday"),
        QCoreApplication.translate("PolicyLabels", "Tuesday"),
        QCoreApplication.translate("PolicyLabels", "Wednesday"),
        QCoreApplication.translate("PolicyLabels", "Thursday"),
        QCoreApplication.translate("PolicyLabels", "Friday"),
        QCoreApplication.translate("PolicyLabels", "Saturday"),
        QCoreApplication.translate("PolicyLabels", "Sunday"),
    )
    return names[day - 1]
