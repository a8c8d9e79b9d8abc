"""The partner IDs mapped to a customer: listed, added, forgotten and moved to another customer
(a partner that belongs to someone else moves only after a confirmation)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.session import APPS
from trayclock.services.customers import CustomerBook
from trayclock.services.settings_check import partner_id
from trayclock.ui.settings.fields import CheckedLine
from trayclock.ui.texts import app_label, group_id

_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class PartnersBox(QGroupBox):
    changed = Signal()

    def __init__(
        self,
        book: CustomerBook,
        parent: QWidget | None = None,
        confirm: Callable[[QWidget, str, str], bool] = _confirm,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Partner IDs: their sessions attach to this customer by themselves"))
        self.book = book
        self.confirm = confirm
        self.customer_id: int | None = None
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("partners")
        self.table.setHorizontalHeaderLabels(
            [self.tr("App"), self.tr("Partner ID"), self.tr("Last name seen")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.app = QComboBox(self)
        self.app.setObjectName("partnerApp")
        for app in APPS:
            self.app.addItem(app_label(app), app)
        self.new_id: CheckedLine[str] = CheckedLine(
            partner_id, self, optional=True, name="partnerId"
        )
        self.new_id.set_placeholder("123 456 789")
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("partnerName")
        self.new_name.setPlaceholderText(self.tr("name (optional)"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName("addPartner")
        self.forget_button = QPushButton(self.tr("Forget this partner"), self)
        self.forget_button.setObjectName("forgetPartner")
        self.move_to = QComboBox(self)
        self.move_to.setObjectName("moveTo")
        self.move_button = QPushButton(self.tr("Move to"), self)
        self.move_button.setObjectName("movePartner")
        add_row = QHBoxLayout()
        add_row.addWidget(self.app)
        add_row.addWidget(self.new_id, 1)
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        actions = QHBoxLayout()
        actions.addWidget(self.forget_button)
        actions.addStretch(1)
        actions.addWidget(self.move_button)
        actions.addWidget(self.move_to, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addLayout(actions)
        self.add_button.clicked.connect(self.on_add)
        self.new_id.edit.returnPressed.connect(self.on_add)
        self.forget_button.clicked.connect(self.on_forget)
        self.move_button.clicked.connect(self.on_move)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def show_customer(self, customer_id: int | None) -> None:
        self.customer_id = customer_id
        found = self.book.partners(customer_id) if customer_id is not None else []
        self.table.setRowCount(len(found))
        for row, mapping in enumerate(found):
            cells = (app_label(mapping.app), group_id(mapping.partner_id), mapping.partner_name)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text or "")
                item.setData(_KEY_ROLE, (mapping.app, mapping.partner_id))
                self.table.setItem(row, col, item)
        self.move_to.clear()
        for customer in self.book.customers():
            if customer.id != customer_id:
                self.move_to.addItem(customer.name, customer.id)
        self.setEnabled(customer_id is not None)
        self._update_buttons()

    def _selected(self) -> tuple[str, str] | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        item = self.table.item(rows.pop(), 0)
        if item is None:
            return None
        app, pid = item.data(_KEY_ROLE)
        return str(app), str(pid)

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.forget_button.setEnabled(chosen)
        self.move_button.setEnabled(chosen and self.move_to.count() > 0)

    def on_add(self) -> None:
        customer_id, value = self.customer_id, self.new_id.value
        if customer_id is None or value is None:
            return
        app = str(self.app.currentData())
        owner = self.book.partner_owner(app, value)
        if owner is not None and owner.id == customer_id:
            self.new_id.set_text("")
            return
        if owner is not None and not self.confirm(
            self,
            self.tr("Move a partner"),
            self.tr("%1 %2 belongs to %3. Move it to this customer?")
            .replace("%1", app_label(app))
            .replace("%2", group_id(value))
            .replace("%3", owner.name),
        ):
            return
        self.book.map_partner(app, value, customer_id, self.new_name.text().strip() or None)
        self.new_id.set_text("")
        self.new_name.clear()
        self.show_customer(customer_id)
        self.changed.emit()

    def on_forget(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        self.book.forget(*chosen)
        self.show_customer(self.customer_id)
        self.changed.emit()

    def on_move(self) -> None:
        chosen, target = self._selected(), self.move_to.currentData()
        if chosen is None or target is None:
            return
        app, pid = chosen
        if not self.confirm(
            self,
            self.tr("Move a partner"),
            self.tr("Move %1 %2 to %3? Its next sessions attach to %3.")
            .replace("%1", app_label(app))
            .replace("%2", group_id(pid))
            .replace("%3", self.move_to.currentText()),
        ):
            return
        self.book.map_partner(app, pid, int(target))
        self.show_customer(self.customer_id)
        self.changed.emit()
