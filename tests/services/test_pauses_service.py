"""The pause commands the tray and the review window call (services/pauses.py) on the real
store: each one audited with who decided, each one re-priced by the one pricing path (the
export's), and what the tray's question needs ("Idle 42 min during ACME — keep / pause /
split")."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from trayclock.domain.clock import ManualClock
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState
from trayclock.services.pauses import Pauses
from trayclock.services.pricing import price_stored_range
from trayclock.store import audit, customers, entries, settings
from trayclock.store.db import StoreError

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
NOW = T0 + timedelta(hours=3)
POLICY = {"rate": "60.00", "increment_minutes": 15, "minimum_charge": "30.00"}


@pytest.fixture
def desk(conn: sqlite3.Connection) -> Pauses:
    settings.set_policy(conn, POLICY, now=T0)
    return Pauses(conn, ManualClock(NOW))


def call(
    conn: sqlite3.Connection,
    uuid: str,
    start: datetime,
    end: datetime | None,
    *pauses: EntryPause,
    customer: str | None = "acme",
) -> Entry:
    customer_id = (
        customers.upsert(conn, customer, customer.upper(), now=T0).id if customer else None
    )
    entry = Entry(
        uuid=uuid,
        source="anydesk",
        start=start,
        end=end,
        heartbeat=end or NOW,
        partner_name="Front desk",
        customer_id=customer_id,
        end_reason=EndReason.ENDED if end else None,
        pauses=pauses,
    )
    return entries.insert(conn, entry, reason="test", now=T0)


def amounts(conn: sqlite3.Connection) -> dict[str, Decimal]:
    """What the day costs, entry by entry, as `trayclock export` prices it."""
    day = price_stored_range(conn, T0 - timedelta(hours=9), T0 + timedelta(hours=12), now=NOW)
    return {row.entry.uuid: row.priced.amount for row in day.rows if row.priced is not None}


def idle(start: datetime, end: datetime) -> EntryPause:
    return EntryPause(start, end, PauseState.SUGGESTED, PauseOrigin.IDLE)


def reasons(conn: sqlite3.Connection, uuid: str) -> list[str]:
    return [r.reason for r in audit.history(conn, uuid) if r.field == "pause"]


def test_the_unanswered_suggestions_name_what_the_question_asks(
    conn: sqlite3.Connection, desk: Pauses
) -> None:
    call(conn, "done", T0, T0 + 60 * MIN, idle(T0 + 10 * MIN, T0 + 52 * MIN))
    call(conn, "live", T0 + 70 * MIN, None, idle(T0 + 80 * MIN, T0 + 95 * MIN), customer=None)
    first, second = desk.suggestions()
    assert (first.entry_uuid, first.minutes, first.customer, first.app, first.partner) == (
        "done",
        42,
        "ACME",
        "anydesk",
        "Front desk",
    )
    assert not first.running
    assert (second.entry_uuid, second.customer, second.running) == ("live", None, True)
    assert [s.entry_uuid for s in desk.suggestions(since=T0 + 60 * MIN)] == ["live"]
    entries.discard(conn, "live", now=NOW)
    assert [s.entry_uuid for s in desk.suggestions()] == ["done"]


def test_keep_pause_and_split_answer_a_suggestion_and_each_is_re_priced(
    conn: sqlite3.Connection, desk: Pauses
) -> None:
    call(conn, "a", T0, T0 + 60 * MIN, idle(T0 + 10 * MIN, T0 + 40 * MIN))
    call(conn, "b", T0 + 2 * 60 * MIN, T0 + 3 * 60 * MIN, idle(T0 + 130 * MIN, T0 + 160 * MIN))
    call(conn, "c", T0 - 3 * 60 * MIN, T0 - 2 * 60 * MIN, idle(T0 - 170 * MIN, T0 - 140 * MIN))
    before = amounts(conn)
    assert before == {"a": Decimal("60.00"), "b": Decimal("60.00"), "c": Decimal("60.00")}
    a, b, c = sorted(desk.suggestions(), key=lambda s: s.entry_uuid)

    desk.keep(a.pause_id, by="technician (tray)")  # the time was worked: nothing changes
    desk.accept(b.pause_id, by="technician (tray)")  # 60 − 30 min: one call of 30 min
    first, second = desk.split(c.pause_id, by="technician (review)")  # two calls of 10 and 20
    after = amounts(conn)
    assert after["a"] == Decimal("60.00") and after["b"] == Decimal("30.00")
    assert (after[first.uuid], after[second.uuid]) == (Decimal("30.00"), Decimal("30.00"))
    assert desk.suggestions() == []
    assert reasons(conn, "a")[-1] == "suggestion rejected by technician (tray): kept as worked time"
    assert reasons(conn, "b")[-1] == "suggestion accepted by technician (tray)"
    assert any("split by technician (review)" in r.reason for r in audit.history(conn, "c"))


def test_add_and_remove_a_pause_by_hand(conn: sqlite3.Connection, desk: Pauses) -> None:
    call(conn, "a", T0, T0 + 60 * MIN)
    paused = desk.add("a", T0 + 20 * MIN, T0 + 50 * MIN, by="technician (review)")
    assert amounts(conn)["a"] == Decimal("30.00")
    (pause,) = paused.pauses
    assert pause.id is not None and (pause.state, pause.origin) == ("accepted", "tech")
    desk.remove(pause.id, by="technician (review)")
    assert amounts(conn)["a"] == Decimal("60.00")
    assert reasons(conn, "a") == [
        "pause added by technician (review)",
        "pause removed by technician (review)",
    ]
    with pytest.raises(StoreError, match="no pause"):
        desk.remove(pause.id)


def test_join_two_pieces_as_one_call_with_a_pause_between(
    conn: sqlite3.Connection, desk: Pauses
) -> None:
    call(conn, "p1", T0, T0 + 20 * MIN)
    call(conn, "p2", T0 + 50 * MIN, T0 + 60 * MIN)
    assert sum(amounts(conn).values()) == Decimal("60.00")  # two minimum charges
    joined = desk.join(["p2", "p1"], by="technician (review)")
    assert (joined.uuid, joined.start, joined.end) == ("p1", T0, T0 + 60 * MIN)
    assert [(p.start, p.end) for p in joined.pauses] == [(T0 + 20 * MIN, T0 + 50 * MIN)]
    assert amounts(conn) == {"p1": Decimal("30.00")}  # one call, one minimum
    call(conn, "other", T0 + 70 * MIN, T0 + 80 * MIN, customer="beta")
    with pytest.raises(StoreError, match="different customers"):
        desk.join(["p1", "other"])
