"""The customers window: a searchable list (add, archive, import a CSV) and the chosen
customer's terms (name, own rules, contract and its balance) and partner IDs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyleOptionFrame,
    QVBoxLayout,
    QWidget,
)

from trayclock.domain.billing_input import BillingInputError
from trayclock.services.customers import CustomerBook, CustomerRow, ImportProblems
from trayclock.services.settings_book import SettingsRefused
from trayclock.ui.customers.partners import PartnersBox
from trayclock.ui.customers.terms import TermsForm
from trayclock.ui.styles import PROBLEM_STYLE

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_EDIT_MARGIN_PX = 2  # QLineEdit's own margin on each side of its text
CLEAR_BUTTON_EXTRA_PX = 10  # the clear button's room beyond its icon (qlineedit_p.cpp)
ELIDE_SLACK_PX = 2  # Qt elides a text exactly as wide as its room (fractions of a pixel)
WINDOW_SIZE = (1260, 740)  # fits a 1280×800 screen with its panels (German needs the width)
SPLIT_SIZES = (260, 1000)  # px: the list, the chosen customer


def show_placeholder_whole(line: QLineEdit) -> None:
    """At least as wide as its placeholder needs, in the language it is in (and the room the
    clear button keeps, shown or not)."""
    option = QStyleOptionFrame()
    line.initStyleOption(option)
    text = line.fontMetrics().horizontalAdvance(line.placeholderText()) + ELIDE_SLACK_PX
    margins = line.textMargins()
    if line.isClearButtonEnabled():
        icon = line.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, line)
        text += icon + CLEAR_BUTTON_EXTRA_PX
    inner = QSize(text + LINE_EDIT_MARGIN_PX * 2 + margins.left() + margins.right(), 0)
    wanted = line.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, inner, line)
    line.setMinimumWidth(wanted.width())


def _ask_csv(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("CustomersImport", "Import customers"),
        "",
        "CSV (*.csv *.txt)",
    )
    return Path(name) if name else None


def _confirm_import(parent: QWidget, rows: list[CustomerRow]) -> bool:
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("CustomersImport", "Import customers"),
        QCoreApplication.translate(
            "CustomersImport",
            "Customers in this file: %1. Import them? New ones are created, known ones updated.",
        ).replace("%1", str(len(rows))),
    )
    return answer == QMessageBox.StandardButton.Yes


class CustomersWindow(QWidget):
    changed = Signal()  # a customer or a remembered partner changed

    def __init__(
        self,
        book: CustomerBook,
        parent: QWidget | None = None,
        *,
        ask_csv: Callable[[QWidget], Path | None] = _ask_csv,
        confirm_import: Callable[[QWidget, list[CustomerRow]], bool] = _confirm_import,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customersWindow")
        self.setWindowTitle(self.tr("Customers"))
        self.book = book
        self.ask_csv = ask_csv
        self.confirm_import = confirm_import
        self.filter = QLineEdit(self)
        self.filter.setObjectName("customerSearch")
        self.filter.setPlaceholderText(self.tr("Search name, key or partner ID…"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("customerList")
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("newCustomer")
        self.new_name.setPlaceholderText(self.tr("New customer's name"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.archive_button = QPushButton(self.tr("Archive"), self)
        self.archive_button.setObjectName("archiveCustomer")
        self.import_button = QPushButton(self.tr("Import CSV…"), self)
        self.import_button.setObjectName("importCsv")
        self.terms = TermsForm(self)
        self.partners = PartnersBox(book, self)
        self.problem = QLabel(self)
        self.problem.setObjectName("customerProblem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("customersNotice")
        self.notice.setWordWrap(True)
        for line in (self.filter, self.new_name):
            show_placeholder_whole(line)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveCustomer")
        self.revert_button = buttons.addButton(QDialogButtonBox.StandardButton.Reset)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.list, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        left_layout.addLayout(add_row)
        row = QHBoxLayout()
        row.addWidget(self.archive_button)
        row.addWidget(self.import_button)
        left_layout.addLayout(row)
        left_layout.addWidget(self.notice)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        terms_area = QScrollArea(right)
        terms_area.setWidgetResizable(True)
        terms_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        terms_area.setWidget(self.terms)
        right_layout.addWidget(terms_area, 4)
        right_layout.addWidget(self.problem)
        right_layout.addWidget(buttons)
        right_layout.addWidget(self.partners, 2)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes(list(SPLIT_SIZES))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.filter.textChanged.connect(lambda _text: self.reload())
        self.list.currentItemChanged.connect(lambda *_: self.show_customer())
        self.add_button.clicked.connect(self.on_add)
        self.new_name.returnPressed.connect(self.on_add)
        self.archive_button.clicked.connect(self.on_archive)
        self.import_button.clicked.connect(self.on_import_csv)
        self.terms.changed.connect(self._check)
        self.save_button.clicked.connect(self.on_save)
        self.revert_button.clicked.connect(self.show_customer)
        self.partners.changed.connect(self.changed)
        self.resize(*WINDOW_SIZE)
        self.reload()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(_ID_ROLE))

    def reload(self, select: int | None = None) -> None:
        select = select if select is not None else self.selected_id()
        self.list.blockSignals(True)
        self.list.clear()
        for customer in self.book.search(self.filter.text()):
            item = QListWidgetItem(customer.name, self.list)
            item.setData(_ID_ROLE, customer.id)
            if customer.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.show_customer()

    def show_customer(self) -> None:
        customer_id = self.selected_id()
        customer = self.book.get(customer_id) if customer_id is not None else None
        self.terms.setEnabled(customer is not None)
        self.archive_button.setEnabled(customer is not None)
        self.partners.show_customer(customer_id)
        if customer is None:
            self.save_button.setEnabled(False)
            return
        self.terms.load(customer, self.book.company_policy())
        try:
            self.terms.show_status(self.book.contract_status(customer))
        except BillingInputError as error:
            self.terms.show_status(None, "; ".join(error.problems))
        self._check()

    def _check(self) -> None:
        problems = self.terms.problems() if self.selected_id() is not None else []
        self.problem.setText(" ".join(problems))
        self.problem.setVisible(bool(problems))
        self.save_button.setEnabled(self.selected_id() is not None and not problems)

    @staticmethod
    def _refused(heading: str, problems: Sequence[str]) -> str:
        """A refusal: what happened in the UI's language, then the checks' own lines (the
        same as `trayclock customers import` prints: file, line and column)."""
        return "\n".join([heading, *problems])

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Customers"), text)

    def on_save(self) -> bool:
        customer_id = self.selected_id()
        if customer_id is None or self.terms.problems():
            return False
        try:
            self.book.save_terms(
                customer_id,
                name=self.terms.name.text(),
                edited=self.terms.edited(),
                contract=self.terms.contract(),
            )
        except SettingsRefused as error:
            self._warn(self._refused(self.tr("Not saved:"), error.problems))
            return False
        self.changed.emit()
        self.reload(select=customer_id)
        return True

    def on_add(self) -> None:
        name = self.new_name.text().strip()
        try:
            created = self.book.add(name)
        except ValueError:  # CustomerBook.add refuses an empty name and a name in use
            self._warn(
                self.tr("There is already a customer named %1.").replace("%1", f"“{name}”")
                if name
                else self.tr("A customer needs a name.")
            )
            return
        self.new_name.clear()
        self.filter.clear()
        self.changed.emit()
        self.reload(select=created.id)

    def on_archive(self) -> None:
        customer_id = self.selected_id()
        if customer_id is None:
            return
        self.book.archive(customer_id)
        self.changed.emit()
        self.reload()

    def on_import_csv(self) -> bool:
        path = self.ask_csv(self)
        if path is None:
            return False
        try:
            rows = self.book.read_csv(path)
        except ImportProblems as error:
            self._warn(self._refused(self.tr("The file was not imported:"), error.problems))
            return False
        if not rows or not self.confirm_import(self, rows):
            return False
        try:
            created, updated = self.book.import_rows(rows)
        except ImportProblems as error:  # e.g. a partner that would move (refused by the rules)
            self._warn(self._refused(self.tr("The file was not imported:"), error.problems))
            return False
        self.changed.emit()
        self.reload()
        self.notice.setText(
            self.tr("Imported: %1 created, %2 updated.")
            .replace("%1", str(created))
            .replace("%2", str(updated))
        )
        return True
