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

import importlib
import importlib.util
import logging
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler

import PySide6
from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from trayclock import __version__
from trayclock.clock import SystemClock
from trayclock.config import Paths, paths
from trayclock.detect.reconciler import PreviousRun
from trayclock.domain.clock import Clock
from trayclock.domain.session import SessionEvent
from trayclock.services.detection_options import DetectionOptions
from trayclock.services.startup import start_tracking
from trayclock.services.tray import TrayService
from trayclock.store import db
from trayclock.tracker import HEARTBEAT_S, Tracker
from trayclock.ui.doorway import DetectionWorker, Doorway, EventSource
from trayclock.ui.i18n import install_translations
from trayclock.ui.session_model import TrayModel
from trayclock.ui.tray import TrayController, make_fallback_window

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "trayclock.lock"
LOCK_WAIT_MS = 200
TRAY_POLL_MS = 1_000  # how often to look for a tray that is not there yet
TRAY_WAIT_S = 30.0  # at login the panel may start after us; then show a window instead
SIGNAL_POLL_MS = 300  # Python runs signal handlers only between Qt events: wake up that often
LOG_FILE_BYTES = 1_000_000
STARTUP_MARK_ENV = "TRAYCLOCK_STARTUP_MARK"  # bench: print a line when the tray icon is up


def _setup_logging(app_paths: Paths) -> None:
    root = logging.getLogger()
    if root.handlers:  # a test or the demo set it up already
        return
    root.setLevel(logging.INFO)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    root.addHandler(stderr)
    file_handler = RotatingFileHandler(
        app_paths.log_dir / "trayclock.log",
        maxBytes=LOG_FILE_BYTES,
        backupCount=3,
        encoding="utf-8",
    )
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(file_handler)


class MonitorSource:
    """The real detection monitor as an EventSource, opened inside the worker thread.

    Opening it (an X connection, log watches) happens off the GUI thread so the tray icon
    appears without waiting for it. `set_paused` may be called from the GUI thread.
    """

    def __init__(
        self,
        clock: Clock,
        options: DetectionOptions | None = None,
        previous: PreviousRun | None = None,
    ) -> None:
        self._clock = clock
        self._options = options or DetectionOptions()
        self._previous = previous
        self._monitor: object | None = None
        self._paused = False
        self._lock = threading.Lock()

    def __call__(self, emit: Callable[[SessionEvent], None], stop: threading.Event) -> None:
        from trayclock.detect.monitor import open_monitor

        options = self._options
        monitor = open_monitor(
            self._clock,
            grace_s=options.grace_seconds,
            log_paths=options.log_paths,
            previous_run=self._previous,
        )
        with self._lock:
            self._monitor = monitor
            if self._paused:
                monitor.pause()
        try:
            monitor.run(stop, emit)
            for event in monitor.finish():  # delivered by TrayApp.shutdown
                emit(event)
        finally:
            with self._lock:
                self._monitor = None
            monitor.close()

    def set_paused(self, paused: bool) -> None:
        with self._lock:
            self._paused = paused
            monitor = self._monitor
        if monitor is not None:
            if paused:
                monitor.pause()  # type: ignore[attr-defined]
            else:
                monitor.resume()  # type: ignore[attr-defined]

    def stop(self) -> None:
        with self._lock:
            monitor = self._monitor
        if monitor is not None:
            monitor.stop()  # type: ignore[attr-defined]


def review_opener(conn: sqlite3.Connection, clock: Clock) -> Callable[[], None] | None:
    """The hook the review window fills: None (menu says "not available yet") until it exists.

    The review window (and the billing engine under it) is imported on first use, not at
    start-up: the tray icon must appear fast.
    """
    if importlib.util.find_spec("trayclock.ui.review.window") is None:
        return None
    opener: Callable[[], object] | None = None

    def open_review() -> None:
        nonlocal opener
        if opener is None:
            window_module = importlib.import_module("trayclock.ui.review.window")
            source_module = importlib.import_module("trayclock.services.review.source")
            opener = window_module.ReviewOpener(lambda: source_module.ReviewSource(conn, clock))
        opener()

    return open_review


def review_reminder(
    conn: sqlite3.Connection, clock: Clock, tray: TrayController, open_review: Callable[[], None]
) -> QObject | None:
    """The end-of-day reminder (review issue): a notification whose click opens the review."""
    try:
        reminder_module = importlib.import_module("trayclock.ui.review.reminder")
        source_module = importlib.import_module("trayclock.services.review.source")
    except ImportError:
        return None
    source = source_module.ReviewSource(conn, clock)
    reminder: QObject = reminder_module.ReviewReminder(
        clock, source.has_unreviewed, source.reminder_time, source.zone
    )

    def on_due(day: object) -> None:
        title, message = reminder_module.ReviewReminder.message(day)
        tray.notifier.notify(title, message, on_click=open_review)

    reminder.due.connect(on_due)  # type: ignore[attr-defined]
    return reminder


def single_window(make: Callable[[], QWidget]) -> Callable[[], None]:
    """An opener that builds its window on first use and raises the same one afterwards."""
    holder: list[QWidget] = []

    def open_window() -> None:
        if not holder:
            holder.append(make())
        window = holder[0]
        window.show()
        window.raise_()
        window.activateWindow()

    return open_window


