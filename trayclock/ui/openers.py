"""What the tray's menu and notifications open: one window each, built on first use, raised after.

The windows and what they read are imported inside the functions that build them (the
tray icon must appear fast and an idle tray small; the review window brings the billing
engine along), with plain `from … import` lines so that a bundler following imports
(PyInstaller) still sees every window. The review window is deleted when it closes (the
history it read is memory the tray has no use for) and built again on the next open.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable
from datetime import date, time, tzinfo
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from trayclock.app_memory import return_freed_heap
from trayclock.config import Paths
from trayclock.domain.clock import Clock
from trayclock.services.review.unreviewed import has_unreviewed
from trayclock.services.store_events import StoreEvents
from trayclock.services.ui_prefs import reminder_time
from trayclock.ui.review.reminder import ReviewReminder
from trayclock.ui.tray import TrayController

if TYPE_CHECKING:
    from trayclock.services.autostart_port import AutostartPort
    from trayclock.services.review.source import ReviewSource
    from trayclock.services.sync import SyncService
    from trayclock.ui.review.window import ReviewWindow
    from trayclock.ui.sync_password import PasswordDialog

W = TypeVar("W", bound=QWidget)


def _collect() -> None:
    """What a deleted window held, freed at once and its pages given back (app_memory)."""
    gc.collect()
    return_freed_heap()


class SingleWindow(Generic[W]):
    """Builds its window on first use; afterwards shows and raises that same window.

    `delete_on_close`: the window is deleted when it closes, with everything it holds, and
    the next call builds a new one."""

    def __init__(self, make: Callable[[], W], *, delete_on_close: bool = False) -> None:
        self._make = make
        self._delete_on_close = delete_on_close
        self._window: W | None = None

    @property
    def window(self) -> W | None:
        """The window while it exists (built and not deleted), else None."""
        return self._window

    def _build(self) -> W:
        window = self._make()
        if self._delete_on_close:
            # Here, not at the top: the Qt namespace costs the idle tray 1 MiB (icons.py).
            from PySide6.QtCore import Qt

            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(self._forget)
        return window

    def _forget(self) -> None:
        # The last reference from Python: what the window held can go now. Its Python parts
        # refer to each other (slots bound to the window), so a collection frees them at
        # once rather than whenever the next one comes (rare in a tray that allocates little).
        self._window = None
        QTimer.singleShot(0, _collect)

    def __call__(self) -> W:
        if self._window is None:
            self._window = self._build()
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
        self._single: SingleWindow[ReviewWindow] = SingleWindow(self._make, delete_on_close=True)

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

    def source() -> ReviewSource:
        from trayclock.services.review.source import ReviewSource

        return ReviewSource(conn, clock, events)

    return ReviewOpener(source, sync)


def review_reminder(
    conn: sqlite3.Connection,
    clock: Clock,
    tray: TrayController,
    open_review: Callable[[], object],
    *,
    zone: Callable[[], tzinfo],
) -> ReviewReminder:
    """The end-of-day reminder: a notification whose click opens the review. `zone`: the
    company zone (the tray's); the review's data modules load only when it is opened."""

    def needs_review(day: date) -> bool:
        return has_unreviewed(conn, day, zone())

    def at() -> time | None:
        return reminder_time(conn)

    reminder = ReviewReminder(clock, needs_review, at, zone)

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
    autostart: Callable[[], AutostartPort] | None = None,
) -> SingleWindow[QWidget]:
    """The settings window over the store; a save is announced (the tray and the review
    window follow). `autostart`: makes this system's start at login (the composition root
    wires the real one; None: not available), when the window is first opened."""

    def make() -> QWidget:
        from trayclock.services.autostart_port import NO_AUTOSTART
        from trayclock.services.settings_book import SettingsBook
        from trayclock.ui.settings import SettingsWindow

        port = autostart() if autostart is not None else NO_AUTOSTART
        window = SettingsWindow(SettingsBook(conn, clock, autostart=port), data_folder)
        window.saved.connect(lambda *_: events.data_changed(window))
        return window

    return SingleWindow(make)


def about_opener(app_paths: Paths) -> SingleWindow[QWidget]:
    """ "About trayclock": the version, where its data lives, the licence (deleted on close)."""

    def make() -> QWidget:
        from trayclock.ui.about import AboutBox

        return AboutBox(app_paths)

    return SingleWindow(make, delete_on_close=True)


def log_folder_opener(app_paths: Paths) -> Callable[[], bool]:
    """ "Open log folder": the platform's file manager on it; False when none took it."""

    def open_folder() -> bool:
        from trayclock.ui.self_check import open_log_folder

        return open_log_folder(app_paths)

    return open_folder


class PasswordPrompt:
    """What the tray calls to ask for the password: one dialog, raised when already open. The
    dialog's module (and sync's errors) load at the first call, not with the tray."""

    def __init__(self, service: SyncService, on_stored: Callable[[], object]) -> None:
        self._service = service
        self._on_stored = on_stored
        self.dialog: PasswordDialog | None = None

    def __call__(self) -> PasswordDialog:
        if self.dialog is None:
            from trayclock.ui.sync_password import PasswordDialog

            self.dialog = PasswordDialog(self._service)
            self.dialog.stored.connect(self._on_stored)
        dialog = self.dialog
        if not dialog.isVisible():
            dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.field.setFocus()
        return dialog


def diagnostics_copier(clock: Clock) -> Callable[[], str]:
    """ "Copy diagnostics": the `--self-check` report of this running trayclock, onto the
    clipboard (its checks and their imports load on the first click)."""

    def copy() -> str:
        from trayclock.ui.self_check import copy_diagnostics

        return copy_diagnostics(clock)

    return copy


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
