"""`trayclock autostart on|off|status`: start trayclock at login (the settings switch, scripted)."""

from __future__ import annotations

import argparse
import sys

from trayclock.desktop.autostart import autostart, set_autostart
from trayclock.desktop.launch import launch_command
from trayclock.domain.clock import Clock

EXIT_OK = 0
EXIT_FAILED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=("on", "off", "status"),
        help="on: start at login; off: do not; status: say which",
    )


def run(args: argparse.Namespace, clock: Clock) -> int:
    way = autostart()
    if args.action == "status":
        on = way.enabled()
        print(f"start at login: {'on' if on else 'off'} ({way.where()})")
        return EXIT_OK
    try:
        set_autostart(args.action == "on", way=way)
    except OSError as error:
        print(f"trayclock autostart: {error}", file=sys.stderr)
        return EXIT_FAILED
    if args.action == "on":
        print(f"start at login: on ({way.where()} starts {' '.join(launch_command())})")
    else:
        print(f"start at login: off ({way.where()} removed)")
    return EXIT_OK
