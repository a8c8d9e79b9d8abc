"""The process signal: which remote apps are running at all (one pass over /proc, or psutil).

A running app never proves a session (AnyDesk's service runs all day); an app that is not
running proves its sessions are over. So this is refreshed rarely and cached between polls:
every `refresh_s` while a session is tracked, and otherwise only when asked for a fresher
answer (`max_age_s`: the monitor asks when a new window or log session may mean an app
started) or at its slow safety interval.

On Linux the names are read from /proc directly, the way psutil names a process: psutil
costs the tray 1.5 MiB of modules and keeps an object per process between scans, for a
few lines of reading here. Elsewhere psutil (imported on the first scan).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from trayclock.detect.signals.problem_reporter import ProblemReporter

logger = logging.getLogger(__name__)

PROCESS_REFRESH_S = 5.0  # "is the app running" needs no finer resolution
PROC = Path("/proc")
# The kernel keeps this many characters of a name (TASK_COMM_LEN - 1): a name this long may
# be cut, and the program's own name (the command line's first word) says the rest.
COMM_MAX_CHARS = 15

ProcessMatcher = Callable[[str], bool]


class ProcessListError(OSError):
    """The process list cannot be read at all (not: one process ended while being read)."""


def proc_processes(proc: Path = PROC) -> Iterator[tuple[int, str]]:
    """(pid, name) of every process in a Linux /proc, named as psutil's `Process.name()`:
    /proc/PID/comm, or for a cut name the basename of the command line's first word when
    it begins with it. Processes that end while being read are left out."""
    try:
        listing = list(os.scandir(proc))
    except OSError as error:
        raise ProcessListError(f"{proc}: {error.strerror or error}") from error
    for entry in listing:
        if not entry.name.isdigit():
            continue
        try:
            name = os.fsdecode((Path(entry.path) / "comm").read_bytes().rstrip(b"\n"))
            if len(name) >= COMM_MAX_CHARS:
                name = _longer_name(name, (Path(entry.path) / "cmdline").read_bytes())
        except OSError:  # ended meanwhile, or not ours to read
            continue
        if name:
            yield int(entry.name), name


def _longer_name(name: str, cmdline: bytes) -> str:
    if not cmdline:
        return name
    # Arguments end in NUL; a program that rewrote its title may separate them by spaces.
    sep = b"\0" if cmdline.endswith(b"\0") else b" "
    words = cmdline.removesuffix(sep).split(sep)
    if sep == b"\0" and len(words) == 1 and b" " in words[0]:
        words = words[0].split(b" ")
    longer = os.path.basename(os.fsdecode(words[0]))
    return longer if longer.startswith(name) else name


def _proc_names() -> Iterable[str]:
    return (name for _pid, name in proc_processes())


def _psutil_names() -> Iterable[str]:
    import psutil

    # name() directly rather than process_iter(["name"]): the same /proc read without
    # as_dict's overhead, about a third less CPU with hundreds of processes.
    try:
        for proc in psutil.process_iter():
            try:
                name = proc.name()
            except psutil.Error:  # exited meanwhile, or not ours to read
                continue
            if name:
                yield name
    except psutil.Error as error:
        raise ProcessListError(str(error)) from error


def _names() -> Iterable[str]:
    if sys.platform.startswith("linux") and PROC.is_dir():
        return _proc_names()
    return _psutil_names()


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
        except OSError as exc:  # ProcessListError among them
            self.report_problem(f"process list unavailable: {exc}")
            return None
        self.clear_problem()
        return frozenset(found)
