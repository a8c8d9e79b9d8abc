"""The first-start setup: the few rules a new store should not guess (rate, currency,
increment, time zone, business hours), on the settings window's own pages and validators.

Offered once on a store nobody has set a policy in; saving or skipping (closing counts as
skipping) records it in the `ui` setting, so it is never offered again
(`trayclock.services.ui_prefs`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QTimeZone, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from trayclock.services.settings_book import SettingsBook, SettingsRefused
from trayclock.services.settings_check import currency, timezone
from trayclock.services.settings_judge import judge_policy
from trayclock.services.ui_prefs import FIRST_START_DONE, FIRST_START_SKIPPED, mark_first_start
from trayclock.ui.settings.billing_page import BillingPage
from trayclock.ui.settings.fields import note_label, problem_text
from trayclock.ui.settings.hours_page import HoursPage
from trayclock.ui.styles import PROBLEM_STYLE

SETUP_FIELDS = ("rate", "currency", "increment_minutes")


def system_guesses() -> dict[str, Any]:
    """The time zone and currency this computer's settings suggest (when they are usable)."""
    guesses: dict[str, Any] = {}
    zone = bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace")
    if timezone(zone).ok:
        guesses["timezone"] = zone
    code = QLocale.system().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    if currency(code).ok:
        guesses["currency"] = code
    return guesses


class FirstStartSetup(QWidget):
    finished = Signal(str)  # "done" or "skipped"

    def __init__(self, book: SettingsBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartSetup")
        self.setWindowTitle(self.tr("Welcome to trayclock"))
        self.book = book
        self.outcome: str | None = None
        intro = QLabel(
            self.tr(
                "trayclock prices your remote sessions by your company's rules. Set the "
                "basics now; everything else, and these again, is in Settings. Skip to "
                "start with the defaults (85.00 USD an hour, every started 15 minutes)."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.billing = BillingPage(self, fields=SETUP_FIELDS)
        self.hours = HoursPage(book.today(), self, after_hours=False, holidays=False)
        self.status = QLabel(self)
        self.status.setObjectName("setupStatus")
        self.status.setStyleSheet(PROBLEM_STYLE)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.save_button: QPushButton = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("setupSave")
        self.skip_button = buttons.addButton(
            self.tr("Skip"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.skip_button.setObjectName("setupSkip")
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.on_skip)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.billing)
        layout.addWidget(self.hours)
        layout.addWidget(note_label(self.tr("You can change all of this later in Settings."), self))
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        policy = {**book.policy(), **system_guesses()}
        self.billing.load(policy)
        self.hours.load(policy)
        self.billing.changed.connect(self.on_changed)
        self.hours.changed.connect(self.on_changed)
        self.on_changed()
        self.resize(720, 560)

    def problems(self) -> list[str]:
        found = [problem_text(p) for p in self.billing.problems() + self.hours.problems()]
        if found:
            return found
        return judge_policy(self.draft())

    def draft(self) -> dict[str, Any]:
        return {**self.book.stored_policy(), **self.billing.values(), **self.hours.values()}

    def on_changed(self) -> None:
        problems = self.problems()
        self.status.setText(" ".join(problems[:3]))
        self.status.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        mark_first_start(self.book.conn, outcome, now=self.book.clock.now())
        self.finished.emit(outcome)
        self.close()

    def on_save(self) -> None:
        if self.problems():
            return
        try:
            self.book.save_policy(self.draft())
        except SettingsRefused as error:
            self.status.setText(" ".join(error.problems))
            self.status.show()
            return
        self._finish(FIRST_START_DONE)

    def on_skip(self) -> None:
        self._finish(FIRST_START_SKIPPED)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.outcome is None:  # closed without a choice: never asked again either
            self.outcome = FIRST_START_SKIPPED
            mark_first_start(self.book.conn, FIRST_START_SKIPPED, now=self.book.clock.now())
            self.finished.emit(FIRST_START_SKIPPED)
        super().closeEvent(event)
