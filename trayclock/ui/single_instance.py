"""One trayclock per store: a second start asks the running one to show itself, then exits.

Started from a launcher, a second trayclock that only wrote "already running" on stderr
said it to nobody. The running one listens on a local socket named after the user and its
data folder, next to its lock; the second one connects, says "show", waits for "ok" and
exits 0 while the first one brings its window forward.

On Linux and macOS the socket is a Unix socket in a folder only the user can enter (the
session's XDG_RUNTIME_DIR, else a `trayclock-UID` folder in the temp folder, made 0700 and
checked), watched by a QSocketNotifier on the GUI thread. QLocalServer did the same, but
QtNetwork costs the idle tray 2.8 MiB resident (itself, its binding, the Kerberos and
resolver libraries it links); it is loaded only on Windows, whose named pipe it is the way
to.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import socket
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCryptographicHash, QObject, QSocketNotifier, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

SHOW = b"show\n"
SHOWN = b"ok\n"
ANSWER_TIMEOUT_MS = 3_000  # the running one answers from its event loop: at once, or it hangs
KNOCK_MAX_BYTES = 64  # a knock is one short line: more is not a knock
PRIVATE_MODE = 0o700
SOCKET_MODE = 0o600
BACKLOG = 8
NAMED_PIPES = sys.platform == "win32"


def door_name(data_dir: Path) -> str:
    """The socket's name: the same for every start on this user's store, no other's."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container): the folder alone
        user = ""
    # Qt's SHA-256, not hashlib's: that one loads OpenSSL's libcrypto (3.4 MiB resident in
    # the idle tray) for one hash at start-up. The same digest, so the same name.
    data = QByteArray(f"{user}\0{data_dir.resolve()}".encode())
    digest = QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha256).toHex()
    return f"trayclock-{bytes(digest.data()).decode()[:16]}"


def _private(folder: Path) -> bool:
    try:
        info = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def door_folder(*, make: bool = True) -> Path:
    """Where the Unix socket lives: a folder nobody but this user can enter (OSError if none)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _private(Path(runtime)):
        return Path(runtime)
    folder = Path(tempfile.gettempdir()) / f"trayclock-{os.getuid()}"
    if make:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_MODE)
    if not _private(folder):
        raise OSError(f"{folder} is not a folder private to this user")
    return folder


class InstanceDoor(QObject):
    """The running trayclock's end: `show_requested` when a second start knocks."""

    show_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: socket.socket | None = None
        self._path: Path | None = None
        self._watch: QSocketNotifier | None = None
        self._visitors: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}
        # Watches of visitors gone: kept until the next knock or the close, because a watch
        # is let go inside its own signal (deleting it there crashes Qt).
        self._retired: list[QSocketNotifier] = []
        self._pipe: _PipeDoor | None = _PipeDoor(self) if NAMED_PIPES else None

    def open(self) -> bool:
        """Listen; call only while holding the store's lock (a socket left by a crashed
        trayclock is removed first: nobody else can be listening)."""
        if self._pipe is not None:
            return self._pipe.open()
        try:
            path = door_folder() / self.name
            path.unlink(missing_ok=True)
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                server.bind(str(path))
                os.chmod(path, SOCKET_MODE)
                server.listen(BACKLOG)
                server.setblocking(False)
            except OSError:
                server.close()
                raise
        except OSError as error:
            log.warning("a second start cannot reach this one: %s", error)
            return False
        self._server, self._path = server, path
        self._watch = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._accept)
        log.info("a second start knocks at %s", path)
        return True

    def close(self) -> None:
        if self._pipe is not None:
            self._pipe.close()
            return
        for fd in list(self._visitors):
            self._drop(fd)
        self._retired.clear()
        if self._watch is not None:
            self._watch.setEnabled(False)
            self._watch = None
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._path is not None:
            self._path.unlink(missing_ok=True)
            self._path = None

    def knocked(self, line: bytes) -> bool:
        """One line from a second start: True (and `show_requested`) when it asked to show."""
        if line != SHOW:
            return False
        log.info("a second start asked this trayclock to show itself")
        self.show_requested.emit()
        return True

    def _accept(self) -> None:
        assert self._server is not None
        self._retired.clear()
        while True:
            try:
                visitor, _address = self._server.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                log.warning("a second start could not be let in: %s", error)
                return
            visitor.setblocking(False)
            fd = visitor.fileno()
            watch = QSocketNotifier(fd, QSocketNotifier.Type.Read)  # Python's: see _retired
            watch.activated.connect(lambda *_args, fd=fd: self._read(fd))
            self._visitors[fd] = (visitor, watch, bytearray())

    def _read(self, fd: int) -> None:
        visitor, _watch, heard = self._visitors[fd]
        try:
            data = visitor.recv(KNOCK_MAX_BYTES)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        heard += data
        if data and b"\n" not in heard and len(heard) < KNOCK_MAX_BYTES:
            return  # the rest of the line is on its way
        line = bytes(heard.partition(b"\n")[0]) + b"\n"
        if self.knocked(line):
            # Three bytes into an empty socket buffer: never blocks. A visitor that gave up
            # waiting is gone (it says so itself).
            with contextlib.suppress(OSError):
                visitor.send(SHOWN)
        self._drop(fd)

    def _drop(self, fd: int) -> None:
        visitor, watch, _heard = self._visitors.pop(fd)
        watch.setEnabled(False)
        self._retired.append(watch)
        visitor.close()


