"""Team knowledge through the real Tryton: the partner IDs one technician's trayclock learned
are written to the customer's party, and a second technician's store, synced from the same
Tryton, has the customer (matched to its own by name, case and accents aside) and attaches
its first session to that partner without a question."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tryton.server import TrytonServer
from tests.tryton.sync_support import make_world
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.store import customers, mappings
from trayclock.sync.tryton import TrytonBackend
from trayclock.sync.tryton_rpc import TrytonRPC
from trayclock.tracker import Tracker

pytestmark = pytest.mark.integration

_ids = itertools.count(1)


def test_a_second_technician_attaches_to_a_partner_the_first_one_taught(
    tmp_path: Path,
    tryton_server: TrytonServer,
    rpc: TrytonRPC,
    unique_name: Callable[[str], str],
) -> None:
    partner = f"9{next(_ids):02d}{abs(hash(tmp_path)) % 10**7:07d}"
    name = unique_name("Müller Haustechnik")
    first = make_world(tmp_path, tryton_server, rpc, name="first")
    second = make_world(tmp_path, tryton_server, rpc, name="second")
    # The second technician already has the customer, typed differently.
    own = customers.upsert(second.conn, "mueller", name.upper().replace("Ü", "U"),
                           now=second.clock.now())  # fmt: skip

    # The first technician attached a session to the partner once.
    taught = first.customer(name)
    mappings.remember(first.conn, "anydesk", partner, taught, partner_name="Reception PC",
                      now=first.clock.now())  # fmt: skip
    first.sync()
    remote = [c for c in TrytonBackend(rpc).list_customers() if c.name == name]
    assert len(remote) == 1
    assert [(p.app, p.partner_id, p.name) for p in remote[0].partners] == [
        ("anydesk", partner, "Reception PC")
    ]

    second.sync()
    matched = customers.get(second.conn, own.id)
    assert matched is not None and matched.external_ids["tryton"] == remote[0].customer_id
    assert not [c for c in customers.list_all(second.conn) if c.name == name]  # no twin
    learned = mappings.lookup(second.conn, "anydesk", partner)
    assert learned is not None and learned.customer_id == own.id

    # Their first session to that machine: attached at once, no question.
    tracker = Tracker(second.conn, second.clock)
    start = second.clock.now()
    session = RemoteSession("anydesk", f"ad-{partner}", partner, "Reception PC", start, None,
                            Outcome.OPEN)  # fmt: skip
    entry = tracker.handle(SessionEvent(EventKind.STARTED, session, start))
    assert entry is not None and entry.customer_id == own.id
    first.conn.close()
    second.conn.close()
