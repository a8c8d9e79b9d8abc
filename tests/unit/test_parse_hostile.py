"""The inputs of issue #12 that froze or crawled, parsed in full with the right sessions.

A 2 KiB / 4 KiB run of spaces in a Connections.txt line (the old record regex backtracked
O(n^3): 17 s / 248 s here), 8,000 RustDesk sessions open at once (every line looked at every
peer: 12.8 s) and 40,000 TeamViewer attempts (49 s). How long they take now is in
bench/RESULTS.md (bench/bench_detect.py --parsers); here they must finish (the timeout is
a hang guard, not a measurement) and give exactly the sessions in the file.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trayclock.detect.apps import teamviewer
from trayclock.detect.apps.sessionlog import LineResult
from trayclock.detect.parse import parse_file, parse_file_report
from trayclock.domain.session import Outcome

HANG_GUARD_S = 120
T0 = datetime(2026, 4, 2, 8, 0, tzinfo=UTC)
GUID = "{8f0c2d1e-5a4b-4c3d-9e8f-0a1b2c3d4e5f}"


def columns(*values: str) -> str:
    return "".join(value.ljust(32) for value in values)


@pytest.mark.timeout(HANG_GUARD_S)
@pytest.mark.parametrize("spaces", [2048, 4096])
def test_a_connections_line_with_a_long_run_of_spaces(spaces: int) -> None:
    start, end = "02-03-2026 08:00:05", "02-03-2026 08:41:50"
    broken = columns("1352189396", start) + end + " " * spaces + "x"
    parser = teamviewer.ConnectionsParser()
    assert parser.feed(broken) is LineResult.BAD
    # The same run inside the user column of a whole record: still that record.
    padded = columns("1352189396", start, end) + "tech" + " " * spaces + "RemoteControl  " + GUID
    assert parser.feed(padded) is LineResult.PARSED
    (session,) = parser.sessions()
    assert session.key == "teamviewer:8f0c2d1e-5a4b-4c3d-9e8f-0a1b2c3d4e5f"
    assert session.partner_id == "1352189396"
    assert (session.start, session.end) == (
        datetime(2026, 3, 2, 8, 0, 5, tzinfo=UTC),
        datetime(2026, 3, 2, 8, 41, 50, tzinfo=UTC),
    )


@pytest.mark.timeout(HANG_GUARD_S)
def test_recognising_a_file_of_such_lines_finishes_and_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "Connections.txt"
    broken = columns("1352189396", "02-03-2026 08:00:05") + "02-03-2026 08:41:50" + " " * 4096
    record = columns("1352189396", "02-03-2026 09:00:00", "02-03-2026 09:30:00", "tech")
    path.write_text("\n".join([broken + "x"] * 250 + [record + "RemoteControl" + " " * 19 + GUID]))
    with pytest.raises(ValueError, match="not recognised"):
        parse_file(path)  # the first 200 lines decide, and they are no format
    report = parse_file_report(path, "teamviewer")
    assert [s.end for s in report.sessions] == [datetime(2026, 3, 2, 9, 30, tzinfo=UTC)]
    assert report.bad_lines == 250


def stamp(i: int) -> datetime:
    return T0 + timedelta(milliseconds=10 * i)


@pytest.mark.timeout(HANG_GUARD_S)
def test_a_rustdesk_log_with_8000_sessions_open_at_once(tmp_path: Path) -> None:
    n = 8000

    def line(i: int, message: str) -> str:
        return f"[{stamp(i):%Y-%m-%d %H:%M:%S.%f} +00:00] INFO [src/client.rs:1] {message}\n"

    path = tmp_path / "RustDesk_rCURRENT.log"
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(line(i, f"Session {100_000_000 + i} start, use texture render: true"))
        for i in range(n):  # each peer named again while all are open: no end yet
            handle.write(line(n + i, f"#1 punch attempt with 10.0.0.5:1, id: {100_000_000 + i}"))
        for i in range(n):
            handle.write(line(2 * n + i, f"Exit io_loop of id={100_000_000 + i}"))
    sessions = parse_file(path)
    assert len(sessions) == n
    for i, session in enumerate(sessions):
        assert session.partner_id == str(100_000_000 + i)
        assert (session.start, session.end) == (stamp(i), stamp(2 * n + i))
        assert session.outcome is Outcome.COMPLETED


@pytest.mark.timeout(HANG_GUARD_S)
def test_a_teamviewer_live_log_with_40000_attempts(tmp_path: Path) -> None:
    n = 40_000

    def line(i: int, message: str) -> str:
        local = f"{stamp(i):%Y/%m/%d %H:%M:%S.%f}"[:-3]
        return f"{local}  4200       4210 G1   {message}\n"

    path = tmp_path / "TeamViewer15_Logfile.log"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Start:              2026/04/02 08:00:00.000 (UTC+0:00)\n")
        for i in range(n):
            handle.write(
                line(i, f"CLogin::run(), trying connection to {100_000_000 + i}, mode = 1")
            )
        for i in range(n):
            handle.write(line(n + i, f"SessionStatistics[3] Session to {100_000_000 + i} ended."))
    sessions = parse_file(path)
    assert len(sessions) == n
    for i, session in enumerate(sessions):
        assert session.partner_id == str(100_000_000 + i)
        assert (session.start, session.end) == (stamp(i), stamp(n + i))
        assert session.outcome is Outcome.COMPLETED
