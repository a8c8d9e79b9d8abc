"""The store's commands end to end: entries import, export, customers import/list, timer."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trayclock.cli import main
from trayclock.domain.clock import ManualClock
from trayclock.store import audit, customers, db, entries, mappings, settings
from trayclock.store.importing import entry_uuid_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"


def _store() -> sqlite3.Connection:
    return db.connect()


def _export(tmp_path: Path, *extra: str) -> list[dict[str, str]]:
    out = tmp_path / "out.csv"
    args = ["export", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(out), *extra]
    assert main(args) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_entries_import_twice_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    file = str(FIXTURES / "november.json")
    assert main(["entries", "import", file]) == 0
    assert (
        "5 entries created, 0 updated, 0 unchanged; 2 customers created" in capsys.readouterr().out
    )
    assert main(["entries", "import", file]) == 0
    out = capsys.readouterr().out
    assert "0 entries created, 0 updated, 5 unchanged; 0 customers created" in out
    assert "policy replaced" not in out
    conn = _store()
    assert conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 5
    entry = entries.get(conn, entry_uuid_for("nov-1"))
    assert entry is not None and entry.source == "anydesk" and entry.ticket == "T-100"
    assert settings.policy(conn)["timezone"] == "Europe/Berlin"
    beta = customers.by_key(conn, "beta")
    assert beta is not None and beta.contract == {"included_minutes": 20, "period": "once"}


def test_a_corrected_file_updates_with_an_audit_trail(tmp_path: Path) -> None:
    doc = json.loads((FIXTURES / "november.json").read_text(encoding="utf-8"))
    first = tmp_path / "a.json"
    first.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["entries", "import", str(first)]) == 0
    doc["entries"][0]["end"] = "2026-11-02T09:20:00+01:00"
    second = tmp_path / "b.json"
    second.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["entries", "import", str(second)]) == 0
    trail = audit.history(_store(), entry_uuid_for("nov-1"))
    assert (trail[-1].field, trail[-1].new) == ("end", "2026-11-02T08:20:00.000000Z")
    assert trail[-1].reason == f"import {second}"


def test_a_bad_entries_file_imports_nothing_and_names_id_and_field(
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = str(FIXTURES / "entries_bad.json")
    assert main(["entries", "import", file]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f"{file}: entry bad-end: end: must be after start" in err
    assert any(line.startswith(f"{file}: entry bad-start: start:") for line in err)
    assert f"{file}: entry bad-notes: notes: must be text, got int" in err
    assert any(line.startswith(f"{file}: entry bad-source: source:") for line in err)
    assert err[-1] == f"{file}: nothing was imported"
    assert _store().execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0


def test_invalid_json_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"entries": [\n  {"id": "a",}\n]}', encoding="utf-8")
    assert main(["entries", "import", str(bad)]) == 2
    assert f"{bad}: line 2, column" in capsys.readouterr().err


def test_export_csv_is_priced_local_and_utc_and_formula_safe(tmp_path: Path) -> None:
    assert main(["entries", "import", str(FIXTURES / "november.json")]) == 0
    rows = _export(tmp_path)
    by_id = {row["uuid"]: row for row in rows}
    assert len(rows) == 4  # dec-1 is outside the range; nov-4 starts on the 30th (local)
    acme = by_id[entry_uuid_for("nov-1")]
    assert acme["start_local"] == "2026-11-02T09:00:00+01:00"
    assert acme["start_utc"] == "2026-11-02T08:00:00Z"
    assert (acme["customer"], acme["status"], acme["billed_minutes"]) == ("acme", "billed", "30")
    assert (acme["amount"], acme["currency"]) == ("47.50", "EUR")  # 30 min at 95.00
    assert acme["overlap"] == "yes" and acme["partner_name"] == "ACME front desk"
    beta = by_id[entry_uuid_for("nov-2")]
    assert beta["notes"] == "'-1 the cash register"  # never a formula
    assert (beta["covered_minutes"], beta["chargeable_minutes"], beta["amount"]) == (
        "20.00",
        "10.00",
        "14.17",
    )
    assert by_id[entry_uuid_for("nov-4")]["status"] == "non_billable"


def test_export_json_carries_totals_and_overlaps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["entries", "import", str(FIXTURES / "november.json")]) == 0
    capsys.readouterr()
    assert main(["export", "--from", "2026-11-02", "--to", "2026-11-02", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["timezone"] == "Europe/Berlin" and doc["currency"] == "EUR"
    assert [e["uuid"] for e in doc["entries"]] == [entry_uuid_for("nov-1"), entry_uuid_for("nov-2")]
    assert doc["overlaps"] == [
        {"a": entry_uuid_for("nov-1"), "b": entry_uuid_for("nov-2"), "minutes": 6.0}
    ]
    assert doc["customers"]["acme"]["amount"] == "47.50"


def test_export_leaves_discarded_out_and_shows_running(tmp_path: Path) -> None:
    assert main(["entries", "import", str(FIXTURES / "november.json")]) == 0
    conn = _store()
    entries.discard(
        conn, entry_uuid_for("nov-3"), now=db.decode_time("2026-11-20T00:00:00.000000Z")
    )
    conn.close()
    assert entry_uuid_for("nov-3") not in {row["uuid"] for row in _export(tmp_path)}


def test_customers_import_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    file = str(FIXTURES / "customers.csv")
    assert main(["customers", "import", file]) == 0
    assert "4 customers created, 0 updated" in capsys.readouterr().out
    assert main(["customers", "import", file]) == 0
    assert "0 customers created, 4 updated" in capsys.readouterr().out
    conn = _store()
    acme = customers.by_key(conn, "acme")
    assert acme is not None and acme.external_ids == {"kimai": "17"}
    assert acme.policy == {"rate": "95.00", "increment_minutes": 15}
    beta = customers.by_key(conn, "beta")
    assert beta is not None and beta.contract == {"included_minutes": 120, "period": "month"}
    assert customers.by_key(conn, "müller-söhne-kg") is not None
    mapping = mappings.lookup(conn, "teamviewer", "1234567890")
    assert mapping is not None and mapping.customer_id == acme.id
    assert main(["customers", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["key"] for c in listed] == ["sum", "acme", "beta", "müller-söhne-kg"]
    assert main(["customers", "list"]) == 0
    assert "ACME Industries  [2 partners]" in capsys.readouterr().out


def test_customers_csv_with_semicolons_and_decimal_commas() -> None:
    assert main(["customers", "import", str(FIXTURES / "customers_semicolon.csv")]) == 0
    found = customers.by_key(_store(), "semicolon-gmbh")
    assert found is not None and found.policy == {"rate": "80.00", "increment_minutes": 15}


def test_a_bad_customers_csv_names_lines_and_imports_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = str(FIXTURES / "customers_bad.csv")
    assert main(["customers", "import", file]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f"{file}: line 3: name: missing" in err
    assert any(line.startswith(f"{file}: line 4: policy.rate:") for line in err), err
    assert any(line.startswith(f"{file}: line 5: policy.rounding:") for line in err), err
    assert f"{file}: line 6: contract_minutes: must be a number, got 'lots'" in err
    assert any(line.startswith(f"{file}: line 7: partners:") for line in err)
    assert f"{file}: line 8: key: 'good' already on line 2" in err
    assert customers.list_all(_store()) == []


def test_timer_start_stop_add(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["customers", "import", str(FIXTURES / "customers.csv")]) == 0
    assert main(["timer", "start", "--customer", "acme", "--note", "phone call"]) == 0
    assert main(["timer", "stop"]) == 0
    assert main(["timer", "stop"]) == 1
    args = ["timer", "add", "--start", "2026-11-04T10:00+01:00", "--end", "2026-11-04T10:20+01:00"]
    assert main([*args, "--customer", "Beta Bakery", "--ticket", "T-9"]) == 0
    assert main([*args, "--customer", "nobody"]) == 2
    out = capsys.readouterr()
    assert "(20 min) for Beta Bakery" in out.out and "no customer 'nobody'" in out.err
    conn = _store()
    rows = conn.execute('SELECT notes, ticket, "end" IS NOT NULL FROM entries ORDER BY start')
    assert sorted(tuple(r) for r in rows) == [("", "T-9", 1), ("phone call", None, 1)]


def test_a_newer_store_is_refused_by_the_cli(
    private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = db.default_path()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 5}")
    raw.close()
    before = path.read_bytes()
    assert main(["customers", "list"]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "newer" in err
    assert path.read_bytes() == before


def test_the_installed_command_runs_as_a_process(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "november.json", tmp_path / "n.json")
    command = [sys.executable, "-m", "trayclock", "entries", "import", str(tmp_path / "n.json")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "5 entries created" in done.stdout


def test_export_keeps_non_ascii_and_lists_a_running_timer_unpriced(tmp_path: Path) -> None:
    assert main(["entries", "import", str(FIXTURES / "november.json")]) == 0
    rows = {row["uuid"]: row for row in _export(tmp_path)}
    assert rows[entry_uuid_for("nov-3")]["notes"] == "Kassensystem Müller, Zürich"
    # A day the fixture has no entry on, whatever today is: the timer is alone in it.
    clock = ManualClock(datetime(2026, 11, 19, 14, 5, tzinfo=UTC))
    assert main(["timer", "start", "--note", "call"], clock=clock) == 0
    out = tmp_path / "today.csv"
    args = ["export", "--from", "2026-11-19", "--to", "2026-11-19", "--tz", "UTC", "-o", str(out)]
    assert main(args, clock=clock) == 0
    (running,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert (running["status"], running["end_utc"], running["amount"]) == ("running", "", "")


def test_an_empty_range_exports_just_the_header(tmp_path: Path) -> None:
    assert _export(tmp_path) == []
    assert main(["export", "--from", "2026-11-30", "--to", "2026-11-01"]) == 2


def test_entries_list_shows_the_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entries", "import", str(FIXTURES / "november.json")]) == 0
    capsys.readouterr()
    assert main(["entries", "list", "--date", "2026-11-02"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "Monday 2026-11-02: 2 entries, times in Europe/Berlin, the company's time zone "
        "(--tz to change)"
    )
    assert lines[1].split() == [
        "start",
        "end",
        "min",
        "flags",
        "source",
        "customer",
        "partner",
        "entry",
    ]
    acme = lines[2].split()
    assert acme[:6] == ["09:00", "09:16", "16", "!", "anydesk", "acme"]
    assert "ACME front desk (123 456 789)" in lines[2]
    assert lines[-1] == "flags: ! overlaps another customer's entry"
