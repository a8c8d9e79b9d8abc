"""Detection benchmark: poll CPU, latency to the STARTED event, idle cost, hostile logs.

Run: .venv/bin/python bench/bench_detect.py [--only poll,latency,idle,parsers] [--samples N]
     [--idle-seconds S] [--code DIR]     (DIR: another checkout to measure, e.g. the old code)

- poll: CPU (time.process_time) of one poll with 500 real windows on a private Xvfb and
  >= 500 processes (this machine's, topped up with `sleep` children), the three apps' log
  watchers on small real log files, and the real reconciler: the first (cold) poll, steady
  polls, a poll after one title changed, and the process scan.
- latency: a session window mapped → its STARTED event, with the default poll interval; a
  RustDesk window retitled to a session title → STARTED; an AnyDesk trace line written →
  STARTED (file-change notification).
- idle: wake-ups per second and CPU of a real `trayclock detect --watch` with no session,
  against a sleeping and a once-a-second Python process in the same run (detect_idle.py):
  quiet desktop, an ordinary window retitled 10x/s, another file in a log folder appended
  to 10x/s.
- parsers: the hostile logs of issue #12: a Connections.txt line with 2 KiB / 4 KiB of
  spaces, 8,000 RustDesk sessions open at once, 40,000 TeamViewer attempts.
Targets: window → STARTED median < 150 ms; idle ≈ 0 wake-ups/s with no session.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from Xlib import X, Xatom
from Xlib.display import Display

ROOT = Path(__file__).resolve().parents[1]
# `--code DIR` re-runs this script with DIR's trayclock (before/after figures, same method).
CODE = Path(os.environ.get("TRAYCLOCK_BENCH_CODE", str(ROOT)))
sys.path.insert(0, str(CODE))
sys.path.insert(1, str(Path(__file__).resolve().parent))

import detect_idle  # noqa: E402

from trayclock.clock import SystemClock  # noqa: E402
from trayclock.detect.monitor import POLL_INTERVAL_S, Monitor, open_monitor  # noqa: E402
from trayclock.detect.signals.processes import PROCESS_REFRESH_S, ProcessSource  # noqa: E402
from trayclock.detect.signals.window_source import NullWindowSource  # noqa: E402
from trayclock.detect.signals.x11_windows import X11WindowSource  # noqa: E402
from trayclock.domain.session import EventKind, SessionEvent  # noqa: E402

WINDOWS = 500
PROCESSES = 500


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    binary = shutil.which("Xvfb")
    if binary is None:
        sys.exit("Xvfb is required: sudo apt-get install xvfb (or bash scripts/system-deps.sh)")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [
            binary,
            "-displayfd",
            str(write_fd),
            "-noreset",
            "-nolisten",
            "tcp",
            "-screen",
            "0",
            "1024x768x24",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        number = pipe.readline().strip().decode()
    return proc, f":{number}"


class Desktop:
    """Another X client holding many ordinary windows, and making session windows on demand."""

    def __init__(self, display: str) -> None:
        self.d = Display(display)
        self.root = self.d.screen().root
        self.net_wm_name = self.d.intern_atom("_NET_WM_NAME")
        self.utf8 = self.d.intern_atom("UTF8_STRING")
        self.pid_atom = self.d.intern_atom("_NET_WM_PID")

    def window(self, title: str, wm_class: str = "Editor") -> Any:
        win = self.root.create_window(0, 0, 50, 50, 0, X.CopyFromParent)
        win.set_wm_name(title.encode("latin-1", "replace"))
        win.change_property(self.net_wm_name, self.utf8, 8, title.encode())
        win.set_wm_class(wm_class.lower(), wm_class)
        win.change_property(self.pid_atom, Xatom.CARDINAL, 32, [os.getpid()])
        win.map()
        return win


def top_up_processes(target: int) -> list[subprocess.Popen[bytes]]:
    missing = max(0, target - len(psutil.pids()))
    return [subprocess.Popen(["sleep", "3600"]) for _ in range(missing)]


def anydesk_line(fiber: int, message: str, logger: str = "app.session") -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
    return f"   info {stamp}    service   main   2001   2001{fiber:>5}{logger:>33} - {message}\n"


def session_lines(fiber: int, partner: str) -> list[str]:
    return [
        anydesk_line(
            fiber,
            f"Received outgoing connection request for address {partner} (direct).",
            "app.service",
        ),
        anydesk_line(fiber, f'1: Connecting to "{partner}"'),
    ]


def end_lines(fiber: int) -> list[str]:
    return [
        anydesk_line(fiber, "Session closed by local user: user_cancelled."),
        anydesk_line(fiber, "5: Processing done."),
    ]


def append(path: Path, lines: list[str]) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.writelines(lines)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"median {ms(statistics.median(ordered))}, p95 {ms(p95)}, max {ms(ordered[-1])} "
        f"(n={len(ordered)})"
    )


def cpu_of(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def bench_poll_cpu(display: str, desktop: Desktop, logs: Path) -> None:
    for i in range(WINDOWS - 5):
        desktop.window(f"document {i}.txt - Editor")
    for i in range(5):
        desktop.window(f"{100_000_000 + i * 1111} - AnyDesk", "Anydesk")
    desktop.d.sync()
    sleepers = top_up_processes(PROCESSES)
    try:
        processes = len(psutil.pids())
        monitor = open_monitor(
            SystemClock(),
            log_paths={
                "anydesk": [logs / "ad_svc.trace"],
                "teamviewer": [logs / "Connections.txt"],
                "rustdesk": [logs / "RustDesk_rCURRENT.log"],
            },
            window_source=X11WindowSource(display),
            watch_files=False,
        )
        first = cpu_of(monitor.poll_once)
        windows = len(monitor.windows.list_windows()) if monitor.windows else 0
        steady = [cpu_of(monitor.poll_once) for _ in range(300)]
        target = desktop.window("retitled - Editor")
        desktop.d.sync()
        monitor.poll_once()
        changed = []
        for i in range(100):
            target.change_property(desktop.net_wm_name, desktop.utf8, 8, f"title {i}".encode())
            desktop.d.sync()
            changed.append(cpu_of(monitor.poll_once))
        assert monitor.processes is not None
        scans = [cpu_of(lambda: monitor.processes.running_apps(force=True)) for _ in range(10)]  # type: ignore[union-attr]
        open_now = len(monitor.open_sessions())
        monitor.close()
        print(f"poll CPU, {windows} windows ({open_now} AnyDesk sessions), {processes} processes:")
        print(f"  first poll (reads every window's properties once): {ms(first)}")
        print(f"  steady poll (nothing changed):          {summary(steady)}")
        print(f"  poll after one window's title changed:  {summary(changed)}")
        print(
            f"  process scan (psutil; {PROCESS_REFRESH_S:g} s apart if tracking): {summary(scans)}"
        )
        amortized = (
            statistics.median(steady)
            + statistics.median(scans) * POLL_INTERVAL_S / PROCESS_REFRESH_S
        )
        print(f"  => CPU per second while a session is tracked (1 s tick + scans): {ms(amortized)}")
    finally:
        for sleeper in sleepers:
            sleeper.kill()
        for sleeper in sleepers:
            sleeper.wait()


class Collector:
    def __init__(self) -> None:
        self.started = threading.Event()
        self.ended = threading.Event()
        self.started_at = 0.0

    def __call__(self, event: SessionEvent) -> None:
        if event.kind is EventKind.STARTED:
            self.started_at = time.perf_counter()
            self.started.set()
        elif event.kind is EventKind.ENDED:
            self.ended.set()


def run_in_thread(
    monitor: Monitor, collector: Collector
) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(target=monitor.run, args=(stop, collector), daemon=True)
    thread.start()
    return thread, stop


def started_latency(
    monitor: Monitor,
    open_session: Callable[[int], Callable[[], None]],
    samples: int,
    seed: int,
    *,
    warm_up_s: float = 0.0,
) -> list[float]:
    """Seconds from `open_session(i)` (which returns how to close it) to the STARTED event,
    each at a random moment of the poll cycle; the session is closed before the next."""
    collector = Collector()
    thread, _stop = run_in_thread(monitor, collector)
    time.sleep(warm_up_s)  # the first poll (catch-up) is not what is measured
    latencies = []
    rng = random.Random(seed)
    for i in range(samples):
        collector.started.clear()
        collector.ended.clear()
        time.sleep(rng.uniform(0, POLL_INTERVAL_S))  # land anywhere in the poll cycle
        close = open_session(i)
        shown = time.perf_counter()
        if not collector.started.wait(10):
            raise SystemExit("no STARTED within 10 s")
        latencies.append(collector.started_at - shown)
        close()
        collector.ended.wait(10)
    monitor.stop()
    thread.join(10)
    monitor.close()
    return latencies


def window_monitor(display: str, app: str, log: Path) -> Monitor:
    """A monitor of one app's windows on the display, as open_monitor builds it."""
    return open_monitor(
        SystemClock(),
        grace_s=0,
        apps=[app],
        log_paths={app: [log]},
        window_source=_candidate_source(display),
        watch_files=False,
    )


