"""The settings' general page: language, the end-of-day reminder, start at login, the data
folder, and the company rollout file (export, import)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trayclock.services.autostart_port import AutostartPort
from trayclock.services.settings_check import Problem, clock_time
from trayclock.services.ui_prefs import (
    DEFAULT_REMINDER_TEXT,
    LANGUAGE,
    REMINDER,
    SYSTEM_LANGUAGE,
    language,
)
from trayclock.ui.settings.fields import CheckedLine, note_label


class GeneralPage(QWidget):
    changed = Signal()

    def __init__(
        self, autostart: AutostartPort, data_folder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("generalPage")
        self.autostart_port = autostart
        form = QFormLayout()
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for text, code in (
            (self.tr("as the system"), SYSTEM_LANGUAGE),
            ("English", "en"),
            ("Deutsch", "de"),
        ):
            self.language.addItem(text, code)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", note_label(self.tr("A new language applies at the next start."), self))
        self.remind = QCheckBox(self.tr("Remind me to review the day at"), self)
        self.remind.setObjectName("remind")
        self.reminder: CheckedLine[str] = CheckedLine(clock_time, self, name="reminder")
        form.addRow(self.remind, self.reminder)
        self.autostart = QCheckBox(self.tr("Start trayclock when I log in"), self)
        self.autostart.setObjectName("autostart")
        self.autostart_note = note_label("", self)
        if autostart.available:
            self.autostart_note.setText(autostart.where())
        else:
            self.autostart.setEnabled(False)
            self.autostart_note.setText(self.tr("Not available in this build."))
        form.addRow(self.autostart)
        form.addRow("", self.autostart_note)
        folder = QLabel(self.tr("Data folder: %1").replace("%1", data_folder), self)
        folder.setWordWrap(True)
        folder.setObjectName("dataFolder")
        form.addRow(folder)

        rollout = QGroupBox(self.tr("Company settings file"), self)
        rollout_layout = QVBoxLayout(rollout)
        rollout_layout.addWidget(
            note_label(
                self.tr(
                    "One file with the billing rules, business hours, customers with their "
                    "rates and contracts, and the partner IDs, for every technician. Never "
                    "passwords, never time entries."
                ),
                rollout,
            )
        )
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export…"), rollout)
        self.export_button.setObjectName("exportSettings")
        self.import_button = QPushButton(self.tr("Import…"), rollout)
        self.import_button.setObjectName("importSettings")
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        rollout_layout.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rollout)
        layout.addStretch(1)
        self.language.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.remind.toggled.connect(self._on_remind)
        self.reminder.edited.connect(self.changed)
        self.autostart.toggled.connect(lambda _on: self.changed.emit())

    def _on_remind(self, on: bool) -> None:
        self.reminder.setEnabled(on)
        self.changed.emit()

    def load(self, ui: Mapping[str, Any]) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(language(ui))))
        reminder = ui.get(REMINDER, DEFAULT_REMINDER_TEXT)
        self.remind.setChecked(reminder is not None)
        self.reminder.set_text(str(reminder or DEFAULT_REMINDER_TEXT))
        self.reminder.setEnabled(reminder is not None)
        self.autostart.setChecked(self.autostart_port.enabled())

    def problems(self) -> list[Problem]:
        return list(self.reminder.problems)

    def ui_values(self) -> dict[str, Any]:
        return {
            LANGUAGE: self.language.currentData(),
            REMINDER: self.reminder.value if self.remind.isChecked() else None,
        }
