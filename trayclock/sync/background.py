"""The sync worker on a thread of its own, for the app: start it, wake it when something was
queued or the network came back, stop it. Qt-free; the UI reads the outcome from the store
(services/sync.py), never from this thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from trayclock.sync.worker import IDLE_S, RunReport, SyncWorker

log = logging.getLogger(__name__)

STOP_WAIT_S = 40.0  # a request in flight may take its read timeout (30 s) to give up


class BackgroundSync:
    def __init__(
        self,
        worker: SyncWorker,
        *,
        idle_s: float = IDLE_S,
        on_pass: Callable[[RunReport | None], None] | None = None,
    ) -> None:
        """`on_pass(report)`: told of each pass, on the sync thread (the app posts it to
        the GUI thread; None: the pass failed, see the log)."""
        self.worker = worker
        self.idle_s = idle_s
        self.on_pass = on_pass
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._eager = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self.worker.run_forever,
            args=(self._stop, self._wake),
            kwargs={"eager": self._eager, "idle_s": self.idle_s, "after_pass": self._told},
            name="trayclock-sync",
            daemon=True,
        )
        self._thread.start()

    def _told(self, report: RunReport | None) -> None:
        if self.on_pass is None:
            return
        try:
            self.on_pass(report)
        except Exception:  # a listener's failure must not end sync
            log.exception("a sync pass listener failed")

    def wake(self, *, network_back: bool = False) -> None:
        """Look at the outbox now (something was queued); `network_back`: and skip the
        backoffs, the reason to wait is gone."""
        if network_back:
            self._eager.set()
        self._wake.set()

    def stop(self, wait_s: float = STOP_WAIT_S) -> bool:
        """Ask the thread to end after its current request; True when it did in time."""
        self._stop.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(wait_s)
        return not self._thread.is_alive()
