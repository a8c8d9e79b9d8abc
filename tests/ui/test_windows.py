"""The customers and settings windows on the real store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from trayclock.domain.clock import ManualClock
from trayclock.services.customers import CustomerBook
from trayclock.store import customers, db, mappings, settings
from trayclock.ui.customers import CustomersWindow
from trayclock.ui.settings import SettingsWindow

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path: Path):
    connection = db.connect(tmp_path / "windows.sqlite3")
    yield connection
    connection.close()


def test_customers_add_rename_archive_and_forget_a_partner(qtbot, conn, monkeypatch) -> None:
    acme = customers.upsert(conn, "acme", "Acme", now=NOW)
    mappings.remember(conn, "anydesk", "482193577", acme.id, partner_name="reception", now=NOW)
    window = CustomersWindow(CustomerBook(conn, ManualClock(NOW)))
    qtbot.addWidget(window)
    assert window.list.currentItem().text() == "Acme"
    assert window.partners.rowCount() == 1
    assert window.partners.item(0, 1).text() == "482 193 577"

    qtbot.keyClicks(window.new_name, "Beta Bakery")
    with qtbot.waitSignal(window.changed):
        window.add_button.click()
    assert window.list.currentItem().text() == "Beta Bakery"
    assert customers.by_key(conn, "beta-bakery").name == "Beta Bakery"

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    qtbot.keyClicks(window.new_name, "beta bakery")
    window.add_button.click()
    assert warnings and "already a customer" in warnings[0]

    window.list.setCurrentRow(0)  # Acme
    window.new_name.setText("Acme Dental")
    window.rename_button.click()
    renamed = customers.get(conn, acme.id)
    assert (renamed.key, renamed.name) == ("acme", "Acme Dental")  # the key (and entries) stay

    window.partners.selectRow(0)
    window.forget_button.click()
    assert mappings.lookup(conn, "anydesk", "482193577") is None

    window.archive_button.click()
    assert [c.name for c in customers.list_all(conn)] == ["Beta Bakery"]


def test_settings_save_the_concurrency_policy_and_keep_other_fields(
    qtbot, conn, monkeypatch
) -> None:
    hours = {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"}
    settings.set_policy(conn, {"business_hours": hours, "rate": "95.00"}, now=NOW)
    window = SettingsWindow(
        lambda: settings.policy(conn),
        lambda policy: settings.set_policy(conn, policy, now=NOW),
        "/data",
    )
    qtbot.addWidget(window)
    assert window.rate.text() == "95.00"
    window.concurrency.setCurrentIndex(window.concurrency.findData("split"))
    window.increment.setValue(10)
    window.review_over.setValue(0)
    with qtbot.waitSignal(window.saved):
        window.on_save()
    stored = settings.policy(conn)
    assert stored["concurrency"] == "split" and stored["increment_minutes"] == 10
    assert stored["review_over_minutes"] is None and stored["business_hours"] == hours

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    window.rate.setText("eighty")
    window.on_save()
    assert warnings == ["The hourly rate must be a number, like 85.00"]
    assert settings.policy(conn)["rate"] == "95.00"
