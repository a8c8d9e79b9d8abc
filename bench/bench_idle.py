"""Idle cost of the tray: the real `python -m trayclock` next to a bare PySide6 tray icon, same run.

Both run side by side on one real virtual desktop (shared/tools/desktop-session.sh: Xvfb,
openbox, a StatusNotifierItem tray host, dunst) while nothing happens: no remote session,
no window opened. After both icons are on the panel and a settling time has passed, every
process is sampled over the same window:

  - wake-ups: context switches of all its threads (/proc/<pid>/task/*/status, voluntary +
    nonvoluntary) per second;
  - CPU: the scheduler's run time of all its threads (/proc/<pid>/task/*/schedstat), as a
    percentage of one core;
  - memory: RSS and USS (psutil memory_full_info), read every `--memory-every` seconds; the
    median of those readings;
  - threads: how many the process has at the end.

trayclock runs on a private TRAYCLOCK_HOME whose store is set up (the first-start setup
skipped, as on every day after the first), with real detection on this machine's default
log locations. `--variant NAME=DIR` adds another trayclock from another checkout (a `git
worktree` or `git archive` of an earlier commit) to the same run, to see what one change
bought; each variant has its own home.

    .venv/bin/python bench/bench_idle.py                 # 10 minutes
    .venv/bin/python bench/bench_idle.py --seconds 60    # the short check
    .venv/bin/python bench/bench_idle.py --variant before=/tmp/idle-before

`--review` measures instead what the tray keeps of a review window: the tray (the real
composition root, offscreen, no detection) on a store with a 5,022-entry month and a year
of hours-bank history (`--history`, default 5,110: bench_review.py's store; an hours bank
is priced from its first entry, so the window reads all of it), RSS after start-up, with
the month's review open and priced, after it is closed, and after a second open and
close; for each `--variant` too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import bench_tray  # noqa: E402  (the desktop session and the tray host's list)
import detect_idle  # noqa: E402  (per-thread context switches and CPU from /proc)

SETTLE_S = 20.0  # after both icons are listed: start-up work (imports, first poll) is over
START_TIMEOUT_S = 60.0
MIB = 2**20

# The reference: the least a PySide6 tray icon can be (an icon, a one-item menu, a tooltip).
BARE_TRAY = """
import sys
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

app = QApplication(sys.argv[:1])
app.setQuitOnLastWindowClosed(False)
pixmap = QPixmap(22, 22)
pixmap.fill(QColor("#3a7bd5"))
icon = QSystemTrayIcon(QIcon(pixmap))
menu = QMenu()
menu.addAction("Quit", app.quit)
icon.setContextMenu(menu)
icon.setToolTip("bare tray")
icon.show()
print("tray-shown", flush=True)
sys.exit(app.exec())
"""


@dataclass
class Subject:
    """One process measured: the bare tray or a trayclock."""

    name: str
    process: subprocess.Popen[str]
    memory: list[tuple[float, float]] = field(default_factory=list)  # (rss, uss) MiB

    def read_memory(self) -> None:
        info = psutil.Process(self.process.pid).memory_full_info()
        self.memory.append((info.rss / MIB, info.uss / MIB))

    def threads(self) -> int:
        return psutil.Process(self.process.pid).num_threads()


def spawn(name: str, argv: list[str], env: dict[str, str], cwd: Path) -> Subject:
    process = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("tray-shown"):
        process.kill()
        raise RuntimeError(f"{name}: no tray-shown mark (exit {process.wait()})")
    return Subject(name, process)


def stop(subject: Subject) -> float:
    """SIGTERM, and how long it took to end (the tray quits through its signal handler)."""
    started = time.monotonic()
    subject.process.send_signal(signal.SIGTERM)
    try:
        subject.process.wait(15)
    except subprocess.TimeoutExpired:
        subject.process.kill()
        subject.process.wait()
        return float("inf")
    return time.monotonic() - started


def run(args: argparse.Namespace, env: dict[str, str], tmp: Path) -> None:
    baseline = bench_tray.registered_items(env)
    subjects = [spawn("bare tray", [sys.executable, "-c", BARE_TRAY], env, ROOT)]
    variants = [("trayclock", ROOT), *args.variant]
    for name, code in variants:
        home = tmp / f"home-{len(subjects)}"
        bench_tray.set_up_store(home, code)
        run_env = {
            **env,
            "TRAYCLOCK_HOME": str(home),
            "TRAYCLOCK_STARTUP_MARK": "1",
            "PYTHONPATH": str(code),
        }
        subjects.append(spawn(name, [sys.executable, "-m", "trayclock"], run_env, code))
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while bench_tray.registered_items(env) < baseline + len(subjects):
            if time.monotonic() > deadline:
                raise RuntimeError("the tray host never listed every icon")
            time.sleep(0.1)
        time.sleep(args.settle)
        first = {s.name: detect_idle.sample(s.process.pid) for s in subjects}
        end = time.monotonic() + args.seconds
        while True:
            for subject in subjects:
                subject.read_memory()
            left = end - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(args.memory_every, left))
        costs = {
            s.name: detect_idle.cost_between(first[s.name], detect_idle.sample(s.process.pid))
            for s in subjects
        }
        threads = {s.name: s.threads() for s in subjects}
    finally:
        quit_s = {s.name: stop(s) for s in subjects}
    report(args, subjects, costs, threads, quit_s)


def report(
    args: argparse.Namespace,
    subjects: list[Subject],
    costs: dict[str, detect_idle.IdleCost],
    threads: dict[str, int],
    quit_s: dict[str, float],
) -> None:
    import PySide6

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"{args.seconds:g} s idle after {args.settle:g} s settling, {when}; "
        f"nproc {os.cpu_count()}, {detect_idle.cpu_model()}, load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; Python {platform.python_version()}, "
        f"PySide6 {PySide6.__version__}"
    )
    bare_rss = statistics.median(rss for rss, _ in subjects[0].memory)
    print(
        "| process | wake-ups/s | CPU % of a core | RSS MiB (× bare) | USS MiB | threads | "
        "SIGTERM → exit |"
    )
    print("|---|---|---|---|---|---|---|")
    for subject in subjects:
        cost = costs[subject.name]
        rss = statistics.median(r for r, _ in subject.memory)
        uss = statistics.median(u for _, u in subject.memory)
        print(
            f"| {subject.name} | {cost.wakeups_per_s:.2f} | {cost.cpu_percent:.3f} | "
            f"{rss:.1f} (×{rss / bare_rss:.2f}) | {uss:.1f} | {threads[subject.name]} | "
            f"{quit_s[subject.name] * 1000:.0f} ms |"
        )
    for subject in subjects:
        busiest = sorted(costs[subject.name].by_thread.items(), key=lambda kv: -kv[1])
        detail = ", ".join(f"{name.split(' ', 1)[1]} {rate:.3f}" for name, rate in busiest)
        print(f"  {subject.name} wake-ups/s by thread: {detail}")


# The tray of one checkout opening and closing a 5,000-entry review (run with PYTHONPATH=it).
REVIEW_CHILD = """
import gc, json, os, sys, tempfile, time
from datetime import date, datetime
from zoneinfo import ZoneInfo
import psutil
try:  # as `trayclock` starts the tray (checkouts from before it have no such module)
    from trayclock.ui.qt_import import load_qt
    load_qt()
