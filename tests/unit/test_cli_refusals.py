"""Issue #12's tracebacks, each now a clear refusal: one line naming the problem, the
contract's status (2 bad input, 1 the store could not), and nothing stored changed."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli_support import store_state
from trayclock.cli import main
from trayclock.config import paths
from trayclock.domain.clock import ManualClock
from trayclock.store import db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"
CLOCK = ManualClock(datetime(2026, 11, 20, 12, tzinfo=UTC))


def _entry(entry_id: str, **extra: object) -> dict[str, object]:
    return {
        "id": entry_id,
        "customer": "acme",
        "start": "2026-11-02T09:00:00Z",
        "end": "2026-11-02T10:00:00Z",
        **extra,
    }


def _doc_file(tmp_path: Path, *entries: dict[str, object], name: str = "doc.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"entries": list(entries)}), encoding="utf-8")
    return path


def _err_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.splitlines()


@pytest.fixture
def stored() -> str:
    """A store with the November fixture in it; its digest before the test acts."""
    assert main(["entries", "import", str(FIXTURES / "november.json")], clock=CLOCK) == 0
    return store_state()


def test_deep_json_is_one_line(
    tmp_path: Path, stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    capsys.readouterr()
    assert main(["entries", "import", str(deep)]) == 2
    assert _err_lines(capsys) == [f"{deep}: invalid JSON: nested too deeply"]
    assert store_state() == stored


def test_a_number_of_thousands_of_digits_is_refused_naming_its_field(
    tmp_path: Path, stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.json"
    entry = json.dumps(_entry("big"))[:-1] + ', "billable": ' + "9" * 5001 + "}"
    huge.write_text('{"entries": [' + entry + "]}", encoding="utf-8")
    capsys.readouterr()
    assert main(["entries", "import", str(huge)]) == 2
    err = _err_lines(capsys)
    assert err[0].startswith(f"{huge}: entry big: billable:"), err
    assert "5,001 characters" in err[0] and err[-1] == f"{huge}: nothing was imported"
    assert store_state() == stored


def test_the_same_uuid_spelled_twice_is_refused(
    tmp_path: Path, stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lower = "6f1c7e2a-3b0d-4c55-9a7e-1d2b3c4d5e6f"
    braced = "{6F1C7E2A3B0D4C559A7E1D2B3C4D5E6F}"
    doc = _doc_file(tmp_path, _entry(lower), _entry(braced))
    capsys.readouterr()
    assert main(["entries", "import", str(doc)]) == 2
    assert _err_lines(capsys) == [
        f"{doc}: entry {braced}: id: the same entry as entry {lower} (#1): both are uuid {lower}",
        f"{doc}: nothing was imported",
    ]
    assert store_state() == stored


@pytest.mark.parametrize("field", ["notes", "partner_name", "ticket", "partner_id"])
def test_lone_surrogates_in_the_stores_text_are_refused(
    field: str, tmp_path: Path, stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        '{"entries": [' + json.dumps(_entry("a"))[:-1] + f', "{field}": "ok \\ud800"' + "}]}",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["entries", "import", str(path)]) == 2
    assert _err_lines(capsys) == [
        f"{path}: entry a: {field}: not valid Unicode text: a lone surrogate \\ud800 at "
        "character 4",
        f"{path}: nothing was imported",
    ]
    assert store_state() == stored


def test_a_lone_surrogate_in_an_id_or_a_customer_is_refused(
    tmp_path: Path, stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for raw in ('"id": "x\\udc80"', '"id": "c", "customer": "acme\\udc80"'):
        path = tmp_path / "s.json"
        body = '"start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00Z"'
        path.write_text('{"entries": [{' + raw + ', "customer": "acme", ' + body + "}]}")
        if "customer" in raw:
            path.write_text('{"entries": [{' + raw + ", " + body + "}]}")
        capsys.readouterr()
        assert main(["entries", "import", str(path)]) == 2
        err = _err_lines(capsys)
        assert "Unicode" in err[0] and err[-1] == f"{path}: nothing was imported", err
    assert store_state() == stored


def test_a_csv_cell_over_the_csv_modules_limit_names_its_line(
    tmp_path: Path, stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.csv"
    path.write_text("name,rate\nGood,90.00\n" + "x" * 140_000 + ",90.00\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["customers", "import", str(path)]) == 2
    assert _err_lines(capsys) == [
        f"{path}: line 3: a cell of more than 131,072 characters",
        f"{path}: nothing was imported",
    ]
    assert store_state() == stored


def test_an_unterminated_quote_is_refused_naming_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: the rest of the file became ACME's partners cell and the import said exit 0.
    empty = store_state()
    path = tmp_path / "c.csv"
    path.write_text('name,rate\nACME,"95.00\nBeta Bakery,80.00\nGamma,70.00\n', encoding="utf-8")
    assert main(["customers", "import", str(path)]) == 2
    assert _err_lines(capsys) == [
        f'{path}: line 2: a quote (") opened here is never closed: the rest of the file '
        "would be one cell",
        f"{path}: nothing was imported",
    ]
    assert store_state() == empty  # nothing stored


def test_a_quote_closed_lines_later_is_refused_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.csv"
    path.write_text('name,rate\n"ACME,95.00\nBeta Bakery",80.00\nGamma,70.00\n')
    assert main(["customers", "import", str(path)]) == 2
    err = _err_lines(capsys)
    assert err[0].startswith(f'{path}: line 2: a quote (") opened on this line is closed only')
    assert "line 3" in err[0]


@pytest.mark.parametrize("target", ["folder", "missing/x.csv", "x.csv/"])
def test_export_to_a_folder_or_into_a_missing_one_is_one_line(
    target: str, tmp_path: Path, stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "folder").mkdir()
    out = f"{tmp_path}/{target}"  # a trailing slash kept as typed
    capsys.readouterr()
    args = ["export", "--from", "2026-11-01", "--to", "2026-11-30", "-o", out]
    assert main(args) == 2
    (line,) = _err_lines(capsys)
    assert line.startswith(f"-o {out}: ")
    assert "folder" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]  # nothing left behind


def test_export_replaces_an_older_file_whole(tmp_path: Path, stored: str) -> None:
    out = tmp_path / "month.csv"
    out.write_text("last month's export\n")
    out.chmod(0o640)
    args = ["export", "--from", "2026-11-01", "--to", "2026-11-30", "-o", str(out)]
    assert main(args) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfuuid,date,")
    assert out.stat().st_mode & 0o777 == 0o640  # its mode kept
    assert [p.name for p in tmp_path.iterdir()] == ["month.csv"]


def test_entries_list_into_head_ends_quietly(tmp_path: Path) -> None:
    day = datetime(2026, 11, 2, tzinfo=UTC)
    many = [
        _entry(
            f"e{i}",
            partner_name="x" * 60,
            start=(day + timedelta(seconds=50 * i)).isoformat(),
            end=(day + timedelta(seconds=50 * i + 30)).isoformat(),
        )
        for i in range(1500)
    ]
    doc = _doc_file(tmp_path, *many)
    assert main(["entries", "import", str(doc)], clock=CLOCK) == 0
    command = [
        sys.executable,
        "-m",
        "trayclock",
        "entries",
        "list",
        "--date",
        "2026-11-02",
        "--tz",
        "UTC",
    ]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()  # what `| head -1` does once it has its line
    status = child.wait(timeout=60)
    err = child.stderr.read().decode()
    child.stderr.close()
    assert first.startswith(b"Monday 2026-11-02: 1500 entries")
    assert (status, err) == (0, ""), err


def test_a_dangling_symlink_as_the_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = paths().ensure().database
    target = tmp_path / "unmounted" / "trayclock.sqlite3"
    database.symlink_to(target)
    assert main(["customers", "list"]) == 1
    (line,) = _err_lines(capsys)
    assert line.startswith(f"trayclock: {database}: a symbolic link to {target}, which does")
    assert "drive not mounted" in line
    assert database.is_symlink() and not target.parent.exists()


def test_a_zero_length_database_is_refused_not_made_anew(
    capsys: pytest.CaptureFixture[str],
) -> None:
    database = paths().ensure().database
    database.write_bytes(b"")
    assert main(["customers", "list"]) == 1
    (line,) = _err_lines(capsys)
    assert line.startswith(f"trayclock: {database}: the database file is empty (0 bytes)")
    assert "did not change it" in line
    assert database.read_bytes() == b""


def test_the_disk_filling_during_an_import_keeps_the_store_as_it_was(
    tmp_path: Path, stored: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_connect = db.connect

    def full_disk(path: Path | None = None, **kwargs: bool) -> sqlite3.Connection:
        conn = real_connect(path, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # room for two more pages
        return conn

    monkeypatch.setattr(db, "connect", full_disk)
    big = _doc_file(tmp_path, *(_entry(f"big-{i}", notes="n" * 2000) for i in range(400)))
    capsys.readouterr()
    assert main(["entries", "import", str(big)], clock=CLOCK) == 1
    err = _err_lines(capsys)
    assert len(err) == 2 and err[1] == f"{big}: nothing was imported", err
    assert "cannot grow" in err[0] and "the change was not saved" in err[0]
    assert "corrupted" not in err[0] and "backup" not in err[0]
    assert store_state() == stored


@pytest.fixture
def long_import_holding_the_lock() -> Iterator[None]:
    """Another trayclock in the middle of a long import: it holds the write lock."""
    holder = sqlite3.connect(paths().ensure().database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield
    holder.execute("ROLLBACK")
    holder.close()


def test_a_second_writer_is_told_plainly(
    stored: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    long_import_holding_the_lock: None,
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)  # the test need not wait the real 5 s
    capsys.readouterr()
    assert main(["timer", "start", "--note", "call"], clock=CLOCK) == 1
    (line,) = _err_lines(capsys)
    assert line.startswith("trayclock: another trayclock (the tray, or a command such as a long")
    assert "did not finish within 0.2 s; the change was not saved. Try again" in line
    assert store_state() == stored


# Every command that reads a file reads it through the one reader (services/text_files).
READERS = [["entries", "import"], ["customers", "import"], ["settings", "import"], ["bill"]]


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_dev_zero_is_refused_before_it_is_read(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "/dev/zero"]) == 2
    err = _err_lines(capsys)
    assert err[0] == (
        "/dev/zero: not a regular file (a device, a FIFO or a socket): give a file, or - and "
        "standard input"
    ), err


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_a_fifo_is_refused_without_waiting_for_a_writer(command: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    done = threading.Event()
    status: list[int] = []

    def reading() -> None:
        status.append(main([*command, str(fifo)]))
        done.set()

    worker = threading.Thread(target=reading, daemon=True)
    worker.start()
    assert done.wait(30), f"{' '.join(command)} waited for a writer to the FIFO"
    assert status == [2]


def test_an_input_over_the_size_cap_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(33 * 1024 * 1024)  # sparse: the size is what is judged
    assert main(["entries", "import", str(big)]) == 2
    assert main(["customers", "import", str(big)]) == 2
    assert _err_lines(capsys) == [
        f"{big}: larger than 16 MiB, the most read as input",  # a billing document's cap
        f"{big}: larger than 32 MiB, the most read as input",  # a customers CSV's
    ]
