"""The composition root: builds the store, tracker, detection worker and tray, wires them, runs Qt.

Nothing else constructs these objects, so every other module takes what it needs as
parameters (and a test can build any one of them alone). Detection runs in a worker
thread; its events reach the GUI thread only through `ui.doorway.Doorway`, and there the
tracker writes them to the store (one connection, one thread).

Two environment variables tune the real detection (tests, an unusual install):
- `TRAYCLOCK_GRACE_S`: seconds a session may vanish before it counts as ended (default 60;
  the detection side only: the tracker's reconnect grace stays as it is).
- `TRAYCLOCK_LOGS`: `APP=PATH` items separated by `os.pathsep` (`:` on Linux and macOS,
  `;` on Windows), e.g. `anydesk=/opt/ad/ad_svc.trace:teamviewer=/x/Connections.txt`; an app
  named there reads only those paths (globs allowed), `APP=` alone reads no log for it, an app
  not named keeps its usual places. Invalid values stop the start with a message naming them.

The store's `detection` setting says the same for good (read only here; the environment wins
field by field): `{"grace_s": 60, "log_paths": {"anydesk": ["/opt/ad/ad.trace"]}}` — an app
listed reads only those paths (portable installs). A bad stored value is logged, naming the
setting, and ignored: the tray still starts, so it can be fixed.

At start-up the previous run's last sign of life (the newest heartbeat in the store) and the
sessions its crash recovery just closed go to detection (`PreviousRun`): sessions the logs show
ended while trayclock was down are recorded, and old log sessions the previous run already
ended are not taken up again.
"""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLockFile, QTimer
from PySide6.QtWidgets import QApplication

from trayclock import __version__
from trayclock.app_logging import setup_logging
from trayclock.clock import SystemClock
from trayclock.config import Paths, paths
from trayclock.detect.reconciler import PreviousRun
from trayclock.domain.clock import Clock
from trayclock.domain.entry import Entry
from trayclock.exit_code import ExitCode
from trayclock.store import db, entries, settings
from trayclock.tracker import HEARTBEAT_S, Tracker
from trayclock.ui.backend import StoreBackend
from trayclock.ui.doorway import DetectionWorker, Doorway, EventSource
from trayclock.ui.i18n import install_translations
from trayclock.ui.monitor_source import MonitorSource
from trayclock.ui.openers import customers_opener, review_opener, review_reminder, settings_opener
from trayclock.ui.review.reminder import ReviewReminder
from trayclock.ui.session_model import TrayModel
from trayclock.ui.tray import TrayController
from trayclock.ui.tray_waiter import TRAY_WAIT_S, TrayWaiter

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "trayclock.lock"
LOCK_WAIT_MS = 200
SIGNAL_POLL_MS = 300  # Python runs signal handlers only between Qt events: wake up that often
STARTUP_MARK_ENV = "TRAYCLOCK_STARTUP_MARK"  # bench: print a line when the tray icon is up
GRACE_ENV = "TRAYCLOCK_GRACE_S"
LOGS_ENV = "TRAYCLOCK_LOGS"
DETECTION_SETTING = settings.DETECTION
# How far back the previous run's last heartbeat is looked for. Older than this, work that
# ended while trayclock was down is not looked for in the logs (they hardly reach back so far).
PREVIOUS_RUN_LOOKBACK_DAYS = 31


@dataclass(frozen=True)
class DetectionOptions:
    """What the environment changes about the real detection (see the module docstring)."""

    grace_s: float | None = None  # None: the monitor's default
    log_paths: dict[str, list[Path]] | None = None  # None: every app's usual places

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> DetectionOptions:
        """Read `TRAYCLOCK_GRACE_S` and `TRAYCLOCK_LOGS`; ValueError names a bad value."""
        from trayclock.domain.session import APPS

        env = os.environ if environ is None else environ
        grace_s: float | None = None
        raw_grace = env.get(GRACE_ENV, "").strip()
        if raw_grace:
            try:
                grace_s = float(raw_grace)
            except ValueError:
                raise ValueError(f"{GRACE_ENV}={raw_grace!r}: not a number of seconds") from None
            if not grace_s >= 0:  # also refuses nan
                raise ValueError(f"{GRACE_ENV}={raw_grace!r}: must not be negative")
        log_paths: dict[str, list[Path]] | None = None
        raw_logs = env.get(LOGS_ENV, "").strip()
        if raw_logs:
            log_paths = {}
            for item in raw_logs.split(os.pathsep):
                if not item.strip():
                    continue
                app, sep, path = item.partition("=")
                if not sep or app.strip() not in APPS:
                    raise ValueError(
                        f"{LOGS_ENV}: {item!r} is not APP=PATH with APP one of {', '.join(APPS)}"
                    )
                paths_of_app = log_paths.setdefault(app.strip(), [])
                if path.strip():
                    paths_of_app.append(Path(path.strip()).expanduser())
        return cls(grace_s, log_paths)

    @classmethod
    def from_setting(cls, value: object) -> DetectionOptions:
        """Read the store's `detection` setting (None: not set); ValueError names a bad field."""
        from trayclock.domain.session import APPS

        where = f"setting {DETECTION_SETTING!r}"
        if value is None:
            return cls()
        if not isinstance(value, dict):
            raise ValueError(f"{where}: must be an object, got {type(value).__name__}")
        unknown = sorted(set(value) - {"grace_s", "log_paths"})
        if unknown:
            raise ValueError(f"{where}: unknown field(s) {', '.join(unknown)}")
        grace_s = value.get("grace_s")
        if grace_s is not None:
            if isinstance(grace_s, bool) or not isinstance(grace_s, int | float):
                raise ValueError(f"{where}.grace_s={grace_s!r}: not a number of seconds")
            if not grace_s >= 0:  # also refuses nan
                raise ValueError(f"{where}.grace_s={grace_s!r}: must not be negative")
        raw_paths = value.get("log_paths")
        log_paths: dict[str, list[Path]] | None = None
        if raw_paths is not None:
            if not isinstance(raw_paths, dict):
                raise ValueError(f"{where}.log_paths: must be an object of APP: [PATH, …]")
            log_paths = {}
            for app, listed in raw_paths.items():
                if app not in APPS:
                    raise ValueError(f"{where}.log_paths: {app!r} is not one of {', '.join(APPS)}")
                if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
                    raise ValueError(f"{where}.log_paths.{app}: must be a list of paths")
                log_paths[app] = [Path(p.strip()).expanduser() for p in listed if p.strip()]
        return cls(None if grace_s is None else float(grace_s), log_paths)

    def over(self, base: DetectionOptions) -> DetectionOptions:
        """These options where set, `base`'s elsewhere (an app's log paths count as one field)."""
        log_paths = None
        if self.log_paths is not None or base.log_paths is not None:
            log_paths = {**(base.log_paths or {}), **(self.log_paths or {})}
        grace_s = self.grace_s if self.grace_s is not None else base.grace_s
        return DetectionOptions(grace_s, log_paths)


