"""Tray start-up and idle memory: `trayclock` from process start to a tray icon a tray host shows.

Runs on a real virtual desktop (shared/tools/desktop-session.sh: Xvfb, openbox, a
StatusNotifierItem tray host, dunst). Each run starts `python -m trayclock` on a fresh
TRAYCLOCK_HOME with real detection (a store set up as on every day after the first: no
first-start window), and times, from spawning the process:
  - `shown`: the app's own mark that QSystemTrayIcon.show() ran (TRAYCLOCK_STARTUP_MARK);
  - `registered`: the tray host's watcher lists the icon (org.kde.StatusNotifierWatcher,
    asked with dbus-send), i.e. the icon is on the panel.
Then the app idles IDLE_S seconds and its memory (RSS, USS) is read with psutil.

    /work/venv/bin/python bench/bench_tray.py [--runs N] [--idle SECONDS]
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
POLL_S = 0.005
START_TIMEOUT_S = 20.0
SESSION_TIMEOUT_S = 300.0
WATCHER_ARGS = (
    "dbus-send",
    "--session",
    "--print-reply",
    "--dest=org.kde.StatusNotifierWatcher",
    "/StatusNotifierWatcher",
    "org.freedesktop.DBus.Properties.Get",
    "string:org.kde.StatusNotifierWatcher",
    "string:RegisteredStatusNotifierItems",
)


def desktop_script() -> Path:
    for candidate in (
        ROOT.parent / "shared/tools/desktop-session.sh",
        Path("/work/shared/tools/desktop-session.sh"),
    ):
        if candidate.is_file():
            return candidate
    sys.exit("desktop-session.sh not found")


def start_desktop(tmp: Path) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    env_file = tmp / "desktop.env"
    session = subprocess.Popen(
        ["bash", str(desktop_script()), "-q", "--env-file", str(env_file), "--", "sleep", "3600"],
        start_new_session=True,
    )
    deadline = time.monotonic() + SESSION_TIMEOUT_S
    while not (env_file.is_file() and env_file.stat().st_size):
        if time.monotonic() > deadline or session.poll() is not None:
            sys.exit("the desktop session did not start")
        time.sleep(0.1)
    env = dict(os.environ)
    for line in env_file.read_text().splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export":
            key, _, value = words[1].partition("=")
            env[key] = value
    env["QT_QPA_PLATFORM"] = "xcb"
    return session, env


def set_up_store(home: Path, code: Path = ROOT) -> None:
    """A store as on any day after the first: set up, so no first-start window is open."""
    script = (
        "from datetime import UTC, datetime\n"
        "from trayclock.config import paths\n"
        "from trayclock.store import db\n"
        "from trayclock.services.ui_prefs import FIRST_START_SKIPPED, mark_first_start\n"
        "conn = db.connect(paths().ensure().database)\n"
        "mark_first_start(conn, FIRST_START_SKIPPED, now=datetime.now(UTC))\n"
        "conn.close()\n"
    )
    env = {**os.environ, "TRAYCLOCK_HOME": str(home), "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-c", script], env=env, cwd=code, check=True)


def registered_items(env: dict[str, str]) -> int:
    done = subprocess.run(WATCHER_ARGS, env=env, capture_output=True, text=True, timeout=5)
    return done.stdout.count('string "')


def one_run(env: dict[str, str], idle_s: float, home: str | None = None) -> dict[str, float]:
    """One start on `home` (default: a fresh TRAYCLOCK_HOME): the figures of the docstring."""
    home = home or tempfile.mkdtemp(prefix="trayclock-bench-")
    set_up_store(Path(home))  # set up: no first-start window
    run_env = {**env, "TRAYCLOCK_HOME": home, "TRAYCLOCK_STARTUP_MARK": "1"}
    baseline = registered_items(env)
    spawned = time.time()
    app = subprocess.Popen(
        [sys.executable, "-m", "trayclock"],
        env=run_env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert app.stdout is not None
        line = app.stdout.readline()  # "tray-shown <epoch seconds>"
        if not line.startswith("tray-shown"):
            raise RuntimeError(f"no start-up mark (exit {app.poll()})")
        shown = float(line.split()[1]) - spawned
        deadline = time.monotonic() + START_TIMEOUT_S
        while registered_items(env) <= baseline:
            if time.monotonic() > deadline:
                raise RuntimeError("the tray host never listed the icon")
            time.sleep(POLL_S)
        registered = time.time() - spawned
        time.sleep(idle_s)
        info = psutil.Process(app.pid).memory_full_info()
        cpu = psutil.Process(app.pid).cpu_times()
        return {
            "shown": shown,
            "registered": registered,
            "rss_mib": info.rss / 2**20,
            "uss_mib": info.uss / 2**20,
            "cpu_s": cpu.user + cpu.system,
        }
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(15)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--idle", type=float, default=10.0, help="idle seconds before memory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        session, env = start_desktop(Path(tmp))
        try:
            one_run(env, 1.0)  # warm the file cache; not counted
            runs = [one_run(env, args.idle) for _ in range(args.runs)]
        finally:
            os.killpg(session.pid, signal.SIGTERM)
            session.wait(30)
    print(f"{args.runs} runs, idle {args.idle:g} s, python {sys.version.split()[0]}")
    for key, unit in (
        ("shown", "s"),
        ("registered", "s"),
        ("rss_mib", "MiB"),
        ("uss_mib", "MiB"),
        ("cpu_s", "s CPU"),
    ):
        values = [run[key] for run in runs]
        print(
            f"{key:>11}: median {statistics.median(values):.3f} {unit}, "
            f"min {min(values):.3f}, max {max(values):.3f}"
        )


if __name__ == "__main__":
    main()
