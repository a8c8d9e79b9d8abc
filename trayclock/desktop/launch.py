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

    A packaged build is its own executable (on Windows the windowed one, also when asked
    from `trayclock-cli.exe`). A pip install has a `trayclock` script beside its
    Python (venv `bin/`, Windows `Scripts\\`); failing that, `python -m trayclock`. Absolute
    paths: the login session that runs an autostart entry has a PATH of its own.
    """
    executable = sys.executable if executable is None else executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    platform = sys.platform if platform is None else platform
    if frozen:
        program = Path(executable).absolute()
        # Windows: the console twin (trayclock-cli.exe) serves the command line; what starts
        # at login or from the menu is the windowed trayclock.exe beside it.
        if program.name.lower() == f"{SCRIPT_NAME}-cli.exe":
            program = program.with_name(f"{SCRIPT_NAME}.exe")
        return [str(program)]
    folder = Path(executable).absolute().parent
    script = folder / (f"{SCRIPT_NAME}.exe" if platform == "win32" else SCRIPT_NAME)
    if platform == "win32" and not script.is_file():
        script = folder / "Scripts" / f"{SCRIPT_NAME}.exe"  # the base interpreter's folder
    if script.is_file():
        return [str(script)]
    return [str(Path(executable).absolute()), "-m", "trayclock"]


def self_command() -> list[str]:
    """This very program, for a child that must print to our pipes (the self-check's Qt
    probe): the running executable when packaged, else this Python with `-m trayclock`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "trayclock"]
