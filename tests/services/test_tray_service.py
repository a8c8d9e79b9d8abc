"""The tray's service without Qt: which day "today" is, what its total counts, and one customer
key for every window that makes a customer from a typed name."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import Entry
from trayclock.services.customers import CustomerBook, find_or_create
from trayclock.services.review.source import ReviewSource
from trayclock.services.tray import TrayService
from trayclock.services.tray_types import AttachRequest, CustomerChoice
from trayclock.store import customers, customers_csv, entries, settings
from trayclock.tracker import Tracker

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14: 09:00 UTC is 23:00 there
ANCHORAGE = ZoneInfo("America/Anchorage")  # UTC-9: 09:00 UTC is midnight there
BERLIN = ZoneInfo("Europe/Berlin")


def service(conn: sqlite3.Connection, clock: ManualClock, **more: object) -> TrayService:
    return TrayService(conn, Tracker(conn, clock), clock, **more)  # type: ignore[arg-type]


def add(conn: sqlite3.Connection, uuid: str, start: datetime, end: datetime | None, **more) -> None:  # type: ignore[no-untyped-def]
    entry = Entry(uuid=uuid, source="anydesk", start=start, end=end, heartbeat=start, **more)
    entries.insert(conn, entry, reason="test", now=start)


def test_today_is_the_company_day_whatever_the_computer_says(conn: sqlite3.Connection) -> None:
    clock = ManualClock(T0 + timedelta(minutes=90))  # 10:30 UTC: 00:30 the next day in Kiritimati
    add(conn, "late", T0 - timedelta(minutes=30), T0)  # 08:30–09:00 UTC
    add(conn, "early", T0 + timedelta(minutes=70), T0 + timedelta(minutes=80))
    tray = service(conn, clock)
    assert tray.zone() == ZoneInfo("UTC")  # no company zone set: UTC, not the host's
    assert tray.snapshot().today == timedelta(minutes=40)
    settings.set_policy(conn, {"timezone": "Pacific/Kiritimati"}, now=T0)
    assert tray.zone() == KIRITIMATI  # read again: a settings change moves the day
    assert tray.snapshot().today == timedelta(minutes=10)  # only what began after midnight
    # the zone is a parameter where the day is decided
    assert tray.today_total(clock.now(), BERLIN) == timedelta(minutes=40)  # both on the 2nd
    assert tray.today_total(clock.now(), ANCHORAGE) == timedelta(minutes=10)  # "late": the 1st
    assert service(conn, clock, zone=BERLIN).snapshot().today == timedelta(minutes=40)
    # ... and the review window opens on the same day as the tray's "today"
    assert ReviewSource(conn, clock).today() == clock.now().astimezone(KIRITIMATI).date()


def test_today_counts_running_and_unattached_work_but_no_attempts(
    conn: sqlite3.Connection,
) -> None:
    clock = ManualClock(T0 + timedelta(minutes=60))
    add(conn, "done", T0, T0 + timedelta(minutes=20), billable=False)  # not billed, worked
    add(conn, "going", T0 + timedelta(minutes=30), None)  # running, no customer
    add(conn, "tried", T0, T0 + timedelta(minutes=2), attempt=True, billable=False)
    add(conn, "gone", T0, T0 + timedelta(minutes=50), discarded=True)
    assert service(conn, clock).snapshot().today == timedelta(minutes=20 + 30)


def test_every_window_makes_the_same_key_from_a_name(conn: sqlite3.Connection) -> None:
    clock = ManualClock(T0)
    name = "Müller & Söhne GmbH"
    tray = service(conn, clock)
    add(conn, "s1", T0, None)
    tray.attach(AttachRequest("s1", CustomerChoice(None, name)))  # the prompt
    from_prompt = customers.find(conn, name)
    assert from_prompt is not None and from_prompt.key == "müller-söhne-gmbh"
    # the review window finds the same customer instead of making a second one
    assert ReviewSource(conn, clock).customer_id_for(name) == from_prompt.id
    # the customers window and the review make new customers by the same rule
    book = CustomerBook(conn, clock)
    assert book.add("Bäcker & Söhne").key == "bäcker-söhne"
    assert find_or_create(conn, "Zoë's  Café", now=T0).key == "zoë-s-café"
    # a CSV import of the same name updates the prompt's customer, never adds another
    rows = customers_csv.parse_customers_csv(f"name,rate\n{name},95.00\n", label="c.csv")
    assert customers_csv.import_customers(conn, rows, now=T0)[:2] == (0, 1)
    assert [c.key for c in customers.list_all(conn) if "Müller" in c.name] == ["müller-söhne-gmbh"]


def test_a_new_customer_never_takes_another_ones_key(conn: sqlite3.Connection) -> None:
    customers.upsert(conn, "acme", "Acme (old)", now=T0)
    other = CustomerBook(conn, ManualClock(T0)).add("Acme!")  # its key "acme" is taken
    assert other.key == "acme-2" and customers.by_key(conn, "acme").name == "Acme (old)"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="needs a name"):
        find_or_create(conn, "   ", now=T0)
