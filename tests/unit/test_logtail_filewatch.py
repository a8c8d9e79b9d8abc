"""FileWatch: change notification for log folders, with the polling fallback."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

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


def test_our_own_reads_and_other_files_do_not_fire(folder: Path, watch: FileWatch) -> None:
    trace = folder / "ad.trace"
    trace.write_text("x\n")
    assert watch.wait(DEADLINE_S)
    watch.wait(0.2)  # drain events still in flight from the write
    trace.read_bytes()
    (folder / "connection_trace.txt").write_text("Incoming ...\n")
    assert not watch.wait(0.3)


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
        deadline_watch(lambda: watch.status().missing == (folder,))
        folder.mkdir()
        deadline_watch(lambda: watch.status().watched == (folder,))


def deadline_watch(check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)
