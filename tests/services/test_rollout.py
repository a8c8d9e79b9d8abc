"""The company settings file: exported from one store and imported into another, the same
entries get the same prices; importing shows what changes, is all or nothing, and a bad
file is refused naming the file and the field (`trayclock settings`, exit 2)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trayclock.cli import main
from trayclock.domain.clock import ManualClock
from trayclock.services import ui_prefs
from trayclock.services.pricing import price_stored_range
from trayclock.services.rollout import RolloutError, export_document, parse_document_of, read_file
from trayclock.services.rollout_plan import apply_import, plan_import
from trayclock.store import customers, db, mappings, settings
from trayclock.store.db import StoreError
from trayclock.store.importing import import_document

NOW = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
POLICY = {
    "rate": "95.00",
    "currency": "EUR",
    "increment_minutes": 15,
    "minimum_charge": "30.00",
    "timezone": "Europe/Berlin",
    "concurrency": "split",
    "business_hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00",
                       "holidays": ["2026-11-18"]},
    "after_hours_multiplier": "1.5",
}  # fmt: skip
ENTRIES = [
    ("e1", "acme", "2026-11-02T09:00:00+01:00", "2026-11-02T09:40:00+01:00"),
    ("e2", "beta", "2026-11-02T09:20:00+01:00", "2026-11-02T10:05:00+01:00"),
    ("e3", "acme", "2026-11-07T19:30:00+01:00", "2026-11-07T19:52:00+01:00"),  # Saturday
    ("e4", "beta", "2026-11-18T10:00:00+01:00", "2026-11-18T10:50:00+01:00"),  # holiday
    ("e5", "acme", "2026-11-20T14:00:00+01:00", "2026-11-20T14:06:00+01:00"),
]


def company_store(conn: sqlite3.Connection) -> None:
    settings.set_policy(conn, POLICY, now=NOW)
    acme = customers.upsert(
        conn, "acme", "Acme GmbH", now=NOW, policy={"rate": "110.00"},
        contract={"included_minutes": 60, "period": "once"}, external_ids={"kimai": "17"},
    )  # fmt: skip
    beta = customers.upsert(
        conn, "beta", "Bäckerei Beta", now=NOW, policy={"increment_minutes": 10},
        contract={"included_minutes": 30, "period": "month"},
    )  # fmt: skip
    customers.upsert(conn, "old", "Old Customer", now=NOW, archived=True)
    mappings.remember(conn, "anydesk", "482193577", acme.id, partner_name="reception", now=NOW)
    mappings.remember(conn, "teamviewer", "1234567890", beta.id, partner_name=None, now=NOW)
    settings.put(conn, settings.BACKEND, {"name": "kimai", "url": "https://kimai.example"}, now=NOW)


def add_entries(conn: sqlite3.Connection) -> None:
    doc = {
        "entries": [
            {"id": i, "customer": c, "start": s, "end": e, "notes": "secret customer data"}
            for i, c, s, e in ENTRIES
        ]
    }
    import_document(conn, doc, label="entries.json", now=NOW)


def prices(conn: sqlite3.Connection) -> dict[str, tuple[str, str, int]]:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    priced = price_stored_range(conn, start, NOW, now=NOW)
    assert all(row.priced is not None for row in priced.rows)
    return {
        row.entry.uuid: (row.total_key, str(row.priced.amount), row.priced.billed_minutes)
        for row in priced.rows
        if row.priced is not None
    }


@pytest.fixture
def stores(tmp_path: Path):
    first, second = db.connect(tmp_path / "manager.sqlite3"), db.connect(tmp_path / "tech.sqlite3")
    yield first, second
    first.close()
    second.close()


def test_exported_settings_price_the_same_entries_the_same_on_another_store(stores, tmp_path):
    manager, tech = stores
    company_store(manager)
    add_entries(manager)
    path = tmp_path / "company.json"
    path.write_text(json.dumps(export_document(manager, now=NOW)), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert (
        "kimai.example" not in text and "secret customer data" not in text
    )  # no backend, no entries

    apply_import(tech, read_file(path), now=NOW, label=str(path))
    add_entries(tech)
    expected = prices(manager)
    assert len(expected) == len(ENTRIES)
    assert prices(tech) == expected
    assert {m.partner_id: m.partner_name for m in mappings.list_all(tech)} == {
        "482193577": "reception",
        "1234567890": None,
    }
    assert customers.by_key(tech, "old").archived
    assert customers.by_key(tech, "acme").external_ids == {"kimai": "17"}
    assert ui_prefs.ui_settings(tech)["first_start"] == "done"  # the rules came with the file
    assert plan_import(tech, read_file(path)).empty  # a second import changes nothing


def test_the_plan_lists_what_an_import_changes(stores) -> None:
    manager, tech = stores
    company_store(manager)
    # This computer: another rate, a customer the file archives, a partner with someone else,
    # a customer of its own.
    settings.set_policy(tech, {"rate": "85.00", "currency": "EUR"}, now=NOW)
    beta_here = customers.upsert(tech, "beta", "Beta", now=NOW)
    customers.upsert(tech, "old", "Old Customer", now=NOW)
    mine = customers.upsert(tech, "mine", "My Own Customer", now=NOW)
    customers.upsert(tech, "acme-gmbh", "ACME GmbH", now=NOW)
    mappings.remember(tech, "anydesk", "482193577", mine.id, partner_name=None, now=NOW)
    rollout = parse_document_of(export_document(manager, now=NOW), label="company.json")
    plan = plan_import(tech, rollout)
    changed_fields = {c.field: (c.old, c.new) for c in plan.policy}
    assert changed_fields["rate"] == ("85.00", "95.00")
    assert changed_fields["timezone"] == ("UTC", "Europe/Berlin")
    assert "currency" not in changed_fields
    assert [s.key for s in plan.added] == ["acme"]
    assert plan.same_names == (("acme", "acme-gmbh"),)
    (beta,) = plan.changed
    assert beta.key == "beta"
    assert {c.field for c in beta.changes} == {"name", "policy.increment_minutes", "contract"}
    assert [c.key for c in plan.removed] == ["old"]
    (moved,) = plan.partners_moved
    assert (moved.partner_id, moved.old_customer, moved.new_customer) == (
        "482193577", "My Own Customer", "Acme GmbH",
    )  # fmt: skip
    assert [p.partner_id for p in plan.partners_added] == ["1234567890"]
    assert plan.kept_here == ("ACME GmbH", "My Own Customer")
    apply_import(tech, rollout, now=NOW, label="company.json")
    assert customers.get(tech, beta_here.id).name == "Bäckerei Beta"  # same id: entries stay
    assert customers.by_key(tech, "mine") is not None  # kept
    assert (
        mappings.lookup(tech, "anydesk", "482193577").customer_id
        == customers.by_key(tech, "acme").id
    )


def test_an_import_is_all_or_nothing(stores, monkeypatch) -> None:
    manager, tech = stores
    company_store(manager)
    rollout = parse_document_of(export_document(manager, now=NOW), label="company.json")

    def refuse(*args, **kwargs):
        raise StoreError("the disk is full; the change was not saved")

    monkeypatch.setattr(mappings, "remember", refuse)
    with pytest.raises(StoreError):
        apply_import(tech, rollout, now=NOW, label="company.json")
    assert settings.policy(tech) == {}
    assert customers.list_all(tech, include_archived=True) == []
    assert ui_prefs.needs_first_start_setup(tech)


def one(**customer: object) -> dict[str, object]:
    """A file with one customer (key "a", name "A" unless given)."""
    return {"trayclock_settings": 1, "customers": [{"key": "a", "name": "A", **customer}]}


ANYDESK_1 = [{"app": "anydesk", "id": "1"}]
BAD_FILES = [
    ([], "f.json: must be a JSON object, not a list"),
    ({"policy": {}}, "f.json: trayclock_settings: missing: this is not a trayclock settings"),
    ({"trayclock_settings": 2}, "f.json: trayclock_settings: format 2 is newer than this"),
    ({"trayclock_settings": 1, "polcy": {}}, "f.json: polcy: unknown field (known: trayclock_"),
    (
        {"trayclock_settings": 1, "policy": {"rate": 95.5}},
        'f.json: policy: rate: must be a decimal string like "85.00", got the number 95.5',
    ),
    (
        one(policy={"increment_minutes": 0}),
        "f.json: customers[0] (a): policy.increment_minutes: must be more than 0, got 0",
    ),
    (
        one(contract={"included_minutes": 60}),
        "f.json: customers[0] (a): contract.period: missing (once or month)",
    ),
    (one(name=""), "f.json: customers[0] (a): name: must be non-empty text"),
    (
        {
            "trayclock_settings": 1,
            "customers": [{"key": "a", "name": "A"}, {"key": "a", "name": "B"}],
        },
        "f.json: customers[1] (a): key: also customers[0]",
    ),
    (
        one(partners=[{"app": "skype", "id": "1"}]),
        "f.json: customers[0] (a): partners[0].app: must be one of teamviewer, anydesk",
    ),
    (
        {
            "trayclock_settings": 1,
            "customers": [
                {"key": "a", "name": "A", "partners": ANYDESK_1},
                {"key": "b", "name": "B", "partners": ANYDESK_1},
            ],
        },
        "f.json: customers[1] (b): partners: anydesk:1 is also listed for a",
    ),
    (
        one(external_ids={"kimai_token": "x"}),
        "f.json: customers[0].external_ids.kimai_token: looks like a secret; secrets never go",
    ),
]


@pytest.mark.parametrize(("doc", "problem"), BAD_FILES)
def test_a_bad_file_names_the_file_and_the_field(doc, problem) -> None:
    with pytest.raises(RolloutError) as caught:
        parse_document_of(doc, label="f.json")
    assert any(line.startswith(problem) for line in caught.value.problems), caught.value.problems


def test_not_json_or_too_big(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "f.json"
    path.write_text('{"trayclock_settings": 1,\n "policy": }', encoding="utf-8")
    with pytest.raises(RolloutError) as caught:
        read_file(path)
    assert caught.value.problems == [f"{path}: not JSON: line 2 column 12: Expecting value"]
    monkeypatch.setattr("trayclock.services.rollout.MAX_FILE_BYTES", 10)
    with pytest.raises(RolloutError, match="larger than"):
        read_file(path)


# --- the command line --------------------------------------------------------------------------


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["settings", *args], clock=ManualClock(NOW))
    out, err = capsys.readouterr()
    return status, out, err


def test_settings_export_and_import_on_the_command_line(tmp_path, monkeypatch, capsys) -> None:
    manager_home, tech_home = tmp_path / "manager", tmp_path / "tech"
    monkeypatch.setenv("TRAYCLOCK_HOME", str(manager_home))
    conn = db.connect()
    company_store(conn)
    conn.close()
    path = tmp_path / "company.json"
    assert run_cli(capsys, "export", str(path))[0] == 0
    assert json.loads(path.read_text(encoding="utf-8"))["trayclock_settings"] == 1
    assert run_cli(capsys, "export", str(tmp_path / "missing" / "x.json"))[0] == 2

    monkeypatch.setenv("TRAYCLOCK_HOME", str(tech_home))
    status, out, _ = run_cli(capsys, "import", str(path))
    assert status == 0
    assert "policy rate: 85.00 -> 95.00" in out
    assert "customer added: Acme GmbH (acme)" in out
    assert "partner added: anydesk:482193577 -> Acme GmbH" in out
    assert "run again with --yes" in out
    conn = db.connect()
    assert settings.policy(conn) == {}  # asked, not imported
    conn.close()
    status, out, _ = run_cli(capsys, "import", str(path), "--dry-run")
    assert status == 0 and "customer added" in out
    status, out, _ = run_cli(capsys, "import", str(path), "--yes")
    assert status == 0 and out.endswith("imported\n")
    conn = db.connect()
    assert settings.policy(conn) == POLICY
    conn.close()
    status, out, _ = run_cli(capsys, "import", str(path), "--yes")
    assert out.startswith("no changes")

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"trayclock_settings": 1, "policy": {"rounding": "sideways"}}))
    status, out, err = run_cli(capsys, "import", str(bad), "--yes")
    assert status == 2 and out == ""
    assert f"{bad}: policy: rounding: must be one of up, nearest, down, got 'sideways'" in err
    assert err.endswith(f"{bad}: nothing was imported\n")
    status, _, err = run_cli(capsys, "import", str(tmp_path / "nope.json"))
    assert status == 2 and "nope.json: no such file" in err  # the one reader's words
