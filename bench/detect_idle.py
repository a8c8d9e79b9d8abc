"""Idle cost of detection: wake-ups and CPU of a real `trayclock detect --watch` doing nothing.

Used by bench_detect.py (`--only idle`). The child runs the real sources on a private Xvfb:
X11 windows, this machine's default log locations (the /var/log ones included) and the
process list, with no session open. Wake-ups are the context switches of all its threads
(/proc/<pid>/task/*/status: voluntary + nonvoluntary), CPU the scheduler's run time of all
its threads (/proc/<pid>/task/*/schedstat); both counted over the same window as two
references in the same run: a Python process asleep (0 expected) and one ticking once a
second (1/s expected), which shows the counting is right.

Scenarios: a quiet desktop; a desktop where an ordinary window changes its title ten times
a second (a clock, a terminal); a log folder where another program appends to its own file
ten times a second (as rsyslog does in /var/log).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SLEEPER = "import time; time.sleep(3600)"
TICKER = "import time\nwhile True: time.sleep(1)"


@dataclass(frozen=True)
class Sample:
    switches: dict[str, int]  # "tid name" -> voluntary + nonvoluntary context switches
    cpu_s: float
    at: float


def sample(pid: int) -> Sample:
    switches: dict[str, int] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = dict(
                line.split(":\t", 1)
                for line in (task / "status").read_text().splitlines()
                if ":\t" in line
            )
        except OSError:
            continue  # the thread ended meanwhile
        count = int(fields["voluntary_ctxt_switches"]) + int(fields["nonvoluntary_ctxt_switches"])
        switches[f"{task.name} {fields['Name'].strip()}"] = count
    return Sample(switches, cpu_seconds(pid), time.monotonic())


def cpu_seconds(pid: int) -> float:
    """CPU time of all the process's threads: the scheduler's nanoseconds where there are
    (/proc/<pid>/task/*/schedstat), else utime + stime in clock ticks."""
    total_ns = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                total_ns += int((task / "schedstat").read_text().split()[0])
            except (OSError, IndexError, ValueError):
                continue
        if total_ns:
            return total_ns / 1e9
    except OSError:
        pass
    stat = Path(f"/proc/{pid}/stat").read_text()
    after_name = stat[stat.rindex(")") + 2 :].split()
    return (int(after_name[11]) + int(after_name[12])) / CLOCK_TICKS  # utime, stime


@dataclass(frozen=True)
class IdleCost:
    wakeups_per_s: float
    cpu_percent: float
    threads: int
    by_thread: dict[str, float]  # thread -> wake-ups per second

    def line(self) -> str:
        busiest = sorted(self.by_thread.items(), key=lambda kv: -kv[1])[:4]
        detail = ", ".join(f"{name.split(' ', 1)[1]} {rate:.2f}" for name, rate in busiest if rate)
        return (
            f"{self.wakeups_per_s:6.2f} wake-ups/s, CPU {self.cpu_percent:.3f} % of a core, "
            f"{self.threads} threads" + (f" ({detail})" if detail else "")
        )


def cost_between(first: Sample, last: Sample) -> IdleCost:
    seconds = last.at - first.at
    by_thread = {
        name: (count - first.switches.get(name, 0)) / seconds
        for name, count in last.switches.items()
    }
    return IdleCost(
        sum(by_thread.values()),
        100 * (last.cpu_s - first.cpu_s) / seconds,
        len(last.switches),
        by_thread,
    )


def measure(pids: dict[str, int], seconds: float) -> dict[str, IdleCost]:
    """Every process's idle cost over the same `seconds`."""
    first = {name: sample(pid) for name, pid in pids.items()}
    time.sleep(seconds)
    return {name: cost_between(first[name], sample(pid)) for name, pid in pids.items()}


@contextmanager
def running(command: list[str], **kwargs: object) -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs
    )  # type: ignore[call-overload]
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


@contextmanager
def repeating(action: Callable[[int], None], per_second: float) -> Iterator[None]:
    """Run `action(i)` `per_second` times a second in a thread while inside."""
    stop = threading.Event()

    def loop() -> None:
        i = 0
        while not stop.wait(1 / per_second):
            action(i)
            i += 1

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def detect_command(code: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "trayclock", "detect", "--watch", *extra]


def child_env(code: Path, display: str, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        HOME=str(home),
        TRAYCLOCK_HOME=str(home / "trayclock"),
        PYTHONPATH=str(code),
    )
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("TRAYCLOCK_LOGS", None)
    return env
