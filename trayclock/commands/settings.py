"""`trayclock settings export FILE` and `trayclock settings import FILE [--dry-run | --yes]`:
the company settings file (docs/rollout.md) a manager hands to every technician.

Import prints what would change (policy fields, customers added, changed and archived,
partner IDs added and moved) and changes nothing without `--yes`; `--dry-run` only prints.
A bad file exits 2 naming the file and the field, and nothing is imported.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from trayclock.commands._store_cli import CommandError, guarded, open_store
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.services.rollout import (
    MAX_FILE_BYTES,
    Rollout,
    RolloutError,
    export_text,
    parse_text,
    read_file,
    write_file,
)
from trayclock.services.rollout_plan import FieldChange, RolloutPlan, apply_import, plan_import
from trayclock.services.text_files import UnreadableFile, read_stream
from trayclock.store.db import StoreError

STDIO = "-"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    exp = sub.add_parser("export", help="write the company settings file ('-': standard output)")
    exp.add_argument("file", metavar="FILE")
    imp = sub.add_parser("import", help="show what a settings file changes; --yes imports it")
    imp.add_argument("file", metavar="FILE", help="the settings file ('-': standard input)")
    how = imp.add_mutually_exclusive_group()
    how.add_argument("--yes", action="store_true", help="import it (all or nothing)")
    how.add_argument("--dry-run", action="store_true", help="only show what would change")


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    if args.action == "export":
        return guarded(lambda: _export(args.file, clock))
    return guarded(lambda: _import(args.file, clock, apply=args.yes))


def _export(name: str, clock: Clock) -> ExitCode:
    target = Path(name)
    if name != STDIO and not target.parent.is_dir():
        raise CommandError([f"{name}: the folder {target.parent} does not exist"])
    conn = open_store()
    try:
        if name == STDIO:
            sys.stdout.write(export_text(conn, now=clock.now()))
            return ExitCode.OK
        write_file(conn, target, now=clock.now())
    except OSError as error:
        raise CommandError([f"{name}: cannot write: {error.strerror or error}"]) from error
    finally:
        conn.close()
    sys.stdout.write(f"{name}: company settings written\n")
    return ExitCode.OK


def _read(name: str) -> Rollout:
    if name != STDIO:
        return read_file(Path(name))
    try:
        text = read_stream(sys.stdin.buffer, "<stdin>", MAX_FILE_BYTES)
    except UnreadableFile as error:
        raise RolloutError([str(error)]) from None
    return parse_text(text, label="<stdin>")


def _import(name: str, clock: Clock, *, apply: bool) -> ExitCode:
    label = "<stdin>" if name == STDIO else name
    try:
        rollout = _read(name)
    except RolloutError as error:
        raise CommandError([*error.problems, f"{label}: nothing was imported"]) from error
    conn = open_store()
    try:
        plan = plan_import(conn, rollout)
        sys.stdout.write("".join(line + "\n" for line in describe_plan(plan)))
        if plan.empty:
            return ExitCode.OK
        if not apply:
            sys.stdout.write("nothing changed yet: run again with --yes to import\n")
            return ExitCode.OK
        try:
            apply_import(conn, rollout, now=clock.now(), label=label)
        except StoreError as error:
            raise CommandError([f"{label}: not imported: {error}"], ExitCode.FAILED) from error
    finally:
        conn.close()
    sys.stdout.write(f"{label}: imported\n")
    return ExitCode.OK


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _change(change: FieldChange) -> str:
    return f"{change.field}: {_shown(change.old)} -> {_shown(change.new)}"


def describe_plan(plan: RolloutPlan) -> list[str]:
    """What an import changes, one line each (the command line's words)."""
    if plan.empty:
        lines = ["no changes: this computer already has these settings"]
    else:
        lines = [f"policy {_change(change)}" for change in plan.policy]
        lines += [f"customer added: {spec.name} ({spec.key})" for spec in plan.added]
        for customer in plan.changed:
            lines += [
                f"customer changed: {customer.name} ({customer.key}) {_change(change)}"
                for change in customer.changes
            ]
        lines += [
            f"customer removed (archived; its entries stay): {c.name} ({c.key})"
            for c in plan.removed
        ]
        lines += [
            f"partner added: {p.app}:{p.partner_id} -> {p.new_customer}"
            for p in plan.partners_added
        ]
        lines += [
            f"partner moved: {p.app}:{p.partner_id} from {p.old_customer} to {p.new_customer}"
            for p in plan.partners_moved
        ]
    lines += [
        f"note: {key} is new here, but this computer has the same name as {local}; "
        "they stay two customers"
        for key, local in plan.same_names
    ]
    if plan.kept_here:
        lines.append(f"kept (only on this computer): {', '.join(plan.kept_here)}")
    return lines
