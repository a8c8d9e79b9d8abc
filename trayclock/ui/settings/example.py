"""The live example under the billing fields: one call priced by the engine as the rules are
edited ("a 22-minute call at 19:30 on a Saturday costs …"), before anything is saved."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.billing_input import BillingInputError
from trayclock.domain.model import PricedEntry, RateClass, Status, Why
from trayclock.services.settings_example import ExampleCall, ExamplePrice, price_example
from trayclock.ui.formats import clock_text, day_text, decimal_text, factor_text, money_text
from trayclock.ui.settings.labels import weekday_long

DEFAULT_CALL = ExampleCall(minutes=22, start=time(19, 30), weekday=6)
MAX_EXAMPLE_MINUTES = 24 * 60


class ExampleBox(QGroupBox):
    """The example call's controls and its price under the policy last shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("example")
        self.setTitle(self.tr("What would a call cost? (the unsaved rules, priced by the engine)"))
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("exampleMinutes")
        self.minutes.setRange(1, MAX_EXAMPLE_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setValue(DEFAULT_CALL.minutes)
        self.start = QTimeEdit(QTime(DEFAULT_CALL.start.hour, DEFAULT_CALL.start.minute), self)
        self.start.setObjectName("exampleStart")
        self.start.setDisplayFormat("HH:mm")
        self.weekday = QComboBox(self)
        self.weekday.setObjectName("exampleWeekday")
        for day in range(1, 8):
            self.weekday.addItem(weekday_long(day), day)
        self.weekday.setCurrentIndex(DEFAULT_CALL.weekday - 1)
        self.result = QLabel(self)
        self.result.setObjectName("exampleResult")
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("A call of"), self))
        row.addWidget(self.minutes)
        row.addWidget(QLabel(self.tr("at"), self))
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("on a"), self))
        row.addWidget(self.weekday)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self._policy: dict[str, Any] | None = None
        self._terms: dict[str, Any] | None = None
        self._today: date | None = None
        self.last: ExamplePrice | None = None
        self.minutes.valueChanged.connect(lambda _v: self.refresh())
        self.start.timeChanged.connect(lambda _t: self.refresh())
        self.weekday.currentIndexChanged.connect(lambda _i: self.refresh())

    def call(self) -> ExampleCall:
        chosen = self.start.time()
        return ExampleCall(
            self.minutes.value(), time(chosen.hour(), chosen.minute()), self.weekday.currentData()
        )

    def show_policy(
        self,
        policy: Mapping[str, Any] | None,
        today: date,
        terms: Mapping[str, Any] | None = None,
    ) -> None:
        """Price the example under `policy` (None: the fields have problems, nothing to price)."""
        self._policy = None if policy is None else dict(policy)
        self._terms = None if terms is None else dict(terms)
        self._today = today
        self.refresh()

    def refresh(self) -> None:
        self.last = None
        if self._today is None:
            return
        if self._policy is None:
            self.result.setText(self.tr("Fix the fields marked in red to see a price."))
            return
        try:
            self.last = price_example(self._policy, self.call(), self._today, self._terms)
        except BillingInputError as error:
            self.result.setText(
                self.tr("The engine refuses these rules: %1").replace(
                    "%1", "; ".join(error.problems)
                )
            )
            return
        self.result.setText(self.describe(self.last))

    def describe(self, example: ExamplePrice) -> str:
        call = self.call()
        head = (
            self.tr("A %1-minute call at %2 on %3")
            .replace("%1", str(call.minutes))
            .replace("%2", clock_text(call.start))
            .replace("%3", day_text(example.day))
        )
        priced = example.priced
        if priced.status is Status.FREE:
            return head + " " + self.tr("is free (shorter than the free threshold).")
        if priced.status is Status.NEEDS_REVIEW and example.approved is not None:
            return (
                head
                + " "
                + self.tr("is held for review; once approved it costs %1 (%2).")
                .replace("%1", money_text(example.approved.amount, example.currency))
                .replace("%2", self._how(example.approved))
            )
        return (
            head
            + " "
            + self.tr("costs %1 (%2).")
            .replace("%1", money_text(priced.amount, example.currency))
            .replace("%2", self._how(priced))
        )

    def _how(self, priced: PricedEntry) -> str:
        parts = [self.tr("%1 min billed").replace("%1", str(priced.billed_minutes))]
        if priced.rate_class is RateClass.AFTER_HOURS:
            parts.append(
                self.tr("after hours × %1 = %2 min")
                .replace("%1", factor_text(priced.multiplier))
                .replace("%2", decimal_text(priced.weighted_minutes))
            )
        else:
            parts.append(self.tr("business hours"))
        if priced.covered_minutes:
            parts.append(
                self.tr("%1 min from the contract").replace(
                    "%1", decimal_text(priced.covered_minutes)
                )
            )
        if any(why[0] is Why.MINIMUM_CHARGE for why in priced.why):
            parts.append(self.tr("raised to the minimum charge"))
        return ", ".join(parts)
