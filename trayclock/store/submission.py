"""An entry's sync_state changed together with its outbox row, in one transaction: submitting
(the review's "Submit day", `trayclock submit`), a newly configured backend taking every
submitted entry, the worker's outcomes, and a conflict decided ("keep mine" / "take
theirs", both written to the audit trail)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from trayclock.domain.entry import Entry, SyncState
from trayclock.domain.sync_reason import SyncReason
from trayclock.store import audit, entries, outbox, outbox_records
from trayclock.store.db import StoreError, transaction
from trayclock.store.outbox import OutboxRow, RemoteState, RowState

CONFLICT_FIELD = "sync_conflict"  # the audit trail's line for a decided conflict


def kind_of(backend: str) -> str:
    """`tryton` of `tryton:http://…/db`: how messages name a backend."""
    return backend.split(":", 1)[0]


def submit(conn: sqlite3.Connection, uuids: Sequence[str], *, now: datetime, reason: str) -> int:
    """Mark ended, kept entries reviewed and queue them for the configured backend (QUEUED
    without one: configuring one queues them then). An entry the backend holds as it is
    stays synced; a failed one is tried again. Returns how many entries changed."""
    changed = 0
    with transaction(conn):
        backend = outbox.configured_backend(conn)
        for uuid in uuids:
            before = entries.get(conn, uuid)
            if before is None or before.discarded or before.end is None:
                continue
            state = SyncState.QUEUED
            if backend is not None:
                state = outbox.enqueue(conn, backend, uuid, now=now)
            changes: dict[str, Any] = {"reviewed": True, "sync_state": state}
            after = entries.update(conn, uuid, changes, reason=reason, now=now)
            changed += int(after != before)
    return changed


def seed(conn: sqlite3.Connection, backend: str, *, now: datetime) -> int:
    """Queue every submitted, kept entry for `backend` that has no row there yet (a backend
    configured after the days were submitted, or a new one). Returns how many."""
    with transaction(conn):
        uuids = [
            str(row[0])
            for row in conn.execute(
                "SELECT uuid FROM entries WHERE sync_state != 'local' AND discarded = 0 "
                "AND uuid NOT IN (SELECT entry_uuid FROM outbox WHERE backend = ?) "
                "ORDER BY start",
                (backend,),
            )
        ]
        for uuid in uuids:
            state = outbox.enqueue(conn, backend, uuid, now=now)
            entries.update(
                conn, uuid, {"sync_state": state}, reason=f"sync: queued for {kind_of(backend)}",
                now=now, from_backend=True,
            )  # fmt: skip
    return len(uuids)


def _follow(conn: sqlite3.Connection, row: OutboxRow, reason: str, now: datetime) -> Entry:
    return entries.update(
        conn,
        row.entry_uuid,
        {"sync_state": outbox.implied_state(row)},
        reason=reason,
        now=now,
        from_backend=True,
    )


# --- the worker's outcomes ----------------------------------------------------------------


def sent(
    conn: sqlite3.Connection,
    backend: str,
    confirmed: Sequence[tuple[str, int, RemoteState | None]],
    *,
    now: datetime,
    digests: Mapping[str, str] | None = None,
) -> None:
    """The backend confirmed these (entry, revision, line or None for absent), at once;
    `digests`: of the values each now holds (to notice a price that changes later)."""
    kind = kind_of(backend)
    with transaction(conn):
        for uuid, revision, remote in confirmed:
            digest = None if digests is None else digests.get(uuid)
            row = outbox_records.record_sent(
                conn, backend, uuid, revision, remote, now=now, digest=digest
            )
            where = "absent" if remote is None else f"line {remote.remote_id}"
            _follow(conn, row, f"sync: {kind} holds revision {revision} ({where})", now)


def requeue(
    conn: sqlite3.Connection, backend: str, uuids: Sequence[str], *, now: datetime, reason: str
) -> None:
    """Send these synced entries again with a new revision though the entries did not
    change: what the backend holds of them did (their price, after another entry's edit)."""
    with transaction(conn):
        for uuid in uuids:
            conn.execute("UPDATE entries SET revision = revision + 1 WHERE uuid = ?", (uuid,))
            state = outbox.enqueue(conn, backend, uuid, now=now)
            entries.update(conn, uuid, {"sync_state": state}, reason=reason, now=now,
                           from_backend=True)  # fmt: skip


def failed(
    conn: sqlite3.Connection,
    backend: str,
    uuid: str,
    revision: int,
    why: SyncReason,
    *,
    said: str,
    now: datetime,
) -> None:
    """The backend refused the entry: `why` kept with its row, `said` (the reason in
    English: trayclock.sync.reasons.english) in the audit trail."""
    with transaction(conn):
        row = outbox_records.record_failed(conn, backend, uuid, revision, why, now=now)
        _follow(conn, row, f"sync: {kind_of(backend)} refused it: {said}", now)


def conflicted(
    conn: sqlite3.Connection,
    backend: str,
    uuid: str,
    why: SyncReason,
    remote: Mapping[str, Any] | None,
    *,
    said: str,
    now: datetime,
) -> None:
    """The line changed in the backend: a conflict (`said` as in `failed`)."""
    with transaction(conn):
        row = outbox_records.record_conflict(conn, backend, uuid, why, remote, now=now)
        _follow(conn, row, f"sync: conflict with {kind_of(backend)}: {said}", now)


def invoiced(
    conn: sqlite3.Connection, backend: str, uuids: Sequence[str], *, now: datetime
) -> None:
    """The backend invoiced these entries (`trayclock invoice`): locked from now on."""
    with transaction(conn):
        outbox_records.mark_invoiced(conn, backend, uuids, now=now)
        for uuid in uuids:
            row = outbox.get(conn, backend, uuid)
            if row is not None:
                _follow(conn, row, f"sync: invoiced in {kind_of(backend)}", now)


# --- a conflict decided --------------------------------------------------------------------


def _conflict_row(conn: sqlite3.Connection, backend: str, uuid: str) -> OutboxRow:
    row = outbox.get(conn, backend, uuid)
    if row is None or row.state is not RowState.CONFLICT:
        raise StoreError(f"entry {uuid} has no sync conflict with {kind_of(backend)}")
    return row


def conflict_remote(row: OutboxRow) -> RemoteState | None:
    """The line as the server held it when the conflict was found (None: deleted there)."""
    remote = (row.conflict or {}).get("remote")
    if not isinstance(remote, dict):
        return None
    return RemoteState(
        str(remote["remote_id"]),
        remote.get("version"),
        remote.get("owned"),
        bool(remote.get("invoiced")),
    )


def keep_mine(
    conn: sqlite3.Connection, backend: str, uuid: str, *, said: str, now: datetime
) -> Entry:
    """trayclock's values win: sent again over the server's line as it is now (made again
    when it was deleted there). Refused for a line the backend invoiced. `said`: the
    conflict's reason in English, for the audit trail."""
    kind = kind_of(backend)
    with transaction(conn):
        row = _conflict_row(conn, backend, uuid)
        remote = conflict_remote(row)
        if remote is not None and remote.invoiced:
            raise StoreError(
                f"entry {uuid} is invoiced in {kind}: its billed values are fixed there; "
                f"take {kind}'s values, or correct the invoice in {kind} first"
            )
        decided = outbox_records.resolve(
            conn, backend, uuid, state=RowState.PENDING, remote=remote,
            revision=outbox.entry_revision(conn, uuid), sent_revision=row.sent_revision, now=now,
        )  # fmt: skip
        audit.record(
            conn, uuid, CONFLICT_FIELD, said, "kept trayclock's",
            reason=f"sync: conflict with {kind}: kept mine", at=now,
        )  # fmt: skip
        return _follow(conn, decided, f"sync: conflict with {kind}: kept mine", now)


def take_theirs(
    conn: sqlite3.Connection,
    backend: str,
    uuid: str,
    changes: Mapping[str, Any],
    *,
    said: str,
    now: datetime,
) -> Entry:
    """The server's line wins: `changes` (the entry's fields made to match it; a line deleted
    there discards the entry) are applied, and the line as it is counts as synced (`said` as
    in `keep_mine`)."""
    kind = kind_of(backend)
    with transaction(conn):
        row = _conflict_row(conn, backend, uuid)
        remote = conflict_remote(row)
        reason = f"sync: conflict with {kind}: took theirs"
        entries.update(conn, uuid, dict(changes), reason=reason, now=now, from_backend=True)
        revision = outbox.entry_revision(conn, uuid)
        decided = outbox_records.resolve(
            conn, backend, uuid, state=RowState.SYNCED, remote=remote,
            revision=revision, sent_revision=revision, now=now,
        )  # fmt: skip
        audit.record(conn, uuid, CONFLICT_FIELD, said, f"took {kind}'s", reason=reason, at=now)
        return _follow(conn, decided, reason, now)
