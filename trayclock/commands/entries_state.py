"""`trayclock entries discard UUID…` / `entries restore UUID…`: the review window's discard
(recoverable) for scripts. An entry already submitted is queued again by the store (its
line is removed from, or comes back to, the backend) without a second `submit`.

Kept apart from commands/entries.py (import and list), which dispatches here.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from trayclock.commands._store_cli import CommandError, open_store
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.store import entries
from trayclock.store.db import StoreError, transaction

ACTIONS = ("discard", "restore")


def add_subcommands(sub: Any) -> None:
    """Add `discard` and `restore` to the `entries` command's sub-parsers."""
    for action, what in (("discard", "hide entries from billing (recoverable)"),
                         ("restore", "bring discarded entries back")):  # fmt: skip
        parser = sub.add_parser(action, help=what)
        parser.add_argument("uuids", nargs="+", metavar="UUID", help="entry ids")


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    uuids = list(dict.fromkeys(u.strip() for u in args.uuids))
    conn = open_store()
    try:
        found = entries.get_many(conn, uuids)
        missing = [u for u in uuids if u not in found]
        if missing:
            raise CommandError([f"UUID: no entry {u}" for u in missing])
        now = clock.now()
        changed = 0
        try:
            with transaction(conn):
                for uuid in uuids:
                    entry = found[uuid]
                    if args.action == "discard" and not entry.discarded:
                        entries.discard(conn, uuid, now=now, reason="cli: discarded")
                        changed += 1
                    elif args.action == "restore" and entry.discarded:
                        entries.restore(conn, uuid, now=now)
                        changed += 1
        except StoreError as error:
            raise CommandError([f"trayclock entries {args.action}: {error}"],
                               ExitCode.FAILED) from error  # fmt: skip
    finally:
        conn.close()
    done = "discarded" if args.action == "discard" else "restored"
    sys.stdout.write(f"{changed} entries {done}, {len(uuids) - changed} already so\n")
    return ExitCode.OK
