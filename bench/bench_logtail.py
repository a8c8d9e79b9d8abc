"""Log tails: how fast a written log line reaches the monitor, and what catching up costs.

Run: /work/venv/bin/python bench/bench_logtail.py
Prints: (1) write → FileWatch callback latency (watchdog), (2) write → LogWatcher.poll()
returning the session, with a monitor-like loop waiting on the FileWatch, (3) the first
poll of a big existing AnyDesk trace (catch-up window) and parse_file of the whole file.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trayclock.clock import SystemClock
from trayclock.detect.logsource import LogWatcher
from trayclock.detect.parse import parse_file_report
from trayclock.detect.signals.filewatch import FileWatch

SAMPLES = 200
REQUEST = "Received outgoing connection request for address {} (direct)."


def line(ts: str, fiber: int, logger: str, msg: str) -> str:
    return (
        f"   info 2026-03-29 {ts}    service   main   1187   1187{fiber:>5}{logger:>33} - {msg}\n"
    )


def stats(name: str, values_ms: list[float]) -> None:
    values = sorted(values_ms)
    p95 = values[int(len(values) * 0.95) - 1]
    print(
        f"{name}: n={len(values)} median={statistics.median(values):.2f} ms "
        f"p95={p95:.2f} ms max={values[-1]:.2f} ms"
    )


def bench_callback(folder: Path) -> None:
    trace = folder / "ad_svc.trace"
    trace.write_text("")
    fired = threading.Event()
    stamps: list[float] = []

    def on_change() -> None:
        stamps.append(time.perf_counter())
        fired.set()

    latencies: list[float] = []
    with FileWatch([folder / "ad*.trace"], on_change=on_change):
        for i in range(SAMPLES):
            fired.clear()
            stamps.clear()
            start = time.perf_counter()
            with open(trace, "a") as handle:
                handle.write(line("08:00:00.000", 3, "app.service", f"tick {i}"))
            if not fired.wait(2.0):
                print("callback did not fire within 2 s")
                continue
            latencies.append((stamps[0] - start) * 1000)
            time.sleep(0.005)  # let the close event pass before the next sample
    stats("write -> FileWatch callback", latencies)


def bench_end_to_end(folder: Path) -> None:
    trace = folder / "ad_svc.trace"
    trace.write_text("")
    watcher = LogWatcher("anydesk", [trace], clock=SystemClock())
    seen: list[float] = []
    stop = threading.Event()
    with FileWatch(watcher.watch_paths) as watch:
        watcher.poll()

        def loop() -> None:
            while not stop.is_set():
                if watcher.poll():
                    seen.append(time.perf_counter())
                watch.wait(1.0)  # the monitor's 1 s tick, woken early by notification

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        latencies: list[float] = []
        for i in range(SAMPLES):
            count = len(seen)
            start = time.perf_counter()
            with open(trace, "a") as handle:
                handle.write(
                    line(
                        f"08:{i // 60:02d}:{i % 60:02d}.000",
                        100 + i,
                        "app.service",
                        REQUEST.format(700000000 + i),
                    )
                )
            deadline = start + 2.0
            while len(seen) == count and time.perf_counter() < deadline:
                time.sleep(0.0002)
            if len(seen) > count:
                latencies.append((seen[count] - start) * 1000)
        stop.set()
        watch.changed.set()
        thread.join()
    stats("write -> LogWatcher.poll() returns the session", latencies)


def bench_catch_up(folder: Path) -> None:
    trace = folder / "big_svc.trace"
    with open(trace, "w") as handle:
        for i in range(400_000):
            fiber = 100 + i % 50
            ts = f"{8 + i // 360_000:02d}:{i // 6000 % 60:02d}:{i // 100 % 60:02d}.{i % 100:03d}"
            handle.write(line(ts, fiber, "anynet.any_socket", f"Keep-alive {i}."))
            if i % 1000 == 0:
                handle.write(line(ts, fiber, "app.service", REQUEST.format(i + 100000000)))
                handle.write(line(ts, fiber, "app.session", "5: Processing done."))
    size_mb = trace.stat().st_size / 1e6
    start = time.perf_counter()
    watcher = LogWatcher("anydesk", [trace], clock=SystemClock())
    watcher.poll()
    first = (time.perf_counter() - start) * 1000
    print(f"first poll of a {size_mb:.0f} MB trace (4 MiB catch-up window): {first:.0f} ms")
    start = time.perf_counter()
    report = parse_file_report(trace)
    whole = time.perf_counter() - start
    print(
        f"parse_file of the whole {size_mb:.0f} MB trace: {whole:.2f} s "
        f"({report.lines / whole / 1000:.0f} k lines/s, {len(report.sessions)} sessions)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, bench in (
            ("cb", bench_callback),
            ("e2e", bench_end_to_end),
            ("big", bench_catch_up),
        ):
            folder = root / name
            folder.mkdir()
            bench(folder)


if __name__ == "__main__":
    main()
