"""Sync benchmark: entries per second from a store to a real trytond 8.2 on loopback through
`trayclock sync` (a real child process, the password from a real Secret Service), without
faults, through the fault proxy, and SIGKILLed at random moments — and afterwards every
entry is in Tryton exactly once with the right values.

    .venv/bin/python bench/bench_sync.py [--entries 1000] [--kills 12] [--faults 40]

Each scenario has a store of its own (its own TRAYCLOCK_HOME) and a customer of its own on
one server. With faults, the proxy answers one request in every 5-13 with one of: a reset,
500, 503, 429 with or without Retry-After, an answer lost after Tryton committed (each
kind in turn), until `--faults` were given; the worker's backoff waits are real (full
jitter from a 0-2 s window after one failure), so they count in the rate.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.keyring_service import running_secret_service  # noqa: E402
from tests.sync.fault_proxy import (  # noqa: E402
    PASS,
    Fault,
    FaultProxy,
    lost_after_commit,
    rate_limited,
    reset,
    status,
)
from tests.tryton.server import TrytonServer, prepare_template, running_tryton  # noqa: E402
from tests.tryton.sync_kills import sync_with_kills  # noqa: E402
from tests.tryton.test_sync_kill import check_exactly_once, fill  # noqa: E402
from trayclock.sync.tryton_rpc import TrytonRPC  # noqa: E402


@contextmanager
def home(env: dict[str, str]) -> Iterator[tuple[dict[str, str], Path]]:
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        mine = {**env, "TRAYCLOCK_HOME": folder}
        yield mine, Path(folder) / "data" / "trayclock.sqlite3"


def trayclock(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trayclock", *args], input=stdin, capture_output=True, text=True,
        cwd=ROOT, env=env, check=False, timeout=3600,
    )  # fmt: skip


def configure(env: dict[str, str], server: TrytonServer, url: str) -> None:
    done = trayclock(
        env, "backend", "configure", "tryton", "--url", url, "--database", server.database,
        "--user", server.user, "--password-stdin", stdin=server.password + "\n",
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(done.stderr)


def fault_mix(count: int, rng: random.Random) -> list[Fault]:
    makers: list[Callable[[], Fault]] = [
        reset,
        lambda: status(500),
        lambda: status(503),
        lambda: rate_limited("1"),
        lambda: rate_limited(None),
        lost_after_commit,
    ]
    script: list[Fault] = []
    order: list[Callable[[], Fault]] = []
    for _ in range(count):  # every kind in turn (shuffled), each followed by requests that pass
        if not order:
            order = rng.sample(makers, len(makers))
        script += [order.pop()(), *([PASS] * rng.randint(4, 12))]
    return script


def scenario(
    name: str,
    server: TrytonServer,
    rpc: TrytonRPC,
    env: dict[str, str],
    entries: int,
    run: Callable[[dict[str, str], Path], str],
    url: str | None = None,
) -> None:
    with home(env) as (mine, database):
        database.parent.mkdir(parents=True, exist_ok=True)
        configure(mine, server, url or server.url)
        worked = fill(database, f"Bench {name} {time.time_ns()}", entries)
        started = time.perf_counter()
        detail = run(mine, database)
        seconds = time.perf_counter() - started
        check_exactly_once(rpc, worked)
    print(f"| {name} | {entries} | {seconds:.1f} s | {entries / seconds:.0f} entries/s | "
          f"{detail} |", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--faults", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    # Stopped from outside: leave through the context managers (the server, the keyring).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    rng = random.Random(args.seed)
    template = prepare_template()
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-tryton-")))
        server = stack.enter_context(running_tryton(template, folder / "tryton"))
        keyring = stack.enter_context(running_secret_service(folder / "keyring"))
        env = keyring.environ()
        rpc = TrytonRPC(server.url, server.database, server.user, server.password)
        print(f"machine: {platform.node()}, {os.cpu_count()} cores, {platform.platform()}, "
              f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}; "
              f"{time.strftime('%Y-%m-%d')}")  # fmt: skip
        print("| scenario | entries | wall | rate | detail |\n|---|---|---|---|---|")

        def plain(mine: dict[str, str], database: Path) -> str:
            done = trayclock(mine, "sync")
            assert done.returncode == 0, done.stderr
            return "one `trayclock sync`"

        scenario("no faults", server, rpc, env, args.entries, plain)

        host, port = server.url.removeprefix("http://").split(":")
        with FaultProxy(host, int(port)) as proxy:

            def faulty(mine: dict[str, str], database: Path) -> str:
                proxy.script(*fault_mix(args.faults, rng))
                runs = 0
                while True:  # a run gives up after its patience; a script keeps calling it
                    runs += 1
                    if trayclock(mine, "sync").returncode == 0:
                        break
                history = proxy.history()
                kinds = sorted({e.fault for e in history if e.fault != "pass"})
                faulted = sum(1 for e in history if e.fault != "pass")
                return (f"{len(history)} requests, {faulted} faults ({', '.join(kinds)}), "
                        f"{runs} runs")  # fmt: skip

            scenario("faults", server, rpc, env, args.entries, faulty, url=proxy.url)

        def killed(mine: dict[str, str], database: Path) -> str:
            log = sync_with_kills(database, mine, rng, kills=args.kills, total=args.entries)
            return f"{log.kills} SIGKILLs in {log.runs} runs: " + "; ".join(log.moments)

        scenario("SIGKILLed", server, rpc, env, args.entries, killed)
        print("every entry in Tryton exactly once with its worked time, in every scenario")


if __name__ == "__main__":
    main()
