"""Issue #9, the command line as a new technician meets it: partners never move silently,
names find their customer, CSVs as spreadsheets write them, a second import keeps the
company's policy, lists that say what they show, one timer at a time, words for people."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli_support import store_state
from trayclock.cli import main
from trayclock.domain.clock import ManualClock
from trayclock.domain.partner_id import group_id
from trayclock.store import customers, db, entries, mappings, settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"
CLOCK = ManualClock(datetime(2026, 11, 20, 12, tzinfo=UTC))


def _csv(tmp_path: Path, text: str, name: str = "c.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _out(capsys: pytest.CaptureFixture[str]) -> tuple[list[str], list[str]]:
    captured = capsys.readouterr()
    return captured.out.splitlines(), captured.err.splitlines()


# --- 6: a known partner never moves silently -------------------------------------------------


def test_moving_a_known_partner_is_refused_then_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["customers", "import", str(FIXTURES / "customers.csv")]) == 0
    other = _csv(tmp_path, "name,partners\nGamma Garage,teamviewer:1234567890\n")
    capsys.readouterr()
    before = store_state()
    assert main(["customers", "import", other]) == 2
    out, err = _out(capsys)
    assert err == [
        f"{other}: line 2: partners: teamviewer 1 234 567 890 is ACME Industries's [acme]; "
        "moving it to Gamma Garage needs --move-partners",
        f"{other}: nothing was imported",
    ]
    assert store_state() == before  # not even Gamma Garage was created
    assert main(["customers", "import", other, "--move-partners"]) == 0
    out, _ = _out(capsys)
    assert out == [
        f"{other}: 1 customer created, 0 updated",
        f"{other}: moved partner teamviewer 1 234 567 890 from ACME Industries [acme] to "
        "Gamma Garage [gamma-garage]",
    ]
    conn = db.connect()
    gamma = customers.by_key(conn, "gamma-garage")
    mapping = mappings.lookup(conn, "teamviewer", "1234567890")
    assert gamma is not None and mapping is not None and mapping.customer_id == gamma.id


# --- 7: names find their customer, case and accents ignored ----------------------------------


def test_a_name_only_csv_updates_the_customer_not_a_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["customers", "import", str(FIXTURES / "customers.csv")]) == 0
    names = _csv(tmp_path, "Name,Rate\nacme industries,99.00\nMuller & Sohne KG,70.00\n")
    capsys.readouterr()
    assert main(["customers", "import", names]) == 0
    assert _out(capsys)[0] == [f"{names}: 0 customers created, 2 updated"]
    conn = db.connect()
    assert len(customers.list_all(conn)) == 4
    acme = customers.by_key(conn, "acme")
    assert acme is not None and acme.policy == {"rate": "99.00"}
    assert acme.name == "acme industries"  # the file's spelling; the key, entries stay
    müller = customers.by_key(conn, "müller-söhne-kg")
    assert müller is not None and müller.policy == {"rate": "70.00"}


@pytest.mark.parametrize(
    "typed", ["acme", "ACME Industries", "acme  industries", "ÁCME INDUSTRIES"]
)
def test_customer_takes_a_name_or_a_key(typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["customers", "import", str(FIXTURES / "customers.csv")]) == 0
    capsys.readouterr()
    assert main(["timer", "start", "--customer", typed], clock=CLOCK) == 0
    assert _out(capsys)[0][-1].endswith(" for ACME Industries")


def test_an_ambiguous_name_is_refused_naming_the_candidates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two customers whose names differ only in an accent: their keys tell them apart.
    both = _csv(tmp_path, "name,key\nMüller,mueller-a\nMuller,mueller-b\n")
    assert main(["customers", "import", both]) == 0
    capsys.readouterr()
    assert main(["timer", "start", "--customer", "MULLER"], clock=CLOCK) == 2
    assert _out(capsys)[1] == [
        "--customer: 'MULLER' matches 2 customers (Muller [mueller-b], Müller [mueller-a]); "
        "give the key"
    ]
    name_only = _csv(tmp_path, "name,rate\nMÜLLER,80.00\n", name="n.csv")
    assert main(["customers", "import", name_only]) == 2
    assert _out(capsys)[1][0] == (
        f"{name_only}: line 2: name: 'MÜLLER' matches 2 customers (Muller [mueller-b], "
        "Müller [mueller-a]); add a key column to say which"
    )
    same_twice = _csv(tmp_path, "name\nZoë\nZOE\n", name="z.csv")
    assert main(["customers", "import", same_twice]) == 2
    assert "line 3: key: 'zoe' already on line 2" in capsys.readouterr().err


# --- 14: CSVs as people write them --------------------------------------------------------


def test_grouped_partner_ids_and_a_capitalised_header_are_read(tmp_path: Path) -> None:
    text = "Name;Partners;ID:Kimai\nDelta Dental;anydesk:111 222 333 TeamViewer:1 234 567 890;9\n"
    assert main(["customers", "import", _csv(tmp_path, text)]) == 0
    conn = db.connect()
    delta = customers.by_key(conn, "delta-dental")
    assert delta is not None and delta.external_ids == {"kimai": "9"}
    found = {(m.app, m.partner_id) for m in mappings.list_all(conn)}
    assert found == {("anydesk", "111222333"), ("teamviewer", "1234567890")}


def test_customers_list_shows_partners_and_backend_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["customers", "import", str(FIXTURES / "customers.csv")]) == 0
    capsys.readouterr()
    assert main(["customers", "list"]) == 0
    lines = {line.split()[0]: line for line in _out(capsys)[0]}
    assert lines["acme"] == (
        "acme             ACME Industries  [2 partners]  increment_minutes=15, rate=95.00  "
        "backend ids: kimai=17  partners: anydesk 123 456 789, teamviewer 1 234 567 890"
    )
    assert "[1 partner]" in lines["beta"] and "partners: rustdesk 10.0.0.7" in lines["beta"]
    assert main(["customers", "list", "--json"]) == 0
    (acme,) = [c for c in json.loads(capsys.readouterr().out) if c["key"] == "acme"]
    assert acme["external_ids"] == {"kimai": "17"}
    assert acme["partners"] == [
        {"app": "anydesk", "partner_id": "123456789", "partner_name": None},
        {"app": "teamviewer", "partner_id": "1234567890", "partner_name": None},
    ]


def test_problems_come_in_file_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = {
        "entries": [
            {
                "id": "first",
                "customer": "c",
                "start": "2026-11-02T09:00:00Z",
                "end": "x",
                "notes": 5,
            },
            {
                "id": "second",
                "customer": "c",
                "start": "2026-11-02T09:00:00Z",
                "end": "2026-11-02T10:00:00Z",
                "source": "skype",
            },
            {"id": "third", "customer": "c", "start": "bad", "end": "2026-11-02T10:00:00Z"},
        ]
    }
    path = tmp_path / "d.json"
    path.write_text(json.dumps(doc))
    assert main(["entries", "import", str(path)]) == 2
    named = [line.split(": ")[1] for line in capsys.readouterr().err.splitlines()[:-1]]
    assert named == ["entry first", "entry first", "entry second", "entry third"]
    assert main(["customers", "import", str(FIXTURES / "customers_bad.csv")]) == 2
    lines = [line.split(": ")[1] for line in capsys.readouterr().err.splitlines()[:-1]]
    assert lines == sorted(lines, key=lambda where: int(where.split()[1]))


# --- 14: a second import keeps the company's policy ----------------------------------------


def test_a_second_import_with_another_currency_is_refused_then_replaced_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["entries", "import", str(FIXTURES / "november.json")], clock=CLOCK) == 0
    doc = json.loads((FIXTURES / "november.json").read_text(encoding="utf-8"))
    doc["policy"] = {"currency": "USD", "increment_minutes": 6}
    other = tmp_path / "colleague.json"
    other.write_text(json.dumps(doc))
    capsys.readouterr()
    before = store_state()
    assert main(["entries", "import", str(other)], clock=CLOCK) == 2
    assert _out(capsys)[1] == [
        f"{other}: policy: currency: the file says 'USD', the store has 'EUR'",
        f"{other}: policy: the file's company policy differs from the stored one; run again "
        "with --replace-policy to take the file's values (for the fields it names)",
        f"{other}: nothing was imported",
    ]
    assert store_state() == before
    assert main(["entries", "import", str(other), "--replace-policy"], clock=CLOCK) == 0
    assert _out(capsys)[0][-1].endswith("company policy: currency, increment_minutes set")
    policy = settings.policy(db.connect())
    assert (policy["currency"], policy["increment_minutes"]) == ("USD", 6)
    assert (policy["rate"], policy["timezone"]) == ("85.00", "Europe/Berlin")  # kept


def test_an_entries_documents_customer_finds_the_named_one(tmp_path: Path) -> None:
    assert main(["customers", "import", str(FIXTURES / "customers.csv")]) == 0
    doc = {
        "entries": [
            {
                "id": "x1",
                "customer": "ACME Industries",
                "start": "2026-11-03T09:00:00Z",
                "end": "2026-11-03T09:30:00Z",
            }
        ]
    }
    path = tmp_path / "d.json"
    path.write_text(json.dumps(doc))
    assert main(["entries", "import", str(path)], clock=CLOCK) == 0
    conn = db.connect()
    assert len(customers.list_all(conn)) == 4  # no second ACME
    (entry,) = entries.of_day(conn, datetime(2026, 11, 3).date(), UTC)
    acme = customers.by_key(conn, "acme")
    assert acme is not None and entry.customer_id == acme.id


# --- 14: entries list says what it shows ---------------------------------------------------


def test_entries_list_without_a_company_zone_says_it_is_this_computers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        main(
            [
                "timer",
                "add",
                "--start",
                "2026-11-04T10:00+00:00",
                "--end",
                "2026-11-04T10:12:31+00:00",
                "--customer",
                "x",
            ],
            clock=CLOCK,
        )
        == 2
    )
    assert main(["customers", "import", str(FIXTURES / "customers.csv")]) == 0
    capsys.readouterr()
    assert main(["entries", "list", "--date", "2026-11-19"], clock=CLOCK) == 0
    (line,) = _out(capsys)[0]
    assert line.startswith("Thursday 2026-11-19: 0 entries, times in this computer's time zone")


# --- 14: one manual timer at a time --------------------------------------------------------


def test_starting_a_second_timer_stops_the_first(capsys: pytest.CaptureFixture[str]) -> None:
    clock = ManualClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    assert main(["timer", "start", "--note", "call A"], clock=clock) == 0
    (first,) = _out(capsys)[0]
    clock.advance(timedelta(minutes=12, seconds=35))
    assert main(["timer", "start", "--note", "call B"], clock=clock) == 0
    stopped, started = _out(capsys)[0]
    assert (
        stopped == first.replace("started", "stopped") + " (13 min) (only one timer runs at a time)"
    )
    assert started.startswith("started ")
    conn = db.connect()
    (running,) = [e for e in entries.running(conn) if e.manual]
    assert running.notes == "call B"
    clock.advance(timedelta(minutes=1))
    assert main(["timer", "stop"], clock=clock) == 0
    assert _out(capsys)[0] == [started.replace("started", "stopped") + " (1 min)"]
    assert main(["timer", "stop"], clock=clock) == 1


# --- 17: words for people ----------------------------------------------------------------


def test_one_is_singular() -> None:
    from trayclock.commands.wording import count, minutes_text

    assert [count(n, "customer") for n in (0, 1, 2)] == ["0 customers", "1 customer", "2 customers"]
    assert count(1, "entry", "entries") == "1 entry"
    assert [minutes_text(timedelta(seconds=s)) for s in (0, 29, 30, 756, 3899)] == [
        "0 min",
        "0 min",
        "1 min",
        "13 min",
        "1 h 05 min",
    ]
    assert [group_id(i) for i in ("123456789", "1234567890", "1234", "10.0.0.7")] == [
        "123 456 789",
        "1 234 567 890",
        "1234",
        "10.0.0.7",
    ]
