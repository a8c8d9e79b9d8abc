"""Is there a desktop to show the tray on? Asked before Qt starts, so that a missing display is
said plainly: Qt's own message on Linux blames a missing libxcb-cursor0, usually installed.

Linux (and the other X11/Wayland systems) only: Windows and macOS always have a desktop for
a user's process. A Qt platform that needs no display (QT_QPA_PLATFORM=offscreen, vnc,
eglfs …) is taken at its word.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

DISPLAY_PLATFORMS = frozenset({"", "xcb", "wayland", "wayland-egl"})  # need X11 or Wayland
_DESKTOP_SYSTEMS = ("win32", "darwin", "cygwin")


def no_display_problem(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why the tray cannot start here (no X11 or Wayland display), or None."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system.startswith(_DESKTOP_SYSTEMS):
        return None
    wanted = {item.split(":")[0].strip() for item in env.get("QT_QPA_PLATFORM", "").split(";")}
    if not wanted <= DISPLAY_PLATFORMS:
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set): the tray needs a "
        "desktop session. Start trayclock from the desktop (over ssh: ssh -X); the other "
        "commands work without one (trayclock --help)."
    )
