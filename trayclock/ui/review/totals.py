"""Per-customer totals of the shown day: billed time, amount, contract drawn and left, to review."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from trayclock.services.review.rows import CustomerTotal, DayView
from trayclock.ui.formats import money_text
from trayclock.ui.review.colours import ALERT
from trayclock.ui.review.palette import CustomerColours
from trayclock.ui.texts import duration_text


class TotalsTable(QTableWidget):
    """One line per customer, and a bold line for the whole day."""

    def __init__(
        self,
        colours: CustomerColours,
        parent: QWidget | None = None,
        *,
        max_height_px: int | None = None,
    ) -> None:
        """`max_height_px`: taller than this, the lines scroll (many customers in a month)."""
        super().__init__(0, 7, parent)
        self.setObjectName("reviewTotals")
        self.colours = colours
        self._max_height_px = max_height_px
        self.setHorizontalHeaderLabels(
            [
                self.tr("Customer"),
                self.tr("Entries"),
                self.tr("Billed"),
                self.tr("Amount"),
                self.tr("From contract"),
                self.tr("Contract left"),
                self.tr("To review"),
            ]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 7):
            self.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )

    def set_view(self, view: DayView) -> None:
        totals = [t for t in view.totals if not t.unattached]
        # Entries without a customer are priced by the company policy: their line carries
        # that time and money (the day total too), and each one is still to be decided.
        priced_loose = next((t for t in view.totals if t.unattached), None)
        unattached = sum(1 for r in view.rows if r.unattached and not r.discarded)
        self.setRowCount(len(totals) + 1 + (1 if unattached else 0))
        for i, total in enumerate(totals):
            self._fill(i, total, view.currency)
        line = len(totals)
        if unattached:
            self._set(line, 0, self.tr("No customer yet"), colour=QColor(ALERT))
            self._set(line, 1, str(unattached))
            for column in range(2, 6):
                self._set(line, column, "")
            if priced_loose is not None:
                if priced_loose.billed_minutes:
                    self._set(line, 2, duration_text(priced_loose.billed_minutes))
                self._set(line, 3, money_text(priced_loose.amount, view.currency))
            self._set(line, 6, str(unattached), colour=QColor(ALERT), bold=True)
            line += 1
        counted = [*totals, *([priced_loose] if priced_loose is not None else [])]
        day = CustomerTotal(
            customer=self.tr("Day total") if view.first_day == view.last_day else self.tr("Total"),
            billed_minutes=sum(t.billed_minutes for t in counted),
            amount=sum((t.amount for t in counted), Decimal("0.00")),
            covered_minutes=sum(t.covered_minutes for t in totals),
            needs_review=sum(t.needs_review for t in totals) + unattached,
            entries=sum(t.entries for t in totals) + unattached,
        )
        self._fill(line, day, view.currency, bold=True, swatch=False)
        self.resizeRowsToContents()
        height = self.horizontalHeader().height() + sum(
            self.rowHeight(r) for r in range(self.rowCount())
        )
        if self._max_height_px is not None:
            height = min(height, self._max_height_px)
        self.setFixedHeight(height + 4)

    def _fill(
        self,
        line: int,
        total: CustomerTotal,
        currency: str,
        bold: bool = False,
        swatch: bool = True,
    ) -> None:
        item = self._set(line, 0, total.customer, bold=bold)
        if swatch:
            item.setData(Qt.ItemDataRole.DecorationRole, self.colours.colour(total.customer))
        self._set(line, 1, str(total.entries), bold=bold)
        self._set(
            line, 2, duration_text(total.billed_minutes) if total.billed_minutes else "–", bold=bold
        )
        self._set(line, 3, money_text(total.amount, currency), bold=bold)
        self._set(
            line,
            4,
            duration_text(total.covered_minutes) if total.covered_minutes else "–",
            bold=bold,
        )
        left = "" if total.contract_remaining is None else duration_text(total.contract_remaining)
        self._set(line, 5, left, bold=bold)
        review = str(total.needs_review) if total.needs_review else ""
        self._set(line, 6, review, bold=True, colour=QColor("#a35f00") if review else None)

    def _set(
        self, line: int, column: int, text: str, bold: bool = False, colour: QColor | None = None
    ) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if column:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(font)
        if colour is not None:
            item.setForeground(QBrush(colour))
        self.setItem(line, column, item)
        return item
