"""Customers as the windows see them: finding one by what was typed, creating one, the book
(the customers window: search, terms and contracts, partner IDs, CSV import).

Every customer made from a typed name (the tray's prompt, the review window, the customers
window) gets its key from `trayclock.domain.customer_key`, the same rule as a CSV import.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trayclock.domain.clock import Clock
from trayclock.domain.customer_key import customer_key
from trayclock.domain.entry import Customer, PartnerMapping
from trayclock.services.text_files import MIB, UnreadableFile, read_text
from trayclock.store import customers, mappings, settings
from trayclock.store.customers_csv import CustomerRow, import_customers
from trayclock.store.importing import ImportProblems

__all__ = ["CustomerBook", "CustomerRow", "ImportProblems", "create_customer", "find_or_create"]
from trayclock.store.customers_csv import parse_customers_csv as _parse_customers_csv

if TYPE_CHECKING:  # customer_terms prices through services.pricing: imported when used
    from trayclock.services.customer_terms import ContractStatus

MAX_CSV_BYTES = 32 * MIB  # a company's customer list fits many times over

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

    # --- the customers window's editing (terms, contracts, partners, CSV) --------------------

    def search(self, text: str) -> list[Customer]:
        """Customers whose name or key contains `text` (any case), or one of whose partner
        IDs does (spaces ignored: "123 456" finds 123456789)."""
        wanted = text.strip().casefold()
        listed = self.customers()
        if not wanted:
            return listed
        digits = "".join(wanted.split())
        owners = {m.customer_id for m in mappings.list_all(self.conn) if digits in m.partner_id}
        return [
            c
            for c in listed
            if wanted in c.name.casefold() or wanted in c.key.casefold() or c.id in owners
        ]

    def get(self, customer_id: int) -> Customer | None:
        return customers.get(self.conn, customer_id)

    def company_policy(self) -> dict[str, Any]:
        """The company policy in force (every field): what a customer inherits."""
        from trayclock.services.settings_judge import effective_policy

        return effective_policy(settings.policy(self.conn))

    def save_terms(
        self,
        customer_id: int,
        *,
        name: str,
        edited: Mapping[str, Any],
        contract: Mapping[str, Any] | None,
    ) -> Customer:
        """Name, overrides (`edited`: the window's fields, INHERIT for none) and contract,
        judged by the billing engine; SettingsRefused lists its problems."""
        from trayclock.services.customer_terms import merged_overrides, save_terms
        from trayclock.services.settings_book import SettingsRefused

        current = customers.get(self.conn, customer_id)
        if current is None:
            raise SettingsRefused([f"no customer {customer_id}"])
        clash = customers.find(self.conn, name.strip())
        if clash is not None and clash.id != customer_id:
            raise SettingsRefused([f"there is already a customer named {name.strip()!r}"])
        policy = merged_overrides(current.policy, edited)
        return save_terms(
            self.conn, customer_id, name=name, policy=policy, contract=contract,
            now=self.clock.now(),
        )  # fmt: skip

    def contract_status(self, customer: Customer) -> ContractStatus | None:
        from trayclock.services.customer_terms import contract_status

        return contract_status(self.conn, customer, self.clock.now())

    def partner_owner(self, app: str, partner_id: str) -> Customer | None:
        """The customer this partner is mapped to now, if any."""
        found = mappings.lookup(self.conn, app, partner_id)
        return None if found is None else customers.get(self.conn, found.customer_id)

    def map_partner(
        self, app: str, partner_id: str, customer_id: int, partner_name: str | None = None
    ) -> PartnerMapping:
        """Map the partner to the customer (moving it from another customer: ask first)."""
        return mappings.remember(
            self.conn, app, partner_id, customer_id, partner_name=partner_name,
            now=self.clock.now(),
        )  # fmt: skip

    def read_csv(self, path: Path) -> list[CustomerRow]:
        """A customers CSV checked by the same rules as `trayclock customers import`;
        ImportProblems names the file, line and column of every problem."""
        try:
            text = read_text(path, MAX_CSV_BYTES)
        except UnreadableFile as error:
            raise ImportProblems([str(error)]) from None
        return _parse_customers_csv(text, label=str(path))

    def import_rows(self, rows: list[CustomerRow]) -> tuple[int, int]:
        """Import checked rows (all or nothing): (created, updated). A partner that would move
        to another customer is refused (ImportProblems), as the command line does without
        --move-partners."""
        done = import_customers(self.conn, rows, now=self.clock.now())
        return done.created, done.updated
