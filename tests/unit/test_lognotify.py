"""LogNotifier on real inotify: which file-system changes are news, and which wake nobody.

inotify queues an event during the system call that causes it, so right after a write
returns, "is the descriptor readable?" (select with a zero timeout) is a fair question:
no waiting and no sleeps in these tests.
"""

from __future__ import annotations

import errno
import os
import select
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from trayclock.detect.signals import lognotify
from trayclock.detect.signals.lognotify import LogNotifier


def readable(notifier: LogNotifier) -> bool:
    fd = notifier.fileno()
    assert fd is not None
    return bool(select.select([fd], [], [], 0)[0])


class Rediscoveries:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


MakeNotifier = Callable[..., LogNotifier]


@pytest.fixture
def notifier_for() -> Iterator[MakeNotifier]:
    made: list[LogNotifier] = []

    def make(*patterns: Path, on_structure: Rediscoveries | None = None) -> LogNotifier:
        notifier = LogNotifier(list(patterns), on_structure=on_structure)
        made.append(notifier)
        return notifier

    yield make
    for notifier in made:
        notifier.stop()


def test_a_log_appearing_and_growing_is_news_and_our_reads_are_not(
    tmp_path: Path,
    notifier_for: MakeNotifier,
) -> None:
    folder = tmp_path / "AnyDesk"
    folder.mkdir()
    found = Rediscoveries()
    notifier = notifier_for(folder / "ad*.trace", on_structure=found)
    assert notifier.status().mode == "inotify" and notifier.complete
    trace = folder / "ad_svc.trace"
    trace.write_text("first\n")
    assert readable(notifier) and notifier.take_events()
    assert found.count == 1  # a new file: the log watchers look for it
    with open(trace, "a") as handle:
        handle.write("second\n")
    assert readable(notifier) and notifier.take_events()
    assert found.count == 1  # a write is content, not structure
    trace.read_bytes()
    os.stat(trace)
    assert not readable(notifier)


def test_other_files_in_a_watched_folder_wake_nobody_or_are_no_news(
    tmp_path: Path,
    notifier_for: MakeNotifier,
) -> None:
    folder = tmp_path / "log"
    folder.mkdir()
    other = folder / "syslog"
    other.write_text("boot\n")
    notifier = notifier_for(folder / "anydesk*.trace")
    with open(other, "a") as handle:  # rsyslog writing its own file: not even an event
        handle.write("cron ran\n")
    assert not readable(notifier)
    (folder / "auth.log").write_text("x\n")  # a new name that is no log of ours: no news
    assert readable(notifier) and not notifier.take_events()
    assert not readable(notifier)


def test_a_rotation_is_news_and_the_new_file_is_followed(
    tmp_path: Path,
    notifier_for: MakeNotifier,
) -> None:
    log = tmp_path / "RustDesk_rCURRENT.log"
    log.write_text("old\n")
    found = Rediscoveries()
    notifier = notifier_for(log, on_structure=found)
    log.rename(tmp_path / "RustDesk_r2026-04-01.log")
    assert notifier.take_events() and found.count >= 1
    log.write_text("new\n")
    assert notifier.take_events()
    with open(log, "a") as handle:
        handle.write("more\n")
    assert readable(notifier) and notifier.take_events()


def test_a_missing_folder_is_waited_for_through_its_ancestors(
    tmp_path: Path,
    notifier_for: MakeNotifier,
) -> None:
    log = tmp_path / ".local" / "share" / "logs" / "RustDesk" / "RustDesk_rCURRENT.log"
    notifier = notifier_for(log)
    assert notifier.status().missing == (tmp_path / ".local",)
    (tmp_path / "unrelated").mkdir()
    assert not notifier.take_events()
    folder = log.parent
    for step in (folder.parents[2], folder.parents[1], folder.parent, folder):
        step.mkdir()
        assert notifier.take_events(), f"{step} appearing is news"
    log.write_text("[2026-04-02 10:00:00.000000 +00:00] INFO [src/a.rs:1] x\n")
    assert notifier.take_events()
    assert notifier.status().watched == (folder,) and notifier.status().missing == ()


def test_a_globbed_folder_is_found_when_it_appears(
    tmp_path: Path,
    notifier_for: MakeNotifier,
) -> None:
    notifier = notifier_for(tmp_path / ".anydesk*" / "*.trace")
    (tmp_path / ".bashrc").write_text("x\n")
    assert not notifier.take_events()
    branded = tmp_path / ".anydesk_acme"
    branded.mkdir()
    assert notifier.take_events()
    (branded / "anydesk.trace").write_text("x\n")
    assert notifier.take_events()
    assert notifier.status().watched == (branded,)


def test_a_folder_that_cannot_be_watched_is_reported_and_makes_it_incomplete(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    notifier_for: MakeNotifier,
) -> None:
    ok, full = tmp_path / "ok", tmp_path / "full"
    ok.mkdir()
    full.mkdir()
    real_add = lognotify.Inotify.add_watch

    def add_watch(self: lognotify.Inotify, path: Path, mask: int) -> int:
        if path == full:
            raise OSError(errno.ENOSPC, "inotify watch limit reached")
        return real_add(self, path, mask)

    monkeypatch.setattr(lognotify.Inotify, "add_watch", add_watch)
    notifier = notifier_for(ok / "ad.trace", full / "ad.trace")
    status = notifier.status()
    assert status.mode == "partial" and not notifier.complete
    assert status.unwatched == (full,) and "watch limit" in status.errors[0]
    (ok / "ad.trace").write_text("still told\n")
    assert notifier.take_events()


def test_stopped_it_has_no_descriptor_and_no_news(
    tmp_path: Path,
    notifier_for: MakeNotifier,
) -> None:
    notifier = notifier_for(tmp_path / "ad.trace")
    notifier.stop()
    assert notifier.fileno() is None and not notifier.take_events()
    assert notifier.status().mode == "polling" and not notifier.complete
