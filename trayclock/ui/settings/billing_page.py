"""The settings' billing page: rate, currency, increment, rounding, free threshold, minimums,
review threshold and the concurrency policy, each checked as it is typed.

The first-start setup shows the same page with fewer fields (`fields`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from trayclock.domain.billing_input import POLICY_FIELDS
from trayclock.services.settings_check import (
    CONCURRENCY_CHOICES,
    POLICY_TEXT_FIELDS,
    ROUNDING_CHOICES,
    Problem,
)
from trayclock.ui.settings.fields import CheckedLine
from trayclock.ui.settings.labels import concurrency_label, field_label, rounding_label

# The engine's policy fields but those of the hours page, then the company-only concurrency.
HOURS_FIELDS = ("business_hours", "after_hours_multiplier", "after_hours_minimum_minutes")
BILLING_FIELDS = (*(name for name in POLICY_FIELDS if name not in HOURS_FIELDS), "concurrency")
REVIEW = "review_over_minutes"
DEFAULT_REVIEW_TEXT = "60"
_PLAIN_DECIMAL = re.compile(r"\d+\.\d+")  # what the fields accept with a comma instead


def value_text(value: object) -> str:
    """A stored policy value as it is typed (no "None", no float noise), with the decimal
    comma where the UI's language writes one ("85,00": the fields read it back as 85.00)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    comma = QLocale().decimalPoint() == ","
    if comma and not isinstance(value, bool) and _PLAIN_DECIMAL.fullmatch(text):
        return text.replace(".", ",")
    return text


def combo(parent: QWidget, choices: Sequence[tuple[str, str]], name: str) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    for text, code in choices:
        box.addItem(text, code)
    return box


class BillingPage(QWidget):
    """The billing fields of the company policy (a subset with `fields`)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, fields: Sequence[str] = BILLING_FIELDS):
        super().__init__(parent)
        self.setObjectName("billingPage")
        self.fields = tuple(fields)
        self.lines: dict[str, CheckedLine[Any]] = {}
        form = QFormLayout(self)
        self.rounding = combo(self, [(rounding_label(c), c) for c in ROUNDING_CHOICES], "rounding")
        self.concurrency = combo(
            self, [(concurrency_label(c), c) for c in CONCURRENCY_CHOICES], "concurrency"
        )
        self.hold_for_review = QCheckBox(field_label(REVIEW), self)
        self.hold_for_review.setObjectName("holdForReview")
        for name in self.fields:
            if name == "rounding":
                form.addRow(field_label(name), self.rounding)
            elif name == "concurrency":
                form.addRow(field_label(name), self.concurrency)
            else:
                line: CheckedLine[Any] = CheckedLine(POLICY_TEXT_FIELDS[name], self, name=name)
                self.lines[name] = line
                line.edited.connect(self.changed)
                if name == REVIEW:  # unticked: never held (the spec's null)
                    form.addRow(self.hold_for_review, line)
                else:
                    form.addRow(field_label(name), line)
        for name, widget in (
            ("rounding", self.rounding),
            ("concurrency", self.concurrency),
            (REVIEW, self.hold_for_review),
        ):
            if name not in self.fields:
                widget.hide()  # not on this page's form (the first-start setup's fewer fields)
        self.rounding.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.concurrency.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.hold_for_review.toggled.connect(self._on_hold)

    def _on_hold(self, hold: bool) -> None:
        line = self.lines.get(REVIEW)
        if line is not None:
            line.setEnabled(hold)
        self.changed.emit()

    def load(self, policy: Mapping[str, Any]) -> None:
        """Show `policy` (every field present: the effective policy)."""
        for name, line in self.lines.items():
            line.set_text(value_text(policy.get(name)))
        if REVIEW in self.lines:
            review = policy.get(REVIEW)
            self.hold_for_review.setChecked(review is not None)
            self.lines[REVIEW].setEnabled(review is not None)
            if review is None:
                self.lines[REVIEW].set_text(DEFAULT_REVIEW_TEXT)
        self.rounding.setCurrentIndex(max(0, self.rounding.findData(policy.get("rounding"))))
        self.concurrency.setCurrentIndex(
            max(0, self.concurrency.findData(policy.get("concurrency")))
        )

    def problems(self) -> list[Problem]:
        return [p for line in self.lines.values() for p in line.problems]

    def values(self) -> dict[str, Any]:
        """The fields shown, as the policy stores them (only meaningful without problems)."""
        out: dict[str, Any] = {name: line.value for name, line in self.lines.items()}
        if REVIEW in self.lines and not self.hold_for_review.isChecked():
            out[REVIEW] = None
        if "rounding" in self.fields:
            out["rounding"] = self.rounding.currentData()
        if "concurrency" in self.fields:
            out["concurrency"] = self.concurrency.currentData()
        return out
