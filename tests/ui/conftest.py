"""Fixtures for the tray tests: the real store and tracker on a private file, detection scripted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tray_world import T0, ScriptedDetection, TrayWorld

from trayclock.domain.clock import ManualClock
from trayclock.store import db
from trayclock.tracker import Tracker
from trayclock.ui.backend import StoreBackend
from trayclock.ui.ports import SyncHealth
from trayclock.ui.session_model import TrayModel
from trayclock.ui.tray import TrayController


@pytest.fixture
def world(qtbot, tmp_path: Path) -> Iterator[TrayWorld]:
    clock = ManualClock(T0)
    conn = db.connect(tmp_path / "tray.sqlite3")
    tracker = Tracker(conn, clock)
    sync = [SyncHealth()]
    backend = StoreBackend(conn, tracker, clock, sync_health=lambda: sync[0])
    model = TrayModel(backend)
    tray = TrayController(model)
    qtbot.addWidget(tray.prompt)
    yield TrayWorld(clock, backend, model, tray, ScriptedDetection(clock), sync)
    tray.close()
    tray.menu.deleteLater()
    conn.close()
