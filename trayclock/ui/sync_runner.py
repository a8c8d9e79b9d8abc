"""Sync in the running app: the background worker (sync/background.py, on a thread of its
own with its own SQLite connection) started when a backend is configured — at start-up or
later, from the settings window — woken when the store changes (something was queued) and
when the network comes back, and stopped on quit within a deadline.

What each pass did comes to the GUI thread only through a `Doorway`; there the sync state
is read from the store (services/sync.py) and, when it moved, announced on StoreEvents so
the tray and an open review window show it. The worker never touches a widget.

The network: Qt's QNetworkInformation (ui/network_watch.py), watched once sync first runs
(QtNetwork and its backend's thread are memory an idle tray without a backend does not
need); without a backend for it the worker's own backoff (at most 15 minutes) finds the
network back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from trayclock.services.store_events import ChangeKind, StoreChange, StoreEvents
from trayclock.services.sync import SyncService, SyncStatus
from trayclock.ui.doorway import Doorway

if TYPE_CHECKING:
    from trayclock.ui.network_watch import NetworkWatch

log = logging.getLogger(__name__)

STOP_DEADLINE_S = 5.0  # quitting waits this long for a request in flight; the outbox keeps it


class Background(Protocol):
    """sync/background.BackgroundSync as the runner uses it."""

    @property
    def running(self) -> bool: ...

    def start(self) -> None: ...

    def wake(self, *, network_back: bool = False) -> None: ...

    def stop(self, wait_s: float = ...) -> bool: ...


# Builds the background worker; its argument is told of every pass, on the sync thread.
MakeBackground = Callable[[Callable[[object], None]], Background]


class SyncRunner(QObject):
    """Runs sync beside the GUI; `passed(report)` on the GUI thread after every pass."""

    passed = Signal(object)  # sync.worker.RunReport, or None when the pass failed (see the log)

    def __init__(
        self,
        make_background: MakeBackground,
        service: SyncService,
        events: StoreEvents,
        *,
        watch_network: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._make = make_background
        self.service = service
        self.events = events
        self.background: Background | None = None
        self.doorway = Doorway(self)
        self.doorway.arrived.connect(self.on_pass)
        self.status: SyncStatus = service.status()
        self._stopped = False  # after stop (quitting): nothing starts again
        self._watch_network = watch_network
        self.network: NetworkWatch | None = None  # from the first start
        self._unsubscribe = events.subscribe(self.on_store_changed)

    @property
    def running(self) -> bool:
        return self.background is not None and self.background.running

    def start(self) -> bool:
        """Start the worker if a backend is configured and it is not running; True if it runs."""
        if self.running:
            return True
        if self._stopped or self.service.config() is None:
            return False
        if self.background is None:
            self.background = self._make(self.doorway.post)
        log.info("sync starts in the background (%s)", self.status.configured or "a backend")
        self.background.start()
        self._watch()
        return True

    def _watch(self) -> None:
        if self._watch_network and self.network is None:
            from trayclock.ui.network_watch import NetworkWatch

            self.network = NetworkWatch(self)
            self.network.back.connect(lambda: self.wake(network_back=True))

    def wake(self, *, network_back: bool = False) -> None:
        if self.start() and self.background is not None:
            self.background.wake(network_back=network_back)

    def sync_now(self) -> None:
        """The tech asked ("Sync now", a password typed again): every waiting entry now,
        backoffs skipped (a 429's pause is still honoured)."""
        self.wake(network_back=True)

    def stop(self, wait_s: float = STOP_DEADLINE_S) -> bool:
        """End the worker after its current request, waiting `wait_s` at most; False when it
        did not end in time (a daemon thread: it dies with the process, and the outbox
        keeps what it was sending, to be looked up at the next start)."""
        self._stopped = True
        self._unsubscribe()
        if self.background is None:
            return True
        return self.background.stop(wait_s)

    # -- what happens

    def on_store_changed(self, change: StoreChange) -> None:
        """Something was written (submitted, edited, a backend configured): look now."""
        if change.origin is self or change.kind is not ChangeKind.DATA:
            return
        self.wake()

    def on_pass(self, report: object) -> None:
        """A pass ended (GUI thread): read the state, and say so when it moved."""
        if self._stopped:
            return  # posted before the stop; the store may be closed by now
        before, self.status = self.status, self.service.status()
        progressed = bool(getattr(report, "progressed", False))
        if progressed or self.status != before:
            self.events.data_changed(self)
        self.passed.emit(report)
