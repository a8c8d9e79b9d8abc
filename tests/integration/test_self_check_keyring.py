"""The keyring check against a real Secret Service (gnome-keyring on a private D-Bus), and the
two ways keyring fails on headless Linux: no D-Bus at all, and a locked keyring."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.keyring_service import running_secret_service

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
CHECK = (
    "import json; from trayclock.diagnostics.keyring_check import check_keyring; "
    "f = check_keyring(); print(json.dumps({'level': f.level.value, 'text': f.text}))"
)


def check_in(env_extra: dict[str, str], tmp: Path) -> dict[str, Any]:
    """check_keyring() in a fresh process (keyring picks its backend once per process)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "PYTHON_KEYRING_BACKEND")
    }
    runtime = tmp / "client-runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(HOME=str(tmp), XDG_RUNTIME_DIR=str(runtime), PYTHONPATH=str(ROOT), **env_extra)
    done = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_an_unlocked_secret_service_passes(tmp_path: Path) -> None:
    with running_secret_service(tmp_path / "keyring") as service:
        found = check_in({"DBUS_SESSION_BUS_ADDRESS": service.bus_address}, tmp_path)
    assert found["level"] == "ok", found
    assert "Secret Service" in found["text"] and "answering" in found["text"]


def test_no_dbus_means_no_keyring(tmp_path: Path) -> None:
    found = check_in({}, tmp_path)
    assert found["level"] == "fail" and "no system keyring found" in found["text"], found


def test_a_locked_keyring_fails(tmp_path: Path) -> None:
    with running_secret_service(tmp_path / "keyring", unlock=False) as service:
        found = check_in({"DBUS_SESSION_BUS_ADDRESS": service.bus_address}, tmp_path)
    assert found["level"] == "fail" and "did not answer" in found["text"], found
