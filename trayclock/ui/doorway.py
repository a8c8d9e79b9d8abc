"""The one doorway from background threads into the GUI thread, and the detection worker.

Workers (the detection monitor) never touch a widget or the database: they hand each event
to `Doorway.post`, a Qt event posted to the doorway, and the GUI thread applies it (Anki's rule).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

from trayclock.domain.session import SessionEvent

log = logging.getLogger(__name__)

STOP_TIMEOUT_S = 5.0

# Runs until `stop` is set, calling `emit` (from its own thread) for every detection event.
EventSource = Callable[[Callable[[SessionEvent], None], threading.Event], None]


# The doorway's own event type, registered once with Qt (a number no other event uses).
_DELIVERY = QEvent.Type(QEvent.registerEventType())


class Doorway(QObject):
    """`post` may be called from any thread; `arrived` fires on the thread this object lives in.

    Queued even when posted from the GUI thread itself: one order, one path, no re-entry.
    Each `post` appends its item and posts one event to the doorway; each event delivered
    (in this object's thread, in the order posted: Qt's posted-event queue is FIFO) hands on
    the oldest item. `QCoreApplication.sendPostedEvents(doorway)` delivers what is pending.

    Not a signal connected with Qt.ConnectionType.QueuedConnection: naming that enum builds
    the whole Qt namespace (measured with PySide6 6.11: +1 MiB of Python objects, which the
    idle tray has no other use for), and PySide6 takes no plain number for it (a connection
    given `2` was direct). Registering an event type and posting a QEvent cost ~1 KiB, and
    `postEvent` is Qt's documented thread-safe, first-in-first-out path (a zero
    `QTimer.singleShot` with this object as context is queued too, but from a worker
    thread only by how Qt 6.8+ implements it).
    """

    arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: deque[object] = deque()  # append and popleft are atomic: any thread

    def post(self, item: object) -> None:
        self._items.append(item)  # before its event: the event never finds the queue empty
        QCoreApplication.postEvent(self, QEvent(_DELIVERY))

    def customEvent(self, event: QEvent) -> None:
        if event.type() == _DELIVERY:
            self.arrived.emit(self._items.popleft())
        else:
            super().customEvent(event)


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
