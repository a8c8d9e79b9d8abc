"""The review window's table: priced rows as a Qt model; edits leave as requests, not writes."""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from trayclock.services.review.rows import DayView, ReviewRow, RowStatus
from trayclock.services.sync import EntrySync
from trayclock.ui.formats import money_text, weekday_day_text
from trayclock.ui.review.colours import ALERT
from trayclock.ui.review.explain import explain_row, status_label
from trayclock.ui.review.palette import CustomerColours
from trayclock.ui.review.pause_texts import duration_with_pauses
from trayclock.ui.sync_words import SYNC_ALERTS, state_label, state_sentence
from trayclock.ui.texts import app_label, duration_text, group_id

log = logging.getLogger(__name__)

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """Money at first sight: who, what status, how much; the details to the right."""

    START = 0
    END = 1
    DURATION = 2
    CUSTOMER = 3
    STATUS = 4
    SYNC = 5  # where it stands with the billing backend (ui/sync_words.py)
    BILLED = 6
    AMOUNT = 7
    APP = 8
    PARTNER = 9
    TICKET = 10
    NOTES = 11
    BILLABLE = 12
    WHY = 13


_COLUMNS = tuple(Column)
MAX_LISTED = 5  # overlapping sessions named in a tooltip
EDITABLE_TEXT = {Column.CUSTOMER: "customer", Column.TICKET: "ticket", Column.NOTES: "notes"}


