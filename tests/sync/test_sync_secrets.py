"""Secrets live in a real OS keyring only: gnome-keyring's Secret Service in a private D-Bus
session, cross-checked with secret-tool; every failure is one clear KeyringUnavailable; a
plain-text backend is refused and never loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.keyring_service import (
    SecretServiceSession,
    running_secret_service,
    secret_service_env,
)
from trayclock.sync import secrets
from trayclock.sync.secrets import (
    KeyringUnavailable,
    PlaintextKeyringRefused,
    Secret,
    SecretStore,
    open_store,
)

pytestmark = pytest.mark.integration

TRYTON_URL = "https://erp.example.com:8000"
SECRET_TEXT = "correct-horse-battery-staple-7Q"


def secret_tool(service: SecretServiceSession, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["secret-tool", *args],
        env=service.environ(),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_the_account_names_backend_url_and_user() -> None:
    assert secrets.account("tryton", TRYTON_URL + "/", "admin") == f"tryton:{TRYTON_URL}:admin"
    assert (
        secrets.account("kimai", "https://kimai.example.com") == "kimai:https://kimai.example.com:"
    )
    with pytest.raises(ValueError, match="unknown backend 'odoo'"):
        secrets.account("odoo", TRYTON_URL)


def test_a_secret_never_shows_itself() -> None:
    secret = Secret(SECRET_TEXT)
    for shown in (repr(secret), str(secret), f"{secret}", repr([secret]), repr({"k": secret})):
        assert SECRET_TEXT not in shown
    assert secret.reveal() == SECRET_TEXT
    assert secret == Secret(SECRET_TEXT) and secret != Secret("other")
    with pytest.raises(ValueError):
        Secret("")


def test_round_trip_through_the_real_secret_service(secret_service: SecretServiceSession) -> None:
    store = open_store()
    assert store.label == "Secret Service"
    assert store.get("tryton", TRYTON_URL, "admin") is None

    store.set("tryton", TRYTON_URL, "admin", Secret(SECRET_TEXT))
    assert store.get("tryton", TRYTON_URL, "admin") == Secret(SECRET_TEXT)
    looked_up = secret_tool(
        secret_service, "lookup", "service", "trayclock", "username", f"tryton:{TRYTON_URL}:admin"
    )
    assert (looked_up.returncode, looked_up.stdout) == (0, SECRET_TEXT)

    # Configuring again replaces the secret: one item, the new value.
    store.set("tryton", TRYTON_URL, "admin", Secret("second-password"))
    assert store.get("tryton", TRYTON_URL, "admin") == Secret("second-password")
    listed = secret_tool(secret_service, "search", "--all", "service", "trayclock")
    assert listed.stdout.count("secret = ") == 1 and "second-password" in listed.stdout

    # Another backend's secret is separate.
    store.set("kimai", "https://kimai.example.com", "", Secret("kimai-token"))
    assert store.get("tryton", TRYTON_URL, "admin") == Secret("second-password")

    assert store.delete("tryton", TRYTON_URL, "admin") is True
    assert store.get("tryton", TRYTON_URL, "admin") is None
    assert store.delete("tryton", TRYTON_URL, "admin") is False
    assert store.get("kimai", "https://kimai.example.com") == Secret("kimai-token")
    gone = secret_tool(
        secret_service, "lookup", "service", "trayclock", "username", f"tryton:{TRYTON_URL}:admin"
    )
    assert gone.returncode != 0 and gone.stdout == ""


def test_a_secret_written_by_secret_tool_is_read(secret_service: SecretServiceSession) -> None:
    account = secrets.account("webhook", "https://hooks.example.com/in")
    stored = subprocess.run(
        ["secret-tool", "store", "--label=x", "service", "trayclock", "username", account],
        input="from-secret-tool",
        env=secret_service.environ(),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert stored.returncode == 0, stored.stderr
    assert open_store().get("webhook", "https://hooks.example.com/in") == Secret("from-secret-tool")


def test_the_keyring_file_holds_the_secret_encrypted(secret_service: SecretServiceSession) -> None:
    open_store().set("kimai", "https://kimai.example.com", "", Secret(SECRET_TEXT))
    files = secret_service.keyring_files()
    assert files, "gnome-keyring wrote no keyring file"
    for path in files:
        assert SECRET_TEXT.encode() not in path.read_bytes()


@pytest.mark.parametrize("how", ["never unlocked", "wrong unlock password"])
def test_a_locked_keyring_is_the_clear_error_on_get_and_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    folder = tmp_path / "keyring"
    if how == "wrong unlock password":
        with running_secret_service(folder) as first:  # creates the login keyring
            secret_service_env(monkeypatch, first)
            open_store().set("kimai", "https://kimai.example.com", "", Secret("before"))
    with running_secret_service(
        folder, unlock=how == "wrong unlock password", password="not-the-password"
    ) as locked:
        secret_service_env(monkeypatch, locked)
        store = open_store()  # the service answers; its collection is locked
        with pytest.raises(KeyringUnavailable, match="unlock it") as on_get:
            store.get("kimai", "https://kimai.example.com")  # never a silent None
        with pytest.raises(KeyringUnavailable, match="unlock it") as on_set:
            store.set("kimai", "https://kimai.example.com", "", Secret(SECRET_TEXT))
    for error in (on_get.value, on_set.value):
        assert SECRET_TEXT not in str(error) and SECRET_TEXT not in repr(error)
        assert error.__cause__ is None and error.__suppress_context__


@pytest.mark.parametrize("address", [None, "unix:path=/nonexistent/trayclock-bus"])
def test_no_dbus_session_is_the_clear_error(
    monkeypatch: pytest.MonkeyPatch, address: str | None
) -> None:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    if address is None:
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    else:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    with pytest.raises(KeyringUnavailable) as caught:
        open_store()
    message = str(caught.value)
    assert "no OS keyring is available" in message
    assert "gnome-keyring" in message and "never in a file" in message
    assert not isinstance(caught.value, PlaintextKeyringRefused)


@pytest.mark.parametrize(
    "backend",
    [
        "keyrings.alt.file.PlaintextKeyring",
        "keyrings.alt.file.EncryptedKeyring",
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
        "tests.sync.plaintext_keyring.FileKeyring",
    ],
)
def test_a_plain_text_backend_named_by_the_environment_is_refused_unloaded(
    monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    with pytest.raises(PlaintextKeyringRefused) as caught:
        open_store()
    message = str(caught.value)
    assert backend in message and "PYTHON_KEYRING_BACKEND" in message
    assert "apt install gnome-keyring" in message
    assert "tests.sync.plaintext_keyring" not in sys.modules  # never imported, never run


def test_a_plain_text_backend_in_keyringrc_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_home = tmp_path / "config"
    rc = config_home / "python_keyring" / "keyringrc.cfg"
    rc.parent.mkdir(parents=True)
    rc.write_text("[backend]\ndefault-keyring = keyrings.alt.file.PlaintextKeyring\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    with pytest.raises(PlaintextKeyringRefused, match=r"keyringrc\.cfg"):
        open_store()


def test_an_allowed_backend_named_by_the_environment_is_used(
    secret_service: SecretServiceSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    store = open_store()
    store.set("kimai", "https://kimai.example.com", "", Secret("via-env"))
    assert store.get("kimai", "https://kimai.example.com") == Secret("via-env")


def test_an_allowed_backend_that_does_not_answer_is_the_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    with pytest.raises(KeyringUnavailable, match="Secret Service keyring named by") as caught:
        open_store()
    assert not isinstance(caught.value, PlaintextKeyringRefused)


def test_keyring_errors_of_any_kind_become_keyring_unavailable() -> None:
    from keyring.errors import InitError

    class Broken:
        def get_password(self, service: str, name: str) -> str:
            raise InitError("Failed to create the collection: Prompt dismissed..")

        def set_password(self, service: str, name: str, value: str) -> None:
            raise OSError(f"socket closed while sending {value}")

    store = SecretStore(Broken(), "Test keyring")
    with pytest.raises(KeyringUnavailable, match="Prompt dismissed"):
        store.get("kimai", "https://kimai.example.com")
    with pytest.raises(KeyringUnavailable) as caught:
        store.set("kimai", "https://kimai.example.com", "", Secret(SECRET_TEXT))
    assert SECRET_TEXT not in str(caught.value) and "<hidden>" in str(caught.value)
