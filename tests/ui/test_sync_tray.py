"""The tray's sync part over the real store and tracker (the sync state set by the test):
the menu's sync line in each state, the tooltip, "Sync now", and a refused login — the
icon's sync problem, one notification whose click asks for the password, the menu entry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMenu
from tray_world import T0

from trayclock.domain.clock import ManualClock
from trayclock.services.tray import TrayService
from trayclock.services.tray_types import (
    SYNC_FAILING,
    SYNC_OK,
    SYNC_PENDING,
    SyncHealth,
)
from trayclock.store import db
from trayclock.sync.reasons import Code, reason
from trayclock.tracker import Tracker
from trayclock.ui.i18n import install_translations
from trayclock.ui.icons import TrayState
from trayclock.ui.session_model import TrayModel
from trayclock.ui.tray import TrayController

LOCAL = T0.astimezone()  # the tests' zone is pinned (tests/conftest.py)


class SyncTray:
    def __init__(self, tmp_path: Path) -> None:
        self.clock = ManualClock(T0)
        self.conn = db.connect(tmp_path / "tray.sqlite3")
        self.health = SyncHealth()
        self.asked: list[str] = []
        self.synced: list[str] = []
        self.service = TrayService(
            self.conn, Tracker(self.conn, self.clock), self.clock,
            sync_health=lambda: self.health, sync_now=lambda: self.synced.append("now"),
        )  # fmt: skip
        self.model = TrayModel(self.service)
        self.tray = TrayController(
            self.model, ask_password=lambda: self.asked.append("password"),
            dbus_notifications=False,
        )  # fmt: skip

    def show(self, health: SyncHealth) -> None:
        self.health = health
        self.model.refresh()

    def action(self, name: str):  # type: ignore[no-untyped-def]
        menu: QMenu = self.tray.menu
        found = [a for a in menu.actions() if a.objectName() == name]
        return found[0] if found else None

    def line(self) -> str:
        found = self.action("syncStatus")
        assert found is not None
        return str(found.text())


@pytest.fixture
def tray(qtbot, tmp_path: Path) -> Iterator[SyncTray]:
    made = SyncTray(tmp_path)
    qtbot.addWidget(made.tray.prompt)
    yield made
    made.tray.close()
    made.tray.menu.deleteLater()
    made.conn.close()


def test_the_sync_line_says_waiting_up_to_date_or_the_problem(tray: SyncTray, qtbot) -> None:
    assert tray.line() == "Sync: no backend set up"
    assert not tray.action("syncNow").isEnabled()
    tray.show(SyncHealth(SYNC_PENDING, 3, kind="tryton"))
    assert tray.line() == "Sync: 3 waiting"
    assert "Sync: 3 waiting" in tray.tray.icon.toolTip()
    retry = T0 + timedelta(minutes=15)
    timed_out = reason(Code.TIMED_OUT, request="POST https://erp.example.com/acme/rpc/")
    tray.show(SyncHealth(SYNC_PENDING, 1, timed_out, kind="tryton", problem="unreachable",
                         retry_at=retry))  # fmt: skip
    assert tray.line() == f"Sync: 1 waiting — no answer, next try {retry.astimezone():%H:%M}"
    assert tray.tray.state is not TrayState.SYNC_PROBLEM  # offline is normal: it waits
    done = T0 - timedelta(minutes=5)
    tray.show(SyncHealth(SYNC_OK, kind="tryton", last_success_at=done))
    assert tray.line() == f"Sync: up to date, {done.astimezone():%H:%M}"
    yesterday = T0 - timedelta(days=1)
    tray.show(SyncHealth(SYNC_OK, kind="tryton", last_success_at=yesterday))
    assert tray.line() == f"Sync: up to date, {yesterday.astimezone():%Y-%m-%d %H:%M}"
    english = install_translations(QCoreApplication.instance(), QLocale("en"))  # plurals
    try:
        tray.show(SyncHealth(SYNC_FAILING, 0, kind="tryton", failed=1, conflicts=2))
        assert tray.line() == "Sync problem: 1 entry refused, 2 conflicts to decide"
    finally:
        for translator in english:
            QCoreApplication.removeTranslator(translator)
    assert tray.tray.state is TrayState.SYNC_PROBLEM
    tray.action("syncNow").trigger()
    qtbot.waitUntil(lambda: tray.synced == ["now"])


def test_a_refused_login_notifies_once_and_its_click_asks_for_the_password(
    tray: SyncTray, qtbot
) -> None:
    notes: list[tuple[str, str]] = []
    tray.tray.notifier.notified.connect(lambda title, message: notes.append((title, message)))
    login = reason(Code.TRYTON_LOGIN_REFUSED, user="tech", database="acme")
    refused = SyncHealth(SYNC_FAILING, 2, login, kind="tryton",
                         problem="needs_password")  # fmt: skip
    tray.show(refused)
    assert tray.tray.state is TrayState.SYNC_PROBLEM
    assert tray.line() == "Sync problem: Tryton refused the password; enter it again"
    ((title, message),) = notes
    assert title == "Sync paused"
    assert message.startswith("Tryton refused the password; enter it again.")
    tray.show(refused)  # still paused: no second notification
    assert len(notes) == 1
    tray.tray.notifier.on_message_clicked()  # a click on the notification
    assert tray.asked == ["password"]
    entry = tray.action("syncPassword")
    assert entry is not None and entry.text() == "Enter the password…"
    entry.trigger()
    qtbot.waitUntil(lambda: tray.asked == ["password", "password"])
    tray.show(SyncHealth(SYNC_OK, kind="tryton", last_success_at=T0))
    assert tray.action("syncPassword") is None
    assert tray.tray.state is TrayState.IDLE


def test_the_sync_line_speaks_german(tray: SyncTray) -> None:
    app = QCoreApplication.instance()
    installed = install_translations(app, QLocale("de"))
    try:
        tray.show(SyncHealth(SYNC_PENDING, 3, kind="tryton"))
        assert tray.line() == "Sync: 3 warten"
        tray.show(SyncHealth(SYNC_FAILING, 1, kind="kimai", problem="needs_password"))
        assert tray.line() == (
            "Sync-Problem: Kimai hat das API-Token abgelehnt; bitte neu eingeben"
        )
        assert tray.action("syncPassword").text() == "API-Token eingeben…"
        # What the backend's settings lack, in German; the database name is data.
        missing = reason(Code.TRYTON_NO_DATABASE, url="https://erp.example.com", database="acme")
        tray.show(SyncHealth(SYNC_FAILING, 0, missing, kind="tryton", problem="settings"))
        assert tray.line() == (
            "Sync-Problem: prüfen Sie die Backend-Einstellungen (Tryton unter "
            "https://erp.example.com hat keine Datenbank „acme“)"
        )
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
