"""The real detection monitor as the detection worker's EventSource (no Qt).

Opening the monitor (an X connection, log watches) happens inside the worker thread, so the
tray icon appears without waiting for it. `set_paused` and `stop` may be called from the GUI
thread while the worker runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trayclock.detect.reconciler import PreviousRun
from trayclock.domain.clock import Clock
from trayclock.domain.session import SessionEvent

if TYPE_CHECKING:  # imported in the worker thread: the GUI thread never waits for it
    from trayclock.detect.monitor import Monitor
    from trayclock.detect.reconciler import WindowSighting


def _only(sighting: WindowSighting | None, apps: frozenset[str]) -> WindowSighting | None:
    return sighting if sighting is not None and sighting.app in apps else None


class MonitorSource:
    """Runs `detect.monitor` until stopped, handing each event to `emit`; pausable."""

    def __init__(
        self,
        clock: Clock,
        *,
        grace_s: float | None = None,
        log_paths: Mapping[str, Sequence[Path]] | None = None,
        previous: PreviousRun | None = None,
        apps: Sequence[str] | None = None,
    ) -> None:
        """`grace_s` None: the monitor's default; `log_paths` None: every app's usual places;
        `apps` None: every remote app."""
        self._clock = clock
        self._grace_s = grace_s
        self._log_paths = log_paths
        self._previous = previous
        self._apps = apps
        self._monitor: Monitor | None = None
        self._paused = False
        self._lock = threading.Lock()

    def __call__(self, emit: Callable[[SessionEvent], None], stop: threading.Event) -> None:
        from trayclock.detect.monitor import GRACE_S, open_monitor

        monitor = open_monitor(
            self._clock,
            grace_s=GRACE_S if self._grace_s is None else self._grace_s,
            log_paths=self._log_paths,
            previous_run=self._previous,
            apps=self._apps,
        )
        if self._apps is not None:
            # open_monitor's `apps` limits processes and logs; windows are matched by every
            # app's rule, so the ones of apps not chosen are dropped here.
            chosen, match = frozenset(self._apps), monitor.match
            monitor.match = lambda window: _only(match(window), chosen)
        with self._lock:
            self._monitor = monitor
            if self._paused:
                monitor.pause()
        try:
            monitor.run(stop, emit)
            for event in monitor.finish():  # delivered by TrayApp.shutdown
                emit(event)
        finally:
            with self._lock:
                self._monitor = None
            monitor.close()

    def set_paused(self, paused: bool) -> None:
        with self._lock:
            self._paused = paused
            monitor = self._monitor
        if monitor is not None:
            if paused:
                monitor.pause()
            else:
                monitor.resume()

    def stop(self) -> None:
        with self._lock:
            monitor = self._monitor
        if monitor is not None:
            monitor.stop()
