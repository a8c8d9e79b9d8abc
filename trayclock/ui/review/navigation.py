"""The review's top bar: which days are shown (previous, next, a date, today, the span)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from trayclock.services.review.span import Span
from trayclock.ui.formats import picker_pattern
from trayclock.ui.review.panel import make_button

SPANS = tuple(Span)  # in the order of the span picker
TITLE_SCALE = 1.3
TITLE_SPACING_PX = 12


class NavigationBar(QWidget):
    """Offers the moves; the window decides what they show (see span.step)."""

    stepped = Signal(int)  # -1: back, 1: forward
    day_picked = Signal(object)  # datetime.date, from the picker
    today_clicked = Signal()
    span_picked = Signal(object)  # Span
    discarded_toggled = Signal(bool)  # show discarded entries too

    def __init__(self, span: Span, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.prev_button = make_button(
            "◀",
            "previousDay",
            self,
            tip=self.tr("Previous day (Alt+Left)"),
            slot=lambda: self.stepped.emit(-1),
        )
        self.next_button = make_button(
            "▶",
            "nextDay",
            self,
            tip=self.tr("Next day (Alt+Right)"),
            slot=lambda: self.stepped.emit(1),
        )
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("dayPicker")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(picker_pattern())
        self.date_edit.dateChanged.connect(
            lambda value: self.day_picked.emit(date(value.year(), value.month(), value.day()))
        )
        self.today_button = make_button(
            self.tr("Today"), "todayButton", self, slot=self.today_clicked.emit
        )
        self.span_combo = QComboBox(self)
        self.span_combo.setObjectName("spanPicker")
        self.span_combo.addItems([self.tr("Day"), self.tr("Week"), self.tr("Month")])
        self.span_combo.setCurrentIndex(SPANS.index(span))
        self.span_combo.currentIndexChanged.connect(
            lambda index: self.span_picked.emit(SPANS[index])
        )
        self.discarded_check = QCheckBox(self.tr("Show discarded"), self)
        self.discarded_check.setObjectName("showDiscarded")
        self.discarded_check.toggled.connect(self.discarded_toggled.emit)
        self.title = QLabel(self)
        self.title.setObjectName("reviewTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
        font.setBold(True)
        self.title.setFont(font)
        for widget in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            row.addWidget(widget)
        row.addSpacing(TITLE_SPACING_PX)
        row.addWidget(self.title, 1)
        row.addWidget(self.span_combo)
        row.addWidget(self.discarded_check)

    def show_day(self, day: date) -> None:
        """Put `day` in the picker without announcing it as picked."""
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)

    def show_span(self, span: Span) -> None:
        """Put `span` in the picker without announcing it as picked."""
        self.span_combo.blockSignals(True)
        self.span_combo.setCurrentIndex(SPANS.index(span))
        self.span_combo.blockSignals(False)

    def show_discarded(self) -> bool:
        return self.discarded_check.isChecked()
