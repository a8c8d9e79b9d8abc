"""Customers as the windows see them: finding one by what was typed, creating one, the book.

Every customer made from a typed name (the tray's prompt, the review window, the customers
window) gets its key from `trayclock.domain.customer_key`, the same rule as a CSV import.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

from trayclock.domain.clock import Clock
from trayclock.domain.customer_key import customer_key
from trayclock.domain.entry import Customer, PartnerMapping
from trayclock.store import customers, mappings

log = logging.getLogger(__name__)


def create_customer(conn: sqlite3.Connection, name: str, *, now: datetime) -> Customer:
    """A new customer called `name` (trimmed), under a key no other customer has yet."""
    name = name.strip()
    if not name:
        raise ValueError("a customer needs a name")
    key = customer_key(name, lambda k: customers.by_key(conn, k) is not None)
    log.info("created customer %s", key)
    return customers.upsert(conn, key, name, now=now)


def find_or_create(conn: sqlite3.Connection, name: str, *, now: datetime) -> Customer:
    """The customer called `name` or keyed so (exactly, archived ones too), else the one whose
    name matches it case-insensitively when that is unambiguous, else a new customer."""
    text = name.strip()
    if not text:
        raise ValueError("a customer needs a name")
    for customer in customers.list_all(conn, include_archived=True):
        if text in (customer.name, customer.key):
            return customer
    found = customers.find(conn, text)
    return found if found is not None else create_customer(conn, text, now=now)


class CustomerBook:
    """The customers window's reads and changes (GUI thread, the tray's connection)."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock

    def customers(self) -> list[Customer]:
        return customers.list_all(self.conn)

    def partners(self, customer_id: int) -> list[PartnerMapping]:
        return [m for m in mappings.list_all(self.conn) if m.customer_id == customer_id]

    def add(self, name: str) -> Customer:
        name = name.strip()
        if not name:
            raise ValueError("a customer needs a name")
        if customers.find(self.conn, name) is not None:
            raise ValueError(f"there is already a customer named {name!r}")
        return create_customer(self.conn, name, now=self.clock.now())

    def rename(self, customer_id: int, name: str) -> Customer:
        """A new display name; the billing key (and so every entry's link) stays."""
        current = customers.get(self.conn, customer_id)
        if current is None:
            raise ValueError(f"no customer {customer_id}")
        if not name.strip():
            raise ValueError("a customer needs a name")
        return customers.upsert(
            self.conn,
            current.key,
            name.strip(),
            now=self.clock.now(),
            external_ids=current.external_ids,
            policy=current.policy,
            contract=current.contract,
        )

    def archive(self, customer_id: int) -> None:
        customers.archive(self.conn, customer_id, now=self.clock.now())

    def forget(self, app: str, partner_id: str) -> None:
        mappings.forget(self.conn, app, partner_id)
