"""The week simulation's verdict can fail: on a real store file (written by trayclock's own
store), each kind of damage it must catch is caught — a session missing or stored twice, an
end off by minutes, a pause no fault explains, a change the audit trail does not explain, a
sleep paused for the wrong time, a second start after a clock step, a tray late beyond what
load explains, a typed name stored altered — and what the rules do at a fault (a step's
cut, a sleep's pause from the last heartbeat) passes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.integration.weeksim.record import FaultTruth, Moment, Record, SessionTruth
from tests.integration.weeksim.verdict import judge
from tests.integration.weeksim.verdict_checks import lateness_check
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.pauses import EntryPause, PauseOrigin
from trayclock.store import customers, db, entries
from trayclock.tracker import cuts

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
AWAKE0 = 1000.0
MIN = timedelta(minutes=1)


def moment(at: datetime) -> Moment:
    return Moment(at.isoformat(), AWAKE0 + (at - T0).total_seconds())


def truth(sid: str, partner: str, start: datetime, end: datetime) -> SessionTruth:
    return SessionTruth(sid, "anydesk", partner, "ACME", moment(start), moment(end))


def record(*sessions: SessionTruth, faults: tuple[FaultTruth, ...] = ()) -> Record:
    made = Record(20.0, "unit", "unit", ["2026-11-23"])
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


def _running(conn: sqlite3.Connection, partner: str, start: datetime, key: str) -> Entry:
    acme = customers.by_key(conn, "acme")
    assert acme is not None
    entry = Entry(entries.new_uuid(), "anydesk", start, None, start, partner, None, key, acme.id)
    return entries.insert(conn, entry, reason="detected anydesk session", now=start)


def _step_back(at: datetime, back: timedelta) -> FaultTruth:
    """The wall clock set back by `back` at `at` (awake time runs on)."""
    before = moment(at)
    return FaultTruth("step", before, Moment((at - back).isoformat(), before.awake), "-")


@pytest.mark.parametrize(
    ("started_before_s", "ran_after_s"),
    [(600, 600), (100, 600), (600, 100)],
    ids=["long-before", "just-before", "ended-soon-after"],
)
def test_a_step_back_cut_is_one_session_from_its_first_start(
    store: tuple[Path, sqlite3.Connection], started_before_s: int, ran_after_s: int
) -> None:
    """The tracker's cut at a step back (tracker/cuts.py, on the real store): the piece
    resumed at the set-back wall clock starts before the session did; what the two pieces
    share is billed once, which is the step's size or, for a session younger than the step,
    all it had before it."""
    path, conn = store
    back = timedelta(seconds=150)
    step_at = T0 + 20 * MIN
    start = step_at - timedelta(seconds=started_before_s)
    first = _running(conn, "111", start, "k1")
    entries.update(conn, first.uuid, {"heartbeat": step_at}, reason="heartbeat", now=step_at)
    (cut,) = cuts.cut_running(conn, step_at - back, now=step_at - back)
    end_wall = step_at - back + timedelta(seconds=ran_after_s)
    entries.close(conn, cut.piece.uuid, end_wall, EndReason.ENDED, now=end_wall, reason="ended")
    session = truth("s1", "111", start, end_wall)
    session.end = Moment(end_wall.isoformat(), moment(step_at).awake + ran_after_s)
    session.reconnected = True  # a reconnect's one entry: the cut's second piece is no other
    verdict = verdict_of(path, conn, record(session, faults=(_step_back(step_at, back),)))
    for name in ("every scripted session", "start within", "end within", "worked time"):
        assert verdict.check(name).ok, verdict.table()
    assert verdict.check("reconnects").ok, verdict.table()


def test_a_new_entry_after_a_step_back_is_no_cut(store: tuple[Path, sqlite3.Connection]) -> None:
    """A piece after the step that does not say it continues the first (a detection that
    lost the session across the step) is a second start: caught."""
    path, conn = store
    back = timedelta(seconds=150)
    step_at = T0 + 20 * MIN
    start = step_at - 100 * timedelta(seconds=1)
    stored(conn, "111", start, step_at, "k1")
    end_wall = step_at - back + 10 * MIN
    stored(conn, "111", step_at - back, end_wall, "k1")  # same session, not linked as a cut
    session = truth("s1", "111", start, end_wall)
    session.end = Moment(end_wall.isoformat(), moment(step_at).awake + 600)
    session.reconnected = True
    verdict = verdict_of(path, conn, record(session, faults=(_step_back(step_at, back),)))
    assert not verdict.check("start within").ok, verdict.table()
    assert not verdict.check("reconnects").ok, verdict.table()


def _slept(store: tuple[Path, sqlite3.Connection], pause: tuple[datetime, datetime]) -> Any:
    path, conn = store
    entry = stored(conn, "111", T0, T0 + 30 * MIN, "k1")
    entries.update(
        conn,
        entry.uuid,
        {"pauses": (EntryPause(*pause, origin=PauseOrigin.SLEEP),)},
        reason="pause added by the tracker: the computer slept",
        now=T0 + 30 * MIN,
    )
    sleep = FaultTruth("sleep", moment(T0 + 10 * MIN), moment(T0 + 25 * MIN), "900 s")
    sleep.end = Moment(sleep.end.wall, sleep.start.awake)  # no awake time asleep
    session = truth("s1", "111", T0, T0 + 30 * MIN)
    session.end = Moment(session.end.wall if session.end else "", AWAKE0 + 15 * 60)
    made = record(session, faults=(sleep,))
    made.heartbeat_late_s, made.heartbeat_looks = 20.0, 10
    return verdict_of(path, conn, made)


def test_a_sleep_paused_from_the_last_heartbeat_for_its_length_passes(
    store: tuple[Path, sqlite3.Connection],
) -> None:
    """The pause starts at the heartbeat before the lid closed (here 40 s: one heartbeat and
    the 20 s lateness measured) and lasts the time asleep."""
    start = T0 + 10 * MIN - timedelta(seconds=40)
    verdict = _slept(store, (start, start + 15 * MIN))
    assert verdict.check("time asleep not billed").ok, verdict.table()
    assert verdict.check("heartbeats on time").ok, verdict.table()


@pytest.mark.parametrize(
    "pause",
    [
        (T0 + 10 * MIN, T0 + 30 * MIN),  # up to the first tick after waking: 20 min for 15
        (T0 + 10 * MIN, T0 + 14 * MIN),  # too short: awake time billed as asleep, or slept
        (T0 + 8 * MIN, T0 + 23 * MIN),  # its length, but well before the sleep
    ],
    ids=["too-long", "too-short", "elsewhere"],
)
def test_a_sleep_paused_wrongly_is_caught(
    store: tuple[Path, sqlite3.Connection], pause: tuple[datetime, datetime]
) -> None:
    assert not _slept(store, pause).check("time asleep not billed").ok


def test_a_typed_name_stored_altered_is_caught(store: tuple[Path, sqlite3.Connection]) -> None:
    """The keyboard dropped the "ü" and "ß": the prompt made the customer as it arrived."""
    path, conn = store
    customers.upsert(conn, "cafe-s", "Café S", now=T0)
    made = record()
    made.typed = ["ACME", "Café Süß"]
    typed = verdict_of(path, conn, made).check("names typed into the prompt")
    assert not typed.ok
    assert typed.failures == [
        "typed 'Café Süß': no customer is named so",
        "customer 'Café S': nobody typed that name, nor is it in the file",
    ]


def test_names_typed_as_stored_pass(store: tuple[Path, sqlite3.Connection]) -> None:
    path, conn = store
    customers.upsert(conn, "cafe-suess", "Café Süß", now=T0)
    made = record()
    made.typed = ["ACME", "Café Süß", "Café Süß"]
    typed = verdict_of(path, conn, made).check("names typed into the prompt")
    assert typed.ok and typed.total == 2, typed.failures


def test_heartbeats_late_beyond_load_fail_the_verdict() -> None:
    """The tolerances follow the lateness measured, so a tray that froze must fail its own
    line: at x20, 5 real seconds are 100 s."""
    made = record()
    made.heartbeat_looks = 30
    made.heartbeat_late_s = 40.0
    assert lateness_check(made).ok
    made.heartbeat_late_s = 150.0
    assert not lateness_check(made).ok
    assert lateness_check(record()).not_run
