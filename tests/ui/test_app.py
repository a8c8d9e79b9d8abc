"""The composition root: one doorway from the detection thread, single instance, the tray wait."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from trayclock import app as app_module
from trayclock.clock import SystemClock
from trayclock.commands import demo
from trayclock.config import paths
from trayclock.domain.session import EventKind
from trayclock.services.detection_options import DetectionOptions
from trayclock.services.ui_prefs import REMINDER, update_ui
from trayclock.store import customers, db, entries, mappings, settings
from trayclock.ui.doorway import DetectionWorker, Doorway
from trayclock.ui.icons import TrayState
from trayclock.ui.instance_lock import LOCK_FILE_NAME


def test_events_from_a_worker_thread_arrive_on_the_gui_thread(qtbot) -> None:
    doorway = Doorway()
    seen: list[tuple[object, bool]] = []
    doorway.arrived.connect(
        lambda item: seen.append((item, threading.current_thread() is threading.main_thread()))
    )

    def source(emit, stop: threading.Event) -> None:
        for n in range(3):
            emit(n)
        stop.wait()

    worker = DetectionWorker(source, doorway)
    worker.start()
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(0, True), (1, True), (2, True)]
    assert worker.stop() and not worker.running


def test_the_doorway_queues_even_on_the_gui_thread_and_keeps_the_order(qtbot) -> None:
    doorway = Doorway()
    seen: list[object] = []
    doorway.arrived.connect(seen.append)
    doorway.post("first")
    doorway.post("second")
    assert seen == []  # queued: nothing is handled inside `post`, not even on the GUI thread
    QCoreApplication.sendPostedEvents(doorway)  # what the app's shutdown does
    assert seen == ["first", "second"]

    # A worker's items and the GUI thread's own, interleaved: each in the order it posted.
    def source(emit, stop: threading.Event) -> None:
        for n in range(200):
            emit(n)
        stop.wait()

    seen.clear()
    worker = DetectionWorker(source, doorway)
    worker.start()
    for n in range(200):
        doorway.post(f"gui-{n}")
    qtbot.waitUntil(lambda: len(seen) == 400)
    assert [item for item in seen if isinstance(item, int)] == list(range(200))
    assert [item for item in seen if isinstance(item, str)] == [f"gui-{n}" for n in range(200)]
    assert worker.stop()


def test_a_second_instance_is_refused(qtbot) -> None:
    qt = app_module.make_qapplication()
    assert not qt.quitOnLastWindowClosed()
    first = app_module.build(qt, detection=None)
    try:
        with pytest.raises(app_module.AlreadyRunning, match="already running"):
            app_module.build(qt, detection=None)
    finally:
        first.shutdown()
    second = app_module.build(qt, detection=None)  # the lock is free again
    second.shutdown()


def test_demo_script_plays_the_whole_flow_on_its_own_store(qtbot, private_home) -> None:
    clock = SystemClock()
    demo.seed(clock)
    # The end-of-day reminder is not this test's: after 17:30 (the system clock's local time)
    # its "Review your day" came first among the notifications counted below.
    conn = db.connect(paths().ensure().database)
    try:
        update_ui(conn, {REMINDER: None}, now=clock.now())
    finally:
        conn.close()
    script = demo.ScriptedDetection(demo.script(step_s=0.01), clock)
    qt = app_module.make_qapplication()
    built = app_module.build(qt, clock=clock, detection=script, tray_wait_s=0)
    notes: list[str] = []
    built.tray.notifier.notified.connect(lambda title, _message: notes.append(title))
    try:
        app_module.start(built)
        qtbot.waitUntil(script.done.is_set)
        qtbot.waitUntil(lambda: len(built.model.snapshot.running) == 1)
        (waiting,) = built.model.snapshot.running  # the unknown TeamViewer partner
        assert waiting.entry.source == "teamviewer" and waiting.customer is None
        assert built.tray.prompt.isVisible()
        assert built.tray.state is TrayState.WAITING
        assert notes[:3] == [
            "Acme Dental: session attached",
            "Beta Bakery: session attached",
            "Two customers at once",
        ]
        day = entries.in_range(built.conn, clock.now() - timedelta(hours=6), clock.now())
        by_source = {e.source: e for e in day}
        assert by_source["anydesk"].end is not None and by_source["anydesk"].overlap
        assert by_source["rustdesk"].end is not None and by_source["rustdesk"].overlap
    finally:
        built.shutdown()
        QApplication.processEvents()
    # Everything the demo wrote is under the private home of this test.
    assert paths().database.is_relative_to(private_home)
    conn = db.connect(paths().database)
    try:
        assert {c.name for c in customers.list_all(conn)} >= {"Acme Dental", "Beta Bakery"}
        assert mappings.lookup(conn, "anydesk", demo.KNOWN_ANYDESK[0]) is not None
    finally:
        conn.close()


def test_demo_events_look_like_detection(qtbot) -> None:
    clock = SystemClock()
    script = demo.ScriptedDetection(demo.script(step_s=1), clock)
    events = [script.event(step) for step in demo.script(step_s=1)]
    assert [e.kind for e in events].count(EventKind.STARTED) == 3
    ends = [e for e in events if e.kind is EventKind.ENDED]
    assert all(e.session.end is not None and e.session.end >= e.session.start for e in ends)
    starts = {e.session.key: e.session.start for e in events if e.kind is EventKind.STARTED}
    assert all(starts[e.session.key] == e.session.start for e in ends)  # one session, one start


def test_the_review_window_and_its_reminder_are_wired(qtbot) -> None:
    qt = app_module.make_qapplication()
    built = app_module.build(qt, detection=None, tray_wait_s=0)
    try:
        assert built.tray._openers["review"] is not None, "the menu must open the review window"
        assert built.reminder is not None
        with qtbot.waitSignal(built.tray.notifier.notified) as note:
            built.reminder.due.emit(date(2026, 11, 2))
        assert note.args[0] == "Review your day"
    finally:
        built.shutdown()


def test_the_tracker_gets_the_grace_period_detection_gets(qtbot) -> None:  # type: ignore[no-untyped-def]
    # TRAYCLOCK_GRACE_S (or the stored setting) is one rule: a returning partner continues
    # its entry within the same grace the monitor waits before a session counts as ended.
    qt = app_module.make_qapplication()
    built = app_module.build(qt, detection=None, options=DetectionOptions(grace_s=5.0))
    try:
        assert built.tracker.timing.grace == timedelta(seconds=5)
    finally:
        built.shutdown()
    conn = db.connect()
    settings.put(conn, settings.DETECTION, {"grace_s": 12}, now=datetime(2026, 11, 2, tzinfo=UTC))
    conn.close()
    built = app_module.build(qt, detection=None)
    try:
        assert built.tracker.timing.grace == timedelta(seconds=12)
    finally:
        built.shutdown()


def test_demo_command_runs_on_its_own_home_and_cleans_up(
    tmp_path, monkeypatch, private_home
) -> None:
    import argparse
    import os

    seen: dict[str, object] = {}

    def fake_run_tray(*, detection, clock) -> int:
        seen["home"] = os.environ["TRAYCLOCK_HOME"]
        seen["database"] = paths().database
        conn = db.connect(paths().database)
        try:
            seen["customers"] = [c.name for c in customers.list_all(conn)]
        finally:
            conn.close()
        seen["detection"] = detection
        return 0

    monkeypatch.setattr(app_module, "run_tray", fake_run_tray)
    home = tmp_path / "demo"
    parser = argparse.ArgumentParser()
    demo.add_arguments(parser)
    assert demo.run(parser.parse_args(["--home", str(home)]), SystemClock()) == 0
    assert seen["home"] == str(home.resolve())
    assert str(seen["database"]).startswith(str(home.resolve()))
    assert "Acme Dental" in seen["customers"]  # type: ignore[operator]
    assert isinstance(seen["detection"], demo.ScriptedDetection)
    assert not home.exists()  # thrown away
    assert not (private_home / "data").exists()  # the store in force before was never touched

    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    assert demo.run(parser.parse_args(["--home", str(busy)]), SystemClock()) == 2
    assert (busy / "keep.txt").read_text() == "mine"


def test_a_lock_left_by_a_killed_trayclock_is_taken_over(qtbot) -> None:
    import subprocess
    import sys

    lock_path = paths().ensure().data_dir / LOCK_FILE_NAME
    crash = (
        "import os, signal, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1])\n"
        "assert lock.tryLock(1000)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", crash, str(lock_path)], check=False, timeout=60)
    assert lock_path.exists()  # left behind by the killed process
    qt = app_module.make_qapplication()
    built = app_module.build(qt, detection=None)
    built.shutdown()


def test_every_window_is_reachable_by_following_imports_from_the_composition_root() -> None:
    # PyInstaller bundles what it finds by following import statements (function-level ones
    # included) from the entry point; a window reached only through an importlib string was
    # left out of the bundle. modulefinder follows imports the same way.
    import modulefinder
    import sys
    from pathlib import Path

    root = Path(app_module.__file__).resolve().parents[1]
    third_party = ["PySide6", "shiboken6", "Xlib", "watchdog", "psutil", "keyring", "requests"]
    finder = modulefinder.ModuleFinder(path=[str(root), *sys.path], excludes=third_party)
    finder.run_script(app_module.__file__)
    windows = {
        "trayclock.ui.review.window",
        "trayclock.ui.review.reminder",
        "trayclock.ui.customers",
        "trayclock.ui.settings",
        "trayclock.ui.status_window",
        "trayclock.detect.monitor",
        # Imported on first use (an idle tray does without them):
        "trayclock.ui.prompt",
        "trayclock.ui.about",
        "trayclock.ui.self_check",
        "trayclock.services.review.source",
        "trayclock.services.autostart_port",
        "trayclock.services.customers",
    }
    assert windows <= set(finder.modules), sorted(windows - set(finder.modules))


def test_the_open_review_window_follows_what_the_tray_records(qtbot) -> None:
    # The app wires one "store changed" notice: a session the tray records shows in the
    # review window already open, without navigating.
    from trayclock.domain.clock import ManualClock
    from trayclock.domain.session import Outcome, RemoteSession, SessionEvent

    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    qt = app_module.make_qapplication()
    built = app_module.build(qt, clock=ManualClock(now), detection=None, tray_wait_s=0)
    try:
        window = built.tray._openers["review"]()
        qtbot.waitUntil(lambda: window.view is not None and window.view.priced)
        assert window.view.rows == ()
        session = RemoteSession("anydesk", "ad-1", "123456789", None, now, None, Outcome.OPEN)
        built.model.on_session_event(SessionEvent(EventKind.STARTED, session, now))
        qtbot.waitUntil(lambda: len(window.view.rows) == 1, timeout=5000)
        assert window.view.rows[0].running
        window.close()
    finally:
        built.shutdown()
