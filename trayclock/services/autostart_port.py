"""Start at login as the settings window sees it: a small port, wired by the composition root.

The real switch (an XDG autostart entry, a LaunchAgent, the Windows Run key) lives in its
own module; the settings window only needs to know whether it is on, to switch it, and where
it lives. Until the composition root hands a real one in, `NO_AUTOSTART` says it is not
available and the window shows the switch disabled, saying so.
"""

from __future__ import annotations

from typing import Protocol


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
