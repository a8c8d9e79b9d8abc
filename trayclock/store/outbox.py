"""The sync outbox: one row per (backend, entry), updated in place, never one per attempt.

A row says what the backend should hold of an entry — its `revision` (the entry's change
counter, `entries.revision`): present with the entry's values, or absent if the entry is
discarded — and what is known of the remote line (id, version, the fingerprint of the
fields trayclock owns, invoiced). Its `state`:

- `pending`: the backend does not hold `revision` yet (the worker sends it);
- `synced`: the backend confirmed `revision` (`sent_revision == revision`);
- `failed`: the backend refused it (`last_reason` says why: trayclock.domain.sync_reason); a
  change to the entry makes it pending again, nothing else retries it;
- `conflict`: the remote line changed since trayclock wrote it (`conflict` holds it as read,
  and the reason); a person keeps theirs or ours (store/submission.py).

`sending_revision` is set, and committed, before a request goes out and cleared when its
outcome is recorded: a row that still has it after a crash or a lost answer "maybe landed",
so the worker looks for the line before it creates one.

An entry's `sync_state` follows its row of the configured backend (`implied_state`); the
store's entries.update calls `on_entry_change` in the same transaction as every change, so
an edit to a submitted entry is queued again without a second submit, and `check_unlocked`
refuses a change to the billed fields of an entry the backend invoiced.

What the worker records on a row is store/outbox_records.py; each backend's pauses,
store/sync_backends.py; what changes an entry's sync_state with its row, store/submission.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from trayclock.domain.entry import SyncState
from trayclock.domain.sync_reason import SyncReason, from_data, from_json
from trayclock.store import settings
from trayclock.store.db import StoreError, decode_time, encode_time, transaction


class RowState(StrEnum):
    PENDING = "pending"
    SYNCED = "synced"
    FAILED = "failed"
    CONFLICT = "conflict"


# Fields whose change the backend never sees: a change to only these queues nothing.
UNSENT_FIELDS = frozenset(
    {"sync_state", "reviewed", "overlap", "heartbeat", "end_reason", "session_key"}
)
# Fields an invoice fixes: an invoiced entry keeps them (its notes and ticket still change);
# its pauses decide its worked time, so they are billed too.
BILLED_FIELDS = frozenset(
    {"start", "end", "customer_id", "billable", "approved", "discarded", "attempt", "pauses"}
)
_FIELD_WORDS = {"customer_id": "customer", "discarded": "existence (discard)"}


class InvoicedEntryError(StoreError):
    """A change to a billed field of an entry that the backend has invoiced."""


@dataclass(frozen=True, slots=True)
class RemoteState:
    """What a backend holds of an entry's line, as the worker last learned it."""

    remote_id: str
    version: str | None = None
    owned: str | None = None
    invoiced: bool = False


@dataclass(frozen=True, slots=True)
class OutboxRow:
    backend: str
    entry_uuid: str
    state: RowState
    revision: int
    sent_revision: int | None
    sending_revision: int | None
    sending_owned: str | None
    attempts: int
    next_attempt_at: datetime | None
    last_reason: SyncReason | None  # why it waits or failed, or the conflict's reason
    remote: RemoteState | None
    conflict: dict[str, Any] | None
    updated_at: datetime
    sent_digest: str | None = None  # a digest of the values last confirmed (price included)

    @property
    def conflict_reason(self) -> SyncReason | None:
        """Why the line is a conflict, as the worker found it (None: not one)."""
        if self.conflict is None:
            return None
        return from_data(self.conflict.get("reason")) or self.last_reason

    @property
    def maybe_sent(self) -> bool:
        """A request went out whose outcome was never recorded (lost answer, crash)."""
        return self.sending_revision is not None


# --- which backend ----------------------------------------------------------------------------


def backend_id(config: Mapping[str, Any]) -> str:
    """A configured backend's identity: its kind and where it is (a Tryton database too).
    Lines of another identity are another backend's: configuring one queues everything
    submitted for it anew."""
    kind = str(config.get("name") or "")
    url = str(config.get("url") or "").rstrip("/")
    if not kind or not url:
        raise StoreError("a backend needs a name and a URL")
    database = config.get("database")
    return f"{kind}:{url}" + (f"/{database}" if database else "")


