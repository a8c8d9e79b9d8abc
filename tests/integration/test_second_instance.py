"""A second `trayclock` start, as from a launcher: two real processes on one store.

The second start must not only say "already running" on stderr (nobody reads a launcher's
stderr): it asks the running one to show its window and exits 0; when the running one does
not answer (here: stopped with SIGSTOP), it says so and exits 1.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.test_tray_desktop import wait_for

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
START_S = 30.0


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    made = {
        **os.environ,
        "TRAYCLOCK_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "LC_ALL": "C.UTF-8",
        # No remote tool's logs: only the single-instance handshake matters here.
        "TRAYCLOCK_LOGS": os.pathsep.join(["anydesk=", "teamviewer=", "rustdesk="]),
    }
    made.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return made


def log_text(env: dict[str, str]) -> str:
    path = Path(env["TRAYCLOCK_HOME"]) / "logs" / "trayclock.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture
def first(env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    app = subprocess.Popen(
        [sys.executable, "-m", "trayclock"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for(
            "the first trayclock to listen for a second start",
            lambda: "a second start knocks at" in log_text(env) or app.poll() is not None,
        )
        assert app.poll() is None, app.stderr.read().decode() if app.stderr else ""
        yield app
    finally:
        if app.poll() is None:
            app.send_signal(signal.SIGCONT)
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(15)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()


def second_start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trayclock"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_a_second_start_brings_the_running_one_forward_and_exits_0(
    env: dict[str, str], first: subprocess.Popen[bytes]
) -> None:
    done = second_start(env)
    assert done.returncode == 0, done.stderr
    wait_for(
        "the running trayclock to show its review window",
        lambda: "showing the review window for a second start" in log_text(env),
    )
    assert first.poll() is None  # the first one runs on
    assert log_text(env).count("a second start knocks at") == 1  # the second never took over


def test_a_second_start_that_gets_no_answer_says_so_and_exits_1(
    env: dict[str, str], first: subprocess.Popen[bytes]
) -> None:
    first.send_signal(signal.SIGSTOP)  # holds the lock, answers nothing
    try:
        done = second_start(env)
    finally:
        first.send_signal(signal.SIGCONT)
    assert done.returncode == 1
    assert "already running" in done.stderr