def bench_window_latency(display: str, desktop: Desktop, logs: Path, samples: int) -> None:
    monitor = window_monitor(display, "anydesk", logs / "ad_svc.trace")

    def open_window(i: int) -> Callable[[], None]:
        win = desktop.window(f"{900_000_000 + i} - AnyDesk", "Anydesk")
        desktop.d.sync()

        def close() -> None:
            win.destroy()
            desktop.d.sync()

        return close

    latencies = started_latency(monitor, open_window, samples, 7)
    print(f"window mapped → STARTED (interval {POLL_INTERVAL_S:g} s): {summary(latencies)}")


def bench_retitle_latency(display: str, desktop: Desktop, logs: Path, samples: int) -> None:
    """A RustDesk window (Flutter: one window, tabs) whose title becomes a session's."""
    monitor = window_monitor(display, "rustdesk", logs / "RustDesk_rCURRENT.log")
    win = desktop.window("RustDesk", "rustdesk")
    desktop.d.sync()

    def retitle(title: bytes) -> None:
        win.change_property(desktop.net_wm_name, desktop.utf8, 8, title)
        desktop.d.sync()

    def open_tab(i: int) -> Callable[[], None]:
        retitle(f"{400_000_000 + i} - Remote Desktop - RustDesk".encode())
        return lambda: retitle(b"RustDesk")

    latencies = started_latency(monitor, open_tab, samples, 5)
    win.destroy()
    desktop.d.sync()
    print(f"RustDesk window retitled to a session → STARTED: {summary(latencies)}")


