"""A logout's SIGTERM can arrive while the tray is halfway through writing what detection
said: the quit must wait for that write, and the store must be closed after it, never under it.

Python runs a signal's handler between any two bytecodes of the GUI thread. Here the signal
is sent from inside the handling of a session's end, the moment a logout right after
closing the session window hits on a loaded machine (tests/integration/test_end_to_end.py
saw it as an entry left running).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QTimer

from trayclock import app as app_module
from trayclock.config import paths
from trayclock.domain.clock import ManualClock
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.services.ui_prefs import FIRST_START_SKIPPED, mark_first_start
from trayclock.store import db, entries

T0 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)  # the app's clock: no test reads today's date
DEADLINE_MS = 30_000  # the loop is ended by then in any case, so a broken quit fails, not hangs


def _set_up_store() -> None:
    conn = db.connect(paths().ensure().database)
    try:
        mark_first_start(conn, FIRST_START_SKIPPED, now=T0)
    finally:
        conn.close()


def _one_session(started: datetime) -> tuple[SessionEvent, SessionEvent]:
    session = RemoteSession("anydesk", "ad:1", "123456789", None, started, None, Outcome.OPEN)
    ended_at = started + timedelta(seconds=40)
    ended = session.with_changes(end=ended_at, outcome=Outcome.COMPLETED)
    return (
        SessionEvent(EventKind.STARTED, session, started),
        SessionEvent(EventKind.ENDED, ended, ended_at),
    )


def test_a_sigterm_halfway_through_writing_a_sessions_end_quits_after_the_write(
    qtbot, caplog
) -> None:
    _set_up_store()
    started = T0 - timedelta(minutes=5)
    start_event, end_event = _one_session(started)
    first_applied = threading.Event()

    def detection(emit: Callable[[SessionEvent], None], stop: threading.Event) -> None:
        emit(start_event)
        first_applied.wait(DEADLINE_MS / 1000)
        emit(end_event)
        stop.wait()

    qt = app_module.make_qapplication()
    built = app_module.build(qt, clock=ManualClock(T0), detection=detection, tray_wait_s=0)
    handle = built.service.handle
    signalled: list[EventKind] = []

    def handle_with_a_logout_in_the_middle(event: SessionEvent) -> None:
        if event.kind is EventKind.ENDED:
            signalled.append(event.kind)
            os.kill(os.getpid(), signal.SIGTERM)  # its Python handler runs right here
        handle(event)
        first_applied.set()

    built.service.handle = handle_with_a_logout_in_the_middle  # type: ignore[method-assign]
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(qt.quit)
    deadline.start(DEADLINE_MS)
    previous_term = signal.getsignal(signal.SIGTERM)
    previous_int = signal.getsignal(signal.SIGINT)
    try:
        status = app_module.serve(qt, built)
    finally:
        deadline.stop()
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)

    assert status == 0
    assert signalled == [EventKind.ENDED], "the signal was never sent: the scene did not happen"
    assert built.closed
    assert not [r for r in caplog.records if "tracker refused" in r.getMessage()]
    conn = db.connect(paths().database)
    try:
        (entry,) = entries.in_range(conn, started - timedelta(minutes=1), T0)
    finally:
        conn.close()
    assert (entry.start, entry.end, entry.end_reason) == (started, end_event.at, "ended")
