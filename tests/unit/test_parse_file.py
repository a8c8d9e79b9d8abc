"""parse_file: every session in one log file, the app recognised from the content."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.detect_lines import anydesk_service
from trayclock.detect.parse import parse_file, parse_file_report
from trayclock.domain.session import Outcome, RemoteSession

LOGS = Path(__file__).resolve().parents[1] / "fixtures" / "logs"
REQUEST = "Received outgoing connection request for address {} (direct)."


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def by_partner(sessions: list[RemoteSession]) -> dict[str | None, list[RemoteSession]]:
    out: dict[str | None, list[RemoteSession]] = {}
    for session in sessions:
        out.setdefault(session.partner_id, []).append(session)
    return out


def test_anydesk_concurrent_sessions_are_told_apart_by_fiber() -> None:
    report = parse_file_report(LOGS / "anydesk_service_concurrent.trace")
    assert report.app == "anydesk"
    sessions = by_partner(report.sessions)
    first, later = sessions["712345678"]
    second = sessions["845001122"][0]
    # Interleaved lines of fibers 41 and 43: each session ends at its own close line.
    assert (first.start, first.end) == (
        utc("2026-03-02T08:15:01.150"),
        utc("2026-03-02T08:47:30.250"),
    )
    assert (second.start, second.end) == (
        utc("2026-03-02T08:15:02.400"),
        utc("2026-03-02T09:40:05.500"),
    )
    assert first.outcome is Outcome.COMPLETED and second.outcome is Outcome.COMPLETED
    assert first.key != later.key  # the fiber number was reused later: another session
    assert later.end is None and later.outcome is Outcome.OPEN


def test_anydesk_refused_attempt_and_incoming_session_ignored() -> None:
    report = parse_file_report(LOGS / "anydesk_service_concurrent.trace")
    sessions = by_partner(report.sessions)
    refused = sessions["512009988"][0]
    assert refused.outcome is Outcome.REFUSED
    assert refused.end == utc("2026-03-02T09:02:11.650")
    assert "998877665" not in sessions  # the incoming session on fiber 50
    assert len(report.sessions) == 4
    assert report.bad_lines == 1  # the cut line; NUL runs are not errors


def test_anydesk_old_windows_layout_alias_and_restart_separator() -> None:
    sessions = parse_file(LOGS / "anydesk_windows_old_layout.trace")
    assert [(s.partner_id, s.partner_name) for s in sessions] == [
        ("301555444", None),
        (None, "desk-07@ad"),
    ]
    ran, cut = sessions
    assert ran.end == utc("2026-03-03T13:40:20") and ran.outcome is Outcome.COMPLETED
    # The service restarted (` * * *`) while the second session ran: ended at the last line
    # the old process wrote.
    assert cut.end == utc("2026-03-03T14:30:00") and cut.outcome is Outcome.COMPLETED


def test_anydesk_linux_user_trace_outgoing_only() -> None:
    sessions = parse_file(LOGS / "anydesk_frontend_linux.trace")
    assert [s.partner_id for s in sessions] == ["1001025310", "1001025310"]
    refused, ran = sessions
    assert refused.outcome is Outcome.REFUSED  # stopped 0.8 s after the request
    assert ran.outcome is Outcome.COMPLETED
    assert (ran.start, ran.end) == (utc("2026-03-04T09:05:00"), utc("2026-03-04T09:41:12.500"))


def test_teamviewer_connections_guid_once_user_with_space_last_line_without_newline() -> None:
    report = parse_file_report(LOGS / "teamviewer_Connections.txt")
    assert report.app == "teamviewer"
    assert [s.key for s in report.sessions] == [
        "teamviewer:8f0c2d1e-5a4b-4c3d-9e8f-0a1b2c3d4e5f",  # listed twice, counted once
        "teamviewer:0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
        "teamviewer:c3d4e5f6-0718-293a-4b5c-6d7e8f901a2b",  # the last line, no newline
    ]
    first = report.sessions[0]
    assert first.partner_id == "1352189396"
    assert (first.start, first.end) == (utc("2026-03-02T08:00:05"), utc("2026-03-02T08:41:50"))
    assert report.sessions[2].end == utc("2026-03-03T00:20:30")
    assert report.bad_lines == 1


def test_teamviewer_incoming_file_is_refused_with_a_clear_error() -> None:
    path = LOGS / "teamviewer_Connections_incoming.txt"
    with pytest.raises(ValueError, match="incoming") as info:
        parse_file(path)
    assert str(path) in str(info.value)
    with pytest.raises(ValueError, match="incoming"):
        parse_file(path, "teamviewer")


def test_teamviewer_live_log_outgoing_only_with_header_offset() -> None:
    sessions = parse_file(LOGS / "teamviewer_live.log")
    assert [(s.partner_id, s.outcome) for s in sessions] == [
        ("1660360496", Outcome.COMPLETED),
        ("777888999", Outcome.REFUSED),
    ]
    # local times at UTC+1 (from the Start: header) converted to UTC
    assert sessions[0].start == utc("2026-03-05T09:02:00")
    assert sessions[0].end == utc("2026-03-05T09:30:15.500")


def test_rustdesk_offsets_reconnect_peer_info_and_refused() -> None:
    report = parse_file_report(LOGS / "rustdesk_client_rCURRENT.log")
    sessions = by_partner(report.sessions)
    assert len(report.sessions) == 3
    long = sessions["412345678"][0]
    # Started at +01:00, ended after the DST change at +02:00; the Exit io_loop at 02:20 was
    # followed by lines for the same id within the grace period: one session, not two.
    assert long.start == utc("2026-03-28T22:55:10.000001")
    assert long.end == utc("2026-03-29T00:40:00")
    assert long.partner_name == "kasse@BAECKEREI-01"
    assert long.outcome is Outcome.COMPLETED
    by_ip = sessions["192.168.200.241"][0]
    assert by_ip.partner_name == "willi@lager-02" and by_ip.end == utc("2026-03-29T00:58:00")
    assert sessions["600700800"][0].outcome is Outcome.REFUSED  # 4 s, never logged in
    assert report.bad_lines == 1  # the continuation line


def test_rustdesk_windows_paths_and_grace_parameter() -> None:
    (session,) = parse_file(LOGS / "rustdesk_windows.log")
    assert (session.partner_id, session.end) == ("78206435", utc("2026-04-01T01:20:00"))


def test_rustdesk_open_session_at_end_of_file(tmp_path: Path) -> None:
    path = tmp_path / "RustDesk_rCURRENT.log"
    path.write_text(
        "[2026-04-02 10:00:00.000000 +00:00] INFO [src/flutter.rs:1] Session 123456789 start, x\n"
        "[2026-04-02 10:00:01.000000 +00:00] INFO [src/client.rs:1] Connection secured\n"
    )
    (session,) = parse_file(path)
    assert session.to_json()["end"] is None and session.to_json()["outcome"] == "open"


def test_to_json_shape_for_the_cli() -> None:
    session = parse_file(LOGS / "teamviewer_Connections.txt")[0]
    assert session.to_json() == {
        "app": "teamviewer",
        "partner_id": "1352189396",
        "partner_name": None,
        "start": "2026-03-02T08:00:05Z",
        "end": "2026-03-02T08:41:50Z",
        "key": "teamviewer:8f0c2d1e-5a4b-4c3d-9e8f-0a1b2c3d4e5f",
        "outcome": "completed",
    }


def test_unrecognised_file_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\nworld\n")
    with pytest.raises(ValueError, match="not recognised") as info:
        parse_file(path)
    assert str(path) in str(info.value)


def test_wrong_app_given_is_a_clear_error() -> None:
    path = LOGS / "rustdesk_windows.log"
    with pytest.raises(ValueError, match="anydesk") as info:
        parse_file(path, "anydesk")
    assert str(path) in str(info.value)
    with pytest.raises(ValueError, match="unknown remote app"):
        parse_file(path, "splashtop")


def test_app_given_explicitly_matches_recognition() -> None:
    path = LOGS / "anydesk_windows_old_layout.trace"
    assert parse_file(path, "anydesk") == parse_file(path)


def test_anydesk_request_on_a_fiber_whose_end_was_lost(tmp_path: Path) -> None:
    path = tmp_path / "ad_svc.trace"
    path.write_text(
        anydesk_service("08:00:00.000", 41, "app.service", REQUEST.format("712345678"))
        + anydesk_service("08:00:00.010", 41, "app.session", '1: Connecting to "712345678"')
        + anydesk_service("08:00:02.000", 41, "app.session", "5: Entering processing loop.")
        # the close lines were lost; later the same fiber serves a new request
        + anydesk_service("09:00:00.000", 41, "app.service", REQUEST.format("845001122"))
        + anydesk_service("09:00:00.010", 41, "app.session", '1: Connecting to "845001122"')
    )
    first, second = parse_file(path)
    assert (first.partner_id, first.outcome) == ("712345678", Outcome.COMPLETED)
    assert first.end == utc("2026-03-29T09:00:00")
    assert (second.partner_id, second.outcome) == ("845001122", Outcome.OPEN)


def test_anydesk_connecting_line_alone_starts_a_session(tmp_path: Path) -> None:
    path = tmp_path / "ad.trace"
    path.write_text(
        anydesk_service("08:00:00.010", 61, "app.session", '1: Connecting to "712345678"')
        + anydesk_service(
            "08:00:00.500", 61, "app.session", "Session closed by remote side: rejected."
        )
    )
    (attempt,) = parse_file(path)
    assert (attempt.partner_id, attempt.outcome) == ("712345678", Outcome.REFUSED)