def customers_opener(
    conn: sqlite3.Connection, clock: Clock, model: TrayModel
) -> Callable[[], None]:
    def make() -> QWidget:
        from trayclock.services.customers import CustomerBook
        from trayclock.ui.customers import CustomersWindow

        window = CustomersWindow(CustomerBook(conn, clock))
        window.changed.connect(model.refresh)
        return window

    return single_window(make)


def settings_opener(
    conn: sqlite3.Connection, clock: Clock, model: TrayModel, data_folder: str
) -> Callable[[], None]:
    def make() -> QWidget:
        from trayclock.store import settings
        from trayclock.ui.settings import SettingsWindow

        window = SettingsWindow(
            lambda: settings.policy(conn),
            lambda policy: settings.set_policy(conn, policy, now=clock.now()),
            data_folder,
        )
        window.saved.connect(lambda _policy: model.refresh())
        return window

    return single_window(make)


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
        available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._available = available
        self._wait_s = wait_s
        self._deadline = time.monotonic() + wait_s
        self._timer = QTimer(self)
        self._timer.setInterval(TRAY_POLL_MS)
        self._timer.timeout.connect(self.check)
        self.fallback: QWidget | None = None

    def start(self) -> None:
        if not self.check():
            self._timer.start()

    def check(self) -> bool:
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
            self.fallback = make_fallback_window(self._controller)
            self.fallback.show()
            self.gave_up.emit()
            # Keep looking, more slowly: a tray that comes later still gets the icon.
            self._timer.setInterval(TRAY_POLL_MS * 10)
        return False


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
    reminder: QObject | None = None
    timers: list[QTimer] = field(default_factory=list)

    def shutdown(self) -> None:
        for timer in self.timers:
            timer.stop()
        if self.reminder is not None:
            self.reminder.stop()  # type: ignore[attr-defined]
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
        self.lock.unlock()


class AlreadyRunning(Exception):
    pass


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
    if not lock.tryLock(LOCK_WAIT_MS):
        raise AlreadyRunning(
            f"trayclock is already running (lock {app_paths.data_dir / LOCK_FILE_NAME}); "
            "look for its icon in the system tray"
        )
    clock = clock or SystemClock()
    conn = db.connect(app_paths.database)
    # One grace period for the tracker and the monitor, from the setting or the environment.
    tracking = start_tracking(conn, clock, options)
    tracker = tracking.tracker

    source: EventSource | None
    monitor: MonitorSource | None = None
    if detection is True:
        source = monitor = MonitorSource(clock, tracking.options, tracking.previous)
    else:
        source = detection or None

    def on_detection_paused(paused: bool) -> None:
        log.info("detection %s", "paused" if paused else "resumed")
        if monitor is not None:
            monitor.set_paused(paused)

    service = TrayService(conn, tracker, clock, on_detection_paused=on_detection_paused)
    model = TrayModel(service)
    open_review = review_opener(conn, clock)
    tray = TrayController(
        model,
        open_review=open_review,
        open_customers=customers_opener(conn, clock, model),
        open_settings=settings_opener(conn, clock, model, str(app_paths.data_dir)),
    )
    reminder = review_reminder(conn, clock, tray, open_review) if open_review else None
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
        [heartbeat, wake],
    )


def start(app: TrayApp) -> None:
    """Start the timers, detection and the tray (the event loop is the caller's)."""
    for timer in app.timers:
        timer.start()
    app.waiter.start()
    if app.reminder is not None:
        app.reminder.start()  # type: ignore[attr-defined]
    if app.worker is not None:
        # After the icon is up: opening the sources (imports, X connection) would delay it.
        QTimer.singleShot(0, app.worker.start)


def make_qapplication() -> QApplication:
    existing = QApplication.instance()
    qt = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qt.setApplicationName("trayclock")
    qt.setApplicationDisplayName("trayclock")
    qt.setApplicationVersion(__version__)
    qt.setDesktopFileName("trayclock")
    # A tray app lives on when its last window (the prompt, the review window) closes.
    qt.setQuitOnLastWindowClosed(False)
    return qt


def run_tray(*, detection: EventSource | bool | None = True, clock: Clock | None = None) -> int:
    """`trayclock` with no command: the tray until Quit. Exit status 1 if one already runs."""
    _setup_logging(paths().ensure())
    qt = make_qapplication()
    install_translations(qt)
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
        return 2
    try:
        app = build(qt, clock=clock, detection=detection, options=options)
    except AlreadyRunning as error:
        log.error("%s", error)
        return 1
    except db.StoreError as error:
        log.error("cannot open the store: %s", error)
        return 2

    signal.signal(signal.SIGINT, lambda *_: qt.quit())
    if hasattr(signal, "SIGTERM") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: qt.quit())
    if STARTUP_MARK_ENV in os.environ:
        app.waiter.tray_shown.connect(
            lambda: (sys.stdout.write(f"tray-shown {time.time():.3f}\n"), sys.stdout.flush())
        )
    qt.aboutToQuit.connect(app.shutdown)
    start(app)
    return int(qt.exec())
