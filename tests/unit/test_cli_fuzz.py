"""Fuzzing the store's command line with hostile input (issue #12, item 1: the CLI's share).

`entries import` gets JSON documents (deep nesting, huge numbers, the ends of the calendar
with offsets and zones, lone surrogates, NUL, invalid UTF-8) spliced into otherwise valid
entries; `customers import` gets CSVs (quotes, separators, huge cells, BOMs, NULs); every
argument that takes a date, a time, a zone or a number gets calendar ends, offsets, junk.
Each runs `trayclock.cli.main` in-process with a ManualClock. Whatever comes in: no exception
escapes; the status is 0, or 2 with lines naming the file, line or field; a refusal changes
nothing stored; and what was accepted never makes a later export or listing fail.

Budget: TRAYCLOCK_FUZZ_EXAMPLES examples per test (default: a short run, the same examples
every time); set it (e.g. 2000) for a long, freshly random run. The CPU bound per run is a
hang guard (10-50 times a normal run), not a speed claim: those are in bench/.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.cli_support import store_state
from trayclock.cli import main
from trayclock.commands import arguments
from trayclock.domain.clock import ManualClock

_LONG_RUN = "TRAYCLOCK_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("TRAYCLOCK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not _LONG_RUN,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    database=None,
)
CLOCK = ManualClock(datetime(2026, 11, 20, 12, tzinfo=UTC))
CPU_BASE_S = 5.0
CPU_PER_BYTE_S = 20e-6
MONTH = ["--from", "2026-11-01", "--to", "2026-11-30", "--tz", "Pacific/Kiritimati"]

# --- hostile pieces ---------------------------------------------------------------------------

CALENDAR_ENDS = [
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:30:00+01:00",
    "0001-01-02T00:00:00Z",
    "0001-01-02T00:00:00+14:00",
    "9999-12-31T23:59:59Z",
    "9999-12-31T20:30:00-05:00",
    "9999-12-30T23:00:00-12:00",
    "9999-12-31T00:00:00Z",
    "2026-11-02T09:00:00+23:59",
    "2026-11-02T09:00:00-23:59",
    "2026-11-02T09:00:00",
    "2026-02-30T09:00:00Z",
]
RAW_JSON = [  # spliced in as they are: what json.dumps cannot write
    "[" * 5000 + "]" * 5000,
    "9" * 5001,
    "1" + "0" * 400,
    "1e400",
    "-0.0",
    "NaN",
    '"\\ud800"',
    '"a\\u0000b"',
    '"\\udfff\\ud800"',
    "{}",
    "null",
]
TEXTS = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=40
) | st.sampled_from(["", " ", "\x00", "\ud800", "x" * 5000, "=1+1", "anydesk:1 2 3"])


class Raw(str):
    """JSON text written as it is."""


def to_json(value: Any) -> str:
    """json.dumps, with Raw pieces spliced in (documents are shallow: recursion is fine)."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(to_json, value)) + "]"
    return json.dumps(value)


HOSTILE = st.one_of(
    st.sampled_from(CALENDAR_ENDS),
    st.sampled_from(RAW_JSON).map(Raw),
    TEXTS,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
FIELDS = [
    "id",
    "customer",
    "start",
    "end",
    "billable",
    "approved",
    "source",
    "partner_id",
    "partner_name",
    "ticket",
    "notes",
]


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    count = draw(st.integers(min_value=1, max_value=4))
    raw_entries: list[Any] = []
    for position in range(count):
        entry: dict[str, Any] = {
            "id": f"fz-{position}",
            "customer": draw(st.sampled_from(["acme", "ACME", "Ácme", "beta"])),
            "start": "2026-11-02T09:00:00+01:00",
            "end": "2026-11-02T09:30:00+01:00",
        }
        for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
            entry[name] = draw(HOSTILE)
        raw_entries.append(
            Raw(draw(st.sampled_from(RAW_JSON)))
            if draw(st.booleans()) and position == 0 and draw(st.integers(0, 9)) == 0
            else entry
        )
    doc: dict[str, Any] = {"entries": raw_entries}
    if draw(st.booleans()):
        doc["policy"] = {
            "timezone": draw(st.sampled_from(["UTC", "Europe/Berlin", "Pacific/Kiritimati"]))
        }
    if draw(st.integers(0, 4)) == 0:
        doc["policy"] = {"timezone": draw(HOSTILE), "rate": draw(HOSTILE)}
    data = to_json(doc).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 5)) == 0:  # invalid UTF-8 or a NUL flood, somewhere
        cut = draw(st.integers(0, len(data)))
        data = (
            data[:cut]
            + draw(st.sampled_from([b"\xff", b"\xc3", b"\x00" * 1000, b"\xed\xa0\x80"]))
            + data[cut:]
        )
    return data


CSV_PIECES = st.sampled_from(
    [
        "ACME Industries",
        '"quoted, name"',
        '"unterminated',
        '""',
        '"a""b"',
        "x" * 5000,
        "anydesk:111 222 333",
        "teamviewer:1234567890",
        "skype:1",
        "95,00",
        "95.00",
        "1e400",
        "nan",
        "-5",
        "\x00",
        "Müller",
        "=cmd|' /C calc'!A0",
        "",
        " ",
    ]
)


