"""Which logs changed, told by inotify (Linux): the detection loop waits on its one fd.

A log's folder is watched only for names created or moved in (a log appearing, a rotation)
and the log file itself only for writes, attribute changes and its own move or deletion:
another program writing its own file in /var/log wakes nobody. A folder that does not exist
yet is waited for through its nearest existing ancestor (names created there that lead to
it), and a folder pattern with a glob (`~/.anydesk*`) through the folder above the glob, so
an app installed after start is noticed without polling. After a structure change the
watches are worked out again and `on_structure` tells the log watchers to look for new
files (`LogWatcher.rediscover`): no glob runs on any other occasion.

API (built by `trayclock.detect.livelogs`):
    LogNotifier(paths, on_structure=None)   # raises OSError when inotify is unavailable
    LogNotifier.fileno() -> int             # readable when events are queued
    LogNotifier.take_events() -> bool       # drain them; True when a log changed or appeared
    LogNotifier.complete -> bool            # every candidate is watched (else: poll the logs)
    LogNotifier.status() -> FileWatchStatus # mode "inotify" / "partial" / "polling"
    LogNotifier.stop()
"""

from __future__ import annotations

import fnmatch
import glob
import logging
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trayclock.detect.apps.paths import has_glob
from trayclock.detect.signals.filewatch import FileWatchStatus
from trayclock.detect.signals.inotify import (
    IN_ATTRIB,
    IN_CREATE,
    IN_DELETE_SELF,
    IN_IGNORED,
    IN_MODIFY,
    IN_MOVE_SELF,
    IN_MOVED_TO,
    IN_ONLYDIR,
    IN_Q_OVERFLOW,
    IN_UNMOUNT,
    Inotify,
)

log = logging.getLogger(__name__)

# A folder: only new names (created, or moved in from elsewhere) and its own end.
FOLDER_MASK = IN_CREATE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
# A log file: written (also truncated), its permissions changed, moved away or deleted.
FILE_MASK = IN_MODIFY | IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF
_GONE = IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT


@dataclass(slots=True)
class _Watch:
    path: Path
    wd: int
    is_folder: bool
    names: set[str] = field(default_factory=set)  # name patterns that matter in a folder


def _case(name: str) -> str:
    return os.path.normcase(name)


def _expand(pattern: Path) -> list[Path]:
    if has_glob(pattern):
        return [Path(p) for p in sorted(glob.glob(str(pattern)))]
    return [pattern] if os.path.lexists(pattern) else []


