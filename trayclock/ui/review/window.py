"""The end-of-day review window: timeline, table, totals, edits, and submitting the day."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from PySide6.QtCore import (
    QDate,
    QItemSelection,
    QItemSelectionModel,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.billing import BillingInputError
from trayclock.services.review.pricing import (
    build_view,
    can_carry_balances,
    contract_balances,
    price_snapshot,
    unpriced_view,
)
from trayclock.services.review.rows import DayView, ReviewRow, RowStatus
from trayclock.services.review.source import ReviewSource, Snapshot, StoreError
from trayclock.ui.review.explain import explain_row, minutes_text
from trayclock.ui.review.palette import ALERT, REVIEW, CustomerColours
from trayclock.ui.review.table_model import Column, CustomerDelegate, ReviewTableModel
from trayclock.ui.review.timeline import TimelineWidget
from trayclock.ui.review.totals import TotalsTable
from trayclock.ui.review.worker import PricingRunner

log = logging.getLogger(__name__)

# Up to this many entries in the billing document, pricing takes less than a frame (16 ms)
# on the reference machine (bench/bench_review.py), so it runs inline; beyond it, off the UI
# thread.
SYNC_PRICE_MAX_ENTRIES = 300
DAYS_PER_WEEK = 7
DAY_SPAN, WEEK_SPAN, MONTH_SPAN = "day", "week", "month"
SPANS = (DAY_SPAN, WEEK_SPAN, MONTH_SPAN)
TIMELINE_MAX_HEIGHT_PX = 330
FIT_COLUMNS_ROWS = 25
PRICING_DELAY_MS = 16  # one frame


class ReviewWindow(QMainWindow):
    """A day (or week, or month) of entries: look, fix, price, submit. Changes go to the store."""

    view_shown = Signal(object)  # DayView, priced or not, once it is on screen
    priced = Signal(object)  # DayView with prices, once it is on screen
    problem = Signal(str)  # an edit or pricing failed; the message is shown in the banner
    submitted = Signal(int)  # how many entries were marked reviewed and queued

    def __init__(
        self,
        source: ReviewSource,
        day: date | None = None,
        *,
        span: str = DAY_SPAN,
        sync_price_max_entries: int = SYNC_PRICE_MAX_ENTRIES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.source = source
        self.sync_price_max_entries = sync_price_max_entries
        self.colours = CustomerColours()
        self.runner = PricingRunner(self)
        self.runner.finished.connect(self.on_priced)
        self.runner.failed.connect(self.on_pricing_failed)
        self._generation = 0
        self._view: DayView | None = None
        self._selected: list[str] = []
        self._syncing_selection = False
        self._day = day or source.today()
        if span not in SPANS:
            raise ValueError(f"span must be one of {', '.join(SPANS)}, not {span!r}")
        self._span = span
        self._hidden_since_load = False
        self._columns_fitted = False
        self._build()
        self.span_combo.setCurrentIndex(SPANS.index(span))
        self._set_date_edit(self._day)
        self.resize(1280, 800)
        self.reload()

    # ---- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addLayout(self._build_navigation())

        self.banner = QLabel(central)
        self.banner.setObjectName("reviewBanner")
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setWordWrap(True)
        outer.addWidget(self.banner)

        self.timeline = TimelineWidget(self.colours)
        self.timeline.selection_changed.connect(self.on_timeline_selection_changed)
        self.timeline_area = QScrollArea(central)
        self.timeline_area.setWidget(self.timeline)
        self.timeline_area.setWidgetResizable(True)
        self.timeline_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        outer.addWidget(self.timeline_area)

        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = ReviewTableModel(self.colours, self)
        self.model.edit_requested.connect(self.on_edit_requested)
        self.table = QTableView(left)
        self.table.setObjectName("reviewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.customer_delegate = CustomerDelegate(parent=self.table)
        self.table.setItemDelegateForColumn(Column.CUSTOMER, self.customer_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Fit columns to the first rows only: measuring thousands of rows costs seconds.
        header.setResizeContentsPrecision(FIT_COLUMNS_ROWS)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        left_layout.addWidget(self.table, 1)
        self.totals = TotalsTable(self.colours, left)
        left_layout.addWidget(self.totals)
        splitter.addWidget(left)
        splitter.addWidget(self._build_panel())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([900, 340])
        outer.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.pricing_label = QLabel(central)
        self.pricing_label.setObjectName("pricingLabel")
        bottom.addWidget(self.pricing_label, 1)
        self.submit_button = _button(
            self.tr("Submit day"),
            "submitButton",
            self.submit_day,
            central,
            tip=self.tr("Mark the entries reviewed and queue them for sync"),
        )
        bottom.addWidget(self.submit_button)
        outer.addLayout(bottom)
        self.setCentralWidget(central)
        # Delete in the table or the timeline discards (recoverable: Show discarded, Restore).
        for widget in (self.table, self.timeline):
            QShortcut(
                QKeySequence(QKeySequence.StandardKey.Delete),
                widget,
                activated=self.discard_selected,
                context=Qt.ShortcutContext.WidgetShortcut,
            )

    def _build_navigation(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.prev_button = _button(
            "◀", "previousDay", lambda: self.step(-1), self, tip=self.tr("Previous day (Alt+Left)")
        )
        self.next_button = _button(
            "▶", "nextDay", lambda: self.step(1), self, tip=self.tr("Next day (Alt+Right)")
        )
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("dayPicker")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.dateChanged.connect(self.on_date_picked)
        self.today_button = QPushButton(self.tr("Today"), self)
        self.today_button.clicked.connect(lambda: self.show_day(self.source.today()))
        self.span_combo = QComboBox(self)
        self.span_combo.setObjectName("spanPicker")
        self.span_combo.addItems([self.tr("Day"), self.tr("Week"), self.tr("Month")])
        self.span_combo.currentIndexChanged.connect(self.on_span_picked)
        self.discarded_check = QCheckBox(self.tr("Show discarded"), self)
        self.discarded_check.setObjectName("showDiscarded")
        self.discarded_check.toggled.connect(lambda _checked: self.reload())
        self.title = QLabel(self)
        self.title.setObjectName("reviewTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        for widget in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(self.title, 1)
        row.addWidget(self.span_combo)
        row.addWidget(self.discarded_check)
        QShortcut(QKeySequence("Alt+Left"), self, activated=lambda: self.step(-1))
        QShortcut(QKeySequence("Alt+Right"), self, activated=lambda: self.step(1))
        return row

    def _build_panel(self) -> QWidget:
        panel = QGroupBox(self.tr("Selected"), self)
        panel.setObjectName("selectionPanel")
        panel.setMinimumWidth(320)
        layout = QVBoxLayout(panel)
        self.selection_title = QLabel(self.tr("Nothing selected"), panel)
        self.selection_title.setObjectName("selectionTitle")
        self.selection_title.setWordWrap(True)
        font = self.selection_title.font()
        font.setBold(True)
        self.selection_title.setFont(font)
        layout.addWidget(self.selection_title)
        self.why_label = QLabel(panel)
        self.why_label.setObjectName("whyLabel")
        self.why_label.setWordWrap(True)
        self.why_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.why_label)

        attach = QHBoxLayout()
        self.customer_combo = QComboBox(panel)
        self.customer_combo.setObjectName("attachCustomer")
        self.customer_combo.setEditable(True)
        self.customer_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.customer_combo.lineEdit().setPlaceholderText(self.tr("customer"))
        self.attach_button = _button(
            self.tr("Attach"),
            "attachButton",
            self.attach_selected,
            panel,
            tip=self.tr("Attach every selected entry to this customer"),
        )
        attach.addWidget(self.customer_combo, 1)
        attach.addWidget(self.attach_button)
        layout.addLayout(attach)

        form = QFormLayout()
        times = QHBoxLayout()
        self.start_edit = QTimeEdit(panel)
        self.start_edit.setObjectName("startEdit")
        self.end_edit = QTimeEdit(panel)
        self.end_edit.setObjectName("endEdit")
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        self.set_times_button = _button(
            self.tr("Set"), "setTimesButton", self.set_times_of_selected, panel
        )
        times.addWidget(self.start_edit)
        times.addWidget(QLabel("–", panel))
        times.addWidget(self.end_edit)
        times.addWidget(self.set_times_button)
        form.addRow(self.tr("Times"), times)
        split = QHBoxLayout()
        self.split_edit = QTimeEdit(panel)
        self.split_edit.setObjectName("splitEdit")
        self.split_edit.setDisplayFormat("HH:mm")
        self.split_button = _button(
            self.tr("Split here"), "splitButton", self.split_selected, panel
        )
        split.addWidget(self.split_edit)
        split.addWidget(self.split_button)
        form.addRow(self.tr("Split at"), split)
        self.ticket_edit = QLineEdit(panel)
        self.ticket_edit.setObjectName("ticketEdit")
        form.addRow(self.tr("Ticket"), self.ticket_edit)
        self.notes_edit = QPlainTextEdit(panel)
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setMaximumHeight(70)
        form.addRow(self.tr("Notes"), self.notes_edit)
        layout.addLayout(form)
        self.save_details_button = _button(
            self.tr("Save ticket and notes"),
            "saveDetailsButton",
            self.save_details_of_selected,
            panel,
        )
        layout.addWidget(self.save_details_button)

        actions = QHBoxLayout()
        self.approve_button = _button(
            self.tr("Approve"),
            "approveButton",
            self.approve_selected,
            panel,
            tip=self.tr("Approve long sessions so they are billed"),
        )
        self.billable_button = _button(
            self.tr("Non-billable"), "billableButton", self.toggle_billable_of_selected, panel
        )
        self.merge_button = _button(
            self.tr("Merge"),
            "mergeButton",
            self.merge_selected,
            panel,
            tip=self.tr("Fold the selected entries into the earliest one"),
        )
        for button in (self.approve_button, self.billable_button, self.merge_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        keep = QHBoxLayout()
        self.discard_button = _button(
            self.tr("Discard"),
            "discardButton",
            self.discard_selected,
            panel,
            tip=self.tr("Hide from billing; kept in the audit trail"),
        )
        self.restore_button = _button(
            self.tr("Restore"), "restoreButton", self.restore_selected, panel
        )
        keep.addWidget(self.discard_button)
        keep.addWidget(self.restore_button)
        layout.addLayout(keep)
        layout.addStretch(1)
        return panel

    # ---- navigation --------------------------------------------------------------------------

    @property
    def day(self) -> date:
        return self._day

    @property
    def view(self) -> DayView | None:
        return self._view

    def range(self) -> tuple[date, date]:
        return self.range_of(self._day, self._span)

    @staticmethod
    def range_of(day: date, span: str) -> tuple[date, date]:
        """The first and last day shown for `day` in this span."""
        if span == WEEK_SPAN:
            monday = day - timedelta(days=day.weekday())
            return monday, monday + timedelta(days=DAYS_PER_WEEK - 1)
        if span == MONTH_SPAN:
            first = day.replace(day=1)
            following = (first + timedelta(days=32)).replace(day=1)
            return first, following - timedelta(days=1)
        return day, day

    def show_day(self, day: date) -> None:
        if day == self._day:
            return
        self._day = day
        self._set_date_edit(day)
        self.reload()

    def step(self, direction: int) -> None:
        if self._span == MONTH_SPAN:
            first, last = self.range()
            self.show_day(last + timedelta(days=1) if direction > 0 else first - timedelta(days=1))
            return
        self.show_day(
            self._day
            + timedelta(days=direction * (DAYS_PER_WEEK if self._span == WEEK_SPAN else 1))
        )

    def _set_date_edit(self, day: date) -> None:
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)

    def on_date_picked(self, value: QDate) -> None:
        self.show_day(date(value.year(), value.month(), value.day()))

    @property
    def span(self) -> str:
        return self._span

    def on_span_picked(self, index: int) -> None:
        if SPANS[index] != self._span:
            self._span = SPANS[index]
            self.reload()

    # ---- loading and pricing -----------------------------------------------------------------

    def reload(self, select: Sequence[str] | None = None) -> None:
        """Read the range from the store and price it: inline when small, else off-thread."""
        if select is not None:
            self._selected = list(select)
        self._generation += 1
        generation = self._generation
        first, last = self.range()
        snapshot = self.source.snapshot(
            first, last, include_discarded=self.discarded_check.isChecked(), history=False
        )
        self.colours.assign(c.name for c in snapshot.customers)
        names = [c.name for c in snapshot.customers if not c.archived]
        self.customer_delegate.customers = names
        self._refill_customer_combo(names)
        if snapshot.complete:
            self._price(snapshot, generation, shown=False)
            return
        # A long history (an hours bank) is read after the entries are on screen.
        self._show(unpriced_view(snapshot, generation, self._view))
        QTimer.singleShot(PRICING_DELAY_MS, lambda: self._complete(snapshot, generation))

    def _complete(self, snapshot: Snapshot, generation: int) -> None:
        if generation == self._generation:  # not superseded by a newer reload meanwhile
            self._price(self.source.with_history(snapshot), generation, shown=True)

    def _price(self, snapshot: Snapshot, generation: int, *, shown: bool) -> None:
        """Price inline when it takes less than a frame, else on the worker.

        Once the history has been priced, its contract balances are kept, and later prices
        of the same range take only the shown entries (see pricing.contract_balances).
        """
        carry = can_carry_balances(snapshot)
        balances = self.source.balances_for(snapshot) if carry else None
        size = len(snapshot.shown) + (0 if balances is not None else len(snapshot.context))
        if size <= self.sync_price_max_entries:
            self.runner.supersede(generation)
            try:
                view = build_view(snapshot, price_snapshot(snapshot, balances), generation)
            except BillingInputError as error:
                self._show(unpriced_view(snapshot, generation))
                self.on_pricing_failed(generation, str(error))
                return
            self._show(view)
            return
        if shown:
            self._start_pricing(snapshot, generation, carry, balances)
            return
        self._show(unpriced_view(snapshot, generation, self._view))
        # Start pricing a frame later: a Python worker shares the GIL with this thread, and the
        # entries should be painted before it starts competing.
        QTimer.singleShot(
            PRICING_DELAY_MS,
            lambda: self._start_pricing(snapshot, generation, carry, balances),
        )

    def _start_pricing(
        self,
        snapshot: Snapshot,
        generation: int,
        carry: bool,
        balances: dict[str, Fraction] | None,
    ) -> None:
        if generation == self._generation:  # not superseded by a newer reload meanwhile
            self.runner.submit(generation, lambda: _priced(snapshot, generation, carry, balances))

    def on_priced(self, generation: int, result: object) -> None:
        if generation != self._generation or not isinstance(result, _Priced):
            return  # an edit happened meanwhile: a newer result is on its way
        if result.balances is not None:
            self.source.remember_balances(result.snapshot, result.balances)
        self._show(result.view)

    def on_pricing_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        log.warning("pricing failed: %s", message)
        self._show_problem(self.tr("Cannot price this day: %1").replace("%1", message))

    def _refill_customer_combo(self, names: list[str]) -> None:
        current = self.customer_combo.currentText()
        self.customer_combo.blockSignals(True)
        self.customer_combo.clear()
        self.customer_combo.addItems(names)
        self.customer_combo.setCurrentText(current)
        self.customer_combo.blockSignals(False)

    def _show(self, view: DayView) -> None:
        self._view = view
        self.timeline.set_view(view)
        self.timeline_area.setFixedHeight(min(self.timeline.height() + 4, TIMELINE_MAX_HEIGHT_PX))
        reset = self.model.set_view(view)
        self.totals.set_view(view)
        self._update_title(view)
        self._update_banner(view)
        self._restore_selection()
        self._update_panel()
        # Fit the columns to new rows once they are priced (amounts, statuses); later re-pricing
        # keeps the widths the tech may have set.
        if reset:
            self._columns_fitted = False
        if view.priced and not self._columns_fitted:
            self._fit_columns()
            self._columns_fitted = True
        if view.priced:
            self.pricing_label.setText(
                self.tr("%n entries, priced", "", len(view.rows))
                if view.rows
                else self.tr("No entries")
            )
        else:
            self.pricing_label.setText(self.tr("Pricing…"))
        self.view_shown.emit(view)
        if view.priced:
            self.priced.emit(view)

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in Column:
            if column is not Column.WHY:
                self.table.resizeColumnToContents(column)
        header.resizeSection(Column.NOTES, min(header.sectionSize(Column.NOTES), 160))

    def _update_title(self, view: DayView) -> None:
        self.submit_button.setText(
            {
                DAY_SPAN: self.tr("Submit day"),
                WEEK_SPAN: self.tr("Submit week"),
                MONTH_SPAN: self.tr("Submit month"),
            }[self._span]
        )
        if view.first_day == view.last_day:
            text = f"{view.first_day:%A %d %B %Y}"
        else:
            text = f"{view.first_day:%d %b} – {view.last_day:%d %b %Y}"
        self.title.setText(text)
        self.setWindowTitle(self.tr("Review — %1").replace("%1", text))

    def _update_banner(self, view: DayView) -> None:
        rows = [r for r in view.rows if not r.discarded]
        unattached = sum(1 for r in rows if r.unattached and not r.running)
        waiting = sum(1 for r in rows if r.status is RowStatus.NEEDS_REVIEW)
        overlaps = view.overlap_pairs
        open_rows = [r for r in rows if not r.submitted and not r.running]
        parts = []
        if unattached:
            parts.append(
                f"<span style='color:{ALERT}'><b>"
                + self.tr("%n session(s) without a customer", "", unattached)
                + "</b></span>"
            )
        if waiting:
            parts.append(
                f"<span style='color:{REVIEW}'><b>"
                + self.tr("%n long session(s) to approve", "", waiting)
                + "</b></span>"
            )
        overlap_note = (
            f" · <span style='color:{ALERT}'>" + self.tr("%n overlap(s)", "", overlaps) + "</span>"
            if overlaps
            else ""
        )
        if not rows:
            text = (
                self.tr("No entries on this day.")
                if view.first_day == view.last_day
                else self.tr("No entries in this range.")
            )
        elif parts:
            text = "⚠ " + " · ".join(parts) + overlap_note
        elif open_rows:
            text = (
                "<span style='color:#2e7d32'><b>✓ "
                + self.tr("Everything attached and approved: ready to submit.")
                + "</b></span>"
                + overlap_note
            )
        else:
            text = (
                "<span style='color:#2e7d32'><b>✓ "
                + self.tr("Submitted: every entry is reviewed and queued for sync.")
                + "</b></span>"
                + overlap_note
            )
        self.banner.setText(text)
        self.submit_button.setEnabled(bool(open_rows))

    def _show_problem(self, message: str) -> None:
        self.banner.setText(f"<span style='color:{ALERT}'><b>{html.escape(message)}</b></span>")
        self.problem.emit(message)

    # ---- selection ---------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        return list(self._selected)

    def selected_rows(self) -> list[ReviewRow]:
        if self._view is None:
            return []
        return [r for r in (self._view.row(i) for i in self._selected) if r is not None]

    def select(self, ids: Sequence[str]) -> None:
        """Select entries in both the table and the timeline."""
        self._selected = [i for i in ids if self._view is not None and self._view.row(i)]
        self._restore_selection()
        self._update_panel()

    def on_table_selection_changed(self, *_args: object) -> None:
        if self._syncing_selection:
            return
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        self._selected = [self.model.entry_at(r).id for r in rows]
        self.timeline.set_selected_ids(self._selected)
        if self._selected:  # in a week or month, scroll the timeline to the bar
            bar = self.timeline.bar_rect(self._selected[0])
            if bar is not None:
                centre = bar.center().toPoint()
                self.timeline_area.ensureVisible(centre.x(), centre.y(), 20, int(bar.height()))
        self._update_panel()

    def on_timeline_selection_changed(self, ids: list[str]) -> None:
        self._selected = list(ids)
        self._restore_selection()
        self._update_panel()

    def _restore_selection(self) -> None:
        if self._view is None:
            return
        self._selected = [i for i in self._selected if self._view.row(i) is not None]
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        for entry_id in self._selected:
            row = self.model.row_of(entry_id)
            if row is not None:
                selection.select(self.model.index(row, 0), self.model.index(row, last_column))
        self._syncing_selection = True
        try:
            self.table.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            if self._selected:
                first = self.model.row_of(self._selected[0])
                if first is not None:
                    self.table.scrollTo(self.model.index(first, 0))
        finally:
            self._syncing_selection = False
        self.timeline.set_selected_ids(self._selected)

    def _update_panel(self) -> None:
        rows = self.selected_rows()
        single = rows[0] if len(rows) == 1 else None
        zone = self._view.zone if self._view is not None else None
        if not rows:
            self.selection_title.setText(self.tr("Nothing selected: click a bar or a row."))
            self.why_label.setText("")
        elif single is not None:
            who = single.customer or self.tr("no customer")
            when = f"{single.start.astimezone(zone):%H:%M}–{single.end.astimezone(zone):%H:%M}"
            self.selection_title.setText(f"{who} · {when} ({minutes_text(single.minutes)})")
            labels = self.model.start_labels(single)
            self.why_label.setText(self.tr("Why this amount: ") + explain_row(single, labels))
        else:
            total = sum(r.minutes for r in rows)
            self.selection_title.setText(
                self.tr("%n entries selected", "", len(rows)) + f" ({minutes_text(total)})"
            )
            self.why_label.setText("")
        editable_single = single is not None and not single.discarded and not single.running
        for widget in (self.start_edit, self.end_edit, self.set_times_button, self.split_edit):
            widget.setEnabled(editable_single)
        self.split_button.setEnabled(editable_single)
        self.ticket_edit.setEnabled(single is not None)
        self.notes_edit.setEnabled(single is not None)
        self.save_details_button.setEnabled(single is not None)
        if single is not None:
            start = single.start.astimezone(zone)
            end = single.end.astimezone(zone)
            self.start_edit.setTime(QTime(start.hour, start.minute))
            self.end_edit.setTime(QTime(end.hour, end.minute))
            middle = start + (end - start) / 2
            self.split_edit.setTime(QTime(middle.hour, middle.minute))
            self.ticket_edit.setText(single.ticket)
            self.notes_edit.setPlainText(single.notes)
        live = [r for r in rows if not r.discarded]
        self.attach_button.setEnabled(bool(live))
        self.approve_button.setEnabled(any(r.status is RowStatus.NEEDS_REVIEW for r in live))
        self.billable_button.setEnabled(bool(live))
        all_billable = bool(live) and all(r.billable for r in live)
        self.billable_button.setText(
            self.tr("Non-billable") if all_billable or not live else self.tr("Billable")
        )
        self.merge_button.setEnabled(len(live) >= 2)
        self.discard_button.setEnabled(bool(live))
        self.restore_button.setEnabled(any(r.discarded for r in rows))

    # ---- edits -------------------------------------------------------------------------------

    def _change(self, action: Callable[[], Sequence[str] | None]) -> bool:
        """Run one store change, then re-price at once; a refused change is shown, not raised."""
        try:
            select = action()
        except (StoreError, ValueError) as error:
            log.warning("review edit refused: %s", error)
            self._show_problem(str(error))
            return False
        self.reload(select)
        return True

    def _change_entries(
        self, ids: Sequence[str], do: Callable[[], object], select: Sequence[str] | None = None
    ) -> None:
        """One change to these entries, then the re-priced day with `select` (default: them)."""
        if not ids:
            return

        def action() -> list[str]:
            do()
            return list(ids if select is None else select)

        self._change(action)

    def _live_ids(self) -> list[str]:
        return [r.id for r in self.selected_rows() if not r.discarded]

    def _single(self) -> ReviewRow | None:
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def attach_selected(self) -> None:
        name = self.customer_combo.currentText().strip()
        ids = self._live_ids()
        if name:
            self._change_entries(
                ids,
                lambda: self.source.edit(
                    ids, {"customer_id": self.source.customer_id_for(name)}, "review: customer"
                ),
            )

    def on_edit_requested(self, entry_id: str, field: str, value: object) -> None:
        """An in-place edit in the table."""

        def do() -> None:
            if field == "customer":
                customer_id = None if value is None else self.source.customer_id_for(str(value))
                self.source.edit([entry_id], {"customer_id": customer_id}, "review: customer")
            elif field == "ticket":
                self.source.edit([entry_id], {"ticket": str(value) or None}, "review: ticket")
            elif field == "notes":
                self.source.edit([entry_id], {"notes": str(value)}, "review: notes")
            elif field == "billable":
                self.source.edit([entry_id], {"billable": bool(value)}, "review: billable")

        self._change_entries([entry_id], do, select=self._selected or [entry_id])

    def _local_moment(self, row: ReviewRow, value: QTime) -> datetime:
        assert self._view is not None
        day = row.start.astimezone(self._view.zone).date()
        return datetime(
            day.year, day.month, day.day, value.hour(), value.minute(), tzinfo=self._view.zone
        )

    def set_times_of_selected(self) -> None:
        row = self._single()
        if row is None:
            return
        start = self._local_moment(row, self.start_edit.time())
        end = self._local_moment(row, self.end_edit.time())
        if end <= start:
            end += timedelta(days=1)  # 23:30–00:15 runs past midnight
        changes = {"start": start, "end": end}
        self._change_entries([row.id], lambda: self.source.edit([row.id], changes, "review: times"))

    def split_selected(self) -> None:
        row = self._single()
        if row is not None:
            at = self._local_moment(row, self.split_edit.time())
            self._change(lambda: list(self.source.split(row.id, at)))

    def merge_selected(self) -> None:
        ids = self._live_ids()
        if len(ids) >= 2:
            self._change(lambda: [self.source.merge(ids)])

    def toggle_billable_of_selected(self) -> None:
        rows = [r for r in self.selected_rows() if not r.discarded]
        billable = not all(r.billable for r in rows)
        ids = [r.id for r in rows]
        self._change_entries(
            ids, lambda: self.source.edit(ids, {"billable": billable}, "review: billable")
        )

    def discard_selected(self) -> None:
        ids = self._live_ids()
        shown_after = ids if self.discarded_check.isChecked() else []
        self._change_entries(ids, lambda: self.source.discard(ids), select=shown_after)

    def restore_selected(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.discarded]
        self._change_entries(ids, lambda: self.source.restore(ids))

    def approve_selected(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.status is RowStatus.NEEDS_REVIEW]
        self._change_entries(ids, lambda: self.source.approve(ids))

    def save_details_of_selected(self) -> None:
        row = self._single()
        if row is None:
            return
        changes = {
            "ticket": self.ticket_edit.text().strip() or None,
            "notes": self.notes_edit.toPlainText().strip(),
        }
        self._change_entries([row.id], lambda: self.source.edit([row.id], changes, "review: notes"))

    # ---- submitting --------------------------------------------------------------------------

    def confirm(self, question: str) -> bool:
        """Ask the tech; a seam for tests (monkeypatch QMessageBox.question or this method)."""
        answer = QMessageBox.question(
            self,
            self.tr("Submit the day"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def submit_day(self) -> None:
        """Mark the shown entries reviewed and queue them; open questions need a conscious yes.

        Entries without a customer or awaiting approval are left open (unreviewed, not
        queued) when the tech chooses to submit anyway: they come back tomorrow.
        """
        if self._view is None:
            return
        rows = [r for r in self._view.rows if not r.discarded and not r.running and not r.submitted]
        waiting = [r for r in rows if r.awaiting]
        ready = [r.id for r in rows if not r.awaiting]
        if waiting:
            question = self.tr(
                "%n entries still need a customer or an approval. Submit the others and leave "
                "these open?",
                "",
                len(waiting),
            )
            if not self.confirm(question):
                return
        count = 0

        def action() -> list[str]:
            nonlocal count
            count = self.source.submit(ready)
            return self._selected

        if self._change(action):
            self.submitted.emit(count)

    def showEvent(self, event: QShowEvent) -> None:
        # Opened again from the tray after a while: the store has moved on since.
        if self._hidden_since_load:
            self._hidden_since_load = False
            self.source.forget()
            self.reload()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._hidden_since_load = True
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Whatever is still pending (a deferred history read, a pricing job) is for nobody now.
        self._generation += 1
        self.runner.supersede(self._generation)
        super().closeEvent(event)


def _button(
    text: str, name: str, slot: Callable[[], object], parent: QWidget, tip: str | None = None
) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


@dataclass(frozen=True, slots=True)
class _Priced:
    """What a pricing job hands back: the view, and the balances it worked out (if any)."""

    view: DayView
    snapshot: Snapshot
    balances: dict[str, Fraction] | None


def _priced(
    snapshot: Snapshot, generation: int, carry: bool, balances: dict[str, Fraction] | None
) -> _Priced:
    """The worker's job: pure data in, pure data out."""
    if carry and balances is None:
        balances = contract_balances(snapshot)
    result = price_snapshot(snapshot, balances if carry else None)
    return _Priced(build_view(snapshot, result, generation), snapshot, balances if carry else None)


class ReviewOpener:
    """What the tray calls to open the review window: one window, raised when already open."""

    def __init__(self, source: Callable[[], ReviewSource]) -> None:
        self._source = source
        self.window: ReviewWindow | None = None

    def __call__(self, day: date | None = None) -> ReviewWindow:
        if self.window is None:
            self.window = ReviewWindow(self._source(), day)
        elif day is not None:
            self.window.show_day(day)
        self.window.show()  # a window shown again re-reads the store (showEvent)
        self.window.raise_()
        self.window.activateWindow()
        return self.window
