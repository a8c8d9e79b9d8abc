"""The sync password prompt: the backend refused the login, sync is paused, and the tech
types the password (API token, signing secret) again. It goes to the keyring only
(services/sync.SyncService.renew_secret), which lifts the pause; then sync runs at once.

Opened from the tray's notification or menu, i.e. when the tech asked for it: it may take
the focus. The typed secret is never shown, logged, or kept in the dialog after a save.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trayclock.services.sync import SyncService
from trayclock.store.db import StoreError
from trayclock.sync.backend import SyncError
from trayclock.ui.styles import PROBLEM_STYLE
from trayclock.ui.sync_words import backend_name, error_words, secret_word, sentence

log = logging.getLogger(__name__)


class PasswordDialog(QDialog):
    """Asks for the backend's secret; `stored` once it is in the keyring."""

    stored = Signal()

    def __init__(self, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPasswordDialog")
        self.service = service
        self.setWindowTitle(self.tr("Sync paused"))
        self.question = QLabel(self)
        self.question.setObjectName("syncPasswordQuestion")
        self.question.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("syncSecret")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel(self)
        self.problem.setObjectName("syncPasswordProblem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Save and sync"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("syncPasswordSave")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.field.textChanged.connect(lambda text: self.save_button.setEnabled(bool(text)))
        self.refresh()

    def refresh(self) -> None:
        """The question for the backend configured now."""
        config = self.service.config()
        kind = config.kind if config is not None else ""
        where = config.describe() if config is not None else ""
        self.question.setText(
            sentence(
                self.tr(
                    "{backend} refused the {secret} ({where}), so sync is paused. Type it again: "
                    "it is kept in the system keyring only."
                ).format(backend=backend_name(kind), secret=secret_word(kind), where=where)
            )
        )
        self.field.setPlaceholderText(secret_word(kind))
        self.save_button.setEnabled(bool(self.field.text()))
        self.problem.hide()

    def accept(self) -> None:
        text = self.field.text()
        if not text:
            return
        try:
            self.service.renew_secret(text)
        except (SyncError, StoreError, ValueError) as error:  # the keyring said no
            log.warning("the sync secret was not stored: %s", error)
            self.problem.setText(self.tr("Not stored: {why}").format(why=error_words(error)))
            self.problem.show()
            return
        self.field.clear()
        self.stored.emit()
        super().accept()

    def reject(self) -> None:
        self.field.clear()
        super().reject()
