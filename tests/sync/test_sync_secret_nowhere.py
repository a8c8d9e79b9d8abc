"""A secret's text appears nowhere but the keyring: not in the data folder (the SQLite store,
its WAL), not in the log files (at DEBUG, requests' and urllib3's included), not in any
exception text or traceback — also after a failed login. Real keyring, real store, real
HTTP over loopback (the fault proxy answering 401/403 in front of a real server)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.keyring_service import (
    SecretServiceSession,
    running_secret_service,
    secret_service_env,
)
from tests.sync.fault_proxy import FaultProxy, status
from tests.sync.recording_server import RecordingServer
from tests.sync.samples import sample_line as entry
from trayclock.config import paths
from trayclock.domain.clock import ManualClock
from trayclock.store import db, settings
from trayclock.sync.backend import AuthError, RefusedError, SyncError
from trayclock.sync.kimai import KimaiBackend, KimaiConfig
from trayclock.sync.secrets import KeyringUnavailable, Secret, open_store
from trayclock.sync.webhook import WebhookBackend, WebhookConfig

pytestmark = pytest.mark.integration

NOW = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
KIMAI_TOKEN = "kimai-token-Zq81-never-shown"
WEBHOOK_SECRET = "webhook-key-Ux42-never-shown"
SECRETS = (KIMAI_TOKEN, WEBHOOK_SECRET)


@pytest.fixture
def log_file(private_home: Path) -> Iterator[Path]:
    """The app's log file in the data folder, at DEBUG for everything (requests too)."""
    folder = paths().ensure().log_dir
    path = folder / "trayclock.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()


def texts_of(error: BaseException) -> list[str]:
    """Everything an error can show: str, repr, its chain, the formatted traceback."""
    shown = ["".join(traceback.format_exception(error))]
    link: BaseException | None = error
    while link is not None:
        shown += [str(link), repr(link), repr(link.args)]
        link = link.__cause__ or link.__context__
    return shown


def test_no_secret_outside_the_keyring_even_after_failed_logins(
    secret_service: SecretServiceSession,
    log_file: Path,
    private_home: Path,
    server: RecordingServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = ManualClock(NOW)
    log = logging.getLogger("trayclock.sync.test")
    with FaultProxy(server.host, server.port) as proxy:
        # Configure two backends the way `backend configure` will: where in the store, the
        # secret in the keyring.
        conn = db.connect(paths().ensure().database)
        settings.put(conn, settings.BACKEND, {"name": "kimai", "url": proxy.url}, now=NOW)
        keyring = open_store()
        keyring.set("kimai", proxy.url, "", Secret(KIMAI_TOKEN))
        keyring.set("webhook", f"{proxy.url}/hook", "", Secret(WEBHOOK_SECRET))

        token = keyring.get("kimai", proxy.url)
        key = keyring.get("webhook", f"{proxy.url}/hook")
        assert token is not None and key is not None
        kimai = KimaiBackend(KimaiConfig(url=proxy.url, activity_id=3), token, clock=clock)
        webhook = WebhookBackend(WebhookConfig(f"{proxy.url}/hook"), key, clock=clock)

        errors: list[BaseException] = []
        proxy.script(status(401, body=b'{"message": "Invalid credentials."}'))
        with pytest.raises(AuthError) as refused_login:
            kimai.test_connection()
        errors.append(refused_login.value)
        proxy.script(status(403, body=b'{"code": 403, "message": "Forbidden"}'))
        with pytest.raises(RefusedError) as forbidden:
            kimai.create([entry()])
        errors.append(forbidden.value)
        proxy.script(status(401, body=b'{"message": "bad signature"}'))
        with pytest.raises(AuthError) as refused_webhook:
            webhook.create([entry()])
        errors.append(refused_webhook.value)
        webhook.create([entry()])  # and one that goes through to the server
        for error in errors:
            log.exception("sync failed", exc_info=error)  # as the worker will log them
        log.info("backends: %r %r %r %r", kimai, webhook, kimai.config, keyring)
        conn.close()

    # The secrets did reach the keyring, and were used on the wire where they must be.
    assert open_store().get("kimai", proxy.url) == Secret(KIMAI_TOKEN)
    (delivered,) = server.commits()
    assert WEBHOOK_SECRET.encode() not in delivered.body
    assert WEBHOOK_SECRET not in str(delivered.headers)  # only its signature travels

    shown = [text for error in errors for text in texts_of(error)]
    shown.append(caplog.text)
    for secret in SECRETS:
        assert not [text for text in shown if secret in text]
    files = [p for p in private_home.rglob("*") if p.is_file()]
    assert log_file in files and any(p.suffix == ".sqlite3" for p in files)
    assert "sync failed" in log_file.read_text(encoding="utf-8")
    for path in files:
        data = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in data, f"{secret[:6]}… found in {path}"


def test_a_keyring_failure_while_storing_shows_no_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log_file: Path
) -> None:
    with running_secret_service(tmp_path / "keyring", unlock=False) as locked:
        secret_service_env(monkeypatch, locked)
        with pytest.raises(KeyringUnavailable) as caught:
            open_store().set("kimai", "https://kimai.example.com", "", Secret(KIMAI_TOKEN))
    logging.getLogger("trayclock.sync.test").error("keyring", exc_info=caught.value)
    assert isinstance(caught.value, SyncError)
    for text in texts_of(caught.value):
        assert KIMAI_TOKEN not in text
    assert KIMAI_TOKEN not in log_file.read_text(encoding="utf-8")
