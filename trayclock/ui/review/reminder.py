"""The end-of-day reminder: at a set local time, if the day has unreviewed entries, say so once.

The tray connects `due(date)` to a notification that opens the review window; the time is
the `review_reminder` value of the `ui` setting ("HH:MM", null = never; default 17:30).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, tzinfo

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from trayclock.domain.clock import Clock
from trayclock.ui.formats import day_month_text

log = logging.getLogger(__name__)

# A repeating check rather than one long timer: it survives sleep/resume and clock changes.
CHECK_INTERVAL_MS = 30_000


class ReviewReminder(QObject):
    """Emits `due(day)` once per day, at or after `at` local time, while the day needs review."""

    due = Signal(object)  # datetime.date

    def __init__(
        self,
        clock: Clock,
        needs_review: Callable[[date], bool],
        at: Callable[[], time | None],
        zone: Callable[[], tzinfo],
        *,
        check_interval_ms: int = CHECK_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._needs_review = needs_review
        self._at = at
        self._zone = zone
        self._reminded: date | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> bool:
        """Remind now if it is time; True when `due` was emitted."""
        at = self._at()
        if at is None:
            return False
        now = self._clock.now().astimezone(self._zone())
        today = now.date()
        if self._reminded == today or now < datetime.combine(today, at, now.tzinfo):
            return False
        self._reminded = today  # once a day, even if the tech ignores it
        if not self._needs_review(today):
            return False
        log.info("end-of-day reminder: %s has unreviewed entries", today)
        self.due.emit(today)
        return True

    @staticmethod
    def message(day: date, *, clickable: bool = True) -> tuple[str, str]:
        """Title and text of the tray notification that offers the review window (`clickable`:
        whether a click on it will be heard; else it points to the tray menu)."""
        how = (
            QCoreApplication.translate("ReviewReminder", "Click to review them.")
            if clickable
            else QCoreApplication.translate("ReviewReminder", "Review them from the tray menu.")
        )
        what = QCoreApplication.translate(
            "ReviewReminder", "%1 has entries nobody has reviewed yet."
        ).replace("%1", day_month_text(day))
        return QCoreApplication.translate("ReviewReminder", "Review your day"), f"{what} {how}"
