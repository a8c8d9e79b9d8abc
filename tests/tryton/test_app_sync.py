"""Sync in the running app against the live Tryton: the tray says what waits and, after a real
sync on the worker's own thread, that all is up to date; something queued wakes it; a
refused password pauses it with the icon's sync problem, a notification and the password
prompt, and the right password sends everything; the network coming back ends a backoff at
once; quitting stops the thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QNetworkInformation

from tests.keyring_service import SecretServiceSession
from tests.sync.fault_proxy import FaultProxy, reset
from tests.tryton.app_sync_support import (
    NOW,
    configure_store,
    menu_action,
    running_app,
    submitted_entries,
    sync_line,
)
from tests.tryton.server import TrytonServer
from tests.tryton.sync_support import T0, make_world
from trayclock import app as app_module
from trayclock.domain.clock import ManualClock
from trayclock.services.review.source import ReviewSource
from trayclock.services.store_events import StoreEvents
from trayclock.services.sync import SyncService, configure, make_worker
from trayclock.store.sync_backends import Problem
from trayclock.sync import tryton_lines as lines
from trayclock.sync.background import BackgroundSync
from trayclock.sync.config import BackendConfig
from trayclock.sync.secrets import Secret, open_store
from trayclock.sync.tryton_rpc import TrytonRPC
from trayclock.sync.worker import SyncWorker
from trayclock.ui.icons import TrayState
from trayclock.ui.openers import PasswordPrompt
from trayclock.ui.sync_runner import SyncRunner

pytestmark = pytest.mark.integration

SYNC_WAIT_MS = 60_000  # a pass logs in (argon2) and exchanges customers on a shared server
WRONG = "not-the-Tryton-password-3k9"


def count_lines(rpc: TrytonRPC, uuid: str) -> int:
    return len(rpc.search_read(lines.MODEL, lines.marker_domain([uuid]), ["id"]))


@pytest.fixture
def passes_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The thread every sync pass runs on (the real pass, observed)."""
    seen: list[threading.Thread] = []
    real = SyncWorker.run_pass

    def observed(self: SyncWorker, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread())
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SyncWorker, "run_pass", observed)
    return seen


def sync_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "trayclock-sync"]


def test_the_tray_shows_waiting_then_up_to_date_after_a_real_sync(
    qtbot,
    secret_service: SecretServiceSession,
    tryton_server: TrytonServer,
    rpc: TrytonRPC,
    unique_name: Callable[[str], str],
    passes_threads: list[threading.Thread],
) -> None:
    clock = ManualClock(NOW)
    configure_store(tryton_server, tryton_server.password, clock)
    made = submitted_entries(unique_name("ACME"), [0, 2], clock)
    with running_app(clock) as built:
        assert sync_line(built) == "Sync: 2 waiting"  # not started yet: nothing sent
        assert built.tray.state is not TrayState.SYNC_PROBLEM
        app_module.start(built)
        qtbot.waitUntil(
            lambda: sync_line(built).startswith("Sync: up to date"), timeout=SYNC_WAIT_MS
        )
        assert sync_line(built) == f"Sync: up to date, {NOW.astimezone():%H:%M}"
        assert all(count_lines(rpc, e.uuid) == 1 for e in made)
        # Something queued (the review's Submit) wakes the worker: no timer, no poll.
        (later,) = submitted_entries(unique_name("ACME"), [4], clock)
        ReviewSource(built.conn, clock, built.service.events).submit([later.uuid])
        qtbot.waitUntil(lambda: count_lines(rpc, later.uuid) == 1, timeout=SYNC_WAIT_MS)
        qtbot.waitUntil(
            lambda: sync_line(built).startswith("Sync: up to date"), timeout=SYNC_WAIT_MS
        )
        assert len(sync_threads()) == 1
    # Never on the GUI thread: every pass ran on the sync thread, which quitting stopped.
    assert passes_threads
    assert {t.name for t in passes_threads} == {"trayclock-sync"}
    assert all(t is not threading.main_thread() for t in passes_threads)
    assert not any(t.is_alive() for t in sync_threads())


