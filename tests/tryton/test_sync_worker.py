"""The sync worker against the real Tryton: entries pushed, edited and discarded appear,
change and disappear as timesheet lines, exactly once; a refused line fails alone; an
office edit is a conflict for a person, decided either way; an invoiced line is locked."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.tryton.server import TrytonServer
from tests.tryton.sync_support import T0, SyncWorld, make_world, tryton_adapter
from trayclock.domain.entry import SyncState
from trayclock.services.sync import SyncService
from trayclock.store import audit, customers, entries, outbox
from trayclock.store.outbox import InvoicedEntryError, RowState
from trayclock.sync import remote_ids
from trayclock.sync import tryton_lines as lines
from trayclock.sync.backend import Backend, LineValues, RemoteLine
from trayclock.sync.reasons import Code, english, reason
from trayclock.sync.tryton_rpc import TrytonRPC

pytestmark = pytest.mark.integration


@pytest.fixture
def world(tmp_path: Path, tryton_server: TrytonServer, rpc: TrytonRPC) -> Iterator[SyncWorld]:
    made = make_world(tmp_path, tryton_server, rpc)
    yield made
    made.conn.close()


def one_line(world: SyncWorld, uuid: str) -> dict[str, object]:
    found = world.lines_of(uuid)
    assert len(found) == 1, found
    return found[0]


def test_pushed_edited_and_discarded_entries_are_lines_that_change_and_go(
    world: SyncWorld, unique_name: Callable[[str], str]
) -> None:
    acme = world.customer(unique_name("ACME"))
    a = world.add(acme, T0, 40, ticket="T-1", notes="printer")
    b = world.add(acme, T0 + timedelta(hours=2), 25)
    c = world.add(acme, T0 + timedelta(days=1), 90)
    assert world.submit() == 3
    assert world.stored(a.uuid).sync_state is SyncState.QUEUED

    report = world.sync()
    assert (report.sent, report.waiting, report.failed) == (3, 0, 0)
    line = one_line(world, a.uuid)
    assert line["duration"] == timedelta(minutes=40)
    assert str(line["date"]) == "2026-11-02"
    assert "Ticket T-1" in str(line["description"]) and "printer" in str(line["description"])
    assert all(world.stored(e.uuid).sync_state is SyncState.SYNCED for e in (a, b, c))

    # An edit to a submitted entry queues it again by itself; the line changes in place.
    entries.edit(world.conn, a.uuid, {"end": T0 + timedelta(minutes=55), "notes": "toner"},
                 now=world.clock.now())  # fmt: skip
    assert world.stored(a.uuid).sync_state is SyncState.CHANGED
    entries.discard(world.conn, b.uuid, now=world.clock.now())
    report = world.sync()
    assert (report.sent, report.waiting) == (2, 0)
    edited = one_line(world, a.uuid)
    assert edited["id"] == line["id"] and edited["duration"] == timedelta(minutes=55)
    assert "toner" in str(edited["description"])
    assert world.lines_of(b.uuid) == []
    assert world.stored(b.uuid).sync_state is SyncState.SYNCED

    # Restored: back as a line; nothing else is sent again.
    entries.restore(world.conn, b.uuid, now=world.clock.now())
    report = world.sync()
    assert report.sent == 1 and len(world.lines_of(b.uuid)) == 1
    assert len(world.lines_of(c.uuid)) == 1
    assert world.sync().sent == 0  # nothing waits: no request at all


class CountingCreates:
    """The real adapter; how many lines each create call carried."""

    calls: ClassVar[list[int]] = []

    def __init__(self, real: Backend) -> None:
        self.real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def create(self, values: Sequence[LineValues]) -> list[RemoteLine]:
        CountingCreates.calls.append(len(values))
        return self.real.create(values)


def test_a_refused_line_fails_alone_and_the_batch_goes_on(
    world: SyncWorld, rpc: TrytonRPC, unique_name: Callable[[str], str]
) -> None:
    acme = world.customer(unique_name("ACME"))
    good = [world.add(acme, T0 + timedelta(hours=h), 30) for h in range(3)]
    loose = world.add(None, T0 + timedelta(hours=5), 30)  # no customer: not sendable
    # A customer whose project takes no timesheet lines any more (changed in the office).
    closed = world.customer(unique_name("Closed"))
    adapter = tryton_adapter(world.server.url, world.server)
    customer = customers.get(world.conn, closed)
    assert customer is not None
    remote = adapter.ensure_customer(customer.key, customer.name, None)
    remote_ids.link(world.conn, customer, "tryton", remote, now=world.clock.now())
    assert remote.ref is not None
    rpc.write("project.work", [int(remote.ref)], {"timesheet_available": False})
    bad = world.add(closed, T0 + timedelta(hours=6), 30)
    world.submit()
    CountingCreates.calls = []
    world.wrap = CountingCreates
    report = world.sync()
    assert CountingCreates.calls == [4, 1, 1, 1, 1]  # the batch, refused; then one by one
    assert (report.sent, report.failed, report.waiting) == (3, 2, 0)
    assert all(len(world.lines_of(e.uuid)) == 1 for e in good)
    assert world.lines_of(bad.uuid) == []
    service = SyncService(world.conn, world.clock)
    refused = service.entry(bad.uuid)
    assert refused is not None and refused.state is RowState.FAILED
    assert refused.reason is not None and refused.reason.code == Code.TRYTON_PROJECT_GONE
    assert "takes no timesheet lines" in english(refused.reason)
    row = service.entry(loose.uuid)
    assert row is not None and row.state is RowState.FAILED
    assert row.reason == reason(Code.NO_CUSTOMER)
    assert world.stored(loose.uuid).sync_state is SyncState.FAILED
    assert world.sync().sent == 0  # a refusal is not retried by itself
    # Attaching it is a change: queued again without a second submit, and sent.
    entries.edit(world.conn, loose.uuid, {"customer_id": acme}, now=world.clock.now())
    assert world.stored(loose.uuid).sync_state is SyncState.QUEUED
    assert world.sync().sent == 1 and len(world.lines_of(loose.uuid)) == 1


def test_an_office_edit_is_a_conflict_kept_mine_or_taken_theirs(
    world: SyncWorld, rpc: TrytonRPC, unique_name: Callable[[str], str]
) -> None:
    acme = world.customer(unique_name("ACME"))
    mine = world.add(acme, T0, 30, notes="mine")
    theirs = world.add(acme, T0 + timedelta(hours=1), 30, notes="ours")
    world.submit()
    world.sync()
    service = SyncService(world.conn, world.clock)
    for entry in (mine, theirs):  # the office corrects both lines to 45 minutes
        line = one_line(world, entry.uuid)
        rpc.write(lines.MODEL, [int(str(line["id"]))], {"duration": timedelta(minutes=45)})
        entries.edit(world.conn, entry.uuid, {"ticket": "T-9"}, now=world.clock.now())
    report = world.sync()
    assert report.conflicts == 2 and report.waiting == 0
    assert world.stored(mine.uuid).sync_state is SyncState.CONFLICT
    state = service.entry(mine.uuid)
    assert state is not None and state.reason is not None
    assert state.reason.code == Code.LINE_CHANGED and "changed in Tryton" in english(state.reason)
    assert one_line(world, mine.uuid)["duration"] == timedelta(minutes=45)  # not overwritten

    service.keep_mine(mine.uuid)
    service.take_theirs(theirs.uuid)
    assert world.stored(theirs.uuid).end == theirs.start + timedelta(minutes=45)
    assert world.stored(theirs.uuid).sync_state is SyncState.SYNCED
    assert world.sync().sent == 1
    assert one_line(world, mine.uuid)["duration"] == timedelta(minutes=30)
    assert "Ticket T-9" in str(one_line(world, mine.uuid)["description"])
    assert one_line(world, theirs.uuid)["duration"] == timedelta(minutes=45)
    reasons = [r.reason for r in audit.history(world.conn, mine.uuid)]
    assert "sync: conflict with tryton: kept mine" in reasons
    reasons = [r.reason for r in audit.history(world.conn, theirs.uuid)]
    assert "sync: conflict with tryton: took theirs" in reasons


class Crash(BaseException):
    """The process dies (not an error the worker could catch and record)."""


class CrashAfterCreate:
    """The real adapter, but the process dies right after Tryton committed a create."""

    def __init__(self, real: Backend) -> None:
        self.real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def create(self, values: Sequence[LineValues]) -> list[RemoteLine]:
        self.real.create(values)
        raise Crash


def test_a_crash_between_sent_and_recorded_heals_without_a_duplicate(
    world: SyncWorld, unique_name: Callable[[str], str]
) -> None:
    acme = world.customer(unique_name("ACME"))
    kept = world.add(acme, T0, 30)
    edited = world.add(acme, T0 + timedelta(hours=1), 30)
    world.submit()
    world.wrap = CrashAfterCreate
    with pytest.raises(Crash):
        world.sync()
    for entry in (kept, edited):  # in Tryton, but not recorded: "maybe sent"
        assert len(world.lines_of(entry.uuid)) == 1
        row = outbox.get(world.conn, world.backend_id(), entry.uuid)
        assert row is not None and row.maybe_sent and row.remote is None
    entries.edit(world.conn, edited.uuid, {"notes": "after the crash"}, now=world.clock.now())
    world.wrap = None
    assert world.sync().sent == 2
    (line,) = world.lines_of(edited.uuid)
    assert "after the crash" in str(line["description"])
    assert len(world.lines_of(kept.uuid)) == 1


def test_an_invoiced_entry_refuses_changes_to_its_billed_fields(
    world: SyncWorld, unique_name: Callable[[str], str]
) -> None:
    acme = world.customer(unique_name("ACME"))
    entry = world.add(acme, T0, 30)
    world.submit()
    world.sync()
    (made,) = world.invoice(date(2026, 11, 1))
    assert made.result.linked_entries == (entry.uuid,)
    assert world.stored(entry.uuid).sync_state is SyncState.INVOICED
    with pytest.raises(InvoicedEntryError, match="invoiced in tryton: its end"):
        entries.edit(world.conn, entry.uuid, {"end": T0 + timedelta(hours=1)},
                     now=world.clock.now())  # fmt: skip
    entries.edit(world.conn, entry.uuid, {"notes": "still allowed"}, now=world.clock.now())
    assert world.sync().sent == 1
    assert "still allowed" in str(one_line(world, entry.uuid)["description"])
