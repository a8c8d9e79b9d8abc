"""The door a second start knocks at: a Unix socket only its user can reach, on the GUI thread.

(Two real trayclock processes knock at each other in tests/integration/test_second_instance.py.)
"""

from __future__ import annotations

import os
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from trayclock.ui.single_instance import (
    InstanceDoor,
    ask_running_to_show,
    door_folder,
    door_name,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows knocks at a named pipe")


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def door(runtime: Path, tmp_path: Path) -> Iterator[InstanceDoor]:
    made = InstanceDoor(door_name(tmp_path / "data"))
    assert made.open()
    yield made
    made.close()


def knock_from_a_thread(name: str) -> list[bool]:
    """A second start's knock, from a thread: the GUI thread must stay free to answer."""
    answers: list[bool] = []
    threading.Thread(target=lambda: answers.append(ask_running_to_show(name))).start()
    return answers


def test_a_knock_is_heard_and_answered(door: InstanceDoor, qtbot) -> None:
    with qtbot.waitSignal(door.show_requested, timeout=5000):
        answers = knock_from_a_thread(door.name)
    qtbot.waitUntil(lambda: answers == [True], timeout=5000)


def test_the_socket_is_the_users_alone(door: InstanceDoor, runtime: Path) -> None:
    path = runtime / door.name
    info = path.stat()
    assert stat.S_ISSOCK(info.st_mode)
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert info.st_uid == os.getuid()


def test_anything_but_show_is_not_a_knock(door: InstanceDoor, runtime: Path, qtbot) -> None:
    import socket

    heard: list[None] = []
    door.show_requested.connect(lambda: heard.append(None))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as visitor:
        visitor.settimeout(5)
        visitor.connect(str(runtime / door.name))
        visitor.sendall(b"x" * 200)  # no line at all, and longer than a knock
        got: list[bytes] = []

        def listen() -> None:
            try:
                got.append(visitor.recv(16))
            except ConnectionResetError:  # closed with our bytes unread: hung up on all the same
                got.append(b"")

        threading.Thread(target=listen).start()
        qtbot.waitUntil(lambda: got == [b""], timeout=5000)  # hung up on, no "ok"
    assert heard == []


def test_a_socket_left_by_a_crash_is_replaced_and_closing_removes_it(
    runtime: Path, tmp_path: Path, qtbot
) -> None:
    name = door_name(tmp_path / "data")
    (runtime / name).write_text("left behind")
    made = InstanceDoor(name)
    assert made.open()
    try:
        with qtbot.waitSignal(made.show_requested, timeout=5000):
            answers = knock_from_a_thread(name)
        qtbot.waitUntil(lambda: answers == [True], timeout=5000)
    finally:
        made.close()
    assert not (runtime / name).exists()
    assert not ask_running_to_show(name, timeout_ms=500)  # nobody there now: no hang


def test_without_a_private_runtime_folder_a_private_one_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)  # whatever the umask made of it
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))  # not private: not used
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    folder = door_folder()
    assert folder == tmp_path / "tmp" / f"trayclock-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o755)  # someone opened it up: refused, not used
    with pytest.raises(OSError, match="not a folder private to this user"):
        door_folder()
