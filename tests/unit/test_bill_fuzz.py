"""Fuzzing `trayclock bill` and the billing engine with hostile input (issue #12).

Random bytes, NUL floods, huge lines, invalid UTF-8, lone surrogates, the ends of the
calendar, huge and tiny numbers and deep nesting, alone and spliced into documents that are
otherwise valid. Whatever comes in: no exception escapes, the exit status is 0 with a JSON
bill on stdout or 2 with one "INPUT: problem" line per problem on stderr and nothing on
stdout, and each run stays within a memory bound and a time-per-byte bound.

The two bounds are hang guards, not speed claims (those are in bench/): they are 10-50 times
what a run costs, so only a runaway (quadratic parsing, an unbounded list) can break them.

Budget: TRAYCLOCK_FUZZ_EXAMPLES examples per test (default: a short run for every suite,
the same examples each time); set it (e.g. 5000) for a long, freshly random run.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import time
import tracemalloc
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trayclock import cli
from trayclock.domain.billing import BillingInputError, bill_document
from trayclock.domain.billing_limits import load_json
from trayclock.domain.clock import ManualClock

_LONG_RUN = "TRAYCLOCK_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("TRAYCLOCK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not _LONG_RUN,  # the short run is the same every time; a long one explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
CLOCK = ManualClock(datetime(2026, 12, 1, 12, tzinfo=UTC))
SPEC_KEYS = ["currency", "entries", "overlaps", "customers"]
# Hang guards (see the module doc): a run may take this much CPU and Python memory at most.
CPU_BASE_S = 2.0
CPU_PER_BYTE_S = 20e-6  # the bench's worst case (dense overlaps) is ~2 µs per input byte
MEMORY_BASE_BYTES = 64 * 1024 * 1024
MEMORY_PER_BYTE = 50  # parsed JSON is ~10 times its text


@dataclass(frozen=True)
class Raw:
    """JSON text spliced in as it is: numbers json.dumps cannot write, deep nesting."""

    text: str


def to_json(value: Any, ascii_only: bool) -> str:
    """json.dumps for documents holding Raw pieces (flat recursion: documents are shallow)."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        items = (
            f"{json.dumps(k, ensure_ascii=ascii_only)}: {to_json(v, ascii_only)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(item, ascii_only) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


# --- hostile pieces ---------------------------------------------------------------------------

