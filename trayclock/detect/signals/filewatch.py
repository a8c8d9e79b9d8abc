"""Change notification for log files on Windows and macOS (watchdog: ReadDirectoryChangesW,
FSEvents); Linux uses `lognotify` (inotify with exact masks) and this only as a fallback.

API (called by the monitor):
    FileWatch(paths, on_change=None, *, rescan_interval_s=2.0, use_watchdog=True)
    FileWatch.start() / stop()  (or `with FileWatch(...) as watch:`)
    FileWatch.changed: threading.Event       # set when a watched log changed
    FileWatch.wait(timeout_s) -> bool        # wait for a change (or the timeout), then clear it
    FileWatch.add_paths(paths) / rescan()
    FileWatch.status() -> FileWatchStatus
    FileWatch.complete -> bool               # every existing log folder is watched

Watches the PARENT folders of the log paths (globs in the folder part are expanded), not
the files, so rotation, re-creation and new branded files are seen. Only write-side events
on names matching a log pattern count — our own reads (open / close-no-write) must not wake
the monitor, or it would wake itself forever. `on_change` runs on the watchdog thread: keep
it thread-safe (setting an Event is the intended use). Folders that cannot be watched
(missing, inotify watch limit, no watchdog) fall back to the caller's regular polling; a
rescan thread re-checks missing folders every `rescan_interval_s` and starts watching them
when they appear (app installed after trayclock started), firing a change so they get read.
"""

from __future__ import annotations

import contextlib
import fnmatch
import glob
import logging
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trayclock.detect.apps.paths import has_glob

log = logging.getLogger(__name__)

RESCAN_INTERVAL_S = 2.0
# Event types that mean "the file's content or name changed" (not our own reads).
_WRITE_EVENTS = frozenset({"modified", "created", "moved", "deleted", "closed"})


@dataclass(frozen=True, slots=True)
class FileWatchStatus:
    # "watchdog" / "inotify" (all folders watched), "partial", "polling" (none watched)
    mode: str
    watched: tuple[Path, ...]
    unwatched: tuple[Path, ...]  # folders that exist but could not be watched
    missing: tuple[Path, ...]  # folder patterns with no existing folder yet
    errors: tuple[str, ...]

    @classmethod
    def of(
        cls,
        complete_mode: str,
        watched: Iterable[Path],
        unwatched: Mapping[Path, str],
        missing: Iterable[Path],
        *,
        running: bool = True,
    ) -> FileWatchStatus:
        """The status of a notifier: `complete_mode` when everything is watched, "partial"
        when some folders could not be (`unwatched`: path → why), "polling" when none is."""
        shown = tuple(watched)
        if not running or (unwatched and not shown):
            mode = "polling"
        elif unwatched:
            mode = "partial"
        else:
            mode = complete_mode
        errors = tuple(f"{path}: {why}" for path, why in unwatched.items())
        return cls(mode, shown, tuple(unwatched), tuple(missing), errors)


def _case_fold(name: str) -> str:
    return os.path.normcase(name)


