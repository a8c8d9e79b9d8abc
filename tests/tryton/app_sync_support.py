"""The real app (trayclock.app.build) over a store configured for the live Tryton: the secret
in the real Secret Service, entries made and submitted through the store, the tray read
back through its menu."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta

from PySide6.QtWidgets import QApplication

from tests.tryton.server import TrytonServer
from tests.tryton.sync_support import POLICY, T0, tryton_config
from trayclock import app as app_module
from trayclock.config import paths
from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry
from trayclock.services.sync import configure
from trayclock.store import customers, db, entries, settings, submission
from trayclock.sync.secrets import Secret, open_store

NOW = T0 + timedelta(days=40)


def configure_store(server: TrytonServer, password: str, clock: ManualClock) -> None:
    """The app's store (under TRAYCLOCK_HOME) set up for `server`, `password` in the keyring."""
    conn = db.connect(paths().ensure().database)
    try:
        settings.set_policy(conn, POLICY, now=clock.now())
        config = tryton_config(server.url, server)
        configure(conn, config, Secret(password), keyring=open_store(), now=clock.now())
    finally:
        conn.close()


def submitted_entries(customer: str, starts: Sequence[int], clock: ManualClock) -> list[Entry]:
    """30-minute entries of `customer` at T0 + these hours, submitted (another connection,
    as the CLI's `trayclock submit` would)."""
    conn = db.connect(paths().ensure().database)
    try:
        key = customer.lower().replace(" ", "-")
        customer_id = customers.upsert(conn, key, customer, now=clock.now()).id
        made = [
            entries.insert(conn, Entry(
                uuid=entries.new_uuid(), source="manual", start=T0 + timedelta(hours=h),
                end=T0 + timedelta(hours=h, minutes=30), heartbeat=T0 + timedelta(hours=h),
                end_reason=EndReason.MANUAL, customer_id=customer_id,
            ), reason="test", now=clock.now())
            for h in starts
        ]  # fmt: skip
        submission.submit(conn, [e.uuid for e in made], now=clock.now(), reason="test: submit")
        return made
    finally:
        conn.close()


@contextmanager
def running_app(clock: ManualClock) -> Iterator[app_module.TrayApp]:
    qt = app_module.make_qapplication()
    built = app_module.build(qt, clock=clock, detection=None, tray_wait_s=0)
    try:
        yield built
    finally:
        built.shutdown()
        QApplication.processEvents()


def menu_action(built: app_module.TrayApp, name: str):  # type: ignore[no-untyped-def]
    found = [a for a in built.tray.menu.actions() if a.objectName() == name]
    return found[0] if found else None


def sync_line(built: app_module.TrayApp) -> str:
    found = menu_action(built, "syncStatus")
    assert found is not None
    return str(found.text())
