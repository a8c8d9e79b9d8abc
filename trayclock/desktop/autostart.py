"""Start at login, per system: XDG autostart entry (Linux), LaunchAgent (macOS), Run key (Windows).

`autostart()` picks this system's way; `set_autostart(True/False)` is what the settings
window calls. Each way takes where it writes as a parameter (a config folder, a home folder,
a registry key), so tests check the macOS plist and the Windows registry value by their
content, and the Linux entry for real under a test XDG_CONFIG_HOME.
"""

from __future__ import annotations

import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from trayclock.desktop.entry_file import trayclock_entry, write_atomically, xdg_base_dir
from trayclock.desktop.launch import APP_ID, launch_command

LAUNCH_AGENT_LABEL = "com.trayclock.app"  # the bundle identifier of the macOS build
RUN_KEY_PATH = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE_NAME = "trayclock"


class Autostart(Protocol):
    """One system's way to start trayclock at login."""

    def enable(self, command: Sequence[str]) -> None: ...
    def disable(self) -> None: ...
    def enabled(self) -> bool: ...
    def where(self) -> str: ...


def config_home(environ: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    """$XDG_CONFIG_HOME, or ~/.config when unset or not absolute (as the spec says)."""
    return xdg_base_dir("XDG_CONFIG_HOME", [".config"], environ, home)


@dataclass(frozen=True)
class XdgAutostart:
    """`$XDG_CONFIG_HOME/autostart/trayclock.desktop` (every XDG desktop reads it at login)."""

    config_dir: Path

    @property
    def path(self) -> Path:
        return self.config_dir / "autostart" / f"{APP_ID}.desktop"

    def entry(self, command: Sequence[str]) -> str:
        return trayclock_entry(command, {"X-GNOME-Autostart-enabled": "true"})

    def enable(self, command: Sequence[str]) -> None:
        write_atomically(self.path, self.entry(command))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def enabled(self) -> bool:
        # An entry switched off by the desktop's own settings (Hidden=true) does not start.
        if not self.path.is_file():
            return False
        text = self.path.read_text(encoding="utf-8", errors="replace")
        return "\nHidden=true" not in text and "\nX-GNOME-Autostart-enabled=false" not in text

    def where(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class LaunchAgent:
    """`~/Library/LaunchAgents/com.trayclock.app.plist`: launchd starts it at each login."""

    home: Path

    @property
    def path(self) -> Path:
        return self.home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def plist(self, command: Sequence[str]) -> bytes:
        return plistlib.dumps(
            {
                "Label": LAUNCH_AGENT_LABEL,
                "ProgramArguments": list(command),
                "RunAtLoad": True,
                # Quitting from the menu means quit: launchd must not start it again.
                "KeepAlive": False,
                # A GUI app: run with the user's window server session, not in the background.
                "ProcessType": "Interactive",
                "LimitLoadToSessionType": "Aqua",
            }
        )

    def enable(self, command: Sequence[str]) -> None:
        write_atomically(self.path, self.plist(command))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def enabled(self) -> bool:
        return self.path.is_file()

    def where(self) -> str:
        return str(self.path)


class RunKeyStore(Protocol):
    """The values of one registry key (HKCU\\…\\Run); winreg in real life, a dict in tests."""

    key_path: str

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class WinregRunKey:
    """HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run, per user."""

    key_path = RUN_KEY_PATH

    def get(self, name: str) -> str | None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self.key_path) as key:
                value, kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value) if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) else None

    def set(self, name: str, value: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        with winreg.CreateKeyEx(
            winreg.HKEY_CURRENT_USER, self.key_path, 0, winreg.KEY_SET_VALUE
        ) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(
                winreg.HKEY_CURRENT_USER, self.key_path, 0, winreg.KEY_SET_VALUE
            ) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass


@dataclass(frozen=True)
class RunKey:
    """The per-user Run key's `trayclock` value: the command line Windows runs at login."""

    store: RunKeyStore

    @staticmethod
    def command_line(command: Sequence[str]) -> str:
        # Windows' own quoting rules (CommandLineToArgvW), as subprocess uses them.
        return subprocess.list2cmdline(list(command))

    def enable(self, command: Sequence[str]) -> None:
        self.store.set(RUN_VALUE_NAME, self.command_line(command))

    def disable(self) -> None:
        self.store.delete(RUN_VALUE_NAME)

    def enabled(self) -> bool:
        return bool(self.store.get(RUN_VALUE_NAME))

    def where(self) -> str:
        return f"HKEY_CURRENT_USER\\{self.store.key_path}\\{RUN_VALUE_NAME}"


def autostart(
    *,
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
    run_key: RunKeyStore | None = None,
) -> Autostart:
    """This system's way to start at login (every argument only for tests)."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return RunKey(run_key if run_key is not None else WinregRunKey())
    if platform == "darwin":
        return LaunchAgent(Path.home() if home is None else home)
    return XdgAutostart(config_home(environ, home))


def set_autostart(
    enabled: bool, *, command: Sequence[str] | None = None, way: Autostart | None = None
) -> Autostart:
    """Switch start at login on (with this trayclock's launch command) or off; OSError when
    the entry cannot be written. Returns the way used, for its `where()`."""
    way = autostart() if way is None else way
    if enabled:
        way.enable(launch_command() if command is None else command)
    else:
        way.disable()
    return way


def autostart_enabled(way: Autostart | None = None) -> bool:
    return (autostart() if way is None else way).enabled()
