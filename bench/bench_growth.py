"""Costs as history grows: the same month at 1k, 10k and 100k entries of history, one run.

    .venv/bin/python bench/bench_growth.py [--sizes 1000,10000,100000] [--cache DIR]
        [--runs 3] [--no-tray] [--no-overlap]

Every store holds the same month (November 2026: ~1,000 entries, 33 a day, of 40 customers
with hourly rates, 6-minute increments, monthly quotas and hours banks, sessions that cross
midnight and the month's end) and before it `size − 1,000` entries of history at the same
density (100k = 8 years). A month's price must not depend on how many years came before it,
so every figure is printed with its ratio to the 1,000-entry store's.

Measured for each size, in this run:
- `trayclock entries import` of the whole history into a new store, in files of at most
  PART_ENTRIES entries (the input cap, billing_limits.MAX_INPUT_BYTES, is 16 MiB: 100k
  entries are 21 MiB), one after another: their wall times summed, the highest peak RSS;
- `trayclock export` of November: the first export after the import (cold: whatever it
  keeps is built) and the median of later ones (warm);
- the review window on November (month span, offscreen, in a child process): from creating
  the window to prices on screen, the longest stall of the GUI thread meanwhile (a 1 ms
  timer's largest gap), and what the window still holds (tracemalloc) after it is closed;
- the tray from process start to the icon listed by the tray host (shared/tools/desktop-
  session.sh, as bench_tray.py), on a copy of the store (`--no-tray` skips it);
- `--no-overlap` skips the 20,000 mutually overlapping entries import: its wall time and the
  longest wait of another connection for the write lock meanwhile.

The generated files and the imported stores are cached in `--cache` (default: a folder in
the system temp folder), keyed by the tree that made them; the import is timed afresh.
Run it with PYTHONPATH pointing at another checkout to measure that tree (the "before").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from bench_store import CUSTOMERS, LENGTHS_MIN, random_entry  # noqa: E402
from bench_store import make_document as make_store_document  # noqa: E402

ZONE = ZoneInfo("Europe/Berlin")
PER_MONTH = 1_000
LAST_MONTH = (2026, 11)  # the month measured
NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
OVERLAPPING = 20_000
PART_ENTRIES = 40_000  # entries per import file: ~9 MiB, under the 16 MiB input cap
LOCK_PROBE_S = 0.01


# ---- the stores ---------------------------------------------------------------------------


def _months_back(count: int) -> list[tuple[int, int]]:
    year, month = LAST_MONTH
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _days_in(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


def make_document(size: int, seed: int = 12) -> dict[str, Any]:
    """`size` entries: PER_MONTH a month, ending with LAST_MONTH (see the module docstring)."""
    # bench_store's 40 customers (rates, 6-minute increments, monthly quotas), and hours
    # banks: one nearly endless, the others drawn dry early.
    store_document = make_store_document(0)  # its policy (Europe/Berlin) and customers
    customers: dict[str, Any] = store_document["customers"]
    for number in range(7, CUSTOMERS, 7):
        if "contract" not in customers[f"c{number:02d}"]:
            minutes = 10_000_000 if number == 7 else 3_000 * number
            customers[f"c{number:02d}"]["contract"] = {
                "included_minutes": minutes,
                "period": "once",
            }
    rng = random.Random(seed)
    entries: list[dict[str, Any]] = []
    months = _months_back(max(1, size // PER_MONTH))
    for year, month in months:
        days = _days_in(year, month)
        for number in range(PER_MONTH):
            if len(entries) >= size:
                break
            if number < 2:  # late sessions across midnight, the last one across the month's end
                day = days if number == 0 else rng.randrange(1, days)
                begin = datetime(year, month, day, 23, 10, tzinfo=ZONE)
                length = 95
            else:
                day = rng.randrange(1, days + 1)
                begin = datetime(year, month, day, 7, 0, tzinfo=ZONE) + timedelta(
                    minutes=rng.randrange(12 * 60)
                )
                length = rng.choice(LENGTHS_MIN)
            entries.append(random_entry(rng, f"g-{year}-{month:02d}-{number}", begin, length))
    return {"policy": store_document["policy"], "customers": customers, "entries": entries}


def overlapping_document(count: int) -> dict[str, Any]:
    """`count` entries of two customers, every one sharing time with every other."""
    begin = datetime(2026, 11, 10, 9, 0, tzinfo=ZONE)
    entries = [
        {
            "id": f"o-{number}",
            "customer": f"c{number % 2}",
            "start": (begin + timedelta(seconds=number % 3600)).isoformat(),
            "end": (begin + timedelta(hours=8, seconds=-(number % 3600))).isoformat(),
        }
        for number in range(count)
    ]
    return {"customers": {"c0": {}, "c1": {}}, "entries": entries}


def document_parts(cache: Path, size: int) -> list[Path]:
    """The size's document as import files of at most PART_ENTRIES entries (made once, in
    `cache`), each with the policy and the customers."""
    parts = sorted(cache.glob(f"entries-{size}.part-*.json"))
    if parts:
        return parts
    doc = make_document(size)
    made = []
    every = doc["entries"]
    for number, first in enumerate(range(0, len(every), PART_ENTRIES)):
        part = cache / f"entries-{size}.part-{number:02d}.json"
        part.write_text(
            json.dumps({**doc, "entries": every[first : first + PART_ENTRIES]}), encoding="utf-8"
        )
        made.append(part)
    return made


def tree_label() -> str:
    """Which checkout is measured (the cache is kept per tree)."""
    import trayclock

    where = Path(trayclock.__file__).resolve().parents[1]
    done = subprocess.run(
        ["git", "-C", str(where), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return (done.stdout.strip() or where.name) + ("" if where == ROOT else f"-{where.name}")


# ---- measuring child processes --------------------------------------------------------------


def run_trayclock(
    args: list[str], home: Path, env: dict[str, str] | None = None
) -> dict[str, float]:
    """One `python -m trayclock ARGS`: wall seconds and peak RSS (MiB), from wait4."""
    child_env = {**(env or os.environ), "TRAYCLOCK_HOME": str(home)}
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "trayclock", *args],
        env=child_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - began
    if child.returncode != 0:
        raise SystemExit(f"trayclock {' '.join(args)} failed:\n{errors.decode()}")
    return {"wall_s": elapsed, "peak_mib": usage.ru_maxrss / 1024}


def find_store(home: Path) -> Path:
    found = sorted(home.rglob("*.sqlite3"))
    if not found:
        raise SystemExit(f"no store under {home}")
    return found[0]


def copy_home(home: Path, target: Path) -> Path:
    """A fresh TRAYCLOCK_HOME holding a copy of `home`'s store (the WAL folded in)."""
    source = find_store(home)
    if target.exists():
        shutil.rmtree(target)
    place = target / source.relative_to(home)
    place.parent.mkdir(parents=True)
    with sqlite3.connect(source) as original, sqlite3.connect(place) as copy:
        original.backup(copy)
    os.chmod(place, 0o600)
    return target


