"""The export CSV never holds a formula, read as Excel reads it with `,` (English) or `;`
(German, French, Dutch list separator) as its separator (issue #12)."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trayclock.cli import main
from trayclock.commands.export import FORMULA_LEADS
from trayclock.domain.clock import ManualClock

CLOCK = ManualClock(datetime(2026, 11, 20, 12, tzinfo=UTC))
EXAMPLES = int(os.environ.get("TRAYCLOCK_FUZZ_EXAMPLES", "30"))
SEPARATORS = (",", ";")
ATTACKS = [
    "fixed;=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "ok; @SUM(1)",
    "a;;+1",
    "note\n=1+1",
    'quoted "x";-2',
    "tab;\t=1",
    "  =indented",
]


def _export_with(tmp_path: Path, notes: list[str], partner: str = "p") -> bytes:
    doc = {
        "policy": {"timezone": "UTC"},
        "entries": [
            {
                "id": f"n{i}",
                "customer": "acme",
                "start": f"2026-11-02T{9 + i % 10:02d}:00:00Z",
                "end": f"2026-11-02T{9 + i % 10:02d}:30:00Z",
                "notes": note,
                "partner_name": partner,
            }
            for i, note in enumerate(notes)
        ],
    }
    path = tmp_path / "d.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["entries", "import", str(path), "--replace-policy"], clock=CLOCK) == 0
    out = tmp_path / "out.csv"
    args = ["export", "--from", "2026-11-02", "--to", "2026-11-02", "-o", str(out)]
    assert main(args, clock=CLOCK) == 0
    return out.read_bytes()


def _formula_cells(data: bytes, separator: str) -> list[str]:
    """Every field a spreadsheet splitting on `separator` would read as a formula."""
    text = data.decode("utf-8-sig")
    found = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=separator):
        for field in row:
            if field.lstrip(" ")[:1] in FORMULA_LEADS:
                found.append(field)
    return found


@pytest.mark.parametrize("separator", SEPARATORS)
def test_known_attacks_are_no_formula_for_either_separator(tmp_path: Path, separator: str) -> None:
    data = _export_with(tmp_path, ATTACKS, partner="=evil;=cmd")
    assert _formula_cells(data, separator) == []


def test_the_comma_reader_still_gets_the_note_back_readably(tmp_path: Path) -> None:
    data = _export_with(tmp_path, ["fixed;=cmd|' /C calc'!A0", "plain; fine"])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["notes"] for row in rows] == ["fixed;'=cmd|' /C calc'!A0", "plain; fine"]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="TRAYCLOCK_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(
    notes=st.lists(
        st.text(alphabet=st.sampled_from(list("=+-@\t\r\n;,\" 'aZ1|!")), max_size=30),
        min_size=1,
        max_size=5,
    )
)
def test_no_note_becomes_a_formula(tmp_path: Path, notes: list[str]) -> None:
    data = _export_with(tmp_path, notes)
    for separator in SEPARATORS:
        assert _formula_cells(data, separator) == [], (separator, notes)