# Lengths where something changes: Decimal's 28 digits, the 32-character cap, int()'s 4,300.
digit_counts = st.one_of(
    st.sampled_from([1, 12, 13, 26, 27, 28, 29, 32, 33, 400, 4_300, 4_301, 5_001]),
    st.integers(1, 6_000),
)
digits = digit_counts.map(lambda n: "9" * n)
huge_numbers = st.one_of(
    digits.map(Raw),
    digits.map(lambda d: Raw("-" + d)),
    st.integers(1, 5_000).map(lambda n: Raw("1" + "0" * n + ".5")),
    st.sampled_from(
        ["1e400", "-1e400", "1e-400", "5e-324", "-0", "0.0", "1E+308", "123.456e-7"]
    ).map(Raw),
    st.sampled_from(["NaN", "Infinity", "-Infinity"]).map(Raw),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=False, allow_infinity=False),
)
decimal_texts = st.one_of(
    digits,
    digits.map(lambda d: d + "." + d),
    st.sampled_from(["", " ", "1e5", "0x10", "١٢٣.٤٥", "+1", "1.", ".5", "-0.00", "00085.00"]),
)
calendar_ends = st.builds(
    lambda year, month, day, clock, zone: f"{year:04d}-{month:02d}-{day:02d}T{clock}{zone}",
    st.sampled_from([1, 2, 1970, 9998, 9999]),
    st.sampled_from([1, 12]),
    st.sampled_from([1, 2, 30, 31]),
    st.sampled_from(["00:00:00", "00:30:00", "23:59:59.999999", "12:00", "24:00:00"]),
    st.sampled_from(
        ["Z", "+00:00", "+01:00", "-05:00", "+14:00", "-23:59", "+23:59:59.999999", ""]
    ),
)
texts = st.one_of(
    st.text(max_size=50),
    st.integers(0, 300_000).map(lambda n: "a" * n),  # a huge line
    st.integers(0, 100_000).map(lambda n: "\x00" * n),  # a NUL flood (escaped in JSON)
    st.sampled_from(["\ud800", "a\udfffb", "\udbff\udc00", "\ufeff", "\u2028", "e1"]),
)
deep = st.integers(1, 120_000).flatmap(
    lambda n: st.sampled_from([Raw("[" * n + "]" * n), Raw('{"a":' * n + "1" + "}" * n)])
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
hostile = st.one_of(huge_numbers, decimal_texts, calendar_ends, texts, deep, json_values)

# Values of the right type at the edge of what each field can hold: they pass a type check,
# so they reach the engine (where 27-digit money and 10^400 minutes used to crash it).
money_texts = st.builds(
    lambda whole, cents: whole + cents, digits, st.sampled_from(["", ".00", ".99", ".5"])
)
powers = st.integers(0, 500).map(lambda k: Raw("1" + "0" * k))
field_extremes: dict[str, st.SearchStrategy[Any]] = {
    "rate": money_texts,
    "minimum_charge": money_texts,
    "after_hours_multiplier": money_texts,
    "increment_minutes": powers,
    "minimum_minutes": powers,
    "after_hours_minimum_minutes": powers,
    "free_under_minutes": st.one_of(powers, huge_numbers),
    "review_over_minutes": st.one_of(powers, huge_numbers),
    "included_minutes": st.one_of(powers, huge_numbers),
    "start": calendar_ends,
    "end": calendar_ends,
    "id": texts,
    "customer": texts,
}


def base_document() -> dict[str, Any]:
    """A valid document touching every field, the ground the mutations are spliced into."""
    return {
        "policy": {
            "rate": "85.00",
            "currency": "EUR",
            "increment_minutes": 15,
            "rounding": "up",
            "free_under_minutes": 3,
            "minimum_minutes": 0,
            "minimum_charge": "25.00",
            "review_over_minutes": 60,
            "business_hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"},
            "after_hours_multiplier": "1.5",
            "after_hours_minimum_minutes": 60,
            "timezone": "Europe/Berlin",
            "concurrency": "bill_each",
        },
        "customers": {
            "acme": {
                "policy": {"rate": "95.00"},
                "contract": {"included_minutes": 600, "period": "month"},
            }
        },
        "entries": [
            {
                "id": "e1",
                "customer": "acme",
                "start": "2026-11-02T09:00:00+01:00",
                "end": "2026-11-02T10:00:00+01:00",
                "pauses": [
                    {"start": "2026-11-02T09:20:00+01:00", "end": "2026-11-02T09:50:00+01:00"}
                ],
                "billable": True,
                "approved": False,
            },
            {
                "id": "e2",
                "customer": "beta",
                "start": "2026-11-02T09:15:00Z",
                "end": "2026-11-02T09:45:00Z",
            },
        ],
    }


def paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the document a value can be replaced."""
    found = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += paths(value, (*prefix, index))
    return found


def replaced(doc: Any, where: tuple[Any, ...], value: Any) -> Any:
    if not where:
        return value
    head, *rest = where
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[head] = replaced(doc[head], tuple(rest), value)
    return copy


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """A valid document with 1-3 of its values (or keys' values) replaced by hostile ones,
    written as UTF-8 (lone surrogates then become invalid bytes) or as ASCII escapes."""
    doc: Any = base_document()
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(doc)))
        doc = replaced(doc, where, draw(hostile))
    if draw(st.booleans()):  # many copies of the entries: size and overlaps
        entries = doc.get("entries") if isinstance(doc, dict) else None
        if isinstance(entries, list):
            doc = {**doc, "entries": entries * draw(st.integers(1, 200))}
    ascii_only = draw(st.booleans())
    text = to_json(doc, ascii_only)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def extreme_documents(draw: st.DrawFn) -> bytes:
    """A valid document with 1-4 fields set to extremes of their own type (see field_extremes)."""
    doc: Any = base_document()
    places = [
        where
        for where in paths(doc)
        if where
        and where[-1] in field_extremes
        and (where[0] == "entries" or where[-1] not in ("start", "end"))  # not business hours
    ]
    for where in draw(st.lists(st.sampled_from(places), min_size=1, max_size=4)):
        doc = replaced(doc, where, draw(field_extremes[where[-1]]))
    return to_json(doc, ascii_only=True).encode()


@st.composite
def damaged_bytes(draw: st.DrawFn) -> bytes:
    """Raw bytes: random, NUL floods, huge lines, a valid document cut or with bytes flipped."""
    valid = to_json(base_document(), ascii_only=False).encode()
    choice = draw(st.integers(0, 5))
    if choice == 0:
        return draw(st.binary(max_size=4_096))
    if choice == 1:
        return b"\x00" * draw(st.integers(0, 2_000_000))
    if choice == 2:
        return b" " * draw(st.integers(0, 1_000_000)) + valid
    if choice == 3:
        return valid[: draw(st.integers(0, len(valid)))]
    if choice == 4:
        position = draw(st.integers(0, len(valid) - 1))
        junk = draw(st.binary(min_size=1, max_size=8))
        return valid[:position] + junk + valid[position:]
    return b"\xef\xbb\xbf" + valid.replace(
        b"acme", draw(st.sampled_from([b"\xff", b"\xed\xa0\x80", b"\xc0\xaf"]))
    )


# --- the harness ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str
    cpu_s: float
    peak_bytes: int


def run_bill(data: bytes, folder: Path) -> Run:
    """`trayclock bill FILE` in this process (fast enough for many examples), measured."""
    path = folder / "input.json"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    tracemalloc.start()
    began = time.process_time()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(["bill", str(path)], clock=CLOCK)
    finally:
        cpu = time.process_time() - began
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return Run(status, out.getvalue(), err.getvalue(), cpu, peak)


def assert_contract(run: Run, data: bytes, label: str) -> None:
    assert run.status in (0, 2), run
    if run.status == 0:
        assert run.err == ""
        assert list(json.loads(run.out)) == SPEC_KEYS
    else:
        assert run.out == ""
        lines = run.err.splitlines()
        assert lines, "exit 2 says why"
        assert run.err.endswith("\n") and "Traceback" not in run.err
        assert all(line.startswith(f"{label}: ") for line in lines), lines[:3]
    assert run.cpu_s <= CPU_BASE_S + CPU_PER_BYTE_S * len(data), (len(data), run.cpu_s)
    assert run.peak_bytes <= MEMORY_BASE_BYTES + MEMORY_PER_BYTE * len(data), (
        len(data),
        run.peak_bytes,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(mutated_documents())
def test_hostile_documents_keep_the_contract(folder: Path, data: bytes) -> None:
    run = run_bill(data, folder)
    assert_contract(run, data, str(folder / "input.json"))


@FUZZ
@given(extreme_documents())
def test_extreme_values_keep_the_contract(folder: Path, data: bytes) -> None:
    run = run_bill(data, folder)
    assert_contract(run, data, str(folder / "input.json"))


@FUZZ
@given(damaged_bytes())
def test_damaged_bytes_keep_the_contract(folder: Path, data: bytes) -> None:
    run = run_bill(data, folder)
    assert_contract(run, data, str(folder / "input.json"))


@settings(FUZZ, max_examples=EXAMPLES * 5)
@given(json_values)
def test_the_engine_raises_nothing_but_billing_input_error(doc: Any) -> None:
    """Any JSON value as a document, or spliced into a valid one, straight into the engine."""
    for candidate in (doc, replaced(base_document(), ("entries", 0, "pauses"), doc)):
        try:
            out = bill_document(candidate)
        except BillingInputError as error:
            assert error.problems and all("\n" not in p for p in error.problems)
        else:
            assert list(out) == SPEC_KEYS


@settings(FUZZ, max_examples=EXAMPLES * 5)
@given(st.sampled_from(paths(base_document())[1:]), hostile)
def test_every_field_takes_every_hostile_value(where: tuple[Any, ...], value: Any) -> None:
    """Each place of the document with each kind of hostile value, through the JSON reader
    the command uses (numbers too long to read stay unconverted)."""
    try:
        doc = load_json(to_json(replaced(base_document(), where, value), ascii_only=True))
    except RecursionError:
        return  # deep nesting: the command's own answer is checked by the tests above
    try:
        out = bill_document(doc)
    except BillingInputError as error:
        assert error.problems
    else:
        assert list(out) == SPEC_KEYS
