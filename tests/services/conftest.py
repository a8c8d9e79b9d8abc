"""Fixtures the services tests share: a real SQLite store in the test's folder (no Qt here)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from trayclock.store import db


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A fresh, migrated store file (a real SQLite file, WAL and all)."""
    connection = db.connect(tmp_path / "services.sqlite3")
    yield connection
    connection.close()