def configured_backend(conn: sqlite3.Connection) -> str | None:
    """The identity of the backend in the `backend` setting, None when none is configured."""
    value = settings.get(conn, settings.BACKEND)
    if not isinstance(value, dict) or not value.get("name") or not value.get("url"):
        return None
    return backend_id(value)


# --- reading ----------------------------------------------------------------------------------

_ROW_COLUMNS = (
    "backend, entry_uuid, state, revision, sent_revision, sending_revision, sending_owned, "
    "attempts, next_attempt_at, last_reason, remote_id, remote_version, remote_owned, "
    "invoiced, conflict, updated_at, sent_digest"
)


def row_from(row: Sequence[Any]) -> OutboxRow:
    remote = None
    if row[10] is not None:
        remote = RemoteState(str(row[10]), row[11], row[12], bool(row[13]))
    return OutboxRow(
        backend=row[0],
        entry_uuid=row[1],
        state=RowState(row[2]),
        revision=int(row[3]),
        sent_revision=row[4],
        sending_revision=row[5],
        sending_owned=row[6],
        attempts=int(row[7]),
        next_attempt_at=None if row[8] is None else decode_time(row[8]),
        last_reason=from_json(row[9]),
        remote=remote,
        conflict=None if row[14] is None else json.loads(row[14]),
        updated_at=decode_time(row[15]),
        sent_digest=row[16],
    )


def get(conn: sqlite3.Connection, backend: str, entry_uuid: str) -> OutboxRow | None:
    found = conn.execute(
        f"SELECT {_ROW_COLUMNS} FROM outbox WHERE backend = ? AND entry_uuid = ?",
        (backend, entry_uuid),
    ).fetchone()
    return None if found is None else row_from(found)


def waiting(
    conn: sqlite3.Connection,
    backend: str,
    states: Collection[RowState] = (RowState.PENDING,),
    *,
    due_at: datetime | None = None,
    limit: int | None = None,
) -> list[OutboxRow]:
    """Rows of `backend` in `states`, the least-tried first, then by the entry's start (a
    row that keeps failing sinks behind the others); with `due_at`, only rows whose next
    attempt is due by then."""
    marks = ", ".join("?" for _ in states)
    params: list[Any] = [backend, *(str(s) for s in states)]
    due = ""
    if due_at is not None:
        due = "AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)"
        params.append(encode_time(due_at))
    tail = "" if limit is None else f"LIMIT {int(limit)}"
    rows = conn.execute(
        f"SELECT {', '.join('o.' + c.strip() for c in _ROW_COLUMNS.split(','))} "
        f"FROM outbox o JOIN entries e ON e.uuid = o.entry_uuid "
        f"WHERE o.backend = ? AND o.state IN ({marks}) {due} "
        f"ORDER BY o.attempts, e.start, o.entry_uuid {tail}",
        params,
    )
    return [row_from(r) for r in rows]


def rows_of(conn: sqlite3.Connection, backend: str, uuids: Sequence[str]) -> list[OutboxRow]:
    """The rows of these entries (those that have one)."""
    found: list[OutboxRow] = []
    for offset in range(0, len(uuids), 500):
        part = list(uuids[offset : offset + 500])
        marks = ", ".join("?" for _ in part)
        found += [
            row_from(r)
            for r in conn.execute(
                f"SELECT {_ROW_COLUMNS} FROM outbox WHERE backend = ? AND entry_uuid IN ({marks})",
                [backend, *part],
            )
        ]
    return found


def counts(conn: sqlite3.Connection, backend: str) -> dict[RowState, int]:
    rows = conn.execute(
        "SELECT state, count(*) FROM outbox WHERE backend = ? GROUP BY state", (backend,)
    )
    found = {RowState(state): int(n) for state, n in rows}
    return {state: found.get(state, 0) for state in RowState}