def ask_running_to_show(name: str, timeout_ms: int = ANSWER_TIMEOUT_MS) -> bool:
    """The second start's end: True when the running trayclock said it is showing itself."""
    if NAMED_PIPES:
        return _ask_through_pipe(name, timeout_ms)
    try:
        path = door_folder(make=False) / name
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as door:
            door.settimeout(timeout_ms / 1000)
            door.connect(str(path))
            door.sendall(SHOW)
            answer = b""
            while not answer.endswith(b"\n") and len(answer) < KNOCK_MAX_BYTES:
                chunk = door.recv(KNOCK_MAX_BYTES)
                if not chunk:
                    break
                answer += chunk
    except OSError:  # no such door, refused, or no answer in time (a hung trayclock)
        return False
    return answer == SHOWN


# -- Windows: a named pipe through QLocalServer (QtNetwork is loaded there only) --------------


class _PipeDoor:
    def __init__(self, door: InstanceDoor) -> None:
        from PySide6.QtNetwork import QLocalServer

        self._door = door
        self._server = QLocalServer(door)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)

    def open(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self._door.name)
        if not self._server.listen(self._door.name):
            log.warning("a second start cannot reach this one: %s", self._server.errorString())
            return False
        log.info("a second start knocks at %s", self._server.fullServerName())
        return True

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            visitor = self._server.nextPendingConnection()
            visitor.readyRead.connect(lambda v=visitor: self._on_ready(v))
            visitor.disconnected.connect(visitor.deleteLater)

    def _on_ready(self, visitor: QLocalSocket) -> None:
        if not visitor.canReadLine():
            return
        if self._door.knocked(bytes(visitor.readLine().data())):
            visitor.write(SHOWN)
            visitor.flush()
        visitor.disconnectFromServer()


def _ask_through_pipe(name: str, timeout_ms: int) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    visitor = QLocalSocket()
    visitor.connectToServer(name)
    if not visitor.waitForConnected(timeout_ms):
        return False
    visitor.write(SHOW)
    if not visitor.waitForBytesWritten(timeout_ms):
        return False
    answer = b""
    while not answer.endswith(b"\n") and visitor.waitForReadyRead(timeout_ms):
        answer += bytes(visitor.readAll().data())
    visitor.disconnectFromServer()
    return answer == SHOWN
