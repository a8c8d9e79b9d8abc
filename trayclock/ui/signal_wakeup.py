"""SIGTERM and SIGINT heard while Qt waits: the interpreter's wake-up fd, watched by Qt.

Python runs a signal's handler only when the interpreter runs, and while the Qt event loop
waits nothing of Python does: the signal would wait for the next Qt event. Instead of a
timer that wakes the interpreter a few times a second for nothing, the C-level handler
writes the signal's number to a socket (`signal.set_wakeup_fd`) that a QSocketNotifier
watches: Qt wakes for that byte only, calls `_drain` (Python code), and on the way the
interpreter runs the handler. Idle, nothing wakes.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

DRAIN_BYTES = 512  # one byte per signal: more than ever arrive between two reads


class SignalWakeup(QObject):
    """While it is open, a signal with a Python handler is handled at once, without polling."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("the signal wake-up fd can be set from the main thread only")
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)  # the C handler must never block on a full socket
        # A burst of signals that fills the socket is no news worth a warning on stderr.
        self._previous = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        # Entering this Python function is what lets the interpreter run the pending handlers.
        try:
            while self._reader.recv(DRAIN_BYTES):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def close(self) -> None:
        """Give the wake-up fd back (to what it was before), stop watching, close the sockets."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous)
        self._reader.close()
        self._writer.close()
