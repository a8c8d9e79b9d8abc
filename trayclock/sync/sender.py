"""One unit of work (sync/units.py) through an adapter, and its outcome recorded at once.

Before a request goes out its rows are marked "maybe sent" (committed); the moment the
backend confirms, the line's id, version and fingerprint are stored (store/submission.py),
so a crash between the two costs a marker search on the next try, never a duplicate. A
refused batch is sent again one by one, to find the line the backend refuses; the others go
on. Errors that are not about one line (network, 5xx, 429, credentials) propagate to the
worker, which pauses the backend; `pending` then names the rows still unresolved.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from trayclock.domain.clock import Clock
from trayclock.domain.sync_reason import SyncReason
from trayclock.store import outbox_records, submission
from trayclock.store.outbox import OutboxRow, RemoteState
from trayclock.sync.backend import Backend, ConflictError, LineValues, RefusedError, RemoteLine
from trayclock.sync.reasons import english
from trayclock.sync.units import Action, Unit
from trayclock.sync.values import digest


def remote_state(line: RemoteLine) -> RemoteState:
    return RemoteState(line.remote_id, line.version, line.owned, line.invoiced)


def remote_line(row: OutboxRow) -> RemoteLine | None:
    if row.remote is None:
        return None
    r = row.remote
    return RemoteLine(r.remote_id, row.entry_uuid, r.version, r.invoiced, owned=r.owned)


def conflict_record(line: RemoteLine | None) -> dict[str, Any] | None:
    """The remote line as read, kept with the conflict (for "take theirs" and the UI)."""
    if line is None:
        return None
    return {
        "remote_id": line.remote_id,
        "version": line.version,
        "owned": line.owned,
        "invoiced": line.invoiced,
        "duration_s": None if line.duration is None else line.duration.total_seconds(),
        "description": line.description,
        "extra": dict(line.extra),
    }


class Sender:
    """Sends units for one backend over one store connection."""

    def __init__(
        self, conn: sqlite3.Connection, backend: str, adapter: Backend, clock: Clock
    ) -> None:
        self.conn = conn
        self.backend = backend
        self.adapter = adapter
        self.clock = clock
        self.pending: set[str] = set()
        self.outcomes = {"sent": 0, "failed": 0, "conflict": 0}

    def send(self, unit: Unit, values: Mapping[str, LineValues]) -> None:
        self.pending = {row.entry_uuid for row in unit.rows}
        first = unit.rows[0]
        if unit.action is Action.FORGET:
            self._confirm([(first, None)])
        elif unit.action is Action.DELETE:
            self._delete(first)
        elif unit.action is Action.UPDATE:
            self._update(first, values[first.entry_uuid], remote_line(first))
        elif unit.action is Action.ADOPT:
            found = self.adapter.find(first.entry_uuid)
            if found is None:
                self._create_one(first, values[first.entry_uuid])
            else:
                self._update(first, values[first.entry_uuid], found)
        else:
            self._create(unit.rows, values)

    # -- outcomes ----------------------------------------------------------------------------

    def _mark(self, rows: Sequence[OutboxRow], values: Sequence[LineValues | None]) -> None:
        sending = [
            (row.entry_uuid, row.revision, None if v is None else self._owned(v))
            for row, v in zip(rows, values, strict=True)
        ]
        outbox_records.mark_sending(self.conn, self.backend, sending, now=self.clock.now())

    def _owned(self, values: LineValues) -> str | None:
        try:
            return self.adapter.owned_of(values)
        except RefusedError:  # the request that follows says why
            return None

    def digest(self, values: LineValues) -> str:
        """What the backend holds once it took `values`: the adapter's fingerprint of the
        fields it keeps (Tryton keeps no price), else every field."""
        return self._owned(values) or digest(values)

    def _confirm(
        self,
        done: Iterable[tuple[OutboxRow, RemoteLine | None]],
        values: Mapping[str, LineValues] | None = None,
    ) -> None:
        confirmed = [
            (row.entry_uuid, row.revision, None if line is None else remote_state(line))
            for row, line in done
        ]
        digests = {u: self.digest(v) for u, v in (values or {}).items()}
        submission.sent(self.conn, self.backend, confirmed, now=self.clock.now(),
                        digests=digests)  # fmt: skip
        self.pending -= {uuid for uuid, _, _ in confirmed}
        self.outcomes["sent"] += len(confirmed)

    def _failed(self, row: OutboxRow, why: SyncReason) -> None:
        submission.failed(
            self.conn, self.backend, row.entry_uuid, row.revision, why, said=english(why),
            now=self.clock.now(),
        )  # fmt: skip
        self.pending.discard(row.entry_uuid)
        self.outcomes["failed"] += 1

    def _conflict(self, row: OutboxRow, error: ConflictError) -> None:
        submission.conflicted(
            self.conn, self.backend, row.entry_uuid, error.reason,
            conflict_record(error.remote), said=english(error.reason), now=self.clock.now(),
        )  # fmt: skip
        self.pending.discard(row.entry_uuid)
        self.outcomes["conflict"] += 1

    # -- actions -----------------------------------------------------------------------------

    def _create(self, rows: Sequence[OutboxRow], values: Mapping[str, LineValues]) -> None:
        wanted = [values[row.entry_uuid] for row in rows]
        self._mark(rows, wanted)
        try:
            made = self.adapter.create(wanted)
        except (RefusedError, ConflictError) as error:
            if len(rows) == 1:
                self._settle(rows[0], error)
                return
            for row in rows:  # one by one, to find the line refused
                self._create_one(row, values[row.entry_uuid])
            return
        self._confirm(zip(rows, made, strict=True), values)

    def _create_one(self, row: OutboxRow, values: LineValues) -> None:
        self._mark([row], [values])
        try:
            (made,) = self.adapter.create([values])
        except (RefusedError, ConflictError) as error:
            self._settle(row, error)
            return
        self._confirm([(row, made)], {row.entry_uuid: values})

    def _settle(self, row: OutboxRow, error: RefusedError | ConflictError) -> None:
        if isinstance(error, ConflictError):
            self._conflict(row, error)
        else:
            self._failed(row, error.reason)

    def _ours(self, row: OutboxRow, error: ConflictError) -> bool:
        """The "change" is our own write whose answer was lost (its fingerprint is the one
        we were sending), not an office edit."""
        theirs = error.remote
        return (
            row.maybe_sent
            and row.sending_owned is not None
            and theirs is not None
            and theirs.owned == row.sending_owned
        )

    def _update(self, row: OutboxRow, values: LineValues, remote: RemoteLine | None) -> None:
        assert remote is not None
        self._mark([row], [values])
        try:
            try:
                line = self.adapter.update(remote, values)
            except ConflictError as error:
                if not self._ours(row, error):
                    raise
                assert error.remote is not None
                line = self.adapter.update(error.remote, values)  # locked on the line as it is
        except (RefusedError, ConflictError) as error:
            self._settle(row, error)
            return
        self._confirm([(row, line)], {row.entry_uuid: values})

    def _delete(self, row: OutboxRow) -> None:
        remote = remote_line(row)
        if remote is None:
            remote = self.adapter.find(row.entry_uuid)
            if remote is None:  # absent already: what was asked
                self._confirm([(row, None)])
                return
        self._mark([row], [None])
        try:
            try:
                self.adapter.delete(remote)
            except ConflictError as error:
                if not self._ours(row, error):
                    raise
                assert error.remote is not None
                self.adapter.delete(error.remote)
        except (RefusedError, ConflictError) as error:
            self._settle(row, error)
            return
        self._confirm([(row, None)])
