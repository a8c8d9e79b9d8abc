"""Start at login as the settings window sees it: a small port, wired by the composition root.

The real switch (an XDG autostart entry, a LaunchAgent, the Windows Run key) lives in
trayclock.desktop.autostart; the settings window only needs to know whether it is on, to
switch it, and where it lives. The composition root hands `DesktopAutostart` in; without
one, `NO_AUTOSTART` says it is not available and the window shows the switch disabled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from trayclock.desktop.autostart import Autostart, autostart, set_autostart


class AutostartPort(Protocol):
    """Start at login on this system."""

    @property
    def available(self) -> bool:
        """Whether this system's way can be used (False: the switch is shown disabled)."""
        ...

    def enabled(self) -> bool: ...

    def set_enabled(self, on: bool) -> None:
        """Switch it on or off; OSError when the entry cannot be written or removed."""
        ...

    def where(self) -> str:
        """Where the entry lives, for the window to say (a path or a registry key)."""
        ...


class UnavailableAutostart:
    """No start-at-login in this build: off, and refusing to switch."""

    available = False

    def enabled(self) -> bool:
        return False

    def set_enabled(self, on: bool) -> None:
        if on:
            raise OSError("start at login is not available in this build")

    def where(self) -> str:
        return ""


NO_AUTOSTART: AutostartPort = UnavailableAutostart()


@dataclass
class DesktopAutostart:
    """This system's real start at login (trayclock.desktop.autostart), as the window sees it."""

    way: Autostart = field(default_factory=autostart)
    available: bool = True

    def enabled(self) -> bool:
        return self.way.enabled()

    def set_enabled(self, on: bool) -> None:
        set_autostart(on, way=self.way)

    def where(self) -> str:
        return self.way.where()
