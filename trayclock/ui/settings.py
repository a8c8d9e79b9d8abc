"""The settings window: the company's billing policy (how overlaps are billed, rate, rounding …).

Saved to the store's `policy` setting, in the shape of billing-rules.md; fields not shown
here (business hours, timezone) are kept as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

DEFAULTS: dict[str, Any] = {
    "concurrency": "bill_each",
    "rate": "85.00",
    "currency": "USD",
    "increment_minutes": 15,
    "rounding": "up",
    "free_under_minutes": 0,
    "minimum_minutes": 0,
    "review_over_minutes": 60,
}


class SettingsWindow(QWidget):
    saved = Signal(dict)  # the policy as stored

    def __init__(
        self,
        load: Callable[[], dict[str, Any]],
        save: Callable[[dict[str, Any]], None],
        data_folder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsWindow")
        self.setWindowTitle(self.tr("Settings"))  # Qt adds " — trayclock"
        self._load = load
        self._save = save
        self.concurrency = QComboBox(self)
        self.concurrency.addItem(self.tr("Bill each customer the full shared time"), "bill_each")
        self.concurrency.addItem(self.tr("Split the shared time between them"), "split")
        self.rate = QLineEdit(self)
        self.currency = QLineEdit(self)
        self.currency.setMaxLength(3)
        self.increment = self._minutes(1, 240)
        self.rounding = QComboBox(self)
        for text, code in (
            (self.tr("every started increment"), "up"),
            (self.tr("to the nearest increment"), "nearest"),
            (self.tr("down"), "down"),
        ):
            self.rounding.addItem(text, code)
        self.free_under = self._minutes(0, 240)
        self.minimum = self._minutes(0, 480)
        self.review_over = self._minutes(0, 1440)
        self.review_over.setSpecialValueText(self.tr("never"))
        form = QFormLayout()
        form.addRow(self.tr("Two customers at once"), self.concurrency)
        form.addRow(self.tr("Hourly rate"), self.rate)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Billing increment"), self.increment)
        form.addRow(self.tr("Rounding"), self.rounding)
        form.addRow(self.tr("Free when shorter than"), self.free_under)
        form.addRow(self.tr("Bill at least"), self.minimum)
        form.addRow(self.tr("Hold for review when longer than"), self.review_over)
        folder = QLabel(self.tr("Data folder: {folder}").format(folder=data_folder), self)
        folder.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(folder)
        layout.addWidget(buttons)
        self.reload()

    def _minutes(self, low: int, high: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(low, high)
        box.setSuffix(self.tr(" min"))
        return box

    def reload(self) -> None:
        self._stored = self._load()
        policy = {**DEFAULTS, **self._stored}
        self.concurrency.setCurrentIndex(max(0, self.concurrency.findData(policy["concurrency"])))
        self.rate.setText(str(policy["rate"]))
        self.currency.setText(str(policy["currency"]))
        self.increment.setValue(int(policy["increment_minutes"]))
        self.rounding.setCurrentIndex(max(0, self.rounding.findData(policy["rounding"])))
        self.free_under.setValue(int(float(policy["free_under_minutes"])))
        self.minimum.setValue(int(policy["minimum_minutes"]))
        review = policy["review_over_minutes"]
        self.review_over.setValue(0 if review is None else int(float(review)))

    def policy(self) -> dict[str, Any]:
        """The stored policy with this window's fields applied (ValueError on a bad rate)."""
        try:
            rate = Decimal(self.rate.text().strip())
        except InvalidOperation:
            raise ValueError(self.tr("The hourly rate must be a number, like 85.00")) from None
        if rate < 0:
            raise ValueError(self.tr("The hourly rate cannot be negative"))
        currency = self.currency.text().strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise ValueError(self.tr("The currency is a three-letter code, like EUR"))
        return {
            **self._stored,
            "concurrency": self.concurrency.currentData(),
            "rate": f"{rate:.2f}",
            "currency": currency,
            "increment_minutes": self.increment.value(),
            "rounding": self.rounding.currentData(),
            "free_under_minutes": self.free_under.value(),
            "minimum_minutes": self.minimum.value(),
            "review_over_minutes": self.review_over.value() or None,
        }

    def on_save(self) -> None:
        try:
            policy = self.policy()
        except ValueError as error:
            QMessageBox.warning(self, self.tr("trayclock"), str(error))
            return
        self._save(policy)
        self._stored = policy
        self.saved.emit(policy)
