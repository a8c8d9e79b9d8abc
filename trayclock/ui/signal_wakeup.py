"""SIGTERM and SIGINT heard while Qt waits: the interpreter's wake-up fd, watched by Qt.

Python runs a signal's handler only when the interpreter runs, and while the Qt event loop
waits nothing of Python does: the signal would wait for the next Qt event. Instead of a
timer that wakes the interpreter a few times a second for nothing, the C-level handler
writes the signal's number to a socket (`signal.set_wakeup_fd`) that a QSocketNotifier
watches: Qt wakes for that byte only, calls `_drain` (Python code), and on the way the
interpreter runs the handler. Idle, nothing wakes.

`quit_on_signals` makes SIGTERM and SIGINT quit the tray through the event loop, never from
inside whatever Python code the handler happened to interrupt.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

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


def quit_on_signals(qt: QCoreApplication) -> SignalWakeup | None:
    """SIGINT (Ctrl-C) and SIGTERM (a logout) quit the tray cleanly, heard at once through the
    wake-up fd (no timer polls for them); None off the main thread, where Python takes none."""
    if threading.current_thread() is not threading.main_thread():
        return None
    wakeup = SignalWakeup(qt)

    def quit_soon(*_: object) -> None:
        # Python runs this handler between any two bytecodes of the GUI thread, e.g. halfway
        # through the write of a session's end. Quitting from here would run the quit's work
        # inside that write; queued, it runs once the event loop has the thread again.
        # A zero timer queues it as invokeMethod(..., QueuedConnection) did, without naming
        # Qt.ConnectionType (that builds the whole Qt namespace: +1 MiB, PySide6 6.11).
        QTimer.singleShot(0, qt.quit)

    signal.signal(signal.SIGINT, quit_soon)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, quit_soon)
    return wakeup
