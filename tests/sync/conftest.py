"""Fixtures the sync tests share: a real Secret Service, a real local HTTP server, the fault
proxy in front of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.keyring_service import (
    SecretServiceSession,
    running_secret_service,
    secret_service_env,
)
from tests.sync.fault_proxy import FaultProxy
from tests.sync.recording_server import RecordingServer, recording_server


@pytest.fixture
def secret_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SecretServiceSession]:
    """gnome-keyring in a private D-Bus session, unlocked, this process pointed at it."""
    with running_secret_service(tmp_path / "keyring") as service:
        secret_service_env(monkeypatch, service)
        yield service


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    """A real HTTP server on a free loopback port that records what it commits."""
    with recording_server() as running:
        yield running


@pytest.fixture
def proxy(server: RecordingServer) -> Iterator[FaultProxy]:
    """The fault proxy in front of `server`."""
    with FaultProxy(server.host, server.port) as running:
        yield running
