"""The sync command lines as a script runs them (real child processes), against a real Tryton
and a real Secret Service: the password round-trips through `backend configure
--password-stdin` and a later `sync`, and its text is nowhere else — not in the data folder,
the logs, nor any command's output — also after a failed login; configuring again lifts the
pause. `submit` refuses open entries unless --force; `entries discard` reaches Tryton."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.keyring_service import SecretServiceSession
from tests.tryton.fixtures import StartTryton
from tests.tryton.server import TrytonServer
from tests.tryton.sync_support import POLICY, T0
from trayclock.config import paths
from trayclock.domain.entry import EndReason, Entry
from trayclock.store import customers as customers_repo
from trayclock.store import db, entries, settings
from trayclock.sync import tryton_lines as lines
from trayclock.sync.tryton_rpc import TrytonRPC

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
COMMAND_TIMEOUT_S = 180.0
WRONG_PASSWORD = "wrong-Pw-5u7q-never-shown"


@dataclass
class Ran:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, *args: str, stdin: str = "") -> Ran:
        done = subprocess.run(
            [sys.executable, "-m", "trayclock", *args],
            input=stdin, capture_output=True, text=True, cwd=ROOT, env=dict(os.environ),
            timeout=COMMAND_TIMEOUT_S, check=False,
        )  # fmt: skip
        self.texts += [done.stdout, done.stderr]
        return Ran(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def fresh_tryton(start_tryton: StartTryton) -> TrytonServer:
    """A server of its own: failed logins slow Tryton's next logins for that user."""
    return start_tryton()


def configure(cli: Cli, server: TrytonServer, password: str) -> Ran:
    return cli(
        "backend", "configure", "tryton", "--url", server.url, "--database", server.database,
        "--user", server.user, "--password-stdin", stdin=password + "\n",
    )  # fmt: skip


def test_the_password_round_trips_through_the_keyring_and_is_nowhere_else(
    secret_service: SecretServiceSession, fresh_tryton: TrytonServer, private_home: Path
) -> None:
    server = fresh_tryton
    password = server.password
    rpc = TrytonRPC(server.url, server.database, server.user, password)
    conn = db.connect(paths().ensure().database)
    settings.set_policy(conn, POLICY, now=T0)
    acme = customers_repo.upsert(conn, "acme", "ACME Keyring GmbH", now=T0).id
    made = [
        entries.insert(conn, e, reason="test", now=T0)
        for e in (
            _entry(acme, T0, 30),
            _entry(acme, T0 + timedelta(hours=1), 45),
            _entry(None, T0 + timedelta(hours=3), 20),  # no customer: submit stops at it
        )
    ]
    conn.close()
    cli = Cli()

    done = configure(cli, server, password)
    assert done.code == 0, done.err
    assert "Secret Service" in done.out
    refused = cli("submit", "--from", "2026-11-02", "--to", "2026-11-02")
    assert refused.code == 1 and made[2].uuid in refused.err and "no customer" in refused.err
    assert cli("submit", "--from", "2026-11-02", "--to", "2026-11-02", "--force").code == 0
    dry = cli("sync", "--dry-run")
    assert dry.code == 1 and dry.out.count("would create") == 2
    done = cli("sync")
    assert done.code == 0, done.out + done.err
    assert "2 sent" in done.out
    assert cli("sync", "--dry-run").code == 0
    for entry in made[:2]:
        assert len(rpc.search_read(lines.MODEL, lines.marker_domain([entry.uuid]), ["id"])) == 1
    tested = cli("backend", "test")
    assert tested.code == 0 and "Tryton 8.2" in tested.out
    shown = cli("backend", "show")
    assert shown.code == 0 and "stored in the OS keyring" in shown.out

    # A wrong password: the login is refused, sync pauses and says so; an edit waits.
    assert configure(cli, server, WRONG_PASSWORD).code == 0
    conn = db.connect(paths().ensure().database)
    entries.edit(conn, made[0].uuid, {"notes": "after the password change"}, now=T0)
    conn.close()
    failed = cli("sync")
    assert failed.code == 1
    assert "needs_password" in failed.err and made[0].uuid in failed.err
    said = f"Tryton refused the login of user {server.user} to {server.database}"  # English
    assert f"tryton is paused (needs_password): {said}" in failed.err
    assert cli("backend", "test").code == 1
    assert f"paused (needs_password): {said}" in cli("backend", "show").out
    discarded = cli("entries", "discard", made[1].uuid)
    assert discarded.code == 0

    # Configured again with the right one: the pause is lifted, everything goes out.
    assert configure(cli, server, password).code == 0
    done = cli("sync")
    assert done.code == 0, done.err
    assert rpc.search_read(lines.MODEL, lines.marker_domain([made[1].uuid]), ["id"]) == []
    (line,) = rpc.search_read(lines.MODEL, lines.marker_domain([made[0].uuid]), ["description"])
    assert "after the password change" in str(line["description"])
    invoiced = cli("invoice", "--month", "2026-11")
    assert invoiced.code == 0, invoiced.err
    assert "created" in invoiced.out and "=" in invoiced.out
    again = cli("invoice", "--month", "2026-11", "--customer", "acme")
    assert again.code == 0 and "brought up to date" in again.out
    locked = cli("entries", "discard", made[0].uuid)  # invoiced: its existence is billed
    assert locked.code == 1 and "invoiced in tryton" in locked.err

    for secret in (password, WRONG_PASSWORD):
        shown_with = [t for t in cli.texts if secret in t]
        assert not shown_with, f"{secret[:4]}… shown by a command"
        for path in (p for p in private_home.rglob("*") if p.is_file()):
            assert secret.encode() not in path.read_bytes(), f"{secret[:4]}… in {path}"
    assert any(p.suffix == ".sqlite3" for p in private_home.rglob("*"))


def test_bad_input_names_the_field_and_changes_nothing(
    secret_service: SecretServiceSession,
) -> None:
    cli = Cli()
    cases = [
        (["backend", "configure", "tryton", "--url", "http://erp.example.com", "--database",
          "d", "--user", "u", "--password-stdin"], "--url"),
        (["backend", "configure", "tryton", "--url", "https://erp.example.com", "--database",
          "a/b", "--user", "u", "--password-stdin"], "--database"),
        (["backend", "configure", "webhook", "--url", "https://h.example", "--secret-stdin"],
         "--secret-stdin"),
        (["submit", "--from", "2026-13-01", "--to", "2026-11-02"], "--from"),
        (["submit", "--from", "2026-11-03", "--to", "2026-11-02"], "--to"),
        (["invoice", "--month", "2026-13"], "--month"),
        (["entries", "discard", "no-such-uuid"], "UUID"),
        (["sync"], "no backend is configured"),
    ]  # fmt: skip
    for args, named in cases:
        done = cli(*args)
        assert done.code == 2, (args, done.err)
        (line,) = done.err.splitlines()
        assert named in line, (args, line)
    assert settings.get(db.connect(paths().ensure().database), settings.BACKEND) is None


def _entry(customer: int | None, start: datetime, minutes: int) -> Entry:
    end = start + timedelta(minutes=minutes)
    return Entry(uuid=entries.new_uuid(), source="manual", start=start, end=end, heartbeat=end,
                 end_reason=EndReason.MANUAL, customer_id=customer)  # fmt: skip
