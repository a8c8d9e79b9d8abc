"""The backend's part of the week: a live Tryton (tests/tryton), the days submitted and synced
one by one with `trayclock submit` and `trayclock sync`, Tryton unreachable for one of them
(the fault proxy resetting every connection), then caught up; judged against Tryton itself:
every submitted entry's timesheet line there exactly once, with the entry's worked seconds.

It runs after the simulated week, on the store the week left, on real time: the HTTP client's
timeouts and the keyring's D-Bus calls would be `rate` times shorter on the fast clock. So the
tray's own background sync during the week is not what is tested here; `trayclock sync` is.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from tests.integration.weeksim.app_process import REPO
from tests.integration.weeksim.verdict_checks import Check
from tests.sync.fault_proxy import PASS, FaultProxy, reset
from tests.tryton.server import TrytonServer
from trayclock.sync.tryton_rpc import TrytonRPC

MARKER = re.compile(r"\[trayclock:([0-9a-f-]{36})\]")
CLI_TIMEOUT_S = 300.0


def _cli(env: Mapping[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trayclock", *args],
        env=dict(env),
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
    )


def sync_week(
    home: Path,
    days: list[str],
    down_day: str | None,
    tryton: TrytonServer,
    env: Mapping[str, str],
) -> tuple[Check, dict[str, object]]:
    """Submit and sync `days` of the store under `home` to `tryton`; the verdict line."""
    check = Check("every approved entry in the backend exactly once")
    run_env = {k: v for k, v in env.items() if not k.startswith(("FAKETIME", "SIMCLOCK"))}
    for name in ("LD_PRELOAD", "DISPLAY", "WAYLAND_DISPLAY", "PYTHON_KEYRING_BACKEND"):
        run_env.pop(name, None)
    run_env.update(TRAYCLOCK_HOME=str(home), TZ="Europe/Berlin", LC_ALL="C.UTF-8")
    host, port = tryton.url.removeprefix("http://").split(":")
    counts: dict[str, object] = {}
    with FaultProxy(host, int(port)) as proxy:
        done = _cli(
            run_env, "backend", "configure", "tryton", "--url", proxy.url, "--database",
            tryton.database, "--user", tryton.user, "--password-stdin",
            stdin=tryton.password + "\n",
        )  # fmt: skip
        if done.returncode != 0:
            check.not_run = f"backend configure failed: {done.stderr.strip()[:300]}"
            return check, counts
        syncs: list[str] = []
        for day in days:
            _cli(run_env, "submit", "--from", day, "--to", day, "--force")
            if day == down_day:
                proxy.default = reset()  # every connection refused until it is up again
            synced = _cli(run_env, "sync")
            syncs.append(f"{day}: exit {synced.returncode}")
            if day == down_day:
                proxy.default = PASS  # up again
                check.add(synced.returncode != 0, f"{day}: sync said done while Tryton was down")
        final = _cli(run_env, "sync")
        syncs.append(f"final: exit {final.returncode}")
        why = f"{final.stdout.strip()}; {final.stderr.strip()[-600:]}"
        check.add(final.returncode == 0, f"the last sync left entries waiting: {why}")
        counts["syncs"] = syncs
    _judge_lines(check, home, tryton, counts)
    return check, counts


def _judge_lines(check: Check, home: Path, tryton: TrytonServer, counts: dict[str, object]) -> None:
    conn = sqlite3.connect(f"file:{home / 'data' / 'trayclock.sqlite3'}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT uuid, sync_state, reviewed, discarded FROM entries").fetchall()
    finally:
        conn.close()
    rpc = TrytonRPC(tryton.url, tryton.database, tryton.user, tryton.password)
    rpc.login()
    lines = rpc.search_read(
        "timesheet.line", [["description", "like", "%[trayclock:%"]], ["description", "duration"]
    )
    seen: dict[str, int] = {}
    for line in lines:
        found = MARKER.search(str(line.get("description") or ""))
        if found:
            seen[found.group(1)] = seen.get(found.group(1), 0) + 1
    synced = [r[0] for r in rows if r[1] == "synced" and not r[3]]
    for uuid in synced:
        check.add(seen.get(uuid) == 1, f"{uuid[:8]}: {seen.get(uuid, 0)} lines in Tryton")
    known = {r[0] for r in rows}
    for uuid, times in seen.items():
        if uuid not in known:
            check.failures.append(f"{uuid[:8]}: in Tryton, not in the store ({times} lines)")
    waiting = [r[0][:8] for r in rows if r[2] and r[1] not in ("synced",) and not r[3]]
    counts.update(
        {
            "entries synced": len(synced),
            "timesheet lines in Tryton": sum(seen.values()),
            "submitted but not synced": waiting,
            "checked at": datetime.now().isoformat(timespec="seconds"),
        }
    )
