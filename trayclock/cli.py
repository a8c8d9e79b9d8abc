"""The `trayclock` command: no sub-command starts the tray; the others live in trayclock.commands.

Sub-command modules are imported only when chosen, so `trayclock bill` never loads Qt and
the tray never loads the billing CLI: start-up stays fast. Without arguments nothing is
parsed: the tray starts without the command line's parsers and argument types (their
limits are the billing engine's).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from trayclock import __version__
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode

if TYPE_CHECKING:
    from trayclock.commands.arguments import CommandParser

# name -> (module, one-line help). Each module has `add_arguments(parser)` and
# `run(args, clock) -> ExitCode` (demo: the tray's exit status).
COMMANDS: dict[str, tuple[str, str]] = {
    "bill": ("trayclock.commands.bill", "price entries by the billing rules (JSON in, JSON out)"),
    "detect": (
        "trayclock.commands.detect",
        "show detected remote sessions (--once, --watch, --parse FILE)",
    ),
    "entries": ("trayclock.commands.entries", "import entries into the local store"),
    "export": (
        "trayclock.commands.export",
        "export entries with their priced result (CSV or JSON)",
    ),
    "customers": ("trayclock.commands.customers", "import and list customers"),
    "settings": (
        "trayclock.commands.settings",
        "export or import the company settings file (policy, customers, partner IDs)",
    ),
    "timer": (
        "trayclock.commands.timer",
        "manual timer: start, stop, or add an entry after the fact",
    ),
    "demo": ("trayclock.commands.demo", "the real app on a throw-away store with a scripted day"),
    "install-desktop": (
        "trayclock.commands.install_desktop",
        "put trayclock in the desktop's application menu (Linux)",
    ),
    "uninstall-desktop": (
        "trayclock.commands.uninstall_desktop",
        "take it out of the application menu again",
    ),
    "autostart": ("trayclock.commands.autostart", "start at login: on, off or status"),
    "backend": (
        "trayclock.commands.backend",
        "the billing backend to sync to: configure, test, show",
    ),
    "submit": ("trayclock.commands.submit", "submit days for sync (the review's Submit day)"),
    "sync": ("trayclock.commands.sync", "send what waits to the backend, now"),
    "invoice": (
        "trayclock.commands.invoice",
        "a month's draft invoices in Tryton, equal to trayclock's prices",
    ),
}
SELF_CHECK = "--self-check"
SELF_CHECK_MODULE = "trayclock.commands.self_check"


def _top_parser() -> CommandParser:
    from trayclock.commands.arguments import CommandParser  # not for the bare tray (module doc)

    parser = CommandParser(
        prog="trayclock",
        description="Notices your remote-support sessions, asks which customer, prices and "
        "syncs them. Without a command, starts the tray.",
    )
    parser.add_argument("--version", action="version", version=f"trayclock {__version__}")
    parser.add_argument(
        SELF_CHECK,
        action="store_true",
        help="check what trayclock needs on this machine (versions, Qt, tray, detection, "
        "folders, keyring); exit status 1 when something essential is missing "
        "(--self-check --json for JSON)",
    )
    lines = [f"  {name:<18} {help_}" for name, (_, help_) in COMMANDS.items()]
    parser.epilog = "commands:\n" + "\n".join(lines) + "\n\n'trayclock COMMAND --help' for details."
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    return parser


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run one command line; `clock` is the time every command reads (tests pass their own)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        return _tray()  # nothing to parse (the top parser would accept it as it is)
    if args[0] in COMMANDS or args[0] == SELF_CHECK:
        from trayclock.commands.arguments import CommandParser  # as _top_parser's

        name = args[0]
        module_name, help_ = COMMANDS.get(name, (SELF_CHECK_MODULE, "check this machine"))
        module = importlib.import_module(module_name)
        parser = CommandParser(prog=f"trayclock {name}", description=help_)
        module.add_arguments(parser)
        if clock is None:
            from trayclock.clock import SystemClock

            clock = SystemClock()
        try:
            parsed = parser.parse_args(args[1:])
        except SystemExit as done:  # --help, or a refused argument (one line on stderr)
            return _status(done)
        return int(module.run(parsed, clock))
    parser = _top_parser()
    try:
        _, rest = parser.parse_known_args(args)
        if rest:
            parser.error(f"unknown command {rest[0]!r}")
    except SystemExit as done:
        return _status(done)
    return _tray()


def _tray() -> int:
    """The tray, once it is sure there is a desktop to show it on."""
    from trayclock.commands.display import no_display_problem

    problem = no_display_problem()
    if problem:
        sys.stderr.write(f"trayclock: {problem}\n")
        return ExitCode.INVALID_INPUT
    from trayclock.ui.qt_import import load_qt

    load_qt()  # first: the modules imported after it are not read by PySide6's feature hook
    from trayclock.app import run_tray  # the composition root: only now is Qt loaded

    return run_tray()


def _status(done: SystemExit) -> int:
    return done.code if isinstance(done.code, int) else ExitCode.OK if done.code is None else 1
