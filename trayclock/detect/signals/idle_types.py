"""What every input-idle source reports: the `IdleSource` protocol (the platform sources in
idle_x11, idle_win32 and idle_macos import only this module and problem_reporter; the factory
in `idle_source` imports them, never the other way)."""

from __future__ import annotations

from typing import Protocol


class IdleSource(Protocol):
    """How long no keyboard or mouse input reached this desktop; cheap: one call per
    heartbeat (the tracker's), never polled on its own."""

    name: str

    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or mouse input; None when unknown right now
        (see `problem`)."""
        ...

    @property
    def status(self) -> str:
        """ "ok…", or a one-line reason why the idle time is unavailable."""
        ...

    @property
    def problem(self) -> str | None:
        """None when working, else the same reason as `status`."""
        ...

    def close(self) -> None: ...
