"""pytest fixtures for a live Tryton; a test folder gets them with, in its conftest.py,
`from tests.tryton.fixtures import tryton_server, tryton_template, start_tryton  # noqa: F401`.

- `tryton_server`: one server for the whole test session (its own copy of the template).
  Tests share it, so each works on customers (parties, projects) of its own.
- `start_tryton(settings=None)`: a fresh server on a fresh copy, for a test that changes
  the server's state or its trytond.conf; stopped when the test ends.
Both give a `TrytonServer` (url, database, user, password, pid, info).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.tryton.server import TrytonServer, TrytonTemplate, prepare_template, running_tryton

StartTryton = Callable[..., TrytonServer]


@pytest.fixture(scope="session")
def tryton_template() -> TrytonTemplate:
    """The cached Tryton install and template database (built on first use)."""
    return prepare_template()


@pytest.fixture(scope="session")
def tryton_server(
    tryton_template: TrytonTemplate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TrytonServer]:
    with running_tryton(tryton_template, tmp_path_factory.mktemp("tryton")) as server:
        yield server


@pytest.fixture
def start_tryton(tryton_template: TrytonTemplate, tmp_path: Path) -> Iterator[StartTryton]:
    with ExitStack() as stack:
        count = 0

        def start(settings: Mapping[str, Mapping[str, object]] | None = None) -> TrytonServer:
            nonlocal count
            count += 1
            folder = tmp_path / f"tryton-{count}"
            return stack.enter_context(running_tryton(tryton_template, folder, settings=settings))

        yield start
