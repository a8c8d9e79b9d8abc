"""Fixtures for the tray tests: the real store and tracker on a private file, detection scripted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tray_world import T0, ScriptedDetection, TrayWorld

from trayclock.domain.clock import ManualClock
from trayclock.services.tray import TrayService
from trayclock.services.tray_types import SyncHealth
from trayclock.store import db
from trayclock.tracker import Tracker
from trayclock.ui.session_model import TrayModel
from trayclock.ui.tray import TrayController


@pytest.fixture
def world(qtbot, tmp_path: Path) -> Iterator[TrayWorld]:
    clock = ManualClock(T0)
    conn = db.connect(tmp_path / "tray.sqlite3")
    tracker = Tracker(conn, clock)
    sync = [SyncHealth()]
    service = TrayService(conn, tracker, clock, sync_health=lambda: sync[0])
    model = TrayModel(service)
    # Notifications through the tray icon: the same on every machine the suite runs on
    # (the desktop tests check the D-Bus ones with a real notification daemon).
    tray = TrayController(model, dbus_notifications=False)
    yield TrayWorld(clock, service, model, tray, ScriptedDetection(clock), sync)
    tray.close()
    tray.menu.deleteLater()
    conn.close()
