"""A real Secret Service for tests: gnome-keyring in a private D-Bus session.

`running_secret_service(folder)` starts a private `dbus-daemon` (session type, its own
config: no service directories, so nothing is ever D-Bus-activated behind our back) and
`gnome-keyring-daemon --foreground --unlock --components=secrets` with the unlock password
on its stdin; HOME, XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_RUNTIME_DIR point into `folder`;
DISPLAY and WAYLAND_DISPLAY are removed so no prompt window can appear. It waits, with a
deadline, until the daemon owns `org.freedesktop.secrets`, and stops both by PID.

`secret_service_env(monkeypatch, service)` points this process at it. Tests elsewhere use
both through a three-line fixture of their own (see tests/sync/test_sync_secrets.py). With
`bus_address` the keyring joins a bus that already runs (a desktop session's) instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SECRETS_BUS_NAME = "org.freedesktop.secrets"
START_DEADLINE_S = 15.0
STOP_DEADLINE_S = 5.0
POLL_INTERVAL_S = 0.02
UNLOCK_PASSWORD = "trayclock-test-login"
REQUIRED_PROGRAMS = ("dbus-daemon", "gnome-keyring-daemon")

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={socket_dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass(frozen=True)
class SecretServiceSession:
    """A running private Secret Service: its bus address, folders, PIDs, start-up time."""

    bus_address: str
    home: Path
    data_home: Path
    config_home: Path
    runtime_dir: Path
    dbus_pid: int | None  # None: the keyring joined a bus someone else runs
    keyring_pid: int
    startup_s: float
    unlocked: bool

    def environ(self) -> dict[str, str]:
        """The variables a process needs to use this keyring (and no display)."""
        env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
        env.update(
            DBUS_SESSION_BUS_ADDRESS=self.bus_address,
            HOME=str(self.home),
            XDG_DATA_HOME=str(self.data_home),
            XDG_CONFIG_HOME=str(self.config_home),
            XDG_RUNTIME_DIR=str(self.runtime_dir),
        )
        env.pop("PYTHON_KEYRING_BACKEND", None)
        return env

    def keyring_files(self) -> list[Path]:
        """The files gnome-keyring wrote (its encrypted keyrings)."""
        folder = self.data_home / "keyrings"
        return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def missing_programs() -> list[str]:
    return [name for name in REQUIRED_PROGRAMS if shutil.which(name) is None]


@contextmanager
def running_secret_service(
    folder: Path,
    *,
    unlock: bool = True,
    password: str = UNLOCK_PASSWORD,
    bus_address: str | None = None,
) -> Iterator[SecretServiceSession]:
    """Start a private D-Bus session with gnome-keyring in it; stop both when done.

    `unlock=False` starts the daemon without an unlock password: its login keyring stays
    locked, and with no display every unlock prompt is dismissed. `bus_address`: put the
    keyring on that bus (a desktop session's) and start no bus of our own.
    """
    missing = missing_programs()
    if missing:  # scripts/system-deps.sh installs them; a missing one is a broken setup
        pytest.fail(f"{', '.join(missing)} not installed: run scripts/system-deps.sh")
    dirs = {name: folder / name for name in ("home", "data", "config", "runtime")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    # A socket path must fit in 108 bytes: the bus listens in a short folder of its own.
    socket_dir = Path(tempfile.mkdtemp(prefix="tc-bus-"))
    config = folder / "session-bus.conf"
    config.write_text(_BUS_CONFIG.format(socket_dir=socket_dir), encoding="utf-8")
    logs = {name: folder / f"{name}.log" for name in ("dbus", "keyring")}
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.update(
        HOME=str(dirs["home"]),
        XDG_DATA_HOME=str(dirs["data"]),
        XDG_CONFIG_HOME=str(dirs["config"]),
        XDG_RUNTIME_DIR=str(dirs["runtime"]),
    )
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    started = time.monotonic()
    dbus: subprocess.Popen[bytes] | None = None
    if bus_address is None:
        with logs["dbus"].open("wb") as log:
            dbus = subprocess.Popen(
                [
                    "dbus-daemon",
                    f"--config-file={config}",
                    "--nofork",
                    "--nopidfile",
                    "--print-address=1",
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                env=env,
            )
    keyring: subprocess.Popen[bytes] | None = None
    try:
        address = bus_address or _read_address(dbus, started + START_DEADLINE_S)
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        command = ["gnome-keyring-daemon", "--foreground", "--components=secrets"]
        if unlock:
            command.insert(2, "--unlock")
        with logs["keyring"].open("wb") as log:
            keyring = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log, env=env
            )
        assert keyring.stdin is not None
        if unlock:
            keyring.stdin.write(password.encode())
        keyring.stdin.close()
        _wait_for_owner(address, keyring, started + START_DEADLINE_S)
        yield SecretServiceSession(
            bus_address=address,
            home=dirs["home"],
            data_home=dirs["data"],
            config_home=dirs["config"],
            runtime_dir=dirs["runtime"],
            dbus_pid=None if dbus is None else dbus.pid,
            keyring_pid=keyring.pid,
            startup_s=time.monotonic() - started,
            unlocked=unlock,
        )
    finally:
        for process in (keyring, dbus):
            if process is not None:
                _stop(process)
        shutil.rmtree(socket_dir, ignore_errors=True)


def secret_service_env(monkeypatch: pytest.MonkeyPatch, service: SecretServiceSession) -> None:
    """Point this test process (keyring, secretstorage) at the private Secret Service."""
    for name, value in service.environ().items():
        if os.environ.get(name) != value:
            monkeypatch.setenv(name, value)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHON_KEYRING_BACKEND"):
        monkeypatch.delenv(name, raising=False)


def _read_address(dbus: subprocess.Popen[bytes] | None, deadline: float) -> str:
    """dbus-daemon prints its address on the first line of stdout once it listens."""
    assert dbus is not None and dbus.stdout is not None
    os.set_blocking(dbus.stdout.fileno(), False)
    buffer = b""
    while time.monotonic() < deadline:
        chunk = dbus.stdout.read()
        if chunk:
            buffer += chunk
            if b"\n" in buffer:
                return buffer.split(b"\n", 1)[0].decode().strip()
        if dbus.poll() is not None:
            break
        time.sleep(POLL_INTERVAL_S)
    raise RuntimeError("dbus-daemon gave no address (see dbus.log beside its config)")


def _wait_for_owner(address: str, keyring: subprocess.Popen[bytes], deadline: float) -> None:
    """Until gnome-keyring owns org.freedesktop.secrets on the bus (or the deadline)."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress("/org/freedesktop/DBus", "org.freedesktop.DBus", "org.freedesktop.DBus")
    with open_dbus_connection(address) as connection:
        while time.monotonic() < deadline:
            reply = connection.send_and_get_reply(
                new_method_call(bus, "NameHasOwner", "s", (SECRETS_BUS_NAME,)), timeout=2
            )
            if reply.body[0]:
                return
            if keyring.poll() is not None:
                break
            time.sleep(POLL_INTERVAL_S)
    raise RuntimeError("gnome-keyring-daemon did not come up (see keyring.log)")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_DEADLINE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_DEADLINE_S)
    for stream in (process.stdout, process.stderr, process.stdin):
        if stream is not None:
            stream.close()
