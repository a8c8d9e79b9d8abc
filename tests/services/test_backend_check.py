"""The settings' Backend tab without Qt: each field's check as typed (the URL by
sync/http.require_safe_url's rule), when a secret must be typed, and what Save stores —
the secret in the real keyring, never in the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.keyring_service import SecretServiceSession
from tests.sync.conftest import secret_service  # noqa: F401
from trayclock.domain.clock import ManualClock
from trayclock.services.backend_check import (
    BackendForm,
    backend_secret,
    backend_url,
    tryton_database,
    tryton_user,
)
from trayclock.services.backend_settings import BackendSettings
from trayclock.services.settings_book import SettingsRefused
from trayclock.store import db, settings
from trayclock.sync.config import BackendConfig
from trayclock.sync.secrets import Secret, open_store

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TRYTON = BackendConfig("tryton", "https://erp.example.com", "acme", "tech")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("https://erp.example.com", "https://erp.example.com"),
        ("  https://erp.example.com/tryton/ ", "https://erp.example.com/tryton/"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_a_safe_address_is_taken(text: str, value: str) -> None:
    assert backend_url(text).value == value


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Type the address"),
        ("http://erp.example.com", "Plain http:// only reaches this computer"),
        ("http://localhost.example.com", "Plain http:// only reaches this computer"),
        ("https://tech:secret@erp.example.com", "Leave the user name and password out"),
        ("erp.example.com", "is not a web address"),
        ("ftp://erp.example.com", "is not a web address"),
        ("http://[::1", "is not a web address"),  # urlsplit's own ValueError
        ("https://erp.example.com/\x00", "is not a web address"),
        ("https://" + "e" * 3000, "is not a web address"),
    ],
)
def test_an_unsafe_or_broken_address_says_why(text: str, words: str) -> None:
    checked = backend_url(text)
    assert checked.value is None
    (problem,) = checked.problems
    assert words in problem.english()
    assert "secret" not in problem.english() or "@" in text  # never quotes a password back


def test_tryton_database_user_and_secret_checks() -> None:
    assert tryton_database(" acme ").value == "acme"
    assert "Type the Tryton database" in tryton_database("").problems[0].english()
    assert "not a Tryton database name" in tryton_database("a/b").problems[0].english()
    assert tryton_user("tech").value == "tech"
    assert "Type the Tryton user" in tryton_user("  ").problems[0].english()
    assert backend_secret(" spaced pw ", required=True).value == " spaced pw "  # kept exactly
    assert backend_secret("", required=False).value == ""
    assert "none is stored" in backend_secret("", required=True).problems[0].english()
    assert "one line" in backend_secret("a\nb", required=True).problems[0].english()


def test_a_new_backend_needs_its_secret_and_the_same_one_does_not() -> None:
    same = BackendForm.of(TRYTON)
    assert same.secret == "" and not same.needs_secret(TRYTON)
    assert same.problems(TRYTON) == [] and not same.changes(TRYTON)
    other_user = BackendForm("tryton", TRYTON.url, "acme", "office")
    assert other_user.needs_secret(TRYTON)
    (problem,) = other_user.problems(TRYTON)
    assert "none is stored" in problem.english()
    assert BackendForm("tryton", TRYTON.url, "acme", "office", "pw").changes(TRYTON)
    assert BackendForm("none").changes(TRYTON) and not BackendForm("none").changes(None)
    # A Kimai at the stored address keeps the options only the command line sets.
    kimai = BackendConfig("kimai", "https://kimai.example", options={"activity_id": 7})
    assert BackendForm("kimai", "https://kimai.example", secret="t").config(kimai) == kimai
    moved = BackendForm("kimai", "https://other.example", secret="t").config(kimai)
    assert moved == BackendConfig("kimai", "https://other.example")
    # Tryton's database and user count only for Tryton.
    hook = BackendForm("webhook", "https://hooks.example/tc", "", "", "s")
    assert hook.problems(None) == [] and hook.config(None) == BackendConfig(
        "webhook", "https://hooks.example/tc"
    )


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = db.connect(tmp_path / "store.sqlite3")
    yield connection
    connection.close()


@pytest.mark.integration
def test_save_puts_the_secret_in_the_keyring_and_the_rest_in_the_store(
    conn: sqlite3.Connection,
    tmp_path: Path,
    secret_service: SecretServiceSession,  # noqa: F811
) -> None:
    book = BackendSettings(conn, ManualClock(NOW))
    secret = "Tc-settings-pw-81x!"
    with pytest.raises(SettingsRefused, match="none is stored"):
        book.save(BackendForm("tryton", TRYTON.url, "acme", "tech"))
    assert book.stored() is None
    book.save(BackendForm("tryton", TRYTON.url, "acme", "tech", secret))
    assert book.stored() == TRYTON
    assert open_store().get(*TRYTON.secret_account()) == Secret(secret)
    assert settings.get(conn, settings.BACKEND) == TRYTON.setting()
    # Saved again without a secret: nothing changes, the keyring keeps it.
    assert book.save(BackendForm.of(TRYTON)) == 0
    assert open_store().get(*TRYTON.secret_account()) == Secret(secret)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in tmp_path.glob("store.sqlite3*"):
        assert secret.encode() not in path.read_bytes(), path.name
    book.save(BackendForm("none"))
    assert book.stored() is None
