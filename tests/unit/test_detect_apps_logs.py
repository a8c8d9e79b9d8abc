"""Per-app log details that parse_file's fixtures do not pin down on their own."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.detect_lines import anydesk_frontend
from trayclock.detect.apps import anydesk, rustdesk, teamviewer
from trayclock.detect.apps.sessionlog import LineResult
from trayclock.domain.session import Outcome

REQUEST_FE = "Sending a connection request for address {}."


@pytest.fixture
def berlin_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_teamviewer_live_log_before_any_header_uses_this_computers_zone(berlin_time: None) -> None:
    parser = teamviewer.LiveLogParser()
    line = (
        "2026/07/01 10:00:00.000  4200  4210 G1   "
        "CLogin::run(), trying connection to 555666777, mode = 1"
    )
    assert parser.feed(line) is LineResult.PARSED
    (session,) = parser.sessions()
    assert session.start == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)  # CEST = UTC+2


def test_teamviewer_live_log_header_offset_wins_and_negative_offsets(berlin_time: None) -> None:
    parser = teamviewer.LiveLogParser()
    parser.feed("Start:              2026/07/01 09:00:00.000 (UTC-8:00)")
    parser.feed("2026/07/01 10:00:00.000  4200  4210 G1   trying connection to 555666777, mode = 1")
    (session,) = parser.sessions()
    assert session.start == datetime(2026, 7, 1, 18, 0, tzinfo=UTC)


def test_teamviewer_live_log_incoming_end_does_not_end_our_session() -> None:
    parser = teamviewer.LiveLogParser()
    parser.feed("Start:    2026/07/01 09:00:00.000 (UTC+0:00)")
    parser.feed("2026/07/01 10:00:00.000  4200  4210 G1   trying connection to 555666777, mode = 1")
    parser.feed(
        "2026/07/01 10:01:00.000  3100  3110 S0   SessionStatistics[3] Session to 1031857600 ended."
    )
    (session,) = parser.sessions()
    assert session.outcome is Outcome.OPEN


def test_connections_record_is_counted_once_across_feeds() -> None:
    parser = teamviewer.ConnectionsParser()
    record = (
        "".join(
            x.ljust(32)
            for x in (
                "1352189396",
                "02-03-2026 08:00:05",
                "02-03-2026 08:41:50",
                "a b",
                "RemoteControl",
            )
        )
        + "{8f0c2d1e-5a4b-4c3d-9e8f-0a1b2c3d4e5f}"
    )
    assert parser.feed(record) is LineResult.PARSED
    assert len(parser.take_changed()) == 1
    assert parser.feed(record + "\r") is LineResult.PARSED  # the same line, now with its newline
    assert parser.take_changed() == []


def test_anydesk_trace_line_shapes() -> None:
    parser = anydesk.TraceParser()
    old = (
        "info 2026-01-12 07:41:09.002       lsvc   3316   3320   14                "
        "anynet.any_socket - Client-ID: 300400500 (FPR: 0a1b2c3d4e5f)."
    )
    new = (
        "   info 2026-01-12 07:41:10.120         ad   main   2044   2044"
        "                         impl_selector - using sse4"
    )
    assert parser.feed(old) is LineResult.PARSED
    assert parser.feed(new) is LineResult.PARSED
    assert parser.feed("\x00\x00\x00") is LineResult.IGNORED
    assert parser.feed(" * * * * * * * * * * * *") is LineResult.IGNORED
    assert parser.feed("info 2022-09-28 garbage") is LineResult.BAD
    assert parser.sessions() == []


def test_rustdesk_peer_info_section_only(tmp_path: Path) -> None:
    (tmp_path / "123456789.toml").write_text(
        "password = [9, 9, 9]\n[info]\nusername = 'anna'\nhostname = 'PRAXIS-PC'\n"
        "[options]\nusername = 'not this one'\n"
    )
    assert rustdesk.read_peer_info(tmp_path, "123456789") == "anna@PRAXIS-PC"
    (tmp_path / "222.toml").write_text("[info]\nusername = \n")  # broken TOML
    assert rustdesk.read_peer_info(tmp_path, "222") is None
    assert rustdesk.read_peer_info(tmp_path, "404") is None
    assert rustdesk.read_peer_info(tmp_path, "../123456789") is None


def test_rustdesk_exit_without_start_is_harmless() -> None:
    parser = rustdesk.LogParser()
    assert (
        parser.feed(
            "[2026-04-02 10:00:00.000000 +00:00] DEBUG [src/client/io_loop.rs:1] "
            "Exit io_loop of id=1"
        )
        is LineResult.PARSED
    )
    parser.finish()
    assert parser.sessions() == []


def test_rustdesk_reconnect_is_recognised_by_the_id_as_a_whole_word() -> None:
    parser = rustdesk.LogParser(grace_s=60)
    stamp = "[2026-04-02 10:{} +00:00] INFO [src/client.rs:1] "
    parser.feed(stamp.format("00:00.000000") + "Session 10.0.0.5 start, use texture render: true")
    parser.feed(stamp.format("20:00.000000") + "Exit io_loop of id=10.0.0.5")
    parser.feed(stamp.format("20:10.000000") + "connecting to 10.0.0.51:21118")  # another peer
    parser.feed(stamp.format("22:00.000000") + "tick")
    (first,) = parser.sessions()
    assert first.end is not None  # 10.0.0.51 is not 10.0.0.5: the session ended

    parser = rustdesk.LogParser(grace_s=60)
    parser.feed(stamp.format("00:00.000000") + "Session 10.0.0.5 start, use texture render: true")
    parser.feed(stamp.format("20:00.000000") + "Exit io_loop of id=10.0.0.5")
    parser.feed(stamp.format("20:10.000000") + "connecting to 10.0.0.5:21118")  # the same peer
    parser.feed(stamp.format("22:00.000000") + "tick")
    (second,) = parser.sessions()
    assert second.end is None and second.outcome is Outcome.OPEN


def test_anydesk_two_tabs_in_one_frontend_end_one_at_a_time() -> None:
    parser = anydesk.TraceParser()
    for line in (
        anydesk_frontend("09:00:00.000", 4410, "unix_app.frontend", REQUEST_FE.format(712345678)),
        anydesk_frontend("09:01:00.000", 4410, "unix_app.frontend", REQUEST_FE.format(845001122)),
        anydesk_frontend("09:30:00.000", 4410, "app.frontend_session", "Session stopped."),
        anydesk_frontend("09:30:01.000", 4410, "unix_app.frontend", "Close Session"),
    ):
        parser.feed(line)
    first, second = parser.sessions()
    assert first.outcome is Outcome.COMPLETED
    assert second.outcome is Outcome.OPEN  # the Close Session belonged to the first tab's end
