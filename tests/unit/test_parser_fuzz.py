"""Fuzzing the log parsers and `trayclock detect --parse` (issue #12): hostile bytes in, no
exception out, and a cost per byte bounded against a linear reference pass in the same run.

The inputs and the measure are in tests/parser_fuzz.py. This run has a short budget (a few
seconds, the same examples every time); TRAYCLOCK_FUZZ_LONG=1 makes it long and random, and
bench/fuzz_parsers.py runs it with a report (figures in bench/RESULTS.md). The bounds are
ratios to the reference pass, never wall-clock seconds: a linear parser stays well under
COST_LIMIT (the long run's worst is in RESULTS.md), the backtracking regexes went past 10^5.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.detect_lines import anydesk_request
from tests.parser_fuzz import (
    PARSERS,
    CostMeter,
    HostileInput,
    growth,
    hostile_inputs,
    hostile_texts,
    many_sessions,
    run_parser,
    run_recognition,
)
from trayclock.cli import main
from trayclock.detect.apps.sessionlog import LineResult
from trayclock.detect.parse import parse_file_report

LONG = os.environ.get("TRAYCLOCK_FUZZ_LONG") == "1"
EXAMPLES = 300 if LONG else 20
MAX_RUN = 65_536 if LONG else 4096  # the longest hostile run spliced into a line
MAX_PIECES = 120 if LONG else 24  # lines and blobs per input
GROWTH_SESSIONS = 2000 if LONG else 500
COST_LIMIT = 100.0  # x the reference pass over the same bytes
GROWTH_LIMIT = 1.5  # cost per byte from n to 4n open sessions: linear ~1.0, quadratic ~4
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
METER = CostMeter()


def _cost(work: Callable[[], object], data: HostileInput, what: str) -> None:
    ratio = METER.ratio(work, data.data, limit=COST_LIMIT, label=data.label)
    assert ratio <= COST_LIMIT, (
        f"{what}: {ratio:.0f}x the reference pass on {len(data.data)} bytes ({data.label[:200]})"
    )


TARGETS: dict[str, Callable[[str, list[str]], object]] = {
    "parser": run_parser,
    "format recognition": lambda kind, lines: run_recognition(lines),
}


@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("kind", list(PARSERS))
@FUZZ
@given(st.data())
def test_hostile_bytes_raise_nothing_and_cost_a_bounded_time_per_byte(
    kind: str, target: str, data: st.DataObject
) -> None:
    hostile = data.draw(hostile_inputs(kind, MAX_RUN, MAX_PIECES))
    lines = hostile.lines
    _cost(lambda: TARGETS[target](kind, lines), hostile, f"{kind} {target}")


@settings(FUZZ, max_examples=EXAMPLES * 5)
@given(hostile_texts(MAX_RUN))
def test_any_str_line_even_with_lone_surrogates_is_a_line_result(text: str) -> None:
    for make in PARSERS.values():
        assert make().feed(text) in LineResult


@pytest.mark.parametrize("kind", list(PARSERS))
def test_cost_per_byte_does_not_grow_with_the_sessions_open(kind: str) -> None:
    # Every line of these logs is read while n sessions are open: a parser that looks at
    # each open session per line costs 4x per byte at 4n.
    factor = growth(kind, GROWTH_SESSIONS)
    assert factor <= GROWTH_LIMIT, f"{kind}: cost per byte x{factor:.2f} from n to 4n sessions"
    sessions = run_parser(kind, many_sessions(kind, GROWTH_SESSIONS)).sessions()
    assert len(sessions) == GROWTH_SESSIONS
    assert all(s.end is not None for s in sessions)


# --- `trayclock detect --parse` on hostile files ------------------------------------------


def _parse_cli(path: Path) -> tuple[int, str, str]:
    """`trayclock detect --parse PATH`: exit code, stdout, stderr (captured by hand: pytest's
    capsys does not mix with hypothesis' repeated examples)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["detect", "--parse", str(path)])
    return code, out.getvalue(), err.getvalue()


def _assert_contract(code: int, out: str, err: str, path: Path) -> None:
    """0 and a JSON array of sessions, or 2 (bad input) and one line naming the file; no
    traceback."""
    assert "Traceback" not in err
    if code == 0:
        assert isinstance(json.loads(out), list)
    else:
        assert code == 2, err
        (line,) = err.strip().splitlines()
        assert line.startswith("trayclock detect: ") and str(path) in line, line
        assert out == ""


@settings(FUZZ, max_examples=EXAMPLES * 2)
@given(
    hostile=st.sampled_from(list(PARSERS)).flatmap(lambda k: hostile_inputs(k, MAX_RUN, MAX_PIECES))
)
def test_detect_parse_of_a_hostile_file_exits_by_its_contract(
    hostile: HostileInput, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "hostile.log"
    path.write_bytes(hostile.data)
    code, out, err = _parse_cli(path)
    _assert_contract(code, out, err, path)


def _special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe.log"
    os.mkfifo(fifo)  # opening it would wait for a writer for ever
    folder = tmp_path / "folder.trace"
    folder.mkdir()
    dangling = tmp_path / "dangling.trace"
    dangling.symlink_to(tmp_path / "gone")
    sparse = tmp_path / "huge.trace"
    with open(sparse, "wb") as handle:  # 5 GiB of nothing, sparse: no disk used
        handle.truncate(5 * 1024**3)
    return {
        "a FIFO": fifo,
        "a device that never ends": Path("/dev/zero"),
        "a folder": folder,
        "a dangling link": dangling,
        "a missing file": tmp_path / "missing.trace",
        "a file over the size cap": sparse,
    }


def test_detect_parse_refuses_what_is_no_log_file_in_one_line(tmp_path: Path) -> None:
    for what, path in _special_files(tmp_path).items():
        code, out, err = _parse_cli(path)
        assert code == 2, what
        _assert_contract(code, out, err, path)


def test_a_huge_line_and_a_nul_flood_are_parsed_in_bounded_memory(tmp_path: Path) -> None:
    good = anydesk_request("08:15:01.150", 41, "712345678", day="2026-03-02")
    path = tmp_path / "ad_svc.trace"
    with open(path, "wb") as handle:
        handle.write(good.encode())
        handle.write(b" " * (24 * 1024 * 1024))  # one 24 MiB line of spaces
        handle.write(b"\n" + b"\x00" * (16 * 1024 * 1024) + b"\n")
        handle.write(anydesk_request("08:15:02.400", 43, "845001122", day="2026-03-02").encode())
    tracemalloc.start()
    try:
        report = parse_file_report(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [s.partner_id for s in report.sessions] == ["712345678", "845001122"]
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes for a 40 MiB file"
