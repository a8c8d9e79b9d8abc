"""Where a month's `trayclock export` spends its time: the stages, every query with its plan,
and the bytes SQLite read, in one process on one store.

    .venv/bin/python bench/profile_export.py HOME [--month 2026-11] [--runs 3] [--plans]

HOME is a TRAYCLOCK_HOME (bench_growth.py keeps its imported stores in its cache as
`home-SIZE`); the store is used as it is (copy it first to measure a cold export). The
stages are those of trayclock.commands.export: opening the store (the file checks, the
integrity check, the configuration), the checkpoints' preparation, the read of the range's
history and entries, the pricing, the rows and the CSV. For each query: how often it ran,
its wall time, and (`--plans`) SQLite's EXPLAIN QUERY PLAN for it, the parameters as they
were. Bytes read are the process's `rchar` (/proc/self/io: every read(2)/pread(2), served
from the page cache or not), so they count SQLite's page reads whatever the disk cache
holds. Imports are measured apart: `python -X importtime -m trayclock export …`.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
_NUMBERS = re.compile(r"'[^']*'|\b\d+\b")


def read_bytes() -> int:
    with open("/proc/self/io", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("rchar:"):
                return int(line.split()[1])
    return 0


class Stages:
    """Wall time and bytes read per named stage (nested stages count in their parent too)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.bytes: dict[str, int] = defaultdict(int)
        self.order: list[str] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if name not in self.order:
            self.order.append(name)
        began, read = time.perf_counter(), read_bytes()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - began
            self.bytes[name] += read_bytes() - read


def wrap(stages: Stages, owner: Any, name: str, label: str) -> None:
    real: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        with stages.stage(label):
            return real(*args, **kwargs)

    setattr(owner, name, timed)


class Queries:
    """Every statement a connection runs (its trace), by shape (the literals blanked)."""

    def __init__(self) -> None:
        self.count: dict[str, int] = defaultdict(int)
        self.example: dict[str, str] = {}

    def trace(self, statement: str) -> None:
        shape = _NUMBERS.sub("?", " ".join(statement.split()))
        self.count[shape] += 1
        self.example.setdefault(shape, statement)


def run_once(home: Path, month: date, queries: Queries | None) -> Stages:
    os.environ["TRAYCLOCK_HOME"] = str(home)
    stages = Stages()
    with stages.stage("imports"):
        from trayclock.commands import export
        from trayclock.services import balances, pricing
        from trayclock.store import db, entries
    checked = "open (all)" if not hasattr(db, "connect_for_reading") else "open checked (connect)"
    timed = [  # (module, function, stage); the ones an older tree lacks are left out
        (db, "connect", checked),
        (db, "connect_for_reading", "open (all)"),
        (db, "refuse_foreign_file", "open: file header"),
        (db, "_check_readable", "open: integrity check (quick_check)"),
        (db, "_configure", "open: configure (WAL, pragmas)"),
        (db, "_migrate", "open: migrate"),
        (balances, "ready", "checkpoints: all kept? (ready)"),
        (export, "_keep_checkpoints", "checkpoints: kept by a checked writer"),
        (pricing, "prepare", "checkpoints: prepare"),
        (pricing, "range_history", "history: quiet moment + balances"),
        (entries, "in_range", "read: entries in range"),
        (pricing, "price_range", "price: price_range"),
        (export, "_csv", "csv"),
        (export, "write_output", "write"),
    ]
    timed = [(owner, name, label) for owner, name, label in timed if hasattr(owner, name)]
    originals = {(owner, name): getattr(owner, name) for owner, name, _ in timed}
    for owner, name, label in timed:
        wrap(stages, owner, name, label)
    real_connect = sqlite3.connect

    def traced_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        if queries is not None:
            conn.set_trace_callback(queries.trace)
        return conn

    sqlite3.connect = traced_connect  # type: ignore[assignment]
    try:
        following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        args = argparse.Namespace(
            first=month,
            last=following - timedelta(days=1),
            format="csv",
            tz=None,
            output=str(home / "profile-out.csv"),
        )

        class Fixed:
            def now(self) -> datetime:
                return NOW

        with stages.stage("export (all)"):
            status = export._export(args, Fixed())  # type: ignore[arg-type]
        assert status == 0, status
    finally:
        sqlite3.connect = real_connect  # type: ignore[assignment]
        for (owner, name), real in originals.items():
            setattr(owner, name, real)
    return stages


def explain(path: Path, queries: Queries) -> None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    for shape, count in sorted(queries.count.items(), key=lambda kv: -kv[1]):
        example = queries.example[shape]
        print(f"\n[{count}×] {shape[:300]}")
        if not example.lstrip().upper().startswith(("SELECT", "WITH", "DELETE", "INSERT")):
            continue
        try:
            for row in conn.execute(f"EXPLAIN QUERY PLAN {example}"):
                print(f"    {row[3]}")
        except sqlite3.Error as error:
            print(f"    (no plan: {error})")
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--month", default="2026-11")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plans", action="store_true")
    options = parser.parse_args()
    year, number = (int(part) for part in options.month.split("-"))
    month = date(year, number, 1)
    runs = []
    queries = Queries()
    for run in range(options.runs):
        runs.append(run_once(options.home, month, queries if run == 0 else None))
    first = runs[0]
    print(f"{options.home}: {options.runs} runs in one process (the first pays the imports)")
    print(f"{'stage':<40}{'first s':>9}{'median s':>10}{'KiB read':>10}")
    for name in first.order:
        later = [r.seconds.get(name, 0.0) for r in runs[1:]] or [first.seconds[name]]
        print(
            f"{name:<40}{first.seconds[name]:>9.4f}{statistics.median(later):>10.4f}"
            f"{first.bytes[name] / 1024:>10.0f}"
        )
    print(f"queries in the first run: {sum(queries.count.values())}")
    if options.plans:
        from trayclock.store import db

        explain(db.default_path(), queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
