"""What the sync commands (backend, submit, sync, invoice) share: the configured backend,
the OS keyring, a secret read without echo or from one line of standard input."""

from __future__ import annotations

import getpass
import sqlite3
import sys
from datetime import date

from trayclock.commands._store_cli import CommandError
from trayclock.exit_code import ExitCode
from trayclock.sync import config as backend_config
from trayclock.sync.config import BackendConfig
from trayclock.sync.secrets import KeyringUnavailable, Secret, SecretStore, open_store

MAX_SECRET_CHARS = 4096  # one line of standard input, bounded


def configured(conn: sqlite3.Connection) -> BackendConfig:
    config = backend_config.configured(conn)
    if config is None:
        raise CommandError(
            ["no backend is configured: run `trayclock backend configure tryton|kimai|webhook …`"]
        )
    return config


def keyring() -> SecretStore:
    try:
        return open_store()
    except KeyringUnavailable as error:
        raise CommandError([f"trayclock: {error}"], ExitCode.FAILED) from error


def read_secret(what: str, from_stdin: bool, option: str) -> Secret:
    """One line of standard input (its newline removed) with `option`, else asked on the
    terminal without echo."""
    if from_stdin:
        line = sys.stdin.readline(MAX_SECRET_CHARS + 1)
        if len(line) > MAX_SECRET_CHARS:
            raise CommandError(
                [f"{option}: the {what} is longer than {MAX_SECRET_CHARS} characters"]
            )
        text = line.removesuffix("\n").removesuffix("\r")
    else:
        try:
            text = getpass.getpass(f"{what[:1].upper()}{what[1:]}: ")
        except (EOFError, KeyboardInterrupt):
            text = ""
    if not text:
        source = "standard input" if from_stdin else "the terminal"
        raise CommandError([f"{option}: no {what} was given on {source}"])
    return Secret(text)


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError([f"{option}: {text!r} is not a date (YYYY-MM-DD)"]) from None


def parse_month(text: str, option: str) -> date:
    value = text.strip()
    if len(value) != 7 or value[4] != "-":
        raise CommandError([f"{option}: {text!r} is not a month (YYYY-MM)"])
    try:
        return date(int(value[:4]), int(value[5:]), 1)
    except ValueError:
        raise CommandError([f"{option}: {text!r} is not a month (YYYY-MM)"]) from None
