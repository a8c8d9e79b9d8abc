"""`trayclock uninstall-desktop`: remove the menu entry and icons install-desktop wrote."""

from __future__ import annotations

import argparse
import sys

from trayclock.commands.install_desktop import EXIT_FAILED, EXIT_OK, add_data_home
from trayclock.desktop.autostart import autostart
from trayclock.desktop.menu_entry import MenuEntry, data_home, uninstall_menu_entry
from trayclock.domain.clock import Clock


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_home(parser, "remove from")


def run(args: argparse.Namespace, clock: Clock) -> int:
    entry = MenuEntry(args.data_home if args.data_home is not None else data_home())
    try:
        removed = uninstall_menu_entry(entry)
    except OSError as error:
        print(f"trayclock uninstall-desktop: {error}", file=sys.stderr)
        return EXIT_FAILED
    if removed:
        print(f"removed {len(removed)} files (the menu entry {entry.desktop_file} and its icons)")
    else:
        print(f"nothing to remove: no menu entry under {entry.data_dir}")
    way = autostart()
    if way.enabled():
        print(f"start at login is still on ({way.where()}): 'trayclock autostart off' removes it")
    return EXIT_OK
