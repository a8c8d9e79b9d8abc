"""The review's table of entries: one row each, the customer edited in place, columns fitted."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from trayclock.services.review.rows import DayView
from trayclock.ui.review.palette import CustomerColours
from trayclock.ui.review.table_model import Column, CustomerDelegate, ReviewTableModel

FIT_COLUMNS_ROWS = 25
NOTES_COLUMN_MAX_PX = 160


class ReviewTable(QTableView):
    """Shows a DayView through its ReviewTableModel (`review_model`)."""

    def __init__(self, colours: CustomerColours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTable")
        self.review_model = ReviewTableModel(colours, self)
        self.setModel(self.review_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.verticalHeader().hide()
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.customer_delegate = CustomerDelegate(parent=self)
        self.setItemDelegateForColumn(Column.CUSTOMER, self.customer_delegate)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Fit columns to the first rows only: measuring thousands of rows costs seconds.
        header.setResizeContentsPrecision(FIT_COLUMNS_ROWS)
        self._columns_fitted = False
        self._range: tuple[object, object] | None = None

    def set_customers(self, names: Sequence[str]) -> None:
        """The names the in-place customer editor offers."""
        self.customer_delegate.customers = list(names)

    def set_view(self, view: DayView) -> None:
        reset = self.review_model.set_view(view)
        # Fit the columns to new rows once they are priced (amounts, statuses); later re-pricing
        # keeps the widths the tech may have set. Another range (a week: "Mon 23 09:25")
        # needs other widths even for the same entries.
        shown = (view.first_day, view.last_day)
        if reset or shown != self._range:
            self._range = shown
            self._columns_fitted = False
        if view.priced and not self._columns_fitted:
            self._fit_columns()
            self._columns_fitted = True

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        for column in Column:
            if column is not Column.WHY:
                self.resizeColumnToContents(column)
        notes_width = min(header.sectionSize(Column.NOTES), NOTES_COLUMN_MAX_PX)
        header.resizeSection(Column.NOTES, notes_width)
        # The last column stretches into what is left, which may be less than its title.
        why = Column.WHY
        header.resizeSection(why, max(header.sectionSize(why), header.sectionSizeHint(why)))