class ReviewTableModel(QAbstractTableModel):
    """One row per entry of the view. `edit_requested(entry_id, field, value)` asks for a change."""

    edit_requested = Signal(str, str, object)

    def __init__(self, colours: CustomerColours | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.colours = colours or CustomerColours()
        self._view: DayView | None = None
        self._rows: tuple[ReviewRow, ...] = ()
        self._texts: dict[int, list[Any]] = {}
        self._sync: dict[str, EntrySync] = {}  # the entries' lines with the backend
        self._sync_kind = ""

    def set_sync(self, lines: dict[str, EntrySync], kind: str) -> None:
        """What the backend said of each entry (its refusal, the conflict), for tooltips."""
        self._sync, self._sync_kind = lines, kind

    def sync_line(self, entry_id: str) -> EntrySync | None:
        return self._sync.get(entry_id)

    def headers(self) -> dict[Column, str]:
        return {
            Column.START: self.tr("Start"),
            Column.END: self.tr("End"),
            Column.DURATION: self.tr("Duration"),
            Column.APP: self.tr("App"),
            Column.PARTNER: self.tr("Partner"),
            Column.CUSTOMER: self.tr("Customer"),
            Column.TICKET: self.tr("Ticket"),
            Column.NOTES: self.tr("Notes"),
            Column.BILLABLE: self.tr("Billable"),
            Column.STATUS: self.tr("Status"),
            Column.SYNC: self.tr("Sync"),
            Column.BILLED: self.tr("Billed"),
            Column.AMOUNT: self.tr("Amount"),
            Column.WHY: self.tr("Why this amount"),
        }

    # ---- data in -----------------------------------------------------------------------------

    def set_view(self, view: DayView) -> bool:
        """Show a new view; True when the rows were replaced (False: same entries, re-priced)."""
        same = self._view is not None and [r.id for r in self._rows] == [r.id for r in view.rows]
        self._view = view
        self._texts = {}
        if same:
            self._rows = view.rows
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
                )
            return False
        self.beginResetModel()
        self._rows = view.rows
        self.endResetModel()
        return True

    def start_label(self, entry_id: str) -> str:
        """An entry named as the tech knows it: by when it started."""
        view = self._view
        row = view.row(entry_id) if view is not None else None
        if view is None or row is None:
            return entry_id
        return f"{row.start.astimezone(view.zone):%H:%M}"

    def start_labels(self, row: ReviewRow) -> dict[str, str]:
        """Labels for the entries a row's explanation names (merged_into)."""
        named = [
            str(code[1]) for code in row.explanation if len(code) > 1 and code[0] == "merged_into"
        ]
        return {entry_id: self.start_label(entry_id) for entry_id in named}

    def row_of(self, entry_id: str) -> int | None:
        if self._view is None:
            return None
        return self._view.index.get(entry_id)

    def entry_at(self, row: int) -> ReviewRow:
        return self._rows[row]

    # ---- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[Column(section)]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        column = Column(index.column())
        if column in EDITABLE_TEXT:
            return base | Qt.ItemFlag.ItemIsEditable
        if column is Column.BILLABLE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), row, column)
        if role == ENTRY_ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.EditRole:
            return self._display(row, column, edit=True)
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.BILLABLE:
            return Qt.CheckState.Checked if row.billable else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.unattached:
                return QBrush(QColor("#fde4e4"))
            if row.status is RowStatus.NEEDS_REVIEW:
                return QBrush(QColor("#fff0d4"))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is Column.STATUS and row.unattached:
                return QBrush(QColor(ALERT))
            if column is Column.STATUS and row.status is RowStatus.NEEDS_REVIEW:
                return QBrush(QColor("#a35f00"))
            if column is Column.STATUS and row.status is RowStatus.FREE:
                return QBrush(QColor("#2e7d32"))
            if column is Column.START and row.overlaps_with:
                return QBrush(QColor(ALERT))
            if column is Column.SYNC and row.sync_state in SYNC_ALERTS:
                return QBrush(QColor(ALERT))
            if row.status in {RowStatus.NON_BILLABLE, RowStatus.MERGED}:
                return QBrush(QColor("#777777"))
            return None
        if role == Qt.ItemDataRole.FontRole and column is Column.STATUS and row.awaiting:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column is Column.CUSTOMER:
            return self.colours.colour(row.customer) if row.customer else QColor(ALERT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in {
            Column.DURATION,
            Column.BILLED,
            Column.AMOUNT,
        }:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.START and row.overlaps_with:
                others = ", ".join(self.start_label(o) for o in row.overlaps_with[:MAX_LISTED])
                count = len(row.overlaps_with)
                return self.tr("Overlaps the session(s) starting %1", "", count).replace(
                    "%1", others
                )
            if column is Column.SYNC:
                line = self._sync.get(row.id)
                return state_sentence(row.sync_state, line, self._sync_kind)
            return explain_row(row, self.start_labels(row))
        return None

    def _text(self, position: int, row: ReviewRow, column: Column) -> Any:
        """Display texts, made once per row and view: views ask for them again and again."""
        texts = self._texts.get(position)
        if texts is None:
            texts = self._texts[position] = [self._display(row, c, edit=False) for c in Column]
        return texts[column]

    def _display(self, row: ReviewRow, column: Column, edit: bool) -> Any:
        zone = self._view.zone if self._view is not None else None
        if column is Column.START:
            text = f"{row.start.astimezone(zone):%H:%M}"
            if self._view is not None and self._view.first_day != self._view.last_day:
                text = f"{weekday_day_text(row.start.astimezone(zone).date())} {text}"
            return ("⚠ " + text) if row.overlaps_with and not edit else text
        if column is Column.END:
            return f"{row.end.astimezone(zone):%H:%M}"
        if column is Column.DURATION:
            return duration_with_pauses(row)  # worked time: "55 min, 30 min paused"
        if column is Column.APP:
            return app_label(row.app)
        if column is Column.PARTNER:
            return group_id(row.partner)
        if column is Column.CUSTOMER:
            if row.customer is None:
                return "" if edit else self.tr("— attach —")
            return row.customer
        if column is Column.TICKET:
            return row.ticket
        if column is Column.NOTES:
            return row.notes
        if column is Column.BILLABLE:
            return None
        if column is Column.STATUS:
            # ✓: reviewed and handed to sync (submitted)
            return status_label(row.status) + (" ✓" if row.submitted else "")
        if column is Column.SYNC:
            return state_label(row.sync_state)
        if column is Column.BILLED:
            return duration_text(row.billed_minutes) if row.billed_minutes else ""
        if column is Column.AMOUNT:
            return money_text(row.amount) if row.status is RowStatus.BILLED else ""
        if column is Column.WHY:
            return explain_row(row, self.start_labels(row))
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.BILLABLE:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if checked != row.billable:
                self.edit_requested.emit(row.id, "billable", checked)
            return True
        if role == Qt.ItemDataRole.EditRole and column in EDITABLE_TEXT:
            text = str(value or "").strip()
            field = EDITABLE_TEXT[column]
            current = self._display(row, column, edit=True) or ""
            if text != current:
                new: Any = text if (text or field != "customer") else None
                self.edit_requested.emit(row.id, field, new)
            return True
        return False


class CustomerDelegate(QStyledItemDelegate):
    """Edits the customer cell with an editable combo of known customers."""

    def __init__(self, customers: list[str] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.customers = customers or []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("customerEditor")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(self.customers)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
