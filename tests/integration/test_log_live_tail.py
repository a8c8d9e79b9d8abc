"""A real trace file written while LogWatcher + FileWatch run: sessions come out live, in order."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.detect_lines import anydesk_request, anydesk_service
from tests.waiting import wait_until
from trayclock.clock import SystemClock
from trayclock.detect.logsource import LogWatcher
from trayclock.detect.signals.filewatch import FileWatch
from trayclock.domain.session import Outcome, RemoteSession

pytestmark = pytest.mark.integration

DEADLINE_S = 10.0
# The fallback poll is slow on purpose: the test passes only if notification wakes the loop.
FALLBACK_POLL_S = 30.0


class Runner:
    """The monitor's loop in miniature: wait for a change (or the fallback), then poll."""

    def __init__(self, watcher: LogWatcher, watch: FileWatch) -> None:
        self.watcher, self.watch = watcher, watch
        self.seen: list[RemoteSession] = []
        self._polls_begun = self._polls_done = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                self._polls_begun += 1
                number = self._polls_begun
            changed = self.watcher.poll()
            with self._lock:
                self.seen.extend(changed)
                self._polls_done = number
            self.watch.wait(FALLBACK_POLL_S)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.watch.changed.set()
        self._thread.join(timeout=5)

    def until(self, check: Callable[[list[RemoteSession]], bool]) -> list[RemoteSession]:
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            with self._lock:
                snapshot = list(self.seen)
            if check(snapshot):
                return snapshot
            time.sleep(0.01)
        raise AssertionError(f"not seen within {DEADLINE_S} s: {snapshot}")

    def read_what_is_written(self) -> None:
        """Until a poll that began after this call has ended: it read all that is in the file."""
        with self._lock:
            wanted = self._polls_begun + 1
        self.watch.changed.set()  # the loop may be waiting: one more poll, now

        def done() -> bool:
            with self._lock:
                return self._polls_done >= wanted

        wait_until(done, "a poll after the write", DEADLINE_S)


def append(path: Path, data: bytes) -> None:
    with open(path, "ab") as handle:
        handle.write(data)


def test_sessions_started_then_ended_as_lines_are_written(tmp_path: Path) -> None:
    folder = tmp_path / "AnyDesk"
    folder.mkdir()
    trace = folder / "ad_svc.trace"
    trace.write_bytes(service("07:00:00.000", 3, "app.service", "Service started."))
    watcher = LogWatcher("anydesk", [folder / "ad*.trace"], clock=SystemClock())
    with FileWatch(watcher.watch_paths, rescan_interval_s=0.1) as watch:
        runner = Runner(watcher, watch)
        runner.start()
        try:
            append(
                trace,
                request("08:00:00.000", 41, "712345678"),
            )
            append(trace, b"\x00" * 64)
            append(
                trace,
                request("08:00:01.000", 43, "845001122"),
            )
            seen = runner.until(lambda s: len(s) >= 2)
            assert [(s.partner_id, s.outcome) for s in seen[:2]] == [
                ("712345678", Outcome.OPEN),
                ("845001122", Outcome.OPEN),
            ]
            append(
                trace, service("08:00:02.000", 41, "app.session", "5: Entering processing loop.")
            )
            # half a line now, the rest later: nothing may come out of the half
            append(
                trace,
                service(
                    "08:30:00.000", 41, "app.session", "Session closed by local user: user_quit."
                )[:60],
            )
            runner.read_what_is_written()  # a wrong implementation misreads the half line now
            append(
                trace,
                service(
                    "08:30:00.000", 41, "app.session", "Session closed by local user: user_quit."
                )[60:],
            )
            seen = runner.until(lambda s: len(s) >= 3)
            ended = seen[2]
            assert (ended.partner_id, ended.outcome) == ("712345678", Outcome.COMPLETED)
            assert ended.key == seen[0].key
            append(
                trace,
                service(
                    "08:31:00.000", 43, "app.session", "Session closed by remote side: rejected."
                ),
            )
            seen = runner.until(lambda s: len(s) >= 4)
            assert (seen[3].key, seen[3].outcome) == (seen[1].key, Outcome.REFUSED)
            # A branded trace that appears while running is picked up too.
            (folder / "ad_acme.trace").write_bytes(request("09:00:00.000", 7, "300400500"))
            seen = runner.until(lambda s: len(s) >= 5)
            assert seen[4].partner_id == "300400500"
        finally:
            runner.stop()
    assert watcher.status().bad_lines == 0


def service(ts: str, fiber: int, logger: str, msg: str) -> bytes:
    return anydesk_service(ts, fiber, logger, msg).encode()


def request(ts: str, fiber: int, address: str) -> bytes:
    return anydesk_request(ts, fiber, address).encode()
