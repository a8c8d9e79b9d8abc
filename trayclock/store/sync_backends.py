"""Each sync backend's state: transient failures in a row and when to try again, and a
problem that stops sending until someone acts (a refused login, wrong settings, a locked
keyring) or until a time (HTTP 429); when it last answered, when customers were exchanged."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from trayclock.domain.sync_reason import SyncReason, from_json, to_json
from trayclock.store.db import decode_time, encode_time, transaction


class Problem(StrEnum):
    """Why a backend is paused (None: it is not)."""

    RATE_LIMITED = "rate_limited"  # HTTP 429: until `retry_at`
    NEEDS_PASSWORD = "needs_password"  # credentials refused: until configured again
    SETTINGS = "settings"  # the settings are wrong (database, URL, product): until configured
    KEYRING = "keyring"  # the OS keyring is locked or missing: retried with the backoff
    UNREACHABLE = "unreachable"  # transient failures in a row: retried with the backoff


@dataclass(frozen=True, slots=True)
class BackendState:
    backend: str
    failures: int = 0
    retry_at: datetime | None = None
    problem: Problem | None = None
    problem_reason: SyncReason | None = None  # what the last failure was
    last_success_at: datetime | None = None
    last_attempt_at: datetime | None = None
    customers_at: datetime | None = None


def backend_state(conn: sqlite3.Connection, backend: str) -> BackendState:
    found = conn.execute(
        "SELECT failures, retry_at, problem, problem_reason, last_success_at, last_attempt_at, "
        "customers_at FROM sync_backends WHERE backend = ?",
        (backend,),
    ).fetchone()
    if found is None:
        return BackendState(backend)
    times = [None if v is None else decode_time(v) for v in (found[1], found[4], found[5])]
    return BackendState(
        backend=backend,
        failures=int(found[0]),
        retry_at=times[0],
        problem=None if found[2] is None else Problem(found[2]),
        problem_reason=from_json(found[3]),
        last_success_at=times[1],
        last_attempt_at=times[2],
        customers_at=None if found[6] is None else decode_time(found[6]),
    )


def save_backend_state(conn: sqlite3.Connection, state: BackendState, *, now: datetime) -> None:
    def stamp(moment: datetime | None) -> str | None:
        return None if moment is None else encode_time(moment)

    with transaction(conn):
        conn.execute(
            "INSERT INTO sync_backends (backend, failures, retry_at, problem, problem_reason, "
            "last_success_at, last_attempt_at, customers_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (backend) DO UPDATE SET "
            "failures = excluded.failures, retry_at = excluded.retry_at, "
            "problem = excluded.problem, problem_reason = excluded.problem_reason, "
            "last_success_at = excluded.last_success_at, "
            "last_attempt_at = excluded.last_attempt_at, customers_at = excluded.customers_at, "
            "updated_at = excluded.updated_at",
            (
                state.backend,
                state.failures,
                stamp(state.retry_at),
                None if state.problem is None else str(state.problem),
                None if state.problem_reason is None else to_json(state.problem_reason),
                stamp(state.last_success_at),
                stamp(state.last_attempt_at),
                stamp(state.customers_at),
                encode_time(now),
            ),
        )
