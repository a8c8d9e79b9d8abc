"""The worker's parts on their own: which unit goes next, the backoff's bounds, the store's
sync lock (also across a killed process), and "take theirs" reading a remote line back."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from trayclock.domain.entry import Entry
from trayclock.store.outbox import OutboxRow, RemoteState, RowState
from trayclock.sync.backoff import Backoff
from trayclock.sync.lock import LockBusy, lock_path, sync_lock
from trayclock.sync.theirs import changes_from_remote, text_fields
from trayclock.sync.units import Action, next_unit

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def row(uuid: str, **fields: object) -> OutboxRow:
    values: dict[str, object] = dict(
        backend="b", entry_uuid=uuid, state=RowState.PENDING, revision=1, sent_revision=None,
        sending_revision=None, sending_owned=None, attempts=0, next_attempt_at=None,
        last_reason=None, remote=None, conflict=None, updated_at=T0,
    )  # fmt: skip
    values.update(fields)
    return OutboxRow(**values)  # type: ignore[arg-type]


def test_creates_go_in_batches_that_halve_with_each_failure() -> None:
    fresh = [row(f"n{i}") for i in range(120)]
    unit = next_unit(fresh, {}, batch_size=50)
    assert unit is not None and unit.action is Action.CREATE and len(unit.rows) == 50
    tried = [row(f"t{i}", attempts=2) for i in range(40)]
    unit = next_unit(tried, {}, batch_size=50)
    assert unit is not None and len(unit.rows) == 12  # 50 >> 2
    lone = next_unit([row("x", attempts=9)], {}, batch_size=50)
    assert lone is not None and len(lone.rows) == 1


def test_each_row_gets_the_action_its_state_asks_for() -> None:
    known = RemoteState("7", "v")
    cases = [
        (row("a", remote=known), {}, Action.UPDATE),
        (row("a", remote=known), {"a": True}, Action.DELETE),
        (row("a"), {"a": True}, Action.FORGET),  # never sent: nothing can be there
        (row("a", sending_revision=1), {"a": True}, Action.DELETE),  # a create maybe landed
        (row("a", sending_revision=1, revision=2), {}, Action.ADOPT),  # landed, older values
        (row("a", sending_revision=1), {}, Action.CREATE),  # same values: the marker decides
    ]
    for first, discarded, action in cases:
        unit = next_unit([first, row("b")], discarded)
        assert unit is not None and unit.action is action, (first, discarded)
    mixed = next_unit([row("a"), row("b", remote=known), row("c")], {})
    assert mixed is not None and [r.entry_uuid for r in mixed.rows] == ["a", "c"]


def test_the_backoff_is_full_jitter_within_a_growing_capped_window() -> None:
    backoff = Backoff(base_s=2.0, cap_s=900.0)
    assert [backoff.window_s(n) for n in (1, 2, 3, 10, 50)] == [2.0, 4.0, 8.0, 900.0, 900.0]
    for failures in (1, 3, 8, 12, 100):
        delays = [backoff.delay_s(failures) for _ in range(200)]
        assert all(0.0 <= d <= backoff.window_s(failures) for d in delays)
        assert max(delays) - min(delays) > backoff.window_s(failures) / 4  # spread, not fixed


def test_one_worker_at_a_time_per_store(tmp_path: Path) -> None:
    database = tmp_path / "t.sqlite3"
    with sync_lock(database, wait_s=0.0), pytest.raises(LockBusy), sync_lock(database, wait_s=0.2):
        pass
    with sync_lock(database, wait_s=0.0):
        pass  # free again once the holder left


def test_a_killed_holder_leaves_the_lock_free(tmp_path: Path) -> None:
    database = tmp_path / "t.sqlite3"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom pathlib import Path\nfrom trayclock.sync.lock import sync_lock\n"
         f"with sync_lock(Path({str(database)!r}), wait_s=5):\n"
         "    print('held', flush=True)\n    time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockBusy), sync_lock(database, wait_s=0.1):
            pass
        holder.kill()
        holder.wait(10)
        started = time.monotonic()
        with sync_lock(database, wait_s=5.0):
            assert time.monotonic() - started < 5.0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert lock_path(database).exists()


def entry(**fields: object) -> Entry:
    start = datetime(2026, 11, 2, 9, 0, tzinfo=BERLIN)
    values: dict[str, object] = dict(
        uuid="u1", source="anydesk", start=start, end=start + timedelta(minutes=30),
        heartbeat=start, partner_id="123456789", ticket="T-1", notes="printer",
    )  # fmt: skip
    values.update(fields)
    return Entry(**values)  # type: ignore[arg-type]


def test_take_theirs_reads_a_tryton_line_back_into_the_entry() -> None:
    mine = entry()
    remote = {
        "remote_id": "42",
        "duration_s": 45 * 60.0,
        "description": "Ticket T-7 · printer and toner · anydesk 123456789 (Reception) · "
        "10:00:00–10:30:00 +01:00 [trayclock:u1]",
        "extra": {"date": "2026-11-03", "work": "5", "invoice_line": ""},
    }
    changes = changes_from_remote(mine, remote, BERLIN)
    moved = datetime(2026, 11, 3, 9, 0, tzinfo=BERLIN)
    assert changes == {
        "start": moved,
        "end": moved + timedelta(minutes=45),
        "ticket": "T-7",
        "notes": "printer and toner",
    }
    assert changes_from_remote(mine, None, BERLIN) == {"discarded": True}


def test_take_theirs_reads_kimai_times_and_its_described_lines() -> None:
    mine = entry()
    begin = datetime(2026, 11, 2, 8, 5, tzinfo=UTC)
    remote = {
        "remote_id": "9",
        "description": "Ticket T-1\nprinter\nanydesk 123456789\n2026-11-02 09:00–09:30 CET\n"
        "billed 30 min, 42.50 EUR\n[trayclock:u1]",
        "extra": {"begin": begin.isoformat(), "end": (begin + timedelta(minutes=20)).isoformat()},
    }
    assert changes_from_remote(mine, remote, BERLIN) == {
        "start": begin,
        "end": begin + timedelta(minutes=20),
    }
    assert text_fields("just words typed in the office", mine) == {
        "ticket": None,
        "notes": "just words typed in the office",
    }
