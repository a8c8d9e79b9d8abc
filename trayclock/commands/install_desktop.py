"""`trayclock install-desktop`: the application menu entry and icons (Linux, XDG_DATA_HOME)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trayclock.desktop.launch import launch_command
from trayclock.desktop.menu_entry import MenuEntry, data_home, install_menu_entry
from trayclock.domain.clock import Clock

EXIT_OK = 0
EXIT_FAILED = 1


def add_data_home(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument(
        "--data-home",
        type=Path,
        metavar="DIR",
        help=f"{verb} DIR instead of $XDG_DATA_HOME (~/.local/share); e.g. a package's usr/share",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_home(parser, "install under")
    parser.add_argument(
        "--exec",
        dest="program",
        metavar="PROGRAM",
        help="the program the entry starts (default: this trayclock, "
        + " ".join(launch_command())
        + ")",
    )


def run(args: argparse.Namespace, clock: Clock) -> int:
    entry = MenuEntry(args.data_home if args.data_home is not None else data_home())
    command = [args.program] if args.program else launch_command()
    try:
        written = install_menu_entry(entry, command)
    except OSError as error:
        print(f"trayclock install-desktop: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"installed the menu entry {entry.desktop_file} (starts: {' '.join(command)})")
    print(f"and {len(written) - 1} icons under {entry.data_dir / 'icons' / 'hicolor'}")
    return EXIT_OK
