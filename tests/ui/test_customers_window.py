"""The customers window on the real store: search, add, archive, own rules over the company's,
contracts with their balance now and this month's draw, partner IDs, CSV import."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from trayclock.domain.clock import ManualClock
from trayclock.services.customers import CustomerBook
from trayclock.services.pricing import price_stored_range
from trayclock.store import customers, db, mappings, settings
from trayclock.store.importing import import_document
from trayclock.ui.customers import CustomersWindow

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = db.connect(tmp_path / "customers.sqlite3")
    yield connection
    connection.close()


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    return said


def open_window(qtbot, conn, **kwargs) -> CustomersWindow:
    window = CustomersWindow(CustomerBook(conn, ManualClock(NOW)), **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window


def select(window: CustomersWindow, name: str) -> None:
    for row in range(window.list.count()):
        if window.list.item(row).text() == name:
            window.list.setCurrentRow(row)
            return
    raise AssertionError(f"{name} not listed")


def listed(window: CustomersWindow) -> list[str]:
    return [window.list.item(row).text() for row in range(window.list.count())]


def test_add_search_rename_and_archive(qtbot, conn, warnings) -> None:
    acme = customers.upsert(conn, "acme", "Acme", now=NOW)
    mappings.remember(conn, "anydesk", "482193577", acme.id, partner_name="reception", now=NOW)
    window = open_window(qtbot, conn)
    qtbot.keyClicks(window.new_name, "Beta Bakery")
    with qtbot.waitSignal(window.changed):
        window.add_button.click()
    assert window.list.currentItem().text() == "Beta Bakery"
    assert customers.by_key(conn, "beta-bakery").name == "Beta Bakery"
    qtbot.keyClicks(window.new_name, "beta bakery")
    window.add_button.click()
    assert warnings and "already a customer" in warnings[0]

    qtbot.keyClicks(window.filter, "193 5")  # a partner ID as the tools show it
    assert listed(window) == ["Acme"]
    window.filter.setText("BAK")
    assert listed(window) == ["Beta Bakery"]
    window.filter.clear()

    select(window, "Acme")
    window.terms.name.setText("Acme Dental")
    assert window.on_save()
    renamed = customers.get(conn, acme.id)
    assert (renamed.key, renamed.name) == ("acme", "Acme Dental")  # the key (and entries) stay
    window.terms.name.setText("")
    assert not window.save_button.isEnabled() and "needs a name" in window.problem.text()
    window.terms.name.setText("Beta Bakery")
    assert window.on_save() is False and "already a customer" in warnings[-1]

    select(window, "Acme Dental")
    window.archive_button.click()
    assert [c.name for c in customers.list_all(conn)] == ["Beta Bakery"]
    assert listed(window) == ["Beta Bakery"]


def test_own_rules_are_only_the_fields_that_differ(qtbot, conn, warnings) -> None:
    settings.set_policy(conn, {"rate": "95.00", "review_over_minutes": 45}, now=NOW)
    hours = {"days": [1, 2, 3, 4, 5, 6], "start": "07:00", "end": "19:00"}
    customers.upsert(conn, "acme", "Acme", now=NOW, policy={"business_hours": hours})
    window = open_window(qtbot, conn)
    lines = window.terms.lines
    assert lines["rate"].text() == "" and lines["rate"].edit.placeholderText() == "95.00"
    assert lines["review_over_minutes"].edit.placeholderText() == "45"
    assert lines["increment_minutes"].edit.placeholderText() == "15"  # the engine's default
    assert "business_hours" in window.terms.kept_note.text()

    qtbot.keyClicks(lines["rate"].edit, "-110")
    assert lines["rate"].shown_problem() == "The hourly rate cannot be negative."
    assert not window.save_button.isEnabled()
    lines["rate"].set_text("110")
    qtbot.keyClicks(lines["after_hours_minimum_minutes"].edit, "2.5")
    assert lines["after_hours_minimum_minutes"].shown_problem() == "Whole minutes only, like 15."
    lines["after_hours_minimum_minutes"].set_text("")
    window.terms.never_review.setChecked(True)
    window.terms.rounding.setCurrentIndex(window.terms.rounding.findData("down"))
    assert window.on_save()
    stored = customers.by_key(conn, "acme").policy
    assert stored == {
        "rate": "110",
        "review_over_minutes": None,
        "rounding": "down",
        "business_hours": hours,
    }

    window.terms.lines["rate"].set_text("")  # back to the company's rate
    window.terms.never_review.setChecked(False)
    window.terms.rounding.setCurrentIndex(0)
    assert window.on_save()
    assert customers.by_key(conn, "acme").policy == {"business_hours": hours}
    assert not warnings


def bill(conn: sqlite3.Connection, *entries: tuple[str, str, str]) -> None:
    doc = {
        "entries": [
            {"id": f"e{i}", "customer": "acme", "start": start, "end": end}
            for i, (start, end) in enumerate(entries)
        ]
    }
    import_document(conn, doc, label="entries.json", now=NOW)


@pytest.mark.parametrize(
    ("period", "balance", "status"),
    [
        # October's 30 min drew the hours bank; November's 20 min (billed 30) draws the rest.
        ("once", Fraction(0), "Left now: 0:00 h of 1:00 h. Drawn this month: 0:30 h."),
        # A monthly quota starts full in November: 60 − 30.
        ("month", Fraction(30), "Left now: 0:30 h of 1:00 h this month. Drawn this month: 0:30 h."),
    ],
)
def test_a_contract_shows_its_balance_now_and_this_months_draw(
    qtbot, conn, warnings, period, balance, status
) -> None:
    customers.upsert(conn, "acme", "Acme", now=NOW)
    bill(
        conn,
        ("2026-10-12T09:00:00+00:00", "2026-10-12T09:30:00+00:00"),
        ("2026-11-02T09:00:00+00:00", "2026-11-02T09:20:00+00:00"),
    )
    window = open_window(qtbot, conn)
    assert window.terms.status.text() == "No contract: every billed minute is charged."
    window.terms.period.setCurrentIndex(window.terms.period.findData(period))
    qtbot.keyClicks(window.terms.included.edit, "1:75")
    assert window.terms.included.shown_problem() == "“1:75” is not hours like 7:30."
    window.terms.included.set_text("1")
    assert window.on_save()
    acme = customers.by_key(conn, "acme")
    assert acme.contract == {"included_minutes": 60, "period": period}
    assert window.terms.status.text() == status
    # The window's figures are the one pricing path's (export, review, sync).
    month = price_stored_range(conn, datetime(2026, 11, 1, tzinfo=UTC), NOW, now=NOW)
    (total,) = [t for t in month.totals if t.key == "acme"]
    assert (total.contract_balance, total.covered_minutes) == (balance, Fraction(30))
    shown = window.book.contract_status(acme)
    assert shown is not None and (shown.balance, shown.drawn_this_month) == (balance, 30)
    window.terms.period.setCurrentIndex(0)
    assert window.on_save()
    assert customers.by_key(conn, "acme").contract is None


def test_a_contract_without_entries_this_month(qtbot, conn) -> None:
    customers.upsert(
        conn, "acme", "Acme", now=NOW, contract={"included_minutes": 90, "period": "once"}
    )
    bill(conn, ("2026-10-12T09:00:00+00:00", "2026-10-12T09:30:00+00:00"))
    window = open_window(qtbot, conn)
    assert window.terms.status.text() == "Left now: 1:00 h of 1:30 h. Drawn this month: 0:00 h."


def test_partner_ids_are_added_moved_with_a_confirmation_and_forgotten(qtbot, conn) -> None:
    acme = customers.upsert(conn, "acme", "Acme", now=NOW)
    beta = customers.upsert(conn, "beta", "Beta", now=NOW)
    mappings.remember(conn, "teamviewer", "1234567890", beta.id, partner_name="FRONTDESK", now=NOW)
    asked: list[str] = []
    answers = [False, True, True]
    window = open_window(qtbot, conn)
    window.partners.confirm = lambda _parent, _title, text: asked.append(text) or answers.pop(0)
    select(window, "Acme")
    box = window.partners
    box.app.setCurrentIndex(box.app.findData("teamviewer"))
    qtbot.keyClicks(box.new_id.edit, "1 234 567 890")
    box.add_button.click()
    assert asked == ["TeamViewer 1 234 567 890 belongs to Beta. Move it to this customer?"]
    assert mappings.lookup(conn, "teamviewer", "1234567890").customer_id == beta.id  # refused
    box.add_button.click()
    assert mappings.lookup(conn, "teamviewer", "1234567890").customer_id == acme.id
    assert mappings.lookup(conn, "teamviewer", "1234567890").partner_name == "FRONTDESK"
    assert box.table.rowCount() == 1 and box.table.item(0, 1).text() == "1 234 567 890"

    box.app.setCurrentIndex(box.app.findData("anydesk"))
    box.new_id.set_text("482193577")
    box.new_name.setText("reception")
    box.add_button.click()
    assert len(asked) == 2  # a new partner needs no confirmation
    assert mappings.lookup(conn, "anydesk", "482193577").partner_name == "reception"

    box.table.selectRow(0)  # anydesk first (sorted by app)
    box.move_to.setCurrentIndex(box.move_to.findData(beta.id))
    box.move_button.click()
    assert asked[-1] == "Move AnyDesk 482 193 577 to Beta? Its next sessions attach to Beta."
    assert mappings.lookup(conn, "anydesk", "482193577").customer_id == beta.id
    box.table.selectRow(0)
    box.forget_button.click()
    assert mappings.lookup(conn, "teamviewer", "1234567890") is None
    assert box.table.rowCount() == 0


def test_import_a_customers_csv_by_the_same_rules(qtbot, conn, tmp_path, warnings) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,rate\nAcme,ninety\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text(
        "name,key,rate,contract_minutes,contract_period,partners\n"
        "Acme GmbH,acme,110.00,600,once,anydesk:482193577\n"
        "Beta,,,,,\n",
        encoding="utf-8",
    )
    chosen = [bad, good]
    window = open_window(
        qtbot, conn, ask_csv=lambda _parent: chosen.pop(0), confirm_import=lambda _p, rows: True
    )
    assert window.on_import_csv() is False
    assert warnings and f"{bad}: line 2" in warnings[0] and "rate" in warnings[0]
    assert customers.list_all(conn) == []
    assert window.on_import_csv()
    assert listed(window) == ["Acme GmbH", "Beta"]
    acme = customers.by_key(conn, "acme")
    assert acme.policy == {"rate": "110.00"}
    assert acme.contract == {"included_minutes": 600, "period": "once"}
    assert mappings.lookup(conn, "anydesk", "482193577").customer_id == acme.id
    assert window.notice.text() == "Imported: 2 created, 0 updated."
