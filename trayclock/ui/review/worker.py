"""Pricing off the UI thread: jobs run in a QThreadPool, results come back through one doorway.

Workers post `(generation, result, error)` to a `trayclock.ui.doorway.Doorway` (the app's one
way from a thread into the GUI: a posted Qt event); `PricingRunner.finished` then fires on the
GUI thread. The runner keeps the review's one generation counter: every request for a price
begins a new generation, and only the newest one's result comes out, so a result computed
before the latest edit is dropped instead of overwriting fresher data.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from trayclock.ui.doorway import Doorway

log = logging.getLogger(__name__)

DEFAULT_WAIT_MS = 30_000


class _Job(QRunnable):
    def __init__(self, runner: PricingRunner, generation: int, work: Callable[[], object]) -> None:
        super().__init__()
        self._runner = runner
        self._generation = generation
        self._work = work

    def run(self) -> None:
        started = time.perf_counter()
        try:
            result = self._work()
        except Exception as error:  # a worker must never die silently
            log.exception("pricing job %d failed", self._generation)
            self._runner.doorway.post((self._generation, None, str(error)))
            return
        log.debug(
            "pricing job %d took %.1f ms", self._generation, (time.perf_counter() - started) * 1e3
        )
        self._runner.doorway.post((self._generation, result, ""))


class PricingRunner(QObject):
    """Runs `work()` on a pool thread; then `finished(generation, result)` or `failed`."""

    finished = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # One thread: pricing jobs for one window are sequential by nature, and a second
        # thread would only fight the UI for the GIL.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._latest = 0
        self.doorway = Doorway(self)
        self.doorway.arrived.connect(self._on_arrived)

    def begin(self) -> int:
        """A new generation: whatever is queued is dropped, a running job's result ignored."""
        self._latest += 1
        self._pool.clear()
        return self._latest

    def is_current(self, generation: int) -> bool:
        """Whether no newer generation has begun since this one."""
        return generation == self._latest

    def submit(self, generation: int, work: Callable[[], object]) -> None:
        """Run `work` for this generation, unless a newer one has begun."""
        if not self.is_current(generation):
            return
        self._pool.clear()  # queued, not started: superseded by this one
        self._pool.start(_Job(self, generation, work))

    def wait(self, timeout_ms: int = DEFAULT_WAIT_MS) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _on_arrived(self, item: tuple[int, object, str]) -> None:
        generation, result, error = item
        if not self.is_current(generation):
            log.debug("dropped stale pricing result %d (latest %d)", generation, self._latest)
            return
        if error:
            self.failed.emit(generation, error)
        else:
            self.finished.emit(generation, result)
