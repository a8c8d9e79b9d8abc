"""The live-Tryton fixtures (tests/tryton/fixtures.py), the real Secret Service of the sync
tests, and the clients the tests build on."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from tests.sync.conftest import secret_service  # noqa: F401
from tests.tryton.fixtures import start_tryton, tryton_server, tryton_template  # noqa: F401
from tests.tryton.server import TrytonServer
from trayclock.sync.tryton import TrytonBackend
from trayclock.sync.tryton_rpc import TrytonRPC

_names = itertools.count(1)


@pytest.fixture(scope="session")
def rpc(tryton_server: TrytonServer) -> TrytonRPC:  # noqa: F811
    """The admin's logged-in JSON-RPC session to the session's server, shared by the tests
    (a login costs an argon2 check, ~0.2-0.5 s here)."""
    client = TrytonRPC(
        tryton_server.url, tryton_server.database, tryton_server.user, tryton_server.password
    )
    client.login()
    return client


@pytest.fixture
def backend(rpc: TrytonRPC) -> TrytonBackend:
    """A fresh adapter (no cached projects) on the shared session."""
    return TrytonBackend(rpc)


@pytest.fixture
def unique_name(request: pytest.FixtureRequest) -> Callable[[str], str]:
    """Names no other test on the shared server uses (customers are per test)."""

    def make(base: str) -> str:
        return f"{base} {request.node.name} #{next(_names)}"

    return make
