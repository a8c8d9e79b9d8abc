"""FileWatch: change notification for log folders, with the polling fallback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
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
