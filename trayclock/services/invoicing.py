"""`trayclock invoice`: per customer, the month's draft invoice in Tryton whose total is
what `trayclock export` shows for that customer and month — the same rows of the one
pricing path (services/pricing.py), handed to sync/tryton_invoice.py. Idempotent: the month's
draft is found again and brought up to date. Entries whose lines Tryton then links to the
invoice are locked in trayclock (store/outbox.py: invoiced)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from trayclock.domain.clock import Clock
from trayclock.domain.pricing import PricedRow
from trayclock.services.pricing import price_stored_range
from trayclock.services.zones import company_zone
from trayclock.store import outbox, settings, submission
from trayclock.store.outbox import RowState
from trayclock.sync import remote_ids
from trayclock.sync.backend import RefusedError
from trayclock.sync.reasons import Code, reason
from trayclock.sync.tryton import TrytonBackend
from trayclock.sync.tryton_invoice import invoice_month
from trayclock.sync.tryton_invoice_items import InvoiceItem, InvoiceResult, month_bounds

SHOWN_AT_MOST = 5


@dataclass(frozen=True, slots=True)
class CustomerInvoice:
    key: str
    name: str
    export_total: Decimal  # `trayclock export`'s total for the customer and month
    result: InvoiceResult


def month_range(conn: sqlite3.Connection, month: date) -> tuple[datetime, datetime]:
    zone = company_zone(settings.policy(conn))
    first, last = month_bounds(month)
    after = last.toordinal() + 1
    return datetime.combine(first, time(0), zone), datetime.combine(
        date.fromordinal(after), time(0), zone
    )


def invoice(
    conn: sqlite3.Connection,
    adapter: TrytonBackend,
    backend: str,
    month: date,
    *,
    clock: Clock,
    customer_key: str | None = None,
) -> list[CustomerInvoice]:
    """Each customer's (or the one `customer_key`'s) draft for `month`; RefusedError names
    what stands in the way (entries not synced yet, a customer without entries …)."""
    start, end = month_range(conn, month)
    priced = price_stored_range(conn, start, end, now=clock.now())
    zone = company_zone(settings.policy(conn))
    by_customer: dict[str, list[PricedRow]] = {}
    for row in priced.rows:
        if row.customer is None or row.priced is None:
            continue  # unattached or running: nothing anyone can invoice yet
        by_customer.setdefault(row.customer.key, []).append(row)
    if customer_key is not None:
        if customer_key not in by_customer:
            raise RefusedError(
                reason(Code.NO_PRICED_ENTRIES, customer=customer_key, month=f"{month:%Y-%m}")
            )
        by_customer = {customer_key: by_customer[customer_key]}
    totals = {t.key: t.amount for t in priced.totals}
    made: list[CustomerInvoice] = []
    for key in sorted(by_customer):
        rows = by_customer[key]
        _require_synced(conn, backend, key, rows)
        customer = rows[0].customer
        assert customer is not None
        remote = adapter.ensure_customer(
            key, customer.name, remote_ids.known_remote(customer, "tryton")
        )
        remote_ids.link(conn, customer, "tryton", remote, now=clock.now())
        items = [InvoiceItem.from_priced(r) for r in rows]
        result = invoice_month(
            adapter, remote, key, month, items, zone=zone, currency=priced.currency
        )
        submission.invoiced(conn, backend, list(result.linked_entries), now=clock.now())
        made.append(CustomerInvoice(key, customer.name, totals.get(key, Decimal("0.00")), result))
    return made


def _require_synced(
    conn: sqlite3.Connection, backend: str, key: str, rows: list[PricedRow]
) -> None:
    waiting = []
    for row in rows:
        found = outbox.get(conn, backend, row.entry.uuid)
        if found is None or found.state is not RowState.SYNCED or found.remote is None:
            waiting.append(row.entry.uuid)
    if waiting:
        shown = ", ".join(waiting[:SHOWN_AT_MOST]) + (" …" if len(waiting) > SHOWN_AT_MOST else "")
        raise RefusedError(
            reason(Code.ENTRIES_NOT_SENT, count=len(waiting), customer=key, entries=shown)
        )