def previous_run(
    conn: sqlite3.Connection, recovered: Sequence[Entry], now: datetime
) -> PreviousRun | None:
    """The previous run's last sign of life (the newest heartbeat in the store) and the
    session keys its crash recovery just closed; None when the store shows no recent run.

    Read-only. A heartbeat is written every HEARTBEAT_S while anything runs, and recording a
    session's end moves its entry's heartbeat up to that end, so no session that ended after
    this moment was recorded.
    """
    since = now - timedelta(days=PREVIOUS_RUN_LOOKBACK_DAYS)
    newest = entries.last_heartbeat(conn, since, now + timedelta(days=1))
    beats = [e.heartbeat for e in recovered] + ([newest] if newest is not None else [])
    if not beats:
        return None
    left_open = frozenset(e.session_key for e in recovered if e.session_key)
    return PreviousRun(max(beats), left_open)


def stored_detection_options(conn: sqlite3.Connection) -> DetectionOptions:
    """The store's `detection` setting; a bad one is logged (naming it) and ignored."""
    try:
        value = settings.get(conn, DETECTION_SETTING)
    except ValueError as error:  # not JSON (written by hand)
        log.error("setting %r is not valid JSON (%s); using the defaults", DETECTION_SETTING, error)
        return DetectionOptions()
    try:
        return DetectionOptions.from_setting(value)
    except ValueError as error:
        log.error("%s; using the defaults instead", error)
        return DetectionOptions()


@dataclass
class TrayApp:
    """Every long-lived object of a running trayclock, built by `build`."""

    qt: QApplication
    paths: Paths
    lock: QLockFile
    conn: sqlite3.Connection
    tracker: Tracker
    backend: StoreBackend
    model: TrayModel
    tray: TrayController
    doorway: Doorway
    waiter: TrayWaiter
    worker: DetectionWorker | None
    reminder: ReviewReminder
    timers: list[QTimer] = field(default_factory=list)

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
        self.lock.unlock()


class AlreadyRunning(Exception):
    """Another trayclock holds the lock: this one must not start."""


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
    tracker = Tracker(conn, clock)
    closed = tracker.recover()
    if closed:
        log.info("closed %d entries left running by the last run", len(closed))

    source: EventSource | None
    monitor: MonitorSource | None = None
    if detection is True:
        tuned = stored_detection_options(conn).over(options or DetectionOptions())
        source = monitor = MonitorSource(
            clock,
            grace_s=tuned.grace_s,
            log_paths=tuned.log_paths,
            previous=previous_run(conn, closed, clock.now()),
        )
    else:
        source = detection or None

    def on_detection_paused(paused: bool) -> None:
        log.info("detection %s", "paused" if paused else "resumed")
        if monitor is not None:
            monitor.set_paused(paused)

    backend = StoreBackend(conn, tracker, clock, on_detection_paused=on_detection_paused)
    model = TrayModel(backend)
    open_review = review_opener(conn, clock)
    tray = TrayController(
        model,
        open_review=open_review,
        open_customers=customers_opener(conn, clock, model),
        open_settings=settings_opener(conn, clock, model, str(app_paths.data_dir)),
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
    return TrayApp(
        qt,
        app_paths,
        lock,
        conn,
        tracker,
        backend,
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


def run_tray(*, detection: EventSource | bool | None = True, clock: Clock | None = None) -> int:
    """`trayclock` with no command: the tray until Quit, then Qt's exit status.

    ExitCode.FAILED when one already runs; INVALID_INPUT for a bad TRAYCLOCK_GRACE_S or
    TRAYCLOCK_LOGS, or a store it cannot open.
    """
    setup_logging(paths().ensure())
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
        return ExitCode.INVALID_INPUT
    try:
        app = build(qt, clock=clock, detection=detection, options=options)
    except AlreadyRunning as error:
        log.error("%s", error)
        return ExitCode.FAILED
    except db.StoreError as error:
        log.error("cannot open the store: %s", error)
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
    return int(qt.exec())
