"""trayclock's own log: a rotating file in the log folder, private to the user, and warnings on
stderr.

The log names customers, partners and file paths, so it is created 0600 (and so is each file
rotation starts), whatever the umask; an older log left readable by others is made private.
"""

from __future__ import annotations

import io
import logging
import os
from logging.handlers import RotatingFileHandler

from trayclock.config import Paths

LOG_FILE_NAME = "trayclock.log"
LOG_FILE_BYTES = 1_000_000
LOG_FILE_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
PRIVATE_FILE_MODE = 0o600


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are born 0600 (the first one and each after a roll)."""

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        descriptor = os.open(self.baseFilename, flags, PRIVATE_FILE_MODE)
        if os.name == "posix":
            os.fchmod(descriptor, PRIVATE_FILE_MODE)  # one made before this version: 0644
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)


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