class FileWatch:
    """Notifies when any of the given log paths (globs allowed) changes; see module docstring."""

    def __init__(
        self,
        paths: Iterable[Path],
        on_change: Callable[[], None] | None = None,
        *,
        rescan_interval_s: float = RESCAN_INTERVAL_S,
        use_watchdog: bool = True,
    ) -> None:
        self.changed = threading.Event()
        self._on_change = on_change
        self._rescan_interval_s = rescan_interval_s
        self._use_watchdog = use_watchdog
        self._lock = threading.Lock()
        self._patterns: list[Path] = []
        self._observer: Any = None
        self._watches: dict[Path, Any] = {}  # folder → watchdog ObservedWatch
        self._unwatched: dict[Path, str] = {}  # folder → why not
        self._missing: list[Path] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.add_paths(paths)

    # -- lifecycle

    def start(self) -> None:
        if self._use_watchdog and self._observer is None:
            try:
                from watchdog.observers import Observer

                observer = Observer()
                observer.daemon = True
                observer.start()
                self._observer = observer
            except Exception as exc:  # no backend on this system: polling only
                log.warning("file-change notification unavailable (%s); polling the logs", exc)
                self._observer = None
        self._stop.clear()
        self._rescan(notify=False)  # the starting set: the caller polls once anyway
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._rescan_loop, name="trayclock-filewatch-rescan", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
        with self._lock:
            self._watches.clear()
            self._unwatched.clear()

    def __enter__(self) -> FileWatch:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- what to watch

    def add_paths(self, paths: Iterable[Path]) -> None:
        with self._lock:
            for path in paths:
                if path not in self._patterns:
                    self._patterns.append(path)

    def rescan(self) -> None:
        """Start watching folders that appeared; forget folders that vanished."""
        self._rescan(notify=True)

    def _rescan(self, *, notify: bool) -> None:
        appeared = False
        with self._lock:
            folders, missing = self._folders()
            self._missing = missing
            for folder in list(self._watches):
                if folder not in folders:
                    self._unschedule(folder)
            for folder in list(self._unwatched):
                if folder not in folders:
                    del self._unwatched[folder]
            for folder in folders:
                if folder in self._watches or folder in self._unwatched:
                    continue
                appeared = True
                self._schedule(folder)
        if appeared and notify:
            self._notify()

    def _folders(self) -> tuple[list[Path], list[Path]]:
        found: list[Path] = []
        missing: list[Path] = []
        for pattern in self._patterns:
            parent = pattern.parent
            if has_glob(parent):
                matches = [Path(p) for p in sorted(glob.glob(str(parent))) if os.path.isdir(p)]
            else:
                matches = [parent] if parent.is_dir() else []
            if not matches:
                missing.append(parent)
            for folder in matches:
                if folder not in found:
                    found.append(folder)
        return found, missing

    def _schedule(self, folder: Path) -> None:
        if self._observer is None:
            self._unwatched[folder] = "no file-change notification"
            return
        try:
            self._watches[folder] = self._observer.schedule(
                _Handler(self), str(folder), recursive=False
            )
            log.debug("watching %s", folder)
        except OSError as exc:  # watch limit reached, permission, vanished meanwhile
            log.warning("cannot watch %s (%s); it is polled instead", folder, exc)
            self._unwatched[folder] = str(exc)

    def _unschedule(self, folder: Path) -> None:
        watch = self._watches.pop(folder, None)
        if watch is not None and self._observer is not None:
            # KeyError/OSError: the emitter already died with its folder.
            with contextlib.suppress(KeyError, OSError):
                self._observer.unschedule(watch)

    def _rescan_loop(self) -> None:
        while not self._stop.wait(self._rescan_interval_s):
            try:
                self.rescan()
            except Exception:  # never let the watcher thread die silently
                log.exception("rescanning log folders failed")

    # -- events

    def matches(self, path: str) -> bool:
        """True when `path` names one of the watched log files (by pattern)."""
        name = _case_fold(os.path.basename(path))
        parent = _case_fold(os.path.dirname(path))
        with self._lock:
            patterns = list(self._patterns)
        # A rotation renames the log (its old name is the move's source) and creates a new
        # one under the same name, so matching the log names themselves is enough.
        return any(
            fnmatch.fnmatchcase(name, _case_fold(pattern.name))
            and fnmatch.fnmatchcase(parent, _case_fold(str(pattern.parent)))
            for pattern in patterns
        )

    def on_event(self, event_type: str, paths: Iterable[str]) -> None:
        if event_type not in _WRITE_EVENTS:
            return
        if any(self.matches(p) for p in paths if p):
            self._notify()

    def _notify(self) -> None:
        self.changed.set()
        if self._on_change is not None:
            try:
                self._on_change()
            except Exception:
                log.exception("file-change callback failed")

    def wait(self, timeout_s: float) -> bool:
        """Wait until a watched log changed or `timeout_s` passed; True on a change."""
        fired = self.changed.wait(timeout_s)
        self.changed.clear()
        return fired

    @property
    def complete(self) -> bool:
        """Every log folder that exists is watched (missing ones are rescanned for)."""
        with self._lock:
            return self._observer is not None and not self._unwatched

    def status(self) -> FileWatchStatus:
        with self._lock:
            watched = tuple(self._watches)
            return FileWatchStatus.of(
                "watchdog", watched, dict(self._unwatched), self._missing, running=bool(watched)
            )


class _Handler:
    """A watchdog event handler (duck-typed: watchdog calls `dispatch`)."""

    def __init__(self, watch: FileWatch) -> None:
        self._watch = watch

    def dispatch(self, event: Any) -> None:
        paths = [_text(getattr(event, "src_path", "")), _text(getattr(event, "dest_path", ""))]
        self._watch.on_event(str(event.event_type), paths)


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return os.fsdecode(value)
    return str(value) if value else ""
