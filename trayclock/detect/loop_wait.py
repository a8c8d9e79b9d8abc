"""How the detection loop waits between polls: on descriptors, not on a clock tick.

The loop sleeps in one `select()` on: a wake-up socket (`Waker`: `Monitor.wake()` from any
thread, a signal handler included), the X connection (window events) and the log notifier
(inotify). It wakes when one of them has something, or at the deadline the monitor sets:
one poll interval while time alone can change something (a session waiting out its grace
period, a source that has to be polled), a long safety interval otherwise. So an idle
desktop with no session costs no wake-ups between safety polls.

API (used by `trayclock.detect.monitor`):
    Waker()                       .wake() / .drain() / .fileno() / .close()
    EventSource (protocol)        .fileno() -> int | None; .take_events() -> bool
    wait_for_events(waker, window_fd, sources, timeout_s) -> bool   # True: poll now
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import time
from collections.abc import Sequence
from typing import Protocol

logger = logging.getLogger(__name__)


class EventSource(Protocol):
    """Something with a descriptor that tells when it may have news (the log notifier)."""

    def fileno(self) -> int | None: ...

    def take_events(self) -> bool:
        """Drain what is queued; True when it is news worth a poll."""
        ...


class Waker:
    """A socket pair: `wake()` makes `fileno()` readable until `drain()` (any thread; a
    socket rather than a pipe so `select` takes it on Windows too)."""

    def __init__(self) -> None:
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)

    def fileno(self) -> int:
        return self._reader.fileno()

    def wake(self) -> None:
        # Full: already woken. Closed: shutting down. Neither is worth an error.
        with contextlib.suppress(OSError):
            self._writer.send(b"!")

    def drain(self) -> None:
        with contextlib.suppress(OSError):  # BlockingIOError: nothing (more) to read
            while self._reader.recv(4096):
                pass

    def close(self) -> None:
        self._reader.close()
        self._writer.close()


def _has_news(source: EventSource) -> bool:
    try:
        return source.take_events()
    except Exception:  # a broken notifier must not stop detection: poll, as if it had news
        logger.exception("detection event source %r failed", source)
        return True


def wait_for_events(
    waker: Waker,
    window_fd: int | None,
    sources: Sequence[EventSource],
    timeout_s: float,
) -> bool:
    """Wait up to `timeout_s` for a wake-up, a window event or news from a source.

    True when one came (poll now), False at the deadline (poll: time has passed). Events a
    source judges no news (another file written in a watched folder) do not end the wait."""
    watched: dict[int, EventSource | None] = {waker.fileno(): None}
    if window_fd is not None:
        watched[window_fd] = None
    for each in sources:
        fd = each.fileno()
        if fd is not None:
            watched[fd] = each
    deadline = time.monotonic() + timeout_s
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        try:
            readable, _, _ = select.select(list(watched), [], [], remaining)
        except (OSError, ValueError) as exc:  # a descriptor closed meanwhile (X went away)
            logger.debug("waiting for detection events failed (%s): polling", exc)
            return True
        if not readable:
            return False
        news = False
        for fd in readable:
            source = watched[fd]
            if fd == waker.fileno():
                waker.drain()
                news = True
            elif source is None or _has_news(source):
                news = True
        if news:
            return True
