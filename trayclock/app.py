"""The composition root: builds the store, tracker, detection worker and tray, wires them, runs Qt.

Nothing else constructs these objects, so every other module takes what it needs as
parameters (and a test can build any one of them alone). Detection runs in a worker
thread; its events reach the GUI thread only through `ui.doorway.Doorway`, and there the
tracker writes them to the store (one connection, one thread).

Sync runs on a thread of its own (`ui.sync_runner.SyncRunner` over sync/background.py, its
own SQLite connection) once a backend is configured; what it did reaches the GUI thread
through a doorway of its own, and the tray, the review window and the password prompt read
it from the store (services/sync.py).

What tunes detection (`TRAYCLOCK_GRACE_S`, `TRAYCLOCK_LOGS`, the store's `detection`
setting) is read by `trayclock.services.detection_options`; the tracker, its recovery and
the previous run's traces are set up by `trayclock.services.startup`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QCoreApplication, QLockFile, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from trayclock import __version__
from trayclock.app_logging import setup_logging
from trayclock.app_memory import release_after_start_up, share_one_arena
from trayclock.clock import SystemClock
from trayclock.config import Paths, paths
from trayclock.detect.signals.idle_source import DeferredIdleSource
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.services.detection_options import DetectionOptions
from trayclock.services.monitor_source import MonitorSource
from trayclock.services.startup import keep_balances_up, start_tracking
from trayclock.services.store_events import StoreEvents
from trayclock.services.sync import SyncService, make_worker
from trayclock.services.tray import TrayService, sync_health
from trayclock.services.ui_prefs import stored_language
from trayclock.store import db
from trayclock.tracker import HEARTBEAT_S, Tracker
from trayclock.ui.doorway import DetectionWorker, Doorway, EventSource
from trayclock.ui.i18n import install_language
from trayclock.ui.instance_lock import AlreadyRunning, LockUnavailable, take_lock
from trayclock.ui.openers import (
    PasswordPrompt,
    about_opener,
    customers_opener,
    diagnostics_copier,
    log_folder_opener,
    offer_first_start,
    review_opener,
    review_reminder,
    settings_opener,
)
from trayclock.ui.review.reminder import ReviewReminder
from trayclock.ui.session_model import TrayModel
from trayclock.ui.signal_wakeup import quit_on_signals
from trayclock.ui.single_instance import InstanceDoor, ask_running_to_show, door_name
from trayclock.ui.sync_runner import SyncRunner
from trayclock.ui.tray import TrayController
from trayclock.ui.tray_waiter import TRAY_WAIT_S, TrayWaiter

if TYPE_CHECKING:
    from collections.abc import Callable

    from trayclock.services.autostart_port import AutostartPort
    from trayclock.sync.background import BackgroundSync

log = logging.getLogger(__name__)

BALANCES_DELAY_S = 3.0  # after start-up, before the contract checkpoints are brought up
STARTUP_MARK_ENV = "TRAYCLOCK_STARTUP_MARK"  # bench: print a line when the tray icon is up


@dataclass
class TrayApp:
    """Every long-lived object of a running trayclock, built by `build`."""

    qt: QApplication
    paths: Paths
    lock: QLockFile
    conn: sqlite3.Connection
    tracker: Tracker
    service: TrayService
    model: TrayModel
    tray: TrayController
    doorway: Doorway
    waiter: TrayWaiter
    worker: DetectionWorker | None
    reminder: ReviewReminder
    door: InstanceDoor
    timers: list[QTimer] = field(default_factory=list)
    setup: QWidget | None = None  # the first-start setup while it is open
    sync: SyncRunner | None = None
    closed: bool = False

    def shutdown(self) -> None:
        """Stop the workers, apply what detection said last, save a last heartbeat, close the
        store and the single-instance door. Once: a second call does nothing."""
        if self.closed:
            return
        self.closed = True
        for timer in self.timers:
            timer.stop()
        self.reminder.stop()
        if self.sync is not None and not self.sync.stop():
            # Nothing is lost: the outbox row of a request in flight says "maybe sent", and
            # the next start looks the line up before it sends again.
            log.warning("sync did not stop in time; leaving it (daemon thread)")
        if self.worker is not None and not self.worker.stop():
            log.warning("detection did not stop in time; leaving it (daemon thread)")
        # Events detection posted before it stopped (a session that just ended) are applied
        # now: the event loop that would have delivered them has ended.
        QCoreApplication.sendPostedEvents(self.doorway)
        self.tray.close()
        try:
            # A last heartbeat: the next start closes what still runs at this moment, not at
            # the previous heartbeat up to HEARTBEAT_S earlier.
            self.tracker.tick()
        except Exception:  # quitting must never fail on the store
            log.exception("last heartbeat not saved")
        self.conn.close()
        self.door.close()
        self.lock.unlock()


def desktop_autostart() -> AutostartPort:
    """This system's start at login, made when the settings window first opens (its module
    brings plistlib and the XML parser along, which an idle tray does not need)."""
    from trayclock.services.autostart_port import DesktopAutostart

    return DesktopAutostart()


def build(
    qt: QApplication,
    *,
    clock: Clock | None = None,
    detection: EventSource | bool | None = True,
    tray_wait_s: float = TRAY_WAIT_S,
    options: DetectionOptions | None = None,
) -> TrayApp:
    """Build and wire everything (does not start the event loop). `detection=True`: the real one,
    tuned by `options` (`run_tray` reads them from the environment; None: the defaults)."""
    app_paths = paths().ensure()
    door = InstanceDoor(door_name(app_paths.data_dir))
    lock = take_lock(app_paths.data_dir, door.name)
    door.open()  # a second start knocks here (single_instance)
    clock = clock or SystemClock()
    conn = db.connect(app_paths.database)
    # One grace period for the tracker and the monitor, from the setting or the environment.
    # Input idle time (suggested pauses) with the real detection only, opened at the first
    # heartbeat.
    idle = DeferredIdleSource() if detection is True else None
    tracking = start_tracking(conn, clock, options, idle_source=idle)
    tracker = tracking.tracker

    source: EventSource | None
    monitor: MonitorSource | None = None
    if detection is True:
        source = monitor = MonitorSource(
            clock,
            grace_s=tracking.options.grace_seconds,
            log_paths=tracking.options.log_paths,
            previous=tracking.previous,
            apps=tracking.options.apps,
        )
    else:
        source = detection or None

    def on_detection_paused(paused: bool) -> None:
        log.info("detection %s", "paused" if paused else "resumed")
        if monitor is not None:
            monitor.set_paused(paused)

    # One notice of "the store changed" for the tray and every window that shows it.
    events = StoreEvents()
    sync = SyncService(conn, clock)
    database = app_paths.database

    def background_sync(told: Callable[[object], None]) -> BackgroundSync:
        from trayclock.sync.background import BackgroundSync  # with a backend only (sync.py)

        return BackgroundSync(make_worker(database, clock), on_pass=told)

    runner = SyncRunner(background_sync, sync, events)
    service = TrayService(
        conn, tracker, clock, on_detection_paused=on_detection_paused, events=events,
        sync_health=lambda: sync_health(sync.status()), sync_now=runner.sync_now,
    )  # fmt: skip
    model = TrayModel(service)
    open_review = review_opener(conn, clock, events, sync)
    tray = TrayController(
        model,
        open_review=open_review,
        open_customers=customers_opener(conn, clock, events),
        open_settings=settings_opener(
            conn, clock, events, str(app_paths.data_dir), autostart=desktop_autostart
        ),
        open_entry=open_review.show_entry,
        ask_password=PasswordPrompt(sync, on_stored=runner.sync_now),
        open_about=about_opener(app_paths),
        open_log_folder=log_folder_opener(app_paths),
        copy_diagnostics=diagnostics_copier(clock),
    )
    reminder = review_reminder(conn, clock, tray, open_review, zone=service.zone)
    tray.quit_requested.connect(qt.quit)
    doorway = Doorway()
    doorway.arrived.connect(model.on_session_event)

    worker = None
    if source is not None:
        worker = DetectionWorker(source, doorway, on_stop=monitor.stop if monitor else None)

    # The one timer that runs while nothing happens: the tracker's heartbeat, which also
    # refreshes the tray's elapsed times and sets the end-of-day reminder again.
    heartbeat = QTimer()
    heartbeat.setObjectName("heartbeat")
    heartbeat.setInterval(int(HEARTBEAT_S * 1000))
    heartbeat.timeout.connect(model.on_heartbeat)
    heartbeat.timeout.connect(reminder.on_heartbeat)

    def after_start_up() -> None:  # start-up is long over: what it freed goes back
        heartbeat.timeout.disconnect(after_start_up)
        release_after_start_up(conn)

    heartbeat.timeout.connect(after_start_up)
    waiter = TrayWaiter(tray, wait_s=tray_wait_s)

    def show_yourself() -> None:
        """A second start was asked for: the window standing in for the tray, else the
        review of today (the tray's own menu cannot be opened from outside)."""
        if waiter.fallback is not None and waiter.fallback.isVisible():
            waiter.fallback.raise_()
            waiter.fallback.activateWindow()
        else:
            log.info("showing the review window for a second start")
            open_review()

    door.show_requested.connect(show_yourself)
    return TrayApp(
        qt,
        app_paths,
        lock,
        conn,
        tracker,
        service,
        model,
        tray,
        doorway,
        waiter,
        worker,
        reminder,
        door,
        [heartbeat],
        sync=runner,
    )


def start(app: TrayApp) -> None:
    """Start the timers, detection and the tray (the event loop is the caller's)."""
    for timer in app.timers:
        timer.start()
    app.waiter.start()
    app.reminder.start()
    if app.worker is not None:
        # After the icon is up: opening the sources (imports, X connection) would delay it.
        QTimer.singleShot(0, app.worker.start)
    if app.sync is not None:
        QTimer.singleShot(0, app.sync.start)  # a backend configured later starts it then
    # The contract checkpoints a first review would wait for (after an upgrade, an import):
    # made a little after the icon is up, on a short-lived thread of their own
    # (services.balances) that waits by itself: no Qt timer in the idle tray's event loop.
    path = db.file_of(app.conn)
    if path is not None:
        later = threading.Timer(
            BALANCES_DELAY_S, keep_balances_up, args=(path, app.service.clock.now())
        )
        later.name, later.daemon = "trayclock-balances", True
        later.start()


def make_qapplication() -> QApplication:
    """The process's QApplication (made once), named and set to outlive its windows."""
    existing = QApplication.instance()
    qt = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qt.setApplicationName("trayclock")
    qt.setApplicationDisplayName("trayclock")
    qt.setApplicationVersion(__version__)
    qt.setDesktopFileName("trayclock")
    # A tray app lives on when its last window (the prompt, the review window) closes.
    qt.setQuitOnLastWindowClosed(False)
    return qt


def tell_on_screen(qt: QApplication, text: str) -> None:
    """Why trayclock did not start, where a launcher's user looks: on screen (stderr reaches
    nobody then). Not on a screen-less platform: nobody could close it."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return
    # Looked up here, not imported at the top: a tray that started has no QMessageBox.
    PySide6.QtWidgets.QMessageBox.warning(None, qt.applicationDisplayName(), text)


def _not_answering() -> str:
    return QCoreApplication.translate(
        "app",
        "trayclock is already running, but it does not answer. Look for its icon in the "
        "system tray, or end it and start trayclock again.",
    )


def _cannot_start(error: Exception) -> str:
    return QCoreApplication.translate("app", "trayclock could not start: {problem}").format(
        problem=error
    )


def run_tray(*, detection: EventSource | bool | None = True, clock: Clock | None = None) -> int:
    """`trayclock` with no command: the tray until Quit, then Qt's exit status.

    ExitCode.FAILED when one already runs; INVALID_INPUT for a bad TRAYCLOCK_GRACE_S or
    TRAYCLOCK_LOGS, or a store it cannot open.
    """
    share_one_arena()  # before Qt's and our threads exist (app_memory says why)
    app_paths = paths().ensure()
    setup_logging(app_paths)
    qt = make_qapplication()
    # The `ui` setting's language (read before the store is opened: the tray's words come first).
    chosen = stored_language(app_paths.database)
    install_language(qt, chosen)
    from trayclock.ui.qt_check import emit_leaks_bool_references

    if emit_leaks_bool_references():
        log.error(
            "this PySide6 (%s) loses a reference on every signal emit and will crash after a "
            "few hundred; install another version (PySide6-Essentials!=6.12.0)",
            PySide6.__version__,
        )
    try:
        options = DetectionOptions.from_environ()
    except ValueError as error:  # a bad TRAYCLOCK_GRACE_S / TRAYCLOCK_LOGS
        log.error("%s", error)
        return ExitCode.INVALID_INPUT
    try:
        app = build(qt, clock=clock, detection=detection, options=options)
    except AlreadyRunning as error:
        if ask_running_to_show(error.door):
            log.info("trayclock already runs: asked it to show its window")
            return ExitCode.OK
        log.error("%s", error)
        tell_on_screen(qt, _not_answering())
        return ExitCode.FAILED
    except LockUnavailable as error:
        log.error("%s", error)
        tell_on_screen(qt, _cannot_start(error))
        return ExitCode.FAILED
    except db.StoreError as error:
        log.error("cannot open the store: %s", error)
        tell_on_screen(qt, _cannot_start(error))
        return ExitCode.INVALID_INPUT

    if STARTUP_MARK_ENV in os.environ:
        app.waiter.tray_shown.connect(
            lambda: (sys.stdout.write(f"tray-shown {time.time():.3f}\n"), sys.stdout.flush())
        )
    return serve(qt, app)


def serve(qt: QApplication, app: TrayApp) -> int:
    """Start the built tray, run the event loop until Quit, SIGTERM or SIGINT, shut down."""
    wakeup = quit_on_signals(qt)
    start(app)
    # A store nobody has set a policy in asks for the basics once (never the demo's: it has one).
    app.setup = offer_first_start(app.conn, app.service.clock, app.service.events)
    try:
        return int(qt.exec())
    finally:
        # After the event loop, not on aboutToQuit, which Qt emits inside quit() wherever
        # that was called (a dialog's nested loop, a handler halfway through a write).
        app.shutdown()
        if wakeup is not None:
            wakeup.close()
