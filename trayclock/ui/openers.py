"""What the tray's menu and notifications open: one window each, built on first use, raised after.

The windows are imported inside the functions that build them (the tray icon must appear
fast, and the review window brings the billing engine along), with plain `from … import`
lines so that a bundler following imports (PyInstaller) still sees every window.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from trayclock.domain.clock import Clock
from trayclock.services.autostart_port import NO_AUTOSTART, AutostartPort
from trayclock.services.review.source import ReviewSource
from trayclock.services.store_events import StoreEvents
from trayclock.ui.review.reminder import ReviewReminder
from trayclock.ui.tray import TrayController

if TYPE_CHECKING:
    from trayclock.services.sync import SyncService
    from trayclock.ui.review.window import ReviewWindow

W = TypeVar("W", bound=QWidget)


class SingleWindow(Generic[W]):
    """Builds its window on first use; afterwards shows and raises that same window."""

    def __init__(self, make: Callable[[], W]) -> None:
        self._make = make
        self._window: W | None = None

    @property
    def window(self) -> W | None:
        """The window once built, None before."""
        return self._window

    def __call__(self) -> W:
        if self._window is None:
            self._window = self._make()
        window = self._window
        window.show()
        window.raise_()
        window.activateWindow()
        return window


class ReviewOpener:
    """What the tray calls to open the review window: one window, raised when already open."""

    def __init__(self, source: Callable[[], ReviewSource], sync: SyncService | None = None) -> None:
        self._source = source
        self._sync = sync
        self._first_day: date | None = None
        self._single: SingleWindow[ReviewWindow] = SingleWindow(self._make)

    @property
    def window(self) -> ReviewWindow | None:
        return self._single.window

    def _make(self) -> ReviewWindow:
        from trayclock.ui.review.window import ReviewWindow

        return ReviewWindow(self._source(), self._first_day, sync=self._sync)

    def __call__(self, day: date | None = None) -> ReviewWindow:
        """Open on `day` (None: today, or the day the open window shows)."""
        window = self._single.window
        if window is None:
            self._first_day = day
        elif day is not None:
            window.show_day(day)
        return self._single()  # a window shown again re-reads the store (its showEvent)

    def show_entry(self, uuid: str) -> ReviewWindow:
        """Open at this entry: its day, the entry selected (a notification's "change")."""
        window = self()
        window.show_entry(uuid)
        return window


def review_opener(
    conn: sqlite3.Connection, clock: Clock, events: StoreEvents, sync: SyncService | None = None
) -> ReviewOpener:
    """The review window's opener over this store; the window follows `events` while open
    and shows each entry's sync state from `sync`."""
    return ReviewOpener(lambda: ReviewSource(conn, clock, events), sync)


def review_reminder(
    conn: sqlite3.Connection, clock: Clock, tray: TrayController, open_review: Callable[[], object]
) -> ReviewReminder:
    """The end-of-day reminder: a notification whose click opens the review."""
    source = ReviewSource(conn, clock)
    reminder = ReviewReminder(clock, source.has_unreviewed, source.reminder_time, source.zone)

    def on_due(day: date) -> None:
        title, message = ReviewReminder.message(day, clickable=tray.notifier.clickable)
        tray.notifier.notify(
            title,
            message,
            on_click=open_review,
            action=QCoreApplication.translate("ReviewReminder", "Review the day"),
        )

    reminder.due.connect(on_due)
    return reminder


def customers_opener(
    conn: sqlite3.Connection, clock: Clock, events: StoreEvents
) -> SingleWindow[QWidget]:
    """The customers window; a change there is announced (the tray and the review follow)."""

    def make() -> QWidget:
        from trayclock.services.customers import CustomerBook
        from trayclock.ui.customers import CustomersWindow

        window = CustomersWindow(CustomerBook(conn, clock))
        window.changed.connect(lambda: events.data_changed(window))
        return window

    return SingleWindow(make)


def settings_opener(
    conn: sqlite3.Connection,
    clock: Clock,
    events: StoreEvents,
    data_folder: str,
    autostart: AutostartPort = NO_AUTOSTART,
) -> SingleWindow[QWidget]:
    """The settings window over the store; a save is announced (the tray and the review
    window follow). `autostart`: this system's start at login (the composition root wires
    the real one)."""

    def make() -> QWidget:
        from trayclock.services.settings_book import SettingsBook
        from trayclock.ui.settings import SettingsWindow

        window = SettingsWindow(SettingsBook(conn, clock, autostart=autostart), data_folder)
        window.saved.connect(lambda *_: events.data_changed(window))
        return window

    return SingleWindow(make)


def offer_first_start(
    conn: sqlite3.Connection, clock: Clock, events: StoreEvents
) -> QWidget | None:
    """The first-start setup, shown, when this store has never been set up (else None); what
    it saves is announced like a settings save (the tray and the review follow)."""
    from trayclock.services.ui_prefs import needs_first_start_setup

    if not needs_first_start_setup(conn):
        return None
    from trayclock.services.settings_book import SettingsBook
    from trayclock.ui.settings.setup import FirstStartSetup

    window = FirstStartSetup(SettingsBook(conn, clock))
    window.finished.connect(lambda _outcome: events.data_changed(window))
    window.show()
    return window
