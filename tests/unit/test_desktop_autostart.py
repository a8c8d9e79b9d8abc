"""Start at login: the XDG entry for real under a test XDG_CONFIG_HOME; the macOS plist and the
Windows Run key checked by their content through their seams (a home folder, a key store)."""

from __future__ import annotations

import plistlib
import shlex
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trayclock import cli
from trayclock.desktop.autostart import (
    LAUNCH_AGENT_LABEL,
    RUN_KEY_PATH,
    LaunchAgent,
    RunKey,
    XdgAutostart,
    autostart,
    autostart_enabled,
    config_home,
    set_autostart,
)
from trayclock.domain.clock import ManualClock

COMMAND = ["/opt/track clock/trayclock", "--flag"]


def validate(path: Path) -> None:
    """freedesktop.org's own validator (a Linux tool: elsewhere the entry is still written)."""
    tool = shutil.which("desktop-file-validate")
    if tool is None and not sys.platform.startswith("linux"):
        return
    if tool is None:
        pytest.fail("desktop-file-validate is missing (scripts/system-deps.sh installs it)")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_linux_entry_is_written_valid_and_removed(tmp_path: Path) -> None:
    way = autostart(platform="linux", environ={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert isinstance(way, XdgAutostart)
    assert not autostart_enabled(way)
    set_autostart(True, command=COMMAND, way=way)
    entry = tmp_path / "cfg" / "autostart" / "trayclock.desktop"
    assert entry.is_file() and autostart_enabled(way)
    text = entry.read_text(encoding="utf-8")
    assert 'Exec="/opt/track clock/trayclock" --flag\n' in text
    assert "Icon=trayclock\n" in text and "Type=Application\n" in text
    validate(entry)
    set_autostart(False, way=way)
    assert not entry.exists() and not autostart_enabled(way)
    set_autostart(False, way=way)  # switching off twice is fine


def test_linux_entry_switched_off_by_the_desktop_counts_as_off(tmp_path: Path) -> None:
    way = XdgAutostart(tmp_path)
    way.enable(COMMAND)
    way.path.write_text(way.path.read_text() + "Hidden=true\n", encoding="utf-8")
    assert not way.enabled()


def test_config_home_follows_the_spec(tmp_path: Path) -> None:
    assert config_home({"XDG_CONFIG_HOME": "/x/cfg"}, tmp_path) == Path("/x/cfg")
    assert config_home({}, tmp_path) == tmp_path / ".config"
    assert config_home({"XDG_CONFIG_HOME": "relative"}, tmp_path) == tmp_path / ".config"


def test_macos_launch_agent_plist(tmp_path: Path) -> None:
    way = autostart(platform="darwin", home=tmp_path)
    assert isinstance(way, LaunchAgent)
    set_autostart(True, command=["/Applications/trayclock.app/Contents/MacOS/trayclock"], way=way)
    path = tmp_path / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent == {
        "Label": "com.trayclock.app",
        "ProgramArguments": ["/Applications/trayclock.app/Contents/MacOS/trayclock"],
        "RunAtLoad": True,
        "KeepAlive": False,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    assert way.enabled()
    set_autostart(False, way=way)
    assert not path.exists() and not way.enabled()


class RecordingRunKey:
    """The registry seam: what would be written to HKCU\\…\\Run."""

    key_path = RUN_KEY_PATH

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.calls: list[tuple[str, ...]] = []

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.calls.append(("set", name, value))
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.calls.append(("delete", name))
        self.values.pop(name, None)


def test_windows_run_key_value() -> None:
    store = RecordingRunKey()
    way = autostart(platform="win32", run_key=store)
    assert isinstance(way, RunKey)
    set_autostart(True, command=[r"C:\Program Files\trayclock\trayclock.exe"], way=way)
    assert store.calls == [("set", "trayclock", r'"C:\Program Files\trayclock\trayclock.exe"')]
    assert way.where() == (
        r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run\trayclock"
    )
    assert way.enabled()
    set_autostart(False, way=way)
    assert store.calls[-1] == ("delete", "trayclock") and not way.enabled()


def test_autostart_command_on_status_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))

    def run(*args: str) -> int:
        return cli.main(list(args), clock=clock)

    assert run("autostart", "on") == 0
    entry = tmp_path / "autostart" / "trayclock.desktop"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    program = shlex.split(exec_line[len("Exec=") :])[0]
    assert Path(program).is_absolute()  # a login session has its own PATH
    assert run("autostart", "status") == 0
    assert "start at login: on" in capsys.readouterr().out
    assert run("autostart", "off") == 0 and not entry.exists()
    run("autostart", "status")
    assert "start at login: off" in capsys.readouterr().out
