"""An entry keeps its pauses (issue 11, item 2): the migration, reads and writes through the
real store, each change in the audit trail, the rules refused clearly, edits of the span
trimming them, split / merge / join carrying them, the overlap flag and the one pricing path
counting worked time, and `entries import` / `export` spelling them as the billing spec."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.unit.tracker_support import ended
from trayclock.cli import main
from trayclock.domain.entry import Entry, SyncState
from trayclock.domain.pauses import EntryPause, PauseOrigin, PauseState
from trayclock.domain.pricing import PriceState, billing_input, price_state
from trayclock.store import audit, customers, db, entries, entry_rows, pause_rows
from trayclock.store import pauses as store_pauses
from trayclock.store.db import StoreError
from trayclock.store.importing import entry_uuid_for

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
LATER = T0 + timedelta(days=1)  # "now" for the writes: after every entry here


def pause(start: datetime, end: datetime, **fields: object) -> EntryPause:
    return EntryPause(start, end, **fields)  # type: ignore[arg-type]


def hour(conn: sqlite3.Connection, *pauses: EntryPause, **fields: object) -> Entry:
    """Entry e1, 09:00–10:00, with these pauses, stored."""
    entry = ended("e1", T0, T0 + 60 * MIN, pauses=pauses, **fields)
    return entries.insert(conn, entry, reason="test", now=LATER)


def spans(entry: Entry | None) -> list[tuple[datetime, datetime, str]]:
    assert entry is not None
    return [(p.start, p.end, str(p.state)) for p in entry.pauses]


def pause_trail(conn: sqlite3.Connection, uuid: str) -> list[tuple[str | None, str | None, str]]:
    return [(r.old, r.new, r.reason) for r in audit.history(conn, uuid) if r.field == "pause"]


# --- the migration --------------------------------------------------------------------------


def test_a_store_from_before_pauses_migrates_and_keeps_its_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The migration that adds them, found by what it creates (versions may be renumbered).
    (index,) = [
        i for i, m in enumerate(db.MIGRATIONS) if any("CREATE TABLE pauses" in s for s in m)
    ]
    path = tmp_path / "t.sqlite3"
    monkeypatch.setattr(db, "MIGRATIONS", db.MIGRATIONS[:index])
    monkeypatch.setattr(db, "SCHEMA_VERSION", index)
    old = db.connect(path)
    kept = ended("e1", T0, T0 + 30 * MIN)
    with db.transaction(old):
        old.execute(entry_rows.INSERT, entry_rows.insert_values(kept, db.encode_time(T0)))
    old.close()
    monkeypatch.undo()

    conn = db.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert entries.get(conn, "e1") == kept  # no pauses: as it was
    assert not pause_rows.any_stored(conn)
    # The table itself keeps a pause's end after its start.
    with pytest.raises(StoreError), db.transaction(conn):
        conn.execute(
            'INSERT INTO pauses (entry_uuid, start, "end", state, origin, created_at, '
            "updated_at) VALUES ('e1', 'b', 'a', 'accepted', 'tech', 'x', 'x')"
        )
    conn.close()


# --- kept, read back, audited ---------------------------------------------------------------


def test_pauses_are_stored_with_the_entry_and_read_by_every_query(
    conn: sqlite3.Connection,
) -> None:
    paused = ended(
        "e1",
        T0,
        T0 + 60 * MIN,
        pauses=(
            pause(T0 + 20 * MIN, T0 + 50 * MIN, origin=PauseOrigin.SLEEP),
            pause(
                T0 + 50 * MIN, T0 + 55 * MIN, state=PauseState.SUGGESTED, origin=PauseOrigin.IDLE
            ),
        ),
        session_key="k1",
    )
    entries.insert(conn, paused, reason="test", now=LATER)
    entries.insert(conn, ended("e2", T0 + 2 * 60 * MIN, T0 + 130 * MIN), reason="test", now=LATER)
    expected = [
        (T0 + 20 * MIN, T0 + 50 * MIN, "accepted"),
        (T0 + 50 * MIN, T0 + 55 * MIN, "suggested"),
    ]
    assert spans(entries.get(conn, "e1")) == expected
    assert spans(entries.get_many(conn, ["e1", "e2"])["e1"]) == expected
    assert [spans(e) for e in entries.in_range(conn, T0, LATER)] == [expected, []]
    assert spans(entries.pieces_of_session(conn, "anydesk", "k1")[0]) == expected
    stored = entries.get(conn, "e1")
    assert stored is not None and stored == paused  # ids take no part in equality
    assert all(p.id is not None for p in stored.pauses)
    assert [new for _, new, _ in pause_trail(conn, "e1")] == [
        "2026-11-02T09:20:00.000000Z → 2026-11-02T09:50:00.000000Z accepted (sleep)",
        "2026-11-02T09:50:00.000000Z → 2026-11-02T09:55:00.000000Z suggested (idle)",
    ]


def test_each_pause_added_accepted_rejected_or_removed_is_audited_with_who_decided(
    conn: sqlite3.Connection,
) -> None:
    hour(conn)
    added = store_pauses.add(
        conn, "e1", T0 + 10 * MIN, T0 + 20 * MIN, reason="pause added by technician", now=LATER
    )
    store_pauses.suggest(
        conn, "e1", T0 + 30 * MIN, T0 + 45 * MIN, minimum=MIN, reason="idle detection", now=LATER
    )
    store_pauses.suggest(
        conn, "e1", T0 + 46 * MIN, T0 + 58 * MIN, minimum=MIN, reason="idle detection", now=LATER
    )
    first, second = [p for p in entries.get(conn, "e1").pauses if not p.accepted]  # type: ignore[union-attr]
    assert first.id is not None and second.id is not None
    store_pauses.answer(conn, first.id, accept=True, reason="accepted by technician", now=LATER)
    store_pauses.answer(conn, second.id, accept=False, reason="rejected by technician", now=LATER)
    (tech,) = [p for p in added.pauses]
    assert tech.id is not None
    store_pauses.remove(conn, tech.id, reason="removed by technician", now=LATER)
    trail = pause_trail(conn, "e1")
    assert [reason for *_, reason in trail] == [
        "pause added by technician",
        "idle detection",
        "idle detection",
        "accepted by technician",
        "rejected by technician",
        "removed by technician",
    ]
    old, new, _ = trail[3]
    assert old is not None and old.endswith("suggested (idle)")
    assert new is not None and new.endswith("accepted (idle)")
    assert trail[5][1] is None and trail[5][0] is not None and "(tech)" in trail[5][0]
    assert spans(entries.get(conn, "e1")) == [
        (T0 + 30 * MIN, T0 + 45 * MIN, "accepted"),
        (T0 + 46 * MIN, T0 + 58 * MIN, "rejected"),
    ]
    with pytest.raises(StoreError, match="not a suggestion"):
        store_pauses.answer(conn, first.id, accept=False, reason="again", now=LATER)


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        (T0 - 5 * MIN, T0 + 5 * MIN, "inside the entry"),
        (T0 + 50 * MIN, T0 + 70 * MIN, "inside the entry"),
        (T0 + 20 * MIN, T0 + 10 * MIN, "end after it starts"),
        (T0 + 15 * MIN, T0 + 25 * MIN, "overlaps the pause"),
        (T0, T0 + 60 * MIN, "leave no worked time"),
    ],
)
def test_a_pause_the_rules_refuse_is_refused_and_nothing_changes(
    conn: sqlite3.Connection, start: datetime, end: datetime, problem: str
) -> None:
    hour(conn, pause(T0 + 10 * MIN, T0 + 20 * MIN))
    before = audit.history(conn, "e1")
    with pytest.raises(StoreError, match=problem):
        store_pauses.add(conn, "e1", start, end, reason="by hand", now=LATER)
    assert spans(entries.get(conn, "e1")) == [(T0 + 10 * MIN, T0 + 20 * MIN, "accepted")]
    assert audit.history(conn, "e1") == before


def test_a_pause_may_not_end_in_the_future(conn: sqlite3.Connection) -> None:
    entries.insert(conn, ended("e1", T0, T0 + 60 * MIN), reason="test", now=T0 + 60 * MIN)
    with pytest.raises(StoreError, match="future"):
        store_pauses.add(conn, "e1", T0, T0 + 90 * MIN, reason="by hand", now=T0 + 30 * MIN)


def test_shortening_an_entry_trims_its_pauses_and_one_leaving_no_work_is_refused(
    conn: sqlite3.Connection,
) -> None:
    hour(conn, pause(T0 + 10 * MIN, T0 + 20 * MIN), pause(T0 + 40 * MIN, T0 + 55 * MIN))
    edited = entries.edit(conn, "e1", {"end": T0 + 45 * MIN}, now=LATER, reason="review edit")
    assert spans(edited) == [
        (T0 + 10 * MIN, T0 + 20 * MIN, "accepted"),
        (T0 + 40 * MIN, T0 + 45 * MIN, "accepted"),
    ]
    edited = entries.edit(conn, "e1", {"end": T0 + 30 * MIN}, now=LATER, reason="review edit")
    assert spans(edited) == [(T0 + 10 * MIN, T0 + 20 * MIN, "accepted")]
    assert [reason for *_, reason in pause_trail(conn, "e1")][-2:] == ["review edit"] * 2
    with pytest.raises(StoreError, match="no worked time"):
        entries.edit(conn, "e1", {"start": T0 + 10 * MIN, "end": T0 + 20 * MIN}, now=LATER)
    stored = entries.get(conn, "e1")
    assert stored is not None and (stored.start, stored.end) == (T0, T0 + 30 * MIN)


def test_a_pause_change_marks_a_synced_entry_changed(conn: sqlite3.Connection) -> None:
    hour(conn, sync_state=SyncState.SYNCED)
    changed = store_pauses.add(conn, "e1", T0, T0 + 10 * MIN, reason="by hand", now=LATER)
    assert changed.sync_state is SyncState.CHANGED


# --- split, merge, join, the overlap flag ------------------------------------------------------


def test_a_split_gives_each_half_its_pauses_and_a_pause_becomes_a_split(
    conn: sqlite3.Connection,
) -> None:
    hour(conn, pause(T0 + 10 * MIN, T0 + 20 * MIN), pause(T0 + 30 * MIN, T0 + 40 * MIN))
    first, second = entries.split(conn, "e1", T0 + 15 * MIN, now=LATER)
    assert spans(first) == [(T0 + 10 * MIN, T0 + 15 * MIN, "accepted")]
    assert spans(second) == [
        (T0 + 15 * MIN, T0 + 20 * MIN, "accepted"),
        (T0 + 30 * MIN, T0 + 40 * MIN, "accepted"),
    ]
    (_, gap) = second.pauses
    assert gap.id is not None
    before, after = store_pauses.split_at(conn, gap.id, reason="split by technician", now=LATER)
    assert (before.start, before.end, after.start, after.end) == (
        T0 + 15 * MIN,
        T0 + 30 * MIN,
        T0 + 40 * MIN,
        T0 + 60 * MIN,
    )
    assert spans(before) == [(T0 + 15 * MIN, T0 + 20 * MIN, "accepted")] and after.pauses == ()


def test_merging_keeps_the_time_nobody_worked_paused_and_joining_pauses_the_gap(
    conn: sqlite3.Connection,
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0).id
    first = ended("a", T0, T0 + 20 * MIN, customer_id=acme, pauses=(pause(T0, T0 + 5 * MIN),))
    second = ended("b", T0 + 50 * MIN, T0 + 60 * MIN, customer_id=acme)
    entries.insert_many(conn, [first, second], reason="test", now=LATER)
    joined = store_pauses.join(conn, ["a", "b"], reason="as one call by technician", now=LATER)
    assert (joined.uuid, joined.start, joined.end) == ("a", T0, T0 + 60 * MIN)
    assert spans(joined) == [
        (T0, T0 + 5 * MIN, "accepted"),
        (T0 + 20 * MIN, T0 + 50 * MIN, "accepted"),
    ]
    assert joined.worked(LATER) == 25 * MIN
    gone = entries.get(conn, "b")
    assert gone is not None and gone.discarded
    assert any("joined (as one call by technician)" in r.reason for r in audit.history(conn, "b"))

    third = ended("c", T0 + 70 * MIN, T0 + 80 * MIN, customer_id=acme)
    entries.insert(conn, third, reason="test", now=LATER)
    merged = entries.merge(conn, ["a", "c"], now=LATER)  # a merge bills the gap as before
    assert merged.end == T0 + 80 * MIN and merged.worked(LATER) == 45 * MIN


def test_a_pause_keeps_an_entry_apart_from_what_another_customer_did_meanwhile(
    conn: sqlite3.Connection,
) -> None:
    acme = customers.upsert(conn, "acme", "ACME", now=T0).id
    beta = customers.upsert(conn, "beta", "Beta", now=T0).id
    entries.insert(conn, ended("a", T0, T0 + 60 * MIN, customer_id=acme), reason="t", now=LATER)
    entries.insert(
        conn, ended("b", T0 + 20 * MIN, T0 + 30 * MIN, customer_id=beta), reason="t", now=LATER
    )
    assert entries.get(conn, "a").overlap and entries.get(conn, "b").overlap  # type: ignore[union-attr]
    store_pauses.add(conn, "a", T0 + 15 * MIN, T0 + 35 * MIN, reason="by hand", now=LATER)
    assert not entries.get(conn, "a").overlap and not entries.get(conn, "b").overlap  # type: ignore[union-attr]


# --- the one pricing path -----------------------------------------------------------------------


def test_the_pricing_path_passes_accepted_pauses_only() -> None:
    entry = ended(
        "e1",
        T0,
        T0 + 60 * MIN,
        pauses=(
            pause(T0 + 10 * MIN, T0 + 20 * MIN),
            pause(
                T0 + 30 * MIN, T0 + 40 * MIN, state=PauseState.SUGGESTED, origin=PauseOrigin.IDLE
            ),
            pause(T0 + 40 * MIN, T0 + 50 * MIN, state=PauseState.REJECTED, origin=PauseOrigin.IDLE),
        ),
    )
    (billed,) = billing_input([entry], [], {}).entries
    assert [(p.start, p.end) for p in billed.pauses] == [(T0 + 10 * MIN, T0 + 20 * MIN)]
    covered = ended("e2", T0, T0 + 10 * MIN, pauses=(pause(T0, T0 + 10 * MIN),))
    assert price_state(covered) is PriceState.EMPTY  # nothing worked: nothing to price
    assert billing_input([covered], [], {}).entries == ()


# --- import and export ------------------------------------------------------------------------


def _document(pauses: list[dict[str, str]]) -> dict[str, object]:
    return {
        "policy": {"rate": "85.00", "increment_minutes": 15},
        "entries": [
            {
                "id": "call-1",
                "customer": "acme",
                "start": "2026-11-02T09:00:00Z",
                "end": "2026-11-02T10:00:00Z",
                "pauses": pauses,
            }
        ],
    }


def test_entries_import_takes_pauses_as_the_billing_spec_spells_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slept = [{"start": "2026-11-02T09:20:00Z", "end": "2026-11-02T09:50:00Z"}]
    file = tmp_path / "a.json"
    file.write_text(json.dumps(_document(slept)), encoding="utf-8")
    assert main(["entries", "import", str(file)]) == 0
    assert main(["entries", "import", str(file)]) == 0
    assert "0 entries created, 0 updated, 1 unchanged" in capsys.readouterr().out
    conn = db.connect()
    uuid = entry_uuid_for("call-1")
    assert spans(entries.get(conn, uuid)) == [(T0 + 20 * MIN, T0 + 50 * MIN, "accepted")]
    assert entries.get(conn, uuid).pauses[0].origin is PauseOrigin.IMPORT  # type: ignore[union-attr]
    conn.close()

    corrected = [{"start": "2026-11-02T09:30:00Z", "end": "2026-11-02T09:40:00Z"}]
    file.write_text(json.dumps(_document(corrected)), encoding="utf-8")
    assert main(["entries", "import", str(file)]) == 0
    assert "0 entries created, 1 updated" in capsys.readouterr().out
    conn = db.connect()
    assert spans(entries.get(conn, uuid)) == [(T0 + 30 * MIN, T0 + 40 * MIN, "accepted")]
    assert len(pause_trail(conn, uuid)) == 2  # added, then changed by the corrected file
    conn.close()


def test_a_bad_pause_imports_nothing_and_names_the_entry_and_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = [{"start": "2026-11-02T08:50:00Z", "end": "2026-11-02T09:10:00Z"}]
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(_document(outside)), encoding="utf-8")
    assert main(["entries", "import", str(file)]) == 2
    err = capsys.readouterr().err
    assert "call-1" in err and "pauses[0].start" in err
    conn = db.connect()
    assert conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0
    conn.close()


def test_export_has_paused_minutes_and_the_json_lists_the_pauses(tmp_path: Path) -> None:
    conn = db.connect()
    acme = customers.upsert(conn, "acme", "ACME", now=T0).id
    entries.insert(
        conn,
        ended(
            "e1",
            T0,
            T0 + 60 * MIN,
            customer_id=acme,
            pauses=(
                pause(T0 + 20 * MIN, T0 + 50 * MIN, origin=PauseOrigin.SLEEP),
                pause(
                    T0 + 50 * MIN,
                    T0 + 55 * MIN,
                    state=PauseState.SUGGESTED,
                    origin=PauseOrigin.IDLE,
                ),
            ),
        ),
        reason="test",
        now=LATER,
    )
    conn.close()
    out = tmp_path / "out.json"
    args = ["export", "--from", "2026-11-01", "--to", "2026-11-30", "--tz", "UTC"]
    assert main([*args, "--format", "json", "-o", str(out)]) == 0
    (row,) = json.loads(out.read_text(encoding="utf-8"))["entries"]
    assert (row["raw_minutes"], row["paused_minutes"], row["billed_minutes"]) == (30.0, 30.0, 30)
    assert row["amount"] == str(Decimal("42.50"))
    assert row["pauses"] == [
        {"start": "2026-11-02T09:20:00Z", "end": "2026-11-02T09:50:00Z", "origin": "sleep"}
    ]
    assert row["suggested_pauses"] == [
        {"start": "2026-11-02T09:50:00Z", "end": "2026-11-02T09:55:00Z", "origin": "idle"}
    ]
    csv_out = tmp_path / "out.csv"
    assert main([*args, "-o", str(csv_out)]) == 0
    (line,) = csv.DictReader(io.StringIO(csv_out.read_bytes().decode("utf-8-sig"), newline=""))
    assert line["paused_minutes"] == "30.00" and line["raw_minutes"] == "30.00"

    # The JSON reads back into a store as the same pause (entries import).
    doc = {
        "entries": [
            {
                "id": row["uuid"],
                "customer": "acme",
                "start": row["start_utc"],
                "end": row["end_utc"],
                "pauses": row["pauses"],
            }
        ]
    }
    again = tmp_path / "again.json"
    again.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["entries", "import", str(again)]) == 0
    conn = db.connect()
    stored = entries.get(conn, "e1")
    assert stored is not None and [p.origin for p in stored.pauses if p.accepted] == ["sleep"]
    conn.close()
