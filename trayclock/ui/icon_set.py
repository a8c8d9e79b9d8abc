"""The tray icon's pictures: the states it shows, the variants and pixel sizes of each, and
the name of each picture's PNG file.

Shared by the tray, which loads the files (trayclock.ui.icons), and by the drawing that
makes them (trayclock.ui.icon_drawing); no Qt here.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

# Pixel sizes of every icon: panel sizes at 1x, 1.5x and 2x device pixel ratios.
ICON_SIZES_PX = (16, 22, 24, 32, 44, 48, 64, 128)
# The variants drawn for each state, by name: (for a dark panel, a mask).
VARIANTS = {"light": (False, False), "dark": (True, False), "mask": (False, True)}


class TrayState(StrEnum):
    """What the tray tells at a glance, most urgent last (the worst one present wins)."""

    IDLE = "idle"  # nothing running
    RUNNING = "running"  # a session (or timer) runs and is attached to a customer
    PAUSED = "paused"  # detection is paused: new sessions are not recorded
    WAITING = "waiting"  # a session waits for "which customer?"
    OVERLAP = "overlap"  # two customers' sessions at once
    SYNC_PROBLEM = "sync_problem"  # the backend refused or cannot be reached


def icon_path(folder: Path, state: TrayState, variant: str, size_px: int) -> Path:
    """Where one picture's PNG is in `folder`."""
    return folder / f"{state.value}-{variant}-{size_px}.png"
