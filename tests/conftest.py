"""Test-wide setup: the time zone and the language pinned, Qt offscreen, and a private
TRAYCLOCK_HOME so no test touches a real store."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# One zone for every run, whatever the host's: a result must never depend on where the suite
# runs. tests/unit/test_time_independence.py runs the time-sensitive parts again under odd
# zones (TRAYCLOCK_TEST_TZ) and with the clock set to other days. Child processes inherit it.
ZONE_ENV = "TRAYCLOCK_TEST_TZ"
PINNED_ZONE = "Europe/Berlin"
os.environ["TZ"] = os.environ.get(ZONE_ENV) or PINNED_ZONE
time.tzset()

# One language for every run, whatever the host's: the UI's words, numbers and dates are
# checked in English (C: "Monday 23 November", "1234.50") unless a test installs another
# (tests/ui/conftest.py: `german`; the language tests set LANG and friends in a child process).
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)

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
