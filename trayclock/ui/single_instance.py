"""One trayclock per store: a second start asks the running one to show itself, then exits.

Started from a launcher, a second trayclock that only wrote "already running" on stderr
said it to nobody. The running one listens on a local socket (QLocalServer: a Unix socket
or a named pipe, private to the user) named after the user and its data folder, next to
its lock; the second one connects, says "show", waits for "ok" and exits 0 while the first
one brings its window forward.
"""

from __future__ import annotations

import getpass
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QCryptographicHash, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

SHOW = b"show\n"
SHOWN = b"ok\n"
ANSWER_TIMEOUT_MS = 3_000  # the running one answers from its event loop: at once, or it hangs


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


class InstanceDoor(QObject):
    """The running trayclock's end: `show_requested` when a second start knocks."""

    show_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)

    def open(self) -> bool:
        """Listen; call only while holding the store's lock (a socket left by a crashed
        trayclock is removed first: nobody else can be listening)."""
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("a second start cannot reach this one: %s", self._server.errorString())
            return False
        log.info("a second start knocks at %s", self._server.fullServerName())
        return True

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_ready(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_ready(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == SHOW:
            log.info("a second start asked this trayclock to show itself")
            self.show_requested.emit()
            socket.write(SHOWN)
            socket.flush()
        socket.disconnectFromServer()


def ask_running_to_show(name: str, timeout_ms: int = ANSWER_TIMEOUT_MS) -> bool:
    """The second start's end: True when the running trayclock said it is showing itself."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(SHOW)
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer == SHOWN
