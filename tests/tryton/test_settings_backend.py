"""The settings window's Backend tab with the live Tryton and the real Secret Service: each
field checked as typed, "Test connection" run off the GUI thread (the window keeps
processing events while the login is held back), Save puts the secret in the keyring and
nowhere in the database file, and the submitted days are queued for the new backend."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from tests.keyring_service import SecretServiceSession
from tests.tryton.app_sync_support import NOW
from tests.tryton.server import TrytonServer
from tests.tryton.sync_support import POLICY, T0
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry, SyncState
from trayclock.services.backend_check import BackendForm
from trayclock.services.settings_book import SettingsBook
from trayclock.store import db, entries, outbox, settings, submission
from trayclock.sync.secrets import Secret, open_store
from trayclock.ui.settings import SettingsWindow
from trayclock.ui.settings.backend_page import BackendPage
from trayclock.ui.sync_offthread import Outcome

pytestmark = pytest.mark.integration

TEST_WAIT_MS = 60_000


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[sqlite3.Connection, Path]]:
    path = tmp_path / "settings.sqlite3"
    conn = db.connect(path)
    settings.set_policy(conn, POLICY, now=NOW)
    yield conn, path
    conn.close()


def open_window(qtbot, conn: sqlite3.Connection) -> SettingsWindow:
    window = SettingsWindow(SettingsBook(conn, ManualClock(NOW), environ={}), "/data")
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    return window


def retype(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def fill(qtbot, page: BackendPage, url: str, database: str, user: str, secret: str) -> None:
    page.kind.setCurrentIndex(page.kind.findData("tryton"))
    retype(qtbot, page.url.edit, url)
    retype(qtbot, page.database.edit, database)
    retype(qtbot, page.user.edit, user)
    retype(qtbot, page.secret, secret)


def test_the_backend_fields_are_checked_as_typed(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    conn, _path = store
    window = open_window(qtbot, conn)
    page = window.backend
    assert window.tabs.tabText(window.tabs.count() - 1) == "Backend"
    assert page.kind.currentData() == "none" and not page.url.isEnabled()
    assert page.state.text() == "Sync: no backend set up"
    assert window.save_button.isEnabled() and not page.test_button.isEnabled()
    page.kind.setCurrentIndex(page.kind.findData("tryton"))
    assert page.database.isVisible() and page.user.isVisible()
    assert page.secret_label.text() == "Password"
    assert not window.save_button.isEnabled()
    qtbot.keyClicks(page.url.edit, "http://erp.example.com")
    assert "Plain http:// only reaches this computer" in page.url.shown_problem()
    retype(qtbot, page.url.edit, "https://tech:pw@erp.example.com")
    assert "Leave the user name and password out" in page.url.shown_problem()
    retype(qtbot, page.url.edit, "https://erp.example.com")
    assert page.url.shown_problem() == ""
    qtbot.keyClicks(page.database.edit, "a/b")
    assert "is not a Tryton database name" in page.database.shown_problem()
    retype(qtbot, page.database.edit, "acme")
    qtbot.keyClicks(page.user.edit, "tech")
    assert "none is stored for it" in page.secret_problem.text()
    assert "Not saved yet" in window.status.text() and not window.save_button.isEnabled()
    qtbot.keyClicks(page.secret, "typed")
    assert page.secret_problem.isHidden() and window.save_button.isEnabled()
    assert page.secret.echoMode() is page.secret.EchoMode.Password
    page.kind.setCurrentIndex(page.kind.findData("kimai"))
    assert not page.database.isVisible() and page.secret_label.text() == "API token"


def test_test_connection_runs_off_the_gui_thread_and_save_keeps_the_secret_in_the_keyring(
    qtbot,
    store,  # type: ignore[no-untyped-def]
    secret_service: SecretServiceSession,
    tryton_server: TrytonServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conn, path = store
    # A day submitted before any backend existed: configuring one queues it.
    entry = entries.insert(conn, Entry(
        uuid=entries.new_uuid(), source="manual", start=T0, end=T0.replace(hour=10),
        heartbeat=T0, end_reason=EndReason.MANUAL,
    ), reason="test", now=NOW)  # fmt: skip
    submission.submit(conn, [entry.uuid], now=NOW, reason="test")
    window = open_window(qtbot, conn)
    page = window.backend
    server = tryton_server
    fill(qtbot, page, server.url, server.database, server.user, "not-the-password-7q")

    # A wrong password: the test says so, in Tryton's terms.
    with qtbot.waitSignal(page.tested, timeout=TEST_WAIT_MS) as refused:
        assert page.test_connection()
    assert isinstance(refused.args[0], Outcome) and refused.args[0].error is not None
    assert page.test_result.text().startswith("The test failed: ")
    assert "not-the-password-7q" not in page.test_result.text()

    # The right one, with the login held back until the window has shown it stays alive.
    retype(qtbot, page.secret, server.password)
    gate = threading.Event()
    ran_on: list[threading.Thread] = []
    real_test = page.book.test

    def held(form: BackendForm):  # type: ignore[no-untyped-def]
        job = real_test(form)
        assert job is not None

        def run() -> str:
            ran_on.append(threading.current_thread())
            assert gate.wait(TEST_WAIT_MS / 1000)
            return job()

        return run

    monkeypatch.setattr(page.book, "test", held)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(len(ticks)))
    timer.start(10)
    assert page.test_connection()
    assert page.test_result.text() == "Testing the connection…"
    assert not page.test_button.isEnabled()
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the GUI thread runs its loop meanwhile
    retype(qtbot, page.user.edit, server.user + "x")  # and takes typing
    retype(qtbot, page.user.edit, server.user)
    assert page.tester.busy and ran_on  # the login is still held on the other thread
    with qtbot.waitSignal(page.tested, timeout=TEST_WAIT_MS) as tested:
        gate.set()
    timer.stop()
    outcome = tested.args[0]
    assert outcome.error is None, outcome.error
    assert page.test_result.text().startswith(f"Connected: Tryton 8.2 at {server.url}")
    assert ran_on[0] is not threading.main_thread() and outcome.thread == ran_on[0].name

    # Save: the secret in the keyring, the rest in the store; the form forgets it.
    assert window.on_save()
    assert window.status.text() == "Saved."
    stored = window.backend_book.stored()
    assert stored is not None and stored.url == server.url and stored.user == server.user
    assert open_store().get(*stored.secret_account()) == Secret(server.password)
    assert page.secret.text() == "" and "type a new one only to replace it" in (
        page.secret_note.text()
    )
    assert entries.get(conn, entry.uuid).sync_state is SyncState.QUEUED  # type: ignore[union-attr]
    assert outbox.get(conn, stored.identity, entry.uuid) is not None
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for part in path.parent.glob(path.name + "*"):
        assert server.password.encode() not in part.read_bytes(), part.name
    assert server.password not in str(settings.get(conn, settings.BACKEND))
    # Shown again: the stored backend, the secret field empty; Save has nothing to do.
    again = open_window(qtbot, conn)
    assert again.backend.url.text() == server.url and again.backend.secret.text() == ""
    assert again.backend.state.text() == "Sync: 1 waiting"  # the day queued for it
    assert not again.backend.changes() and again.save_button.isEnabled()
    assert again.backend.test_button.isEnabled()  # the stored secret can be tested
