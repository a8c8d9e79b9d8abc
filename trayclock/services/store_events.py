"""The store changed: one in-process notice for every window that shows stored data (no Qt).

Whatever writes through the services in this process says so here (the tray: detection,
attach, timers, the heartbeat; the review's edits; a settings or customers save), and an
open window that shows stored data subscribes instead of polling. Writes from another
process (the `trayclock` CLI) are not seen here: SQLite's `PRAGMA data_version` tells those
(`ReviewSource.changed_elsewhere`), checked when a window is shown or on the heartbeat.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

log = logging.getLogger(__name__)


class ChangeKind(Enum):
    """How much of what a window shows may have changed."""

    RUNNING_TIMES = "running_times"  # only running entries' "so far" moved (a heartbeat)
    DATA = "data"  # entries, customers or settings: read again, price again


@dataclass(frozen=True, slots=True)
class StoreChange:
    kind: ChangeKind
    origin: object | None = None  # who wrote (a subscriber can skip its own writes)


Listener = Callable[[StoreChange], None]


class StoreEvents:
    """Publish/subscribe for store changes, on one thread (the GUI thread)."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` after every change from now on; returns what unsubscribes it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, kind: ChangeKind, origin: object | None = None) -> None:
        change = StoreChange(kind, origin)
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # one broken window must not stop the others or the writer
                log.exception("a store-change listener failed")

    def data_changed(self, origin: object | None = None) -> None:
        self.publish(ChangeKind.DATA, origin)

    def running_times_moved(self, origin: object | None = None) -> None:
        self.publish(ChangeKind.RUNNING_TIMES, origin)
