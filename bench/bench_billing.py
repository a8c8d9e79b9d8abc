"""Benchmark of the billing engine: a month of a 10-person team priced through `trayclock bill`.

Run: .venv/bin/python bench/bench_billing.py [--entries 10000] [--techs 10] [--runs 5]
     [--pause-share 0.33] [--dense 1000,1414,2000,20000]

Generates a team month (each tech ~45 sessions a working day, about a fifth of the
entries overlapping another of the same tech; long sessions, after-hours work, free quick
fixes, customers with contracts and policies), writes it to a temp file, then times
`python -m trayclock bill FILE` as a subprocess (best and median, CPU, peak RSS) and the
in-process stages. The input has no technician field, so the engine sees every tech's
sessions in one stream: cross-tech overlaps are listed too, which makes the overlap list far
bigger than a fifth.

In the same run, the same month twice: with a third of the entries paused (a sleep or a
step away: 1-2 pauses of 10-60 % of the entry) and with those pauses stripped, every other
byte equal. Then the dense case of issue #12: N identical entries (N(N-1)/2 overlap pairs),
the command's wall and CPU time, peak RSS, exit status and output size for each N.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
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


def pauses_for(start: datetime, end: datetime, rng: random.Random) -> list[dict[str, str]]:
    """1-2 pauses of 10-60 % of the entry in all, inside it (a sleep, a step away)."""
    span = (end - start).total_seconds()
    share = rng.uniform(0.1, 0.6)
    count = rng.choice([1, 1, 2])
    each = span * share / count
    pauses = []
    for slot in range(count):
        low = start.timestamp() + span * slot / count
        begin = low + rng.uniform(0, span / count - each)
        pauses.append((begin, begin + each))
    return [
        {
            "start": datetime.fromtimestamp(a, CET).isoformat(timespec="seconds"),
            "end": datetime.fromtimestamp(b, CET).isoformat(timespec="seconds"),
        }
        for a, b in pauses
        if int(b) - int(a) >= 1
    ]


def generate(
    entry_count: int, techs: int, rng: random.Random, pause_share: float = 0.0
) -> dict[str, Any]:
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
                raw = {
                    "id": f"t{tech}-{len(entries):05d}",
                    "customer": rng.choices(names, weights)[0],
                    "start": start.isoformat(timespec="seconds"),
                    "end": end.isoformat(timespec="seconds"),
                    "billable": rng.random() > 0.05,
                    "approved": rng.random() < 0.5,
                    "tech": f"tech{tech}",  # extra fields are ignored by the engine
                }
                paused = pauses_for(
                    datetime.fromisoformat(raw["start"]), datetime.fromisoformat(raw["end"]), rng
                )
                if rng.random() < pause_share and paused:
                    raw["pauses"] = paused
                entries.append(raw)
    return {
        "policy": {
            "rate": "85.00",
            "currency": "EUR",
            "free_under_minutes": 3,
            "minimum_charge": "25.00",
            "timezone": "Europe/Berlin",
            "after_hours_minimum_minutes": 30,
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


@dataclass(frozen=True)
class Measured:
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    status: int
    output_bytes: int
    first_error: str


TIME_COMMAND = Path("/usr/bin/time")


def run_measured(command: list[str]) -> Measured:
    """One child process: wall time; its CPU from wait4; its peak RSS from /usr/bin/time.

    Not wait4's ru_maxrss: Linux carries the forking parent's high-water mark (this bench,
    holding the documents) into the child's, so only a small launcher reports the child's own.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            launcher = (
                [str(TIME_COMMAND), "-f", "%M", "-o", rss.name] if TIME_COMMAND.exists() else []
            )
            began = time.perf_counter()
            child = subprocess.Popen([*launcher, *command], stdout=out, stderr=err)
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - began
            child.returncode = os.waitstatus_to_exitcode(status)
            kib = rss.read().strip().splitlines()
        size = out.tell()
        err.seek(0)
        first = err.readline().decode(errors="replace").strip()
    peak = float(kib[-1]) / 1024 if kib and kib[-1].isdigit() else float("nan")
    return Measured(wall, usage.ru_utime + usage.ru_stime, peak, child.returncode, size, first)


