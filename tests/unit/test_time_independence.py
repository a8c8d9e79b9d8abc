"""No test depends on the day it runs or the zone it runs in: the time-sensitive parts of the
suite run again under odd zones (UTC-9 and UTC+14) with the wall clock set to other days
(libfaketime), and must pass there as they do here.

The suite pins its zone (tests/conftest.py); TRAYCLOCK_TEST_TZ overrides the pin, which is how
these runs get theirs. Each pairing crosses a date line at the moment the clock is set to:
10:00 UTC on 30 November is 01:00 that day in Anchorage; on 1 December it is already
00:00 on 2 December in Kiritimati.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The tests that read days, zones, "today" or business hours (dates in fixtures, the tray's
# "today so far", the review's days, exports by date, the tracker's clock, billing hours).
TIME_SENSITIVE = (
    "tests/services",
    "tests/unit/test_cli_store.py",
    "tests/unit/test_export_context.py",
    "tests/unit/test_tracker.py",
    "tests/unit/test_tracker_rules.py",
    "tests/unit/test_tracker_robustness.py",
    "tests/unit/test_tracker_pauses.py",
    "tests/unit/test_store_pauses.py",
    "tests/unit/test_store_repositories.py",
    "tests/unit/test_billing_rules.py",
    "tests/unit/test_review_pure.py",
    "tests/ui/test_tray.py",
    "tests/ui/test_review_window.py",
    "tests/ui/test_review_parts.py",
)
RUNS = [
    pytest.param("America/Anchorage", "2026-11-30 10:00:00", id="anchorage-nov-30"),
    pytest.param("Pacific/Kiritimati", "2026-12-01 10:00:00", id="kiritimati-dec-01"),
]


def test_the_time_sensitive_tests_are_where_they_were() -> None:
    missing = [path for path in TIME_SENSITIVE if not (ROOT / path).exists()]
    assert not missing, f"moved or renamed: update TIME_SENSITIVE ({missing})"


@pytest.mark.parametrize(("zone", "moment"), RUNS)
def test_the_time_sensitive_tests_pass_in_another_zone_on_another_day(
    zone: str, moment: str
) -> None:
    faketime = shutil.which("faketime")
    assert faketime, "faketime is missing: scripts/system-deps.sh installs it (package faketime)"
    # The monotonic clock is shifted too but runs at its real pace (libfaketime's
    # DONT_FAKE_MONOTONIC breaks time.sleep here: clock_nanosleep answers EINVAL).
    env = {**os.environ, "TRAYCLOCK_TEST_TZ": zone}
    env.pop("PYTEST_ADDOPTS", None)
    command = [
        faketime,
        moment,
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-x",
        *TIME_SENSITIVE,
    ]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"under TZ={zone} at {moment}:\n{done.stdout[-6000:]}"
    assert " passed" in done.stdout
