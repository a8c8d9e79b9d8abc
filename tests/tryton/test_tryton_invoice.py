"""trayclock's priced month as a draft invoice in a real Tryton: its total is the engine's to
the cent, a second run updates the same draft, and the invoiced lines are locked."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from trayclock.domain.billing import bill_document
from trayclock.sync.backend import ConflictError, LineValues, RefusedError, RemoteCustomer
from trayclock.sync.tryton import TrytonBackend
from trayclock.sync.tryton_invoice import LINKED_TEXT, invoice_month
from trayclock.sync.tryton_invoice_items import InvoiceItem, InvoiceResult, invoice_marker
from trayclock.sync.tryton_lines import like_pattern
from trayclock.sync.tryton_rpc import TrytonRPC

pytestmark = pytest.mark.integration

ZONE = "Europe/Berlin"
BERLIN = ZoneInfo(ZONE)
NOVEMBER = date(2026, 11, 1)
POLICY = {
    "rate": "85.00",
    "currency": "EUR",
    "timezone": ZONE,
    "increment_minutes": 15,
    "free_under_minutes": 3,
    "minimum_charge": "35.00",
    "business_hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"},
    "after_hours_multiplier": "1.5",
}
# (customer, day in November, start, end, extra fields): a realistic month of two customers
SESSIONS = [
    ("bank", 2, "09:00", "09:40", {}),  # draws on the hours bank
    ("bank", 3, "10:00", "10:50", {}),  # exhausts it: partly covered
    ("bank", 7, "10:00", "10:20", {}),  # Saturday: after hours
    ("bank", 9, "14:00", "14:02", {}),  # under 3 minutes: free
    ("bank", 10, "11:00", "11:06", {}),  # minimum charge
    ("bank", 12, "08:30", "10:10", {"approved": True}),  # long, approved
    ("plain", 12, "09:15", "09:45", {}),  # overlaps the long one: both policies differ
    ("plain", 16, "18:30", "19:05", {}),  # after closing
    ("plain", 20, "09:00", "09:25", {"billable": False}),  # not billable
    ("plain", 30, "16:50", "17:40", {}),  # last day of the month
]


@dataclass
class Month:
    """The month as trayclock priced it and as it went to Tryton, per customer key."""

    customers: dict[str, RemoteCustomer]
    items: dict[str, list[InvoiceItem]]
    totals: dict[str, Decimal]


def at(day: int, clock: str) -> str:
    return f"2026-11-{day:02d}T{clock}:00+01:00"


def price(sessions: Sequence[tuple[str, int, str, str, dict[str, Any]]], concurrency: str) -> Any:
    entries = [
        {"id": str(uuid.uuid4()), "customer": who, "start": at(day, a), "end": at(day, b), **extra}
        for who, day, a, b, extra in sessions
    ]
    doc = {
        "policy": {**POLICY, "concurrency": concurrency},
        "customers": {
            "bank": {"contract": {"included_minutes": 60, "period": "once"}},
            "plain": {"policy": {"rate": "95.00"}},
        },
        "entries": entries,
    }
    return entries, bill_document(doc)


def items_of(entries: list[dict[str, Any]], output: dict[str, Any]) -> list[InvoiceItem]:
    priced = {p["id"]: p for p in output["entries"]}
    return [
        InvoiceItem(
            entry_uuid=e["id"],
            start=datetime.fromisoformat(e["start"]),
            end=datetime.fromisoformat(e["end"]),
            status=priced[e["id"]]["status"],
            billed_minutes=priced[e["id"]]["billed_minutes"],
            amount=Decimal(priced[e["id"]]["amount"]),
            ticket=f"T-{i}",
            covered_minutes=priced[e["id"]]["covered_minutes"],
            rate_class=priced[e["id"]]["rate_class"],
            multiplier=priced[e["id"]]["multiplier"],
        )
        for i, e in enumerate(entries)
    ]


def sync(backend: TrytonBackend, customer: RemoteCustomer, items: Sequence[InvoiceItem]) -> None:
    backend.create([line_values(customer, item) for item in items])


def line_values(customer: RemoteCustomer, item: InvoiceItem) -> LineValues:
    return LineValues(
        entry_uuid=item.entry_uuid,
        customer_key="k",
        customer_name=customer.name,
        customer_ref=customer.ref,
        start=item.start,
        end=item.end,
        zone=BERLIN,
        worked=item.end - item.start,
        billable=item.status != "non_billable",
        status=item.status,
        billed_minutes=item.billed_minutes,
        amount=item.amount,
        currency="EUR",
        ticket=item.ticket,
    )


@pytest.fixture
def month_for(backend: TrytonBackend, unique_name: Callable[[str], str]) -> Callable[[str], Month]:
    def make(concurrency: str) -> Month:
        entries, output = price(SESSIONS, concurrency)
        month = Month({}, {}, {})
        all_items = items_of(entries, output)
        for key in ("bank", "plain"):
            customer = backend.ensure_customer(key, unique_name(key.title()), None)
            mine = [i for i, e in zip(all_items, entries, strict=True) if e["customer"] == key]
            sync(backend, customer, mine)
            month.customers[key] = customer
            month.items[key] = mine
            month.totals[key] = Decimal(output["customers"][key]["amount"])
        return month

    return make


def invoice(
    backend: TrytonBackend, customer: RemoteCustomer, key: str, items: Sequence[InvoiceItem]
) -> InvoiceResult:
    return invoice_month(backend, customer, key, NOVEMBER, items, zone=BERLIN, currency="EUR")


def invoices_marked(rpc: TrytonRPC, customer: RemoteCustomer, key: str) -> list[dict[str, Any]]:
    return rpc.search_read(
        "account.invoice",
        [["party", "=", int(customer.customer_id)],
         ["description", "like", like_pattern(invoice_marker(key, NOVEMBER))]],
        ["id", "state", "total_amount", "tax_amount", "party"],
    )  # fmt: skip


@pytest.mark.parametrize("concurrency", ["bill_each", "split"])
def test_the_draft_totals_the_engines_month_to_the_cent(
    backend: TrytonBackend, rpc: TrytonRPC, month_for: Callable[[str], Month], concurrency: str
) -> None:
    month = month_for(concurrency)
    for key, customer in month.customers.items():
        result = invoice(backend, customer, key, month.items[key])
        assert result.created and result.total == result.trayclock_total == month.totals[key]
        assert result.lines == len(month.items[key]) and result.linked == len(month.items[key])
        (draft,) = invoices_marked(rpc, customer, key)
        assert draft["state"] == "draft" and draft["tax_amount"] == Decimal("0.00")
        assert draft["party"] == int(customer.customer_id)
        rows = rpc.search_read(
            "account.invoice.line",
            [["invoice", "=", result.invoice_id]],
            ["description", "quantity", "unit_price", "amount"],
            order=[("sequence", "ASC"), ("id", "ASC")],
        )
        readable = [r for r in rows if r["description"] != LINKED_TEXT]
        assert [r["amount"] for r in readable] == [i.amount for i in month.items[key]]
        assert readable[0]["description"].startswith("2026-11-")
        assert all(r["amount"] == 0 for r in rows if r["description"] == LINKED_TEXT)
        assert all(backend.find(i.entry_uuid).invoiced for i in month.items[key])  # type: ignore[union-attr]
    assert month.totals["bank"] != month.totals["plain"]


def test_the_month_prices_the_overlap_differently_under_the_two_policies() -> None:
    each, split = price(SESSIONS, "bill_each")[1], price(SESSIONS, "split")[1]
    assert each["customers"]["plain"]["amount"] != split["customers"]["plain"]["amount"]
    statuses = {e["status"] for e in each["entries"]}
    assert statuses == {"billed", "free", "non_billable"}
    assert any(e["rate_class"] == "after_hours" for e in each["entries"])
    assert any(0 < e["covered_minutes"] < e["weighted_minutes"] for e in each["entries"])


def test_invoicing_again_updates_the_same_draft(
    backend: TrytonBackend, rpc: TrytonRPC, month_for: Callable[[str], Month]
) -> None:
    month = month_for("bill_each")
    customer, items = month.customers["plain"], month.items["plain"]
    first = invoice(backend, customer, "plain", items)
    again = invoice(backend, customer, "plain", items)
    assert (again.invoice_id, again.created, again.total) == (first.invoice_id, False, first.total)
    # A late entry of the month is synced and the month priced again; one entry dropped.
    late = InvoiceItem(
        str(uuid.uuid4()),
        datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN),
        datetime(2026, 11, 25, 9, 50, tzinfo=BERLIN),
        "billed",
        60,
        Decimal("95.00"),
        ticket="T-late",
    )
    sync(backend, customer, [late])
    changed = [*items[1:], late]
    third = invoice(backend, customer, "plain", changed)
    assert (third.invoice_id, third.created) == (first.invoice_id, False)
    assert third.total == first.total - items[0].amount + Decimal("95.00")
    assert third.lines == third.linked == len(changed)
    assert [d["id"] for d in invoices_marked(rpc, customer, "plain")] == [first.invoice_id]
    drafts = rpc.search_read("account.invoice", [["party", "=", int(customer.customer_id)]], ["id"])
    assert [d["id"] for d in drafts] == [first.invoice_id]  # Tryton's own interim one is gone


def test_invoiced_lines_keep_their_billed_fields_and_take_a_new_description(
    backend: TrytonBackend, rpc: TrytonRPC, month_for: Callable[[str], Month]
) -> None:
    month = month_for("bill_each")
    customer, items = month.customers["plain"], month.items["plain"]
    before = backend.find(items[0].entry_uuid)
    assert before is not None and not before.invoiced
    invoice(backend, customer, "plain", items)
    values = line_values(customer, items[0])
    longer = dataclasses.replace(
        values, end=values.end + timedelta(minutes=10), worked=values.worked + timedelta(minutes=10)
    )
    with pytest.raises(ConflictError, match=r"invoiced .* duration cannot change") as caught:
        backend.update(before, longer)
    assert caught.value.remote is not None and caught.value.remote.invoiced
    # Invoicing moved the line's _timestamp; the stamp we hold is stale, yet no conflict:
    renamed = backend.update(before, dataclasses.replace(values, notes="customer called back"))
    assert renamed.invoiced and "customer called back" in renamed.description
    with pytest.raises(ConflictError, match="invoiced"):
        backend.delete(renamed)
    # Tryton's own project invoicing cannot invoice these lines a second time.
    (work,) = rpc.read(
        "project.work",
        [int(customer.ref or 0)],
        ["project_invoice_method", "project_invoice_timesheet_up_to"],
    )
    assert (work["project_invoice_method"], work["project_invoice_timesheet_up_to"]) == (
        "manual",
        None,
    )
    with pytest.raises(RefusedError, match="can not call"):
        rpc.execute("project.work", "invoice", [int(customer.ref or 0)])


def test_what_stands_in_the_way_is_refused_by_name(
    backend: TrytonBackend, rpc: TrytonRPC, month_for: Callable[[str], Month]
) -> None:
    month = month_for("bill_each")
    customer, items = month.customers["plain"], month.items["plain"]
    unsynced = dataclasses.replace(items[0], entry_uuid=str(uuid.uuid4()))
    with pytest.raises(
        RefusedError, match=f"1 entries are not in Tryton yet .*{unsynced.entry_uuid}"
    ):
        invoice(backend, customer, "plain", [*items, unsynced])
    with pytest.raises(RefusedError, match="invoices in EUR, trayclock priced in USD"):
        invoice_month(backend, customer, "plain", NOVEMBER, items, zone=BERLIN, currency="USD")
    december = dataclasses.replace(items[0], start=datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN))
    with pytest.raises(RefusedError, match="starts on 2026-12-01, not in 2026-11"):
        invoice(backend, customer, "plain", [december])
    # An October line nobody invoiced would be swept into November's invoice: refused.
    october = dataclasses.replace(
        items[0],
        entry_uuid=str(uuid.uuid4()),
        start=datetime(2026, 10, 30, 9, 0, tzinfo=BERLIN),
        end=datetime(2026, 10, 30, 9, 30, tzinfo=BERLIN),
    )
    sync(backend, customer, [october])
    with pytest.raises(RefusedError, match=r"1 timesheet lines .* up to 2026-11-30 .*2026-10-30"):
        invoice(backend, customer, "plain", items)
    assert invoices_marked(rpc, customer, "plain") == []


def test_a_month_too_short_for_tryton_to_link_still_gets_its_draft(
    backend: TrytonBackend, unique_name: Callable[[str], str]
) -> None:
    customer = backend.ensure_customer("tiny", unique_name("Tiny"), None)
    start = datetime(2026, 11, 4, 10, 0, tzinfo=BERLIN)
    starts = [start, start + timedelta(hours=1)]
    items = [
        InvoiceItem(str(uuid.uuid4()), s, s + timedelta(seconds=10), "billed", 15, Decimal("35.00"))
        for s in starts
    ]
    sync(backend, customer, items)
    result = invoice(backend, customer, "tiny", items)
    assert result.created and result.total == Decimal("70.00") and result.linked == 0
    assert set(result.unlinked) == {i.entry_uuid for i in items}
    assert invoice(backend, customer, "tiny", items).invoice_id == result.invoice_id
