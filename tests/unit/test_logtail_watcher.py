"""LogWatcher: one app's logs tailed into sessions (catch-up, grace, merge, status)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.detect_lines import anydesk_frontend as frontend
from tests.detect_lines import anydesk_request as request
from tests.detect_lines import anydesk_service as service
from tests.detect_lines import rustdesk as rust
from trayclock.detect.apps.sessionlog import LineResult
from trayclock.detect.logsource import LogWatcher, OutgoingRecord
from trayclock.domain.clock import ManualClock
from trayclock.domain.session import Outcome

LOGS = Path(__file__).resolve().parents[1] / "fixtures" / "logs"
T0 = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def test_catch_up_reports_only_sessions_open_now(tmp_path: Path) -> None:
    trace = tmp_path / "ad_svc.trace"
    trace.write_bytes((LOGS / "anydesk_service_concurrent.trace").read_bytes())
    watcher = LogWatcher("anydesk", [trace], clock=ManualClock(T0))
    reported = watcher.poll()
    # Months of history are not replayed: only the session still open at the end.
    assert [(s.partner_id, s.outcome) for s in reported] == [("712345678", Outcome.OPEN)]
    assert watcher.poll() == []
    assert watcher.status().bad_lines == 1


def test_catch_up_with_report_since_includes_recently_ended(tmp_path: Path) -> None:
    trace = tmp_path / "ad_svc.trace"
    trace.write_bytes((LOGS / "anydesk_service_concurrent.trace").read_bytes())
    since = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    watcher = LogWatcher("anydesk", [trace], clock=ManualClock(T0), report_since=since)
    partners = sorted((s.partner_id or "", s.outcome.value) for s in watcher.poll())
    assert partners == [
        ("512009988", "refused"),
        ("712345678", "open"),
        ("845001122", "completed"),
    ]


def test_live_lines_report_start_update_and_end_in_order(tmp_path: Path) -> None:
    trace = tmp_path / "ad_svc.trace"
    trace.write_text(service("00:00:00.000", 3, "app.service", "Service started."))
    watcher = LogWatcher("anydesk", [trace], clock=ManualClock(T0))
    assert watcher.poll() == []
    append(
        trace,
        request("08:00:00.000", 41, "712345678"),
    )
    (started,) = watcher.poll()
    assert started.outcome is Outcome.OPEN and started.partner_id == "712345678"
    append(trace, service("08:00:03.000", 41, "app.session", "5: Entering processing loop."))
    assert watcher.poll() == []  # nothing a session shows changed
    append(
        trace,
        service("08:30:00.000", 41, "app.session", "Session closed by local user: user_quit."),
    )
    (ended,) = watcher.poll()
    assert ended.key == started.key and ended.outcome is Outcome.COMPLETED
    assert ended.end == datetime(2026, 3, 29, 8, 30, tzinfo=UTC)
    assert watcher.open_sessions() == [] and watcher.sessions() == [ended]


def test_service_and_user_trace_of_one_session_are_reported_once(tmp_path: Path) -> None:
    svc = tmp_path / "ad_svc.trace"
    user = tmp_path / "anydesk.trace"
    svc.write_text("")
    user.write_text("")
    watcher = LogWatcher("anydesk", [svc, user], clock=ManualClock(T0))
    watcher.poll()
    append(
        user,
        frontend(
            "08:00:00.000",
            4410,
            "unix_app.frontend",
            "Sending a connection request for address 845001122.",
        ),
    )
    append(
        svc,
        request("08:00:00.050", 41, "845001122"),
    )
    first = watcher.poll()
    assert len(first) == 1
    key = first[0].key
    append(svc, service("08:00:02.000", 41, "app.session", "5: Entering processing loop."))
    append(svc, service("08:20:00.000", 41, "app.session", "5: Processing done."))
    append(user, frontend("08:20:00.010", 4410, "app.frontend_session", "Session stopped."))
    (ended,) = watcher.poll()
    assert ended.key == key and ended.outcome is Outcome.COMPLETED
    assert ended.end == datetime(2026, 3, 29, 8, 20, 0, 10000, tzinfo=UTC)
    assert len(watcher.sessions()) == 1


def test_rustdesk_end_waits_for_the_grace_period(tmp_path: Path) -> None:
    log = tmp_path / "RustDesk_rCURRENT.log"
    log.write_text("")
    clock = ManualClock(datetime(2026, 3, 29, 8, 0, tzinfo=UTC))
    watcher = LogWatcher("rustdesk", [log], clock=clock, grace_s=60, peers_dirs=[])
    watcher.poll()
    append(log, rust("10:00:00.000000", "Session 412345678 start, use texture render: true"))
    (started,) = watcher.poll()
    append(log, rust("10:30:00.000000", "Exit io_loop of id=412345678"))
    clock.set(datetime(2026, 3, 29, 8, 30, 30, tzinfo=UTC))
    assert watcher.poll() == []  # within grace: maybe a reconnect
    append(log, rust("10:30:40.000000", "Hole Punched 412345678 = 192.168.1.49:58610"))
    clock.set(datetime(2026, 3, 29, 8, 32, tzinfo=UTC))
    assert watcher.poll() == []  # it reconnected: still the same open session
    append(log, rust("10:45:00.000000", "Exit io_loop of id=412345678"))
    clock.set(datetime(2026, 3, 29, 8, 45, 59, tzinfo=UTC))
    assert watcher.poll() == []
    clock.set(datetime(2026, 3, 29, 8, 46, 0, tzinfo=UTC))
    (ended,) = watcher.poll()
    assert ended.key == started.key
    assert ended.end == datetime(2026, 3, 29, 8, 45, tzinfo=UTC)  # the Exit line, not "now"


def test_rustdesk_name_from_peer_file_info_section_only(tmp_path: Path) -> None:
    log = tmp_path / "RustDesk_rCURRENT.log"
    log.write_text("")
    peers = tmp_path / "peers"
    peers.mkdir()
    (peers / "600700800.toml").write_text(
        "password = [1, 2, 3]\n\n[options]\ncodec = 'vp9'\n\n[info]\n"
        "username = 'anna'\nhostname = 'PRAXIS-PC'\nplatform = 'Windows'\n"
    )
    watcher = LogWatcher("rustdesk", [log], clock=ManualClock(T0), peers_dirs=[peers])
    watcher.poll()
    append(log, rust("10:00:00.000000", "Session 600700800 start, use texture render: true"))
    (session,) = watcher.poll()
    assert session.partner_name == "anna@PRAXIS-PC"


def test_teamviewer_record_missing_present_and_stale(tmp_path: Path) -> None:
    record = tmp_path / "Connections.txt"
    clock = ManualClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))
    watcher = LogWatcher("teamviewer", [record], clock=clock)
    watcher.poll()
    assert watcher.status().outgoing_record == OutgoingRecord.MISSING
    assert watcher.status().outgoing_logging_off
    record.write_bytes((LOGS / "teamviewer_Connections.txt").read_bytes())
    # Appeared after start: everything in it is new, each GUID once.
    assert len(watcher.poll()) == 3
    assert watcher.status().outgoing_record == OutgoingRecord.PRESENT
    watcher.expect_outgoing_record(clock.now())
    clock.advance(timedelta(seconds=119))
    watcher.poll()
    assert not watcher.status().outgoing_logging_off
    clock.advance(timedelta(seconds=2))
    watcher.poll()
    assert watcher.status().outgoing_record == OutgoingRecord.STALE
    append(
        record,
        "\r\n"
        + "".join(
            x.ljust(32)
            for x in (
                "555666777",
                "02-03-2026 10:00:00",
                "02-03-2026 10:03:00",
                "tech",
                "RemoteControl",
            )
        )
        + "{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}",
    )
    (new,) = watcher.poll()
    assert new.key == "teamviewer:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    assert watcher.status().outgoing_record == OutgoingRecord.PRESENT


def test_teamviewer_without_record_path_is_not_expected(tmp_path: Path) -> None:
    watcher = LogWatcher(
        "teamviewer", [tmp_path / "TeamViewer15_Logfile.log"], clock=ManualClock(T0)
    )
    watcher.poll()
    assert watcher.status().outgoing_record == OutgoingRecord.NOT_EXPECTED


def test_glob_paths_pick_up_a_branded_trace_that_appears_later(tmp_path: Path) -> None:
    folder = tmp_path / "AnyDesk"
    watcher = LogWatcher("anydesk", [folder / "ad*.trace"], clock=ManualClock(T0))
    assert watcher.poll() == []
    folder.mkdir()
    (folder / "ad_acme_svc.trace").write_text(
        request("08:00:00.000", 41, "301555444")
        + service("08:00:00.500", 41, "app.session", "Session closed by remote side: rejected.")
    )
    (attempt,) = watcher.poll()  # new file: read from the top, ended sessions included
    assert attempt.outcome is Outcome.REFUSED and attempt.partner_id == "301555444"
    files = watcher.status().files
    assert [f.path.name for f in files] == ["ad_acme_svc.trace"] and files[0].readable


def test_incoming_record_is_listed_but_not_read(tmp_path: Path) -> None:
    incoming = tmp_path / "Connections_incoming.txt"
    incoming.write_bytes((LOGS / "teamviewer_Connections_incoming.txt").read_bytes())
    watcher = LogWatcher("teamviewer", [incoming], clock=ManualClock(T0))
    assert watcher.poll() == []
    (status,) = watcher.status().files
    assert status.parser is None and status.lines == 0


def test_truncated_log_is_reread_without_double_counting(tmp_path: Path) -> None:
    record = tmp_path / "Connections.txt"
    record.write_bytes(b"")
    watcher = LogWatcher("teamviewer", [record], clock=ManualClock(T0))
    watcher.poll()
    record.write_bytes((LOGS / "teamviewer_Connections.txt").read_bytes())
    assert len(watcher.poll()) == 3
    record.write_bytes((LOGS / "teamviewer_Connections.txt").read_bytes()[:200])  # shorter
    assert watcher.poll() == []  # the same GUIDs again: nothing new
    assert watcher.status().files[0].truncations == 1


def test_unknown_app_is_rejected() -> None:
    try:
        LogWatcher("vnc", [], clock=ManualClock(T0))
    except ValueError as exc:
        assert "vnc" in str(exc)
    else:
        raise AssertionError("LogWatcher accepted an unknown app")


def test_a_parser_error_costs_one_line_not_the_watcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trayclock.detect.apps import anydesk

    real_feed = anydesk.TraceParser.feed

    def fragile_feed(self: anydesk.TraceParser, line: str) -> LineResult:
        if "boom" in line:
            raise RuntimeError("parser bug")
        return real_feed(self, line)

    monkeypatch.setattr(anydesk.TraceParser, "feed", fragile_feed)
    trace = tmp_path / "ad_svc.trace"
    trace.write_text("")
    watcher = LogWatcher("anydesk", [trace], clock=ManualClock(T0))
    watcher.poll()
    append(trace, "boom\n")
    append(
        trace,
        request("08:00:00.000", 41, "712345678"),
    )
    (session,) = watcher.poll()
    assert session.partner_id == "712345678"
    assert watcher.status().bad_lines == 1
