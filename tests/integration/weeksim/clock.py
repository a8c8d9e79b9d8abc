"""The simulation's time: one fast clock shared by every process of the run, and the jumps of a
computer's clocks (a suspend, a wall-clock step, a night), driven from inside the run.

How (see simclock.c): libfaketime, started once by the `faketime` wrapper, runs all clocks
`rate` times faster for every process below it, from one shared start; `simclock.so`,
preloaded before it, puts the wall clock, CLOCK_MONOTONIC and CLOCK_BOOTTIME ahead by the
three numbers in a small file the driver writes. So a suspend moves the wall and boot clocks
and leaves the monotonic one where it was — what trayclock (`clock.SystemClock.uptime`: awake
= monotonic, asleep = boottime − monotonic) sees of a real suspend on Linux. A stall is a
SIGSTOP of the app while the clocks run on.

What it cannot model: a real suspend (the kernel, the X server and the other processes do
not sleep: only the app's view of time jumps), and the X server's own clock (its input idle
counter and event times stay real time, not fast).

The outer side (`wrapper_command`) builds the shim and starts the run; the inner side
(`SimClock`) is used by the driver, which runs inside that command.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import signal
import struct
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

SHIM_SOURCE = Path(__file__).with_name("simclock.c")
AHEAD_FORMAT = "<qqq"  # wall, monotonic, boottime: nanoseconds ahead of libfaketime's clocks
NS_PER_S = 1_000_000_000
FILE_ENV, RATE_ENV = "SIMCLOCK_FILE", "SIMCLOCK_RATE"
WAIT_SLICE_S = 60.0  # the driver's longest single sleep (fake seconds): it looks up between


class SimClockUnavailable(RuntimeError):
    """faketime, libfaketime or a C compiler is missing: the simulation cannot run."""


def libfaketime() -> Path:
    """libfaketime's thread-safe build (Debian: package libfaketime)."""
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketimeMT.so.1")) + sorted(
        glob.glob("/usr/lib/faketime/libfaketimeMT.so.1")
    )
    if not found:
        raise SimClockUnavailable("libfaketimeMT.so.1 is missing: apt-get install faketime")
    return Path(found[0])


def build_shim(cache: Path) -> Path:
    """simclock.so compiled into `cache` (once per version of the source)."""
    source = SHIM_SOURCE.read_bytes()
    target = cache / f"simclock-{hashlib.sha256(source).hexdigest()[:12]}.so"
    if target.exists():
        return target
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise SimClockUnavailable("no C compiler (cc) to build simclock.so: apt-get install gcc")
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    done = subprocess.run(
        [
            compiler,
            "-O2",
            "-shared",
            "-fPIC",
            "-Wall",
            "-o",
            str(partial),
            str(SHIM_SOURCE),
            "-ldl",
            "-lpthread",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise SimClockUnavailable(f"simclock.c did not compile: {done.stderr.strip()}")
    partial.replace(target)
    return target


def wrapper_command(rate: float, shim: Path, ahead_file: Path, command: Sequence[str]) -> list[str]:
    """`command` under one shared fast clock (its children too), jumps read from `ahead_file`."""
    faketime = shutil.which("faketime")
    if faketime is None:
        raise SimClockUnavailable("faketime is missing: apt-get install faketime")
    ahead_file.write_bytes(struct.pack(AHEAD_FORMAT, 0, 0, 0))
    return [
        faketime,
        "-m",
        "-f",
        f"+0 x{rate:g}",
        "env",
        f"LD_PRELOAD={shim} {libfaketime()}",
        f"{FILE_ENV}={ahead_file}",
        f"{RATE_ENV}={rate:g}",
        *command,
    ]


def real_env(env: dict[str, str]) -> dict[str, str]:
    """`env` for a process that must run on real time (xdotool: its delays are real)."""
    clean = dict(env)
    for name in ("LD_PRELOAD", "FAKETIME", "FAKETIME_SHARED", FILE_ENV, RATE_ENV):
        clean.pop(name, None)
    return clean


@dataclass(frozen=True, slots=True)
class Reading:
    """One look at the clocks: the wall clock and the awake (monotonic) time, in seconds."""

    wall: datetime
    awake: float


class SimClock:
    """The driver's side: read the shared fast clock, wait on it, and make it jump."""

    def __init__(self) -> None:
        path = os.environ.get(FILE_ENV)
        if not path or "LD_PRELOAD" not in os.environ:
            raise SimClockUnavailable("not inside the simulation's clock (run through launch.py)")
        self._file = Path(path)
        self.rate = float(os.environ.get(RATE_ENV, "1"))

    # --- reading and waiting --------------------------------------------------------------

    def now(self) -> datetime:
        return datetime.now(UTC)

    def read(self) -> Reading:
        return Reading(datetime.now(UTC), time.monotonic())

    @staticmethod
    def real_s() -> float:
        """Seconds since boot, real (the kernel's /proc/uptime: no library fakes it)."""
        with open("/proc/uptime", encoding="ascii") as uptime:
            return float(uptime.read().split()[0])

    def sleep(self, seconds: float) -> None:
        """Let `seconds` of awake time pass (at the fast rate)."""
        if seconds > 0:
            time.sleep(seconds)

    # --- jumps ----------------------------------------------------------------------------

    def _ahead(self) -> list[int]:
        return list(struct.unpack(AHEAD_FORMAT, self._file.read_bytes()[:24]))

    def _write(self, ahead: Sequence[int]) -> None:
        fd = os.open(self._file, os.O_WRONLY)
        try:
            os.pwrite(fd, struct.pack(AHEAD_FORMAT, *ahead), 0)
        finally:
            os.close(fd)

    def set_wall(self, moment: datetime) -> None:
        """Move every clock so the wall clock reads `moment` (before the run's first app)."""
        delta = int((moment - self.now()).total_seconds() * NS_PER_S)
        self._write([value + delta for value in self._ahead()])

    def night(self, delta: timedelta) -> None:
        """The computer is off (or the app not running): every clock moves on by `delta`."""
        step = int(delta.total_seconds() * NS_PER_S)
        self._write([value + step for value in self._ahead()])

    def suspend(self, duration: timedelta, frozen: Sequence[int]) -> None:
        """The computer sleeps for `duration`: wall and boot time move on, the monotonic clock
        stands still. The processes `frozen` are stopped meanwhile (a suspended machine runs
        nothing): none of them can read the clocks half moved."""
        self._frozen(frozen, self._suspend_now, duration)

    def _suspend_now(self, duration: timedelta) -> None:
        wall, mono, boot = self._ahead()
        step = int(duration.total_seconds() * NS_PER_S)
        self._write([wall + step, mono, boot + step])

    def step(self, delta: timedelta, frozen: Sequence[int]) -> None:
        """The wall clock alone is set by `delta` (NTP, the user); monotonic and boot go on."""
        self._frozen(frozen, self._step_now, delta)

    def _step_now(self, delta: timedelta) -> None:
        wall, mono, boot = self._ahead()
        self._write([wall + int(delta.total_seconds() * NS_PER_S), mono, boot])

    @staticmethod
    def _frozen(pids: Sequence[int], change: Callable[[timedelta], None], value: timedelta) -> None:
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        try:
            change(value)
        finally:
            for pid in pids:
                os.kill(pid, signal.SIGCONT)
