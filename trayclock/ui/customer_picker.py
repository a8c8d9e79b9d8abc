"""Type-ahead customer picker: a text field over a short list, recent and likely customers first.

The list is part of the widget, not a completer popup: a popup is a window of its own that
grabs the keyboard, and the prompt must never take the keyboard from the remote session.
The last row offers to create a new customer named as typed. Nothing is chosen until the
tech types or clicks: the first suggestion is a guess, and Enter must not attach a guess.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.entry import Customer
from trayclock.services.tray_types import CustomerChoice

SUGGESTION_LIMIT = 8
VISIBLE_ROWS = 6  # the list's height in rows; more scroll
_CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1

# (typed text, limit) -> customers, best first
Suggest = Callable[[str, int], list[Customer]]


class CustomerPicker(QWidget):
    """Shows suggestions for the typed text; `choice()` is the highlighted row."""

    choice_changed = Signal(object)  # CustomerChoice | None
    activated = Signal(object)  # CustomerChoice: Enter or double click on a row

    def __init__(self, suggest: Suggest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggest = suggest
        self.search = QLineEdit(self)
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(self.tr("Type a customer's name…"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("customerList")
        self.list.setUniformItemSizes(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows in the text field move it
        row_px = self.list.fontMetrics().height() + 4
        self.list.setFixedHeight(row_px * VISIBLE_ROWS + 2 * self.list.frameWidth())
        # In place of the empty list on a new store: what typing does there.
        self.hint = QLabel(
            self.tr("No customers yet. Type a name: the customer is created when you attach."),
            self,
        )
        self.hint.setObjectName("customerHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hint.setFixedHeight(self.list.height())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        self.search.textChanged.connect(self.on_text_changed)
        self.search.installEventFilter(self)
        self.list.currentItemChanged.connect(lambda *_: self.choice_changed.emit(self.choice()))
        self.list.itemDoubleClicked.connect(self._on_item_activated)
        self.refresh()

    def refresh(self) -> None:
        self.on_text_changed(self.search.text())

    def on_text_changed(self, text: str) -> None:
        typed = text.strip()
        customers = self._suggest(typed, SUGGESTION_LIMIT)
        self.list.clear()
        for customer in customers:
            item = QListWidgetItem(customer.name, self.list)
            item.setData(_CHOICE_ROLE, CustomerChoice(customer.id, customer.name))
        exact = any(c.name.casefold() == typed.casefold() for c in customers)
        if typed and not exact:
            item = QListWidgetItem(self.tr("+ New customer “{name}”").format(name=typed), self.list)
            item.setData(_CHOICE_ROLE, CustomerChoice(None, typed))
        # What was typed picks its best match; with nothing typed, nothing is chosen.
        self.list.setCurrentRow(0 if typed and self.list.count() else -1)
        empty_store = not typed and not customers
        self.list.setVisible(not empty_store)
        self.hint.setVisible(empty_store)
        self.choice_changed.emit(self.choice())

    def choice(self) -> CustomerChoice | None:
        item = self.list.currentItem()
        if item is None:
            return None
        choice = item.data(_CHOICE_ROLE)
        assert isinstance(choice, CustomerChoice)  # every item carries one (see refill)
        return choice

    def choose(self, customer_id: int) -> bool:
        """Highlight an existing customer (e.g. the one a session is attached to now)."""
        for row in range(self.list.count()):
            choice = self.list.item(row).data(_CHOICE_ROLE)
            if choice.customer_id == customer_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.activated.emit(item.data(_CHOICE_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.list.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                choice = self.choice()
                if choice is not None:
                    self.activated.emit(choice)
                return True
        return super().eventFilter(watched, event)
