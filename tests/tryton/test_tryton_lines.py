"""Entries as timesheet lines in a real Tryton: batch create, find by marker (also after a
lost answer), update and delete locked on `_timestamp`, office edits as conflicts."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.tryton.server import TrytonServer
from trayclock.domain.sync_reason import SyncReason
from trayclock.sync.backend import (
    ConflictError,
    LineValues,
    Partner,
    RefusedError,
    RemoteCustomer,
    marker,
)
from trayclock.sync.reasons import Code
from trayclock.sync.tryton import TrytonBackend
from trayclock.sync.tryton_lines import like_pattern
from trayclock.sync.tryton_rpc import TrytonRPC

pytestmark = pytest.mark.integration

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # 09:00 in Berlin


@pytest.fixture
def customer(backend: TrytonBackend, unique_name: Callable[[str], str]) -> RemoteCustomer:
    return backend.ensure_customer("acme", unique_name("Acme"), None)


def entry(
    customer: RemoteCustomer, start: datetime, minutes: float, **changes: object
) -> LineValues:
    end = start + timedelta(minutes=minutes)
    values = LineValues(
        entry_uuid=str(uuid.uuid4()),
        customer_key="acme",
        customer_name=customer.name,
        customer_ref=customer.ref,
        start=start,
        end=end,
        zone=BERLIN,
        worked=end - start,
        billable=True,
        status="billed",
        billed_minutes=15,
        amount=Decimal("21.25"),
        currency="EUR",
        ticket="T-1",
    )
    return dataclasses.replace(values, **changes)  # type: ignore[arg-type]


def lines_with_marker(rpc: TrytonRPC, entry_uuid: str) -> list[dict[str, object]]:
    return rpc.search_read(
        "timesheet.line",
        [["description", "like", like_pattern(marker(entry_uuid))]],
        ["id", "date", "duration", "description", "work", "employee"],
    )


def office(tryton_server: TrytonServer) -> TrytonRPC:
    """A second session, as a colleague in the office would have."""
    other = TrytonRPC(
        tryton_server.url, tryton_server.database, tryton_server.user, tryton_server.password
    )
    other.login()
    return other


def test_a_batch_becomes_timesheet_lines_with_our_fields(
    backend: TrytonBackend, rpc: TrytonRPC, customer: RemoteCustomer
) -> None:
    batch = [entry(customer, MONDAY + timedelta(hours=i), 10 + i) for i in range(20)]
    late = entry(
        customer,
        datetime(2026, 11, 3, 23, 30, 15, tzinfo=UTC),
        40.5,
        notes="night call",
        partner=Partner("anydesk", "987654321"),
    )
    created = backend.create([*batch, late])
    assert [c.entry_uuid for c in created] == [v.entry_uuid for v in [*batch, late]]
    assert all(c.version and c.owned and not c.invoiced for c in created)
    (row,) = lines_with_marker(rpc, late.entry_uuid)
    assert row["date"] == date(2026, 11, 4)  # 00:30 in Berlin
    assert row["duration"] == timedelta(minutes=40, seconds=30)
    assert row["description"] == (
        "Ticket T-1 · night call · anydesk 987654321 · "
        f"00:30:15–01:10:45 +01:00 {marker(late.entry_uuid)}"
    )
    assert row["employee"] == rpc.context["employee"]
    assert backend.find(late.entry_uuid) == created[-1]


def test_a_batch_larger_than_one_marker_search_is_made_once(
    backend: TrytonBackend, customer: RemoteCustomer
) -> None:
    batch = [entry(customer, MONDAY + timedelta(minutes=i), 1) for i in range(150)]
    created = backend.create(batch)
    assert len({c.remote_id for c in created}) == 150
    assert backend.create(batch) == created  # found again, through two searches


def test_a_batch_with_one_refused_line_creates_nothing(
    backend: TrytonBackend, rpc: TrytonRPC, customer: RemoteCustomer
) -> None:
    good = entry(customer, MONDAY, 30)
    bad = entry(customer, MONDAY + timedelta(hours=1), 30, worked=timedelta(minutes=-5))
    with pytest.raises(RefusedError, match=r"(?i)duration") as caught:
        backend.create([good, bad])
    assert "batch of 2, so none was made" in str(caught.value)
    batch = caught.value.reason
    assert batch.code == Code.TRYTON_BATCH_REFUSED and batch.params["count"] == "2"
    cause = batch.params["cause"]  # what Tryton said, as a reason of its own
    assert isinstance(cause, SyncReason) and cause.code == Code.BACKEND_SAID
    assert backend.find(good.entry_uuid) is None and backend.find(bad.entry_uuid) is None
    assert backend.create([good])[0].entry_uuid == good.entry_uuid  # alone it goes through
    with pytest.raises(RefusedError, match="Duration") as alone:
        backend.create([bad])
    said = alone.value.reason.params["said"]  # Tryton's own words, verbatim
    assert alone.value.reason.code == Code.BACKEND_SAID and said == str(alone.value)
    assert 'for field "Duration"' in str(said)


def test_a_create_whose_answer_was_lost_is_found_and_never_made_twice(
    backend: TrytonBackend, rpc: TrytonRPC, customer: RemoteCustomer
) -> None:
    values = entry(customer, MONDAY, 25)
    backend.create([values])  # the answer "never arrived"
    found = backend.find(values.entry_uuid)
    assert found is not None
    again = backend.create([values])  # a retry that skipped find
    assert again == [found]
    assert len(lines_with_marker(rpc, values.entry_uuid)) == 1


def test_markers_differing_in_one_character_never_match(
    backend: TrytonBackend, customer: RemoteCustomer
) -> None:
    values = entry(customer, MONDAY, 5)
    backend.create([values])
    near = values.entry_uuid[:-1] + ("0" if values.entry_uuid[-1] != "0" else "1")
    assert backend.find(near) is None


def test_update_writes_our_fields_and_moves_the_version(
    backend: TrytonBackend, rpc: TrytonRPC, customer: RemoteCustomer
) -> None:
    values = entry(customer, MONDAY, 25)
    (line,) = backend.create([values])
    edited = dataclasses.replace(
        values, end=values.end + timedelta(minutes=5), worked=timedelta(minutes=30), notes="done"
    )
    updated = backend.update(line, edited)
    assert updated.remote_id == line.remote_id and updated.version != line.version
    (row,) = lines_with_marker(rpc, values.entry_uuid)
    assert row["duration"] == timedelta(minutes=30) and "· done ·" in str(row["description"])
    # Sent again with the old stamp (its answer was lost): already there, no conflict.
    assert backend.update(line, edited) == updated


def test_an_office_edit_since_our_write_is_a_conflict_with_their_version(
    backend: TrytonBackend, customer: RemoteCustomer, tryton_server: TrytonServer
) -> None:
    values = entry(customer, MONDAY, 25)
    (line,) = backend.create([values])
    office(tryton_server).write(
        "timesheet.line", [int(line.remote_id)], {"description": "fixed by the office"}
    )
    with pytest.raises(ConflictError) as caught:
        backend.update(line, dataclasses.replace(values, notes="mine"))
    assert caught.value.remote is not None
    assert caught.value.remote.description == "fixed by the office"
    with pytest.raises(ConflictError):
        backend.delete(line)


def test_delete_makes_the_line_absent_and_absent_is_success(
    backend: TrytonBackend, rpc: TrytonRPC, customer: RemoteCustomer
) -> None:
    values = entry(customer, MONDAY, 25)
    (line,) = backend.create([values])
    backend.delete(line)
    assert backend.find(values.entry_uuid) is None
    backend.delete(line)  # already gone: done
    assert lines_with_marker(rpc, values.entry_uuid) == []


def test_a_line_without_a_project_is_refused_by_name(
    backend: TrytonBackend, customer: RemoteCustomer
) -> None:
    with pytest.raises(RefusedError, match="Nobody Ltd has no Tryton project"):
        backend.create([entry(customer, MONDAY, 5, customer_ref=None, customer_name="Nobody Ltd")])
