"""FileWatch: change notification for log folders, with the polling fallback."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.waiting import wait_until
from trayclock.detect.signals.filewatch import FileWatch

DEADLINE_S = 5.0


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "AnyDesk"
    path.mkdir()
    return path


@pytest.fixture
def watch(folder: Path) -> Iterator[FileWatch]:
    with FileWatch([folder / "ad*.trace"], rescan_interval_s=0.05) as started:
        started.changed.clear()
        yield started


def test_appending_to_a_log_fires(folder: Path, watch: FileWatch) -> None:
    trace = folder / "ad_svc.trace"
    trace.write_text("first\n")
    assert watch.wait(DEADLINE_S)
    with open(trace, "a") as handle:
        handle.write("second\n")
    assert watch.wait(DEADLINE_S)
    assert watch.status().mode == "watchdog"


class Heard:
    """What watchdog told the watch (its `on_event`), in order, each once the watch handled it."""

    def __init__(self, watch: FileWatch, monkeypatch: pytest.MonkeyPatch) -> None:
        self._events: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        handle = watch.on_event

        def on_event(event_type: str, paths: Iterable[str]) -> None:
            named = [p for p in paths if p]
            handle(event_type, named)
            with self._lock:
                self._events.extend((event_type, p) for p in named)

        monkeypatch.setattr(watch, "on_event", on_event)

    def events(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self._events)

    def until(self, event_type: str, path: Path) -> None:
        """Until the watch has handled `event_type` on `path` (and so everything before it)."""
        wait_until(lambda: (event_type, str(path)) in self.events(), f"{event_type} {path}")


def test_our_own_reads_and_other_files_do_not_fire(
    folder: Path, watch: FileWatch, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard = Heard(watch, monkeypatch)
    trace = folder / "ad.trace"
    trace.write_text("x\n")
    assert watch.wait(DEADLINE_S)
    heard.until("closed", trace)  # the write's last event: nothing of it is still in flight
    watch.changed.clear()
    trace.read_bytes()
    (folder / "connection_trace.txt").write_text("Incoming ...\n")
    # One folder, one watch: its events come in order, so once the sentinel written last has
    # been handled, the read and the other file have been too.
    sentinel = folder / "sentinel.txt"
    sentinel.write_text("last\n")
    heard.until("closed", sentinel)
    assert not watch.changed.is_set()
    events = heard.events()
    assert ("closed_no_write", str(trace)) in events, "the read was never reported to the watch"
    assert ("closed", str(folder / "connection_trace.txt")) in events


def test_only_writes_to_a_watched_log_count(folder: Path) -> None:
    watch = FileWatch([folder / "ad*.trace"])
    trace, other = str(folder / "ad.trace"), str(folder / "connection_trace.txt")
    for event_type in ("opened", "closed_no_write"):  # our own reads
        watch.on_event(event_type, [trace])
    for event_type in ("created", "modified", "closed"):
        watch.on_event(event_type, [other])
    assert not watch.changed.is_set()
    for event_type in ("modified", "created", "moved", "deleted", "closed"):
        watch.changed.clear()
        watch.on_event(event_type, [trace])
        assert watch.changed.is_set(), event_type
    watch.changed.clear()
    watch.on_event("moved", [other, trace])  # renamed into a log's name: a rotation
    assert watch.changed.is_set()


def test_folder_appearing_later_is_watched(tmp_path: Path) -> None:
    late = tmp_path / "later" / "RustDesk"
    with FileWatch([late / "RustDesk_rCURRENT.log"], rescan_interval_s=0.05) as watch:
        assert watch.status().missing == (late,)
        late.mkdir(parents=True)
        assert watch.wait(DEADLINE_S)  # the folder appeared: a reason to read
        (late / "RustDesk_rCURRENT.log").write_text("[...] line\n")
        assert watch.wait(DEADLINE_S)
        assert watch.status().watched == (late,)


def test_callback_runs_off_thread(folder: Path) -> None:
    seen = threading.Event()
    threads: list[str] = []

    def on_change() -> None:
        threads.append(threading.current_thread().name)
        seen.set()

    with FileWatch([folder / "ad.trace"], on_change=on_change):
        (folder / "ad.trace").write_text("x\n")
        assert seen.wait(DEADLINE_S)
    assert threads and threads[0] != threading.main_thread().name


def test_without_watchdog_it_says_polling(folder: Path) -> None:
    with FileWatch([folder / "ad.trace"], use_watchdog=False) as watch:
        status = watch.status()
        assert status.mode == "polling" and status.unwatched == (folder,)


def test_name_matching(folder: Path) -> None:
    watch = FileWatch([folder / "ad*.trace", folder / "Connections.txt"])
    assert watch.matches(str(folder / "ad_acme_svc.trace"))
    assert watch.matches(str(folder / "Connections.txt"))
    assert not watch.matches(str(folder / "Connections_incoming.txt"))
    assert not watch.matches(str(folder.parent / "ad.trace"))


def test_watch_limit_falls_back_to_polling_for_that_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok, full = tmp_path / "ok", tmp_path / "full"
    ok.mkdir()
    full.mkdir()
    import watchdog.observers

    class FullObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
        def schedule(self, handler: object, path: str, **kwargs: object) -> object:
            if path == str(full):
                raise OSError(28, "inotify watch limit reached")
            return super().schedule(handler, path, **kwargs)

    monkeypatch.setattr(watchdog.observers, "Observer", FullObserver)
    with FileWatch([ok / "ad.trace", full / "ad.trace"]) as watch:
        status = watch.status()
        assert status.mode == "partial"
        assert status.watched == (ok,) and status.unwatched == (full,)
        assert "watch limit" in status.errors[0]
        (ok / "ad.trace").write_text("still notified\n")
        assert watch.wait(DEADLINE_S)


def test_vanished_folder_is_forgotten_then_found_again(tmp_path: Path) -> None:
    folder = tmp_path / "RustDesk"
    folder.mkdir()
    with FileWatch([folder / "RustDesk_rCURRENT.log"], rescan_interval_s=0.05) as watch:
        assert watch.status().watched == (folder,)
        folder.rmdir()
        wait_until(lambda: watch.status().missing == (folder,), "the folder missing")
        folder.mkdir()
        wait_until(lambda: watch.status().watched == (folder,), "the folder watched")
