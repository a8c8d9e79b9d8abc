"""Issue #9 item 13: without a display the tray and the demo say so plainly (Qt's own message
blames libxcb-cursor0), exit 2, and leave no demo folder behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.cli_support import run_trayclock
from trayclock.cli import main
from trayclock.commands.display import no_display_problem

NO_DISPLAY = "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set)"


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A Linux session without X11 or Wayland; temporary folders land in the test's own."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    return scratch


@pytest.mark.parametrize("command", [[], ["demo"], ["demo", "--step", "1"]])
def test_no_display_is_said_plainly_and_nothing_is_left(
    command: list[str], headless: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(command) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert NO_DISPLAY in line and "libxcb" not in line
    assert list(headless.iterdir()) == []  # no trayclock-demo-* folder


def test_the_installed_command_without_a_display(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["TMPDIR"] = str(tmp_path)
    done = run_trayclock(["demo"], env=env)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"trayclock demo: {NO_DISPLAY}: the tray needs a "
        "desktop session. Start trayclock from the desktop "
        "(over ssh: ssh -X); the other commands work without "
        "one (trayclock --help)."
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("environ", "platform", "needs_one"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":1"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "freebsd14", True),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_when_a_display_is_needed(environ: dict[str, str], platform: str, needs_one: bool) -> None:
    assert (no_display_problem(environ, platform) is not None) is needs_one
