"""Where a trayclock customer is on the backend: its `external_ids` hold the backend's
customer id under the backend's kind (`tryton`: the party) and what lines refer to under
`<kind>_ref` (Tryton: the project work)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from trayclock.domain.entry import Customer
from trayclock.store import customers
from trayclock.sync.backend import RemoteCustomer


def ref_key(kind: str) -> str:
    return f"{kind}_ref"


def known_remote(customer: Customer, kind: str) -> RemoteCustomer | None:
    """The remote customer trayclock last linked this one to, if any."""
    remote_id = customer.external_ids.get(kind)
    if not remote_id:
        return None
    return RemoteCustomer(remote_id, customer.name, customer.external_ids.get(ref_key(kind)))


def link(
    conn: sqlite3.Connection,
    customer: Customer,
    kind: str,
    remote: RemoteCustomer,
    *,
    now: datetime,
) -> Customer:
    """Keep the link to `remote` in the customer's external ids (written only when new)."""
    wanted = dict(customer.external_ids)
    wanted[kind] = remote.customer_id
    if remote.ref:
        wanted[ref_key(kind)] = remote.ref
    if wanted == customer.external_ids:
        return customer
    return customers.upsert(
        conn,
        customer.key,
        customer.name,
        now=now,
        external_ids=wanted,
        policy=customer.policy,
        contract=customer.contract,
        archived=customer.archived,
    )
