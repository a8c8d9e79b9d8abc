"""The review's selection panel: what is selected, why it costs what it costs, and the edits.

The panel only shows (`show_state`) and offers; the window connects its buttons to the
edits and feeds it a `panel_state.PanelState` for each selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trayclock.ui.review.explain import explain_row
from trayclock.ui.review.panel_state import PanelState
from trayclock.ui.review.pause_panel import PausePanel
from trayclock.ui.review.pause_texts import duration_with_pauses
from trayclock.ui.review.sync_box import SyncBox
from trayclock.ui.texts import duration_text

PANEL_MIN_WIDTH_PX = 320
NOTES_MAX_HEIGHT_PX = 60
# What is selected and why it costs what it costs take this many lines of room, whatever
# they say: the edits below never move (longer texts scroll in their box). Eight: a two-line
# title and an after-hours "why" with a pause or an idle suggestion, in German too.
SUMMARY_LINES = 8


def make_button(
    text: str,
    name: str,
    parent: QWidget,
    tip: str | None = None,
    slot: Callable[[], object] | None = None,
) -> QPushButton:
    """A push button with an object name (tests and style sheets find it by that)."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    if slot is not None:
        button.clicked.connect(slot)
    return button


def _qtime(value: time | None) -> QTime:
    return QTime(0, 0) if value is None else QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class SelectionPanel(QGroupBox):
    """The widgets for the selected entries; their buttons are the window's to connect."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Selected"), parent)
        self.setObjectName("selectionPanel")
        self.setMinimumWidth(PANEL_MIN_WIDTH_PX)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_summary())
        self.sync_box = SyncBox(self)  # where the entry stands with the backend
        layout.addWidget(self.sync_box)
        layout.addLayout(self._build_attach())
        layout.addLayout(self._build_form())
        self.save_details_button = make_button(
            self.tr("Save ticket and notes"), "saveDetailsButton", self
        )
        layout.addWidget(self.save_details_button)
        layout.addLayout(self._build_actions())
        layout.addLayout(self._build_keep())
        self.pauses = PausePanel(self)  # the window wires it (pause_actions.py)
        layout.addWidget(self.pauses)
        layout.addStretch(1)

    def _build_summary(self) -> QScrollArea:
        """The selection's title and its "why this amount", in a box of fixed height."""
        summary = QWidget(self)
        column = QVBoxLayout(summary)
        column.setContentsMargins(0, 0, 0, 0)
        self.selection_title = QLabel(self.tr("Nothing selected"), summary)
        self.selection_title.setObjectName("selectionTitle")
        self.selection_title.setWordWrap(True)
        font = self.selection_title.font()
        font.setBold(True)
        self.selection_title.setFont(font)
        column.addWidget(self.selection_title)
        self.why_label = QLabel(summary)
        self.why_label.setObjectName("whyLabel")
        self.why_label.setWordWrap(True)
        self.why_label.setTextFormat(Qt.TextFormat.PlainText)
        self.why_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.why_label)
        column.addStretch(1)
        area = QScrollArea(self)
        area.setObjectName("selectionSummary")
        area.setWidget(summary)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFixedHeight(self.fontMetrics().lineSpacing() * SUMMARY_LINES)
        return area

    def _build_attach(self) -> QHBoxLayout:
        attach = QHBoxLayout()
        self.customer_combo = QComboBox(self)
        self.customer_combo.setObjectName("attachCustomer")
        self.customer_combo.setEditable(True)
        self.customer_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.customer_combo.lineEdit()
        if line is not None:  # editable: it has one
            line.setPlaceholderText(self.tr("customer"))
        self.attach_button = make_button(
            self.tr("Attach"),
            "attachButton",
            self,
            tip=self.tr("Attach every selected entry to this customer"),
        )
        attach.addWidget(self.customer_combo, 1)
        attach.addWidget(self.attach_button)
        return attach

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        times = QHBoxLayout()
        self.start_edit = QTimeEdit(self)
        self.start_edit.setObjectName("startEdit")
        self.end_edit = QTimeEdit(self)
        self.end_edit.setObjectName("endEdit")
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        self.set_times_button = make_button(self.tr("Set"), "setTimesButton", self)
        times.addWidget(self.start_edit)
        times.addWidget(QLabel("–", self))
        times.addWidget(self.end_edit)
        times.addWidget(self.set_times_button)
        form.addRow(self.tr("Times"), times)
        split = QHBoxLayout()
        self.split_edit = QTimeEdit(self)
        self.split_edit.setObjectName("splitEdit")
        self.split_edit.setDisplayFormat("HH:mm")
        self.split_button = make_button(self.tr("Split here"), "splitButton", self)
        split.addWidget(self.split_edit)
        split.addWidget(self.split_button)
        form.addRow(self.tr("Split at"), split)
        self.ticket_edit = QLineEdit(self)
        self.ticket_edit.setObjectName("ticketEdit")
        form.addRow(self.tr("Ticket"), self.ticket_edit)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setMaximumHeight(NOTES_MAX_HEIGHT_PX)
        form.addRow(self.tr("Notes"), self.notes_edit)
        return form

    def _build_actions(self) -> QHBoxLayout:
        actions = QHBoxLayout()
        self.approve_button = make_button(
            self.tr("Approve"),
            "approveButton",
            self,
            tip=self.tr("Approve long sessions so they are billed"),
        )
        self.billable_button = make_button(self.tr("Non-billable"), "billableButton", self)
        self.merge_button = make_button(
            self.tr("Merge"),
            "mergeButton",
            self,
            tip=self.tr("Fold the selected entries into the earliest one"),
        )
        for button in (self.approve_button, self.billable_button, self.merge_button):
            actions.addWidget(button)
        return actions

    def _build_keep(self) -> QHBoxLayout:
        keep = QHBoxLayout()
        self.discard_button = make_button(
            self.tr("Discard"),
            "discardButton",
            self,
            tip=self.tr("Hide from billing; kept in the audit trail"),
        )
        self.restore_button = make_button(self.tr("Restore"), "restoreButton", self)
        keep.addWidget(self.discard_button)
        keep.addWidget(self.restore_button)
        return keep

    # ---- what the tech typed -----------------------------------------------------------------

    def customer_name(self) -> str:
        return self.customer_combo.currentText()

    def start_time(self) -> time:
        return _time(self.start_edit.time())

    def end_time(self) -> time:
        return _time(self.end_edit.time())

    def split_time(self) -> time:
        return _time(self.split_edit.time())

    def ticket(self) -> str:
        return self.ticket_edit.text()

    def notes(self) -> str:
        return self.notes_edit.toPlainText()

    # ---- showing -----------------------------------------------------------------------------

    def set_customers(self, names: Sequence[str]) -> None:
        """The names the attach box offers; what the tech has typed stays."""
        current = self.customer_combo.currentText()
        self.customer_combo.blockSignals(True)
        self.customer_combo.clear()
        self.customer_combo.addItems(list(names))
        self.customer_combo.setCurrentText(current)
        self.customer_combo.blockSignals(False)

    def show_state(self, state: PanelState, start_labels: dict[str, str]) -> None:
        """Show this selection; `start_labels` name the entries its explanation refers to."""
        single = state.single
        if state.count == 0:
            self.selection_title.setText(self.tr("Nothing selected: click a bar or a row."))
            self.why_label.setText("")
        elif single is not None:
            who = single.customer or self.tr("no customer")
            self.selection_title.setText(f"{who} · {state.when} ({duration_with_pauses(single)})")
            self.why_label.setText(self.tr("Why this amount: ") + explain_row(single, start_labels))
        else:
            self.selection_title.setText(
                self.tr("%n entries selected", "", state.count)
                + f" ({duration_text(state.total_minutes)})"
            )
            self.why_label.setText("")
        times: tuple[QWidget, ...] = (
            self.start_edit,
            self.end_edit,
            self.set_times_button,
            self.split_edit,
            self.split_button,
        )
        for widget in times:
            widget.setEnabled(state.times_editable)
        details: tuple[QWidget, ...] = (self.ticket_edit, self.notes_edit, self.save_details_button)
        for widget in details:
            widget.setEnabled(state.details_editable)
        if single is not None:
            self.start_edit.setTime(_qtime(state.start))
            self.end_edit.setTime(_qtime(state.end))
            self.split_edit.setTime(_qtime(state.middle))
            self.ticket_edit.setText(single.ticket)
            self.notes_edit.setPlainText(single.notes)
        self.customer_combo.setCurrentText(state.customer)
        self.attach_button.setEnabled(state.can_attach)
        self.approve_button.setEnabled(state.can_approve)
        self.billable_button.setEnabled(state.can_toggle_billable)
        self.billable_button.setText(
            self.tr("Non-billable") if state.offers_non_billable else self.tr("Billable")
        )
        self.merge_button.setEnabled(state.can_merge)
        self.discard_button.setEnabled(state.can_discard)
        self.restore_button.setEnabled(state.can_restore)
