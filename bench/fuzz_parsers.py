"""The long fuzzing run of the log parsers (issue #12): hostile inputs, cost per byte, growth.

Run: .venv/bin/python bench/fuzz_parsers.py [--examples 2000] [--max-run 65536] [--seed N]

The same inputs and measure as tests/unit/test_parser_fuzz.py (tests/parser_fuzz.py), with a
long random budget: for each parser, `--examples` hostile inputs (real lines with runs of up
to `--max-run` characters of one fragment spliced in, random bytes, NUL floods, invalid
UTF-8, white space) fed line by line, then format recognition on the same inputs, then the
growth of the cost per byte from n to 4n open sessions, then `trayclock detect --parse` on
hostile files. Prints the worst cost per byte (x the reference pass over the same bytes,
measured in the same run) with the input that caused it; exits 1 when a bound is broken.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from tests.parser_fuzz import (  # noqa: E402
    APP_OF,
    PARSERS,
    CostMeter,
    HostileInput,
    growth,
    hostile_inputs,
    run_parser,
    run_recognition,
)
from trayclock.cli import main as trayclock_main  # noqa: E402

COST_LIMIT = 100.0
GROWTH_LIMIT = 1.5


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def each_hostile_input(
    kind: str, examples: int, max_run: int, run_seed: int, pieces: int
) -> Callable[[Callable[[HostileInput], None]], Callable[[], None]]:
    """A decorator: run the function on `examples` hostile inputs of `kind`, seeded."""

    def wrap(test: Callable[[HostileInput], None]) -> Callable[[], None]:
        run = given(hostile_inputs(kind, max_run, pieces))(test)
        run = settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(run)
        return seed(run_seed)(run)  # type: ignore[no-any-return]

    return wrap


def fuzz(kind: str, examples: int, max_run: int, run_seed: int) -> tuple[CostMeter, CostMeter]:
    parsing, recognising = CostMeter(), CostMeter()

    @each_hostile_input(kind, examples, max_run, run_seed, 120)
    def run(hostile: HostileInput) -> None:
        lines = hostile.lines
        parsing.ratio(
            lambda: run_parser(kind, lines), hostile.data, limit=COST_LIMIT, label=hostile.label
        )
        recognising.ratio(
            lambda: run_recognition(lines), hostile.data, limit=COST_LIMIT, label=hostile.label
        )

    run()
    return parsing, recognising


def cli_contract(examples: int, max_run: int, run_seed: int) -> tuple[int, int, list[str]]:
    """(files parsed, files refused, contract breaks) of `detect --parse` on hostile files."""
    parsed = refused = 0
    breaks: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.log"
        for index, kind in enumerate(PARSERS):

            @each_hostile_input(kind, examples, max_run, run_seed + index, 60)
            def run(hostile: HostileInput) -> None:
                nonlocal parsed, refused
                path.write_bytes(hostile.data)
                out, err = io.StringIO(), io.StringIO()
                command = ["detect", "--parse", str(path)]
                if (parsed + refused) % 2:  # every other file read as this app's, unrecognised
                    command += ["--app", APP_OF[kind]]  # noqa: B023 (run before kind moves on)
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = trayclock_main(command)
                lines = err.getvalue().strip().splitlines()
                if code == 0 and isinstance(json.loads(out.getvalue()), list):
                    parsed += 1
                elif code == 1 and len(lines) == 1 and str(path) in lines[0]:
                    refused += 1
                else:
                    breaks.append(f"exit {code}, stderr {err.getvalue()[:200]!r}")

            run()
    return parsed, refused, breaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="hostile inputs per parser")
    parser.add_argument("--max-run", type=int, default=65_536, help="longest spliced run")
    parser.add_argument("--sessions", type=int, default=2000, help="n for the n → 4n growth")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} CPUs ({cpu_model()}), load {os.getloadavg()[0]:.1f}, "
        f"Python {sys.version.split()[0]}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, seed {args.seed}"
    )
    failed = False
    started = time.monotonic()
    for kind in PARSERS:
        parsing, recognising = fuzz(kind, args.examples, args.max_run, args.seed)
        print(f"{kind} parser:       {parsing.summary()}")
        print(f"{kind} recognition:  {recognising.summary()}")
        failed |= max(parsing.worst, recognising.worst) > COST_LIMIT
    for kind in PARSERS:
        factor = growth(kind, args.sessions)
        print(f"{kind}: cost per byte x{factor:.2f} from {args.sessions} to 4x as many sessions")
        failed |= factor > GROWTH_LIMIT
    parsed, refused, breaks = cli_contract(max(1, args.examples // 10), args.max_run, args.seed)
    print(
        f"detect --parse: {parsed} hostile files parsed (exit 0), {refused} refused in one line "
        f"(exit 1), {len(breaks)} contract breaks"
    )
    for problem in breaks[:5]:
        print(f"  {problem}")
    failed |= bool(breaks)
    verdict = "BROKEN" if failed else "held"
    print(
        f"total {time.monotonic() - started:.0f} s; bounds (cost <= {COST_LIMIT:g}x the reference,"
        f" growth <= x{GROWTH_LIMIT:g}): {verdict}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
