"""Waiting for a system tray at start-up, and the status window shown when none comes."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from trayclock.ui.tray import TrayController

if TYPE_CHECKING:
    from trayclock.ui.status_window import StatusWindow

log = logging.getLogger(__name__)

TRAY_POLL_MS = 1_000  # how often to look for a tray that is not there yet
TRAY_GAVE_UP_POLL_MS = TRAY_POLL_MS * 10  # and, once the window shows, how often after that
TRAY_WAIT_S = 30.0  # at login the panel may start after us; then show a window instead


class TrayWaiter(QObject):
    """Shows the tray icon as soon as a tray exists; after a while without one, a window.

    At login the panel often starts after the apps that live in it (ActivityWatch learned
    this the hard way): poll with a timer rather than sleeping, so Qt keeps running.
    """

    tray_shown = Signal()
    gave_up = Signal()

    def __init__(
        self,
        controller: TrayController,
        *,
        wait_s: float = TRAY_WAIT_S,
        available: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`available`: whether a tray is there now (None: Qt's answer, asked each time)."""
        super().__init__(parent)
        self._controller = controller
        self._available = available or (lambda: QSystemTrayIcon.isSystemTrayAvailable())
        self._wait_s = wait_s
        self._deadline = time.monotonic() + wait_s
        # Polled only until the icon is shown (Qt tells of no tray coming): then it stops.
        self._timer = QTimer(self)
        self._timer.setInterval(TRAY_POLL_MS)
        self._timer.timeout.connect(self.check)
        self.fallback: StatusWindow | None = None

    def start(self) -> None:
        if not self.check():
            self._timer.start()

    def check(self) -> bool:
        """Show the icon if a tray is there now (True); past the deadline, the window."""
        if self._available():
            self._timer.stop()
            self._controller.show()
            if self.fallback is not None:
                self.fallback.hide()
            log.info("tray icon shown")
            self.tray_shown.emit()
            return True
        if time.monotonic() >= self._deadline and self.fallback is None:
            log.warning("no system tray after %.0f s: showing a window instead", self._wait_s)
            from trayclock.ui.status_window import StatusWindow  # only a desktop without a tray

            # The window that stands in for the tray, so trayclock is never invisible.
            self.fallback = StatusWindow(self._controller)
            self.fallback.show()
            self.gave_up.emit()
            # Keep looking, more slowly: a tray that comes later still gets the icon.
            self._timer.setInterval(TRAY_GAVE_UP_POLL_MS)
        return False