def _candidate_source(display: str) -> Any:
    """The X11 source as open_monitor builds it (following only candidate windows, where
    this code has that rule)."""
    try:
        from trayclock.detect.apps.registry import may_be_session_window

        return X11WindowSource(display, is_candidate=may_be_session_window)  # type: ignore[call-arg]
    except (ImportError, TypeError):
        return X11WindowSource(display)


def bench_log_latency(logs: Path, samples: int) -> None:
    trace = logs / "ad_svc.trace"
    monitor = open_monitor(
        SystemClock(),
        grace_s=0,
        apps=["anydesk"],
        log_paths={"anydesk": [trace]},
        window_source=NullWindowSource("not measured here"),
        process_source=ProcessSource({"anydesk": lambda n: True}, list_names=lambda: ["anydesk"]),
    )

    def write_session(i: int) -> Callable[[], None]:
        append(trace, session_lines(100 + i, str(700_000_000 + i)))
        return lambda: append(trace, end_lines(100 + i))

    latencies = started_latency(monitor, write_session, samples, 11, warm_up_s=0.5)
    print(f"log line written → STARTED (file-change wake): {summary(latencies)}")


def bench_idle(display: str, desktop: Desktop, seconds: float) -> None:
    windows = [desktop.window(f"document {i}.txt - Editor") for i in range(50)]
    clock_window = desktop.window("12:00:00 - Clock", "Clock")
    desktop.d.sync()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        logs = home / "logs"
        logs.mkdir()
        env = detect_idle.child_env(CODE, display, home)
        noisy = ["--log", f"anydesk={logs / 'ad*.trace'}"]
        scenarios: list[tuple[str, list[str], Any]] = [
            ("quiet desktop, default log locations", [], None),
            ("an ordinary window retitled 10x/s", [], "retitle"),
            ("another file in the log folder appended 10x/s", noisy, "append"),
        ]
        print(f"idle, no session ({seconds:g} s each; {len(windows) + 1} ordinary windows):")
        for title, extra, activity in scenarios:
            with (
                detect_idle.running([sys.executable, "-c", detect_idle.SLEEPER]) as sleeper,
                detect_idle.running([sys.executable, "-c", detect_idle.TICKER]) as ticker,
                detect_idle.running(
                    detect_idle.detect_command(CODE, *extra), env=env, cwd=str(CODE)
                ) as detect,
            ):
                time.sleep(3.0)  # start-up: imports, the X connection, the first poll

                def retitle(i: int) -> None:
                    name = f"12:00:{i % 60:02d} - Clock".encode()
                    clock_window.change_property(desktop.net_wm_name, desktop.utf8, 8, name)
                    desktop.d.sync()

                def append(i: int) -> None:
                    with open(logs / "other.log", "a") as handle:
                        handle.write(f"line {i}\n")

                action = {"retitle": retitle, "append": append}.get(activity)
                pids = {"detect": detect.pid, "sleeper": sleeper.pid, "ticker": ticker.pid}
                if action is None:
                    costs = detect_idle.measure(pids, seconds)
                else:
                    with detect_idle.repeating(action, 10):
                        costs = detect_idle.measure(pids, seconds)
            print(f"  {title}:")
            print(f"    trayclock detect --watch: {costs['detect'].line()}")
            print(f"    reference, asleep:        {costs['sleeper'].line()}")
            print(f"    reference, 1 Hz ticker:   {costs['ticker'].line()}")
    for win in [*windows, clock_window]:
        win.destroy()
    desktop.d.sync()


