"""Benchmark of the review window: open a busy day and a 5,000-entry range, price, re-price.

    /work/venv/bin/python bench/bench_review.py

Runs on a throw-away store (TRAYCLOCK_HOME in a temp folder), offscreen unless
QT_QPA_PLATFORM says otherwise. Prints one line per figure: the best and the median of
several runs (the best is the cost itself; the median shows what a busy machine adds).
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TRAYCLOCK_HOME"] = tempfile.mkdtemp(prefix="trayclock-bench-review-")

from PySide6.QtWidgets import QApplication

from trayclock.domain.clock import ManualClock
from trayclock.services.review.demo import DEMO_ZONE, fill_demo_store, fill_history
from trayclock.services.review.pricing import price_snapshot
from trayclock.services.review.source import ReviewSource
from trayclock.services.review.span import parse_span, range_of
from trayclock.store.db import connect
from trayclock.ui.review.window import ReviewWindow

RUNS = 7
FRAME_MS = 1000 / 60
DAY = date(2026, 11, 23)  # the demo day, a Monday
BUSY_DAY = date(2026, 11, 16)
DENSE_WEEK = date(2026, 11, 30)
MONTH = date(2027, 1, 1)
ZONE = ZoneInfo(DEMO_ZONE)


def spread(values: list[float]) -> str:
    return f"{min(values):7.1f} / {statistics.median(values):7.1f} ms"


def timed_ms(action: Callable[[], object], runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1e3)
    return times


def machine_speed_ms() -> float:
    """A fixed 2-million-step Python loop: this VM's speed drifts (the same loop takes 65 to
    130 ms from one minute to the next), so the figures are printed next to it."""
    started = time.perf_counter()
    total = 0
    for step in range(2_000_000):
        total += step
    return (time.perf_counter() - started) * 1e3


def open_until_priced(
    app: QApplication, source: ReviewSource, day: date, span: str
) -> tuple[float, float]:
    """(ms until the window shows the entries, ms until it shows them priced)."""
    started = time.perf_counter()
    window = ReviewWindow(source, day, span=span)
    window.show()
    app.processEvents()
    shown = (time.perf_counter() - started) * 1e3
    while window.view is None or not window.view.priced:
        app.processEvents()
        time.sleep(0.001)
    priced = (time.perf_counter() - started) * 1e3
    window.pricer.wait()
    window.close()
    window.deleteLater()
    app.processEvents()
    return shown, priced


def edit_until_priced(app: QApplication, window: ReviewWindow) -> tuple[float, float]:
    """Toggle billable on one entry: (ms until the UI thread is free again, ms until priced)."""
    assert window.view is not None
    window.select([window.view.rows[len(window.view.rows) // 2].id])
    started = time.perf_counter()
    window.toggle_billable_of_selected()
    back = (time.perf_counter() - started) * 1e3
    while window.view is None or not window.view.priced:
        app.processEvents()
        time.sleep(0.001)
    return back, (time.perf_counter() - started) * 1e3


def cold_snapshot(
    conn: sqlite3.Connection, source: ReviewSource, first: date, last: date, *, history: bool
) -> object:
    """A read by a fresh source, as when the window opens (nothing cached)."""
    return ReviewSource(conn, source.clock).snapshot(first, last, history=history)


def main() -> int:
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    conn = connect()
    fill_demo_store(conn, DAY)  # policy, customers with an hours bank and a quota, the demo day
    # A year of one tech's work for the hours-bank customer: an hours bank is priced from its
    # first entry, so every view of this store prices these 5,000 entries too.
    bank = fill_history(conn, date(2025, 11, 1), 365, per_day=14, customer_keys=("acme",))
    fill_history(conn, BUSY_DAY, 1, per_day=200, seed=3)
    week = fill_history(conn, DENSE_WEEK, 7, per_day=715, seed=11)
    month = fill_history(conn, MONTH, 31, per_day=162, seed=5)
    later = datetime.combine(date(2027, 3, 1), datetime.min.time(), ZONE)
    source = ReviewSource(conn, ManualClock(later))
    print(
        f"store: {bank} hours-bank history entries (a year), a 200-entry day, a week of {week},"
        f" a month of {month}"
    )
    print(
        f"platform: {app.platformName()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f},"
        f" {RUNS} runs each: best / median"
    )
    scenarios = (
        ("demo day (13 entries)", DAY, "day"),
        ("200-entry day", BUSY_DAY, "day"),
        ("5,000-entry month", MONTH, "month"),
        ("5,000-entry week", DENSE_WEEK, "week"),
    )

    print("\n-- reading and pricing what the window prices (shown + contract history) --")
    for label, day, span in scenarios:
        window_range = range_of(day, parse_span(span))
        snap = source.snapshot(*window_range)
        size = len(snap.shown) + len(snap.context)
        # a fresh source each time: a cold read, as when the window opens
        first, last = window_range
        read = timed_ms(partial(cold_snapshot, conn, source, first, last, history=True))
        shown_only = timed_ms(partial(cold_snapshot, conn, source, first, last, history=False))
        priced = timed_ms(partial(price_snapshot, snap), runs=3)
        print(
            f"{label:20s} {size:6d} entries: read shown {spread(shown_only)}, with history"
            f" {spread(read)}, price {spread(priced)}"
        )
    snap = source.snapshot(BUSY_DAY, BUSY_DAY)
    for size in (50, 100, 150, 200):
        cut = replace(snap, shown=snap.shown[:size], context=())
        times = timed_ms(partial(price_snapshot, cut))
        print(f"  engine alone, {size:4d} entries: {spread(times)} (a frame: {FRAME_MS:.1f} ms)")

    print(f"machine speed (fixed loop): {spread([machine_speed_ms() for _ in range(RUNS)])}")
    print("\n-- opening the window: entries on screen / priced on screen --")
    for label, day, span in scenarios:
        # A fresh source each time: the window forgets cached history whenever it is opened.
        runs = [
            open_until_priced(app, ReviewSource(conn, source.clock), day, span) for _ in range(RUNS)
        ]
        shown = [r[0] for r in runs]
        priced = [r[1] for r in runs]
        print(f"{label:20s} on screen {spread(shown)}, priced on screen {spread(priced)}")
    print(f"machine speed (fixed loop): {spread([machine_speed_ms() for _ in range(RUNS)])}")

    print("\n-- an edit (toggle billable) until the re-priced view is on screen --")
    for label, day, span in scenarios:
        window = ReviewWindow(source, day, span=span)
        window.show()
        while window.view is None or not window.view.priced:
            app.processEvents()
        runs = [edit_until_priced(app, window) for _ in range(RUNS)]
        back = [r[0] for r in runs]
        priced = [r[1] for r in runs]
        print(f"{label:20s} UI thread busy {spread(back)}, re-priced on screen {spread(priced)}")
        window.pricer.wait()
        window.close()
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