@st.composite
def customer_csvs(draw: st.DrawFn) -> bytes:
    separator = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(
        st.lists(
            st.sampled_from(
                [
                    "name",
                    "Name",
                    "NAME",
                    "key",
                    "rate",
                    "partners",
                    "id:kimai",
                    "increment_minutes",
                    "contract_minutes",
                    "contract_period",
                    "",
                ]
            ),
            min_size=1,
            max_size=5,
        )
    )
    rows = [
        separator.join(draw(st.lists(CSV_PIECES | TEXTS, max_size=len(header) + 1)))
        for _ in range(draw(st.integers(0, 4)))
    ]
    line_end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = (separator.join(header) + line_end + line_end.join(rows)).encode(
        "utf-8", "surrogatepass"
    )
    prefix = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]))
    if draw(st.integers(0, 19)) == 0:
        text += b"y" * 140_000  # a cell over the csv module's limit
    return prefix + text


# --- the checks ----------------------------------------------------------------------------


def _run(
    capsys: pytest.CaptureFixture[str], argv: list[str], size: int = 0
) -> tuple[int, list[str], str]:
    before = store_state()
    started = time.process_time()
    status = main(argv, clock=CLOCK)
    spent = time.process_time() - started
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert spent < CPU_BASE_S + CPU_PER_BYTE_S * size, (argv[:3], spent)
    assert status in (0, 2), (argv, status, err)
    if status == 2:
        assert err and all(line.strip() for line in err), argv
        assert store_state() == before, f"a refusal changed the store: {argv}"
    return status, err, captured.out