except ImportError:
    pass
from trayclock import app
from trayclock.domain.clock import ManualClock
from trayclock.services.review.demo import DEMO_ZONE, fill_demo_store, fill_history
from trayclock.services.review.span import Span
from trayclock.store.db import connect

MONTH = date(2027, 1, 1)
conn = connect()
fill_demo_store(conn, date(2026, 11, 23))
per_day = int(os.environ["BENCH_HISTORY"]) // 365 or 1
fill_history(conn, date(2025, 11, 1), 365, per_day=per_day, customer_keys=("acme",))
fill_history(conn, MONTH, 31, per_day=162, seed=5)
conn.close()
qt = app.make_qapplication()
later = datetime.combine(date(2027, 3, 1), datetime.min.time(), ZoneInfo(DEMO_ZONE))
built = app.build(qt, clock=ManualClock(later), detection=None, tray_wait_s=3600)
app.start(built)

def settle(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        qt.processEvents()
        time.sleep(0.01)

def rss():
    return psutil.Process().memory_info().rss / 2**20

settle(1)
figures = {"started": rss()}
opener = built.tray._openers["review"]
for turn in (1, 2):
    window = opener(MONTH)
    problems = []
    window.problem.connect(problems.append)
    window.show_span(Span.MONTH)
    deadline = time.monotonic() + 900
    while not (window.view and window.view.priced and window.view.last_day.month == 1):
        if problems or time.monotonic() > deadline:
            sys.exit(f"the review was not priced: {problems or window.banner.text()}")
        qt.processEvents()
        time.sleep(0.01)
    settle(1)
    figures[f"open {turn}"] = rss()
    figures[f"rows {turn}"] = len(window.view.rows)
    window.close()
    del window
    settle(2)
    figures[f"closed {turn}"] = rss()
print(json.dumps(figures))
built.shutdown()
"""

REVIEW_STEPS = ("started", "open 1", "closed 1", "open 2", "closed 2")  # the child's figures


def review_memory(args: argparse.Namespace) -> None:
    print(
        f"RSS MiB of the tray with a 5,022-entry month's review and {args.history:,} entries "
        "of hours-bank history; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M UTC}, nproc {os.cpu_count()}, {detect_idle.cpu_model()}"
    )
    print("| tray | started | month open | closed | open again | closed again |")
    print("|---|---|---|---|---|---|")
    for name, code in (("trayclock", ROOT), *args.variant):
        with tempfile.TemporaryDirectory() as home:
            env = {
                **os.environ,
                "TRAYCLOCK_HOME": home,
                "PYTHONPATH": str(code),
                "QT_QPA_PLATFORM": "offscreen",
                "BENCH_HISTORY": str(args.history),
            }
            done = subprocess.run(
                [sys.executable, "-c", REVIEW_CHILD],
                env=env, cwd=code, capture_output=True, text=True, check=True,
            )  # fmt: skip
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"| {name} | " + " | ".join(f"{figures[key]:.1f}" for key in REVIEW_STEPS) + " |")


def variant(text: str) -> tuple[str, Path]:
    name, sep, folder = text.partition("=")
    if not sep or not name or not Path(folder, "trayclock").is_dir():
        raise argparse.ArgumentTypeError(f"expected NAME=DIR with DIR/trayclock, not {text!r}")
    return name, Path(folder).resolve()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="measured idle time")
    parser.add_argument("--settle", type=float, default=SETTLE_S, help="wait before measuring")
    parser.add_argument("--memory-every", type=float, default=30.0, help="seconds")
    parser.add_argument("--variant", type=variant, action="append", default=[])
    parser.add_argument("--review", action="store_true", help="memory a closed review keeps")
    parser.add_argument(
        "--history", type=int, default=5_110, help="--review: entries of hours-bank history"
    )
    args = parser.parse_args()
    if args.review:
        review_memory(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        session, env = bench_tray.start_desktop(Path(tmp))
        try:
            run(args, env, Path(tmp))
        finally:
            os.killpg(session.pid, signal.SIGTERM)
            session.wait(30)


if __name__ == "__main__":
    main()
