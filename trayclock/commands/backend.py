"""`trayclock backend configure|test|show`: the billing backend sync sends to.

    trayclock backend configure tryton --url URL --database DB --user USER [--password-stdin]
    trayclock backend configure kimai --url URL [--token-stdin]
    trayclock backend configure webhook --url URL [--secret-stdin]
    trayclock backend test
    trayclock backend show

The secret goes to the OS keyring only (asked without echo, or one line of standard
input); the rest to the store's `backend` setting. Configuring again replaces the stored
secret, lifts a "login failed" pause and queues every submitted entry for a new backend.
"""

from __future__ import annotations

import argparse
import sys

from trayclock.commands._store_cli import CommandError, fail, open_store
from trayclock.commands._sync_cli import configured, keyring, read_secret
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode
from trayclock.services import sync as sync_service
from trayclock.sync.backend import SyncError
from trayclock.sync.config import SECRET_WORDS, BackendConfig
from trayclock.sync.http import InsecureUrl, require_safe_url
from trayclock.sync.reasons import english
from trayclock.sync.secrets import KeyringUnavailable

STDIN_OPTIONS = {
    "tryton": "--password-stdin",
    "kimai": "--token-stdin",
    "webhook": "--secret-stdin",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    configure = sub.add_parser("configure", help="set the backend (the secret goes to the keyring)")
    kinds = configure.add_subparsers(dest="kind", required=True)
    tryton = kinds.add_parser("tryton", help="Tryton 8.2 over JSON-RPC")
    tryton.add_argument("--url", required=True, help="the server, e.g. https://erp.example.com")
    tryton.add_argument("--database", required=True, help="the Tryton database name")
    tryton.add_argument("--user", required=True, help="the Tryton user (with an employee)")
    tryton.add_argument(
        "--password-stdin", action="store_true",
        help="read the password from one line of standard input (else asked without echo)",
    )  # fmt: skip
    kimai = kinds.add_parser("kimai", help="Kimai 2 by its JSON API")
    kimai.add_argument(
        "--url", required=True, help="the Kimai instance, e.g. https://kimai.example"
    )
    kimai.add_argument(
        "--token-stdin", action="store_true",
        help="read the API token from one line of standard input (else asked without echo)",
    )  # fmt: skip
    webhook = kinds.add_parser("webhook", help="a signed JSON POST (docs/webhook.md)")
    webhook.add_argument("--url", required=True, help="where to POST each entry")
    webhook.add_argument(
        "--secret-stdin", action="store_true",
        help="read the signing secret from one line of standard input (else asked without echo)",
    )  # fmt: skip
    sub.add_parser("test", help="log in and check the connection and the credentials")
    sub.add_parser("show", help="the configured backend and the sync state (never the secret)")


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    try:
        if args.action == "configure":
            return _configure(args, clock)
        if args.action == "test":
            return _test(clock)
        return _show(clock)
    except CommandError as error:
        return fail(error.lines, error.status)


def _config_of(args: argparse.Namespace) -> BackendConfig:
    try:
        url = require_safe_url(args.url)
    except InsecureUrl as error:
        raise CommandError([f"--url: {error}"]) from None
    if args.kind == "tryton":
        database, user = args.database.strip(), args.user.strip()
        if not database or "/" in database:
            raise CommandError([f"--database: {args.database!r} is not a Tryton database name"])
        if not user:
            raise CommandError(["--user: a Tryton user name is needed"])
        return BackendConfig("tryton", url, database, user)
    return BackendConfig(args.kind, url)


def _configure(args: argparse.Namespace, clock: Clock) -> ExitCode:
    config = _config_of(args)
    option = STDIN_OPTIONS[config.kind]
    from_stdin = bool(getattr(args, option.removeprefix("--").replace("-", "_")))
    secret = read_secret(SECRET_WORDS[config.kind], from_stdin, option)
    store = keyring()
    conn = open_store()
    try:
        queued = sync_service.configure(conn, config, secret, keyring=store, now=clock.now())
    except KeyringUnavailable as error:
        raise CommandError([f"trayclock: {error}"], ExitCode.FAILED) from error
    finally:
        conn.close()
    sys.stdout.write(
        f"configured {config.describe()}; the {SECRET_WORDS[config.kind]} is in the "
        f"{store.label} keyring; {queued} submitted entries queued for it. "
        "`trayclock backend test` checks the connection.\n"
    )
    return ExitCode.OK


def _test(clock: Clock) -> ExitCode:
    conn = open_store()
    try:
        config = configured(conn)
    finally:
        conn.close()
    try:
        said = sync_service.test_connection(config, keyring=keyring(), clock=clock)
    except SyncError as error:
        return fail([f"{config.kind}: the connection test failed: {error}"], ExitCode.FAILED)
    sys.stdout.write(f"ok: {said}\n")
    return ExitCode.OK


def _show(clock: Clock) -> ExitCode:
    conn = open_store()
    try:
        config = configured(conn)
        status = sync_service.SyncService(conn, clock).status()
    finally:
        conn.close()
    try:
        stored = keyring().get(*config.secret_account()) is not None
        secret_line = "stored in the OS keyring" if stored else "NOT stored: configure again"
    except CommandError as error:
        secret_line = f"unknown ({error.lines[0]})"
    lines = [
        f"backend: {config.kind}",
        f"url: {config.url}",
        *([f"database: {config.database}", f"user: {config.user}"] if config.kind == "tryton"
          else []),
        f"{SECRET_WORDS[config.kind]}: {secret_line}",
        f"waiting: {status.waiting}, failed: {status.failed}, conflicts: {status.conflicts}",
        "last success: "
        + ("never" if status.last_success_at is None else status.last_success_at.isoformat()),
    ]  # fmt: skip
    if status.problem is not None:
        why = "" if status.problem_reason is None else english(status.problem_reason)
        lines.append(f"paused ({status.problem}): {why}")
    sys.stdout.write("".join(line + "\n" for line in lines))
    return ExitCode.OK
