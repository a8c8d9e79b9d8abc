"""The settings window: billing, hours, detection, general and backend pages, checked as you
type, the live example under the billing rules, and Save (enabled only when everything is
valid).

Saving writes the company policy (judged by the billing engine's parser first), the
`detection` setting, the `ui` preferences, start at login and the billing backend (its
secret to the keyring only), through `trayclock.services.settings_book`. Policy fields no
page shows are kept as they are.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trayclock.services.backend_settings import BackendSettings
from trayclock.services.settings_book import SettingsBook, SettingsRefused
from trayclock.services.settings_judge import judge_policy, without_idle_after_hours_minimum
from trayclock.store.db import StoreError
from trayclock.sync.backend import SyncError
from trayclock.ui.settings.backend_page import BackendPage
from trayclock.ui.settings.billing_page import BillingPage
from trayclock.ui.settings.detection_page import DetectionPage
from trayclock.ui.settings.example import ExampleBox
from trayclock.ui.settings.fields import problem_text
from trayclock.ui.settings.general_page import GeneralPage
from trayclock.ui.settings.hours_page import HoursPage
from trayclock.ui.settings.rollout_dialog import export_settings, import_settings
from trayclock.ui.styles import PROBLEM_STYLE
from trayclock.ui.sync_words import error_words

log = logging.getLogger(__name__)

WINDOW_SIZE = (960, 720)  # fits a 1280×800 screen with its panels; pages scroll inside


def holiday_language() -> str:
    """The language the UI speaks now, as the `holidays` library names its languages."""
    code = QLocale().name().partition("_")[0]
    return {"en": "en_US", "C": "en_US"}.get(code, code)


def scrolled(page: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area


class SettingsWindow(QWidget):
    saved = Signal()  # the settings were stored

    def __init__(
        self,
        book: SettingsBook,
        data_folder: str,
        parent: QWidget | None = None,
        *,
        backend: BackendSettings | None = None,
    ):
        """`backend`: the billing backend's settings (None: over the book's store)."""
        super().__init__(parent)
        self.setObjectName("settingsWindow")
        self.setWindowTitle(self.tr("Settings"))
        self.book = book
        self._loading = False
        self.billing = BillingPage(self)
        self.hours = HoursPage(book.today(), self, language=holiday_language())
        self.detection = DetectionPage(book.environment(), self)
        self.general = GeneralPage(book.autostart, data_folder, self)
        self.backend_book = backend or BackendSettings(book.conn, book.clock)
        self.backend = BackendPage(self.backend_book, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(scrolled(self.billing, self), self.tr("Billing"))
        self.tabs.addTab(scrolled(self.hours, self), self.tr("Hours"))
        self.tabs.addTab(scrolled(self.detection, self), self.tr("Detection"))
        self.tabs.addTab(scrolled(self.general, self), self.tr("General"))
        self.tabs.addTab(scrolled(self.backend, self), self.tr("Backend"))
        self.example = ExampleBox(self)
        self.status = QLabel(self)
        self.status.setObjectName("settingsStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.save_button: QPushButton = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveSettings")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.on_save)
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.example)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for page in (self.billing, self.hours, self.detection, self.general, self.backend):
            page.changed.connect(self.on_changed)
        self.tabs.currentChanged.connect(self._show_example)
        self.general.export_button.clicked.connect(self.on_export)
        self.general.import_button.clicked.connect(self.on_import)
        self.resize(*WINDOW_SIZE)
        self.reload()

    def _show_example(self, index: int) -> None:
        self.example.setVisible(index in (0, 1))  # the billing and hours pages

    def reload(self) -> None:
        """Show what is stored now (a save elsewhere, an import)."""
        self._loading = True
        policy = self.book.policy()
        self.billing.load(policy)
        self.hours.load(policy)
        self.detection.load(self.book.detection())
        self.general.load(self.book.ui())
        self.backend.load(self.backend_book.stored())
        self._loading = False
        self.on_changed()

    # --- the draft -------------------------------------------------------------------------

    def field_problems(self) -> list[str]:
        pages = (self.billing, self.hours, self.detection, self.general, self.backend)
        return [problem_text(p) for page in pages for p in page.problems()]

    def draft_policy(self) -> dict[str, Any] | None:
        """The policy as edited (None while a field has a problem); unknown fields kept."""
        if self.billing.problems() or self.hours.problems():
            return None
        return {**self.book.stored_policy(), **self.billing.values(), **self.hours.values()}

    def problems(self) -> list[str]:
        """Everything that stops a save: each field's problem, then the engine's word."""
        found = self.field_problems()
        if found:
            return found
        draft = self.draft_policy()
        return judge_policy(without_idle_after_hours_minimum(draft)) if draft else []

    def on_changed(self) -> None:
        if getattr(self, "_loading", False):
            return
        draft = self.draft_policy()
        self.example.show_policy(
            None if draft is None else without_idle_after_hours_minimum(draft), self.book.today()
        )
        problems = self.problems()
        self.save_button.setEnabled(not problems)
        if problems:
            self.status.setStyleSheet(PROBLEM_STYLE)
            self.status.setText(
                self.tr("Not saved yet: %1").replace("%1", " ".join(problems[:3]))
                + (" …" if len(problems) > 3 else "")
            )
        else:
            self.status.setStyleSheet("")
            self.status.setText("")

    # --- saving ----------------------------------------------------------------------------

    def on_save(self) -> bool:
        if self.problems():
            return False
        draft = self.draft_policy()
        assert draft is not None
        try:
            self.book.save_policy(draft)
            self.book.save_detection(self.detection.values())
        except SettingsRefused as error:
            QMessageBox.warning(
                self, self.tr("Settings"), "\n".join([self.tr("Not saved:"), *error.problems])
            )
            return False
        self.book.save_ui(self.general.ui_values())
        port = self.book.autostart
        wanted = self.general.autostart.isChecked()
        if port.available and wanted != port.enabled():
            try:
                port.set_enabled(wanted)
            except OSError as error:
                QMessageBox.warning(
                    self,
                    self.tr("Settings"),
                    self.tr("Start at login could not be changed: %1").replace("%1", str(error)),
                )
        saved = self._save_backend()
        self.saved.emit()
        if saved:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Saved."))
        return saved

    def _save_backend(self) -> bool:
        """The Backend page, when it changed: the secret to the keyring, the rest to the
        store. False (shown) when the keyring refused: the other pages are saved."""
        if not self.backend.changes():
            return True
        try:
            queued = self.backend_book.save(self.backend.form())
        except (SettingsRefused, SyncError, StoreError) as error:
            log.warning("the backend was not saved: %s", error)
            self.status.setStyleSheet(PROBLEM_STYLE)
            self.status.setText(
                self.tr("The other settings are saved; the backend is not: %1").replace(
                    "%1", error_words(error)
                )
            )
            return False
        self.backend.load(self.backend_book.stored())
        if queued:
            log.info("%d submitted entries queued for the new backend", queued)
        return True

    # --- the company file ------------------------------------------------------------------

    def on_export(self) -> None:
        export_settings(self, self.book.conn, self.book.clock)

    def on_import(self) -> None:
        if import_settings(self, self.book.conn, self.book.clock):
            self.reload()
            self.saved.emit()
