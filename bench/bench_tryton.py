"""Tryton benchmark: what the live-Tryton tests cost (install, template, a server) and how
fast entries reach a real trytond 8.2 on loopback through the adapter.

    .venv/bin/python bench/bench_tryton.py [--entries 1000] [--batch 50] [--cold]

`--cold` installs Tryton and builds the template into a new, empty cache folder (pip's own
download cache stays warm). Without it the cached install is used. Then: copy the template
and start a server (5 times), log in, and push `--entries` entries through
`TrytonBackend`: create in batches of `--batch`, create one by one (a tenth of them), find
each by its marker, update each, invoice them as one month, delete each.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.tryton.server import prepare_template, running_tryton  # noqa: E402
from trayclock.sync.backend import LineValues, RemoteCustomer  # noqa: E402
from trayclock.sync.tryton import TrytonBackend  # noqa: E402
from trayclock.sync.tryton_invoice import invoice_month  # noqa: E402
from trayclock.sync.tryton_invoice_items import InvoiceItem  # noqa: E402
from trayclock.sync.tryton_rpc import TrytonRPC  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")
MONTH_START = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def cold_install() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "TRAYCLOCK_TRYTON_CACHE": cache}
        started = time.perf_counter()
        result = subprocess.run(
            ["bash", str(ROOT / "scripts" / "tryton-env.sh")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"cold tryton-env.sh: {time.perf_counter() - started:.1f} s")
        for line in result.stderr.splitlines():
            print(f"  {line}")
        started = time.perf_counter()
        subprocess.run(["bash", str(ROOT / "scripts" / "tryton-env.sh")], env=env, check=True,
                       capture_output=True)  # fmt: skip
        print(f"warm tryton-env.sh (cached): {time.perf_counter() - started:.2f} s")


def entries(customer: RemoteCustomer, count: int) -> list[LineValues]:
    made = []
    for number in range(count):
        start = MONTH_START + timedelta(days=number % 27, minutes=(number * 7) % 540)
        end = start + timedelta(minutes=5 + number % 50)
        made.append(
            LineValues(
                entry_uuid=str(uuid.uuid4()), customer_key="bench", customer_name=customer.name,
                customer_ref=customer.ref, start=start, end=end, zone=BERLIN, worked=end - start,
                billable=True, status="billed", billed_minutes=15, amount=Decimal("21.25"),
                currency="EUR", ticket=f"T-{number}", notes="benchmark entry",
            )
        )  # fmt: skip
    return made


def rate(count: int, seconds: float) -> str:
    return f"{seconds:.2f} s ({count / seconds:.0f} entries/s)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    if args.cold:
        cold_install()
    template = prepare_template()
    with tempfile.TemporaryDirectory() as folder:
        starts = []
        for run in range(5):
            started = time.perf_counter()
            with running_tryton(template, Path(folder) / f"s{run}"):
                starts.append(time.perf_counter() - started)
        print(f"copy template + start trytond until it answers: median "
              f"{statistics.median(starts):.2f} s, max {max(starts):.2f} s")  # fmt: skip
        with running_tryton(template, Path(folder) / "bench") as server:
            rpc = TrytonRPC(server.url, server.database, server.user, server.password)
            seconds, _ = timed(rpc.login)
            print(f"login (argon2 check) + preferences: {seconds:.2f} s")
            backend = TrytonBackend(rpc)
            customer = backend.ensure_customer("bench", "Bench Customer", None)
            batch = entries(customer, args.entries)
            seconds, remote = timed(
                lambda: [
                    line
                    for i in range(0, len(batch), args.batch)
                    for line in backend.create(batch[i : i + args.batch])
                ]
            )
            print(f"create {len(batch)} in batches of {args.batch}: {rate(len(batch), seconds)}")
            single = entries(customer, max(1, args.entries // 10))
            seconds, _ = timed(lambda: [backend.create([v]) for v in single])
            print(f"create {len(single)} one by one: {rate(len(single), seconds)}")
            seconds, _ = timed(lambda: [backend.find(v.entry_uuid) for v in batch])
            print(f"find {len(batch)} by marker: {rate(len(batch), seconds)}")
            seconds, remote = timed(
                lambda: [
                    backend.update(line, dataclasses.replace(v, notes="edited"))
                    for line, v in zip(remote, batch, strict=True)
                ]
            )
            print(f"update {len(batch)}: {rate(len(batch), seconds)}")
            items = [
                InvoiceItem(v.entry_uuid, v.start, v.end, "billed", 15, Decimal("21.25"))
                for v in [*batch, *single]
            ]

            def invoice() -> Any:
                return invoice_month(
                    backend, customer, "bench", date(2026, 11, 1), items, zone=BERLIN,
                    currency="EUR",
                )  # fmt: skip

            seconds, result = timed(invoice)
            print(f"invoice the month ({len(items)} entries): {seconds:.2f} s, total "
                  f"{result.total}")  # fmt: skip
            seconds, _ = timed(invoice)
            print(f"invoice it again (nothing changed): {seconds:.2f} s")
            other = backend.ensure_customer("bench2", "Bench Customer 2", None)
            doomed = backend.create(entries(other, len(batch)))
            seconds, _ = timed(lambda: [backend.delete(line) for line in doomed])
            print(f"delete {len(doomed)}: {rate(len(doomed), seconds)}")


if __name__ == "__main__":
    main()
