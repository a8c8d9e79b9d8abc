"""The process signal: which remote apps are running at all (psutil, one pass over /proc).

A running app never proves a session (AnyDesk's service runs all day); an app that is not
running proves its sessions are over. So this is refreshed rarely and cached between polls:
every `refresh_s` while a session is tracked, and otherwise only when asked for a fresher
answer (`max_age_s`: the monitor asks when a new window or log session may mean an app
started) or at its slow safety interval.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping

import psutil

from trayclock.detect.signals.problem_reporter import ProblemReporter

logger = logging.getLogger(__name__)

PROCESS_REFRESH_S = 5.0  # "is the app running" needs no finer resolution

ProcessMatcher = Callable[[str], bool]


def _names() -> Iterable[str]:
    # name() directly rather than process_iter(["name"]): the same /proc read without
    # as_dict's overhead, about a third less CPU with hundreds of processes.
    for proc in psutil.process_iter():
        try:
            name = proc.name()
        except psutil.Error:  # exited meanwhile, or not ours to read
            continue
        if name:
            yield name


class ProcessSource(ProblemReporter):
    """Which of the known apps have a process now; cached for `refresh_s` between scans.

    `matchers` maps an app to a predicate on process names (the apps modules'
    `is_app_process`). `list_names` is injectable for tests.
    """

    name = "processes"

    def __init__(
        self,
        matchers: Mapping[str, ProcessMatcher],
        *,
        refresh_s: float = PROCESS_REFRESH_S,
        list_names: Callable[[], Iterable[str]] = _names,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._matchers = dict(matchers)
        self._refresh_s = refresh_s
        self._list_names = list_names
        self._monotonic = monotonic
        self._running: frozenset[str] | None = None
        self._scanned_at: float | None = None
        self._by_name: dict[str, str | None] = {}  # process name → app (None: not ours)

    def describe_ok(self) -> str:
        if self._running is None:
            return "ok: not scanned yet"
        running = ", ".join(sorted(self._running)) or "none of the known apps"
        return f"ok: running: {running}"

    def running_apps(
        self, force: bool = False, max_age_s: float | None = None
    ) -> frozenset[str] | None:
        """The apps with a live process; None when the process list cannot be read.

        Scanned again when the last scan is older than `max_age_s` (default: `refresh_s`)."""
        now = self._monotonic()
        age = self._refresh_s if max_age_s is None else max_age_s
        due = self._scanned_at is None or now - self._scanned_at >= age
        if force or due:
            self._scanned_at = now
            self._running = self._scan()
        return self._running

    def _app_of(self, process_name: str) -> str | None:
        # Names repeat across scans (hundreds of processes, a few dozen names): remember them.
        try:
            return self._by_name[process_name]
        except KeyError:
            app = next((a for a, match in self._matchers.items() if match(process_name)), None)
            if len(self._by_name) < 10_000:
                self._by_name[process_name] = app
            return app

    def _scan(self) -> frozenset[str] | None:
        try:
            found = {app for name in self._list_names() if (app := self._app_of(name))}
        except (psutil.Error, OSError) as exc:
            self.report_problem(f"process list unavailable: {exc}")
            return None
        self.clear_problem()
        return frozenset(found)
