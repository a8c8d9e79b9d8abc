"""An idle tray does nothing: one timer (the heartbeat), nothing built or imported before use.

The composition root as `trayclock` builds it (detection left out: its own idle cost is
tests/integration and bench/bench_detect.py's), offscreen, on a tray that is there. The
figures (wake-ups, CPU, memory against a bare tray icon) are bench/bench_idle.py's.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from trayclock import app as app_module
from trayclock.domain.clock import ManualClock
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.services.zones import company_zone
from trayclock.store import settings
from trayclock.tracker import HEARTBEAT_S

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday morning; the reminder is at 17:30


def live_timers() -> list[QTimer]:
    return [t for t in gc.get_objects() if isinstance(t, QTimer) and shiboken6.isValid(t)]


@pytest.fixture
def tray_is_there(monkeypatch: pytest.MonkeyPatch) -> None:
    # Offscreen has no tray; a desktop with one is what "idle" means here.
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))


@pytest.fixture
def started(qtbot, tray_is_there) -> Iterator[tuple[app_module.TrayApp, set[int]]]:
    """The app built and started; with it, the ids of the timers that existed before."""
    before = {id(t) for t in live_timers()}
    qt = app_module.make_qapplication()
    built = app_module.build(qt, clock=ManualClock(NOW), detection=None)
    try:
        with qtbot.waitSignal(built.waiter.tray_shown, timeout=5000):
            app_module.start(built)
        QApplication.processEvents()
        yield built, before
    finally:
        built.shutdown()
        QApplication.processEvents()


def test_after_start_up_only_the_heartbeat_ticks(started) -> None:
    built, before = started
    ours = [t for t in live_timers() if id(t) not in before and t.isActive()]
    repeating = [t for t in ours if not t.isSingleShot()]
    # No 300 ms signal poll (SIGINT/SIGTERM come through the wake-up fd), no tooltip
    # refresh, no reminder check every 30 s: the heartbeat alone.
    assert [t.objectName() for t in repeating] == ["heartbeat"]
    assert repeating[0].interval() == int(HEARTBEAT_S * 1000)
    # The only other one: the end-of-day reminder, one shot set for 17:30 local time.
    (reminder,) = [t for t in ours if t.isSingleShot()]
    assert reminder.parent() is built.reminder
    zone = company_zone(settings.policy(built.conn))
    due = datetime.combine(NOW.astimezone(zone).date(), datetime.min.time(), zone).replace(
        hour=17, minute=30
    )
    assert built.reminder.next_at is not None
    assert abs(built.reminder.next_at - due) < timedelta(seconds=1)


def test_nothing_is_built_before_it_is_needed(started) -> None:
    built, _before = started
    assert not built.tray.prompt_built  # its widgets and fonts wait for the first session
    for opener in ("review", "customers", "settings", "about"):
        window = built.tray._openers[opener]
        assert getattr(window, "window", None) is None, opener


def test_the_prompt_is_built_when_a_session_first_needs_one(started, qtbot) -> None:
    built, _before = started
    session = RemoteSession("anydesk", "ad-1", "123456789", None, NOW, None, Outcome.OPEN)
    built.model.on_session_event(SessionEvent(EventKind.STARTED, session, NOW))
    assert built.tray.prompt_built
    assert built.tray.prompt.isVisible()


def test_an_idle_heartbeat_sends_nothing_to_the_tray_host(started) -> None:
    # Each menu rebuild and tooltip change is a D-Bus message to the tray host (and a wake-up
    # of the host): an idle heartbeat, with nothing new to say, sends none.
    built, _before = started
    menu_items = list(built.tray.menu.actions())
    tooltips: list[str] = []
    original = built.tray.icon.setToolTip
    built.tray.icon.setToolTip = lambda text: (tooltips.append(text), original(text))  # type: ignore[method-assign]
    built.model.on_heartbeat()
    built.reminder.on_heartbeat()
    assert list(built.tray.menu.actions()) == menu_items  # the same items: not rebuilt
    assert tooltips == []


def test_while_a_session_runs_the_heartbeat_moves_its_elapsed_time(started) -> None:
    # No timer of the tray's own: the heartbeat refreshes the tooltip and the menu.
    built, _before = started
    clock = built.service.clock
    assert isinstance(clock, ManualClock)
    session = RemoteSession("anydesk", "ad-1", "123456789", None, NOW, None, Outcome.OPEN)
    built.model.on_session_event(SessionEvent(EventKind.STARTED, session, NOW))
    built.tray.prompt.hide()
    assert "0 min" in built.tray.icon.toolTip()
    for _beat in range(6):  # three minutes of heartbeats (a longer gap would be a sleep)
        clock.advance(timedelta(seconds=HEARTBEAT_S))
        built.model.on_heartbeat()
    assert "3 min" in built.tray.icon.toolTip()
    title = [a.text() for a in built.tray.menu.actions() if a.menu() is not None]
    assert any(text.endswith("3 min") for text in title), title
