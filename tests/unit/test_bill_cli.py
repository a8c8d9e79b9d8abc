"""`trayclock bill` through the real CLI in a subprocess: JSON out and exit 0, or exit 2 and why."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "billing"
EXIT_TIMEOUT_S = 60


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