class LogNotifier:
    """inotify watches for a set of candidate log paths (globs allowed); see the module."""

    def __init__(
        self, paths: Iterable[Path], on_structure: Callable[[], None] | None = None
    ) -> None:
        self._patterns = list(dict.fromkeys(Path(os.path.abspath(p.expanduser())) for p in paths))
        self._on_structure = on_structure
        self._lock = threading.Lock()
        self._inotify: Inotify | None = Inotify()
        self._watches: dict[Path, _Watch] = {}
        self._by_wd: dict[int, list[_Watch]] = {}
        self._errors: dict[Path, str] = {}
        self._missing: list[Path] = []
        self._log_folders: list[Path] = []
        self._refresh()

    # -- the detection loop's side

    def fileno(self) -> int | None:
        inotify = self._inotify
        return inotify.fileno() if inotify is not None else None

    def take_events(self) -> bool:
        """Drain the queued events; True when a watched log changed, appeared or moved."""
        inotify = self._inotify
        if inotify is None:
            return False
        content = structure = False
        with self._lock:
            for event in inotify.read_events():
                if event.mask & IN_Q_OVERFLOW:
                    content = structure = True
                    continue
                for watch in self._by_wd.get(event.wd, ()):
                    if event.mask & _GONE:
                        structure = True
                    elif not watch.is_folder:
                        content = True
                    elif any(fnmatch.fnmatchcase(_case(event.name), n) for n in watch.names):
                        structure = True
            if structure:
                self._refresh()
        if structure and self._on_structure is not None:
            try:
                self._on_structure()
            except Exception:
                log.exception("log rediscovery callback failed")
        return content or structure

    @property
    def complete(self) -> bool:
        """Every candidate is watched (or waited for): the logs need no polling."""
        with self._lock:
            return self._inotify is not None and not self._errors

    def status(self) -> FileWatchStatus:
        with self._lock:
            return FileWatchStatus.of(
                "inotify",
                self._log_folders,
                dict(self._errors),
                self._missing,
                running=self._inotify is not None,
            )

    def stop(self) -> None:
        with self._lock:
            inotify, self._inotify = self._inotify, None
            self._watches.clear()
            self._by_wd.clear()
        if inotify is not None:
            inotify.close()

    # -- working out the watches

    def _refresh(self) -> None:
        """Watch what the candidates need now; drop watches no longer needed. Planned again
        after watching, until nothing new shows: a log created between looking for it and
        watching its folder is not missed."""
        for _ in range(3):
            if not self._refresh_once():
                return

    def _refresh_once(self) -> bool:
        """One round; True when it watched something it did not before."""
        before = set(self._watches)
        wanted: dict[Path, tuple[bool, set[str]]] = {}
        missing: list[Path] = []
        log_folders: list[Path] = []
        for pattern in self._patterns:
            self._plan(pattern, wanted, missing, log_folders)
        self._missing = list(dict.fromkeys(missing))
        self._log_folders = list(dict.fromkeys(log_folders))
        for path in [p for p in self._watches if p not in wanted]:
            self._unwatch(path)
        self._errors = {p: why for p, why in self._errors.items() if p in wanted}
        for path, (is_folder, names) in wanted.items():
            self._watch(path, is_folder, names)
        return bool(set(self._watches) - before)

    def _plan(
        self,
        pattern: Path,
        wanted: dict[Path, tuple[bool, set[str]]],
        missing: list[Path],
        log_folders: list[Path],
    ) -> None:
        def want(path: Path, is_folder: bool, name: str | None = None) -> None:
            entry = wanted.setdefault(path, (is_folder, set()))
            if name is not None:
                entry[1].add(_case(name))

        parts = pattern.parts
        # Walk the folders down from the root: a glob component is watched for in the folder
        # above it (every folder it matches is walked into), a missing one in its parent.
        level = [Path(parts[0])]
        for depth, part in enumerate(parts[1:-1], start=1):
            below: list[Path] = []
            for folder in level:
                if has_glob(Path(part)) or not (folder / part).is_dir():
                    want(folder, True, part)
                below += [p for p in _expand(folder / part) if p.is_dir()]
            if not below:
                missing.append(Path(*parts[: depth + 1]))
                return
            level = below
        for folder in level:
            log_folders.append(folder)
            want(folder, True, parts[-1])
            for file in _expand(folder / parts[-1]):
                if file.is_file():
                    want(file, False)

    def _watch(self, path: Path, is_folder: bool, names: set[str]) -> None:
        assert self._inotify is not None
        current = self._watches.get(path)
        try:
            wd = self._inotify.add_watch(path, FOLDER_MASK if is_folder else FILE_MASK)
        except OSError as exc:
            if current is not None:
                self._unwatch(path)
            if os.path.exists(path):  # vanished meanwhile: the next structure event tells
                self._errors[path] = exc.strerror or str(exc)
                log.warning("cannot watch %s (%s); its logs are polled instead", path, exc)
            return
        self._errors.pop(path, None)
        if current is not None and current.wd != wd:  # another file under that name now
            self._unwatch(path)
            current = None
        if current is None:
            current = _Watch(path, wd, is_folder)
            self._watches[path] = current
            self._by_wd.setdefault(wd, []).append(current)
            log.debug("watching %s (%s)", path, "names" if is_folder else "writes")
        current.is_folder = is_folder
        current.names = names

    def _unwatch(self, path: Path) -> None:
        watch = self._watches.pop(path, None)
        if watch is None:
            return
        sharing = [w for w in self._by_wd.get(watch.wd, []) if w is not watch]
        if sharing:
            self._by_wd[watch.wd] = sharing
            return
        self._by_wd.pop(watch.wd, None)
        if self._inotify is not None:
            self._inotify.remove_watch(watch.wd)
