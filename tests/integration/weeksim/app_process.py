"""The app under test: `python -m trayclock` (the real composition root, detection, store and
tray) and its command line, started, killed, stopped and stalled as the script says; and the
store's file system, a small tmpfs that can be filled."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SHOWN = "tray icon shown"
# Detection is up once it has found each tool's log (logsource: "<app>: tailing <path>").
TAILING = ": tailing "
TOOLS = 3
START_DEADLINE_S = 3600.0  # fast-clock seconds: a minute of real time at x60
QUIT_DEADLINE_S = 1800.0
DATA_DISK_BYTES = 16 * 1024 * 1024


class AppFailed(RuntimeError):
    """The app did not start, or did not quit cleanly."""


class App:
    def __init__(self, home: Path, env: Mapping[str, str]) -> None:
        self.home = home
        self.env = dict(env, TRAYCLOCK_HOME=str(home))
        self.proc: subprocess.Popen[bytes] | None = None
        self.runs = 0
        self._seen = (0, 0)  # the log's "shown" and "tailing" lines before the last launch

    @property
    def database(self) -> Path:
        return self.home / "data" / "trayclock.sqlite3"

    @property
    def log_path(self) -> Path:
        return self.home / "logs" / "trayclock.log"

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "trayclock", *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=QUIT_DEADLINE_S,
        )
        if check and done.returncode != 0:
            raise AppFailed(f"trayclock {' '.join(args)} → {done.returncode}: {done.stderr}")
        return done

    def launch(self) -> None:
        """Start the tray (a login, or the tech starting it again); `ready` tells when it is up."""
        self.runs += 1
        text = self.log_text()
        self._seen = text.count(SHOWN), text.count(TAILING)
        err = (self.home / f"app-{self.runs}.err").open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "trayclock"],
            env=self.env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )

    def ready(self) -> bool:
        """The icon is shown and detection reads the tools' logs (a loaded machine takes real
        seconds for that: minutes on the fast clock). Raises if the tray died meanwhile."""
        if self.proc is None or self.proc.poll() is not None:
            raise AppFailed(f"run {self.runs}: trayclock is not running ({self._stderr()})")
        text = self.log_text()
        shown, tailing = self._seen
        return text.count(SHOWN) > shown and text.count(TAILING) >= tailing + TOOLS

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_DEADLINE_S
        while not self.ready():
            if time.monotonic() > deadline:
                raise AppFailed(f"run {self.runs}: no tray icon or detection ({self._stderr()})")
            time.sleep(0.5)

    def _stderr(self) -> str:
        path = self.home / f"app-{self.runs}.err"
        text = path.read_text(errors="replace") if path.exists() else ""
        code = None if self.proc is None else self.proc.poll()
        return f"exit {code}: {text[-1500:]}"

    def kill(self) -> None:
        assert self.proc is not None and self.running, self._stderr()
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(QUIT_DEADLINE_S)
        self.proc = None

    def stop(self) -> int:
        """Quit as a logout does (SIGTERM); the exit status."""
        if self.proc is None:
            return 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(QUIT_DEADLINE_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AppFailed("trayclock did not quit on SIGTERM") from None
        self.proc = None
        return status

    def pause_process(self) -> None:
        os.kill(self.pid, signal.SIGSTOP)

    def resume_process(self) -> None:
        os.kill(self.pid, signal.SIGCONT)

    def read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """The store, read-only beside the running app (WAL lets a reader in)."""
        if not self.database.exists():
            return []
        conn = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=600)
        try:
            return list(conn.execute(sql, params))
        finally:
            conn.close()


class DataDisk:
    """The store's folder on a small tmpfs of its own (needs mount rights: root, here in a
    private mount namespace, so nothing outlives the run), filled and freed on cue."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.filler = folder / "filler.bin"
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [
                "mount",
                "-t",
                "tmpfs",
                "-o",
                f"size={DATA_DISK_BYTES},mode=0700",
                "tmpfs",
                str(folder),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        self.mounted = done.returncode == 0
        self.problem = "" if self.mounted else done.stderr.strip() or "mount failed"

    def fill(self) -> int:
        """Write until the file system is full; the bytes written."""
        chunk = b"\0" * (64 * 1024)
        written = 0
        with self.filler.open("ab", buffering=0) as out:
            while True:
                try:
                    written += out.write(chunk)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
        # The last, partial chunk: single bytes until nothing fits.
        with self.filler.open("ab", buffering=0) as out:
            try:
                while True:
                    written += out.write(b"\0")
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
        return written

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def unmount(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.folder)], capture_output=True, timeout=600)
