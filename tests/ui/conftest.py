"""Fixtures for the UI tests: the real store and tracker on a private file, detection scripted;
the UI's language (German, English) for a test, and back to the suite's own afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QDesktopServices
from stand_in_file_manager import FileManager
from tray_world import T0, ScriptedDetection, TrayWorld

from trayclock.domain.clock import ManualClock
from trayclock.services.tray import TrayService
from trayclock.services.tray_types import SyncHealth
from trayclock.store import db
from trayclock.tracker import Tracker
from trayclock.ui.i18n import install_translations, remove_translations
from trayclock.ui.session_model import TrayModel
from trayclock.ui.tray import TrayController


@pytest.fixture
def file_manager() -> Iterator[FileManager]:
    """What QDesktopServices.openUrl opens file URLs with, for this test (as Qt lets any app
    register one)."""
    manager = FileManager()
    QDesktopServices.setUrlHandler("file", manager, "show")
    try:
        yield manager
    finally:
        QDesktopServices.unsetUrlHandler("file")


@pytest.fixture(autouse=True)
def suite_locale() -> Iterator[None]:
    """Numbers and dates as the suite's C locale writes them, whatever a test installed."""
    yield
    QLocale.setDefault(QLocale.system())


def speaking(locale: QLocale, catalogue: str) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None, "the qapp fixture makes the application"
    installed = install_translations(app, locale)
    assert any(t.filePath().endswith(catalogue) for t in installed), catalogue
    try:
        yield
    finally:
        remove_translations(app, installed)


@pytest.fixture
def german(qapp) -> Iterator[None]:
    """The UI speaks German (trayclock's catalogue and Qt's own), as `de` in the settings."""
    yield from speaking(
        QLocale(QLocale.Language.German, QLocale.Country.Germany), "trayclock_de.qm"
    )


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """The UI speaks English with its plural forms ("1 session", "2 sessions")."""
    yield from speaking(
        QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "trayclock_en.qm"
    )


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
