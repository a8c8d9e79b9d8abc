"""Start a simulation run from outside it: build the clock shim, then the driver under the
shared fast clock, in a mount namespace of its own when root (the store's small tmpfs then
vanishes with the run). Returns the verdict the driver wrote."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.integration.weeksim.clock import build_shim, wrapper_command

if TYPE_CHECKING:
    from tests.tryton.server import TrytonServer

REPO = Path(__file__).resolve().parents[3]
DEFAULT_RATE = 60.0  # fast-clock seconds per real second
SHIM_CACHE = Path.home() / ".cache" / "trayclock-weeksim"


class RunFailed(RuntimeError):
    """The driver did not finish (its output says why)."""


def simulate(
    profile: str,
    out: Path,
    env: Mapping[str, str],
    *,
    seed: str = "issue-12",
    rate: float = DEFAULT_RATE,
    timeout_s: float = 7200.0,
    tryton: TrytonServer | None = None,
    keyring_env: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Run `profile` ('ci' or 'week') on the desktop of `env`; the verdict (verdict.json).
    With `tryton` (and the Secret Service of `keyring_env`), the week's days are then
    submitted and synced there (`backend_step`) and judged with the rest."""
    out.mkdir(parents=True, exist_ok=True)
    shim = build_shim(SHIM_CACHE)
    inner = [
        sys.executable,
        "-m",
        "tests.integration.weeksim.run",
        "--profile",
        profile,
        "--seed",
        seed,
        "--out",
        str(out),
    ]
    command = wrapper_command(rate, shim, out / "simclock.ahead", inner)
    if os.geteuid() == 0 and shutil.which("unshare"):
        command = ["unshare", "--mount", "--propagation", "private", *command]
    clean = {k: v for k, v in env.items() if not k.startswith(("FAKETIME", "PYTEST_"))}
    clean["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), clean.get("PYTHONPATH")]))
    with (out / "driver.out").open("wb") as output:
        done = subprocess.run(
            command,
            env=clean,
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=timeout_s,
        )
    verdict = out / "verdict.json"
    if done.returncode != 0 or not verdict.exists():
        tail = (out / "driver.out").read_text(errors="replace")[-4000:]
        raise RunFailed(f"the simulation's driver exited with {done.returncode}:\n{tail}")
    if tryton is not None:
        backend_after(out, tryton, {**clean, **(keyring_env or {})})
    result: dict[str, Any] = json.loads(verdict.read_text(encoding="utf-8"))
    return result


def backend_after(out: Path, tryton: TrytonServer, env: Mapping[str, str]) -> None:
    """The store the week left, submitted and synced to `tryton` day by day; judged again."""
    from tests.integration.weeksim.backend_step import sync_week
    from tests.integration.weeksim.record import Record
    from tests.integration.weeksim.run import judge_again

    record = Record.load(out / "record.json")
    home = out / "backend-home"
    (home / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(out / "trayclock.sqlite3", home / "data" / "trayclock.sqlite3")
    down = next((f.start.wall[:10] for f in record.faults if f.kind == "backend_down"), None)
    check, counts = sync_week(home, record.days, down or record.days[-1], tryton, env)
    (out / "backend.json").write_text(
        json.dumps({"check": check.as_json(), "counts": counts}, indent=1), encoding="utf-8"
    )
    judge_again(out)
