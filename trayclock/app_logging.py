"""trayclock's own log: a rotating file in the log folder, private to the user, and warnings on
stderr.

The log names customers, partners and file paths, so it is created 0600 (and so is each file
rotation starts), whatever the umask; an older log left readable by others is made private.

The rotation is our own few lines on logging.FileHandler, not logging.handlers'
RotatingFileHandler: that module brings socket, pickle, queue and a dozen other handlers into
every tray (0.5 MiB of the idle tray's memory, bench/RESULTS.md "Idle memory, broken down").
It rolls over as that one does: before a record that would take the file to `maxBytes`, the
file becomes `.1`, `.1` becomes `.2` … and the oldest beyond `backupCount` is dropped.
"""

from __future__ import annotations

import io
import logging
import os

from trayclock.config import Paths

LOG_FILE_NAME = "trayclock.log"
LOG_FILE_BYTES = 1_000_000
LOG_FILE_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
PRIVATE_FILE_MODE = 0o600


class PrivateRotatingFileHandler(logging.FileHandler):
    """A log file rolled over at `maxBytes` into `backupCount` older ones, each born 0600."""

    def __init__(
        self, filename: str | os.PathLike[str], *, maxBytes: int, backupCount: int, encoding: str
    ) -> None:
        super().__init__(filename, mode="a", encoding=encoding)
        self.max_bytes = maxBytes
        self.backups = backupCount

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        descriptor = os.open(self.baseFilename, flags, PRIVATE_FILE_MODE)
        if os.name == "posix":
            os.fchmod(descriptor, PRIVATE_FILE_MODE)  # one made before this version: 0644
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full_with(record):
                self._roll_over()
        except Exception:  # as logging does: a log that cannot roll must not stop the app
            self.handleError(record)
            return
        super().emit(record)

    def _full_with(self, record: logging.LogRecord) -> bool:
        if self.max_bytes <= 0 or self.backups <= 0:
            return False
        if not os.path.isfile(self.baseFilename):  # e.g. /dev/null: nothing to roll
            return False
        if self.stream is None:
            self.stream = self._open()
        written = self.stream.seek(0, os.SEEK_END)
        return written + len(self.format(record) + self.terminator) >= self.max_bytes

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        for number in range(self.backups - 1, 0, -1):
            older = f"{self.baseFilename}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{number + 1}")
        os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()


def setup_logging(app_paths: Paths) -> None:
    """INFO and up to the log file, WARNING and up to stderr; a no-op when set up already."""
    root = logging.getLogger()
    if root.handlers:  # a test or the demo set it up already
        return
    root.setLevel(logging.INFO)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    root.addHandler(stderr)
    file_handler = PrivateRotatingFileHandler(
        app_paths.log_dir / LOG_FILE_NAME,
        maxBytes=LOG_FILE_BYTES,
        backupCount=LOG_FILE_BACKUPS,
        encoding="utf-8",
    )
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(file_handler)
