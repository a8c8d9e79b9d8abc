"""Benchmark of the billing engine: a month of a 10-person team priced through `trayclock bill`.

Run: /work/venv/bin/python bench/bench_billing.py [--entries 10000] [--techs 10] [--runs 5]

Generates a team month (each tech ~45 sessions a working day, about a fifth of the
entries overlapping another of the same tech; long sessions, after-hours work, free quick
fixes, customers with contracts and policies), writes it to a temp file, then times
`python -m trayclock bill FILE` as a subprocess (best and median) and the in-process stages.
The input has no technician field, so the engine sees every tech's sessions in one stream:
cross-tech overlaps are listed too, which makes the overlap list far bigger than a fifth.
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
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from trayclock.commands.bill import render
from trayclock.domain.billing import bill_document, parse_document, price, result_to_json

CET = timezone(timedelta(hours=1))
MONTH_START = date(2026, 11, 1)
DAYS_IN_MONTH = 30
WORKDAY_START_MIN = 8 * 60
SEED = 20261102
CUSTOMER_COUNT = 40
# Sessions started while the same tech's previous one still runs; each such start makes two
# entries overlap, so this yields about a fifth of the entries overlapping.
JUGGLE_SHARE = 0.11


def customers_section() -> dict[str, Any]:
    """A handful of customers with contracts and policy overrides; the rest use the company's."""
    return {
        "c00": {"contract": {"included_minutes": 1200, "period": "month"}},
        "c01": {
            "policy": {"rate": "95.00"},
            "contract": {"included_minutes": 600, "period": "once"},
        },
        "c02": {"policy": {"increment_minutes": 6, "rounding": "nearest"}},
        "c03": {"policy": {"free_under_minutes": 10, "minimum_charge": "45.00"}},
        "c04": {"policy": {"after_hours_multiplier": "2.0", "minimum_minutes": 30}},
        "c05": {"contract": {"included_minutes": 300, "period": "month"}},
        "c06": {"policy": {"rounding": "down", "review_over_minutes": None}},
        "c07": {"contract": {"included_minutes": 90.5, "period": "once"}},
    }


def generate(entry_count: int, techs: int, rng: random.Random) -> dict[str, Any]:
    workdays = [
        MONTH_START + timedelta(days=d)
        for d in range(DAYS_IN_MONTH)
        if (MONTH_START + timedelta(days=d)).isoweekday() <= 5
    ]
    per_tech_day = -(-entry_count // (techs * len(workdays)))
    weights = [1 / (rank + 1) for rank in range(CUSTOMER_COUNT)]  # a few big customers
    names = [f"c{rank:02d}" for rank in range(CUSTOMER_COUNT)]
    entries: list[dict[str, Any]] = []
    for tech in range(techs):
        for day in workdays:
            cursor = datetime.combine(day, datetime.min.time(), CET)
            cursor += timedelta(minutes=WORKDAY_START_MIN + rng.randint(-30, 30))
            previous: tuple[datetime, datetime] | None = None
            for _ in range(per_tech_day):
                if len(entries) >= entry_count:
                    break
                minutes = rng.choice([2, 3, 5, 8, 10, 12, 15, 18, 25]) + rng.random()
                if rng.random() < 0.03:
                    minutes = rng.uniform(61, 150)  # long: held unless approved
                if previous is not None and rng.random() < JUGGLE_SHARE:
                    span = (previous[1] - previous[0]).total_seconds()
                    start = previous[0] + timedelta(seconds=rng.uniform(0, span * 0.9))
                else:
                    start = cursor + timedelta(minutes=rng.uniform(0, 4))
                end = start + timedelta(minutes=minutes)
                cursor = max(cursor, end)
                previous = (start, end)
                entries.append(
                    {
                        "id": f"t{tech}-{len(entries):05d}",
                        "customer": rng.choices(names, weights)[0],
                        "start": start.isoformat(timespec="seconds"),
                        "end": end.isoformat(timespec="seconds"),
                        "billable": rng.random() > 0.05,
                        "approved": rng.random() < 0.5,
                        "tech": f"tech{tech}",  # extra fields are ignored by the engine
                    }
                )
    return {
        "policy": {
            "rate": "85.00",
            "currency": "EUR",
            "free_under_minutes": 3,
            "minimum_charge": "25.00",
            "timezone": "Europe/Berlin",
            "business_hours": {
                "days": [1, 2, 3, 4, 5],
                "start": "08:00",
                "end": "17:00",
                "holidays": ["2026-11-18"],
            },
        },
        "customers": customers_section(),
        "entries": entries,
    }


def juggled_share(doc: dict[str, Any]) -> float:
    """Share of entries overlapping another entry of the same tech."""
    by_tech: dict[str, list[tuple[str, str]]] = {}
    for e in doc["entries"]:
        by_tech.setdefault(e["tech"], []).append((e["start"], e["end"]))
    overlapping = 0
    for spans in by_tech.values():
        parsed = sorted((datetime.fromisoformat(s), datetime.fromisoformat(e)) for s, e in spans)
        flagged = [False] * len(parsed)
        reach_end, reach_index = None, -1
        for i, (start, end) in enumerate(parsed):
            if reach_end is not None and start < reach_end:
                flagged[i] = flagged[reach_index] = True
            if reach_end is None or end > reach_end:
                reach_end, reach_index = end, i
        overlapping += sum(flagged)
    return overlapping / len(doc["entries"])


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(function: Any, runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - began)
    return seconds


def report(label: str, seconds: list[float]) -> None:
    print(f"{label:<44} best {min(seconds):6.3f} s   median {statistics.median(seconds):6.3f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--techs", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--concurrency", choices=["bill_each", "split"], default="bill_each")
    args = parser.parse_args()

    doc = generate(args.entries, args.techs, random.Random(SEED))
    doc["policy"]["concurrency"] = args.concurrency
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "month.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        out = bill_document(doc)
        statuses = Counter(row["status"] for row in out["entries"])
        print(
            f"input: {len(doc['entries'])} entries, {args.techs} techs, "
            f"{len(doc['customers'])} customers with terms, concurrency {args.concurrency}, "
            f"{path.stat().st_size / 1e6:.1f} MB"
        )
        print(f"same-tech overlapping entries: {juggled_share(doc):.0%}")
        print(f"overlap pairs listed (all techs in one stream): {len(out['overlaps'])}")
        print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
        command = [sys.executable, "-m", "trayclock", "bill", str(path)]
        print("command: python -m trayclock bill MONTH.json  (python = " + sys.executable + ")")

        def run_cli() -> None:
            done = subprocess.run(command, capture_output=True, check=False)
            if done.returncode != 0:
                raise SystemExit(done.stderr.decode())

        cpu_before = children_cpu_s()
        report("CLI subprocess (start-up, parse, price, write)", timed(run_cli, args.runs))
        cpu = children_cpu_s() - cpu_before
        # CPU time is what the command itself costs, whatever else loads the machine.
        print(f"{'CLI subprocess CPU time (user + sys)':<44} mean {cpu / args.runs:6.3f} s")
        print(f"load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        report("in-process bill_document", timed(lambda: bill_document(doc), args.runs))
        inp = parse_document(doc)
        result = price(inp)
        report("  parse_document", timed(lambda: parse_document(doc), args.runs))
        report("  price", timed(lambda: price(inp), args.runs))
        report("  result_to_json", timed(lambda: result_to_json(result), args.runs))
        report("  render (the CLI's writer)", timed(lambda: render(out), args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
