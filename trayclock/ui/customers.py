"""The customers window: add, rename and archive customers, and forget remembered partners."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trayclock.services.customers import CustomerBook
from trayclock.ui.texts import app_label, group_id

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CustomersWindow(QWidget):
    changed = Signal()  # a customer or a remembered partner changed

    def __init__(self, book: CustomerBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customersWindow")
        self.setWindowTitle(self.tr("Customers"))  # Qt adds " — trayclock"
        self.book = book
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter…"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("customerList")
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("newCustomer")
        self.new_name.setPlaceholderText(self.tr("New customer's name"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.rename_button = QPushButton(self.tr("Rename to this"), self)
        self.archive_button = QPushButton(self.tr("Archive"), self)
        self.partners = QTableWidget(0, 3, self)
        self.partners.setObjectName("partners")
        self.partners.setHorizontalHeaderLabels(
            [self.tr("App"), self.tr("Partner ID"), self.tr("Last name seen")]
        )
        self.partners.horizontalHeader().setStretchLastSection(True)
        self.partners.verticalHeader().hide()
        self.partners.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.partners.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.forget_button = QPushButton(self.tr("Forget this partner"), self)

        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.list)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name)
        add_row.addWidget(self.add_button)
        left.addLayout(add_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.archive_button)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(
            QLabel(self.tr("Remembered partners: their sessions attach by themselves"), self)
        )
        right.addWidget(self.partners)
        right.addWidget(self.forget_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)

        self.filter.textChanged.connect(lambda _text: self.reload())
        self.list.currentItemChanged.connect(lambda *_: self.show_partners())
        self.add_button.clicked.connect(self.on_add)
        self.new_name.returnPressed.connect(self.on_add)
        self.rename_button.clicked.connect(self.on_rename)
        self.archive_button.clicked.connect(self.on_archive)
        self.forget_button.clicked.connect(self.on_forget)
        self.resize(760, 420)
        self.reload()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(_ID_ROLE))

    def reload(self, select: int | None = None) -> None:
        select = select if select is not None else self.selected_id()
        text = self.filter.text().strip().casefold()
        self.list.clear()
        for customer in self.book.customers():
            if text and text not in customer.name.casefold():
                continue
            item = QListWidgetItem(customer.name, self.list)
            item.setData(_ID_ROLE, customer.id)
            if customer.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.show_partners()

    def show_partners(self) -> None:
        customer_id = self.selected_id()
        found = self.book.partners(customer_id) if customer_id is not None else []
        self.partners.setRowCount(len(found))
        for row, mapping in enumerate(found):
            cells = (
                app_label(mapping.app),
                group_id(mapping.partner_id),
                mapping.partner_name or "",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, (mapping.app, mapping.partner_id))
                self.partners.setItem(row, col, item)
        for button in (self.rename_button, self.archive_button):
            button.setEnabled(customer_id is not None)
        self.forget_button.setEnabled(bool(found))

    def _try(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except ValueError as error:
            QMessageBox.warning(self, self.tr("trayclock"), str(error))
            return False
        self.changed.emit()
        return True

    def on_add(self) -> None:
        created = []
        if self._try(lambda: created.append(self.book.add(self.new_name.text()))):
            self.new_name.clear()
            self.filter.clear()
            self.reload(select=created[0].id)

    def on_rename(self) -> None:
        customer_id = self.selected_id()
        if customer_id is not None and self._try(
            lambda: self.book.rename(customer_id, self.new_name.text())
        ):
            self.new_name.clear()
            self.reload(select=customer_id)

    def on_archive(self) -> None:
        customer_id = self.selected_id()
        if customer_id is not None and self._try(lambda: self.book.archive(customer_id)):
            self.reload()

    def on_forget(self) -> None:
        row = self.partners.currentRow()
        item = self.partners.item(max(row, 0), 0)
        if item is None:
            return
        app, partner_id = item.data(_ID_ROLE)
        if self._try(lambda: self.book.forget(app, partner_id)):
            self.show_partners()
