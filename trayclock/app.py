"""The composition root: builds the store, tracker, detection worker and tray, wires them, runs Qt.

Nothing else constructs these objects, so every other module takes what it needs as
parameters (and a test can build any one of them alone). Detection runs in a worker
thread; its events reach the GUI thread only through `ui.doorway.Doorway`, and there the
tracker writes them to the store (one connection, one thread).

What tunes detection (`TRAYCLOCK_GRACE_S`, `TRAYCLOCK_LOGS`, the store's `detection`
setting) is read by `trayclock.services.detection_options`; the tracker, its recovery and
the previous run's traces are set up by `trayclock.services.startup`.
"""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLockFile, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trayclock import __version__
from trayclock.app_logging import setup_logging
from trayclock.clock import SystemClock
from trayclock.config import Paths, paths
from trayclock.detect.signals.idle_source import DeferredIdleSource
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.services.autostart_port import DesktopAutostart
from trayclock.services.detection_options import DetectionOptions
from trayclock.services.monitor_source import MonitorSource
from trayclock.services.startup import start_tracking
from trayclock.services.store_events import StoreEvents
from trayclock.services.tray import TrayService
from trayclock.services.ui_prefs import stored_language
from trayclock.store import db
from trayclock.store.failures import read_only_cause
from trayclock.tracker import HEARTBEAT_S, Tracker
from trayclock.ui.doorway import DetectionWorker, Doorway, EventSource
from trayclock.ui.i18n import install_language
from trayclock.ui.openers import (
    customers_opener,
    offer_first_start,
    review_opener,
    review_reminder,
    settings_opener,
)
from trayclock.ui.review.reminder import ReviewReminder
from trayclock.ui.session_model import TrayModel
from trayclock.ui.single_instance import InstanceDoor, ask_running_to_show, door_name
from trayclock.ui.tray import TrayController
from trayclock.ui.tray_waiter import TRAY_WAIT_S, TrayWaiter

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "trayclock.lock"
LOCK_WAIT_MS = 200
SIGNAL_POLL_MS = 300  # Python runs signal handlers only between Qt events: wake up that often
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

    def shutdown(self) -> None:
        for timer in self.timers:
            timer.stop()
        self.reminder.stop()
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


class AlreadyRunning(Exception):
    """Another trayclock holds the lock: this one must not start (`door`: where it listens)."""

    def __init__(self, message: str, door: str) -> None:
        super().__init__(message)
        self.door = door


class LockUnavailable(Exception):
    """The lock file cannot be made (a read-only folder or disk): this one cannot start."""


def _lock_refusal(lock: QLockFile, path: Path, door: str) -> Exception:
    """Why the lock was not taken, truly: only a lock held by another trayclock is 'running'
    (`door`: where that one listens for a second start)."""
    if lock.error() == QLockFile.LockError.LockFailedError:
        return AlreadyRunning(
            f"trayclock is already running (lock {path}); look for its icon in the system tray",
            door,
        )
    cause = read_only_cause(path) or f"the lock file cannot be made ({lock.error().name})"
    return LockUnavailable(
        f"trayclock cannot take its lock {path}: {cause}. It keeps its lock and database in "
        "that folder: make it writable (its permissions, or remount the disk read-write)"
    )


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
    lock = QLockFile(str(app_paths.data_dir / LOCK_FILE_NAME))
    # Never stale by age (the default 30 s would let a second trayclock take a running one's
    # lock); a lock left by a crashed trayclock is still taken over: QLockFile sees its PID gone.
    lock.setStaleLockTime(0)
    door = InstanceDoor(door_name(app_paths.data_dir))
    if not lock.tryLock(LOCK_WAIT_MS):
        raise _lock_refusal(lock, app_paths.data_dir / LOCK_FILE_NAME, door.name)
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
    service = TrayService(
        conn, tracker, clock, on_detection_paused=on_detection_paused, events=events
    )
    model = TrayModel(service)
    open_review = review_opener(conn, clock, events)
    tray = TrayController(
        model,
        open_review=open_review,
        open_customers=customers_opener(conn, clock, events),
        open_settings=settings_opener(
            conn, clock, events, str(app_paths.data_dir), autostart=DesktopAutostart()
        ),
        open_entry=open_review.show_entry,
    )
    reminder = review_reminder(conn, clock, tray, open_review)
    tray.quit_requested.connect(qt.quit)
    doorway = Doorway()
    doorway.arrived.connect(model.on_session_event)

    worker = None
    if source is not None:
        worker = DetectionWorker(source, doorway, on_stop=monitor.stop if monitor else None)

    heartbeat = QTimer()
    heartbeat.setInterval(int(HEARTBEAT_S * 1000))
    heartbeat.timeout.connect(model.on_heartbeat)
    # Python handles Ctrl-C only when the interpreter runs: a no-op timer lets it run (aw-qt).
    wake = QTimer()
    wake.setInterval(SIGNAL_POLL_MS)
    wake.timeout.connect(lambda: None)
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
        [heartbeat, wake],
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
    QMessageBox.warning(None, qt.applicationDisplayName(), text)


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

    signal.signal(signal.SIGINT, lambda *_: qt.quit())
    if hasattr(signal, "SIGTERM") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: qt.quit())
    if STARTUP_MARK_ENV in os.environ:
        app.waiter.tray_shown.connect(
            lambda: (sys.stdout.write(f"tray-shown {time.time():.3f}\n"), sys.stdout.flush())
        )
    qt.aboutToQuit.connect(app.shutdown)
    start(app)
    # A store nobody has set a policy in asks for the basics once (never the demo's: it has one).
    app.setup = offer_first_start(app.conn, app.service.clock, app.service.events)
    return int(qt.exec())
