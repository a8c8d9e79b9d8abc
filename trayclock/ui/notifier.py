"""Desktop notifications through the tray icon, each optionally clickable."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

log = logging.getLogger(__name__)

NOTIFY_QUIET_MS = 4_000
NOTIFY_IMPORTANT_MS = 10_000


class Notifier(QObject):
    """Desktop notifications through the tray icon; `notified` lets tests and the log see them.

    A notification may carry what a click on it does; only the latest one is clickable (the
    tray icon has one "message clicked" signal for all of them).
    """

    notified = Signal(str, str)  # title, message

    def __init__(self, icon: QSystemTrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._on_click: Callable[[], object] | None = None
        icon.messageClicked.connect(self.on_message_clicked)

    def on_message_clicked(self) -> None:
        if self._on_click is not None:
            self._on_click()

    def notify(
        self,
        title: str,
        message: str,
        *,
        important: bool = False,
        on_click: Callable[[], object] | None = None,
    ) -> None:
        log.info("notification: %s: %s", title, message)
        self._on_click = on_click
        kind = (
            QSystemTrayIcon.MessageIcon.Warning
            if important
            else QSystemTrayIcon.MessageIcon.Information
        )
        self._icon.showMessage(
            title, message, kind, NOTIFY_IMPORTANT_MS if important else NOTIFY_QUIET_MS
        )
        self.notified.emit(title, message)