def test_a_refused_password_asks_for_it_and_the_right_one_sends_everything(
    qtbot,
    secret_service: SecretServiceSession,
    tryton_server: TrytonServer,
    rpc: TrytonRPC,
    unique_name: Callable[[str], str],
) -> None:
    clock = ManualClock(NOW)
    configure_store(tryton_server, WRONG, clock)
    (entry,) = submitted_entries(unique_name("ACME"), [1], clock)
    with running_app(clock) as built:
        notes: list[str] = []
        built.tray.notifier.notified.connect(lambda title, _message: notes.append(title))
        app_module.start(built)
        qtbot.waitUntil(lambda: built.tray.state is TrayState.SYNC_PROBLEM, timeout=SYNC_WAIT_MS)
        assert sync_line(built) == "Sync problem: Tryton refused the password; enter it again"
        assert notes == ["Sync paused"]
        assert count_lines(rpc, entry.uuid) == 0
        asking = menu_action(built, "syncPassword")
        assert asking is not None and asking.text() == "Enter the password…"
        asking.trigger()
        prompt = built.tray._openers["sync_password"]
        assert isinstance(prompt, PasswordPrompt)
        qtbot.waitUntil(lambda: prompt.dialog is not None and prompt.dialog.isVisible())
        dialog = prompt.dialog
        assert dialog is not None and dialog.field.text() == ""  # never prefilled
        assert "Tryton refused the password" in dialog.question.text()
        qtbot.keyClicks(dialog.field, tryton_server.password)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: count_lines(rpc, entry.uuid) == 1, timeout=SYNC_WAIT_MS)
        qtbot.waitUntil(
            lambda: sync_line(built).startswith("Sync: up to date"), timeout=SYNC_WAIT_MS
        )
        assert built.tray.state is not TrayState.SYNC_PROBLEM
        assert menu_action(built, "syncPassword") is None
        assert not dialog.isVisible() and dialog.field.text() == ""
        config = SyncService(built.conn, clock).config()
        assert config is not None
        assert open_store().get(*config.secret_account()) == Secret(tryton_server.password)


@pytest.fixture
def proxy(tryton_server: TrytonServer) -> Iterator[FaultProxy]:
    host, port = tryton_server.url.removeprefix("http://").rstrip("/").split(":")
    with FaultProxy(host, int(port)) as running:
        yield running


def test_the_network_coming_back_ends_the_backoff_at_once(
    qtbot,
    tmp_path: Path,
    secret_service: SecretServiceSession,
    tryton_server: TrytonServer,
    rpc: TrytonRPC,
    proxy: FaultProxy,
    unique_name: Callable[[str], str],
) -> None:
    world = make_world(tmp_path, tryton_server, rpc)  # its clock stands still: no due time
    try:
        config = BackendConfig("tryton", proxy.url, tryton_server.database, tryton_server.user)
        configure(world.conn, config, Secret(tryton_server.password), keyring=open_store(),
                  now=world.clock.now())  # fmt: skip
        entry = world.add(world.customer(unique_name("ACME")), T0, 30)
        world.submit()
        proxy.script(reset())  # the network is gone for the first request
        events = StoreEvents()
        service = SyncService(world.conn, world.clock)
        runner = SyncRunner(
            lambda told: BackgroundSync(make_worker(world.path, world.clock), on_pass=told),
            service, events,
        )  # fmt: skip
        try:
            assert runner.start()
            qtbot.waitUntil(
                lambda: runner.status.problem is Problem.UNREACHABLE, timeout=SYNC_WAIT_MS
            )
            assert runner.status.retry_at is not None and runner.status.retry_at > world.clock.now()
            assert runner.status.waiting == 1 and count_lines(rpc, entry.uuid) == 0
            assert runner.network is not None
            reach = QNetworkInformation.Reachability
            runner.network.on_reachability(reach.Disconnected)
            runner.network.on_reachability(reach.Online)  # as the system reports it
            qtbot.waitUntil(lambda: count_lines(rpc, entry.uuid) == 1, timeout=SYNC_WAIT_MS)
            qtbot.waitUntil(lambda: runner.status.waiting == 0, timeout=SYNC_WAIT_MS)
            assert runner.status.problem is None
        finally:
            assert runner.stop()
    finally:
        world.conn.close()