def implied_state(row: OutboxRow) -> SyncState:
    """The entry's sync_state its row of the configured backend implies."""
    if row.state is RowState.CONFLICT:
        return SyncState.CONFLICT
    if row.state is RowState.FAILED:
        return SyncState.FAILED
    if row.state is RowState.PENDING:
        return SyncState.QUEUED if row.sent_revision is None else SyncState.CHANGED
    if row.remote is not None and row.remote.invoiced:
        return SyncState.INVOICED
    return SyncState.SYNCED


def entry_revision(conn: sqlite3.Connection, entry_uuid: str) -> int:
    found = conn.execute("SELECT revision FROM entries WHERE uuid = ?", (entry_uuid,)).fetchone()
    if found is None:
        raise StoreError(f"no entry {entry_uuid}")
    return int(found[0])


def revisions(conn: sqlite3.Connection, uuids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for offset in range(0, len(uuids), 500):
        part = list(uuids[offset : offset + 500])
        marks = ", ".join("?" for _ in part)
        for uuid, revision in conn.execute(
            f"SELECT uuid, revision FROM entries WHERE uuid IN ({marks})", part
        ):
            found[str(uuid)] = int(revision)
    return found


# --- the store's hook (entries.update calls these inside its transaction) --------------------


def counts_as_change(changed: Iterable[str]) -> bool:
    """Whether a change to these fields is one the backend must see."""
    return any(name not in UNSENT_FIELDS for name in changed)


def check_unlocked(
    conn: sqlite3.Connection, entry_uuid: str, before: SyncState, changed: Iterable[str]
) -> None:
    """Refuse a change to a billed field of an entry its backend invoiced."""
    if before is SyncState.LOCAL:
        return
    billed = sorted(set(changed) & BILLED_FIELDS)
    if not billed:
        return
    locked = conn.execute(
        "SELECT backend FROM outbox WHERE entry_uuid = ? AND invoiced = 1 LIMIT 1", (entry_uuid,)
    ).fetchone()
    if locked is not None:
        kind = str(locked[0]).split(":", 1)[0]
        fields = ", ".join(_FIELD_WORDS.get(name, name) for name in billed)
        raise InvoicedEntryError(
            f"entry {entry_uuid} is invoiced in {kind}: its {fields} can no longer change "
            "(its ticket and notes still can); correct the invoice there first"
        )


def on_entry_change(
    conn: sqlite3.Connection,
    entry_uuid: str,
    before: SyncState,
    changed: Iterable[str],
    *,
    now: datetime,
) -> SyncState | None:
    """After a change to a submitted entry: its row of the configured backend wants the new
    revision (made pending; a conflict stays one, with the newest revision). Returns the
    entry's new sync_state, or None when nothing is queued (never submitted, no backend)."""
    if before is SyncState.LOCAL or not counts_as_change(changed):
        return None
    backend = configured_backend(conn)
    if backend is None:
        return None
    return enqueue(conn, backend, entry_uuid, now=now)


def enqueue(conn: sqlite3.Connection, backend: str, entry_uuid: str, *, now: datetime) -> SyncState:
    """Make the row want the entry's current revision (created if there is none); a synced
    row already holding it stays synced. Returns the entry's implied sync_state."""
    revision = entry_revision(conn, entry_uuid)
    stamp = encode_time(now)
    with transaction(conn):
        conn.execute(
            "INSERT INTO outbox (backend, entry_uuid, state, revision, updated_at) "
            "VALUES (?, ?, 'pending', ?, ?) ON CONFLICT (backend, entry_uuid) DO UPDATE SET "
            "state = CASE WHEN state = 'conflict' THEN 'conflict' "
            "  WHEN state = 'synced' AND sent_revision = excluded.revision THEN 'synced' "
            "  ELSE 'pending' END, "
            "revision = excluded.revision, attempts = 0, next_attempt_at = NULL, "
            "last_reason = CASE WHEN state = 'conflict' THEN last_reason ELSE NULL END, "
            "updated_at = excluded.updated_at",
            (backend, entry_uuid, revision, stamp),
        )
    row = get(conn, backend, entry_uuid)
    assert row is not None
    return implied_state(row)
