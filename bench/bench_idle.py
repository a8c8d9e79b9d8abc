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
"""

from __future__ import annotations

import argparse
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


def set_up_store(home: Path, code: Path) -> None:
    """A store as on any day after the first: set up, so no first-start window is open."""
    script = (
        "from datetime import UTC, datetime\n"
        "from trayclock.config import paths\n"
        "from trayclock.store import db\n"
        "from trayclock.services.ui_prefs import FIRST_START_SKIPPED, mark_first_start\n"
        "conn = db.connect(paths().ensure().database)\n"
        "mark_first_start(conn, FIRST_START_SKIPPED, now=datetime.now(UTC))\n"
        "conn.close()\n"
    )
    env = {**os.environ, "TRAYCLOCK_HOME": str(home), "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-c", script], env=env, cwd=code, check=True)


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
        set_up_store(home, code)
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        session, env = bench_tray.start_desktop(Path(tmp))
        try:
            run(args, env, Path(tmp))
        finally:
            os.killpg(session.pid, signal.SIGTERM)
            session.wait(30)


if __name__ == "__main__":
    main()
