"""Events held while the store refuses writes (a full disk, a lock), replayed in order;
an event whose replay fails for good is set aside so later ones still apply."""

from __future__ import annotations

import logging
from collections.abc import Callable

from trayclock.domain.session import SessionEvent
from trayclock.store.db import TransientStoreError

log = logging.getLogger(__name__)

PENDING_LIMIT = 10_000  # events kept in memory while the disk is full
DROPPED_KEPT = 100  # events set aside after a permanent failure, kept for a look


class EventQueue:
    """The events waiting for the store, oldest first, and the ones set aside."""

    def __init__(self) -> None:
        self._pending: list[SessionEvent] = []
        self._dropped: list[SessionEvent] = []
        self.dropped_count = 0

    @property
    def pending(self) -> int:
        return len(self._pending)

    @property
    def dropped(self) -> list[SessionEvent]:
        return list(self._dropped)

    def hold(self, event: SessionEvent, error: TransientStoreError) -> None:
        """Keep `event` for a later replay (unless the queue is full: then it is lost, logged)."""
        if len(self._pending) >= PENDING_LIMIT:
            log.error("queue full: %s event for %s dropped", event.kind, event.session.key)
            return
        self._pending.append(event)
        log.warning("%s event for %s queued: %s", event.kind, event.session.key, error)

    def replay(self, apply: Callable[[SessionEvent], object]) -> None:
        """Apply the held events in order; stop at the first the store still refuses."""
        while self._pending:
            event = self._pending[0]
            try:
                apply(event)
            except TransientStoreError:
                return
            except Exception:
                # Not a passing condition: retrying would fail forever and hold every later
                # event back. Set it aside (visible as `dropped`) and go on.
                log.exception("%s event for %s set aside", event.kind, event.session.key)
                self.dropped_count += 1
                self._dropped = [*self._dropped, event][-DROPPED_KEPT:]
            self._pending.pop(0)
