"""The end-of-day reminder: at a set local time, if the day has unreviewed entries, say so once.

The tray connects `due(date)` to a notification that opens the review window; the time is
the `review_reminder` value of the `ui` setting ("HH:MM", null = never; default 17:30).

One single-shot timer set for the reminder's moment: nothing ticks until then, and whether
the day needs review (which reads the store through the review's data modules) is asked
only when the moment has come. The app's heartbeat calls `on_heartbeat`, which sets it
again from the wall clock: after a sleep (the timer's clock stops while the computer
sleeps), a changed clock or a changed reminder time, it is at most a heartbeat late.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from trayclock.domain.clock import Clock
from trayclock.ui.formats import day_month_text

log = logging.getLogger(__name__)

MS_PER_S = 1000
ARM_MAX_MS = 24 * 3600 * MS_PER_S  # a day: QTimer takes an int of milliseconds


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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._needs_review = needs_review
        self._at = at
        self._zone = zone
        self._reminded: date | None = None
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Qt's default (coarse) timer is already very coarse (whole seconds) for 20 s and
        # more, and within 5 % (at most 1 s) below: no setTimerType, whose Qt.TimerType
        # would build the whole Qt namespace (+1 MiB of Python objects, PySide6 6.11).
        self._timer.timeout.connect(self.on_heartbeat)

    @property
    def next_at(self) -> datetime | None:
        """When the timer is set to look next (None: not set)."""
        if not self._timer.isActive():
            return None
        return self._clock.now() + timedelta(milliseconds=self._timer.remainingTime())

    def start(self) -> None:
        self._running = True
        self.on_heartbeat()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def on_heartbeat(self) -> None:
        """Remind if it is time, then set the timer for the next moment to look."""
        if not self._running:
            return
        self.check()
        self.arm()

    def arm(self) -> None:
        """The timer set for the next reminder moment (today's if it is still to come and
        today was not reminded, else tomorrow's); stopped when reminders are off."""
        at = self._at()
        if at is None:
            self._timer.stop()
            return
        now = self._clock.now().astimezone(self._zone())
        today = now.date()
        moment = datetime.combine(today, at, now.tzinfo)
        if self._reminded == today or now >= moment:
            moment = datetime.combine(today + timedelta(days=1), at, now.tzinfo)
        # Aware datetimes subtract in UTC: a DST change between now and then is counted.
        wait_ms = int((moment - now).total_seconds() * MS_PER_S) + 1
        self._timer.start(max(0, min(wait_ms, ARM_MAX_MS)))

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