def timed(function: Any, runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - began)
    return seconds


def report(label: str, seconds: list[float]) -> None:
    print(f"{label:<44} best {min(seconds):6.3f} s   median {statistics.median(seconds):6.3f} s")


def bench_month(label: str, doc: dict[str, Any], folder: Path, runs: int) -> None:
    path = folder / f"{label}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = bill_document(doc)
    statuses = Counter(row["status"] for row in out["entries"])
    paused = sum(1 for e in doc["entries"] if e.get("pauses"))
    print(
        f"\n[{label}] {len(doc['entries'])} entries ({paused} with pauses), "
        f"{path.stat().st_size / 1e6:.1f} MB; overlap pairs listed: {len(out['overlaps'])}"
    )
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    command = [sys.executable, "-m", "trayclock", "bill", str(path)]
    measured = [run_measured(command) for _ in range(runs)]
    if any(m.status != 0 for m in measured):
        raise SystemExit(measured[0].first_error)
    report("CLI subprocess (start-up, parse, price, write)", [m.wall_s for m in measured])
    cpu = statistics.mean(m.cpu_s for m in measured)
    print(f"{'CLI CPU time (user + sys), mean':<44} {cpu:6.3f} s")
    print(f"{'CLI peak RSS, max':<44} {max(m.peak_rss_mib for m in measured):6.1f} MiB")
    report("in-process bill_document", timed(lambda: bill_document(doc), runs))
    inp = parse_document(doc)
    result = price(inp)
    report("  parse_document", timed(lambda: parse_document(doc), runs))
    report("  price", timed(lambda: price(inp), runs))
    report("  result_to_json", timed(lambda: result_to_json(result), runs))
    report("  render (the CLI's writer)", timed(lambda: render(out), runs))


def bench_dense(counts: list[int], folder: Path) -> None:
    """Issue #12: N identical entries, every pair overlapping."""
    print("\n[dense] N identical entries 09:00-10:00, one customer (N(N-1)/2 overlap pairs)")
    print(f"{'N':>7} {'pairs':>12} exit {'wall s':>7} {'CPU s':>6} {'peak RSS':>9} {'output':>9}")
    for count in counts:
        same = {"customer": "acme", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00Z"}
        doc = {"entries": [{"id": f"e{i}", **same, "approved": True} for i in range(count)]}
        path = folder / f"dense{count}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        m = run_measured([sys.executable, "-m", "trayclock", "bill", str(path)])
        print(
            f"{count:>7} {count * (count - 1) // 2:>12,} {m.status:>4} {m.wall_s:>7.2f} "
            f"{m.cpu_s:>6.2f} {m.peak_rss_mib:>5.0f} MiB {m.output_bytes / 1e6:>6.1f} MB"
        )
        if m.status != 0:
            print(f"        stderr: {m.first_error[len(str(path)) + 2 :][:110]}")


def machine() -> str:
    model = "?"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as info:
        model = next((line.split(":", 1)[1].strip() for line in info if "model name" in line), "?")
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores ({model}), Python {sys.version.split()[0]}, load {load:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--techs", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--concurrency", choices=["bill_each", "split"], default="bill_each")
    parser.add_argument("--pause-share", type=float, default=1 / 3)
    parser.add_argument("--dense", default="1000,1414,2000,20000", help="N identical entries")
    args = parser.parse_args()

    print(f"machine: {machine()}; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print("command: python -m trayclock bill FILE  (python = " + sys.executable + ")")
    paused = generate(args.entries, args.techs, random.Random(SEED), args.pause_share)
    paused["policy"]["concurrency"] = args.concurrency
    plain = {
        **paused,
        "entries": [{k: v for k, v in e.items() if k != "pauses"} for e in paused["entries"]],
    }
    print(
        f"{args.techs} techs, {len(paused['customers'])} customers with terms, "
        f"concurrency {args.concurrency}; same-tech overlapping entries: {juggled_share(plain):.0%}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for label, doc in (("without pauses", plain), ("a third paused", paused)):
            bench_month(label, doc, Path(folder), args.runs)
        bench_dense([int(n) for n in args.dense.split(",") if n], Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
