"""The settings window on the real store: every field checked as it is typed, the live example
priced by the engine, saving each setting, holidays offered, the first-start setup."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from trayclock.domain.billing import parse_document, price
from trayclock.domain.clock import ManualClock
from trayclock.services import ui_prefs
from trayclock.services.settings_book import SettingsBook
from trayclock.services.store_events import StoreEvents
from trayclock.store import db, settings
from trayclock.ui.openers import offer_first_start
from trayclock.ui.settings import SettingsWindow
from trayclock.ui.settings.fields import CheckedLine
from trayclock.ui.settings.setup import FirstStartSetup

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
HOURS = {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"}


class RecordingAutostart:
    """A start-at-login port that records what the window asks of it."""

    available = True

    def __init__(self) -> None:
        self.on = False
        self.calls: list[bool] = []

    def enabled(self) -> bool:
        return self.on

    def set_enabled(self, on: bool) -> None:
        self.calls.append(on)
        self.on = on

    def where(self) -> str:
        return "~/.config/autostart/trayclock.desktop"


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = db.connect(tmp_path / "settings.sqlite3")
    yield connection
    connection.close()


def open_window(qtbot, conn, **book_args) -> SettingsWindow:
    book = SettingsBook(conn, ManualClock(NOW), environ=book_args.pop("environ", {}), **book_args)
    window = SettingsWindow(book, "/data")
    qtbot.addWidget(window)
    window.show()
    return window


def field(window: SettingsWindow, name: str) -> CheckedLine:
    found = window.findChild(QWidget, name)
    assert isinstance(found, CheckedLine), name
    return found


def type_into(qtbot, line: CheckedLine, text: str) -> None:
    line.edit.selectAll()
    qtbot.keyClick(line.edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(line.edit, text)


@pytest.mark.parametrize(
    ("tab", "name", "bad", "message"),
    [
        (0, "rate", "eighty", "“eighty” is not a number; type it like 85.00."),
        (0, "rate", "-1", "The hourly rate cannot be negative."),
        (0, "currency", "EU", "“EU” is not a currency code: three letters, like EUR or USD."),
        (0, "increment_minutes", "0", "At least 1 minute."),
        (0, "increment_minutes", "7.5", "Whole minutes only, like 15."),
        (0, "free_under_minutes", "-2", "Minutes cannot be negative."),
        (0, "minimum_minutes", "ten", "“ten” is not a number of minutes."),
        (0, "minimum_charge", "9.999", "The minimum charge has at most 2 decimals."),
        (0, "review_over_minutes", "", "Type after how many minutes an entry is held for review."),
        (1, "timezone", "Berlin", "“Berlin” is not a time zone; pick one like Europe/Berlin."),
        (1, "after_hours_multiplier", "x1.5", "“x1.5” is not a number; type it like 1.5."),
        (1, "after_hours_minimum_minutes", "1h", "“1h” is not a number of minutes."),
        (2, "grace", "soon", "“soon” is not a number of seconds."),
        (3, "reminder", "5pm", "“5pm” is not a time like 08:00 (24 hours)."),
    ],
)
def test_each_field_says_what_is_wrong_as_it_is_typed(qtbot, conn, tab, name, bad, message):
    window = open_window(qtbot, conn)
    window.tabs.setCurrentIndex(tab)
    if name == "reminder":
        window.general.remind.setChecked(True)
    line = field(window, name)
    type_into(qtbot, line, bad)
    assert line.shown_problem() == message
    assert not window.save_button.isEnabled()
    assert message in window.status.text()
    assert window.on_save() is False
    assert settings.policy(conn) == {}  # nothing saved
    good = {"rate": "90", "currency": "EUR", "timezone": "Europe/Berlin", "grace": "30"}
    good["after_hours_minimum_minutes"] = "0"  # any other needs the engine to know the field
    type_into(qtbot, line, good.get(name, "1" if name != "reminder" else "18:00"))
    assert line.shown_problem() == ""
    assert window.save_button.isEnabled()


def test_business_hours_days_and_span_are_checked(qtbot, conn) -> None:
    window = open_window(qtbot, conn)
    hours = window.hours
    hours.has_hours.setChecked(True)
    for box in hours.days.values():
        box.setChecked(False)
    assert hours.days_problem.text() == "Choose at least one business day."
    assert not window.save_button.isEnabled()
    hours.days[3].setChecked(True)
    type_into(qtbot, hours.opens, "18:00")
    assert hours.span_problem.text() == "Closing time must be after opening time (18:00)."
    assert not window.save_button.isEnabled()
    type_into(qtbot, hours.opens, "07:30")
    assert window.save_button.isEnabled()
    # Unticking business hours: their fields no longer count.
    type_into(qtbot, hours.opens, "99")
    hours.has_hours.setChecked(False)
    assert window.save_button.isEnabled()
    assert window.on_save()
    assert settings.policy(conn)["business_hours"] is None


def engine_amount(policy: dict, start: str, end: str) -> tuple[Decimal, str]:
    doc = {"policy": policy, "entries": [{"id": "x", "customer": "c", "start": start, "end": end}]}
    priced = price(parse_document(doc)).entry("x")
    return priced.amount, priced.rate_class.value


def test_the_live_example_is_the_engines_price_for_the_unsaved_rules(qtbot, conn) -> None:
    window = open_window(qtbot, conn)
    type_into(qtbot, field(window, "rate"), "90")
    type_into(qtbot, field(window, "timezone"), "Europe/Berlin")
    window.hours.has_hours.setChecked(True)
    type_into(qtbot, field(window, "after_hours_multiplier"), "2")
    example = window.example
    # The default example: a 22-minute call at 19:30 on a Saturday (2026-11-07, Berlin).
    assert example.last is not None and example.last.day.isoformat() == "2026-11-07"
    policy = {
        "rate": "90",
        "timezone": "Europe/Berlin",
        "business_hours": HOURS,
        "after_hours_multiplier": "2",
    }
    amount, rate_class = engine_amount(
        policy, "2026-11-07T19:30:00+01:00", "2026-11-07T19:52:00+01:00"
    )
    assert (amount, rate_class) == (Decimal("90.00"), "after_hours")  # 30 min × 2 at 90/h
    assert example.last.priced.amount == amount
    assert "costs 90.00 USD" in example.result.text()
    assert "after hours × 2 = 60 min" in example.result.text()
    assert settings.policy(conn) == {}  # priced without saving

    example.weekday.setCurrentIndex(1)  # Tuesday, 10:00, 70 min: held for review
    example.start.setTime(example.start.time().fromString("10:00", "HH:mm"))
    example.minutes.setValue(70)
    assert example.last.priced.status.value == "needs_review"
    assert example.last.priced.amount == Decimal("0.00")
    text = example.result.text()
    assert "held for review" in text
    approved = price(
        parse_document(
            {
                "policy": policy,
                "entries": [
                    {
                        "id": "x",
                        "customer": "c",
                        "start": "2026-11-03T10:00:00+01:00",
                        "end": "2026-11-03T11:10:00+01:00",
                        "approved": True,
                    }
                ],
            }
        )
    ).entry("x")
    assert example.last.final.amount == approved.amount == Decimal("112.50")
    assert "112.50 USD" in text

    type_into(qtbot, field(window, "rate"), "abc")
    assert example.last is None
    assert example.result.text() == "Fix the fields marked in red to see a price."


def test_the_after_hours_minimum_is_the_engines_to_judge(qtbot, conn) -> None:
    window = open_window(qtbot, conn)
    window.hours.has_hours.setChecked(True)
    type_into(qtbot, field(window, "after_hours_minimum_minutes"), "60")
    # billing-rules.md's worked example: Sat 10:00–10:20, at least 60 × 1.5 = 90 → 127.50
    window.example.start.setTime(window.example.start.time().fromString("10:00", "HH:mm"))
    window.example.minutes.setValue(20)
    assert window.example.last is not None
    assert window.example.last.priced.amount == Decimal("127.50")
    assert window.on_save()
    assert settings.policy(conn)["after_hours_minimum_minutes"] == 60
    type_into(qtbot, field(window, "after_hours_minimum_minutes"), "0")
    assert window.on_save()
    assert "after_hours_minimum_minutes" not in settings.policy(conn)  # 0 is the default


def test_saving_stores_every_setting_and_keeps_what_it_does_not_show(qtbot, conn) -> None:
    settings.set_policy(
        conn, {"rate": "95.00", "business_hours": {**HOURS, "holidays": ["2026-12-25"]}}, now=NOW
    )
    settings.put(conn, settings.UI, {"tray_theme": "dark"}, now=NOW)
    autostart = RecordingAutostart()
    window = open_window(qtbot, conn, autostart=autostart)
    assert field(window, "rate").text() == "95.00"
    assert window.hours.holiday_dates() == ["2026-12-25"]
    window.billing.concurrency.setCurrentIndex(window.billing.concurrency.findData("split"))
    window.billing.hold_for_review.setChecked(False)
    window.billing.rounding.setCurrentIndex(window.billing.rounding.findData("nearest"))
    type_into(qtbot, field(window, "increment_minutes"), "10")
    window.detection.apps["rustdesk"].setChecked(False)
    type_into(qtbot, field(window, "grace"), "90")
    window.detection.own_logs["anydesk"].setChecked(True)
    window.detection.log_paths["anydesk"].setPlainText("/opt/ad/ad_svc.trace\n")
    window.general.language.setCurrentIndex(window.general.language.findData("de"))
    window.general.remind.setChecked(False)
    window.general.autostart.setChecked(True)
    with qtbot.waitSignal(window.saved):
        assert window.on_save()
    stored = settings.policy(conn)
    assert stored["concurrency"] == "split" and stored["rounding"] == "nearest"
    assert stored["increment_minutes"] == 10 and stored["review_over_minutes"] is None
    assert stored["business_hours"] == {**HOURS, "holidays": ["2026-12-25"]}
    assert settings.get(conn, settings.DETECTION) == {
        "apps": ["teamviewer", "anydesk"],
        "grace_s": 90,
        "log_paths": {"anydesk": ["/opt/ad/ad_svc.trace"]},
    }
    assert settings.get(conn, settings.UI) == {
        "tray_theme": "dark",
        "language": "de",
        "review_reminder": None,
    }
    assert autostart.calls == [True]
    assert window.status.text() == "Saved."


def test_start_at_login_without_a_wired_port_is_shown_unavailable(qtbot, conn) -> None:
    window = open_window(qtbot, conn)
    assert not window.general.autostart.isEnabled()
    assert window.general.autostart_note.text() == "Not available in this build."
    assert window.on_save()


def test_detection_shows_what_the_environment_overrides(qtbot, conn, tmp_path) -> None:
    environ = {"TRAYCLOCK_GRACE_S": "5", "TRAYCLOCK_LOGS": f"anydesk={tmp_path / 'ad.trace'}"}
    window = open_window(qtbot, conn, environ=environ)
    page = window.detection
    assert (
        page.grace_override.text()
        == "TRAYCLOCK_GRACE_S=5 is set: it wins over this value while it is set."
    )
    assert not page.log_overrides["anydesk"].isHidden()
    assert page.log_overrides["teamviewer"].isHidden()
    bad = open_window(qtbot, conn, environ={"TRAYCLOCK_GRACE_S": "soon"})
    problem = bad.findChild(QWidget, "environmentProblem")
    assert problem is not None and "not a number of seconds" in problem.text()


def test_holidays_are_offered_for_a_country_and_region_then_editable(qtbot, conn) -> None:
    window = open_window(qtbot, conn)
    hours = window.hours
    hours.has_hours.setChecked(True)
    hours.choose_country("DE", "BY")
    hours.year.setValue(2026)
    hours.offer_button.click()
    offered = hours.holiday_dates()
    assert "2026-01-06" in offered and "2026-06-04" in offered  # Epiphany, Corpus Christi (BY)
    assert "2026-10-31" not in offered  # Reformation Day is not a holiday in Bavaria
    type_into(qtbot, hours.new_holiday, "2026-12-24")
    hours.add_holiday_button.click()
    first = hours.holiday_list.item(0)
    first.setSelected(True)
    hours.remove_holiday_button.click()
    assert window.on_save()
    stored = settings.policy(conn)["business_hours"]["holidays"]
    assert "2026-12-24" in stored and "2026-01-01" not in stored and "2026-01-06" in stored
    assert stored == sorted(stored)


# --- first start ------------------------------------------------------------------------------


def test_the_first_start_setup_is_offered_once_and_saves_the_basics(qtbot, conn) -> None:
    clock = ManualClock(NOW)
    events = StoreEvents()
    setup = offer_first_start(conn, clock, events)
    assert isinstance(setup, FirstStartSetup)
    qtbot.addWidget(setup)
    type_into(qtbot, field(setup, "rate"), "-1")
    assert not setup.save_button.isEnabled()
    type_into(qtbot, field(setup, "rate"), "120")
    type_into(qtbot, field(setup, "currency"), "chf")
    type_into(qtbot, field(setup, "increment_minutes"), "10")
    type_into(qtbot, field(setup, "timezone"), "Europe/Zurich")
    setup.hours.has_hours.setChecked(True)
    with qtbot.waitSignal(setup.finished) as finished:
        setup.save_button.click()
    assert finished.args == ["done"]
    assert settings.policy(conn) == {
        "rate": "120",
        "currency": "CHF",
        "increment_minutes": 10,
        "timezone": "Europe/Zurich",
        "business_hours": HOURS,
    }
    assert ui_prefs.ui_settings(conn)["first_start"] == "done"
    assert offer_first_start(conn, clock, events) is None


def test_skipping_the_first_start_setup_is_final(qtbot, conn) -> None:
    clock = ManualClock(NOW)
    events = StoreEvents()
    setup = offer_first_start(conn, clock, events)
    assert setup is not None
    qtbot.addWidget(setup)
    setup.skip_button.click()
    assert settings.policy(conn) == {}  # the defaults stay, unasked again
    assert ui_prefs.ui_settings(conn)["first_start"] == "skipped"
    assert offer_first_start(conn, clock, events) is None


def test_closing_the_setup_counts_as_skipping(qtbot, conn) -> None:
    setup = FirstStartSetup(SettingsBook(conn, ManualClock(NOW), environ={}))
    qtbot.addWidget(setup)
    setup.show()
    setup.close()
    assert not ui_prefs.needs_first_start_setup(conn)


def test_a_store_with_a_policy_or_the_demo_is_never_asked(tmp_path, monkeypatch) -> None:
    from trayclock.commands import demo

    conn = db.connect(tmp_path / "policy.sqlite3")
    settings.set_policy(conn, {"rate": "90.00"}, now=NOW)
    assert not ui_prefs.needs_first_start_setup(conn)
    conn.close()
    monkeypatch.setenv("TRAYCLOCK_HOME", str(tmp_path / "demo"))
    demo.seed(ManualClock(NOW))
    from trayclock.config import paths

    demo_store = db.connect(paths().database)
    try:
        assert not ui_prefs.needs_first_start_setup(demo_store)
    finally:
        demo_store.close()


def test_the_language_is_read_without_touching_the_store(tmp_path) -> None:
    database = tmp_path / "lang.sqlite3"
    assert ui_prefs.stored_language(database) == "system"
    assert not database.exists()
    conn = db.connect(database)
    ui_prefs.update_ui(conn, {"language": "de"}, now=NOW)
    conn.close()
    assert ui_prefs.stored_language(database) == "de"


def test_the_settings_speak_german(qtbot, conn, german: None) -> None:
    window = open_window(qtbot, conn)
    assert window.windowTitle() == "Einstellungen"
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["Abrechnung", "Zeiten", "Erkennung", "Allgemein", "Backend"]
    assert field(window, "rate").text() == "85,00"  # the decimal comma, read back as 85.00
    type_into(qtbot, field(window, "rate"), "-1")
    assert field(window, "rate").shown_problem() == "Der Stundensatz darf nicht negativ sein."
    type_into(qtbot, field(window, "rate"), "90")
    assert "am Samstag, 7. November 2026, kostet 45,00 USD" in window.example.result.text()


def test_the_window_imports_a_company_file_after_listing_its_changes(qtbot, conn, tmp_path):
    from trayclock.services.rollout import write_file
    from trayclock.store import customers, mappings
    from trayclock.ui.settings.rollout_dialog import ImportConfirm, export_settings, import_settings

    manager = db.connect(tmp_path / "manager.sqlite3")
    settings.set_policy(manager, {"rate": "120.00", "currency": "CHF"}, now=NOW)
    acme = customers.upsert(manager, "acme", "Acme AG", now=NOW, policy={"rate": "130.00"})
    mappings.remember(manager, "anydesk", "482193577", acme.id, partner_name=None, now=NOW)
    company = tmp_path / "company.json"
    write_file(manager, company, now=NOW)
    manager.close()

    window = open_window(qtbot, conn)
    shown: list[list[str]] = []

    def answer(accept: bool):
        def ask(dialog: ImportConfirm) -> bool:
            qtbot.addWidget(dialog)
            shown.append([dialog.changes.item(i).text() for i in range(dialog.changes.count())])
            return accept

        return ask

    clock = window.book.clock
    assert not import_settings(window, conn, clock, company, ask=answer(False))
    assert settings.policy(conn) == {}  # Cancel changes nothing
    assert "Policy: Hourly rate: 85.00 → 120.00" in shown[0]
    assert "New customer: Acme AG (acme)" in shown[0]
    assert "New partner: AnyDesk 482 193 577 → Acme AG" in shown[0]
    assert import_settings(window, conn, clock, company, ask=answer(True))
    window.reload()
    assert field(window, "rate").text() == "120.00" and field(window, "currency").text() == "CHF"
    assert customers.by_key(conn, "acme").policy == {"rate": "130.00"}
    again = export_settings(window, conn, clock, tmp_path / "again.json")
    assert again is not None and '"rate": "130.00"' in again.read_text(encoding="utf-8")
