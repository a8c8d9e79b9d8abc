"""A real Secret Service for tests: gnome-keyring, unlocked, on a private (or given) D-Bus.

As shared/docs/backends.md describes: a `dbus-daemon --session` of our own unless a bus is
given (a desktop session's), `gnome-keyring-daemon --foreground --unlock
--components=secrets` with the unlock password on its stdin, HOME/XDG_DATA_HOME/
XDG_RUNTIME_DIR in a temporary folder, no DISPLAY (no prompt window can appear). Both
daemons are stopped by their PID.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

START_S = 20.0
POLL_S = 0.05
SECRETS_NAME = "org.freedesktop.secrets"


def name_has_owner(bus_address: str, name: str) -> bool:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress(
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    try:
        with open_dbus_connection(bus=bus_address) as conn:
            reply = conn.send_and_get_reply(new_method_call(bus, "NameHasOwner", "s", (name,)))
            return bool(reply.body[0])
    except OSError:
        return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def secret_service(
    tmp: Path, bus_address: str | None = None, *, unlock: bool = True
) -> Iterator[dict[str, str]]:
    """Yields the variables a client needs (DBUS_SESSION_BUS_ADDRESS) to reach the keyring;
    `unlock=False`: the daemon runs but its login keyring stays locked."""
    for tool in ("gnome-keyring-daemon", "dbus-daemon"):
        if not any((Path(p) / tool).exists() for p in os.environ.get("PATH", "").split(":")):
            pytest.fail(f"{tool} is missing: scripts/system-deps.sh installs gnome-keyring, dbus")
    runtime = tmp / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
    }
    env.update(HOME=str(tmp), XDG_DATA_HOME=str(tmp / "data"), XDG_RUNTIME_DIR=str(runtime))
    started: list[subprocess.Popen[bytes]] = []
    try:
        if bus_address is None:
            bus = subprocess.Popen(
                ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            started.append(bus)
            assert bus.stdout is not None
            bus_address = bus.stdout.readline().decode().strip()
            if not bus_address:
                pytest.fail("dbus-daemon printed no address")
        env["DBUS_SESSION_BUS_ADDRESS"] = bus_address
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--components=secrets"]
            + (["--unlock"] if unlock else []),
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(daemon)
        assert daemon.stdin is not None
        if unlock:
            daemon.stdin.write(b"test-unlock-password\n")
        daemon.stdin.close()
        deadline = time.monotonic() + START_S
        while not name_has_owner(bus_address, SECRETS_NAME):
            if daemon.poll() is not None:
                pytest.fail(f"gnome-keyring-daemon exited with {daemon.returncode}")
            if time.monotonic() > deadline:
                pytest.fail(f"gnome-keyring-daemon did not take {SECRETS_NAME} in {START_S} s")
            time.sleep(POLL_S)
        yield {"DBUS_SESSION_BUS_ADDRESS": bus_address}
    finally:
        for proc in reversed(started):
            _stop(proc)
