"""A real trytond for the tests: the cached template database (scripts/tryton-env.sh) copied
with SQLite's backup API, a server on a free loopback port, stopped by its PID.

Tryton runs SQLite in WAL mode, so a plain file copy can miss recent commits: always
`copy_database`. A running server caches its database list, so each server is started with
`-d` naming its own copy.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
ENV_SCRIPT = ROOT / "scripts" / "tryton-env.sh"
START_DEADLINE_S = 90.0  # a loaded 2-core machine answers in 1-2 s; a cold one slower
POLL_INTERVAL_S = 0.05
STOP_DEADLINE_S = 10.0
PORT_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class TrytonTemplate:
    """The cached Tryton install and template database, and what the setup created."""

    venv: Path
    folder: Path
    info: Mapping[str, Any]

    @property
    def database_file(self) -> Path:
        return self.folder / f"{self.info['database']}.sqlite"

    @property
    def trytond(self) -> Path:
        return self.venv / "bin" / "trytond"


@dataclass(frozen=True, slots=True)
class TrytonServer:
    """One running trytond: where it answers and how to log in (the template's admin, who
    has the company and the technician's employee)."""

    url: str  # http://127.0.0.1:PORT
    database: str
    user: str
    password: str
    pid: int
    folder: Path
    log: Path
    info: Mapping[str, Any]  # the template's facts: company, employee, product ids, zone …


def prepare_template() -> TrytonTemplate:
    """Install Tryton and build the template unless cached (scripts/tryton-env.sh)."""
    result = subprocess.run(
        ["bash", str(ENV_SCRIPT)], capture_output=True, text=True, check=False, timeout=1800
    )
    if result.returncode != 0:
        raise RuntimeError(f"scripts/tryton-env.sh failed:\n{result.stderr[-4000:]}")
    found = dict(
        line.split("=", 1) for line in result.stdout.splitlines() if line.startswith("TRYTON_")
    )
    folder = Path(found["TRYTON_TEMPLATE"])
    info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
    return TrytonTemplate(Path(found["TRYTON_VENV"]), folder, info)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database, WAL included (SQLite's online backup)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(folder: Path, port: int, settings: Mapping[str, Mapping[str, object]]) -> str:
    sections: dict[str, dict[str, object]] = {
        "database": {"uri": "sqlite://", "path": str(folder)},
        "web": {"listen": f"127.0.0.1:{port}"},
    }
    for section, values in settings.items():
        sections.setdefault(section, {}).update(values)
    return "".join(
        f"[{name}]\n" + "".join(f"{key} = {value}\n" for key, value in values.items())
        for name, values in sections.items()
    )


def _answers(url: str) -> bool:
    try:
        response = requests.post(
            f"{url}/rpc/",
            json={"id": 0, "method": "common.server.version", "params": []},
            timeout=2,
        )
    except requests.RequestException:
        return False
    return response.status_code == 200


@contextmanager
def running_tryton(
    template: TrytonTemplate,
    folder: Path,
    *,
    settings: Mapping[str, Mapping[str, object]] | None = None,
) -> Iterator[TrytonServer]:
    """A trytond on a copy of the template in `folder`, until the block ends.

    `settings` adds trytond.conf sections, e.g. `{"session": {"max_attempt": 1}}`.
    """
    database = str(template.info["database"])
    folder.mkdir(parents=True, exist_ok=True)
    copy_database(template.database_file, folder / f"{database}.sqlite")
    log = folder / "trytond.log"
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        conf = folder / "trytond.conf"
        conf.write_text(_config(folder, port, settings or {}), encoding="utf-8")
        url = f"http://127.0.0.1:{port}"
        start_of_run = log.stat().st_size if log.exists() else 0
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                [str(template.trytond), "-c", str(conf), "-d", database],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "TRYTOND_LOGGING_LEVEL": str(logging.WARNING)},
            )
        try:
            deadline = time.monotonic() + START_DEADLINE_S
            while proc.poll() is None and not _answers(url):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"trytond did not answer within {START_DEADLINE_S} s")
                time.sleep(POLL_INTERVAL_S)
            if proc.poll() is not None:
                if "Address already in use" in _tail(log, start=start_of_run):
                    continue  # another process took the free port meanwhile: another one
                raise RuntimeError(f"trytond exited at start; its log:\n{_tail(log)}")
            yield TrytonServer(
                url=url,
                database=database,
                user=str(template.info["user"]),
                password=str(template.info["password"]),
                pid=proc.pid,
                folder=folder,
                log=log,
                info=template.info,
            )
            return
        finally:
            _stop(proc)
    raise RuntimeError(f"trytond would not start; its log: {log}\n{_tail(log)}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(STOP_DEADLINE_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(STOP_DEADLINE_S)


def _tail(path: Path, chars: int = 3000, start: int = 0) -> str:
    try:
        return path.read_bytes()[start:].decode("utf-8", errors="replace")[-chars:]
    except OSError:
        return ""
