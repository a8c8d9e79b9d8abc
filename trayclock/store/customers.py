"""Customers: name, billing key, external ids per backend, policy overrides and contract.

A customer is found by what a person types (`--customer`, a CSV's name column, an entries
document's customer): its key exactly, else its name exactly, else its name ignoring case
and accents ("acme industries", "Muller" for "Müller"). A key is a key: "BETA" typed is a
name, not the key "beta" of "Beta Bau" (the review window makes a new customer of it). More
than one customer at the last step is no match: the caller names them and asks for the key.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from trayclock.domain.entry import Customer
from trayclock.domain.history import decides_minutes, is_bank
from trayclock.store import contract_balances
from trayclock.store.db import StoreError, encode_time, transaction

_COLUMNS = "id, key, name, external_ids, policy, contract, archived"


def _from_row(row: sqlite3.Row) -> Customer:
    return Customer(
        id=int(row["id"]),
        key=row["key"],
        name=row["name"],
        external_ids=json.loads(row["external_ids"]),
        policy=json.loads(row["policy"]),
        contract=None if row["contract"] is None else json.loads(row["contract"]),
        archived=bool(row["archived"]),
    )


def get(conn: sqlite3.Connection, customer_id: int) -> Customer | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM customers WHERE id = ?", (customer_id,)).fetchone()
    return None if row is None else _from_row(row)


def by_key(conn: sqlite3.Connection, key: str) -> Customer | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM customers WHERE key = ?", (key,)).fetchone()
    return None if row is None else _from_row(row)


def folded(text: str) -> str:
    """`text` for matching: case and accents dropped, runs of white space made one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def matching_in(known: Iterable[Customer], text: str) -> list[Customer]:
    """The customers `text` names (see the module doc): one, several (ambiguous) or none."""
    candidates = list(known)
    wanted = text.strip()
    for exact in (
        [c for c in candidates if c.key == wanted],
        [c for c in candidates if c.name == wanted],
    ):
        if exact:
            return exact
    loose = folded(wanted)
    if not loose:
        return []
    return [c for c in candidates if folded(c.name) == loose]


def matching(conn: sqlite3.Connection, text: str) -> list[Customer]:
    """The customers `text` names, archived ones included (see the module doc)."""
    found = by_key(conn, text.strip())
    if found is not None:
        return [found]
    return matching_in(list_all(conn, include_archived=True), text)


def find(conn: sqlite3.Connection, text: str) -> Customer | None:
    """The one customer `text` names, or None (no such customer, or several)."""
    found = matching(conn, text)
    return found[0] if len(found) == 1 else None


def describe(found: Iterable[Customer]) -> str:
    """'ACME Industries [acme], Acme Dental [acme-dental]' for a message."""
    return ", ".join(f"{c.name} [{c.key}]" for c in found)


def list_all(conn: sqlite3.Connection, *, include_archived: bool = False) -> list[Customer]:
    where = "" if include_archived else "WHERE archived = 0"
    rows = conn.execute(f"SELECT {_COLUMNS} FROM customers {where} ORDER BY name COLLATE NOCASE")
    return [_from_row(row) for row in rows]


def upsert(
    conn: sqlite3.Connection,
    key: str,
    name: str,
    *,
    now: datetime,
    external_ids: dict[str, str] | None = None,
    policy: dict[str, Any] | None = None,
    contract: dict[str, Any] | None = None,
    archived: bool = False,
) -> Customer:
    """Create the customer `key`, or update it in place (same id, so entries stay attached)."""
    if not key.strip() or not name.strip():
        raise StoreError("a customer needs a non-empty key and name")
    stamp = encode_time(now)
    with transaction(conn):
        before = by_key(conn, key)
        conn.execute(
            "INSERT INTO customers (key, name, external_ids, policy, contract, archived, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET name = excluded.name, "
            "external_ids = excluded.external_ids, policy = excluded.policy, "
            "contract = excluded.contract, archived = excluded.archived, "
            "updated_at = excluded.updated_at",
            (
                key,
                name,
                json.dumps(external_ids or {}, sort_keys=True),
                json.dumps(policy or {}, sort_keys=True),
                None if contract is None else json.dumps(contract, sort_keys=True),
                int(archived),
                stamp,
                stamp,
            ),
        )
        if before is not None and (
            decides_minutes(before.policy, policy or {})  # what its entries draw
            or is_bank(before.contract) != is_bank(contract)  # whether its draws are kept
        ):
            contract_balances.invalidate_customer(conn, before.id)
    found = by_key(conn, key)
    assert found is not None  # just written in this connection
    return found


def archive(conn: sqlite3.Connection, customer_id: int, *, now: datetime) -> None:
    """Hide from pickers; entries keep pointing at it (customers are never deleted)."""
    with transaction(conn):
        conn.execute(
            "UPDATE customers SET archived = 1, updated_at = ? WHERE id = ?",
            (encode_time(now), customer_id),
        )
