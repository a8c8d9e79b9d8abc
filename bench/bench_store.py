"""Store benchmark: `trayclock entries import` of 10,000 entries and `trayclock export` of a
month of them, priced, each timed as a real subprocess (interpreter start-up included).

    /work/venv/bin/python bench/bench_store.py [--entries 10000] [--runs 3]

Each run uses a fresh TRAYCLOCK_HOME. The entries span four months (Sep–Dec 2026), 40
customers with mixed policies (rates, increments, contracts), some overlaps, after-hours
and long sessions; the November export holds about a quarter of them. A second import of
the same file (idempotent: nothing changes) and an export of all entries are timed too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

LIMIT_S = 2.0
CUSTOMERS = 40
SPAN_START = datetime(2026, 9, 1, 7, 0, tzinfo=UTC)
SPAN_DAYS = 122
LENGTHS_MIN = (3, 8, 14, 22, 35, 50, 75, 110)


def random_entry(
    rng: random.Random, entry_id: str, start: datetime, minutes: int
) -> dict[str, Any]:
    """One entry of the input document: a random customer, billability, app and notes."""
    return {
        "id": entry_id,
        "customer": f"c{rng.randrange(CUSTOMERS):02d}",
        "start": start.isoformat(),
        "end": (start + timedelta(minutes=minutes)).isoformat(),
        "billable": rng.random() > 0.05,
        "approved": rng.random() > 0.5,
        "source": rng.choice(["anydesk", "teamviewer", "rustdesk", "manual"]),
        "partner_id": str(rng.randrange(100_000_000, 999_999_999)),
        "notes": rng.choice(["printer", "=SUM(A1)", "mail: Müller", "VPN", ""]),
    }


def make_document(count: int, seed: int = 3) -> dict[str, Any]:
    rng = random.Random(seed)
    customers: dict[str, Any] = {}
    for number in range(CUSTOMERS):
        terms: dict[str, Any] = {"policy": {}}
        if number % 3 == 0:
            terms["policy"]["rate"] = f"{80 + number}.00"
        if number % 4 == 0:
            terms["policy"]["increment_minutes"] = 6
        if number % 5 == 0:
            terms["contract"] = {"included_minutes": 600, "period": "month"}
        customers[f"c{number:02d}"] = terms
    entries = []
    for number in range(count):
        start = SPAN_START + timedelta(
            days=rng.randrange(SPAN_DAYS), minutes=rng.randrange(0, 12 * 60)
        )
        minutes = rng.choice(LENGTHS_MIN)
        entries.append(random_entry(rng, f"bench-{number}", start, minutes))
    policy = {
        "rate": "85.00",
        "currency": "EUR",
        "timezone": "Europe/Berlin",
        "free_under_minutes": 5,
        "business_hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"},
    }
    return {"policy": policy, "customers": customers, "entries": entries}


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], home: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `python -m trayclock ARGS` process."""
    env = {**os.environ, "TRAYCLOCK_HOME": str(home)}
    cpu_before = _children_cpu_s()
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "trayclock", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"trayclock {' '.join(args)} failed:\n{done.stderr}")
    return elapsed, _children_cpu_s() - cpu_before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    figures: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "entries.json"
        source.write_text(json.dumps(make_document(options.entries)), encoding="utf-8")
        out = Path(scratch) / "out"
        rows = 0
        for run in range(options.runs):
            home = Path(scratch) / f"home{run}"
            steps = {
                "import (new store)": ["entries", "import", str(source)],
                "import again (idempotent)": ["entries", "import", str(source)],
                "export November, CSV": [
                    "export",
                    "--from",
                    "2026-11-01",
                    "--to",
                    "2026-11-30",
                    "--format",
                    "csv",
                    "-o",
                    f"{out}.csv",
                ],
                "export November, JSON": [
                    "export",
                    "--from",
                    "2026-11-01",
                    "--to",
                    "2026-11-30",
                    "--format",
                    "json",
                    "-o",
                    f"{out}.json",
                ],
                "export all 4 months, CSV": [
                    "export",
                    "--from",
                    "2026-09-01",
                    "--to",
                    "2026-12-31",
                    "--format",
                    "csv",
                    "-o",
                    f"{out}.csv",
                ],
            }
            for name, args in steps.items():
                elapsed, used = timed(args, home)
                figures.setdefault(name, []).append(elapsed)
                cpu.setdefault(name, []).append(used)
                if name == "export November, JSON":
                    rows = len(json.loads(Path(f"{out}.json").read_text("utf-8"))["entries"])
        baseline, _ = timed(["--version"], Path(scratch) / "idle")
    print(f"{options.entries} entries, {options.runs} runs, November export = {rows} rows")
    print(f"python -m trayclock --version (interpreter start-up): {baseline:.2f} s")
    for name, values in figures.items():
        verdict = "ok" if max(values) < LIMIT_S else f"OVER {LIMIT_S} s"
        print(
            f"{name:<28} wall median {statistics.median(values):.2f} s  "
            f"max {max(values):.2f} s  [{verdict}]   "
            f"CPU median {statistics.median(cpu[name]):.2f} s"
        )
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
