"""Idle time on a REAL X display (issue 11, item 6): a private Xvfb (it has the MIT-SCREEN-SAVER
extension), real input through `xdotool` (the X server resets its idle counter for it as for a
keyboard), the real X11 idle source, the real tracker on the system clock and a real store.

A session with no input for longer than the threshold (3 s here; 10 min by default) gets one
suggested pause from the last input to input again, within a couple of seconds of both;
accepting it re-prices the entry exactly as the same call without the stretch; input during
the stretch splits it. Xvfb and xdotool are required (scripts/system-deps.sh installs them):
without them these tests fail naming the package; they never skip.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.integration import test_x11_detection as x11_detection
from tests.integration.test_x11_detection import Xvfb
from trayclock.clock import SystemClock
from trayclock.detect.signals.idle_source import open_idle_source
from trayclock.detect.signals.idle_x11 import X11IdleSource
from trayclock.domain.entry import EndReason, Entry
from trayclock.domain.pricing import price_range
from trayclock.domain.session import EventKind, Outcome, RemoteSession, SessionEvent
from trayclock.services.pauses import Pauses, Suggestion
from trayclock.store import customers, db, entries, mappings, settings
from trayclock.tracker import Tracker

pytestmark = pytest.mark.integration

THRESHOLD_S = 3.0  # idle longer than this during a session: suggest a pause
TICK_S = 0.2  # the heartbeat: the idle time is read once per tick
BOUNDS = timedelta(seconds=2)  # how close a suggestion's ends are to the true input moments
DEADLINE_S = 30.0
XDOTOOL_INSTALL = (
    "xdotool is required for the idle tests: `sudo apt-get install xdotool` (Debian/Ubuntu) "
    "or run `bash scripts/system-deps.sh`"
)


class Desk:
    """The technician's hands: real pointer motion through the X server, and the tray's
    heartbeat ticking while we wait for a condition (never a fixed sleep)."""

    def __init__(
        self, display: str, conn: sqlite3.Connection, tracker: Tracker, clock: SystemClock
    ) -> None:
        binary = shutil.which("xdotool")
        if binary is None:
            pytest.fail(XDOTOOL_INSTALL)
        self.binary = binary
        self.env = {**os.environ, "DISPLAY": display}
        self.conn = conn
        self.tracker = tracker
        self.clock = clock
        self.x = 10

    def touch(self) -> datetime:
        """Move the pointer somewhere new; the moment the X server saw the input."""
        self.x = 10 + (self.x + 97) % 600
        subprocess.run(
            [self.binary, "mousemove", str(self.x), "200"], env=self.env, check=True, timeout=10
        )
        return self.clock.now()

    def tick_until(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + DEADLINE_S
        while not condition():
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}")
            time.sleep(TICK_S)  # the heartbeat's interval: the tray's timer, not a wait
            self.tracker.tick()

    def idle_for(self, since: datetime, seconds: float) -> None:
        """Tick until `seconds` passed since the input at `since` (no input meanwhile)."""
        self.tick_until(
            lambda: self.clock.now() - since >= timedelta(seconds=seconds),
            f"{seconds} s without input",
        )


# The private X server of the X11 detection tests (a fixture, found here by its name).
xvfb = x11_detection.xvfb


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = db.connect(tmp_path / "trayclock.sqlite3")
    now = datetime.now(UTC)
    # Whole minutes, no rounding up: the price moves with every minute worked.
    policy = {"increment_minutes": 1, "rounding": "down", "rate": "60.00"}
    settings.set_policy(connection, policy, now=now)
    acme = customers.upsert(connection, "acme", "ACME", now=now)
    mappings.remember(connection, "anydesk", "123456789", acme.id, partner_name=None, now=now)
    yield connection
    connection.close()


def start(xvfb: Xvfb, conn: sqlite3.Connection, *, began: timedelta) -> tuple[Desk, RemoteSession]:
    """The tracker over the display's idle time; an AnyDesk session that began `began` ago."""
    source = open_idle_source("linux", display=xvfb.display)
    assert isinstance(source, X11IdleSource) and source.idle_seconds() is not None, source.status
    clock = SystemClock()
    tracker = Tracker(
        conn, clock, heartbeat_s=TICK_S, idle_source=source, idle_threshold_s=THRESHOLD_S
    )
    tracker.recover()
    now = clock.now()
    session = RemoteSession("anydesk", "k1", "123456789", None, now - began, None, Outcome.OPEN)
    tracker.handle(SessionEvent(EventKind.STARTED, session, now))
    return Desk(xvfb.display, conn, tracker, clock), session


