"""The next unit of work the sync worker sends, chosen from the waiting outbox rows (pure).

- an entry discarded: DELETE its line (FORGET, without a request, when nothing was ever
  sent for it: a line can only exist if a create went out);
- a line known (a remote id): UPDATE it;
- a create that maybe landed (a request went out, its answer never recorded) for an older
  revision than the entry's: ADOPT — find the line by its marker and write the entry's
  values over it (a create would return it with the older values);
- else CREATE, in a batch with the following rows alike: rows that failed before go in
  smaller batches (halved for each failure), so a line a server keeps failing on ends up
  alone and the others go on. A create that maybe landed for this very revision is
  batched too: the adapter finds its marker before it creates (no duplicate).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from trayclock.store.outbox import OutboxRow

BATCH_SIZE = 50  # lines per create: Tryton took 0.08 s for 50 (shared/docs/backends.md)


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    ADOPT = "adopt"
    DELETE = "delete"
    FORGET = "forget"


@dataclass(frozen=True, slots=True)
class Unit:
    action: Action
    rows: tuple[OutboxRow, ...]


def never_sent(row: OutboxRow) -> bool:
    return row.remote is None and row.sent_revision is None and not row.maybe_sent


def _creates(row: OutboxRow, discarded: bool) -> bool:
    if discarded or row.remote is not None:
        return False
    return not row.maybe_sent or row.sending_revision == row.revision


def action_of(row: OutboxRow, discarded: bool) -> Action:
    if discarded:
        return Action.FORGET if never_sent(row) else Action.DELETE
    if row.remote is not None:
        return Action.UPDATE
    if row.maybe_sent and row.sending_revision != row.revision:
        return Action.ADOPT
    return Action.CREATE


def next_unit(
    rows: Sequence[OutboxRow], discarded: Mapping[str, bool], batch_size: int = BATCH_SIZE
) -> Unit | None:
    """The first row's unit (rows come least-tried first, then by the entry's start)."""
    if not rows:
        return None
    first = rows[0]
    action = action_of(first, discarded.get(first.entry_uuid, False))
    if action is not Action.CREATE:
        return Unit(action, (first,))
    size = max(1, batch_size >> min(first.attempts, 16))
    batch = [
        row
        for row in rows
        if row.attempts == first.attempts and _creates(row, discarded.get(row.entry_uuid, False))
    ][:size]
    return Unit(Action.CREATE, tuple(batch))