def _later_reads_still_work(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """What was accepted must never make a later export or listing fail."""
    for argv in (
        ["export", *MONTH, "-o", str(tmp_path / "out.csv")],
        ["export", *MONTH, "--format", "json", "-o", str(tmp_path / "out.json")],
        ["entries", "list", "--date", "2026-11-02", "--tz", "Etc/GMT+12"],
    ):
        status, err, _ = _run(capsys, argv)
        assert status == 0, (argv, err)


@FUZZ
@given(data=documents())
def test_entries_import_survives_hostile_documents(
    data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(data)
    status, err, _ = _run(capsys, ["entries", "import", str(path), "--replace-policy"], len(data))
    event(f"import exit {status}")  # --hypothesis-show-statistics: how many got in
    if status == 2:
        assert all(line.startswith(f"{path}: ") for line in err), err
    _later_reads_still_work(capsys, tmp_path)


@FUZZ
@given(data=customer_csvs(), move=st.booleans())
def test_customers_import_survives_hostile_csvs(
    data: bytes, move: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(data)
    argv = ["customers", "import", str(path), *(["--move-partners"] if move else [])]
    status, err, _ = _run(capsys, argv, len(data))
    event(f"import exit {status}")
    if status == 2:
        assert all(line.startswith(f"{path}: ") for line in err), err
    status, err, _ = _run(capsys, ["customers", "list"])
    assert status == 0, err


DATE_TEXTS = st.one_of(
    st.sampled_from(
        [
            "0001-01-01",
            "0001-01-02",
            "0001-01-03",
            "9999-12-29",
            "9999-12-30",
            "9999-12-31",
            "2026-02-29",
            "2026-11-02",
            "20261102",
            "2026-W45-1",
            " 2026-11-02 ",
            "-1",
            "",
        ]
    ),
    st.text(max_size=20),
)
MOMENT_TEXTS = st.one_of(st.sampled_from(CALENDAR_ENDS), DATE_TEXTS)
ZONES = st.one_of(
    st.sampled_from(
        [
            "UTC",
            "Europe/Berlin",
            "Pacific/Kiritimati",
            "Etc/GMT+12",
            "../etc",
            "",
            "\x00",
            "Europe/",
            "\udcff",
            "x" * 300,
        ]
    ),
    st.text(max_size=20),
)


def _named_one_of(err: list[str], options: list[str]) -> bool:
    return len(err) == 1 and any(option in err[0] for option in options)


@FUZZ
@given(day=DATE_TEXTS, zone=st.none() | ZONES)
def test_entries_list_days_and_zones(
    day: str, zone: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["entries", "list", "--date", day, *(["--tz", zone] if zone is not None else [])]
    status, err, _ = _run(capsys, argv)
    assert status == 0 or _named_one_of(err, ["--date", "--tz"]), err


@FUZZ
@given(first=DATE_TEXTS, last=DATE_TEXTS, zone=st.none() | ZONES)
def test_export_days_and_zones(
    first: str, last: str, zone: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", "--from", first, "--to", last, "-o", str(tmp_path / "x.csv")]
    status, err, _ = _run(capsys, [*argv, *(["--tz", zone] if zone is not None else [])])
    assert status == 0 or _named_one_of(err, ["--from", "--to", "--tz"]), err


@pytest.fixture
def acme() -> None:
    path = Path(os.environ["TRAYCLOCK_HOME"]) / "acme.csv"
    path.write_text("name,key\nACME,acme\n", encoding="utf-8")
    assert main(["customers", "import", str(path)]) == 0


@FUZZ
@given(start=MOMENT_TEXTS, end=MOMENT_TEXTS, zone=st.none() | ZONES, note=TEXTS)
def test_timer_add_moments_zones_and_notes(
    start: str,
    end: str,
    zone: str | None,
    note: str,
    acme: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["timer", "add", "--start", start, "--end", end, "--customer", "acme", "--note", note]
    status, err, _ = _run(capsys, [*argv, *(["--tz", zone] if zone is not None else [])])
    event(f"timer add exit {status}")
    assert status == 0 or _named_one_of(err, ["--start", "--end", "--tz", "--note"]), err
    _later_reads_still_work(capsys, tmp_path)


NUMBER_TEXTS = st.one_of(
    st.sampled_from(
        [
            "0",
            "-0",
            "1",
            "nan",
            "inf",
            "-inf",
            "1e400",
            "86400",
            "86400.1",
            "1_0",
            "0x10",
            " 5 ",
            "",
            "9" * 5000,
        ]
    ),
    st.floats().map(repr),
    st.text(max_size=12),
)


@FUZZ
@given(text=NUMBER_TEXTS)
def test_seconds_arguments(text: str) -> None:
    """--interval and --grace (detect) and --step (demo): finite, 0 … a day, or one line."""
    parse: Callable[[str], float] = arguments.seconds
    try:
        value = parse(text)
    except arguments.argparse.ArgumentTypeError as error:
        assert "\n" not in str(error)
    else:
        assert 0 <= value <= arguments.MAX_SECONDS


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("0001-01-01T00:30:00+01:00", "0001-01-01T02:00:00+01:00"),
        ("0001-01-02T00:00:00Z", "0001-01-02T01:00:00Z"),
        ("0001-01-02T10:00:00+14:00", "0001-01-02T11:00:00+14:00"),
        ("9999-12-30T20:00:00Z", "9999-12-30T21:00:00Z"),
        ("9999-12-31T20:30:00-05:00", "9999-12-31T22:00:00-05:00"),
        ("9999-12-31T22:00:00Z", "9999-12-31T23:00:00Z"),
    ],
)
@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Pacific/Kiritimati"])
def test_an_entry_at_a_calendar_end_never_breaks_later_reads(
    start: str, end: str, zone: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = {
        "policy": {
            "timezone": zone,
            "business_hours": {
                "days": [1, 2, 3, 4, 5],
                "start": "08:00",
                "end": "17:00",
                "holidays": [],
            },
        },
        "entries": [{"id": "end", "customer": "acme", "start": start, "end": end}],
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _run(capsys, ["entries", "import", str(path)])
    widest = ["--from", str(arguments.EARLIEST_DAY), "--to", str(arguments.LATEST_DAY)]
    for tz in ("Etc/GMT+12", "Pacific/Kiritimati"):
        for argv in (
            ["export", *widest, "--tz", tz, "-o", str(tmp_path / "all.csv")],
            ["export", *MONTH, "-o", str(tmp_path / "month.csv")],
            ["entries", "list", "--date", str(arguments.EARLIEST_DAY), "--tz", tz],
            ["entries", "list", "--date", str(arguments.LATEST_DAY), "--tz", tz],
        ):
            status, err, _ = _run(capsys, argv)
            assert status == 0, (argv, err)


@pytest.mark.parametrize("start", ["9999-12-30T20:00:00Z", "0001-01-02T10:00:00Z"])
def test_an_hours_bank_with_an_entry_at_a_calendar_end_still_prices_a_month(
    start: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The checkpoints a month needs stop at the last entry's month: one in December 9999
    # once asked for the month after it (year 10000) and made every export a traceback.
    bank = {"included_minutes": 600, "period": "once"}
    doc = {
        "policy": {"timezone": "Etc/GMT+12", "increment_minutes": 15},
        "customers": {"acme": {"contract": bank}},
        "entries": [
            {"id": "oct", "customer": "acme", "start": "2026-10-02T10:00:00Z",
             "end": "2026-10-02T10:40:00Z", "approved": True},
            {"id": "nov", "customer": "acme", "start": "2026-11-03T10:00:00Z",
             "end": "2026-11-03T10:10:00Z", "approved": True},
            {"id": "end", "customer": "acme", "start": start,
             "end": start.replace("T10:", "T11:").replace("T20:", "T21:")},
        ],
    }  # fmt: skip
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert _run(capsys, ["entries", "import", str(path)])[0] == 0
    out = tmp_path / "month.json"
    args = ["export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json"]
    status, err, _ = _run(capsys, [*args, "-o", str(out)])
    assert status == 0, err
    before_november = 0 if start.startswith("9999") else 60  # year 1's hour, in 15s
    left = 600 - before_november - 45 - 15  # October's 40 → 45, November's 10 → 15
    assert (
        json.loads(out.read_text(encoding="utf-8"))["customers"]["acme"]["contract_balance"] == left
    )