def suggestions(desk: Desk) -> list[Suggestion]:
    return Pauses(desk.conn, desk.clock).suggestions()


def close_to(moment: datetime, truth: datetime) -> bool:
    return abs(moment - truth) <= BOUNDS


def priced_minutes(conn: sqlite3.Connection, entry: Entry) -> tuple[float, float, str]:
    row = price_range([entry], customers.list_all(conn), settings.policy(conn), now=entry.end)
    priced = row.rows[0].priced
    assert priced is not None
    return float(priced.raw_minutes), float(priced.paused_minutes), str(priced.amount)


def test_no_input_longer_than_the_threshold_is_one_suggested_pause_and_accepting_re_prices(
    xvfb: Xvfb, conn: sqlite3.Connection
) -> None:
    desk, session = start(xvfb, conn, began=timedelta(minutes=3))
    went = desk.touch()  # the last input before the tech stepped away
    desk.idle_for(went, 2 * THRESHOLD_S)
    assert desk.tracker.idle_since is not None and close_to(desk.tracker.idle_since, went)
    assert suggestions(desk) == []  # asked when the tech is back, not before
    back = desk.touch()
    desk.tick_until(lambda: bool(suggestions(desk)), "the suggestion")
    (asked,) = suggestions(desk)
    assert close_to(asked.start, went) and close_to(asked.end, back), (asked, went, back)
    assert asked.customer == "ACME" and asked.running

    now = desk.clock.now()
    desk.tracker.handle(
        SessionEvent(EventKind.ENDED, session.with_changes(end=now, outcome=Outcome.COMPLETED), now)
    )
    assert desk.tracker.running() == []
    (entry,) = entries.in_range(conn, now - timedelta(hours=1), now + timedelta(hours=1))
    assert entry.end is not None and entry.end_reason is EndReason.ENDED
    length = (entry.end - entry.start).total_seconds() / 60
    raw, paused, amount = priced_minutes(conn, entry)
    assert (raw, paused) == (pytest.approx(length), 0.0)  # a suggestion changes no price

    accepted = Pauses(conn, desk.clock).accept(asked.pause_id, by="technician (tray)")
    raw, paused, amount = priced_minutes(conn, accepted)
    idle = asked.length.total_seconds() / 60
    assert (raw, paused) == (pytest.approx(length - idle), pytest.approx(idle))
    assert entry.end is not None
    same_call = entry.with_changes(uuid="same", end=entry.end - asked.length, pauses=())
    assert amount == priced_minutes(conn, same_call)[2]  # priced as if the stretch never was


def test_input_during_the_stretch_splits_it_and_short_pauses_are_never_asked(
    xvfb: Xvfb, conn: sqlite3.Connection
) -> None:
    desk, _ = start(xvfb, conn, began=timedelta(0))
    last = desk.touch()
    for _ in range(3):  # typing with short breaks, each under the threshold
        desk.idle_for(last, THRESHOLD_S / 3)
        last = desk.touch()
    went = last
    desk.idle_for(went, THRESHOLD_S + 1.5)
    between = desk.touch()  # one input in the middle of a long absence
    desk.idle_for(between, THRESHOLD_S + 1.5)
    back = desk.touch()
    desk.tick_until(lambda: len(suggestions(desk)) == 2, "two suggestions")
    first, second = suggestions(desk)
    assert close_to(first.start, went) and close_to(first.end, between), (first, went, between)
    assert close_to(second.start, between) and close_to(second.end, back), (second, back)
    assert first.end <= second.start  # none where the input came
    (entry,) = desk.tracker.running()
    assert len(entry.pauses) == 2  # nothing for the short breaks
