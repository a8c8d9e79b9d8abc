"""The one doorway from background threads into the GUI thread, and the detection worker.

Workers (the detection monitor) never touch a widget or the database: they hand each event
to `Doorway.post`, a queued Qt signal, and the GUI thread applies it (Anki's rule).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from trayclock.domain.session import SessionEvent

log = logging.getLogger(__name__)

STOP_TIMEOUT_S = 5.0

# Runs until `stop` is set, calling `emit` (from its own thread) for every detection event.
EventSource = Callable[[Callable[[SessionEvent], None], threading.Event], None]


class Doorway(QObject):
    """`post` may be called from any thread; `arrived` fires on the thread this object lives in."""

    arrived = Signal(object)
    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Queued even when posted from the GUI thread itself: one order, one path, no re-entry.
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def post(self, item: object) -> None:
        self._posted.emit(item)

    def _deliver(self, item: object) -> None:
        self.arrived.emit(item)


class DetectionWorker:
    """Runs an EventSource in a daemon thread; its events come through the doorway."""

    def __init__(
        self,
        source: EventSource,
        doorway: Doorway,
        *,
        on_stop: Callable[[], None] | None = None,
        name: str = "detection",
    ) -> None:
        self._source = source
        self._on_stop = on_stop
        self._doorway = doorway
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            self._source(self._doorway.post, self._stop)
        except Exception:  # the tray keeps running (manual timers still work); the log says why
            log.exception("detection stopped by an error")

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> bool:
        """Ask the source to stop and wait for it; False if it did not stop in time."""
        self._stop.set()
        if self._on_stop is not None:
            self._on_stop()  # e.g. cut the source's poll wait short
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()
