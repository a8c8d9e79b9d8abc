"""How to start this same trayclock again: for the autostart entry, the menu entry, a child."""

from __future__ import annotations

import sys
from pathlib import Path

APP_ID = "trayclock"  # desktop file and icon name, as Qt announces it (setDesktopFileName)
SCRIPT_NAME = "trayclock"


def launch_command(
    *, executable: str | None = None, frozen: bool | None = None, platform: str | None = None
) -> list[str]:
    """The command line that starts the trayclock that is running now.

    A packaged build is its own executable. A pip install has a `trayclock` script beside its
    Python (venv `bin/`, Windows `Scripts\\`); failing that, `python -m trayclock`. Absolute
    paths: the login session that runs an autostart entry has a PATH of its own.
    """
    executable = sys.executable if executable is None else executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    platform = sys.platform if platform is None else platform
    if frozen:
        return [str(Path(executable).absolute())]
    folder = Path(executable).absolute().parent
    script = folder / (f"{SCRIPT_NAME}.exe" if platform == "win32" else SCRIPT_NAME)
    if platform == "win32" and not script.is_file():
        script = folder / "Scripts" / f"{SCRIPT_NAME}.exe"  # the base interpreter's folder
    if script.is_file():
        return [str(script)]
    return [str(Path(executable).absolute()), "-m", "trayclock"]
