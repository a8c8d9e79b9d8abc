"""One job off the GUI thread (a backend's connection test: a login may take seconds, or
the timeout): it runs on a thread of its own and its outcome comes back through a
`Doorway`, so the window stays responsive and only the GUI thread touches widgets."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from trayclock.ui.doorway import Doorway

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the job returned, or the exception it raised (`error`)."""

    value: object = None
    error: BaseException | None = None
    thread: str = ""  # the thread it ran on (never the GUI thread)


class OffThread(QObject):
    """Runs one job at a time; `finished(Outcome)` on the GUI thread."""

    finished = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._doorway = Doorway(self)
        self._doorway.arrived.connect(self._arrived)
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run(self, job: Callable[[], object]) -> bool:
        """Start `job` on its own thread; False (nothing started) while one still runs."""
        if self.busy:
            return False
        self._thread = threading.Thread(
            target=self._work, args=(job,), name=self._name, daemon=True
        )
        self._thread.start()
        return True

    def _work(self, job: Callable[[], object]) -> None:
        here = threading.current_thread().name
        try:
            outcome = Outcome(job(), thread=here)
        except Exception as error:  # the outcome to show; the window words it
            outcome = Outcome(error=error, thread=here)
        self._doorway.post(outcome)

    def _arrived(self, outcome: object) -> None:
        self.finished.emit(outcome)
