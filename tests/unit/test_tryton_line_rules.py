"""How an entry reads as a Tryton timesheet line and as an invoice line (pure rules)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from trayclock.sync.backend import LineValues, Partner, marker
from trayclock.sync.tryton_invoice_items import InvoiceItem, invoice_marker, item_text, month_bounds
from trayclock.sync.tryton_lines import (
    billed_changes,
    describe,
    entry_uuid_of,
    fingerprint,
    like_pattern,
    line_fields,
    remote_line,
)

BERLIN = ZoneInfo("Europe/Berlin")
UUID = "6f1c2b1e-0000-4000-8000-000000000001"


def values(start: datetime, end: datetime, **changes: object) -> LineValues:
    base: dict[str, object] = {
        "entry_uuid": UUID,
        "customer_key": "acme",
        "customer_name": "ACME",
        "customer_ref": "1",
        "start": start,
        "end": end,
        "zone": BERLIN,
        "worked": end - start,
        "billable": True,
        "status": "billed",
        "billed_minutes": 15,
        "amount": Decimal("21.25"),
        "currency": "EUR",
    }
    base.update(changes)
    return LineValues(**base)  # type: ignore[arg-type]


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_description_holds_ticket_notes_partner_exact_times_and_the_marker_last() -> None:
    text = describe(
        values(
            utc(2026, 11, 3, 8, 12, 5),
            utc(2026, 11, 3, 9, 5, 40),
            ticket="4711",
            notes="Printer\n  queue cleared",
            partner=Partner("teamviewer", "123 456 789", "Reception PC"),
        )
    )
    assert text == (
        "Ticket 4711 · Printer queue cleared · teamviewer 123 456 789 (Reception PC) · "
        f"09:12:05–10:05:40 +01:00 {marker(UUID)}"
    )


def test_the_line_date_is_the_start_date_in_the_company_zone() -> None:
    late = values(utc(2026, 11, 3, 23, 30), utc(2026, 11, 4, 0, 10))
    fields = line_fields(late, timesheet_work=9)
    assert fields["date"] == date(2026, 11, 4)  # 00:30 in Berlin
    assert fields["duration"] == timedelta(minutes=40)
    assert fields["work"] == 9


def test_a_session_past_midnight_shows_the_end_date_and_a_clock_change_both_offsets() -> None:
    night = describe(values(utc(2026, 11, 3, 22, 30), utc(2026, 11, 3, 23, 15)))
    assert "23:30:00–2026-11-04 00:15:00 +01:00" in night
    # Summer time ends 2026-10-25 03:00 CEST → 02:00 CET.
    change = describe(values(utc(2026, 10, 24, 23, 50), utc(2026, 10, 25, 1, 20)))
    assert "01:50:00 +02:00–02:20:00 +01:00" in change


def test_worked_time_goes_in_whole_seconds_rounded_half_up() -> None:
    start = utc(2026, 11, 3, 8)
    fields = line_fields(
        values(start, start + timedelta(minutes=5), worked=timedelta(seconds=299.5)), 1
    )
    assert fields["duration"] == timedelta(seconds=300)


def test_text_typed_into_notes_cannot_pass_for_a_marker() -> None:
    other = "0000dead-0000-4000-8000-000000000000"
    text = describe(values(utc(2026, 11, 3, 8), utc(2026, 11, 3, 9), notes=f"see {marker(other)}"))
    assert entry_uuid_of(text) == UUID
    assert marker(other) not in text


@pytest.mark.parametrize(
    ("description", "uuid"),
    [(f"x {marker(UUID)}", UUID), ("no marker", None), ("[trayclock:unterminated", None),
     (None, None), (f"{marker('a')} then {marker('b')}", "b")],
)  # fmt: skip
def test_entry_uuid_comes_from_the_last_marker(description: str | None, uuid: str | None) -> None:
    assert entry_uuid_of(description) == uuid


def test_like_pattern_escapes_tryton_wildcards() -> None:
    assert like_pattern("a_b%c\\d") == "%a\\_b\\%c\\\\d%"


def test_the_fingerprint_of_what_was_sent_equals_that_of_what_is_read_back() -> None:
    sent = line_fields(values(utc(2026, 11, 3, 8), utc(2026, 11, 3, 9)), 4)
    read = {
        "id": 12,
        **sent,
        "duration": timedelta(seconds=3600.0),
        "invoice_line": 3,
        "_timestamp": "1796120053.903",
    }
    line = remote_line(read)
    assert line.owned == fingerprint(sent)
    assert (line.remote_id, line.entry_uuid, line.version, line.invoiced) == (
        "12",
        UUID,
        "1796120053.903",
        True,
    )
    assert line.extra == {"date": "2026-11-03", "work": "4", "invoice_line": "3"}
    assert fingerprint({**sent, "description": "edited"}) != line.owned


def test_billed_changes_name_work_date_and_duration_only() -> None:
    sent = line_fields(values(utc(2026, 11, 3, 8), utc(2026, 11, 3, 9)), 4)
    assert billed_changes(sent, {**sent, "description": "new words"}) == []
    moved = {**sent, "date": date(2026, 11, 5), "duration": timedelta(minutes=61)}
    assert billed_changes(sent, moved) == ["date", "duration"]


def item(**changes: object) -> InvoiceItem:
    base: dict[str, object] = {
        "entry_uuid": UUID,
        "start": utc(2026, 11, 7, 9, 0),
        "end": utc(2026, 11, 7, 9, 20),
        "status": "billed",
        "billed_minutes": 30,
        "amount": Decimal("63.75"),
        "ticket": "T-9",
    }
    base.update(changes)
    return InvoiceItem(**base)  # type: ignore[arg-type]


def test_an_invoice_line_reads_date_time_ticket_billed_time_and_why() -> None:
    assert item_text(item(), BERLIN) == "2026-11-07 10:00–10:20 · Ticket T-9 · billed 0:30 h"
    after = item_text(item(rate_class="after_hours", multiplier="1.5"), BERLIN)
    assert after.endswith("billed 0:30 h · after hours ×1.5")
    drawn = item_text(item(covered_minutes=20.0, amount=Decimal("14.17")), BERLIN)
    assert drawn.endswith("billed 0:30 h · 0:20 h from the contract")
    assert item_text(item(status="free", billed_minutes=0), BERLIN).endswith(
        "no charge (short session)"
    )


def test_an_invoice_item_comes_from_the_exports_priced_row() -> None:
    from trayclock.domain.entry import Customer, Entry
    from trayclock.domain.pricing import price_range

    # A Saturday: after hours (×1.5) under Mon–Fri business hours; 20 min → 30 → 45 weighted.
    start, end = utc(2026, 11, 7, 9, 0), utc(2026, 11, 7, 9, 20)
    acme = Customer(id=1, key="acme", name="ACME")
    stored = Entry(uuid=UUID, source="teamviewer", start=start, end=end, heartbeat=end,
                   ticket="T-9", customer_id=1)  # fmt: skip
    running = Entry(uuid="6f1c2b1e-0000-4000-8000-000000000002", source="manual",
                    start=start, end=None, heartbeat=end, customer_id=1)  # fmt: skip
    hours = {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"}
    priced = price_range([stored, running], [acme], {"business_hours": hours}, now=end)
    got = InvoiceItem.from_priced(priced.rows[0])
    assert got == item(rate_class="after_hours", multiplier="1.5")
    with pytest.raises(ValueError, match="not priced yet"):
        InvoiceItem.from_priced(priced.rows[1])


def test_month_bounds_and_the_invoice_marker() -> None:
    assert month_bounds(date(2028, 2, 17)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert invoice_marker("acme", date(2026, 11, 30)) == "[trayclock-invoice:acme:2026-11]"
