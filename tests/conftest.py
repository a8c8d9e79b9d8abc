"""Test-wide setup: Qt offscreen, and a private TRAYCLOCK_HOME so no test touches a real store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Widgets are built offscreen unless a test runs on a real X display on purpose.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own TRAYCLOCK_HOME; the real user's data is never read or written."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TRAYCLOCK_HOME", str(home))
    yield home
