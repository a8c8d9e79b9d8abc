"""The simulated technician's week (issue #12 item 2): the real app on a virtual desktop.

    python bench/week_sim.py [--rate 60] [--seed issue-12] [--out DIR] [--results]

Five days of 40 sessions over AnyDesk, TeamViewer and RustDesk (real X windows, real log
lines, the real store), overlaps, reconnects, refused attempts, prompts answered, put off and
left alone, phone timers; SIGKILLs, a full disk, logs rotated, truncated and replaced, wall
clock steps back and forward, a stall, a lunch-time sleep and a night asleep, on a clock
`--rate` times faster than real time (tests/integration/weeksim). Prints the verdict; with
`--results` writes it into bench/RESULTS.md (command, machine, date). The suite's short day
is tests/integration/test_week_sim.py.

Needs root (the store's disk is a tmpfs mounted in a private mount namespace), faketime, a C
compiler and the virtual desktop's packages (desktop-session.sh installs them).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.integration.weeksim.launch import DEFAULT_RATE, backend_after, simulate  # noqa: E402
from tests.keyring_service import running_secret_service  # noqa: E402
from tests.tryton.server import prepare_template, running_tryton  # noqa: E402

DESKTOP = ROOT.parent / "shared" / "tools" / "desktop-session.sh"
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Week simulation (issue #12)"
DESKTOP_START_S = 240.0


@contextmanager
def virtual_desktop(tmp: Path) -> Iterator[dict[str, str]]:
    """A throw-away X desktop with a tray host (desktop-session.sh); its environment."""
    script = Path(os.environ.get("TRAYCLOCK_DESKTOP_SESSION", DESKTOP))
    env_file = tmp / "desktop.env"
    session = subprocess.Popen(
        ["bash", str(script), "-q", "--env-file", str(env_file), "--", "sleep", "infinity"],
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + DESKTOP_START_S
        while not (env_file.is_file() and env_file.stat().st_size > 0):
            if session.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("desktop-session.sh did not start a desktop")
            time.sleep(0.2)
        env = dict(os.environ)
        for line in env_file.read_text().splitlines():
            words = shlex.split(line)
            if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                key, _, value = words[1].partition("=")
                env[key] = value
        yield env
    finally:
        os.killpg(session.pid, signal.SIGTERM)
        session.wait(30)


def machine() -> str:
    model = ""
    try:
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        model = found.group(1).strip() if found else ""
    except OSError:
        pass
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({model}), "
        f"Python {platform.python_version()}, load average {load}"
    )


def write_results(command: str, table: str, before: str, after: str) -> None:
    text = RESULTS.read_text(encoding="utf-8")
    section = (
        f"{SECTION}\n\nCommand: `{command}` — machine: {before} at the start, load average "
        f"{after} at the end; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n\n"
        f"{table.strip()}\n"
    )
    if SECTION in text:
        head, _, rest = text.partition(SECTION)
        following = rest.find("\n## ")
        text = head + section + (rest[following:] if following >= 0 else "")
    else:
        text = text.rstrip() + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=DEFAULT_RATE)
    parser.add_argument("--seed", default="issue-12")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--results", action="store_true", help="write bench/RESULTS.md")
    parser.add_argument("--no-backend", action="store_true", help="no live Tryton")
    parser.add_argument(
        "--backend-for", type=Path, metavar="RUN", help="only the Tryton step, on a finished run"
    )
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="week-sim-"))
    before = machine()
    if args.backend_for is None:
        with virtual_desktop(out) as env:
            simulate("week", out / "run", env, seed=args.seed, rate=args.rate, timeout_s=6 * 3600)
    run = args.backend_for or out / "run"
    if not args.no_backend:
        with (
            running_tryton(prepare_template(), out / "tryton") as tryton,
            running_secret_service(out / "keyring") as keyring,
        ):
            backend_after(run, tryton, {**os.environ, **keyring.environ()})
    table = (run / "verdict.txt").read_text(encoding="utf-8")
    print(table)
    print(f"(the run's files: {run})")
    if args.results:
        after = " ".join(f"{x:.1f}" for x in os.getloadavg())
        command = "python bench/week_sim.py --results" + (
            f" --rate {args.rate:g}" if args.rate != DEFAULT_RATE else ""
        )
        write_results(command, table, before, after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
