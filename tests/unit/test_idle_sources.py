"""Input-idle sources: the factory with its null fallback, the deferred opener, the Win32 and
macOS sources against fake APIs (their real bindings are untested on this Linux machine),
and the clocks' uptime readings. The X11 source runs against a real Xvfb in
tests/integration/test_idle_x11.py."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from trayclock.clock import SystemClock
from trayclock.detect.signals import idle_macos, idle_win32
from trayclock.detect.signals.idle_source import (
    DeferredIdleSource,
    NullIdleSource,
    open_idle_source,
)
from trayclock.domain.clock import ManualClock, Uptime

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

# --- the factory --------------------------------------------------------------------------


def test_no_display_gives_a_null_source_that_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    source = open_idle_source("linux")
    assert isinstance(source, NullIdleSource) and source.idle_seconds() is None
    assert source.problem is not None and "DISPLAY" in source.problem
    assert source.status == source.problem


def test_wayland_without_x_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert "Wayland" in (open_idle_source("linux").problem or "")


def test_an_x_display_that_does_not_exist_is_a_problem_not_a_crash() -> None:
    source = open_idle_source("linux", display=":4243")
    assert source.name == "x11" and source.idle_seconds() is None
    assert source.problem is not None and ":4243" in source.problem
    source.close()


def test_windows_and_macos_sources_import_and_fail_softly_here() -> None:
    for platform, name in (("win32", "win32"), ("darwin", "macos")):
        source = open_idle_source(platform)
        assert source.name == name and source.idle_seconds() is None
        assert source.problem is not None and "unavailable" in source.problem


def test_the_deferred_source_opens_at_the_first_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    deferred = DeferredIdleSource("linux")
    assert deferred._source is None  # nothing opened at start-up
    assert deferred.idle_seconds() is None
    assert deferred.problem is not None and "DISPLAY" in deferred.problem
    deferred.close()


# --- Win32, with a fake GetLastInputInfo ----------------------------------------------------


class FakeLastInput:
    def __init__(self, last: int, now: int, fails: bool = False) -> None:
        self.last, self.now, self.fails = last, now, fails

    def last_input_tick(self) -> int:
        if self.fails:
            raise OSError(5, "GetLastInputInfo failed")
        return self.last

    def tick_count(self) -> int:
        return self.now


def test_win32_idle_is_the_tick_difference_across_the_32_bit_wrap() -> None:
    assert idle_win32.Win32IdleSource(FakeLastInput(1_000, 43_500)).idle_seconds() == 42.5
    wrapped = FakeLastInput(2**32 - 500, 1_500)  # 49.7 days up: the counter wrapped
    assert idle_win32.Win32IdleSource(wrapped).idle_seconds() == 2.0


def test_win32_a_failing_call_is_a_problem_then_recovers() -> None:
    api = FakeLastInput(0, 1_000, fails=True)
    source = idle_win32.Win32IdleSource(api)
    assert source.idle_seconds() is None and "last input" in (source.problem or "")
    api.fails = False
    assert source.idle_seconds() == 1.0 and source.problem is None


# --- macOS, with a fake CoreGraphics call ----------------------------------------------------


def test_macos_idle_comes_from_coregraphics_and_nonsense_is_refused() -> None:
    readings = iter([12.5, float("nan"), -1.0, 3.0])
    source = idle_macos.MacIdleSource(lambda: next(readings))
    assert source.idle_seconds() == 12.5
    assert source.idle_seconds() is None and source.problem is not None
    assert source.idle_seconds() is None
    assert source.idle_seconds() == 3.0 and source.problem is None


# --- the clocks' uptime ---------------------------------------------------------------------


def test_the_manual_clock_tells_a_sleep_from_a_stall_and_a_step() -> None:
    clock = ManualClock(T0)
    clock.stall(timedelta(seconds=95))
    assert clock.uptime() == Uptime(timedelta(seconds=95), timedelta(0))
    clock.sleep(timedelta(minutes=30))
    assert clock.uptime() == Uptime(timedelta(seconds=95), timedelta(minutes=30))
    clock.step(-timedelta(hours=1))
    assert clock.now() == T0 + timedelta(seconds=95, minutes=30) - timedelta(hours=1)
    assert clock.uptime() == Uptime(timedelta(seconds=95), timedelta(minutes=30))


@pytest.mark.parametrize("platform", ["linux", "a-platform-without-a-clock-pair"])
def test_the_system_clock_counts_awake_time_and_no_sleep_while_running(platform: str) -> None:
    clock = SystemClock(platform)
    started, before = time.monotonic(), clock.uptime()
    sum(range(200_000))  # the computer runs (busy, as in a stall)
    after, ended = clock.uptime(), time.monotonic()
    ran = timedelta(seconds=ended - started)
    assert timedelta(0) <= after.awake - before.awake <= ran
    # Nothing was suspended meanwhile (tolerance: the two clocks are read one after the other).
    assert abs(after.asleep - before.asleep) < timedelta(milliseconds=20)