def export_month(home: Path, out: Path) -> dict[str, float]:
    year, month = LAST_MONTH
    first = date(year, month, 1)
    last = first + timedelta(days=_days_in(year, month) - 1)
    args = ["export", "--from", str(first), "--to", str(last), "--format", "csv", "-o", str(out)]
    return run_trayclock(args, home)


def review_child(home: Path) -> dict[str, float]:
    """Run this file as the review child on `home`; its JSON figures."""
    env = {**os.environ, "TRAYCLOCK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "--review-child"],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"review child failed:\n{done.stderr}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def review_main() -> int:
    """In the child: open the review window on November, as the tray's opener would."""
    import gc
    import tracemalloc

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from trayclock.domain.clock import ManualClock
    from trayclock.services.review.source import ReviewSource
    from trayclock.store.db import connect
    from trayclock.ui.review.window import ReviewWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    conn = connect()
    clock = ManualClock(NOW)
    gaps: list[float] = []
    ticker = QElapsedTimer()
    beat = QTimer()
    beat.setInterval(1)

    def on_beat() -> None:
        gaps.append(ticker.nsecsElapsed() / 1e6)
        ticker.restart()

    beat.timeout.connect(on_beat)
    figures: dict[str, float] = {}
    for run in ("cold", "warm", "held"):
        # "held": not timed (tracemalloc slows Python down): what the closed window keeps.
        if run == "held":
            tracemalloc.start()
        held_before = tracemalloc.get_traced_memory()[0]
        gaps.clear()
        ticker.start()
        beat.start()
        started = time.perf_counter()
        window = ReviewWindow(ReviewSource(conn, clock), date(*LAST_MONTH, 15), span="month")
        window.show()
        app.processEvents()
        shown = time.perf_counter() - started
        while window.view is None or not window.view.priced:
            app.processEvents()
            time.sleep(0.0005)
        priced = time.perf_counter() - started
        beat.stop()
        window.pricer.wait()
        window.close()  # hidden, as the tray keeps it: what does it still hold?
        app.processEvents()
        gc.collect()
        if run == "held":
            figures["held_after_close_mib"] = (
                tracemalloc.get_traced_memory()[0] - held_before
            ) / 2**20
            tracemalloc.stop()
        else:
            figures[f"{run}_shown_s"] = shown
            figures[f"{run}_priced_s"] = priced
            figures[f"{run}_stall_ms"] = max(gaps) if gaps else 0.0
        window.deleteLater()
        app.processEvents()
    conn.close()
    print(json.dumps(figures))
    return 0


def tray_start(env: dict[str, str], home: Path) -> dict[str, float]:
    from bench_tray import one_run

    figures = one_run(env, 0.0, str(home))
    return {"shown_s": figures["shown"], "registered_s": figures["registered"]}


def overlap_import(scratch: Path) -> dict[str, float]:
    """The 20,000 mutually overlapping entries: import time, longest wait for the lock."""
    source = scratch / "overlapping.json"
    source.write_text(json.dumps(overlapping_document(OVERLAPPING)), encoding="utf-8")
    empty = scratch / "empty.json"
    empty.write_text('{"entries": []}', encoding="utf-8")
    home = scratch / "overlap-home"
    shutil.rmtree(home, ignore_errors=True)
    run_trayclock(["entries", "import", str(empty)], home)  # the store exists before
    path = find_store(home)
    waits: list[float] = []
    done = threading.Event()

    def probe() -> None:
        other = sqlite3.connect(path, timeout=600, isolation_level=None)
        while not done.is_set():
            began = time.perf_counter()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            waits.append(time.perf_counter() - began)
            time.sleep(LOCK_PROBE_S)
        other.close()

    prober = threading.Thread(target=probe)
    prober.start()
    try:
        figures = run_trayclock(["entries", "import", str(source)], home)
    finally:
        done.set()
        prober.join()
    figures["longest_lock_wait_s"] = max(waits)
    return figures


# ---- the run --------------------------------------------------------------------------------


def ratio(value: float, base: float) -> str:
    return f"{value / base:4.2f}×" if base else "  -  "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "tc-growth")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-tray", action="store_true")
    parser.add_argument("--no-overlap", action="store_true")
    parser.add_argument("--review-child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.review_child:
        return review_main()
    sizes = [int(s) for s in options.sizes.split(",")]
    label = tree_label()
    cache = options.cache / label
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="tc-growth-run-"))
    print(f"tree {label}, cache {cache}, {os.cpu_count()} cores, python {sys.version.split()[0]}")
    results: dict[int, dict[str, float]] = {}
    session = None
    try:
        desktop_env: dict[str, str] | None = None
        if not options.no_tray:
            from bench_tray import start_desktop

            session, desktop_env = start_desktop(work)
        for size in sizes:
            figures: dict[str, float] = {}
            # The import is timed afresh each run; the store it makes is kept for the next.
            fresh = work / f"import-{size}"
            imported = [
                run_trayclock(["entries", "import", str(part)], fresh)
                for part in document_parts(cache, size)
            ]
            figures["import_s"] = sum(i["wall_s"] for i in imported)
            figures["import_peak_mib"] = max(i["peak_mib"] for i in imported)
            home = cache / f"home-{size}"
            if not home.exists():
                copy_home(fresh, home)
            shutil.rmtree(fresh)
            # The exports: a copy imported fresh (cold), then warm runs on it.
            trial = copy_home(home, work / f"export-{size}")
            figures["export_cold_s"] = export_month(trial, work / "out.csv")["wall_s"]
            warm = [export_month(trial, work / "out.csv")["wall_s"] for _ in range(options.runs)]
            figures["export_warm_s"] = statistics.median(warm)
            review = review_child(copy_home(home, work / f"review-{size}"))
            figures.update({f"review_{k}": v for k, v in review.items()})
            if desktop_env is not None:
                starts = [
                    tray_start(desktop_env, copy_home(trial, work / f"tray-{size}-{n}"))
                    for n in range(options.runs)
                ]
                for key in ("shown_s", "registered_s"):
                    figures[f"tray_{key}"] = statistics.median(s[key] for s in starts)
            results[size] = figures
            print(f"{size:>7} entries: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
            sys.stdout.flush()
        if not options.no_overlap:
            overlap = overlap_import(work)
            print(
                f"{OVERLAPPING} mutually overlapping entries: import {overlap['wall_s']:.2f} s, "
                f"peak {overlap['peak_mib']:.0f} MiB, longest wait for the write lock "
                f"{overlap['longest_lock_wait_s']:.2f} s"
            )
    finally:
        if session is not None:
            os.killpg(session.pid, signal.SIGTERM)
            session.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    base = results.get(min(results))
    print("\nfigure                      " + "".join(f"{size:>18}" for size in results))
    for key in next(iter(results.values())):
        cells = "".join(
            f"{results[s][key]:>11.3f} {ratio(results[s][key], base[key] if base else 0)}"
            for s in results
        )
        print(f"{key:<28}{cells}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
