"""What trayclock keeps is the technician's alone: a created TRAYCLOCK_HOME is 0700, the log
0600 (rotations too), and no secret is ever stored in the settings (issue #12)."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from trayclock.app_logging import LOG_FILE_NAME, PrivateRotatingFileHandler
from trayclock.config import paths
from trayclock.store import db, settings

NOW = datetime(2026, 11, 2, 8, tzinfo=UTC)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask: whatever is private must be made so on purpose."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_a_created_trayclock_home_is_private(tmp_path: Path, open_umask: None) -> None:
    home = tmp_path / "new" / "home"
    made = paths({"TRAYCLOCK_HOME": str(home)}).ensure()
    assert _mode(home) == 0o700
    assert {_mode(folder) for folder in (made.data_dir, made.config_dir, made.log_dir)} == {0o700}


def test_an_existing_home_keeps_its_mode(tmp_path: Path) -> None:
    home = tmp_path / "shared"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    paths({"TRAYCLOCK_HOME": str(home)}).ensure()
    assert _mode(home) == 0o755  # the user's own folder: not ours to change


def _log_from_a_child() -> None:
    """setup_logging as the tray runs it, in a process of its own with umask 0."""
    script = (
        "import logging\n"
        "from trayclock.app_logging import setup_logging\n"
        "from trayclock.config import paths\n"
        "setup_logging(paths().ensure())\n"
        "logging.getLogger('trayclock.test').warning('attached to Müller GmbH')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        preexec_fn=lambda: os.umask(0) and None,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and "Müller" in done.stderr, done.stderr


def test_the_log_is_private_from_its_first_line(private_home: Path) -> None:
    _log_from_a_child()
    log_file = paths().log_dir / LOG_FILE_NAME
    assert "attached to Müller GmbH" in log_file.read_text(encoding="utf-8")
    assert _mode(log_file) == 0o600


def test_an_old_readable_log_is_made_private(private_home: Path) -> None:
    old = paths().ensure().log_dir / LOG_FILE_NAME
    old.write_text("from an older trayclock\n")
    old.chmod(0o644)
    _log_from_a_child()
    assert _mode(old) == 0o600


def test_each_rotated_log_is_born_private(tmp_path: Path, open_umask: None) -> None:
    log_file = tmp_path / LOG_FILE_NAME
    handler = PrivateRotatingFileHandler(log_file, maxBytes=200, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("trayclock.rotation-test")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for number in range(20):
            logger.warning("line %d %s", number, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(tmp_path.iterdir())
    assert [f.name for f in files] == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1", f"{LOG_FILE_NAME}.2"]
    assert {_mode(f) for f in files} == {0o600}


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = db.connect(tmp_path / "t.sqlite3")
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ({"url": "https://tech:hunter2@kimai.example.com/api"}, "backend.url"),
        ({"url": "https://ghp_0123456789abcdef@git.example.com/"}, "backend.url"),
        ({"url": "https://kimai.example.com/api?access_token=abc"}, "backend.url"),
        ({"auth": "Bearer eyJhbGciOiJIUzI1"}, "backend.auth"),
        ({"headers": {"X-Extra": "basic dGVjaDpodW50ZXIy"}}, "backend.headers.X-Extra"),
        ({"servers": [{"name": "a"}, {"token": "s3cr3t"}]}, "backend.servers[1].token"),
        ({"list": [["x", {"apiKey": "k"}]]}, "backend.list[0][1].apiKey"),
        ({"X-Auth-Token": "k"}, "backend.X-Auth-Token"),
        ({"db_password": "k"}, "backend.db_password"),
        ({"jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"}, "backend.jwt"),
        ({"key": "-----BEGIN RSA PRIVATE KEY-----\nMII…"}, "backend.key"),
    ],
)
def test_secrets_are_refused_at_any_depth(
    conn: sqlite3.Connection, value: dict[str, Any], named: str
) -> None:
    with pytest.raises(db.StoreError, match="keyring") as caught:
        settings.put(conn, settings.BACKEND, value, now=NOW)
    assert str(caught.value).startswith(f"setting {named}:")
    assert settings.get(conn, settings.BACKEND) is None


def test_settings_that_only_look_near_a_secret_are_kept(conn: sqlite3.Connection) -> None:
    value = {
        "name": "kimai",
        "url": "https://kimai.example.com/api?page=2",
        "author": "the office",
        "auth_method": "basic",
        "company": "Basic Environmental Services",
        "team": "Token Ring Ltd",
        "activity": "Remote support",
        "user": "tech",
    }
    settings.put(conn, settings.BACKEND, value, now=NOW)
    assert settings.get(conn, settings.BACKEND) == value


def test_a_value_nested_beyond_reason_is_refused_without_recursion(
    conn: sqlite3.Connection,
) -> None:
    deep: Any = "leaf"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(db.StoreError, match="nested more than 64 levels"):
        settings.put(conn, settings.UI, {"x": deep}, now=NOW)
