"""The week simulation's verdict can fail: on a real store file (written by trayclock's own
store), each kind of damage it must catch is caught — a session missing or stored twice, an
end off by minutes, a pause no fault explains, a change the audit trail does not explain."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.integration.weeksim.record import FaultTruth, Moment, Record, SessionTruth
from tests.integration.weeksim.verdict import judge
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.pauses import EntryPause, PauseOrigin
from trayclock.store import customers, db, entries

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
AWAKE0 = 1000.0
MIN = timedelta(minutes=1)


def moment(at: datetime) -> Moment:
    return Moment(at.isoformat(), AWAKE0 + (at - T0).total_seconds())


def truth(sid: str, partner: str, start: datetime, end: datetime) -> SessionTruth:
    return SessionTruth(sid, "anydesk", partner, "ACME", moment(start), moment(end))


def record(*sessions: SessionTruth, faults: tuple[FaultTruth, ...] = ()) -> Record:
    made = Record(60.0, "unit", "unit", ["2026-11-23"])
    made.sessions.extend(sessions)
    made.faults.extend(faults)
    return made


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, sqlite3.Connection]:
    path = tmp_path / "trayclock.sqlite3"
    conn = db.connect(path)
    customers.upsert(conn, "acme", "ACME", now=T0)
    return path, conn


def stored(
    conn: sqlite3.Connection, partner: str, start: datetime, end: datetime, key: str
) -> Entry:
    acme = customers.by_key(conn, "acme")
    assert acme is not None
    entry = Entry(entries.new_uuid(), "anydesk", start, None, start, partner, None, key, acme.id)
    entries.insert(conn, entry, reason="detected anydesk session", now=start)
    return entries.close(conn, entry.uuid, end, EndReason.ENDED, now=end, reason="ended")


def verdict_of(path: Path, conn: sqlite3.Connection, made: Record) -> Any:
    rows = [{"uuid": uuid} for (uuid,) in conn.execute("SELECT uuid FROM entries")]
    conn.close()
    return judge(made, path, {"entries": rows})


def test_a_store_as_scripted_passes(store: tuple[Path, sqlite3.Connection]) -> None:
    path, conn = store
    stored(conn, "111", T0, T0 + 20 * MIN, "k1")
    stored(conn, "222", T0 + 30 * MIN, T0 + 40 * MIN, "k2")
    made = record(
        truth("s1", "111", T0, T0 + 20 * MIN), truth("s2", "222", T0 + 30 * MIN, T0 + 40 * MIN)
    )
    verdict = verdict_of(path, conn, made)
    for name in (
        "every scripted session",
        "start within",
        "end within",
        "worked time",
        "customer as",
        "audit trail",
        "store intact",
    ):
        assert verdict.check(name).ok, verdict.table()


def test_a_missing_and_a_doubled_session_are_caught(store: tuple[Path, sqlite3.Connection]) -> None:
    path, conn = store
    stored(conn, "111", T0, T0 + 20 * MIN, "k1")
    stored(conn, "111", T0 + 10 * MIN, T0 + 20 * MIN, "k1-again")  # the same session twice
    made = record(truth("s1", "111", T0, T0 + 20 * MIN), truth("s2", "333", T0, T0 + 5 * MIN))
    once = verdict_of(path, conn, made).check("every scripted session")
    assert not once.ok
    assert any("s1" in f and "2 times" in f for f in once.failures)
    assert any("s2" in f and "missing" in f for f in once.failures)


def test_an_end_minutes_off_and_an_unexplained_pause_are_caught(
    store: tuple[Path, sqlite3.Connection],
) -> None:
    path, conn = store
    entry = stored(conn, "111", T0, T0 + 25 * MIN, "k1")  # the session ended at 20 min
    entries.update(
        conn,
        entry.uuid,
        {"pauses": (EntryPause(T0 + 5 * MIN, T0 + 8 * MIN, origin=PauseOrigin.SLEEP),)},
        reason="pause added by the tracker: the computer slept",
        now=T0 + 25 * MIN,
    )
    verdict = verdict_of(path, conn, record(truth("s1", "111", T0, T0 + 20 * MIN)))
    assert not verdict.check("end within").ok
    assert not verdict.check("every pause explained").ok  # no sleep was injected there
    assert not verdict.check("worked time").ok


def test_a_sleep_where_the_pause_is_explains_it(store: tuple[Path, sqlite3.Connection]) -> None:
    path, conn = store
    entry = stored(conn, "111", T0, T0 + 20 * MIN, "k1")
    entries.update(
        conn,
        entry.uuid,
        {"pauses": (EntryPause(T0 + 5 * MIN, T0 + 8 * MIN, origin=PauseOrigin.SLEEP),)},
        reason="pause added by the tracker: the computer slept",
        now=T0 + 20 * MIN,
    )
    sleep = FaultTruth("sleep", moment(T0 + 5 * MIN), moment(T0 + 8 * MIN), "180 s")
    # The computer slept: the awake clock stood still for those 3 minutes.
    sleep.end = Moment(sleep.end.wall, sleep.start.awake)
    session = truth("s1", "111", T0, T0 + 20 * MIN)
    session.end = Moment(session.end.wall if session.end else "", AWAKE0 + 17 * 60)
    verdict = verdict_of(path, conn, record(session, faults=(sleep,)))
    assert verdict.check("every pause explained").ok, verdict.table()
    assert verdict.check("time asleep not billed").ok, verdict.table()
    assert verdict.check("worked time").ok, verdict.table()


def test_a_change_behind_the_audit_trails_back_is_caught(
    store: tuple[Path, sqlite3.Connection],
) -> None:
    path, conn = store
    entry = stored(conn, "111", T0, T0 + 20 * MIN, "k1")
    with db.transaction(conn):  # an edit that skips the store's API: no audit row
        conn.execute(
            'UPDATE entries SET "end" = ? WHERE uuid = ?',
            (db.encode_time(T0 + 21 * MIN), entry.uuid),
        )
    audit = verdict_of(path, conn, record(truth("s1", "111", T0, T0 + 20 * MIN)))
    failures = audit.check("audit trail").failures
    assert failures and "end: stored" in failures[0]
