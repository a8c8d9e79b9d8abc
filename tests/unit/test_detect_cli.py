"""`trayclock detect`: --parse, --once on logs only, --status, and its input errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trayclock.cli import main


def trace_line(stamp: str, fiber: int, logger: str, message: str) -> str:
    return f"   info {stamp}    service   main   3001   3001{fiber:>5}{logger:>33} - {message}\n"


def write_trace(path: Path, stamp_day: str, *, closed: bool) -> None:
    lines = [
        trace_line(f"{stamp_day} 08:00:00.000", 1, "app.service", "Service started."),
        trace_line(
            f"{stamp_day} 08:00:01.000",
            12,
            "app.service",
            "Received outgoing connection request for address 555444333 (direct).",
        ),
        trace_line(f"{stamp_day} 08:00:01.010", 12, "app.session", '1: Connecting to "555444333"'),
        trace_line(f"{stamp_day} 08:00:03.000", 12, "app.session", "5: Entering processing loop."),
    ]
    if closed:
        lines += [
            trace_line(
                f"{stamp_day} 08:20:00.000",
                12,
                "app.session",
                "Session closed by local user: user_cancelled.",
            ),
            trace_line(f"{stamp_day} 08:20:00.010", 12, "app.session", "5: Processing done."),
        ]
    path.write_text("".join(lines), encoding="utf-8")


def test_parse_prints_every_session_of_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trace = tmp_path / "ad_svc.trace"
    write_trace(trace, "2026-03-02", closed=True)
    assert main(["detect", "--parse", str(trace), "--app", "anydesk"]) == 0
    (session,) = json.loads(capsys.readouterr().out)
    assert session["partner_id"] == "555444333"
    assert (session["start"], session["end"]) == ("2026-03-02T08:00:01Z", "2026-03-02T08:20:00Z")
    assert session["outcome"] == "completed"


def test_parse_of_a_missing_file_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.trace"
    assert main(["detect", "--parse", str(missing)]) == 2  # bad input, as the README says
    err = capsys.readouterr().err
    assert "nope.trace" in err and "no such file" in err and "Errno" not in err


def test_once_reports_the_session_open_in_a_log_without_windows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trace = tmp_path / "ad_svc.trace"
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    write_trace(trace, today, closed=False)
    args = ["detect", "--once", "--no-windows", "--app", "anydesk", "--log", f"anydesk={trace}"]
    assert main(args) == 0
    captured = capsys.readouterr()
    (session,) = json.loads(captured.out)
    assert (session["app"], session["partner_id"], session["outcome"]) == (
        "anydesk",
        "555444333",
        "open",
    )
    assert session["start"] == f"{today}T08:00:01Z"  # the log's exact start
    assert "window titles ignored" in captured.err


def test_status_lists_every_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trace = tmp_path / "ad_svc.trace"
    write_trace(trace, "2026-03-02", closed=True)
    assert main(["detect", "--status", "--no-windows", "--log", f"anydesk={trace}"]) == 0
    out = capsys.readouterr().out
    for name in ("windows", "processes", "log teamviewer", "log anydesk", "log rustdesk"):
        assert f" {name}" in out
    assert f"tailing {trace}" in out


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--log", "skype=/tmp/x"], "APP=PATH"),
        (["--interval", "0"], "--interval"),
        (["--grace", "-1"], "--grace"),
    ],
)
def test_bad_options_are_named(
    args: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["detect", "--once", "--no-windows", *args]) == 2
    assert complaint in capsys.readouterr().err
