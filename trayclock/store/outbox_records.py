"""What the sync worker records on an outbox row (store/outbox.py): about to send, confirmed,
to retry, refused, in conflict, decided. The entries' sync_state follows in
store/submission.py, which calls these."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from trayclock.domain.sync_reason import SyncReason, to_json
from trayclock.store.db import StoreError, encode_time, transaction
from trayclock.store.outbox import OutboxRow, RemoteState, RowState, get


def mark_sending(
    conn: sqlite3.Connection,
    backend: str,
    sending: Sequence[tuple[str, int, str | None]],
    *,
    now: datetime,
) -> None:
    """(entry, revision, the owned fingerprint it will have) about to be sent: committed
    before the request, so a crash or a lost answer is known to have maybe landed."""
    with transaction(conn):
        conn.executemany(
            "UPDATE outbox SET sending_revision = ?, sending_owned = COALESCE(?, sending_owned), "
            "updated_at = ? "
            "WHERE backend = ? AND entry_uuid = ?",
            [(rev, owned, encode_time(now), backend, uuid) for uuid, rev, owned in sending],
        )


def record_sent(
    conn: sqlite3.Connection,
    backend: str,
    entry_uuid: str,
    revision: int,
    remote: RemoteState | None,
    *,
    now: datetime,
    digest: str | None = None,
) -> OutboxRow:
    """The backend confirmed `revision` (`remote` None: the line is absent; `digest`: of the
    values it holds). Synced unless the entry changed meanwhile (then still pending, for
    the newer revision)."""
    with transaction(conn):
        conn.execute(
            "UPDATE outbox SET sent_revision = ?, sending_revision = NULL, sending_owned = NULL, "
            "state = CASE WHEN revision <= ? AND state != 'conflict' THEN 'synced' ELSE state END,"
            " attempts = 0, next_attempt_at = NULL, last_reason = NULL, conflict = NULL, "
            "remote_id = ?, remote_version = ?, remote_owned = ?, invoiced = ?, updated_at = ?, "
            "sent_digest = ? WHERE backend = ? AND entry_uuid = ?",
            (
                revision,
                revision,
                None if remote is None else remote.remote_id,
                None if remote is None else remote.version,
                None if remote is None else remote.owned,
                int(remote is not None and remote.invoiced),
                encode_time(now),
                digest,
                backend,
                entry_uuid,
            ),
        )
    return _require(conn, backend, entry_uuid)


def record_retry(
    conn: sqlite3.Connection,
    backend: str,
    uuids: Sequence[str],
    why: SyncReason,
    *,
    next_attempt_at: datetime | None,
    now: datetime,
    count: bool = True,
) -> None:
    """A try that passes by itself failed (network, 5xx; `count` False: a pause the backend
    asked for, which is no fault of the line): its reason kept; the rows stay pending and
    keep their "maybe sent" mark."""
    with transaction(conn):
        conn.executemany(
            "UPDATE outbox SET attempts = attempts + ?, last_reason = ?, next_attempt_at = ?, "
            "updated_at = ? WHERE backend = ? AND entry_uuid = ? AND state = 'pending'",
            [
                (
                    int(count),
                    to_json(why),
                    None if next_attempt_at is None else encode_time(next_attempt_at),
                    encode_time(now),
                    backend,
                    uuid,
                )
                for uuid in uuids
            ],
        )


def record_failed(
    conn: sqlite3.Connection,
    backend: str,
    entry_uuid: str,
    revision: int,
    why: SyncReason,
    *,
    now: datetime,
) -> OutboxRow:
    """The backend refused `revision` (nothing was written). Failed unless the entry changed
    since (the change may cure it: then pending, with the reason kept)."""
    with transaction(conn):
        conn.execute(
            "UPDATE outbox SET state = CASE WHEN revision <= ? THEN 'failed' ELSE 'pending' END, "
            "sending_revision = NULL, sending_owned = NULL, attempts = attempts + 1, "
            "last_reason = ?, next_attempt_at = NULL, updated_at = ? "
            "WHERE backend = ? AND entry_uuid = ?",
            (revision, to_json(why), encode_time(now), backend, entry_uuid),
        )
    return _require(conn, backend, entry_uuid)


def record_conflict(
    conn: sqlite3.Connection,
    backend: str,
    entry_uuid: str,
    why: SyncReason,
    remote: Mapping[str, Any] | None,
    *,
    now: datetime,
) -> OutboxRow:
    """The remote line changed since trayclock wrote it (`remote`: it as read, None when it
    was deleted there): nothing more is sent until a person decides."""
    conflict = {"reason": why.as_dict(), "remote": None if remote is None else dict(remote)}
    stored = json.dumps(conflict, sort_keys=True, ensure_ascii=False)
    with transaction(conn):
        conn.execute(
            "UPDATE outbox SET state = 'conflict', sending_revision = NULL, sending_owned = NULL,"
            " last_reason = ?, conflict = ?, next_attempt_at = NULL, updated_at = ? "
            "WHERE backend = ? AND entry_uuid = ?",
            (to_json(why), stored, encode_time(now), backend, entry_uuid),
        )
    return _require(conn, backend, entry_uuid)


def resolve(
    conn: sqlite3.Connection,
    backend: str,
    entry_uuid: str,
    *,
    state: RowState,
    remote: RemoteState | None,
    revision: int,
    sent_revision: int | None,
    now: datetime,
) -> OutboxRow:
    """A conflict decided: the row's remote becomes the line as the server holds it."""
    with transaction(conn):
        conn.execute(
            "UPDATE outbox SET state = ?, conflict = NULL, last_reason = NULL, attempts = 0, "
            "next_attempt_at = NULL, sent_digest = NULL, revision = ?, sent_revision = ?, "
            "remote_id = ?, remote_version = ?, remote_owned = ?, invoiced = ?, updated_at = ? "
            "WHERE backend = ? AND entry_uuid = ?",
            (
                str(state),
                revision,
                sent_revision,
                None if remote is None else remote.remote_id,
                None if remote is None else remote.version,
                None if remote is None else remote.owned,
                int(remote is not None and remote.invoiced),
                encode_time(now),
                backend,
                entry_uuid,
            ),
        )
    return _require(conn, backend, entry_uuid)


def retry_failed(conn: sqlite3.Connection, backend: str, entry_uuid: str, *, now: datetime) -> None:
    """A person asks to send a failed entry again as it is."""
    with transaction(conn):
        conn.execute(
            "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = NULL, "
            "updated_at = ? WHERE backend = ? AND entry_uuid = ? AND state = 'failed'",
            (encode_time(now), backend, entry_uuid),
        )


def _require(conn: sqlite3.Connection, backend: str, entry_uuid: str) -> OutboxRow:
    row = get(conn, backend, entry_uuid)
    if row is None:
        raise StoreError(f"entry {entry_uuid} has no outbox row for {backend}")
    return row


def mark_invoiced(
    conn: sqlite3.Connection, backend: str, uuids: Sequence[str], *, now: datetime
) -> None:
    """The backend invoiced these entries' lines: their billed fields are locked."""
    with transaction(conn):
        conn.executemany(
            "UPDATE outbox SET invoiced = 1, updated_at = ? "
            "WHERE backend = ? AND entry_uuid = ? AND remote_id IS NOT NULL",
            [(encode_time(now), backend, uuid) for uuid in uuids],
        )
