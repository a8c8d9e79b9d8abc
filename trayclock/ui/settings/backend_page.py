"""The settings' Backend page: which billing backend sync sends to (Tryton, Kimai, a
webhook, or none), where it is, Tryton's database and user, the secret, and "Test
connection" (run off the GUI thread, its outcome shown below the button).

The secret field is never filled in: a stored secret stays in the keyring, and what is
typed goes there on Save (services/backend_settings.py) and nowhere else. The
fields are checked as typed by services/backend_check.py.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trayclock.services.backend_check import (
    NO_BACKEND,
    BackendForm,
    backend_url,
    tryton_database,
    tryton_user,
)
from trayclock.services.backend_settings import BackendSettings
from trayclock.services.settings_check import Problem
from trayclock.sync.config import BackendConfig
from trayclock.ui.settings.fields import CheckedLine, note_label, problems_text
from trayclock.ui.styles import PROBLEM_STYLE
from trayclock.ui.sync_offthread import OffThread, Outcome
from trayclock.ui.sync_words import error_words, secret_word, tray_line

URL_WIDTH = 420  # px: an address with a path fits


class BackendPage(QWidget):
    changed = Signal()
    tested = Signal(object)  # Outcome of "Test connection", once shown

    def __init__(self, book: BackendSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backendPage")
        self.book = book
        self.stored: BackendConfig | None = None
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("backendKind")
        self.kind.setMaximumWidth(URL_WIDTH)
        for text, code in (
            (self.tr("None: no sync"), NO_BACKEND),
            ("Tryton 8.2", "tryton"),
            ("Kimai 2", "kimai"),
            (self.tr("Webhook (signed JSON)"), "webhook"),
        ):
            self.kind.addItem(text, code)
        form.addRow(self.tr("Send submitted days to"), self.kind)
        self.state = QLabel(self)
        self.state.setObjectName("backendState")
        self.state.setWordWrap(True)
        form.addRow(self.tr("Status"), self.state)
        self.url: CheckedLine[str] = CheckedLine(
            backend_url, self, name="backendUrl", width=URL_WIDTH
        )
        self.url.set_placeholder("https://erp.example.com")
        form.addRow(self.tr("Address"), self.url)
        self.database: CheckedLine[str] = CheckedLine(tryton_database, self, name="backendDatabase")
        self.database_label = QLabel(self.tr("Database"), self)
        form.addRow(self.database_label, self.database)
        self.user: CheckedLine[str] = CheckedLine(tryton_user, self, name="backendUser")
        self.user_label = QLabel(self.tr("User"), self)
        form.addRow(self.user_label, self.user)
        self.secret = QLineEdit(self)
        self.secret.setObjectName("backendSecretEdit")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMaximumWidth(URL_WIDTH)
        self.secret_problem = QLabel(self)
        self.secret_problem.setObjectName("backendSecretProblem")
        self.secret_problem.setStyleSheet(PROBLEM_STYLE)
        self.secret_problem.setWordWrap(True)
        self.secret_problem.hide()
        secret_column = QVBoxLayout()
        secret_column.setSpacing(1)
        secret_column.addWidget(self.secret)
        secret_column.addWidget(self.secret_problem)
        self.secret_label = QLabel(self)
        form.addRow(self.secret_label, secret_column)
        self.secret_note = note_label("", self)
        form.addRow("", self.secret_note)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("backendTest")
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form.addRow("", test_row)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("backendTestResult")
        self.test_result.setWordWrap(True)
        form.addRow("", self.test_result)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            note_label(
                self.tr(
                    "Submitted days are sent in the background and whenever the network "
                    "comes back; what waits is kept on this computer. HTTPS is required "
                    "(plain http:// only to this computer)."
                ),
                self,
            )
        )
        layout.addStretch(1)
        self.tester = OffThread("trayclock-backend-test", self)
        self.tester.finished.connect(self._on_tested)
        self.kind.currentIndexChanged.connect(lambda _i: self._refresh())
        for line in (self.url, self.database, self.user):
            line.edited.connect(self._refresh)
        self.secret.textChanged.connect(lambda _text: self._refresh())
        self.test_button.clicked.connect(self.test_connection)
        self._refresh()

    # --- the form ----------------------------------------------------------------------------

    def load(self, config: BackendConfig | None) -> None:
        """Show the stored backend (never its secret)."""
        self.stored = config
        shown = BackendForm.of(config)
        self.kind.setCurrentIndex(max(0, self.kind.findData(shown.kind)))
        self.url.set_text(shown.url)
        self.database.set_text(shown.database)
        self.user.set_text(shown.user)
        self.secret.clear()
        self.test_result.clear()
        self.state.setText(tray_line(self.book.health(), self.book.clock.now()))
        self._refresh()

    def form(self) -> BackendForm:
        return BackendForm(
            str(self.kind.currentData()),
            self.url.text(),
            self.database.text(),
            self.user.text(),
            self.secret.text(),
        )

    def problems(self) -> list[Problem]:
        return self.form().problems(self.stored)

    def changes(self) -> bool:
        return self.form().changes(self.stored)

    def _refresh(self) -> None:
        kind = str(self.kind.currentData())
        some = kind != NO_BACKEND
        tryton = kind == "tryton"
        for widget in (self.url, self.secret, self.secret_label, self.secret_note):
            widget.setEnabled(some)
        for widget in (self.database, self.database_label, self.user, self.user_label):
            widget.setVisible(tryton)
            widget.setEnabled(tryton)
        word = secret_word(kind)
        self.secret_label.setText(word[:1].upper() + word[1:])
        form = self.form()
        needed = some and form.needs_secret(self.stored)
        self.secret_note.setText(
            self.tr("Kept in the system keyring only, never shown again.")
            if needed
            else self.tr("Stored in the system keyring; type a new one only to replace it.")
        )
        secret_problems = form.field_problems(self.stored).get("secret", ())
        self.secret_problem.setText(problems_text(secret_problems))
        self.secret_problem.setVisible(bool(secret_problems))
        self.test_button.setEnabled(
            some and not self.tester.busy and self.book.test(form) is not None
        )
        self.changed.emit()

    # --- the connection test -----------------------------------------------------------------

    def test_connection(self) -> bool:
        """Try the typed backend off the GUI thread; False when it cannot be tried now."""
        job = self.book.test(self.form())
        if job is None or not self.tester.run(job):
            return False
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Testing the connection…"))
        return True

    def _on_tested(self, outcome: Outcome) -> None:
        if outcome.error is None:
            self.test_result.setStyleSheet("")
            self.test_result.setText(self.tr("Connected: {said}").format(said=outcome.value))
        else:
            self.test_result.setStyleSheet(PROBLEM_STYLE)
            self.test_result.setText(
                self.tr("The test failed: {why}").format(why=error_words(outcome.error))
            )
        self._refresh()
        self.tested.emit(outcome)
