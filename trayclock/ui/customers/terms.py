"""A customer's terms in the customers window: name, rate and policy overrides (an empty field
inherits the company's value, shown as its placeholder), the contract and where it stands."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.entry import Customer
from trayclock.services.customer_terms import INHERIT, OVERRIDABLE_FIELDS, ContractStatus
from trayclock.services.settings_check import POLICY_TEXT_FIELDS, ROUNDING_CHOICES, contract_hours
from trayclock.ui.settings.billing_page import value_text
from trayclock.ui.settings.fields import CheckedLine, note_label, problem_text
from trayclock.ui.settings.labels import field_label, rounding_label

REVIEW = "review_over_minutes"
MINUTES_PER_HOUR = 60
OVERRIDE_WIDTH = 160  # px: room for the contract beside the rules on a 1280-wide screen


def hours_text(minutes: Fraction | int | float) -> str:
    """Minutes as h:mm (a fraction of a minute shown to one decimal)."""
    value = Fraction(str(minutes)) if isinstance(minutes, float) else Fraction(minutes)
    sign = "-" if value < 0 else ""
    value = abs(value)
    hours, rest = divmod(value, MINUTES_PER_HOUR)
    whole = int(rest)
    tail = f"{whole:02d}" if rest == whole else f"{float(rest):04.1f}"
    return f"{sign}{int(hours)}:{tail}"


class TermsForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerTerms")
        self.name = QLineEdit(self)
        self.name.setObjectName("customerName")
        self.lines: dict[str, CheckedLine[Any]] = {}
        overrides = QGroupBox(self.tr("Own rules (empty: the company's, shown in grey)"), self)
        form = QFormLayout(overrides)
        self.rounding = QComboBox(overrides)
        self.rounding.setObjectName("customerRounding")
        self.never_review = QCheckBox(self.tr("never hold for review"), overrides)
        self.never_review.setObjectName("neverReview")
        for name in OVERRIDABLE_FIELDS:
            if name == "rounding":
                form.addRow(field_label(name), self.rounding)
                continue
            line: CheckedLine[Any] = CheckedLine(
                POLICY_TEXT_FIELDS[name],
                overrides,
                optional=True,
                name=f"customer_{name}",
                width=OVERRIDE_WIDTH,
            )
            line.edited.connect(self.changed)
            self.lines[name] = line
            form.addRow(field_label(name), line)
            if name == REVIEW:
                form.addRow("", self.never_review)
        self.kept_note = note_label("", overrides)
        form.addRow(self.kept_note)

        contract_box = QGroupBox(self.tr("Contract"), self)
        contract_form = QFormLayout(contract_box)
        self.period = QComboBox(contract_box)
        self.period.setObjectName("contractPeriod")
        self.period.addItem(self.tr("none"), None)
        self.period.addItem(self.tr("hours bank (prepaid, once)"), "once")
        self.period.addItem(self.tr("monthly quota"), "month")
        for choice in (self.rounding, self.period):
            # A handful of fixed choices: as wide as the longest, never cut ("as the company: …").
            choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.included: CheckedLine[int] = CheckedLine(
            contract_hours, contract_box, name="contractHours"
        )
        self.included.set_placeholder("10:00")
        self.status = QLabel(contract_box)
        self.status.setObjectName("contractStatus")
        self.status.setWordWrap(True)
        contract_form.addRow(self.tr("Kind"), self.period)
        contract_form.addRow(self.tr("Included hours"), self.included)
        contract_form.addRow(self.status)

        layout = QVBoxLayout(self)
        name_form = QFormLayout()
        name_form.addRow(self.tr("Name"), self.name)
        layout.addLayout(name_form)
        columns = QHBoxLayout()
        # The rules take what the contract beside them leaves: their labels and choices are
        # long (in German more so), the contract's box needs its own size only.
        columns.addWidget(overrides, 1)
        side = QVBoxLayout()
        side.addWidget(contract_box)
        side.addStretch(1)
        columns.addLayout(side, 0)
        layout.addLayout(columns)
        layout.addStretch(1)
        self.name.textChanged.connect(lambda _t: self.changed.emit())
        self.rounding.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.never_review.toggled.connect(self._on_never)
        self.period.currentIndexChanged.connect(lambda _i: self._on_period())
        self.included.edited.connect(self.changed)

    def _on_never(self, never: bool) -> None:
        self.lines[REVIEW].setEnabled(not never)
        self.changed.emit()

    def _on_period(self) -> None:
        self.included.setEnabled(self.period.currentData() is not None)
        self.changed.emit()

    def load(self, customer: Customer, company: Mapping[str, Any]) -> None:
        self.name.setText(customer.name)
        own = customer.policy
        for name, line in self.lines.items():
            inherited = company.get(name)
            line.set_placeholder(self.tr("never") if inherited is None else value_text(inherited))
            line.set_text("" if own.get(name) is None else value_text(own.get(name)))
        self.never_review.setChecked(REVIEW in own and own[REVIEW] is None)
        self.lines[REVIEW].setEnabled(not self.never_review.isChecked())
        self.rounding.clear()
        self.rounding.addItem(
            self.tr("as the company: %1").replace("%1", rounding_label(str(company["rounding"]))),
            None,
        )
        for code in ROUNDING_CHOICES:
            self.rounding.addItem(rounding_label(code), code)
        self.rounding.setCurrentIndex(max(0, self.rounding.findData(own.get("rounding"))))
        kept = sorted(set(own) - set(OVERRIDABLE_FIELDS))
        self.kept_note.setText(
            self.tr("Also kept as they are: %1").replace("%1", ", ".join(kept)) if kept else ""
        )
        self.kept_note.setVisible(bool(kept))
        contract = customer.contract or {}
        self.period.setCurrentIndex(max(0, self.period.findData(contract.get("period"))))
        minutes = contract.get("included_minutes")
        self.included.set_text("" if minutes is None else hours_text(minutes))
        self._on_period()

    def show_status(self, status: ContractStatus | None, problem: str | None = None) -> None:
        if problem:
            self.status.setText(self.tr("Cannot price the contract: %1").replace("%1", problem))
        elif status is None:
            self.status.setText(self.tr("No contract: every billed minute is charged."))
        else:
            text = (
                self.tr("Left now: %1 h of %2 h this month. Drawn this month: %3 h.")
                if status.period == "month"
                else self.tr("Left now: %1 h of %2 h. Drawn this month: %3 h.")
            )
            self.status.setText(
                text.replace("%1", hours_text(status.balance))
                .replace("%2", hours_text(status.included_minutes))
                .replace("%3", hours_text(status.drawn_this_month))
            )

    def problems(self) -> list[str]:
        found = [
            problem_text(p)
            for name, line in self.lines.items()
            for p in line.problems
            if not (name == REVIEW and self.never_review.isChecked())
        ]
        if self.period.currentData() is not None:
            found += [problem_text(p) for p in self.included.problems]
        if not self.name.text().strip():
            found.append(self.tr("A customer needs a name."))
        return found

    def edited(self) -> dict[str, Any]:
        """Each field as an override value, or INHERIT (only meaningful without problems)."""
        out: dict[str, Any] = {}
        for name, line in self.lines.items():
            out[name] = INHERIT if line.value is None else line.value
        if self.never_review.isChecked():
            out[REVIEW] = None
        rounding = self.rounding.currentData()
        out["rounding"] = INHERIT if rounding is None else rounding
        return out

    def contract(self) -> dict[str, Any] | None:
        period = self.period.currentData()
        if period is None or self.included.value is None:
            return None
        return {"included_minutes": self.included.value, "period": period}