def bench_parsers() -> None:
    from datetime import timedelta

    from trayclock.detect.apps import rustdesk, teamviewer
    from trayclock.detect.parse import parse_file

    def tv_line(spaces: int) -> str:
        start, end = "02-03-2026 08:00:05", "02-03-2026 08:41:50"
        return "1352189396".ljust(32) + start.ljust(32) + end + " " * spaces + "x"

    for spaces in (2048, 4096):
        line = tv_line(spaces)
        took = cpu_of(lambda line=line: teamviewer.ConnectionsParser().feed(line))
        print(f"Connections.txt line with {spaces} spaces: {ms(took)}")
    t0 = datetime(2026, 4, 2, 8, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        rust = Path(folder) / "RustDesk_rCURRENT.log"
        n = 8000

        def rust_line(i: int, msg: str) -> str:
            moment = t0 + timedelta(milliseconds=10 * i)
            return f"[{moment:%Y-%m-%d %H:%M:%S.%f} +00:00] INFO [src/client.rs:1] {msg}\n"

        with open(rust, "w") as handle:
            for i in range(n):
                handle.write(rust_line(i, f"Session {100_000_000 + i} start, x"))
            for i in range(n):
                handle.write(rust_line(n + i, f"#1 punch attempt, id: {100_000_000 + i}"))
            for i in range(n):
                handle.write(rust_line(2 * n + i, f"Exit io_loop of id={100_000_000 + i}"))
        sessions: list[Any] = []
        took = cpu_of(lambda: sessions.extend(parse_file(rust)))
        print(
            f"RustDesk log, {n} sessions open at once ({3 * n} lines): {ms(took)} "
            f"({len(sessions)} sessions)"
        )
        live = Path(folder) / "TeamViewer15_Logfile.log"
        n = 40_000
        with open(live, "w") as handle:
            handle.write("Start:              2026/04/02 08:00:00.000 (UTC+0:00)\n")
            for i in range(n):
                moment = f"{t0 + timedelta(milliseconds=10 * i):%Y/%m/%d %H:%M:%S.%f}"[:-3]
                handle.write(f"{moment}  4200  4210 G1   trying connection to {100_000_000 + i}\n")
            for i in range(n):
                moment = f"{t0 + timedelta(milliseconds=10 * (n + i)):%Y/%m/%d %H:%M:%S.%f}"[:-3]
                handle.write(f"{moment}  4200  4210 S0   Session to {100_000_000 + i} ended.\n")
        sessions.clear()
        took = cpu_of(lambda: sessions.extend(parse_file(live)))
        print(
            f"TeamViewer live log, {n} attempts ({2 * n} lines): {ms(took)} "
            f"({len(sessions)} sessions)"
        )
    del rustdesk


SECTIONS = ("poll", "latency", "idle", "parsers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--idle-seconds", type=float, default=60.0)
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--code", type=Path, help="measure the trayclock of this checkout")
    args = parser.parse_args()
    if args.code is not None and "TRAYCLOCK_BENCH_CODE" not in os.environ:
        argv = [a for a in sys.argv[1:] if a != "--code" and a != str(args.code)]
        env = dict(os.environ, TRAYCLOCK_BENCH_CODE=str(args.code.resolve()))
        os.execve(sys.executable, [sys.executable, __file__, *argv], env)
    only = set(args.only.split(","))
    load = os.getloadavg()[0]
    print(
        f"machine: {os.cpu_count()} CPUs ({detect_idle.cpu_model()}), load {load:.1f}, "
        f"Python {sys.version.split()[0]}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, code {CODE}"
    )
    if "parsers" in only:
        bench_parsers()
    if not only & {"poll", "latency", "idle"}:
        return
    xvfb, display = start_xvfb()
    try:
        time.sleep(0.5)
        desktop = Desktop(display)
        with tempfile.TemporaryDirectory() as folder:
            logs = Path(folder)
            (logs / "ad_svc.trace").write_text(anydesk_line(1, "Service started.", "app.service"))
            (logs / "Connections.txt").write_text("\n")
            (logs / "RustDesk_rCURRENT.log").write_text("")
            if "idle" in only:
                bench_idle(display, desktop, args.idle_seconds)
            if "poll" in only:
                bench_poll_cpu(display, desktop, logs)
            if "latency" in only:
                bench_window_latency(display, desktop, logs, args.samples)
                bench_retitle_latency(display, desktop, logs, args.samples)
                bench_log_latency(logs, args.samples)
    finally:
        xvfb.terminate()
        xvfb.wait()


if __name__ == "__main__":
    main()
