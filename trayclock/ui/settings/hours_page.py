"""The settings' hours page: time zone, business hours, holidays, the after-hours rules.

billing-rules.md's `business_hours` is one opening span for a set of weekdays, so that is
what the editor offers (day boxes and one from–to), and it says so; hours that differ by
weekday cannot be expressed and are not pretended. Holidays come from the `holidays`
library for a country and region, then stay editable as plain dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trayclock.services import holiday_offer
from trayclock.services.settings_check import (
    ISO_WEEKDAYS,
    Problem,
    after_hours_minimum_minutes,
    after_hours_multiplier,
    clock_time,
    holiday,
    opening_span,
    timezone,
    weekdays,
)
from trayclock.ui.formats import date_text
from trayclock.ui.settings.billing_page import value_text
from trayclock.ui.settings.fields import CheckedLine, note_label, problems_text
from trayclock.ui.settings.labels import field_label, weekday_short
from trayclock.ui.styles import PROBLEM_STYLE

DEFAULT_OPENING = ("08:00", "17:00")
DEFAULT_DAYS = (1, 2, 3, 4, 5)
_DATE_ROLE = Qt.ItemDataRole.UserRole + 1  # the holiday as stored: "2026-12-24"
_NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # its name ("Christmas Eve"), or ""
COMBO_CHARS = 14  # country and region boxes: this wide, their lists as wide as needed
YEARS_OFFERED = 5  # the year spin goes this far ahead
DEFAULT_COUNTRY = "US"  # when the system names no territory (the C locale)


class HoursPage(QWidget):
    changed = Signal()

    def __init__(
        self,
        today: date,
        parent: QWidget | None = None,
        *,
        after_hours: bool = True,
        holidays: bool = True,
        language: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hoursPage")
        self.language = language
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.zone: CheckedLine[str] = CheckedLine(timezone, self, name="timezone", width=320)
        completer = QCompleter(sorted(available_timezones()), self.zone.edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.edit.setCompleter(completer)
        top.addRow(field_label("timezone"), self.zone)
        layout.addLayout(top)

        self.has_hours = QCheckBox(
            self.tr("Business hours (outside them the after-hours rules apply)"), self
        )
        self.has_hours.setObjectName("hasBusinessHours")
        layout.addWidget(self.has_hours)
        self.hours_box = QGroupBox(self)
        hours = QFormLayout(self.hours_box)
        days_row = QHBoxLayout()
        self.days = {day: QCheckBox(weekday_short(day), self.hours_box) for day in ISO_WEEKDAYS}
        for day, box in self.days.items():
            box.setObjectName(f"day{day}")
            days_row.addWidget(box)
        days_row.addStretch(1)
        hours.addRow(self.tr("Open on"), days_row)
        self.days_problem = QLabel(self.hours_box)
        self.days_problem.setStyleSheet(PROBLEM_STYLE)
        self.days_problem.setObjectName("daysProblem")
        hours.addRow("", self.days_problem)
        span_row = QHBoxLayout()
        self.opens: CheckedLine[str] = CheckedLine(clock_time, self.hours_box, name="opens")
        self.closes: CheckedLine[str] = CheckedLine(clock_time, self.hours_box, name="closes")
        span_row.addWidget(self.opens)
        span_row.addWidget(QLabel(self.tr("to"), self.hours_box))
        span_row.addWidget(self.closes)
        span_row.addStretch(1)
        hours.addRow(self.tr("From"), span_row)
        self.span_problem = QLabel(self.hours_box)
        self.span_problem.setStyleSheet(PROBLEM_STYLE)
        self.span_problem.setObjectName("spanProblem")
        hours.addRow("", self.span_problem)
        hours.addRow(
            note_label(
                self.tr(
                    "The billing rules have one opening span for all the chosen days: hours "
                    "that differ by weekday cannot be set."
                ),
                self.hours_box,
            )
        )
        layout.addWidget(self.hours_box)

        self.multiplier: CheckedLine[str] | None = None
        self.after_minimum: CheckedLine[Any] | None = None
        if after_hours:
            after = QFormLayout()
            self.multiplier = CheckedLine(
                after_hours_multiplier, self, name="after_hours_multiplier"
            )
            self.after_minimum = CheckedLine(
                after_hours_minimum_minutes, self, name="after_hours_minimum_minutes"
            )
            after.addRow(field_label("after_hours_multiplier"), self.multiplier)
            after.addRow(field_label("after_hours_minimum_minutes"), self.after_minimum)
            layout.addLayout(after)
        self.holiday_list = QListWidget(self)
        self.holiday_list.setObjectName("holidays")
        self.holidays_box = self._holidays_box(today) if holidays else None
        if self.holidays_box is not None:
            layout.addWidget(self.holidays_box, 1)
        else:
            self.holiday_list.hide()  # not shown, but the stored holidays are kept

        if self.holidays_box is None:
            layout.addStretch(1)

        for line in (self.zone, self.opens, self.closes, self.multiplier, self.after_minimum):
            if line is not None:
                line.edited.connect(self._changed)
        for box in self.days.values():
            box.toggled.connect(lambda _on: self._changed())
        self.has_hours.toggled.connect(self._on_has_hours)

    def _holidays_box(self, today: date) -> QGroupBox:
        box = QGroupBox(self.tr("Holidays (after-hours all day)"), self)
        layout = QVBoxLayout(box)
        offer = QHBoxLayout()
        self.country = QComboBox(box)
        self.country.setObjectName("holidayCountry")
        for country in holiday_offer.countries():
            self.country.addItem(f"{country.name} ({country.code})", country.code)
        self.region = QComboBox(box)
        self.region.setObjectName("holidayRegion")
        self.year = QSpinBox(box)
        self.year.setObjectName("holidayYear")
        self.year.setRange(today.year - 1, today.year + YEARS_OFFERED)
        self.year.setValue(today.year)
        self.offer_button = QPushButton(self.tr("Add public holidays"), box)
        self.offer_button.setObjectName("offerHolidays")
        for choice in (self.country, self.region):  # long names must not widen the page
            choice.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            choice.setMinimumContentsLength(COMBO_CHARS)
        offer.addWidget(self.country, 2)
        offer.addWidget(self.region, 2)
        offer.addWidget(self.year)
        offer.addWidget(self.offer_button)
        layout.addLayout(offer)
        self.holiday_list.setMinimumHeight(self.holiday_list.fontMetrics().lineSpacing() * 8)
        layout.addWidget(self.holiday_list, 1)
        edit_row = QHBoxLayout()
        self.new_holiday: CheckedLine[str] = CheckedLine(
            holiday, box, name="newHoliday", optional=True
        )
        self.new_holiday.set_placeholder("2026-12-24")
        self.add_holiday_button = QPushButton(self.tr("Add date"), box)
        self.remove_holiday_button = QPushButton(self.tr("Remove selected"), box)
        edit_row.addWidget(self.new_holiday, 1)
        edit_row.addWidget(self.add_holiday_button)
        edit_row.addWidget(self.remove_holiday_button)
        layout.addLayout(edit_row)
        self.country.currentIndexChanged.connect(lambda _i: self._fill_regions())
        self.offer_button.clicked.connect(self.on_offer)
        self.add_holiday_button.clicked.connect(self.on_add_holiday)
        self.new_holiday.edit.returnPressed.connect(self.on_add_holiday)
        self.remove_holiday_button.clicked.connect(self.on_remove_holidays)
        self._fill_regions()
        territory = QLocale.system().name().partition("_")[2]
        self.choose_country(territory or DEFAULT_COUNTRY)
        return box

    def _fill_regions(self) -> None:
        code = self.country.currentData()
        self.region.clear()
        self.region.addItem(self.tr("whole country"), "")
        for country in holiday_offer.countries():
            if country.code == code:
                for region, name in country.regions:
                    self.region.addItem(name if name == region else f"{name} ({region})", region)

    def choose_country(self, code: str, region: str = "") -> None:
        found = self.country.findData(code)
        self.country.setCurrentIndex(
            found if found >= 0 else self.country.findData(DEFAULT_COUNTRY)
        )
        self.region.setCurrentIndex(max(0, self.region.findData(region)))

    # --- holidays --------------------------------------------------------------------------

    def holiday_dates(self) -> list[str]:
        items = (self.holiday_list.item(i) for i in range(self.holiday_list.count()))
        return sorted({str(item.data(_DATE_ROLE)) for item in items if item is not None})

    def _set_holidays(self, found: Mapping[str, str]) -> None:
        self.holiday_list.clear()
        for day in sorted(found):
            shown = date_text(date.fromisoformat(day))
            text = f"{shown}  {found[day]}" if found[day] else shown
            item = QListWidgetItem(text, self.holiday_list)
            item.setData(_DATE_ROLE, day)
            item.setData(_NAME_ROLE, found[day])
        self._changed()

    def _named(self) -> dict[str, str]:
        out = {}
        for i in range(self.holiday_list.count()):
            item = self.holiday_list.item(i)
            out[str(item.data(_DATE_ROLE))] = str(item.data(_NAME_ROLE) or "")
        return out

    def on_offer(self) -> None:
        found = self._named()
        for h in holiday_offer.public_holidays(
            self.country.currentData(), self.region.currentData() or None,
            [self.year.value()], self.language,
        ):  # fmt: skip
            found.setdefault(h.day.isoformat(), h.name)
        self._set_holidays(found)

    def on_add_holiday(self) -> None:
        value = self.new_holiday.value
        if value is None:
            return
        found = self._named()
        found.setdefault(value, "")
        self._set_holidays(found)
        self.new_holiday.set_text("")

    def on_remove_holidays(self) -> None:
        chosen = {str(item.data(_DATE_ROLE)) for item in self.holiday_list.selectedItems()}
        self._set_holidays({d: n for d, n in self._named().items() if d not in chosen})

    # --- state ------------------------------------------------------------------------------

    def _on_has_hours(self, on: bool) -> None:
        self.hours_box.setEnabled(on)
        if self.holidays_box is not None:
            self.holidays_box.setEnabled(on)
        self._changed()

    def _day_problems(self) -> list[Problem]:
        if not self.has_hours.isChecked():
            return []
        chosen = [day for day, box in self.days.items() if box.isChecked()]
        return list(weekdays(chosen).problems)

    def _span_problems(self) -> list[Problem]:
        if not self.has_hours.isChecked() or not (self.opens.result.ok and self.closes.result.ok):
            return []  # each field shows its own problem
        return list(opening_span(self.opens.text(), self.closes.text()).problems)

    def _changed(self) -> None:
        for label, found in (
            (self.days_problem, self._day_problems()),
            (self.span_problem, self._span_problems()),
        ):
            label.setText(problems_text(found))
            label.setVisible(bool(found))
        self.changed.emit()

    def load(self, policy: Mapping[str, Any]) -> None:
        self.zone.set_text(str(policy.get("timezone") or ""))
        hours = policy.get("business_hours")
        self.has_hours.setChecked(isinstance(hours, dict))
        shown = hours if isinstance(hours, dict) else {}
        days = set(shown.get("days", DEFAULT_DAYS))
        for day, box in self.days.items():
            box.setChecked(day in days)
        self.opens.set_text(str(shown.get("start", DEFAULT_OPENING[0])))
        self.closes.set_text(str(shown.get("end", DEFAULT_OPENING[1])))
        self._set_holidays({str(day): "" for day in shown.get("holidays", [])})
        if self.multiplier is not None:
            self.multiplier.set_text(value_text(policy.get("after_hours_multiplier")))
        if self.after_minimum is not None:
            self.after_minimum.set_text(value_text(policy.get("after_hours_minimum_minutes")))
        self._on_has_hours(self.has_hours.isChecked())

    def problems(self) -> list[Problem]:
        lines = [self.zone, self.multiplier, self.after_minimum]
        if self.has_hours.isChecked():
            lines += [self.opens, self.closes]
        found = [p for line in lines if line is not None for p in line.problems]
        return found + self._day_problems() + self._span_problems()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"timezone": self.zone.value}
        if self.has_hours.isChecked():
            hours: dict[str, Any] = {
                "days": [day for day, box in self.days.items() if box.isChecked()],
                "start": self.opens.value,
                "end": self.closes.value,
            }
            holidays = self.holiday_dates()
            if holidays:
                hours["holidays"] = holidays
            out["business_hours"] = hours
        else:
            out["business_hours"] = None
        if self.multiplier is not None:
            out["after_hours_multiplier"] = self.multiplier.value
        if self.after_minimum is not None:
            out["after_hours_minimum_minutes"] = self.after_minimum.value
        return out
