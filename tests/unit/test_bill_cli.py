"""`trayclock bill` through the real CLI in a subprocess: JSON out and exit 0, or exit 2 and why."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from trayclock import cli
from trayclock.commands import bill as bill_command
from trayclock.domain import billing_limits
from trayclock.domain.billing import bill_document
from trayclock.domain.billing_limits import MAX_INPUT_BYTES
from trayclock.domain.clock import ManualClock

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "billing"
EXIT_TIMEOUT_S = 60
CLOCK = ManualClock(datetime(2026, 12, 1, 12, tzinfo=UTC))  # `bill` never reads it


def bill(
    *args: str, stdin: bytes | None = None, cwd: Path = FIXTURES
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trayclock", "bill", *args],
        input=None if stdin is None else stdin.decode(),
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=EXIT_TIMEOUT_S,
        check=False,
    )


def expected(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name", ["spec_output_example", "worked_examples", "worked_examples_pauses"]
)
def test_prices_a_file(name: str) -> None:
    done = bill(str(FIXTURES / f"{name}.json"))
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == expected(f"{name}.expected.json")


def test_output_keeps_the_spec_key_order_and_number_types() -> None:
    done = bill("spec_output_example.json")
    assert done.returncode == 0
    text = done.stdout
    assert text.index('"currency"') < text.index('"entries"') < text.index('"overlaps"')
    assert text.index('"overlaps"') < text.index('"customers"')
    assert '"billed_minutes": 30,' in text and '"raw_minutes": 22.0,' in text
    assert '"amount": "42.50"' in text and '"contract_balance": null' in text


def test_reads_standard_input() -> None:
    source = (FIXTURES / "two_customers_split.json").read_bytes()
    done = bill("-", stdin=source)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    rows = {row["id"]: row for row in out["entries"]}
    assert [rows[i]["effective_minutes"] for i in ("e1", "e2", "e3")] == [22.5, 22.5, 0.0]
    assert rows["e3"]["status"] == "merged"
    assert out["overlaps"] == [
        {"a": "e1", "b": "e3", "minutes": 10.0},
        {"a": "e1", "b": "e2", "minutes": 15.0},
        {"a": "e3", "b": "e2", "minutes": 5.0},
    ]


def test_invalid_input_lists_every_problem_and_prints_nothing() -> None:
    done = bill("invalid.json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "invalid.json: policy: timezone: unknown IANA time zone 'Europe/Atlantis'",
        "invalid.json: policy: rounding: must be one of up, nearest, down, got 'sideways'",
        'invalid.json: policy: rate: must be a decimal string like "85.00", got the number 85.5',
        "invalid.json: customer acme: policy.concurrency: company-level only: "
        "set it in the top-level policy",
        "invalid.json: entry e1: start: needs a UTC offset or Z (e.g. +01:00), "
        "got '2026-11-02T09:00:00'",
        "invalid.json: entry e2: end: must be after start",
        "invalid.json: entry e1 (#3): id: duplicate (also entry #1)",
        "invalid.json: entry e1 (#3): billable: must be true or false, got 'no'",
        "invalid.json: entry #4: id: missing",
        "invalid.json: entry #4: end: missing",
    ]


def test_bad_json_names_line_and_column() -> None:
    done = bill("broken_syntax.json")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "broken_syntax.json: line 3, column 37: invalid JSON: "
        "Expecting property name enclosed in double quotes\n"
    )


def test_bad_json_on_standard_input() -> None:
    done = bill("-", stdin=b'{"entries": [}')
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("<stdin>: line 1, column 14: invalid JSON")


def test_missing_file(tmp_path: Path) -> None:
    done = bill(str(tmp_path / "nope.json"))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"{tmp_path / 'nope.json'}: no such file\n"


def test_directory_and_non_utf8_input(tmp_path: Path) -> None:
    done = bill(str(tmp_path))
    assert (done.returncode, done.stdout) == (2, "")
    assert "is a directory" in done.stderr
    latin = tmp_path / "latin1.json"
    latin.write_bytes('{"entries": [{"id": "café"}]}'.encode("latin-1"))
    done = bill(str(latin))
    assert (done.returncode, done.stdout) == (2, "")
    assert "not UTF-8 text" in done.stderr


def test_a_json_value_that_is_not_an_object() -> None:
    done = bill("-", stdin=b"[1, 2]")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "<stdin>: input: top level: must be an object, got a list\n"


def test_empty_entries_give_an_empty_bill() -> None:
    done = bill("-", stdin=b'{"entries": [], "policy": {"currency": "EUR"}}')
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "currency": "EUR",
        "entries": [],
        "overlaps": [],
        "customers": {},
    }


def test_output_survives_awkward_names(tmp_path: Path) -> None:
    awkward = 'Müller "AG"\n}, {'
    doc = {
        "customers": {awkward: {"contract": {"included_minutes": 10, "period": "once"}}},
        "entries": [
            {
                "id": "é1 ,\t",
                "customer": awkward,
                "start": "2026-11-02T09:00:00Z",
                "end": "2026-11-02T09:20:00Z",
            }
        ],
    }
    path = tmp_path / "awkward.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    done = bill(str(path))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["entries"][0]["id"] == "é1 ,\t"
    assert out["customers"][awkward]["amount"] == "28.33"  # 30 − 10 covered = 20 min
    assert out["customers"][awkward]["contract_balance"] == 0.0
    # One entry per line, as the spec shows it.
    assert sum(line.startswith('    {"id": ') for line in done.stdout.splitlines()) == 1


# --- hostile input: exit 2 and one clear line, never a traceback, a hang or unbounded memory ---


def one_line_refusal(done: subprocess.CompletedProcess[str], label: str, message: str) -> None:
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [f"{label}: {message}"]


def test_a_device_is_refused_not_read_for_ever() -> None:
    done = bill("/dev/zero")
    one_line_refusal(
        done,
        "/dev/zero",
        "not a regular file (a device, a FIFO or a socket): give a file, or - and standard input",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "input.json"
    os.mkfifo(fifo)
    done = bill(str(fifo))  # would block in open() for ever without O_NONBLOCK
    assert done.returncode == 2
    assert done.stderr.endswith(
        ": not a regular file (a device, a FIFO or a socket): give a "
        "file, or - and standard input\n"
    )


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: 33 MiB claimed, nothing written
        handle.truncate(MAX_INPUT_BYTES + 1)
    one_line_refusal(bill(str(huge)), str(huge), "larger than 16 MiB, the most read as input")


def test_standard_input_over_the_size_cap_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bill_command, "MAX_INPUT_BYTES", 1024)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b" " * 1025)))
    assert cli.main(["bill", "-"], clock=CLOCK) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        "<stdin>: larger than 1,024 bytes, the most read as input\n",
    )
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"entries": []}' + b" " * 1000))
    )
    assert cli.main(["bill", "-"], clock=CLOCK) == 0


def test_a_dangling_symlink_is_no_such_file(tmp_path: Path) -> None:
    link = tmp_path / "gone.json"
    link.symlink_to(tmp_path / "nowhere.json")
    one_line_refusal(bill(str(link)), str(link), "no such file")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "invalid JSON: nested too deeply"),
        ('{"a":' * 50_000 + "1" + "}" * 50_000, "invalid JSON: nested too deeply"),
        (
            '{"policy": {"increment_minutes": ' + "1" * 5_001 + '}, "entries": []}',
            "policy: increment_minutes: too long: a number of 5,001 characters",
        ),
        (
            '{"policy": {"minimum_minutes": 1' + "0" * 400 + '}, "entries": []}',
            "policy: minimum_minutes: too long: a number of 401 characters",
        ),
        (
            '{"policy": {"rate": "' + "9" * 1_000_000 + '"}, "entries": []}',
            "policy: rate: a number of 1,000,000 characters; at most 32 are read",
        ),
        (
            '{"entries": [{"id": "\\ud800", "customer": "acme", "start": "2026-11-02T09:00:00Z",'
            ' "end": "2026-11-02T09:30:00Z"}]}',
            "entry #1: id: not valid Unicode text: a lone surrogate \\ud800 at character 1",
        ),
        (
            '{"entries": [{"id": "e1", "customer": "acme", "start": "0001-01-01T00:30:00+01:00",'
            ' "end": "2026-11-02T09:30:00Z", "approved": true}]}',
            "entry e1: start: must be between 0001-01-02 and 9999-12-31 (UTC), "
            "got 0001-01-01T00:30:00+01:00",
        ),
        (
            '{"entries": [{"id": "e1", "customer": "acme", "start": "2026-11-02T09:00:00Z",'
            ' "end": "2026-11-02T09:30:00Z", "pauses": [{"start": "2026-11-02T09:20:00Z",'
            ' "end": "2026-11-02T09:40:00Z"}]}]}',
            "entry e1: pauses[0].end: must not be after the entry's end",
        ),
    ],
)
def test_hostile_documents_get_one_clear_line(text: str, message: str) -> None:
    one_line_refusal(bill("-", stdin=text.encode()), "<stdin>", message)


def test_a_lone_surrogate_in_utf8_bytes_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    path.write_bytes(b'{"entries": [{"id": "\xed\xa0\x80"}]}')  # U+D800 encoded anyway
    one_line_refusal(
        bill(str(path)), str(path), "not UTF-8 text (byte 21): invalid continuation byte"
    )


def test_many_overlaps_stream_out_in_the_same_layout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 60 entries at once: 1,770 pairs, more than one write of ROWS_PER_WRITE rows.
    doc = {
        "entries": [
            {
                "id": f"e{i:02d}",
                "customer": f"c{i % 7}",
                "start": "2026-11-02T09:00:00Z",
                "end": f"2026-11-02T09:{10 + i % 50:02d}:00Z",
                "pauses": [{"start": "2026-11-02T09:05:00Z", "end": "2026-11-02T09:06:00Z"}]
                if i % 3 == 0
                else [],
            }
            for i in range(60)
        ]
    }
    path = tmp_path / "dense.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert cli.main(["bill", str(path)], clock=CLOCK) == 0
    out = capsys.readouterr().out
    expected = bill_document(doc)
    assert len(expected["overlaps"]) == 1_770 > bill_command.ROWS_PER_WRITE
    assert out == bill_command.render(expected)  # streamed = rendered whole
    assert json.loads(out) == expected


def test_too_many_overlaps_are_refused_before_any_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(billing_limits, "MAX_OVERLAP_PAIRS", 100)
    same = {"customer": "acme", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00Z"}
    path = tmp_path / "same.json"
    path.write_text(json.dumps({"entries": [{"id": f"e{i}", **same} for i in range(20)]}))
    assert cli.main(["bill", str(path)], clock=CLOCK) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        f"{path}: input: entries: 190 pairs of billable entries overlap (start to end); "
        "a bill lists at most 100"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGPIPE semantics")
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    same = {"customer": "acme", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00Z"}
    path = tmp_path / "dense.json"
    path.write_text(json.dumps({"entries": [{"id": f"e{i}", **same} for i in range(600)]}))
    with subprocess.Popen(
        [sys.executable, "-m", "trayclock", "bill", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.read(100).startswith(b"{")
        child.stdout.close()  # like `| head -c 100`
        errors = child.stderr.read().decode()
        assert child.wait(timeout=EXIT_TIMEOUT_S) == 1
    assert errors == ""
